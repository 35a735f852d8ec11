//! `show`: the actor card — kind, links, roll-up, relations by kind, partners, adversaries,
//! mediation roles and the documents that mention the actor.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{ActorRef, Cx, FollowUp, Grouping, QueryError};
use crate::model::{Action, ActorId, Certainty, ClaimId, RelationKind};
use crate::query::{Names, Opts};

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
    /// The query's filter in words; empty when there is none.
    pub filter: Vec<String>,
    /// People and components rolled up into the actor whose claims the card counts ("incl.
    /// Hakan Fidan"); absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<ActorRef>,
    /// Relation and claim counts, one entry per kind, in the order cooperation, conflict,
    /// mediation: relations are distinct counterparts, claims are distinct claims (a mediation
    /// counts once, though it ties the mediator to two parties).
    pub counts: Vec<KindTally>,
    /// Its cooperation partners, at most eight: most distinct sentences first, then most claims,
    /// then firmest certainty, then name.
    pub partners: Vec<Counterpart>,
    /// How many partners there are in all.
    pub partners_total: usize,
    /// Its conflict adversaries, at most eight, in the same order as `partners`.
    pub adversaries: Vec<Counterpart>,
    /// How many adversaries there are in all.
    pub adversaries_total: usize,
    /// The pairs of actors it (or who rolls up to it) mediates between, each pair lower id
    /// first, pairs in id order.
    pub mediates_between: Vec<[ActorRef; 2]>,
    /// Actors that mediate between it (or who rolls up to it) and another, in id order.
    pub mediated_by: Vec<ActorRef>,
    /// The ids of the documents that cite the claims the card counts, sorted, each once.
    pub documents: Vec<String>,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

/// How many partners and adversaries a card lists.
pub const CARD_COUNTERPARTS: usize = 8;

/// The actor's relations of one kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindTally {
    /// The kind tallied: `cooperation`, `conflict` or `mediation`.
    pub kind: RelationKind,
    /// How many counterparts the actor has by this kind.
    pub relations: usize,
    /// How many distinct claims of this kind tie it to them.
    pub claims: usize,
}

/// A partner or adversary on an actor card: the other end of one relation.
#[derive(Clone, Debug, Serialize)]
pub struct Counterpart {
    /// The actor at the other end of the relation.
    pub actor: ActorRef,
    /// How many claims of the relation pass the filter.
    pub claims: usize,
    /// How many distinct sentences they quote: the evidence the order counts.
    pub quotes: usize,
    /// The firmest certainty among those claims.
    pub best_certainty: Certainty,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// People and components rolled up into either end whose claims these are; absent when
    /// none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<ActorRef>,
    /// The query that lists these claims, with their count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FollowUp>,
    /// The claims, for exports; not in the JSON.
    #[serde(skip)]
    pub claim_ids: Vec<ClaimId>,
}

