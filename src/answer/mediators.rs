//! `mediators`: who stands between two actors — sourced mediators from mediation claims, then
//! candidate brokers inferred from the graph, then the adversaries they share — ranked, with
//! the reason for each rank.
//!
//! Actors are grouped by the one roll-up rule ([`crate::graph`]): A and B stand for themselves
//! and what rolls up to them, and everyone else for the group the walker puts them in. So a
//! foreign minister's mediation counts for the state, and a mediation between two members of
//! one state (a bishop between a president and the opposition) is kept at the level where its
//! parties differ. Rankings count evidence — distinct documents and sentences — not claim
//! records, so a sentence coded as several claims does not outrank two independent reports.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{plural, ActorRef, AnswerError, ClaimView, Cx, FollowUp, Grouping, QueryError};
use crate::graph::Filter;
use crate::model::{Action, ActorId, Certainty, ClaimId, EventDate, KindSet, RelationKind};
use crate::query::{Names, Opts};

/// How many candidate brokers `mediators` lists unless `limit` says otherwise.
pub const DEFAULT_BROKERS: usize = 10;

/// How many sourced mediators `mediators` lists unless `limit` says otherwise.
pub const DEFAULT_SOURCED: usize = 20;

/// How many common adversaries `mediators` lists unless `limit` says otherwise.
pub const DEFAULT_ADVERSARIES: usize = 10;

