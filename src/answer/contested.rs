//! `contested`: pairs of actors with both cooperation and conflict claims.

use serde::Serialize;

use super::{ActorRef, ClaimView, Cx, QueryError};
use crate::model::{ClaimId, RelationKind};
use crate::query::{Names, Opts};

#[derive(Clone, Debug, Serialize)]
pub struct ContestedAnswer {
    pub filter: Vec<String>,
    pub pairs: Vec<ContestedPair>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContestedPair {
    pub a: ActorRef,
    pub b: ActorRef,
    pub cooperation: Vec<ClaimView>,
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
