//! Graph algorithms over a [`RelGraph`] seen through a [`Filter`].
//!
//! Every algorithm here applies the filter *while it walks*: an edge is usable from `u` to `v`
//! only if some claim on it passes the kind, certainty and date filters (and, for directed
//! queries, goes from `u` to `v`), and avoided actors are never entered. Nothing copies the
//! graph: the walker reads petgraph's adjacency lists in place, and the component count uses
//! petgraph's [`EdgeFiltered`] view with its [`Bfs`].
//!
//! Costs below use `V` for actors and `E` for edges; all are per query.

use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::visit::{Bfs, EdgeFiltered, EdgeRef};

use super::{actor, node, Direction, EdgeId, Filter, Net, RelGraph};
use crate::model::ActorId;

const UNSEEN: u32 = u32::MAX;
const FORWARD: usize = 0;
const BACKWARD: usize = 1;

thread_local! {
    /// Search state reused across queries on this thread: starting a search is one increment
    /// of a generation counter, not clearing arrays as large as the graph. A path query on a
    /// hundred thousand actors then costs what it visits.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Per-side distances and predecessors, valid where `stamp` equals the current generation.
#[derive(Default)]
struct Scratch {
    gen: u32,
    stamp: [Vec<u32>; 2],
    dist: [Vec<u32>; 2],
    pred: [Vec<u32>; 2],
}

impl Scratch {
    /// Starts a new search over `n` actors.
    fn prepare(&mut self, n: usize) -> &mut Scratch {
        if self.stamp[0].len() != n || self.gen == u32::MAX {
            for side in 0..2 {
                self.stamp[side] = vec![0; n];
                self.dist[side] = vec![0; n];
                self.pred[side] = vec![0; n];
            }
            self.gen = 0;
        }
        self.gen += 1;
        self
    }
    fn seen(&self, side: usize, v: ActorId) -> bool {
        self.stamp[side][v.index()] == self.gen
    }
    fn visit(&mut self, side: usize, v: ActorId, dist: u32, pred: u32) {
        self.stamp[side][v.index()] = self.gen;
        self.dist[side][v.index()] = dist;
        self.pred[side][v.index()] = pred;
    }
    fn dist(&self, side: usize, v: ActorId) -> Option<u32> {
        self.seen(side, v).then(|| self.dist[side][v.index()])
    }
    fn pred(&self, side: usize, v: ActorId) -> u32 {
        self.pred[side][v.index()]
    }
}

/// A filtered view of the graph that algorithms walk.
pub struct Walker<'a> {
    net: Net<'a>,
    graph: &'a RelGraph,
    filter: &'a Filter,
    avoid: Vec<bool>,
}

impl<'a> Walker<'a> {
    pub fn new(net: Net<'a>, filter: &'a Filter) -> Self {
        let mut avoid = vec![false; net.graph.node_count()];
        for a in &filter.avoid {
            avoid[a.index()] = true;
        }
        Walker {
            net,
            graph: net.graph,
            filter,
            avoid,
        }
    }

    fn n(&self) -> usize {
        self.graph.node_count()
    }