/// The answer to `mediators A B`: the sourced mediators between two actors, then the candidate
/// brokers the graph suggests, then their common adversaries.
#[derive(Clone, Debug, Serialize)]
pub struct MediatorsAnswer {
    /// The first actor, as the query names it.
    pub a: ActorRef,
    /// The second actor, as the query names it.
    pub b: ActorRef,
    /// The query's filter in words, e.g. `["since 2025"]`; empty when there is none.
    pub filter: Vec<String>,
    /// Actors with mediation claims between A and B, best evidence first; at most `limit N`.
    pub sourced: Vec<SourcedMediator>,
    /// How many sourced mediators there are, listed or not.
    pub sourced_total: usize,
    /// Actors the graph suggests could broker between A and B, strongest ties first.
    pub brokers: Vec<Broker>,
    /// How many brokers qualified before `limit`.
    pub brokers_total: usize,
    /// Actors in conflict with both A and B and cooperating with neither: not brokers, but
    /// worth knowing (a common enemy can bring two sides together). Most evidence first.
    /// At most `limit N`.
    pub common_adversaries: Vec<Adversary>,
    /// How many common adversaries there are, listed or not.
    pub adversaries_total: usize,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

/// An actor with mediation claims between A and B: claims by it, or by the people and components
/// that roll up to it, whose two parties are A and B (or roll up to them).
#[derive(Clone, Debug, Serialize)]
pub struct SourcedMediator {
    /// Its place among the sourced mediators, from 1: most distinct documents first, then best
    /// certainty, then most distinct sentences, then most recent claim, then name.
    pub rank: usize,
    /// The mediator as the roll-up groups it: a foreign minister's mediation counts for the
    /// state.
    pub actor: ActorRef,
    /// People or components whose claims rolled up to this actor.
    pub via: Vec<ActorRef>,
    /// How many distinct documents cite its mediation claims.
    pub documents: usize,
    /// How many distinct sentences its mediation claims quote: the evidence the rank counts.
    pub quotes: usize,
    /// The firmest certainty among its mediation claims.
    pub best_certainty: Certainty,
    /// The date of its most recent mediation claim, e.g. `2025-11`.
    pub latest: String,
    /// Its mediation claims between A and B, sorted by date, then database order.
    pub claims: Vec<ClaimView>,
    /// Why it sits at its rank.
    pub why: String,
}

/// An actor the graph suggests could broker between A and B: one with cooperation ties to both,
/// or one on a shortest path between them with cooperation on at least one side. An actor whose
/// ties to both sides are all conflict is a common adversary instead.
#[derive(Clone, Debug, Serialize)]
pub struct Broker {
    /// Its place among the brokers, from 1: ties to both sides first, then the weaker tie's
    /// evidence (distinct sentences), then both ties' evidence, then being on a shortest path,
    /// then less conflict, then name.
    pub rank: usize,
    /// The broker as the roll-up groups it.
    pub actor: ActorRef,
    /// Cooperation with A.
    pub with_a: TieView,
    /// Cooperation with B.
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
    /// Its rank explained in words, e.g. `cooperation with Iran: 3 claims from 2 sentences
    /// (CONSULT); on a shortest path between United States and Iran`.
    pub why: String,
    /// The cooperation claims behind `with_a` and `with_b`, in id order, each once: what an export
    /// of the answer draws. Not in the JSON.
    #[serde(skip)]
    pub tie_claims: Vec<ClaimId>,
}

/// A broker's cooperation with one side, over the claims that pass the filter between the side
/// (or who rolls up to it) and the broker (or who rolls up to it).
#[derive(Clone, Debug, Default, Serialize)]
pub struct TieView {
    /// How many cooperation claims; 0 when there is no tie.
    pub claims: usize,
    /// How many distinct sentences they quote.
    pub quotes: usize,
    /// The most frequent actions among those claims, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// The query that lists those claims; absent when there are none or no query can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FollowUp>,
}

/// An actor in conflict with both sides and cooperating with neither.
#[derive(Clone, Debug, Serialize)]
pub struct Adversary {
    /// The actor as the roll-up groups it.
    pub actor: ActorRef,
    /// Conflict with A: claims, sentences and the query that lists them.
    pub with_a: TieView,
    /// Conflict with B.
    pub with_b: TieView,
}

/// One side's ties of one kind, by the node at the other end.
type Ties = HashMap<ActorId, BTreeSet<ClaimId>>;

impl Cx<'_> {
    pub(super) fn mediators(
        &self,
        actors: &Names,
        opts: &Opts,
    ) -> Result<MediatorsAnswer, AnswerError> {
        let ids = self.bind(actors, 2, 2, "mediators needs two actors")?;
        let (a, b) = (ids[0], ids[1]);
        if a == b {
            return Err(QueryError::new("mediators needs two different actors").into());
        }
        let filter = self.filter(opts, &[a, b])?;
        let w = self.walker(&filter);
        let members_a: Vec<ActorId> = w.members(a).collect();
        let members_b: Vec<ActorId> = w.members(b).collect();
        if members_a.contains(&b) || members_b.contains(&a) {
            return Err(QueryError::new(format!(
                "{} and {} are one group: one rolls up to the other",
                self.db.name(a),
                self.db.name(b)
            ))
            .help("ask about two groups, or add `rollup off`")
            .into());
        }

        // (1) Sourced: mediation claims whose parties are A's and B's groups, by the mediator's
        // group. Mediations between A and B lie on the mediation edges at A's members.
        // A and B may be principals with many members and ties: check the token as the links
        // are read.
        let mut ticker = self.ticker();
        let mut by_mediator: BTreeMap<ActorId, BTreeSet<ClaimId>> = BTreeMap::new();
        for &x in &members_a {
            for link in self.db.graph.links(x) {
                ticker.tick()?;
                if link.data.kind != RelationKind::Mediation {
                    continue;
                }
                for cid in filter.passing(self.db.net(), link.data) {
                    let c = self.db.claim(cid);
                    let Some((p, q)) = c.parties() else { continue };
                    let (p, q) = (w.rep(p), w.rep(q));
                    let m = w.rep(c.from);
                    if ((p, q) == (a, b) || (p, q) == (b, a)) && m != a && m != b {
                        by_mediator.entry(m).or_default().insert(cid);
                    }
                }
            }
        }
        struct Sourced {
            actor: ActorId,
            claims: Vec<ClaimId>,
            docs: usize,
            quotes: usize,
            best: Certainty,
            latest: EventDate,
        }
        let mut sourced: Vec<Sourced> = by_mediator
            .into_iter()
            .map(|(m, claims)| {
                let claims: Vec<ClaimId> = claims.into_iter().collect();
                let support = self.db.support(&claims);
                let cs = || claims.iter().map(|c| self.db.claim(*c));
                Sourced {
                    actor: m,
                    docs: support.documents,
                    quotes: support.quotes,
                    best: cs().map(|c| c.certainty).max().expect("non-empty"),
                    latest: cs()
                        .map(|c| c.date)
                        .max_by(|x, y| x.cmp_recency(y))
                        .expect("non-empty"),
                    claims,
                }
            })
            .collect();
        sourced.sort_by(|x, y| {
            y.docs
                .cmp(&x.docs)
                .then(y.best.cmp(&x.best))
                .then(y.quotes.cmp(&x.quotes))
                .then(y.latest.cmp_recency(&x.latest))
                .then(self.db.name(x.actor).cmp(self.db.name(y.actor)))
        });
        let sourced_ids: Vec<ActorId> = sourced.iter().map(|s| s.actor).collect();
        let sourced_total = sourced.len();
        let sourced_views: Vec<SourcedMediator> = sourced
            .iter()
            .take(opts.cap(DEFAULT_SOURCED))
            .enumerate()
            .map(|(i, s)| {
                let why = match i.checked_sub(1).map(|p| &sourced[p]) {
                    None => format!(
                        "first: {} document{}, best certainty {}, {} sentence{} ({} claim{}), latest {}",
                        s.docs,
                        plural(s.docs),
                        s.best,
                        s.quotes,
                        plural(s.quotes),
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
                        } else if s.quotes != p.quotes {
                            format!(
                                "below {above}: same documents and certainty, fewer sentences ({} vs {})",
                                s.quotes, p.quotes
                            )
                        } else if s.latest.cmp_recency(&p.latest) != std::cmp::Ordering::Equal {
                            format!("below {above}: same documents, certainty and sentences, older evidence ({} vs {})", s.latest, p.latest)
                        } else {
                            format!("level with {above} on documents, certainty, sentences and date; ordered by name")
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
                    quotes: s.quotes,
                    best_certainty: s.best,
                    latest: s.latest.to_string(),
                    claims: claims.into_iter().map(|c| self.claim_view(c)).collect(),
                    why,
                }
            })
            .collect();

        // (2) Candidate brokers: cooperation ties to both sides, and actors on shortest paths.
        let ties = |members: &[ActorId], kind: RelationKind| -> Result<Ties, AnswerError> {
            let mut ticker = self.ticker();
            let mut out: Ties = HashMap::new();
            for &x in members {
                for link in self.db.graph.links(x) {
                    ticker.tick()?;
                    if link.data.kind != kind {
                        continue;
                    }
                    let c = w.rep(link.other);
                    if c == a || c == b {
                        continue;
                    }
                    let passing: Vec<ClaimId> = filter.passing(self.db.net(), link.data).collect();
                    if !passing.is_empty() {
                        out.entry(c).or_default().extend(passing);
                    }
                }
            }
            Ok(out)
        };
        let coop_a = ties(&members_a, RelationKind::Cooperation)?;
        let coop_b = ties(&members_b, RelationKind::Cooperation)?;
        let conf_a = ties(&members_a, RelationKind::Conflict)?;
        let conf_b = ties(&members_b, RelationKind::Conflict)?;
        let path_filter = Filter {
            kinds: KindSet::ALL,
            ..filter.clone()
        };
        let on_path: BTreeSet<ActorId> = self
            .walker(&path_filter)
            .shortest_path_interiors(a, b)
            .map(|(_, interiors)| interiors.into_iter().collect())
            .unwrap_or_default();
        let tie = |m: &Ties, side: ActorId, c: ActorId, kind: RelationKind| -> TieView {
            let claims: Vec<ClaimId> = m
                .get(&c)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            if claims.is_empty() {
                return TieView::default();
            }
            TieView {
                claims: claims.len(),
                quotes: self.db.support(&claims).quotes,
                actions: self.top_actions(&claims),
                evidence: self.follow_up(&w, &filter, side, c, kind, claims.len()),
            }
        };
        let mut candidates: BTreeSet<ActorId> = coop_a
            .keys()
            .filter(|c| coop_b.contains_key(c))
            .copied()
            .collect();
        // On a shortest path but tied to both sides by conflict alone: a common adversary, not a
        // broker.
        candidates.extend(
            on_path
                .iter()
                .filter(|c| coop_a.contains_key(c) || coop_b.contains_key(c)),
        );
        let mut brokers: Vec<Broker> = candidates
            .into_iter()
            .map(|c| {
                let with_a = tie(&coop_a, a, c, RelationKind::Cooperation);
                let with_b = tie(&coop_b, b, c, RelationKind::Cooperation);
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
                x.with_a.quotes.min(x.with_b.quotes),
                x.with_a.quotes + x.with_b.quotes,
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
                    "cooperation with {who}: {} claim{} from {} sentence{} ({})",
                    t.claims,
                    plural(t.claims),
                    t.quotes,
                    plural(t.quotes),
                    actions.join(", ")
                )
            };
            for (t, who) in [(&br.with_a, &an), (&br.with_b, &bn)] {
                if t.claims > 0 {
                    parts.push(describe(t, who));
                } else {
                    parts.push(format!("no cooperation with {who}"));
                }
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
        brokers.truncate(opts.cap(DEFAULT_BROKERS));

        // (3) Common adversaries: conflict with both, cooperation with neither.
        let mut adversaries: Vec<Adversary> = conf_a
            .keys()
            .filter(|c| {
                conf_b.contains_key(c) && !coop_a.contains_key(c) && !coop_b.contains_key(c)
            })
            .map(|&c| Adversary {
                actor: self.actor_ref(c),
                with_a: tie(&conf_a, a, c, RelationKind::Conflict),
                with_b: tie(&conf_b, b, c, RelationKind::Conflict),
            })
            .collect();
        adversaries.sort_by(|x, y| {
            (y.with_a.quotes + y.with_b.quotes)
                .cmp(&(x.with_a.quotes + x.with_b.quotes))
                .then(x.actor.name.cmp(&y.actor.name))
        });
        let adversaries_total = adversaries.len();
        adversaries.truncate(opts.cap(DEFAULT_ADVERSARIES));
        Ok(MediatorsAnswer {
            a: self.actor_ref(a),
            b: self.actor_ref(b),
            filter: self.describe_filter(&filter),
            sourced: sourced_views,
            sourced_total,
            brokers,
            brokers_total,
            common_adversaries: adversaries,
            adversaries_total,
            grouping: Grouping::of(&filter),
        })
    }
}
