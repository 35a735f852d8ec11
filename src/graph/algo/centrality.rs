//! Centrality: how much of the graph's traffic passes through an actor (Brandes betweenness),
//! how many others it is tied to (degree), and the claims behind its ties (for weighted
//! degree, which the answer layer weighs).
//!
//! Both see the filtered graph with direction ignored, as an undirected graph of the walker's
//! nodes in which two nodes are neighbours when some usable edge links a member of one to a
//! member of the other, however many edges do. Results are indexed by actor, with zero for
//! actors that are not nodes.
//! Both read a compact adjacency built once under the filter: they visit every neighbour list,
//! betweenness once per source, and contiguous arrays beat petgraph's linked edge lists there.

use petgraph::visit::EdgeRef;

use super::Walker;
use crate::cancel::Stopped;
use crate::graph::{actor, node};
use crate::model::{ActorId, ClaimId};

impl Walker<'_> {
    /// Betweenness centrality by Brandes' algorithm, over the filtered graph of nodes with
    /// direction ignored (as for an undirected graph), accumulated from the given `sources`.
    ///
    /// Returns one score per actor, zero for actors that are not nodes, normalised as NetworkX
    /// does for undirected graphs: divided by `(n − 1)(n − 2)` for `n` nodes, and scaled by
    /// `n / k` when only `k` of the `n` nodes are sources (the sampled estimate). A source that
    /// is not a node counts as its node, and each node counts once however many of its members
    /// are given, so with every actor (or every node) as a source the scores are exact.
    ///
    /// Cost: `O(k · (V + E))` time and `O(V)` memory per thread. Sources are split into a fixed
    /// number of chunks that run on separate threads and are summed in chunk order, so the
    /// result does not depend on how many cores the machine has.
    ///
    /// With a token ([`Walker::with_cancel`]) every thread checks it before each source (one
    /// source costs a breadth-first search, `O(V + E)`), and the call returns [`Stopped`]
    /// rather than scores summed over some of the sources.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // A star: 0 at the centre, tied to 1, 2, 3 and 4.
    /// let ties = [1, 2, 3, 4].map(|leaf| (0, leaf, Action::Consult));
    /// let sketch = Sketch::new(5, &ties);
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let all: Vec<ActorId> = (0..5).map(ActorId).collect();
    /// let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    /// // Every shortest path between two leaves runs through the centre.
    /// let exact = w.betweenness(&all).unwrap();
    /// assert!(close(exact[0], 1.0) && exact[1..].iter().all(|&x| x == 0.0));
    /// // Two leaves as sources see 3 paths each through the centre: 6, scaled by 5 / 2 and
    /// // normalised by 4 · 3, is 1.25. The centre as a source sees none through itself.
    /// assert!(close(w.betweenness(&all[1..3]).unwrap()[0], 1.25));
    /// assert!(close(w.betweenness(&all[0..2]).unwrap()[0], 0.625));
    /// ```
    pub fn betweenness(&self, sources: &[ActorId]) -> Result<Vec<f64>, Stopped> {
        const CHUNKS: usize = 8;
        self.ticker().now()?;
        let n = self.n();
        let nodes = self.nodes().count();
        // Each source as its node, each node once, in the order first given.
        let sources: Vec<ActorId> = if self.rolls {
            let mut given = vec![false; n];
            sources
                .iter()
                .map(|&s| self.rep(s))
                .filter(|r| !std::mem::replace(&mut given[r.index()], true))
                .collect()
        } else {
            sources.to_vec()
        };
        if sources.is_empty() || nodes < 3 {
            return Ok(vec![0.0; n]);
        }
        // A compact, deduplicated adjacency under the filter, built once: Brandes walks every
        // neighbour list twice per source, and contiguous arrays beat chasing petgraph's
        // linked edge lists by a wide margin.
        let adj = self.compact_adjacency();
        let chunk = sources.len().div_ceil(CHUNKS);
        let threads = std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .min(CHUNKS);
        let chunks: Vec<&[ActorId]> = sources.chunks(chunk).collect();
        let mut partial: Vec<Vec<f64>> = vec![Vec::new(); chunks.len()];
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results = std::sync::Mutex::new(&mut partial);
        let stopped: std::sync::Mutex<Option<Stopped>> = std::sync::Mutex::new(None);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let ticker = self.ticker();
                    let mut scratch = Brandes::new(n);
                    'chunks: loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let mut acc = vec![0.0; n];
                        for &s in *chunk {
                            if let Err(e) = ticker.now() {
                                // The others see the same token at their next source.
                                *stopped.lock().expect("no thread panics while holding it") =
                                    Some(e);
                                break 'chunks;
                            }
                            scratch.accumulate(&adj, s, &mut acc);
                        }
                        results.lock().expect("no thread panics while holding it")[i] = acc;
                    }
                });
            }
        });
        if let Some(e) = stopped.into_inner().expect("no thread panicked") {
            return Err(e);
        }
        let mut total = vec![0.0; n];
        for acc in &partial {
            for (t, a) in total.iter_mut().zip(acc) {
                *t += a;
            }
        }
        let scale =
            (nodes as f64 / sources.len() as f64) / ((nodes - 1) as f64 * (nodes - 2) as f64);
        for t in &mut total {
            *t *= scale;
        }
        Ok(total)
    }

    /// The distinct nodes one usable step from node `u`, direction ignored, each once.
    fn distinct_neighbors(&self, u: ActorId, marks: &mut Marks, out: &mut Vec<ActorId>) {
        out.clear();
        let gen = marks.next();
        // Marking u first drops the edges inside its group.
        marks.seen[u.index()] = gen;
        for &m in self.group(u) {
            for e in self.graph.g.edges(node(m)) {
                let v = self.rep(actor(e.target()));
                if marks.seen[v.index()] == gen || self.avoid[v.index()] {
                    continue;
                }
                if self.filter.edge_ok(self.net, e.weight()) {
                    marks.seen[v.index()] = gen;
                    out.push(v);
                }
            }
        }
    }

    /// Each node's distinct neighbours under the filter, as offsets into one target array
    /// (`targets[offsets[a]..offsets[a + 1]]`). Avoided nodes and actors that are not nodes
    /// have none. `O(V + E)`.
    fn compact_adjacency(&self) -> Adjacency {
        let n = self.n();
        let mut marks = Marks::new(n);
        let mut buf = Vec::new();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(self.graph.edge_count() * 2);
        offsets.push(0u32);
        for i in 0..n {
            if !self.avoid[i] && self.is_node(ActorId(i as u32)) {
                self.distinct_neighbors(ActorId(i as u32), &mut marks, &mut buf);
                targets.extend(buf.iter().map(|a| a.0));
            }
            offsets.push(targets.len() as u32);
        }
        Adjacency { offsets, targets }
    }

    /// The claims behind every tie between two nodes, for weighted degree: each passing claim
    /// on a usable edge between members of two different nodes, as `(lower node, higher node,
    /// claim)`, sorted and each once (a mediation sits on two edges, which may join the same
    /// two nodes). Direction is ignored, as for [`Walker::degrees`]; edges inside a node and
    /// edges to avoided nodes are left out. One pass over the edges and their claims, then a
    /// sort: `O(E + C log C)`.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId, ClaimId, KindSet, RelationKind};
    ///
    /// // 0 and 1 talk (claim 0) and fight (claim 1); 2 belongs to 0 and strikes 1 (claim 2).
    /// let ties = [(0, 1, Action::Consult), (1, 0, Action::Assault), (2, 1, Action::Assault)];
    /// let mut sketch = Sketch::new(3, &ties);
    /// sketch.part_of(2, 0);
    /// let a = ActorId;
    /// let open = Filter::default();
    /// let w = Walker::new(sketch.net(), &open);
    /// assert_eq!(
    ///     w.tie_claims(),
    ///     [(a(0), a(1), ClaimId(0)), (a(0), a(1), ClaimId(1)), (a(0), a(1), ClaimId(2))]
    /// );
    /// let fights = Filter { kinds: KindSet::only(RelationKind::Conflict), rollup: false, ..Filter::default() };
    /// let w = Walker::new(sketch.net(), &fights);
    /// assert_eq!(w.tie_claims(), [(a(0), a(1), ClaimId(1)), (a(1), a(2), ClaimId(2))]);
    /// ```
    pub fn tie_claims(&self) -> Vec<(ActorId, ActorId, ClaimId)> {
        let mut out = Vec::new();
        for e in self.graph.g.edge_references() {
            let edge = e.weight();
            let (u, v) = (self.rep(edge.a), self.rep(edge.b));
            if u == v || self.avoid[u.index()] || self.avoid[v.index()] {
                continue;
            }
            let (lo, hi) = (u.min(v), u.max(v));
            out.extend(self.filter.passing(self.net, edge).map(|c| (lo, hi, c)));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Degree centrality: for each node, the number of distinct nodes tied to it by some usable
    /// edge, direction ignored (two ties to one node count once). Avoided nodes and actors that
    /// are not nodes have degree 0, and avoided nodes count for no one. `O(V + E)`.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId, KindSet, RelationKind};
    ///
    /// // 0 and 1 both talk and fight; 0 also strikes 2.
    /// let ties = [(0, 1, Action::Consult), (1, 0, Action::Assault), (0, 2, Action::Assault)];
    /// let sketch = Sketch::new(3, &ties);
    /// let open = Filter::default();
    /// assert_eq!(Walker::new(sketch.net(), &open).degrees(), [2, 1, 1]);
    /// let talks = Filter { kinds: KindSet::only(RelationKind::Cooperation), ..Filter::default() };
    /// assert_eq!(Walker::new(sketch.net(), &talks).degrees(), [1, 1, 0]);
    /// let without_1 = Filter { avoid: vec![ActorId(1)], ..Filter::default() };
    /// assert_eq!(Walker::new(sketch.net(), &without_1).degrees(), [1, 0, 1]);
    /// ```
    pub fn degrees(&self) -> Vec<usize> {
        let n = self.n();
        let mut marks = Marks::new(n);
        let mut buf = Vec::new();
        (0..n)
            .map(|i| {
                let a = ActorId(i as u32);
                if self.avoid[i] || !self.is_node(a) {
                    return 0;
                }
                self.distinct_neighbors(a, &mut marks, &mut buf);
                buf.len()
            })
            .collect()
    }
}

/// Generation marks: `seen[v] == gen` means v was marked in the current scan. Starting a scan
/// is one increment, not a pass over the array.
struct Marks {
    seen: Vec<u32>,
    gen: u32,
}

impl Marks {
    fn new(n: usize) -> Self {
        Marks {
            seen: vec![0; n],
            gen: 0,
        }
    }
    fn next(&mut self) -> u32 {
        if self.gen == u32::MAX {
            self.seen.fill(0);
            self.gen = 0;
        }
        self.gen += 1;
        self.gen
    }
}

/// A compressed adjacency list: see [`Walker::compact_adjacency`].
struct Adjacency {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Adjacency {
    fn of(&self, a: u32) -> &[u32] {
        &self.targets[self.offsets[a as usize] as usize..self.offsets[a as usize + 1] as usize]
    }
}

/// Per-thread working memory for Brandes' algorithm, reused across sources.
struct Brandes {
    dist: Vec<i32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<ActorId>,
}

impl Brandes {
    fn new(n: usize) -> Self {
        Brandes {
            dist: vec![-1; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds source `s`'s dependencies to `acc`.
    fn accumulate(&mut self, adj: &Adjacency, s: ActorId, acc: &mut [f64]) {
        // Reset only what the previous source touched.
        for v in self.order.drain(..) {
            self.dist[v.index()] = -1;
            self.sigma[v.index()] = 0.0;
            self.delta[v.index()] = 0.0;
        }
        self.dist[s.index()] = 0;
        self.sigma[s.index()] = 1.0;
        self.order.push(s);
        let mut head = 0;
        while head < self.order.len() {
            let u = self.order[head];
            head += 1;
            let du = self.dist[u.index()];
            let su = self.sigma[u.index()];
            for &v in adj.of(u.0) {
                let v = v as usize;
                if self.dist[v] < 0 {
                    self.dist[v] = du + 1;
                    self.order.push(ActorId(v as u32));
                }
                if self.dist[v] == du + 1 {
                    self.sigma[v] += su;
                }
            }
        }
        // Dependencies, farthest first.
        for i in (1..self.order.len()).rev() {
            let x = self.order[i];
            let coeff = (1.0 + self.delta[x.index()]) / self.sigma[x.index()];
            let dx = self.dist[x.index()];
            for &v in adj.of(x.0) {
                let v = v as usize;
                if self.dist[v] == dx - 1 {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            acc[x.index()] += self.delta[x.index()];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{
        actors, brute_betweenness, filters, random_sketch, reference, Rng, Way,
    };
    use super::*;
    use crate::graph::{Filter, Sketch};
    use crate::model::{Action, KindSet, RelationKind};

    fn assert_close(got: &[f64], expected: &[f64], why: &str) {
        assert_eq!(got.len(), expected.len(), "{why}");
        for (i, (g, e)) in got.iter().zip(expected).enumerate() {
            assert!((g - e).abs() < 1e-9, "{why}: actor {i}: {g} vs {e}");
        }
    }

    #[test]
    fn brandes_matches_brute_force_betweenness_on_hundreds_of_small_random_graphs() {
        let mut positive = 0;
        for seed in 0..300 {
            let mut rng = Rng::new(4000 + seed);
            let n = rng.between(1, 9);
            let ties = rng.between(0, 2 * n + 2);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let why = format!("seed {seed}, {filter:?}");
                // Direction is ignored: the graph is read as undirected whatever the filter says.
                let adj = reference(sketch.net(), &filter, Way::Either);
                let w = Walker::new(sketch.net(), &filter);
                let all: Vec<ActorId> = actors(n).collect();
                let exact = w.betweenness(&all).unwrap();
                assert_close(&exact, &brute_betweenness(&adj, &all, &all), &why);
                positive += exact.iter().filter(|&&x| x > 0.0).count();

                // Every source, in another order, is the exact answer again.
                let mut shuffled = all.clone();
                shuffled.reverse();
                shuffled.rotate_left(n / 3);
                assert_close(&w.betweenness(&shuffled).unwrap(), &exact, &why);

                // A sample is the sum over its sources, scaled by n / k.
                let sample: Vec<ActorId> =
                    all.iter().copied().filter(|_| rng.chance(1, 2)).collect();
                assert_close(
                    &w.betweenness(&sample).unwrap(),
                    &brute_betweenness(&adj, &all, &sample),
                    &why,
                );
            }
        }
        assert!(positive > 3_000, "only {positive} positive scores");
    }

    #[test]
    fn betweenness_with_more_sources_than_chunks_sums_every_chunk() {
        // A path of 40 actors: the middle carries the most, the ends nothing. Forty sources
        // fill all the chunks the work is split into.
        let ties: Vec<(u32, u32, Action)> = (0..39).map(|i| (i, i + 1, Action::Consult)).collect();
        let sketch = Sketch::new(40, &ties);
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        let all: Vec<ActorId> = actors(40).collect();
        let adj = reference(sketch.net(), &filter, Way::Either);
        let exact = w.betweenness(&all).unwrap();
        assert_close(&exact, &brute_betweenness(&adj, &all, &all), "path of 40");
        // On a path, actor i lies on every path between the i actors before it and the
        // 39 − i after it, both ways.
        for (i, score) in exact.iter().enumerate() {
            let expected = (2 * i * (39 - i)) as f64 / (39.0 * 38.0);
            assert!(
                (score - expected).abs() < 1e-12,
                "actor {i}: {score} vs {expected}"
            );
        }
    }

    #[test]
    fn betweenness_of_fewer_than_three_actors_or_no_sources_is_zero() {
        let sketch = Sketch::new(2, &[(0, 1, Action::Consult)]);
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        assert_eq!(
            w.betweenness(&[ActorId(0), ActorId(1)]).unwrap(),
            [0.0, 0.0]
        );
        let star = Sketch::new(3, &[(0, 1, Action::Consult), (0, 2, Action::Consult)]);
        let w = Walker::new(star.net(), &filter);
        assert_eq!(w.betweenness(&[]).unwrap(), [0.0, 0.0, 0.0]);
        assert_eq!(
            w.betweenness(&[ActorId(1), ActorId(2), ActorId(0)])
                .unwrap()[0],
            1.0
        );
    }

    /// Zachary's karate club (Zachary 1977): 34 members, 78 friendships, members numbered 0–33.
    const KARATE: [(u32, u32); 78] = [
        (0, 1),
        (0, 2),
        (0, 3),
        (0, 4),
        (0, 5),
        (0, 6),
        (0, 7),
        (0, 8),
        (0, 10),
        (0, 11),
        (0, 12),
        (0, 13),
        (0, 17),
        (0, 19),
        (0, 21),
        (0, 31),
        (1, 2),
        (1, 3),
        (1, 7),
        (1, 13),
        (1, 17),
        (1, 19),
        (1, 21),
        (1, 30),
        (2, 3),
        (2, 7),
        (2, 8),
        (2, 9),
        (2, 13),
        (2, 27),
        (2, 28),
        (2, 32),
        (3, 7),
        (3, 12),
        (3, 13),
        (4, 6),
        (4, 10),
        (5, 6),
        (5, 10),
        (5, 16),
        (6, 16),
        (8, 30),
        (8, 32),
        (8, 33),
        (9, 33),
        (13, 33),
        (14, 32),
        (14, 33),
        (15, 32),
        (15, 33),
        (18, 32),
        (18, 33),
        (19, 33),
        (20, 32),
        (20, 33),
        (22, 32),
        (22, 33),
        (23, 25),
        (23, 27),
        (23, 29),
        (23, 32),
        (23, 33),
        (24, 25),
        (24, 27),
        (24, 31),
        (25, 31),
        (26, 29),
        (26, 33),
        (27, 33),
        (28, 31),
        (28, 33),
        (29, 32),
        (29, 33),
        (30, 32),
        (30, 33),
        (31, 32),
        (31, 33),
        (32, 33),
    ];

    #[test]
    fn exact_betweenness_matches_the_published_karate_club_values() {
        let mut sketch = Sketch::new(34, &[]);
        for (a, b) in KARATE {
            sketch.tie(a, b, Action::Cooperate).mutual();
        }
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        let all: Vec<ActorId> = actors(34).collect();
        let bc = w.betweenness(&all).unwrap();
        // Normalised betweenness of the five most central members, as published for this
        // network (e.g. the values NetworkX documents for karate_club_graph).
        let published = [
            (0, 0.437_635),
            (33, 0.304_075),
            (32, 0.145_247),
            (2, 0.143_657),
            (31, 0.138_276),
        ];
        let mut ranked: Vec<usize> = (0..34).collect();
        ranked.sort_by(|&a, &b| bc[b].total_cmp(&bc[a]).then(a.cmp(&b)));
        for (&member, (id, score)) in ranked.iter().zip(published) {
            assert_eq!(member, id);
            assert!(
                (bc[member] - score).abs() < 1e-6,
                "{id}: {} vs {score}",
                bc[member]
            );
        }
        let adj = reference(sketch.net(), &filter, Way::Either);
        assert_close(&bc, &brute_betweenness(&adj, &all, &all), "karate club");
        let degrees = w.degrees();
        assert_eq!((degrees[33], degrees[0], degrees[11]), (17, 16, 1));
    }

    #[test]
    fn degrees_match_distinct_neighbours_on_small_random_graphs() {
        for seed in 0..200 {
            let mut rng = Rng::new(6000 + seed);
            let n = rng.between(1, 9);
            let ties = rng.between(0, 3 * n);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let adj = reference(sketch.net(), &filter, Way::Either);
                let expected: Vec<usize> = adj.iter().map(Vec::len).collect();
                let got = Walker::new(sketch.net(), &filter).degrees();
                assert_eq!(got, expected, "seed {seed}, {filter:?}");
            }
        }
    }

    #[test]
    fn degree_counts_an_actor_tied_by_several_kinds_once() {
        let mut sketch = Sketch::new(3, &[(0, 1, Action::Consult), (1, 0, Action::Assault)]);
        sketch.mediation(2, 0, 1);
        let open = Filter::default();
        let w = Walker::new(sketch.net(), &open);
        assert_eq!(sketch.graph().degree(ActorId(0)), 3);
        assert_eq!(w.degrees(), [2, 2, 2]);
        let conflict = Filter {
            kinds: KindSet::only(RelationKind::Conflict),
            ..Filter::default()
        };
        assert_eq!(Walker::new(sketch.net(), &conflict).degrees(), [1, 1, 0]);
    }
}
