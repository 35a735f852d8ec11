//! `neighbors`: the actors within N hops of one, grouped by distance, each with the relations
//! that reach it.

use serde::Serialize;

use super::{ActorRef, Cx, QueryError};
use crate::graph::algo::Walker;
use crate::graph::{Direction, EdgeId, Filter};
use crate::model::{Action, ActorId, ClaimId, RelationKind};
use crate::query::{Names, Opts};

#[derive(Clone, Debug, Serialize)]
pub struct NeighborsAnswer {
    pub center: ActorRef,
    pub depth: usize,
    /// Which way the walk followed claims.
    pub direction: Direction,
    pub filter: Vec<String>,
    /// How many actors the neighbourhood holds in all.
    pub total: usize,
    /// Whether `limit` cut the list.
    pub cut: bool,
    pub rings: Vec<Ring>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Ring {
    pub distance: usize,
    pub actors: Vec<Neighbor>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Neighbor {
    pub actor: ActorRef,
    /// The actor it was reached from (the centre, at distance 1).
    pub via: ActorRef,
    pub relations: Vec<Relation>,
}

/// A summary of one edge: its kind, how many claims pass, and its most frequent actions.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub claims: usize,
    pub actions: Vec<Action>,
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
