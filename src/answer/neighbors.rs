//! `neighbors`: the actors within N hops of one, grouped by distance, each with the relations
//! that reach it.

use serde::Serialize;

use super::{ActorRef, Cx, QueryError};
use crate::graph::algo::Walker;
use crate::graph::{Direction, EdgeId, Filter};
use crate::model::{Action, ActorId, ClaimId, RelationKind};
use crate::query::{Names, Opts};

/// The answer to `neighbors A`: the actors within some hops of A, grouped into rings by distance.
#[derive(Clone, Debug, Serialize)]
pub struct NeighborsAnswer {
    /// The actor at the centre.
    pub center: ActorRef,
    /// How many hops out the walk went: `depth N`, 1 by default.
    pub depth: usize,
    /// Which way the walk followed claims.
    pub direction: Direction,
    /// The query's filter in words, e.g. `["via cooperation"]`; empty when there is none. The
    /// direction is in `direction`, not here.
    pub filter: Vec<String>,
    /// How many actors the neighbourhood holds in all, the centre not counted, before `limit`
    /// cut the list.
    pub total: usize,
    /// Whether `limit` cut the list.
    pub cut: bool,
    /// The actors reached, by increasing distance; a ring is present only when it holds someone.
    pub rings: Vec<Ring>,
}

/// The actors at one distance from the centre.
#[derive(Clone, Debug, Serialize)]
pub struct Ring {
    /// The distance in hops, from 1 (direct neighbours).
    pub distance: usize,
    /// The actors at that distance, most claims on their relations first, then by name.
    pub actors: Vec<Neighbor>,
}

/// An actor in a neighbourhood, with how it was reached.
#[derive(Clone, Debug, Serialize)]
pub struct Neighbor {
    /// The actor reached, at its ring's distance from the centre.
    pub actor: ActorRef,
    /// The actor it was reached from (the centre, at distance 1).
    pub via: ActorRef,
    /// The relations between `via` and this actor that the walk could use, one per kind, in kind
    /// order (cooperation, conflict, mediation).
    pub relations: Vec<Relation>,
}

/// A summary of one edge: its kind, how many claims pass, and its most frequent actions.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    /// The kind of the relation: `cooperation`, `conflict` or `mediation`.
    pub kind: RelationKind,
    /// How many of the edge's claims pass the filter (and go the walk's way, for `in` or `out`).
    pub claims: usize,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// The edge summarised, for exports; not in the JSON.
    #[serde(skip)]
    pub edge: EdgeId,
    /// The claims that pass the query's filter (for exports).
    #[serde(skip)]
    pub claim_ids: Vec<ClaimId>,
}

impl Cx<'_> {
    fn relations(&self, filter: &Filter, u: ActorId, v: ActorId, dir: Direction) -> Vec<Relation> {
        self.db
            .graph
            .between(u, v)
            .into_iter()
            .filter_map(|e| {
                let edge = self.db.graph.edge(e);
                if !filter.kinds.contains(edge.kind) {
                    return None;
                }
                let claims: Vec<ClaimId> = filter
                    .passing(self.db.net(), edge)
                    .filter(|c| {
                        let c = self.db.claim(*c);
                        match dir {
                            Direction::Both => true,
                            Direction::Out => c.goes(u, v),
                            Direction::In => c.goes(v, u),
                        }
                    })
                    .collect();
                (!claims.is_empty()).then(|| Relation {
                    kind: edge.kind,
                    claims: claims.len(),
                    actions: self.top_actions(&claims),
                    edge: e,
                    claim_ids: claims,
                })
            })
            .collect()
    }

    pub(super) fn neighbors(
        &self,
        actor: &Names,
        opts: &Opts,
    ) -> Result<NeighborsAnswer, QueryError> {
        let s = self.bind(actor, 1, 1, "neighbors needs one actor")?[0];
        let filter = self.filter(opts)?;
        if filter.avoid.contains(&s) {
            return Err(QueryError::new(format!(
                "cannot avoid {}: it is the centre",
                self.db.name(s)
            )));
        }
        let depth = opts.depth.unwrap_or(1);
        let dir = opts.dir.unwrap_or_default();
        let reached = Walker::new(self.db.net(), &filter).neighborhood(s, depth, dir);
        let mut entries: Vec<(usize, Neighbor)> = reached
            .iter()
            .map(|r| {
                (
                    r.distance,
                    Neighbor {
                        actor: self.actor_ref(r.actor),
                        via: self.actor_ref(r.via),
                        relations: self.relations(&filter, r.via, r.actor, dir),
                    },
                )
            })
            .collect();
        // Strongest ties first within a ring; the cut-off keeps the strongest, reproducibly.
        let weight = |n: &Neighbor| n.relations.iter().map(|r| r.claims).sum::<usize>();
        entries.sort_by(|(da, a), (db, b)| {
            da.cmp(db)
                .then(weight(b).cmp(&weight(a)))
                .then(a.actor.name.cmp(&b.actor.name))
        });
        let total = entries.len();
        let cut = opts.limit.is_some_and(|l| l < total);
        entries.truncate(opts.limit.unwrap_or(total));
        let mut rings: Vec<Ring> = Vec::new();
        for (d, n) in entries {
            match rings.last_mut() {
                Some(r) if r.distance == d => r.actors.push(n),
                _ => rings.push(Ring {
                    distance: d,
                    actors: vec![n],
                }),
            }
        }
        let mut described = self.describe_filter(&filter);
        described.retain(|d| d != "directed");
        Ok(NeighborsAnswer {
            center: self.actor_ref(s),
            depth,
            direction: dir,
            filter: described,
            total,
            cut,
            rings,
        })
    }
}
