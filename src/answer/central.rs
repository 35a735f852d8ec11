//! `central`: the most central actors by betweenness (exact or sampled) or degree, plain or
//! weighted by the claims behind each tie.

use serde::Serialize;

use super::{ActorRef, AnswerError, Cx};
use crate::model::{ActorId, ClaimId};
use crate::query::{Centrality, Opts, Weighting};

/// The answer to `central`: the top actors by betweenness or degree, under a filter.
#[derive(Clone, Debug, Serialize)]
pub struct CentralAnswer {
    /// What the actors are ranked by.
    pub by: Centrality,
    /// For `by degree weight …`, what weighs each tie: the score is then the weighted degree,
    /// the sum of the weights of an actor's ties. Absent for plain degree and betweenness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Weighting>,
    /// The query's filter in words, e.g. `["via cooperation"]`; empty when there is none.
    pub filter: Vec<String>,
    /// Whether every actor was a source (exact) or a seeded sample was (an estimate). Always
    /// `true` for degree, which is computed exactly.
    pub exact: bool,
    /// How many source actors betweenness was computed from: every actor when exact, the sample
    /// size when estimated, and 0 for degree.
    pub sources: usize,
    /// The seed that chose the sampled sources; absent from the JSON when betweenness is exact or
    /// the ranking is by degree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// How many actors were ranked (after roll-up): the size of the graph the scores are
    /// normalised over.
    pub actors: usize,
    /// How many actors the ranking holds: those with a tie under the filter (every ranked
    /// actor for betweenness, whose scores may all be 0 on a sparse graph, is `actors`).
    pub total: usize,
    /// The top actors, best first: highest score, then highest degree, then lower id. As many as
    /// `top N` or `limit N` asks (10 by default).
    pub top: Vec<CentralEntry>,
    /// Whether `top N` (rather than `limit N` or the default) set the length: the text then
    /// shows the head of the ranking as asked, without a line on what follows. Not in the JSON,
    /// whose `total` says it either way.
    #[serde(skip)]
    pub top_asked: bool,
}

/// One actor of the `central` ranking.
#[derive(Clone, Debug, Serialize)]
pub struct CentralEntry {
    /// The actor's place in the ranking, from 1.
    pub rank: usize,
    /// The actor at this rank.
    pub actor: ActorRef,
    /// Normalised betweenness, or degree (distinct neighbours) divided by `n − 1`, where `n`
    /// counts the nodes ranked (actors after roll-up); with `weight`, the weighted degree, not
    /// normalised: claims, distinct sentences, or the sum of |Goldstein score| on its ties.
    pub score: f64,
    /// Distinct neighbours under the filter.
    pub degree: usize,
    /// Under `weight goldstein`, the signed sum of the Goldstein scores on its ties: positive
    /// when its ties are mostly cooperative, negative when mostly hostile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f64>,
}

/// How many actors `central` lists unless `top` or `limit` says otherwise.
pub const DEFAULT_TOP: usize = 10;

/// Above this many actors, `central by betweenness` samples sources unless told otherwise.
pub const EXACT_BETWEENNESS_LIMIT: usize = 5_000;
/// How many sources the default sample uses.
pub const DEFAULT_SAMPLE: usize = 200;
/// The default seed for choosing sampled sources.
pub const DEFAULT_SEED: u64 = 42;

