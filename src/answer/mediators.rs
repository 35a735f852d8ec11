//! `mediators`: who stands between two actors — sourced mediators from mediation claims, then
//! candidate brokers inferred from the graph — ranked, with the reason for each rank.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::{plural, ActorRef, ClaimView, Cx, QueryError};
use crate::graph::algo::Walker;
use crate::graph::Filter;
use crate::model::{Action, ActorId, Certainty, ClaimId, EventDate, KindSet, RelationKind};
use crate::query::{Names, Opts};

/// How many candidate brokers `mediators` lists unless `limit` says otherwise.
pub const DEFAULT_BROKERS: usize = 10;

/// The answer to `mediators A B`: the sourced mediators between two actors, then the candidate
/// brokers the graph suggests.
#[derive(Clone, Debug, Serialize)]
pub struct MediatorsAnswer {
    /// The first actor, as the query names it.
    pub a: ActorRef,
    /// The second actor, as the query names it.
    pub b: ActorRef,
    /// The query's filter in words, e.g. `["since 2025"]`; empty when there is none.
    pub filter: Vec<String>,
    /// Actors with mediation claims between A and B, best evidence first.
    pub sourced: Vec<SourcedMediator>,
    /// Actors the graph suggests could broker between A and B, strongest ties first.
    pub brokers: Vec<Broker>,
    /// How many brokers qualified before `limit`.
    pub brokers_total: usize,
}

/// An actor with mediation claims between A and B: claims by it, or by the people and components
/// that roll up to it, whose two parties are A and B (or roll up to them).
#[derive(Clone, Debug, Serialize)]
pub struct SourcedMediator {
    /// Its place among the sourced mediators, from 1: most distinct documents first, then best
    /// certainty, then most claims, then most recent claim, then name.
    pub rank: usize,
    /// The mediator, rolled up to the top: a foreign minister's mediation counts for the state.
    pub actor: ActorRef,
    /// People or components whose claims rolled up to this actor.
    pub via: Vec<ActorRef>,
    /// How many distinct documents cite its mediation claims.
    pub documents: usize,
    /// The firmest certainty among its mediation claims.
    pub best_certainty: Certainty,
    /// The date of its most recent mediation claim, e.g. `2025-11`.
    pub latest: String,
    /// Its mediation claims between A and B, sorted by date, then database order.
    pub claims: Vec<ClaimView>,
    /// Why it sits at its rank.
    pub why: String,
}

/// An actor the graph suggests could broker between A and B: one with cooperation ties to both, or
/// one on a shortest path between them. Brokers are rolled up like mediators, and never roll up to
/// A or B themselves.
#[derive(Clone, Debug, Serialize)]
pub struct Broker {
    /// Its place among the brokers, from 1: ties to both sides first, then the weaker tie's claims,
    /// then both ties' claims, then being on a shortest path, then fewer conflict claims, then
    /// name.
    pub rank: usize,
    /// The broker, rolled up to the top.
    pub actor: ActorRef,
    /// Cooperation with A (claims, and the actions they report).
    pub with_a: TieView,
    /// Cooperation with B (claims, and the actions they report).
    pub with_b: TieView,
    /// How many conflict claims there are between the broker and A (counting who rolls up to
    /// either); conflict weakens a broker's standing.
    pub conflict_a: usize,
    /// How many conflict claims there are between the broker and B, counted as for `conflict_a`.
    pub conflict_b: usize,
    /// Whether it lies on a shortest path between A and B.
    pub on_shortest_path: bool,
    /// Whether it is also a sourced mediator.
    pub sourced: bool,
    /// Its rank explained in words, e.g. `cooperation with Iran: 3 claims (CONSULT); on a shortest
    /// path between United States and Iran`.
    pub why: String,
    /// The cooperation claims behind `with_a` and `with_b`, in id order, each once: what an export
    /// of the answer draws. Not in the JSON.
    #[serde(skip)]
    pub tie_claims: Vec<ClaimId>,
}

/// A broker's cooperation with one side: counts and main actions, over the claims that pass the
/// filter between the side (or who rolls up to it) and the broker (or who rolls up to it).
#[derive(Clone, Debug, Default, Serialize)]
pub struct TieView {
    /// How many cooperation claims; 0 when there is no tie.
    pub claims: usize,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
}

