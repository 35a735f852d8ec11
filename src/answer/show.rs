//! `show`: the actor card — kind, links, roll-up, relations by kind, partners, adversaries,
//! mediation roles and the documents that mention the actor.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ActorRef, Cx, QueryError};
use crate::graph::EdgeId;
use crate::model::{Action, ActorId, Certainty, RelationKind};
use crate::query::Names;

/// The answer to `show A`: the actor card. Tagged `actor` in the JSON.
#[derive(Clone, Debug, Serialize)]
pub struct ActorCard {
    /// The actor the card is about.
    pub actor: ActorRef,
    /// The actor's kind in words, e.g. `armed group` or `government body or agency`.
    pub kind_label: String,
    /// Who the actor is, in a sentence or two; absent from the JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Other spellings that name the actor, as `actors.ron` lists them.
    pub aliases: Vec<String>,
    /// The larger actor this one is directly a component of; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActorRef>,
    /// The actor this one directly acts for; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<ActorRef>,
    /// The top-level actor this one rolls up to, when that is neither itself nor its direct
    /// `part_of` / `acts_for` (which are shown already); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolls_up_to: Option<ActorRef>,
    /// Actors that are directly part of, or act for, this one (not theirs in turn), in id order.
    pub members: Vec<ActorRef>,
    /// Relation and claim counts, one entry per kind, in the order cooperation, conflict,
    /// mediation. Unfiltered.
    pub counts: Vec<KindTally>,
    /// Its cooperation partners, at most eight: most claims first, then firmest certainty, then
    /// name.
    pub partners: Vec<Counterpart>,
    /// Its conflict adversaries, at most eight, in the same order as `partners`.
    pub adversaries: Vec<Counterpart>,
    /// The pairs of actors this one mediates between by its own claims (not its people's),
    /// each pair lower id first, pairs in id order.
    pub mediates_between: Vec<[ActorRef; 2]>,
    /// Actors that mediate between this one and another (mediation claims naming it as a party),
    /// directly and in id order, each once.
    pub mediated_by: Vec<ActorRef>,
    /// The ids of the documents that cite a claim involving the actor directly, in any role, sorted
    /// and each once.
    pub documents: Vec<String>,
}

/// The actor's relations of one kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindTally {
    /// The kind tallied: `cooperation`, `conflict` or `mediation`.
    pub kind: RelationKind,
    /// How many relations (edges) of this kind the actor has: one per counterpart.
    pub relations: usize,
    /// The claims on those relations, summed over them. A mediator's mediation claim lies on two of
    /// its relations (one per party) and so counts twice here.
    pub claims: usize,
}

/// A partner or adversary on an actor card: the other end of one relation.
#[derive(Clone, Debug, Serialize)]
pub struct Counterpart {
    /// The actor at the other end of the relation.
    pub actor: ActorRef,
    /// How many claims the relation carries, unfiltered.
    pub claims: usize,
    /// The firmest certainty among those claims.
    pub best_certainty: Certainty,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// The relation, for exports; not in the JSON.
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
