//! `central`: the most central actors by betweenness (exact or sampled) or degree.

use serde::Serialize;

use super::{ActorRef, AnswerError, Cx};
use crate::model::ActorId;
use crate::query::{Centrality, Opts};

/// The answer to `central`: the top actors by betweenness or degree, under a filter.
#[derive(Clone, Debug, Serialize)]
pub struct CentralAnswer {
    /// What the actors are ranked by.
    pub by: Centrality,
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
    /// The top actors, best first: highest score, then highest degree, then lower id. As many as
    /// `top N` asks (10 by default).
    pub top: Vec<CentralEntry>,
}

/// One actor of the `central` ranking.
#[derive(Clone, Debug, Serialize)]
pub struct CentralEntry {
    /// The actor's place in the ranking, from 1.
    pub rank: usize,
    /// The actor at this rank.
    pub actor: ActorRef,
    /// Normalised betweenness, or degree (distinct neighbours) divided by `n − 1`, where `n`
    /// counts the nodes ranked (actors after roll-up).
    pub score: f64,
    /// Distinct neighbours under the filter.
    pub degree: usize,
}

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
        let by = opts.by.unwrap_or(Centrality::Betweenness);
        let (scores, exact, sources, seed) = match by {
            Centrality::Degree => {
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
            Centrality::Betweenness => {
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
        let top = order
            .into_iter()
            .take(opts.top.unwrap_or(10))
            .enumerate()
            .map(|(i, a)| CentralEntry {
                rank: i + 1,
                actor: self.actor_ref(a),
                score: scores[a.index()],
                degree: degrees[a.index()],
            })
            .collect();
        Ok(CentralAnswer {
            by,
            filter: self.describe_filter(&filter),
            exact,
            sources,
            seed,
            actors: n,
            top,
        })
    }
}
