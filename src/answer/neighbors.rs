//! `neighbors`: the actors within N hops of one, grouped by distance, each with the relations
//! that reach it.

use serde::Serialize;

use super::{ActorRef, AnswerError, Cx, FollowUp, Grouping, QueryError};
use crate::graph::algo::Walker;
use crate::graph::{Direction, Filter};
use crate::model::{Action, ActorId, ClaimId, RelationKind};
use crate::query::{Names, Opts, Weighting};

/// How many actors `neighbors` lists unless `limit` says otherwise: the nearest, most strongly
/// tied first.
pub const DEFAULT_NEIGHBORS: usize = 50;

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
    /// What ranked each ring: `claims`, `evidence` (the default) or `goldstein`.
    pub weight: Weighting,
    /// How many actors the neighbourhood holds in all, the centre not counted, before `limit`
    /// cut the list.
    pub total: usize,
    /// Whether `limit` (or the default cap) cut the list.
    pub cut: bool,
    /// The actors reached, by increasing distance; a ring is present only when it holds someone.
    pub rings: Vec<Ring>,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

/// The actors at one distance from the centre.
#[derive(Clone, Debug, Serialize)]
pub struct Ring {
    /// The distance in hops, from 1 (direct neighbours).
    pub distance: usize,
    /// The actors at that distance, the most strongly tied first by the answer's `weight`,
    /// then by name.
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
    /// How many claims between the two pass the filter (and go the walk's way, for `in` or
    /// `out`), rolled-up members' included.
    pub claims: usize,
    /// How many distinct sentences those claims quote: the evidence the ranking counts.
    pub quotes: usize,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// The sum of the claims' Goldstein scores (coded event data): positive for a cooperative
    /// tie, negative for a hostile one; absent when no claim has a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// The sum of the magnitudes of those scores: how intense the tie is, whichever way it
    /// points (what `weight goldstein` ranks by); absent when no claim has a score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity: Option<f32>,
    /// People and components rolled up into the two actors whose claims these are; absent
    /// when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<ActorRef>,
    /// The query that lists these claims, with their count; absent when no query can (an
    /// `in` or `out` walk counts only one direction).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FollowUp>,
    /// The claims that pass the query's filter (for exports).
    #[serde(skip)]
    pub claim_ids: Vec<ClaimId>,
}

impl Cx<'_> {
    /// The relations between two nodes that a walk `dir`-wards may use, one per kind.
    pub(super) fn relations(
        &self,
        w: &Walker<'_>,
        filter: &Filter,
        u: ActorId,
        v: ActorId,
        dir: Direction,
    ) -> Vec<Relation> {
        let claims = w.step_claims(u, v, dir);
        RelationKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let of_kind: Vec<ClaimId> = claims
                    .iter()
                    .copied()
                    .filter(|c| self.db.claim(*c).kind() == kind)
                    .collect();
                if of_kind.is_empty() {
                    return None;
                }
                let support = self.db.support(&of_kind);
                let scores: Vec<f32> = of_kind
                    .iter()
                    .filter_map(|c| self.db.claim(*c).coded.as_ref()?.goldstein)
                    .collect();
                Some(Relation {
                    kind,
                    claims: of_kind.len(),
                    quotes: support.quotes,
                    actions: self.top_actions(&of_kind),
                    goldstein: (!scores.is_empty()).then(|| scores.iter().sum()),
                    intensity: (!scores.is_empty()).then(|| scores.iter().map(|g| g.abs()).sum()),
                    through: self.through(w, &[u, v], &of_kind),
                    // `evidence U V` lists an undirected walk's cooperation or conflict exactly;
                    // its mediation list also holds third parties' mediations between the two.
                    evidence: if dir == Direction::Both && kind != RelationKind::Mediation {
                        self.follow_up(w, filter, u, v, kind, of_kind.len())
                    } else {
                        None
                    },
                    claim_ids: of_kind,
                })
            })
            .collect()
    }

    pub(super) fn neighbors(
        &self,
        actor: &Names,
        opts: &Opts,
    ) -> Result<NeighborsAnswer, AnswerError> {
        let s = self.bind(actor, 1, 1, "neighbors needs one actor")?[0];
        let filter = self.filter(opts, &[s])?;
        if filter.avoid.contains(&s) {
            return Err(QueryError::new(format!(
                "cannot avoid {}: it is the centre",
                self.db.name(s)
            ))
            .into());
        }
        let depth = opts.depth.unwrap_or(1);
        let dir = opts.dir.unwrap_or_default();
        let w = self.walker(&filter);
        let reached = w.neighborhood(s, depth, dir)?;
        // Describing every actor reached reads the claims of each step: at a large depth on a
        // large graph, that is most of the database.
        let mut ticker = self.ticker();
        let mut entries: Vec<(usize, Neighbor)> = Vec::with_capacity(reached.len());
        for r in &reached {
            ticker.tick()?;
            entries.push((
                r.distance,
                Neighbor {
                    actor: self.actor_ref(r.actor),
                    via: self.actor_ref(r.via),
                    relations: self.relations(&w, &filter, r.via, r.actor, dir),
                },
            ));
        }
        // Strongest ties first within a ring, by the query's weight, then by evidence
        // (distinct sentences, then claims) and name, so the cut-off keeps the strongest,
        // reproducibly.
        let weight = opts.weight.unwrap_or(Weighting::Evidence);
        let evidence = |n: &Neighbor| {
            (
                n.relations.iter().map(|r| r.quotes).sum::<usize>(),
                n.relations.iter().map(|r| r.claims).sum::<usize>(),
            )
        };
        let claims = |n: &Neighbor| n.relations.iter().map(|r| r.claims).sum::<usize>();
        let intensity =
            |n: &Neighbor| -> f32 { n.relations.iter().filter_map(|r| r.intensity).sum() };
        entries.sort_by(|(da, a), (db, b)| {
            let strength = match weight {
                Weighting::Evidence => std::cmp::Ordering::Equal,
                Weighting::Claims => claims(b).cmp(&claims(a)),
                Weighting::Goldstein => intensity(b).total_cmp(&intensity(a)),
            };
            da.cmp(db)
                .then(strength)
                .then(evidence(b).cmp(&evidence(a)))
                .then(a.actor.name.cmp(&b.actor.name))
        });
        let total = entries.len();
        let cut = opts.cap(DEFAULT_NEIGHBORS) < total;
        entries.truncate(opts.cap(DEFAULT_NEIGHBORS));
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
        if opts.weight.is_some_and(|w| w != Weighting::Evidence) {
            described.push(format!("weight {}", weight.as_str()));
        }
        Ok(NeighborsAnswer {
            center: self.actor_ref(s),
            depth,
            direction: dir,
            filter: described,
            weight,
            total,
            cut,
            rings,
            grouping: Grouping::of(&filter),
        })
    }
}
