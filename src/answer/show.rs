//! `show`: the actor card — kind, links, roll-up, relations by kind, partners, adversaries,
//! mediation roles and the documents that mention the actor.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ActorRef, Cx, QueryError};
use crate::graph::EdgeId;
use crate::model::{Action, ActorId, Certainty, RelationKind};
use crate::query::Names;

#[derive(Clone, Debug, Serialize)]
pub struct ActorCard {
    pub actor: ActorRef,
    pub kind_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<ActorRef>,
    /// The top-level actor this one rolls up to, if not itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolls_up_to: Option<ActorRef>,
    /// Actors that are part of, or act for, this one.
    pub members: Vec<ActorRef>,
    pub counts: Vec<KindTally>,
    pub partners: Vec<Counterpart>,
    pub adversaries: Vec<Counterpart>,
    /// Pairs it mediates between, and who mediates for it.
    pub mediates_between: Vec<[ActorRef; 2]>,
    pub mediated_by: Vec<ActorRef>,
    pub documents: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KindTally {
    pub kind: RelationKind,
    pub relations: usize,
    pub claims: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counterpart {
    pub actor: ActorRef,
    pub claims: usize,
    pub best_certainty: Certainty,
    pub actions: Vec<Action>,
    #[serde(skip)]
    pub edge: EdgeId,
}

impl Cx<'_> {
    pub(super) fn show(&self, actor: &Names) -> Result<ActorCard, QueryError> {
        let a = self.bind(actor, 1, 1, "show needs one actor")?[0];
        let x = self.db.actor(a);
        let members: Vec<ActorRef> = self
            .db
            .actor_ids()
            .filter(|&m| {
                let y = self.db.actor(m);
                y.part_of == Some(a) || y.acts_for == Some(a)
            })
            .map(|m| self.actor_ref(m))
            .collect();
        let mut counts = Vec::new();
        let mut partners = Vec::new();
        let mut adversaries = Vec::new();
        for kind in RelationKind::ALL {
            let links: Vec<_> = self
                .db
                .graph
                .links(a)
                .filter(|l| l.data.kind == kind)
                .collect();
            let claims: usize = links.iter().map(|l| l.data.claim_count()).sum();
            counts.push(KindTally {
                kind,
                relations: links.len(),
                claims,
            });
            let mut list: Vec<Counterpart> = links
                .iter()
                .map(|l| Counterpart {
                    actor: self.actor_ref(l.other),
                    claims: l.data.claim_count(),
                    best_certainty: l.data.best,
                    actions: self.top_actions(self.db.graph.claims(l.data)),
                    edge: l.edge,
                })
                .collect();
            list.sort_by(|p, q| {
                q.claims
                    .cmp(&p.claims)
                    .then(q.best_certainty.cmp(&p.best_certainty))
                    .then(p.actor.name.cmp(&q.actor.name))
            });
            list.truncate(8);
            match kind {
                RelationKind::Cooperation => partners = list,
                RelationKind::Conflict => adversaries = list,
                RelationKind::Mediation => {}
            }
        }
        let mut mediates: BTreeSet<(ActorId, ActorId)> = BTreeSet::new();
        let mut mediated_by: BTreeSet<ActorId> = BTreeSet::new();
        let mut documents: BTreeSet<&str> = BTreeSet::new();
        for id in self.claims_at(&[a]) {
            let c = self.db.claim(id);
            documents.insert(&self.db.document(c.doc).id);
            if let Some((p, q)) = c.parties() {
                if c.from == a {
                    mediates.insert((p.min(q), p.max(q)));
                }
                if p == a || q == a {
                    mediated_by.insert(c.from);
                }
            }
        }
        let principal = self.db.principal(a);
        Ok(ActorCard {
            actor: self.actor_ref(a),
            kind_label: x.kind.label().into(),
            description: x.description.clone(),
            aliases: x.aliases.clone(),
            part_of: x.part_of.map(|p| self.actor_ref(p)),
            acts_for: x.acts_for.map(|p| self.actor_ref(p)),
            rolls_up_to: (principal != a && Some(principal) != x.parent())
                .then(|| self.actor_ref(principal)),
            members,
            counts,
            partners,
            adversaries,
            mediates_between: mediates
                .into_iter()
                .map(|(p, q)| [self.actor_ref(p), self.actor_ref(q)])
                .collect(),
            mediated_by: mediated_by.into_iter().map(|m| self.actor_ref(m)).collect(),
            documents: documents.into_iter().map(str::to_string).collect(),
        })
    }
}
