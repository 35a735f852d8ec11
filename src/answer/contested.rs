//! `contested`: pairs of actors with both cooperation and conflict claims, most evenly attested
//! first.
//!
//! Pairs are pairs of groups under the roll-up rule, so Turkey–Israel holds Erdoğan's claims
//! too. Evenness and volume count evidence (distinct sentences), not claim records; each side
//! of each pair names the `evidence` query that lists its claims, with their count.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{ActorRef, AnswerError, ClaimView, Cx, FollowUp, Grouping};
use crate::model::{ActorId, ClaimId, RelationKind, Target};
use crate::query::{Names, Opts};

/// How many pairs `contested` lists unless `limit` says otherwise.
pub const DEFAULT_PAIRS: usize = 20;

/// The answer to `contested`: pairs with both cooperation and conflict claims.
#[derive(Clone, Debug, Serialize)]
pub struct ContestedAnswer {
    /// The query's filter in words; empty when there is none.
    pub filter: Vec<String>,
    /// How many pairs are contested in all, before `limit`.
    pub total: usize,
    /// The pairs, most evenly attested first: by the ratio of the weaker side's evidence
    /// (distinct sentences) to the stronger's, then by both sides' evidence, then by name.
    pub pairs: Vec<ContestedPair>,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

/// Two actors with both cooperation and conflict claims between them.
#[derive(Clone, Debug, Serialize)]
pub struct ContestedPair {
    /// One actor of the pair, the lower id.
    pub a: ActorRef,
    /// The other actor.
    pub b: ActorRef,
    /// The cooperation side.
    pub cooperation: Side,
    /// The conflict side.
    pub conflict: Side,
    /// How even the two sides are: the weaker side's distinct sentences over the stronger's,
    /// from 0 to 1.
    pub evenness: f64,
}

/// One side of a contested pair.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    /// How many claims.
    pub claims: usize,
    /// How many distinct sentences they quote.
    pub quotes: usize,
    /// How many documents they cite.
    pub documents: usize,
    /// The query that lists exactly these claims; absent when none can.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FollowUp>,
    /// The claims, by date then database order (every one; text output shows the first few).
    pub list: Vec<ClaimView>,
}

/// A contested pair before it is described: evenness, both sides' sentences, the two nodes,
/// and the cooperation and conflict claims.
type Ranked = (f64, usize, ActorId, ActorId, Vec<ClaimId>, Vec<ClaimId>);

impl Cx<'_> {
    pub(super) fn contested(
        &self,
        actor: &Names,
        opts: &Opts,
    ) -> Result<ContestedAnswer, AnswerError> {
        let only = if actor.is_empty() {
            None
        } else {
            Some(self.bind(actor, 1, 1, "contested takes at most one actor")?[0])
        };
        let named: Vec<ActorId> = only.into_iter().collect();
        // Without an actor this reads every claim of the graph, and then describes every claim
        // of every contested pair: check the token as it goes.
        let mut ticker = self.ticker();
        let filter = self.filter(opts, &named)?;
        let w = self.walker(&filter);
        // Every passing cooperation and conflict claim, by the pair of groups it ties. With one
        // actor named, only its group's edges need reading.
        let mut pairs: BTreeMap<(ActorId, ActorId), [BTreeSet<ClaimId>; 2]> = BTreeMap::new();
        let mut add = |c: ClaimId| {
            let claim = self.db.claim(c);
            let side = match claim.kind() {
                RelationKind::Cooperation => 0,
                RelationKind::Conflict => 1,
                RelationKind::Mediation => return,
            };
            if !filter.kinds.contains(claim.kind()) || !filter.claim_ok(claim) {
                return;
            }
            let Target::Actor(t) = claim.target else {
                return;
            };
            let (x, y) = (w.rep(claim.from), w.rep(t));
            if x == y || only.is_some_and(|o| x != o && y != o) {
                return;
            }
            pairs.entry((x.min(y), x.max(y))).or_default()[side].insert(c);
        };
        match only {
            Some(o) => {
                let members: Vec<ActorId> = w.members(o).collect();
                for c in self.claims_at(&members) {
                    ticker.tick()?;
                    add(c);
                }
            }
            None => {
                for (_, edge) in self.db.graph.edges() {
                    if edge.kind != RelationKind::Mediation {
                        for c in self.db.graph.claims(edge) {
                            ticker.tick()?;
                            add(*c);
                        }
                    }
                }
            }
        }
        // Rank on the counts first and describe only the pairs listed: a large database has
        // thousands of contested pairs, each side with its every claim.
        let mut ranked: Vec<Ranked> = Vec::new();
        for ((a, b), [coop, conf]) in pairs {
            if coop.is_empty() || conf.is_empty() {
                continue;
            }
            ticker.tick()?;
            let coop: Vec<ClaimId> = coop.into_iter().collect();
            let conf: Vec<ClaimId> = conf.into_iter().collect();
            let (x, y) = (self.db.support(&coop).quotes, self.db.support(&conf).quotes);
            ranked.push((x.min(y) as f64 / x.max(y) as f64, x + y, a, b, coop, conf));
        }
        ranked.sort_by(|p, q| {
            q.0.total_cmp(&p.0).then(q.1.cmp(&p.1)).then(
                (self.db.name(p.2), self.db.name(p.3)).cmp(&(self.db.name(q.2), self.db.name(q.3))),
            )
        });
        let total = ranked.len();
        ranked.truncate(opts.cap(DEFAULT_PAIRS));
        let side = |a: ActorId, b: ActorId, kind: RelationKind, mut ids: Vec<ClaimId>| {
            let support = self.db.support(&ids);
            ids.sort_by_key(|c| (self.db.claim(*c).date, *c));
            Side {
                claims: ids.len(),
                quotes: support.quotes,
                documents: support.documents,
                evidence: self.follow_up(&w, &filter, a, b, kind, ids.len()),
                list: ids.into_iter().map(|c| self.claim_view(c)).collect(),
            }
        };
        let mut out: Vec<ContestedPair> = Vec::with_capacity(ranked.len());
        for (evenness, _, a, b, coop, conf) in ranked {
            ticker.tick()?;
            out.push(ContestedPair {
                a: self.actor_ref(a),
                b: self.actor_ref(b),
                evenness,
                cooperation: side(a, b, RelationKind::Cooperation, coop),
                conflict: side(a, b, RelationKind::Conflict, conf),
            });
        }
        Ok(ContestedAnswer {
            filter: self.describe_filter(&filter),
            total,
            pairs: out,
            grouping: Grouping::of(&filter),
        })
    }
}