impl Cx<'_> {
    pub(super) fn central(&self, opts: &Opts) -> Result<CentralAnswer, AnswerError> {
        let filter = self.filter(opts, &[])?;
        let w = self.walker(&filter);
        // Rank the nodes the roll-up leaves: principals, and every actor with it off.
        let nodes: Vec<ActorId> = w.nodes().collect();
        let n = nodes.len();
        let degrees = w.degrees();
        // `weight` alone asks for weighted degree; the parser refuses it with betweenness.
        let by = opts.by.unwrap_or(if opts.weight.is_some() {
            Centrality::Degree
        } else {
            Centrality::Betweenness
        });
        let mut signed: Option<Vec<f64>> = None;
        let (scores, exact, sources, seed) = match (by, opts.weight) {
            (Centrality::Degree, Some(weight)) => {
                let (strength, net) = self.weighted_degrees(&w, weight);
                signed = (weight == Weighting::Goldstein).then_some(net);
                (strength, true, 0, None)
            }
            (Centrality::Degree, None) => {
                let denom = (n.max(2) - 1) as f64;
                (
                    degrees
                        .iter()
                        .map(|d| *d as f64 / denom)
                        .collect::<Vec<f64>>(),
                    true,
                    0,
                    None,
                )
            }
            (Centrality::Betweenness, _) => {
                let k = match opts.sample {
                    Some(k) => k.min(n),
                    None if n > EXACT_BETWEENNESS_LIMIT => DEFAULT_SAMPLE,
                    None => n,
                };
                let all: Vec<ActorId> = nodes.clone();
                if k >= n {
                    (w.betweenness(&all)?, true, n, None)
                } else {
                    // A seeded partial Fisher–Yates shuffle picks k distinct sources.
                    let seed = opts.seed.unwrap_or(DEFAULT_SEED);
                    let mut rng = crate::rng::Rng::new(seed);
                    let mut pool = all;
                    for i in 0..k {
                        let j = i + rng.below(n - i);
                        pool.swap(i, j);
                    }
                    pool.truncate(k);
                    (w.betweenness(&pool)?, false, k, Some(seed))
                }
            }
        };
        let mut order: Vec<ActorId> = nodes;
        order.sort_by(|a, b| {
            scores[b.index()]
                .total_cmp(&scores[a.index()])
                .then(degrees[b.index()].cmp(&degrees[a.index()]))
                .then(a.cmp(b))
        });
        // Degree ranks the actors with a tie; betweenness ranks every node (a score of 0 is an
        // answer there, as on a path graph's ends).
        let total = match by {
            Centrality::Degree => order.iter().filter(|a| degrees[a.index()] > 0).count(),
            Centrality::Betweenness => n,
        };
        let top = order
            .into_iter()
            .take(total.min(match opts.limit {
                Some(_) => opts.cap(DEFAULT_TOP),
                None => opts.top.unwrap_or(DEFAULT_TOP),
            }))
            .enumerate()
            .map(|(i, a)| CentralEntry {
                rank: i + 1,
                actor: self.actor_ref(a),
                score: scores[a.index()],
                degree: degrees[a.index()],
                goldstein: signed.as_ref().map(|g| g[a.index()]),
            })
            .collect();
        Ok(CentralAnswer {
            by,
            weight: opts.weight,
            total,
            top_asked: opts.top.is_some() && opts.limit.is_none(),
            filter: self.describe_filter(&filter),
            exact,
            sources,
            seed,
            actors: n,
            top,
        })
    }
}

impl Cx<'_> {
    /// Each actor's weighted degree: the sum over its ties to other nodes of the tie's weight
    /// (its passing claims, their distinct sentences, or the sum of their |Goldstein score|),
    /// and the signed sum of the Goldstein scores on its ties. Indexed by actor.
    fn weighted_degrees(
        &self,
        w: &crate::graph::algo::Walker<'_>,
        weight: Weighting,
    ) -> (Vec<f64>, Vec<f64>) {
        let n = self.db.actors.len();
        let (mut strength, mut signed) = (vec![0.0f64; n], vec![0.0f64; n]);
        let ties = w.tie_claims();
        let mut claims: Vec<ClaimId> = Vec::new();
        let mut i = 0;
        while i < ties.len() {
            let (u, v) = (ties[i].0, ties[i].1);
            claims.clear();
            while i < ties.len() && (ties[i].0, ties[i].1) == (u, v) {
                claims.push(ties[i].2);
                i += 1;
            }
            let scores = claims
                .iter()
                .filter_map(|c| self.db.claim(*c).coded.as_ref()?.goldstein)
                .map(f64::from);
            let (tie, net) = match weight {
                Weighting::Claims => (claims.len() as f64, 0.0),
                Weighting::Evidence => (self.db.support(&claims).quotes as f64, 0.0),
                Weighting::Goldstein => scores.fold((0.0, 0.0), |(m, s), g| (m + g.abs(), s + g)),
            };
            for x in [u, v] {
                strength[x.index()] += tie;
                signed[x.index()] += net;
            }
        }
        (strength, signed)
    }
}
