//! `evidence` (alias `timeline`): every claim about an actor, or between two, by date.

use std::collections::HashSet;

use serde::Serialize;

use super::{ActorRef, ClaimView, Cx, Grouping, QueryError};
use crate::model::{ActorId, Claim, ClaimId, Target};
use crate::query::{Names, Opts};

/// How many claims `evidence` lists unless `limit` says otherwise (earliest first).
pub const DEFAULT_CLAIMS: usize = 50;

/// The answer to `evidence`: every claim about an actor, or between two, by date.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceAnswer {
    /// The actor the claims are about. Claims by the people and components that roll up to it are
    /// included.
    pub a: ActorRef,
    /// The second actor, when the query names two; absent from the JSON otherwise. With B, only
    /// claims between the two sides are listed: one side (or who rolls up to it) acts on, or
    /// mediates for, the other, or the two are the parties of a mediation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<ActorRef>,
    /// The query's filter in words, e.g. `["via conflict"]`; empty when there is none.
    pub filter: Vec<String>,
    /// How many claims match in all, before `limit`.
    pub total: usize,
    /// How many distinct sentences the matching claims quote.
    pub quotes: usize,
    /// How many distinct documents they cite.
    pub documents: usize,
    /// People and components rolled up into A (and B) whose claims are listed; absent when
    /// none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<ActorRef>,
    /// The claims, sorted by date, then document order; the first `limit` when given.
    pub claims: Vec<ClaimView>,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

impl Cx<'_> {
    pub(super) fn evidence(
        &self,
        actors: &Names,
        opts: &Opts,
    ) -> Result<EvidenceAnswer, QueryError> {
        let ids = self.bind(actors, 1, 2, "evidence needs one or two actors")?;
        let filter = self.filter(opts, &ids)?;
        let w = self.walker(&filter);
        // Each side is an actor and what rolls up to it under the query's grouping (itself
        // alone with `rollup off`).
        let fam_a: HashSet<ActorId> = w.members(ids[0]).collect();
        let fam_b: Option<HashSet<ActorId>> = ids.get(1).map(|b| w.members(*b).collect());
        let involves = |c: &Claim, fam: &HashSet<ActorId>| fam.iter().any(|x| c.involves(*x));
        // Every claim that involves an actor lies on one of its edges, so A's family's edges
        // hold every candidate: no scan of the whole claim list.
        let fam_a_list: Vec<ActorId> = fam_a.iter().copied().collect();
        let mut claims: Vec<ClaimId> = self
            .claims_at(&fam_a_list)
            .into_iter()
            .filter(|id| {
                let c = self.db.claim(*id);
                filter.kinds.contains(c.kind())
                    && filter.claim_ok(c)
                    && involves(c, &fam_a)
                    && fam_b.as_ref().is_none_or(|fb| {
                        // A and B on different sides: one acts, the other is acted on or a party.
                        let sides = |x: &HashSet<ActorId>, y: &HashSet<ActorId>| {
                            x.contains(&c.from)
                                && match c.target {
                                    Target::Actor(t) => y.contains(&t),
                                    Target::Between(p, q) => y.contains(&p) || y.contains(&q),
                                }
                        };
                        let between = match c.target {
                            Target::Between(p, q) => {
                                (fam_a.contains(&p) && fb.contains(&q))
                                    || (fb.contains(&p) && fam_a.contains(&q))
                            }
                            Target::Actor(_) => false,
                        };
                        sides(&fam_a, fb) || sides(fb, &fam_a) || between
                    })
            })
            .collect();
        claims.sort_by_key(|c| (self.db.claim(*c).date, *c));
        let total = claims.len();
        let support = self.db.support(&claims);
        claims.truncate(opts.cap(DEFAULT_CLAIMS));
        let mut nodes = ids.clone();
        nodes.dedup();
        Ok(EvidenceAnswer {
            a: self.actor_ref(ids[0]),
            b: ids.get(1).map(|b| self.actor_ref(*b)),
            filter: self.describe_filter(&filter),
            total,
            quotes: support.quotes,
            documents: support.documents,
            through: self.through(&w, &nodes, &claims),
            claims: claims.into_iter().map(|c| self.claim_view(c)).collect(),
            grouping: Grouping::of(&filter),
        })
    }
}