impl Cx<'_> {
    pub(super) fn mediators(
        &self,
        actors: &Names,
        opts: &Opts,
    ) -> Result<MediatorsAnswer, QueryError> {
        let ids = self.bind(actors, 2, 2, "mediators needs two actors")?;
        let (a, b) = (ids[0], ids[1]);
        if a == b {
            return Err(QueryError::new("mediators needs two different actors"));
        }
        let filter = self.filter(opts)?;
        let (fam_a, fam_b) = (self.family(a), self.family(b));
        let (set_a, set_b): (HashSet<ActorId>, HashSet<ActorId>) = (
            fam_a.iter().copied().collect(),
            fam_b.iter().copied().collect(),
        );
        let (top_a, top_b) = (self.db.principal(a), self.db.principal(b));

        // (1) Sourced: mediation claims whose parties are A and B (or act for them). Walk the
        // mediation edges at A's family rather than every claim.
        let mut by_mediator: BTreeMap<ActorId, BTreeSet<ClaimId>> = BTreeMap::new();
        for &x in &fam_a {
            for link in self.db.graph.links(x) {
                if link.data.kind != RelationKind::Mediation {
                    continue;
                }
                for cid in filter.passing(self.db.net(), link.data) {
                    let c = self.db.claim(cid);
                    let Some((p, q)) = c.parties() else { continue };
                    let pair_ok = (set_a.contains(&p) && set_b.contains(&q))
                        || (set_b.contains(&p) && set_a.contains(&q));
                    let m = self.db.principal(c.from);
                    if pair_ok && m != top_a && m != top_b {
                        by_mediator.entry(m).or_default().insert(cid);
                    }
                }
            }
        }
        struct Sourced {
            actor: ActorId,
            claims: Vec<ClaimId>,
            docs: usize,
            best: Certainty,
            latest: EventDate,
        }
        let mut sourced: Vec<Sourced> = by_mediator
            .into_iter()
            .map(|(m, claims)| {
                let claims: Vec<ClaimId> = claims.into_iter().collect();
                let docs: BTreeSet<_> = claims.iter().map(|c| self.db.claim(*c).doc).collect();
                Sourced {
                    actor: m,
                    docs: docs.len(),
                    best: claims
                        .iter()
                        .map(|c| self.db.claim(*c).certainty)
                        .max()
                        .expect("non-empty"),
                    latest: claims
                        .iter()
                        .map(|c| self.db.claim(*c).date)
                        .max_by(|x, y| x.cmp_recency(y).then(x.cmp(y)))
                        .expect("non-empty"),
                    claims,
                }
            })
            .collect();
        sourced.sort_by(|x, y| {
            y.docs
                .cmp(&x.docs)
                .then(y.best.cmp(&x.best))
                .then(y.claims.len().cmp(&x.claims.len()))
                .then(y.latest.cmp_recency(&x.latest))
                .then(self.db.name(x.actor).cmp(self.db.name(y.actor)))
        });
        let sourced_ids: HashSet<ActorId> = sourced.iter().map(|s| s.actor).collect();
        let sourced_views: Vec<SourcedMediator> = sourced
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let why = match i.checked_sub(1).map(|p| &sourced[p]) {
                    None => format!(
                        "first: {} document{}, best certainty {}, {} claim{}, latest {}",
                        s.docs,
                        plural(s.docs),
                        s.best,
                        s.claims.len(),
                        plural(s.claims.len()),
                        s.latest
                    ),
                    Some(p) => {
                        let above = self.db.name(p.actor);
                        if s.docs != p.docs {
                            format!("below {above}: fewer documents ({} vs {})", s.docs, p.docs)
                        } else if s.best != p.best {
                            format!("below {above}: same documents, weaker best certainty ({} vs {})", s.best, p.best)
                        } else if s.claims.len() != p.claims.len() {
                            format!(
                                "below {above}: same documents and certainty, fewer claims ({} vs {})",
                                s.claims.len(),
                                p.claims.len()
                            )
                        } else if s.latest.cmp_recency(&p.latest).is_ne() {
                            format!("below {above}: same documents, certainty and claims, older evidence ({} vs {})", s.latest, p.latest)
                        } else {
                            format!("level with {above} on documents, certainty, claims and date; ordered by name")
                        }
                    }
                };
                let mut via: Vec<ActorId> = s
                    .claims
                    .iter()
                    .map(|c| self.db.claim(*c).from)
                    .filter(|f| *f != s.actor)
                    .collect();
                via.sort();
                via.dedup();
                let mut claims = s.claims.clone();
                claims.sort_by_key(|c| (self.db.claim(*c).date, *c));
                SourcedMediator {
                    rank: i + 1,
                    actor: self.actor_ref(s.actor),
                    via: via.into_iter().map(|v| self.actor_ref(v)).collect(),
                    documents: s.docs,
                    best_certainty: s.best,
                    latest: s.latest.to_string(),
                    claims: claims.into_iter().map(|c| self.claim_view(c)).collect(),
                    why,
                }
            })
            .collect();

        // (2) Candidate brokers: cooperative ties to both sides, and actors on shortest paths.
        let ties = |fam: &[ActorId], kind: RelationKind| -> HashMap<ActorId, BTreeSet<ClaimId>> {
            let mut out: HashMap<ActorId, BTreeSet<ClaimId>> = HashMap::new();
            for &x in fam {
                for link in self.db.graph.links(x) {
                    if link.data.kind != kind {
                        continue;
                    }
                    let c = self.db.principal(link.other);
                    if c == top_a
                        || c == top_b
                        || set_a.contains(&link.other)
                        || set_b.contains(&link.other)
                    {
                        continue;
                    }
                    let passing: Vec<ClaimId> = filter.passing(self.db.net(), link.data).collect();
                    if !passing.is_empty() {
                        out.entry(c).or_default().extend(passing);
                    }
                }
            }
            out
        };
        let coop_a = ties(&fam_a, RelationKind::Cooperation);
        let coop_b = ties(&fam_b, RelationKind::Cooperation);
        let conf_a = ties(&fam_a, RelationKind::Conflict);
        let conf_b = ties(&fam_b, RelationKind::Conflict);
        let path_filter = Filter {
            kinds: KindSet::ALL,
            ..filter.clone()
        };
        let on_path: HashSet<ActorId> = Walker::new(self.db.net(), &path_filter)
            .shortest_path_interiors(a, b)
            .map(|(_, interiors)| {
                interiors
                    .into_iter()
                    .map(|x| self.db.principal(x))
                    .filter(|x| *x != top_a && *x != top_b)
                    .collect()
            })
            .unwrap_or_default();
        let mut candidates: BTreeSet<ActorId> = coop_a
            .keys()
            .filter(|c| coop_b.contains_key(c))
            .copied()
            .collect();
        candidates.extend(on_path.iter().copied());
        let tie = |m: &HashMap<ActorId, BTreeSet<ClaimId>>, c: ActorId| -> TieView {
            let claims: Vec<ClaimId> = m
                .get(&c)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            TieView {
                claims: claims.len(),
                actions: self.top_actions(&claims),
            }
        };
        let mut brokers: Vec<Broker> = candidates
            .into_iter()
            .map(|c| {
                let with_a = tie(&coop_a, c);
                let with_b = tie(&coop_b, c);
                let conflict_a = conf_a.get(&c).map_or(0, BTreeSet::len);
                let conflict_b = conf_b.get(&c).map_or(0, BTreeSet::len);
                let mut tie_claims: Vec<ClaimId> = coop_a
                    .get(&c)
                    .into_iter()
                    .chain(coop_b.get(&c))
                    .flatten()
                    .copied()
                    .collect();
                tie_claims.sort();
                tie_claims.dedup();
                Broker {
                    rank: 0,
                    actor: self.actor_ref(c),
                    with_a,
                    with_b,
                    conflict_a,
                    conflict_b,
                    on_shortest_path: on_path.contains(&c),
                    sourced: sourced_ids.contains(&c),
                    why: String::new(),
                    tie_claims,
                }
            })
            .collect();
        let key = |x: &Broker| {
            let both = x.with_a.claims > 0 && x.with_b.claims > 0;
            (
                both,
                x.with_a.claims.min(x.with_b.claims),
                x.with_a.claims + x.with_b.claims,
                x.on_shortest_path,
                std::cmp::Reverse(x.conflict_a + x.conflict_b),
            )
        };
        brokers.sort_by(|x, y| key(y).cmp(&key(x)).then(x.actor.name.cmp(&y.actor.name)));
        let (an, bn) = (self.db.name(a).to_string(), self.db.name(b).to_string());
        for (i, br) in brokers.iter_mut().enumerate() {
            br.rank = i + 1;
            let mut parts = Vec::new();
            let describe = |t: &TieView, who: &str| {
                let actions: Vec<&str> = t.actions.iter().map(|a| a.as_str()).collect();
                format!(
                    "cooperation with {who}: {} claim{} ({})",
                    t.claims,
                    plural(t.claims),
                    actions.join(", ")
                )
            };
            if br.with_a.claims > 0 {
                parts.push(describe(&br.with_a, &an));
            } else {
                parts.push(format!("no cooperation with {an}"));
            }
            if br.with_b.claims > 0 {
                parts.push(describe(&br.with_b, &bn));
            } else {
                parts.push(format!("no cooperation with {bn}"));
            }
            if br.on_shortest_path {
                parts.push(format!("on a shortest path between {an} and {bn}"));
            }
            if br.conflict_a + br.conflict_b > 0 {
                parts.push(format!(
                    "but conflict with {an}: {}, with {bn}: {}",
                    br.conflict_a, br.conflict_b
                ));
            }
            if br.sourced {
                parts.push("also a sourced mediator".into());
            }
            br.why = parts.join("; ");
        }
        let brokers_total = brokers.len();
        brokers.truncate(opts.limit.unwrap_or(DEFAULT_BROKERS));
        Ok(MediatorsAnswer {
            a: self.actor_ref(a),
            b: self.actor_ref(b),
            filter: self.describe_filter(&filter),
            sourced: sourced_views,
            brokers,
            brokers_total,
        })
    }
}