    /// The actors one usable step forward from `u` (repeats when several kinds link them).
    fn forward(&self, u: ActorId) -> impl Iterator<Item = ActorId> + '_ {
        self.graph.g.edges(node(u)).filter_map(move |e| {
            let v = actor(e.target());
            (!self.avoid[v.index()] && self.filter.step_ok(self.net, e.weight(), u, v)).then_some(v)
        })
    }

    /// The actors one usable step backward from `v`: those `u` with a usable step `u → v`.
    fn backward(&self, v: ActorId) -> impl Iterator<Item = ActorId> + '_ {
        self.graph.g.edges(node(v)).filter_map(move |e| {
            let u = actor(e.target());
            (!self.avoid[u.index()] && self.filter.step_ok(self.net, e.weight(), u, v)).then_some(u)
        })
    }

    /// The usable edges for the step `u → v`, in kind order.
    pub fn step_edges(&self, u: ActorId, v: ActorId) -> Vec<EdgeId> {
        let mut edges = self.graph.between(u, v);
        edges.retain(|&e| self.filter.step_ok(self.net, self.graph.edge(e), u, v));
        edges
    }

    /// A shortest path from `s` to `t` in hops, by bidirectional breadth-first search.
    ///
    /// Returns the actors along the path, `s` first, or `None` if `t` is unreachable under the
    /// filter or only further than `max_hops`. Among equally short paths it returns one
    /// deterministically (the same data gives the same path).
    ///
    /// Cost: `O(V + E)` in the worst case, but it expands the smaller frontier each round, so on
    /// sparse, hub-heavy graphs it touches far fewer edges than a one-sided search.
    ///
    /// ```
    /// let db = dyad::load_embedded().unwrap();
    /// let id = |s| db.names.get(s).unwrap();
    /// let filter = dyad::graph::Filter::default();
    /// let w = dyad::graph::algo::Walker::new(db.net(), &filter);
    /// let p = w.shortest_path(id("Oman"), id("Israel"), None).unwrap();
    /// assert_eq!(p.len(), 3); // Oman – (United States or Iran) – Israel
    /// ```
    pub fn shortest_path(
        &self,
        s: ActorId,
        t: ActorId,
        max_hops: Option<usize>,
    ) -> Option<Vec<ActorId>> {
        if s == t {
            return Some(vec![s]);
        }
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let sc = scratch.prepare(self.n());
            let (_, meets) = self.bidirectional(sc, s, t, max_hops, false)?;
            let m = meets[0];
            let mut path = vec![m];
            let mut cur = m;
            while cur != s {
                cur = ActorId(sc.pred(FORWARD, cur));
                path.push(cur);
            }
            path.reverse();
            let mut cur = m;
            while cur != t {
                cur = ActorId(sc.pred(BACKWARD, cur));
                path.push(cur);
            }
            Some(path)
        })
    }

    /// The actors strictly between `s` and `t` on any shortest path, with the path length, by
    /// the same bidirectional search: the meeting points of both frontiers, traced back to each
    /// end. Costs what the search visits, not the whole graph. `None` when unreachable.
    pub fn shortest_path_interiors(&self, s: ActorId, t: ActorId) -> Option<(usize, Vec<ActorId>)> {
        if s == t {
            return Some((0, Vec::new()));
        }
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            let sc = scratch.prepare(self.n());
            let (total, meets) = self.bidirectional(sc, s, t, None, true)?;
            let mut on_path: Vec<ActorId> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for side in [FORWARD, BACKWARD] {
                let mut stack: Vec<ActorId> = meets.clone();
                while let Some(v) = stack.pop() {
                    if !seen.insert((side, v)) {
                        continue;
                    }
                    on_path.push(v);
                    let dv = sc.dist(side, v).expect("traced nodes were visited");
                    if dv == 0 {
                        continue;
                    }
                    for e in self.graph.g.edges(node(v)) {
                        let u = actor(e.target());
                        if self.avoid[u.index()] || sc.dist(side, u) != Some(dv - 1) {
                            continue;
                        }
                        let ok = if side == FORWARD {
                            self.filter.step_ok(self.net, e.weight(), u, v)
                        } else {
                            self.filter.step_ok(self.net, e.weight(), v, u)
                        };
                        if ok {
                            stack.push(u);
                        }
                    }
                }
            }
            on_path.sort();
            on_path.dedup();
            on_path.retain(|&x| x != s && x != t);
            Some((total as usize, on_path))
        })
    }

    /// Level-synchronous bidirectional BFS. Returns the path length and the meeting points.
    ///
    /// A node seen by both searches ends the search the moment it is found, so every meeting
    /// point of the final level gives the same length: the first one is a shortest path, and
    /// with `all_meets` the level is finished to collect every one.
    fn bidirectional(
        &self,
        sc: &mut Scratch,
        s: ActorId,
        t: ActorId,
        max_hops: Option<usize>,
        all_meets: bool,
    ) -> Option<(u32, Vec<ActorId>)> {
        sc.visit(FORWARD, s, 0, s.0);
        sc.visit(BACKWARD, t, 0, t.0);
        let (mut front_f, mut front_b) = (vec![s], vec![t]);
        // The work of expanding each frontier: the sum of its actors' degrees.
        let (mut work_f, mut work_b) = (self.graph.degree_of(s), self.graph.degree_of(t));
        let (mut depth_f, mut depth_b) = (0u32, 0u32);
        let mut next = Vec::new();
        loop {
            if front_f.is_empty() || front_b.is_empty() {
                return None;
            }
            if max_hops.is_some_and(|m| (depth_f + depth_b) as usize >= m) {
                return None;
            }
            // Expand the cheaper frontier by one level.
            let side = if work_f <= work_b { FORWARD } else { BACKWARD };
            let (front, depth, work) = if side == FORWARD {
                (&mut front_f, &mut depth_f, &mut work_f)
            } else {
                (&mut front_b, &mut depth_b, &mut work_b)
            };
            next.clear();
            *work = 0;
            let mut meets: Vec<ActorId> = Vec::new();
            let mut total = 0;
            'level: for &u in front.iter() {
                for e in self.graph.g.edges(node(u)) {
                    let v = actor(e.target());
                    if self.avoid[v.index()] || sc.seen(side, v) {
                        continue;
                    }
                    let ok = if side == FORWARD {
                        self.filter.step_ok(self.net, e.weight(), u, v)
                    } else {
                        self.filter.step_ok(self.net, e.weight(), v, u)
                    };
                    if !ok {
                        continue;
                    }
                    sc.visit(side, v, *depth + 1, u.0);
                    next.push(v);
                    *work += self.graph.degree_of(v);
                    if let Some(other) = sc.dist(1 - side, v) {
                        total = *depth + 1 + other;
                        meets.push(v);
                        if !all_meets {
                            break 'level;
                        }
                    }
                }
            }
            *depth += 1;
            std::mem::swap(front, &mut next);
            if !meets.is_empty() {
                if max_hops.is_some_and(|max| total as usize > max) {
                    return None;
                }
                return Some((total, meets));
            }
        }
    }

    /// Every shortest path from `s` to `t`.
    ///
    /// Returns the hop count, the number of shortest paths (saturating), and the first `limit`
    /// of them in lexicographic order of actor ids. Counting never enumerates: the number of
    /// paths through each actor is summed level by level over the shortest-path DAG.
    ///
    /// Cost: `O(V + E)` for the search and the count, plus `O(limit · hops · d)` to list paths,
    /// where `d` is the number of predecessors per step.
    pub fn all_shortest_paths(
        &self,
        s: ActorId,
        t: ActorId,
        max_hops: Option<usize>,
        limit: usize,
    ) -> Option<AllPaths> {
        if s == t {
            return Some(AllPaths {
                hops: 0,
                total: 1,
                paths: vec![vec![s]],
            });
        }
        // Forward BFS, level by level, until the level that reaches t is complete.
        let n = self.n();
        let mut dist = vec![UNSEEN; n];
        dist[s.index()] = 0;
        let mut front = vec![s];
        let mut depth = 0u32;
        while dist[t.index()] == UNSEEN {
            if front.is_empty() || max_hops.is_some_and(|m| depth as usize >= m) {
                return None;
            }
            let mut next = Vec::new();
            for &u in &front {
                for v in self.forward(u) {
                    if dist[v.index()] == UNSEEN {
                        dist[v.index()] = depth + 1;
                        next.push(v);
                    }
                }
            }
            depth += 1;
            front = next;
        }
        let hops = dist[t.index()];

        // Walk back from t over the shortest-path DAG, collecting each node's predecessors.
        let mut preds: HashMap<ActorId, Vec<ActorId>> = HashMap::new();
        let mut level = vec![t];
        let mut on_dag: HashSet<ActorId> = HashSet::from([t]);
        let mut by_level: Vec<Vec<ActorId>> = vec![vec![t]];
        while let Some(&first) = level.first() {
            if first == s {
                break;
            }
            let mut prev = BTreeSet::new();
            for &v in &level {
                let mut ps: Vec<ActorId> = self
                    .backward(v)
                    .filter(|u| dist[u.index()] != UNSEEN && dist[u.index()] + 1 == dist[v.index()])
                    .collect();
                ps.sort();
                ps.dedup();
                prev.extend(ps.iter().copied());
                preds.insert(v, ps);
            }
            level = prev.into_iter().collect();
            on_dag.extend(level.iter().copied());
            by_level.push(level.clone());
        }

        // Count paths from s to each DAG node, shallowest first.
        let mut count: HashMap<ActorId, u128> = HashMap::from([(s, 1u128)]);
        for lvl in by_level.iter().rev().skip(1) {
            for v in lvl {
                let c = preds[v]
                    .iter()
                    .map(|u| count.get(u).copied().unwrap_or(0))
                    .fold(0u128, u128::saturating_add);
                count.insert(*v, c);
            }
        }
        let total = count.get(&t).copied().unwrap_or(0);

        // List the first `limit` paths, depth-first from t so that the order is by id.
        let mut paths = Vec::new();
        let mut stack: Vec<ActorId> = vec![t];
        collect_paths(&preds, s, &mut stack, &mut paths, limit);
        for p in &mut paths {
            p.reverse();
        }
        paths.sort();
        Some(AllPaths {
            hops: hops as usize,
            total,
            paths,
        })
    }

    /// The `k` shortest simple paths from `s` to `t` (Yen's algorithm, hop lengths), shortest
    /// first, ties in lexicographic order of actor ids.
    ///
    /// Cost: `O(k · L · (V + E))` for paths of up to `L` hops: each of the `k` rounds runs one
    /// breadth-first search per spur node of the previous path.
    pub fn k_shortest_paths(
        &self,
        s: ActorId,
        t: ActorId,
        k: usize,
        max_hops: Option<usize>,
    ) -> Vec<Vec<ActorId>> {
        let mut found: Vec<Vec<ActorId>> = Vec::new();
        let Some(first) = self.shortest_path(s, t, max_hops) else {
            return found;
        };
        found.push(first);
        let mut candidates: BTreeSet<(usize, Vec<ActorId>)> = BTreeSet::new();
        while found.len() < k {
            let prev = found.last().expect("found is never empty here").clone();
            for i in 0..prev.len() - 1 {
                let spur = prev[i];
                let root = &prev[..=i];
                let mut banned_steps: HashSet<(ActorId, ActorId)> = HashSet::new();
                for p in &found {
                    if p.len() > i + 1 && p[..=i] == *root {
                        banned_steps.insert((p[i], p[i + 1]));
                    }
                }
                let mut banned = vec![false; self.n()];
                for a in &root[..i] {
                    banned[a.index()] = true;
                }
                let budget = max_hops.map(|m| m.saturating_sub(i));
                if let Some(tail) = self.bfs_path(spur, t, &banned, &banned_steps, budget) {
                    let mut path = root[..i].to_vec();
                    path.extend(tail);
                    if !found.contains(&path) {
                        candidates.insert((path.len(), path));
                    }
                }
            }
            match candidates.pop_first() {
                Some((_, p)) => found.push(p),
                None => break,
            }
        }
        found
    }

    /// A shortest path by one-sided BFS that avoids `banned` actors and `banned_steps`.
    fn bfs_path(
        &self,
        s: ActorId,
        t: ActorId,
        banned: &[bool],
        banned_steps: &HashSet<(ActorId, ActorId)>,
        max_hops: Option<usize>,
    ) -> Option<Vec<ActorId>> {
        let n = self.n();
        let mut pred = vec![UNSEEN; n];
        let mut dist = vec![UNSEEN; n];
        dist[s.index()] = 0;
        let mut front = vec![s];
        let mut depth = 0usize;
        while !front.is_empty() && dist[t.index()] == UNSEEN {
            if max_hops.is_some_and(|m| depth >= m) {
                return None;
            }
            let mut next = Vec::new();
            for &u in &front {
                for v in self.forward(u) {
                    if dist[v.index()] == UNSEEN
                        && !banned[v.index()]
                        && !banned_steps.contains(&(u, v))
                    {
                        dist[v.index()] = depth as u32 + 1;
                        pred[v.index()] = u.0;
                        next.push(v);
                    }
                }
            }
            depth += 1;
            front = next;
        }
        if dist[t.index()] == UNSEEN {
            return None;
        }
        let mut path = vec![t];
        let mut cur = t;
        while cur != s {
            cur = ActorId(pred[cur.index()]);
            path.push(cur);
        }
        path.reverse();
        Some(path)
    }

    /// The actors within `depth` usable steps of `s`, walking `dir` (ignoring
    /// [`Filter::directed`]), in breadth-first order: by distance, and within a distance in
    /// the order they were reached. `s` itself is not included.
    ///
    /// Each entry names the actor it was first reached from. Cost: `O(V + E)` at most, and
    /// only the part of the graph within `depth` hops is touched.
    pub fn neighborhood(&self, s: ActorId, depth: usize, dir: Direction) -> Vec<Reached> {
        let mut seen = vec![false; self.n()];
        seen[s.index()] = true;
        let mut out = Vec::new();
        let mut front = vec![s];
        for d in 1..=depth {
            let mut next = Vec::new();
            for &u in &front {
                let mut step: Vec<ActorId> = self
                    .graph
                    .g
                    .edges(node(u))
                    .filter_map(|e| {
                        let v = actor(e.target());
                        (!self.avoid[v.index()]
                            && self.filter.step_dir_ok(self.net, e.weight(), u, v, dir))
                        .then_some(v)
                    })
                    .collect();
                // Visit neighbours in id order so that cut-offs are reproducible.
                step.sort();
                for v in step {
                    if !seen[v.index()] {
                        seen[v.index()] = true;
                        out.push(Reached {
                            actor: v,
                            distance: d,
                            via: u,
                        });
                        next.push(v);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            front = next;
        }
        out
    }

    /// The number of actors reachable from `s` under the filter, `s` included, counted with
    /// petgraph's [`Bfs`] over an [`EdgeFiltered`] view (direction ignored). `O(V + E)`.
    pub fn component_size(&self, s: ActorId) -> usize {
        let view = EdgeFiltered::from_fn(&self.graph.g, |e| {
            let (u, v) = (actor(e.source()), actor(e.target()));
            !self.avoid[u.index()]
                && !self.avoid[v.index()]
                && self.filter.edge_ok(self.net, e.weight())
        });
        let mut bfs = Bfs::new(&view, node(s));
        let mut count = 0;
        while bfs.next(&view).is_some() {
            count += 1;
        }
        count
    }
}

impl Walker<'_> {
    /// Betweenness centrality by Brandes' algorithm, over the filtered graph with direction
    /// ignored (as for an undirected graph), accumulated from the given `sources`.
    ///
    /// Returns one score per actor, normalised as NetworkX does for undirected graphs: divided
    /// by `(n − 1)(n − 2)`, and scaled by `n / k` when only `k` of the `n` actors are sources
    /// (the sampled estimate). With every actor as a source the scores are exact.
    ///
    /// Cost: `O(k · (V + E))` time and `O(V)` memory per thread. Sources are split into a fixed
    /// number of chunks that run on separate threads and are summed in chunk order, so the
    /// result does not depend on how many cores the machine has.
    ///
    /// ```
    /// let db = dyad::load_embedded().unwrap();
    /// let filter = dyad::graph::Filter::default();
    /// let w = dyad::graph::algo::Walker::new(db.net(), &filter);
    /// let all: Vec<_> = db.actor_ids().collect();
    /// let bc = w.betweenness(&all);
    /// let top = db.actor_ids().max_by(|a, b| bc[a.index()].total_cmp(&bc[b.index()])).unwrap();
    /// assert_eq!(db.actor(top).id, "united_states");
    /// ```
    pub fn betweenness(&self, sources: &[ActorId]) -> Vec<f64> {
        const CHUNKS: usize = 8;
        let n = self.n();
        if sources.is_empty() || n < 3 {
            return vec![0.0; n];
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
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    let mut scratch = Brandes::new(n);
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let mut acc = vec![0.0; n];
                        for &s in *chunk {
                            scratch.accumulate(&adj, s, &mut acc);
                        }
                        results.lock().expect("no thread panics while holding it")[i] = acc;
                    }
                });
            }
        });
        let mut total = vec![0.0; n];
        for acc in &partial {
            for (t, a) in total.iter_mut().zip(acc) {
                *t += a;
            }
        }
        let scale = (n as f64 / sources.len() as f64) / ((n - 1) as f64 * (n - 2) as f64);
        for t in &mut total {
            *t *= scale;
        }
        total
    }

    /// The distinct actors one usable step from `u`, direction ignored, each once.
    fn distinct_neighbors(&self, u: ActorId, marks: &mut Marks, out: &mut Vec<ActorId>) {
        out.clear();
        let gen = marks.next();
        for e in self.graph.g.edges(node(u)) {
            let v = actor(e.target());
            if marks.seen[v.index()] == gen || self.avoid[v.index()] {
                continue;
            }
            if self.filter.edge_ok(self.net, e.weight()) {
                marks.seen[v.index()] = gen;
                out.push(v);
            }
        }
    }

    /// Each actor's distinct neighbours under the filter, as offsets into one target array
    /// (`targets[offsets[a]..offsets[a + 1]]`). Avoided actors have none. `O(V + E)`.
    fn compact_adjacency(&self) -> Adjacency {
        let n = self.n();
        let mut marks = Marks::new(n);
        let mut buf = Vec::new();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(self.graph.edge_count() * 2);
        offsets.push(0u32);
        for i in 0..n {
            if !self.avoid[i] {
                self.distinct_neighbors(ActorId(i as u32), &mut marks, &mut buf);
                targets.extend(buf.iter().map(|a| a.0));
            }
            offsets.push(targets.len() as u32);
        }
        Adjacency { offsets, targets }
    }

    /// Degree centrality: for each actor, its distinct neighbours under the filter.
    /// `O(V + E)`.
    pub fn degrees(&self) -> Vec<usize> {
        let n = self.n();
        let mut marks = Marks::new(n);
        let mut buf = Vec::new();
        (0..n)
            .map(|i| {
                let a = ActorId(i as u32);
                if self.avoid[i] {
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

fn collect_paths(
    preds: &HashMap<ActorId, Vec<ActorId>>,
    s: ActorId,
    stack: &mut Vec<ActorId>,
    out: &mut Vec<Vec<ActorId>>,
    limit: usize,
) {
    if out.len() >= limit {
        return;
    }
    let top = *stack.last().expect("the stack starts with t");
    if top == s {
        out.push(stack.clone());
        return;
    }
    for &u in preds.get(&top).map(Vec::as_slice).unwrap_or(&[]) {
        stack.push(u);
        collect_paths(preds, s, stack, out, limit);
        stack.pop();
        if out.len() >= limit {
            return;
        }
    }
}

/// The result of [`Walker::all_shortest_paths`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllPaths {
    pub hops: usize,
    /// How many shortest paths there are in all (saturating at `u128::MAX`).
    pub total: u128,
    /// The first of them, each `s` first.
    pub paths: Vec<Vec<ActorId>>,
}

/// An actor reached by [`Walker::neighborhood`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reached {
    pub actor: ActorId,
    pub distance: usize,
    /// The actor it was first reached from.
    pub via: ActorId,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Database;
    use crate::model::{KindSet, RelationKind};

    fn db() -> Database {
        crate::load_embedded().unwrap()
    }

    fn id(db: &Database, s: &str) -> ActorId {
        db.names.get(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn bidirectional_agrees_with_one_sided_bfs_on_every_pair() {
        let db = db();
        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let none = vec![false; db.actors.len()];
        let no_steps = HashSet::new();
        for s in db.actor_ids() {
            for t in db.actor_ids() {
                let a = w.shortest_path(s, t, None).map(|p| p.len());
                let b = w.bfs_path(s, t, &none, &no_steps, None).map(|p| p.len());
                assert_eq!(a, b, "{} -> {}", db.actor(s).id, db.actor(t).id);
            }
        }
    }

    #[test]
    fn paths_only_use_allowed_steps() {
        let db = db();
        let filter = Filter {
            kinds: KindSet::only(RelationKind::Conflict),
            directed: true,
            ..Filter::default()
        };
        let w = Walker::new(db.net(), &filter);
        for s in db.actor_ids().step_by(7) {
            for t in db.actor_ids().step_by(5) {
                if let Some(p) = w.shortest_path(s, t, None) {
                    for pair in p.windows(2) {
                        assert!(!w.step_edges(pair[0], pair[1]).is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn all_shortest_paths_count_matches_enumeration() {
        let db = db();
        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let all = w
            .all_shortest_paths(id(&db, "oman"), id(&db, "sdf"), None, usize::MAX)
            .unwrap();
        assert_eq!(all.total as usize, all.paths.len());
        assert!(all.paths.iter().all(|p| p.len() == all.hops + 1));
        let one = w
            .shortest_path(id(&db, "oman"), id(&db, "sdf"), None)
            .unwrap();
        assert_eq!(one.len(), all.hops + 1);
        assert!(all.paths.contains(&one) || all.total > 1);
    }

    #[test]
    fn interiors_are_exactly_the_inner_actors_of_all_shortest_paths() {
        let db = db();
        for filter in [
            Filter::default(),
            Filter {
                directed: true,
                ..Filter::default()
            },
        ] {
            let w = Walker::new(db.net(), &filter);
            for s in db.actor_ids().step_by(3) {
                for t in db.actor_ids().step_by(4).filter(|t| *t != s) {
                    let all = w.all_shortest_paths(s, t, None, usize::MAX);
                    let fast = w.shortest_path_interiors(s, t);
                    match (all, fast) {
                        (None, None) => {}
                        (Some(all), Some((hops, inner))) => {
                            assert_eq!(all.hops, hops);
                            let mut expected: Vec<ActorId> = all
                                .paths
                                .iter()
                                .flat_map(|p| p[1..p.len() - 1].iter().copied())
                                .collect();
                            expected.sort();
                            expected.dedup();
                            assert_eq!(inner, expected, "{} -> {}", db.actor(s).id, db.actor(t).id);
                        }
                        (a, b) => panic!("reachability differs: {a:?} vs {b:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn yen_returns_distinct_simple_paths_in_length_order() {
        let db = db();
        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let paths = w.k_shortest_paths(id(&db, "turkey"), id(&db, "sdf"), 6, None);
        assert_eq!(paths.len(), 6);
        for p in &paths {
            let unique: HashSet<_> = p.iter().collect();
            assert_eq!(unique.len(), p.len(), "simple path");
        }
        for pair in paths.windows(2) {
            assert!(pair[0].len() <= pair[1].len());
            assert_ne!(pair[0], pair[1]);
        }
    }

    #[test]
    fn hop_limit_is_respected() {
        let db = db();
        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let (s, t) = (id(&db, "oman"), id(&db, "hurras_al_din"));
        let p = w.shortest_path(s, t, None).unwrap();
        let hops = p.len() - 1;
        assert!(w.shortest_path(s, t, Some(hops)).is_some());
        assert!(w.shortest_path(s, t, Some(hops - 1)).is_none());
        assert!(w.all_shortest_paths(s, t, Some(hops - 1), 10).is_none());
    }

    #[test]
    fn avoided_actors_are_never_entered() {
        let db = db();
        let filter = Filter {
            avoid: vec![id(&db, "united_states"), id(&db, "iran")],
            ..Filter::default()
        };
        let w = Walker::new(db.net(), &filter);
        let p = w.shortest_path(id(&db, "oman"), id(&db, "israel"), None);
        if let Some(p) = p {
            assert!(!p.contains(&id(&db, "united_states")) && !p.contains(&id(&db, "iran")));
        }
        for r in w.neighborhood(id(&db, "turkey"), 3, Direction::Both) {
            assert!(!filter.avoid.contains(&r.actor));
        }
    }
}