impl Cx<'_> {
    pub(super) fn show(&self, actor: &Names, opts: &Opts) -> Result<ActorCard, QueryError> {
        let a = self.bind(actor, 1, 1, "show needs one actor")?[0];
        let x = self.db.actor(a);
        let filter = self.filter(opts, &[a])?;
        let w = self.walker(&filter);
        let group: BTreeSet<ActorId> = w.members(a).collect();
        let members: Vec<ActorRef> = self
            .db
            .actor_ids()
            .filter(|&m| self.db.actor(m).parent() == Some(a))
            .map(|m| self.actor_ref(m))
            .collect();
        // Every passing claim that involves the group, by the node at the other end.
        let mut ties: BTreeMap<(RelationKind, ActorId), Vec<ClaimId>> = BTreeMap::new();
        let mut kind_claims: BTreeMap<RelationKind, BTreeSet<ClaimId>> = BTreeMap::new();
        let mut mediates: BTreeSet<(ActorId, ActorId)> = BTreeSet::new();
        let mut mediated_by: BTreeSet<ActorId> = BTreeSet::new();
        let mut documents: BTreeSet<&str> = BTreeSet::new();
        let mut used: Vec<ClaimId> = Vec::new();
        let group_list: Vec<ActorId> = group.iter().copied().collect();
        for id in self.claims_at(&group_list) {
            let c = self.db.claim(id);
            if !filter.kinds.contains(c.kind()) || !filter.claim_ok(c) {
                continue;
            }
            let inside = |y: ActorId| group.contains(&y);
            let mut others: Vec<ActorId> = Vec::new();
            match c.target {
                crate::model::Target::Actor(t) => {
                    if inside(c.from) && !inside(t) {
                        others.push(w.rep(t));
                    } else if inside(t) && !inside(c.from) {
                        others.push(w.rep(c.from));
                    }
                }
                crate::model::Target::Between(p, q) => {
                    let (rp, rq) = (w.rep(p), w.rep(q));
                    if inside(c.from) && rp != a && rq != a && rp != rq {
                        mediates.insert((rp.min(rq), rp.max(rq)));
                        others.extend([rp, rq]);
                    }
                    if (inside(p) || inside(q)) && !inside(c.from) {
                        let m = w.rep(c.from);
                        mediated_by.insert(m);
                        others.push(m);
                    }
                }
            }
            others.retain(|o| *o != a);
            if others.is_empty() {
                continue;
            }
            documents.insert(&self.db.document(c.doc).id);
            kind_claims.entry(c.kind()).or_default().insert(id);
            used.push(id);
            for o in others {
                ties.entry((c.kind(), o)).or_default().push(id);
            }
        }
        let mut counts = Vec::new();
        let mut partners = Vec::new();
        let mut adversaries = Vec::new();
        let (mut partners_total, mut adversaries_total) = (0, 0);
        for kind in RelationKind::ALL {
            let of_kind: Vec<(&ActorId, &Vec<ClaimId>)> = ties
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, o), cs)| (o, cs))
                .collect();
            counts.push(KindTally {
                kind,
                relations: of_kind.len(),
                claims: kind_claims.get(&kind).map_or(0, BTreeSet::len),
            });
            if kind == RelationKind::Mediation {
                continue;
            }
            let mut list: Vec<Counterpart> = of_kind
                .into_iter()
                .map(|(&o, cs)| {
                    let support = self.db.support(cs);
                    Counterpart {
                        actor: self.actor_ref(o),
                        claims: cs.len(),
                        quotes: support.quotes,
                        best_certainty: cs
                            .iter()
                            .map(|c| self.db.claim(*c).certainty)
                            .max()
                            .expect("a tie has claims"),
                        actions: self.top_actions(cs),
                        through: self.through(&w, &[a, o], cs),
                        evidence: self.follow_up(&w, &filter, a, o, kind, cs.len()),
                        claim_ids: cs.clone(),
                    }
                })
                .collect();
            list.sort_by(|p, q| {
                q.quotes
                    .cmp(&p.quotes)
                    .then(q.claims.cmp(&p.claims))
                    .then(q.best_certainty.cmp(&p.best_certainty))
                    .then(p.actor.name.cmp(&q.actor.name))
            });
            let total = list.len();
            list.truncate(CARD_COUNTERPARTS);
            match kind {
                RelationKind::Cooperation => {
                    partners = list;
                    partners_total = total;
                }
                RelationKind::Conflict => {
                    adversaries = list;
                    adversaries_total = total;
                }
                RelationKind::Mediation => {}
            }
        }
        let principal = self.db.principal(a);
        used.sort();
        used.dedup();
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
            filter: self.describe_filter(&filter),
            through: self.through(&w, &[a], &used),
            counts,
            partners,
            partners_total,
            adversaries,
            adversaries_total,
            mediates_between: mediates
                .into_iter()
                .map(|(p, q)| [self.actor_ref(p), self.actor_ref(q)])
                .collect(),
            mediated_by: mediated_by.into_iter().map(|m| self.actor_ref(m)).collect(),
            documents: documents.into_iter().map(str::to_string).collect(),
            grouping: Grouping::of(&filter),
        })
    }
}
