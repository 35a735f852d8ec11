//! `contested`: pairs of actors with both cooperation and conflict claims.

use serde::Serialize;

use super::{ActorRef, ClaimView, Cx, QueryError};
use crate::model::{ClaimId, RelationKind};
use crate::query::{Names, Opts};

/// The answer to `contested`: pairs of actors with both cooperation and conflict claims.
#[derive(Clone, Debug, Serialize)]
pub struct ContestedAnswer {
    /// The query's filter in words, e.g. `["since 2025"]`; empty when there is none.
    pub filter: Vec<String>,
    /// The contested pairs, most evenly contested first: the larger the smaller side (cooperation
    /// or conflict claims), the higher; then more claims in all; then by the two names.
    pub pairs: Vec<ContestedPair>,
}

/// Two actors with both cooperation and conflict claims that pass the filter.
#[derive(Clone, Debug, Serialize)]
pub struct ContestedPair {
    /// One actor of the pair: the one with the lower id.
    pub a: ActorRef,
    /// The other actor of the pair.
    pub b: ActorRef,
    /// The cooperation claims between the two, sorted by date, then database order.
    pub cooperation: Vec<ClaimView>,
    /// The conflict claims between the two, sorted by date, then database order.
    pub conflict: Vec<ClaimView>,
}

impl Cx<'_> {
    pub(super) fn contested(
        &self,
        actor: &Names,
        opts: &Opts,
    ) -> Result<ContestedAnswer, QueryError> {
        let only = if actor.is_empty() {
            None
        } else {
            Some(self.bind(actor, 1, 1, "contested takes at most one actor")?[0])
        };
        let filter = self.filter(opts)?;
        let mut pairs = Vec::new();
        for (_, edge) in self.db.graph.edges() {
            if edge.kind != RelationKind::Cooperation {
                continue;
            }
            if only.is_some_and(|o| edge.a != o && edge.b != o) {
                continue;
            }
            let Some(conflict) = self.db.graph.find(edge.a, edge.b, RelationKind::Conflict) else {
                continue;
            };
            let mut coop: Vec<ClaimId> = filter.passing(self.db.net(), edge).collect();
            let mut conf: Vec<ClaimId> = filter
                .passing(self.db.net(), self.db.graph.edge(conflict))
                .collect();
            if coop.is_empty() || conf.is_empty() {
                continue;
            }
            coop.sort_by_key(|c| (self.db.claim(*c).date, *c));
            conf.sort_by_key(|c| (self.db.claim(*c).date, *c));
            pairs.push(ContestedPair {
                a: self.actor_ref(edge.a),
                b: self.actor_ref(edge.b),
                cooperation: coop.into_iter().map(|c| self.claim_view(c)).collect(),
                conflict: conf.into_iter().map(|c| self.claim_view(c)).collect(),
            });
        }
        // Most evenly contested first: both sides well attested.
        pairs.sort_by(|p, q| {
            let k = |x: &ContestedPair| {
                (
                    x.cooperation.len().min(x.conflict.len()),
                    x.cooperation.len() + x.conflict.len(),
                )
            };
            k(q).cmp(&k(p))
                .then((&p.a.name, &p.b.name).cmp(&(&q.a.name, &q.b.name)))
        });
        Ok(ContestedAnswer {
            filter: self.describe_filter(&filter),
            pairs,
        })
    }
}
