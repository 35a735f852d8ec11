//! Paths between two actors: one shortest path, the actors on every shortest path, all
//! shortest paths with their number, and the `k` shortest simple paths.
//!
//! Lengths are hops; every step between two nodes counts one. All searches are breadth-first
//! over the walker's nodes, under its filter; the ends count as their nodes, and every actor on
//! a returned path is a node. A single shortest path uses a bidirectional search whose per-actor state lives in a
//! thread-local scratch reused across calls, so a query on a large graph costs what it visits,
//! not the size of the graph.
//!
//! The searches that can run long — all shortest paths, and Yen's `k` shortest paths, which
//! runs a breadth-first search per spur node per path — honour the walker's cancellation token
//! ([`Walker::with_cancel`]). One shortest path and its interiors are single linear searches and
//! always finish.

use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::visit::EdgeRef;

use super::Walker;
use crate::cancel::{Stopped, Ticker};
use crate::graph::{actor, node};
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

impl Walker<'_> {
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
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // A chain 0 – 1 – 2 – 3 and a longer way round, 0 – 4 – 5 – 6 – 3.
    /// let consult = |a, b| (a, b, Action::Consult);
    /// let ties = [consult(0, 1), consult(1, 2), consult(2, 3)];
    /// let mut sketch = Sketch::new(7, &ties);
    /// for (a, b) in [(0, 4), (4, 5), (5, 6), (6, 3)] {
    ///     sketch.tie(a, b, Action::Consult);
    /// }
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let ids = |v: &[u32]| v.iter().map(|&i| ActorId(i)).collect::<Vec<_>>();
    /// assert_eq!(w.shortest_path(ActorId(0), ActorId(3), None), Some(ids(&[0, 1, 2, 3])));
    /// assert_eq!(w.shortest_path(ActorId(0), ActorId(3), Some(2)), None);
    ///
    /// // Avoiding 2 leaves only the way round.
    /// let avoid = Filter { avoid: vec![ActorId(2)], ..Filter::default() };
    /// let w = Walker::new(sketch.net(), &avoid);
    /// assert_eq!(w.shortest_path(ActorId(0), ActorId(3), None), Some(ids(&[0, 4, 5, 6, 3])));
    /// ```
    pub fn shortest_path(
        &self,
        s: ActorId,
        t: ActorId,
        max_hops: Option<usize>,
    ) -> Option<Vec<ActorId>> {
        let (s, t) = (self.rep(s), self.rep(t));
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

    /// The actors strictly between `s` and `t` on any shortest path, in id order, with the
    /// length of those paths; `None` when `t` is unreachable under the filter.
    ///
    /// It runs the same bidirectional search as [`Walker::shortest_path`], finishes the level
    /// where the frontiers meet to find every meeting point, and traces those back to each end.
    /// Cost: what the search visits (`O(V + E)` at worst), never listing the paths, which can
    /// be exponentially many.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // Two ways from 0 to 3, through 1 or through 2, then on to 4; and 5 hangs off 0.
    /// let ties = [(0, 1), (1, 3), (0, 2), (2, 3), (3, 4), (0, 5)];
    /// let sketch = Sketch::new(6, &ties.map(|(a, b)| (a, b, Action::Aid)));
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// assert_eq!(
    ///     w.shortest_path_interiors(ActorId(0), ActorId(4)),
    ///     Some((3, vec![ActorId(1), ActorId(2), ActorId(3)]))
    /// );
    /// ```
    pub fn shortest_path_interiors(&self, s: ActorId, t: ActorId) -> Option<(usize, Vec<ActorId>)> {
        let (s, t) = (self.rep(s), self.rep(t));
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
                    for &m in self.group(v) {
                        for e in self.graph.g.edges(node(m)) {
                            let x = actor(e.target());
                            let u = self.rep(x);
                            if u == v || self.avoid[u.index()] || sc.dist(side, u) != Some(dv - 1) {
                                continue;
                            }
                            // Judged on the actual endpoints: x (in u) and m (in v).
                            let ok = if side == FORWARD {
                                self.filter.step_ok(self.net, e.weight(), x, m)
                            } else {
                                self.filter.step_ok(self.net, e.weight(), m, x)
                            };
                            if ok {
                                stack.push(u);
                            }
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
        let (mut work_f, mut work_b) = (self.group_degree(s), self.group_degree(t));
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
                for &m in self.group(u) {
                    for e in self.graph.g.edges(node(m)) {
                        let x = actor(e.target());
                        let v = self.rep(x);
                        // An edge inside u's group is never walked; u itself is seen.
                        if self.avoid[v.index()] || sc.seen(side, v) {
                            continue;
                        }
                        // Judged on the actual endpoints: m (in u) and x (in v).
                        let ok = if side == FORWARD {
                            self.filter.step_ok(self.net, e.weight(), m, x)
                        } else {
                            self.filter.step_ok(self.net, e.weight(), x, m)
                        };
                        if !ok {
                            continue;
                        }
                        sc.visit(side, v, *depth + 1, u.0);
                        next.push(v);
                        *work += self.group_degree(v);
                        if let Some(other) = sc.dist(1 - side, v) {
                            total = *depth + 1 + other;
                            meets.push(v);
                            if !all_meets {
                                break 'level;
                            }
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
    /// of them in lexicographic order of actor ids; `None` if `t` is unreachable under the
    /// filter or only further than `max_hops`. Counting never enumerates: the number of paths
    /// through each actor is summed level by level over the shortest-path DAG.
    ///
    /// Cost: `O(V + E)` for the search and the count, plus `O(limit · hops · d)` to list paths,
    /// where `d` is the number of successors per step on the DAG. With a token it checks every
    /// thousand-odd steps of each phase and returns [`Stopped`] instead of a partial list.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // Three ways from 0 to 4 in two hops (through 1, 2 or 3), and a longer one through 5.
    /// let ties = [(0, 1), (0, 2), (0, 3), (1, 4), (2, 4), (3, 4), (0, 5), (5, 6), (6, 4)];
    /// let sketch = Sketch::new(7, &ties.map(|(a, b)| (a, b, Action::Support)));
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let all = w.all_shortest_paths(ActorId(0), ActorId(4), None, 2).unwrap().unwrap();
    /// assert_eq!((all.hops, all.total), (2, 3));
    /// let ids = |v: [u32; 3]| v.map(ActorId).to_vec();
    /// assert_eq!(all.paths, [ids([0, 1, 4]), ids([0, 2, 4])]);
    /// ```
    pub fn all_shortest_paths(
        &self,
        s: ActorId,
        t: ActorId,
        max_hops: Option<usize>,
        limit: usize,
    ) -> Result<Option<AllPaths>, Stopped> {
        let mut ticker = self.ticker();
        ticker.tick()?;
        let (s, t) = (self.rep(s), self.rep(t));
        if s == t {
            return Ok(Some(AllPaths {
                hops: 0,
                total: 1,
                paths: if limit == 0 {
                    Vec::new()
                } else {
                    vec![vec![s]]
                },
            }));
        }
        // Forward BFS, level by level, until the level that reaches t is complete.
        let n = self.n();
        let mut dist = vec![UNSEEN; n];
        dist[s.index()] = 0;
        let mut front = vec![s];
        let mut depth = 0u32;
        while dist[t.index()] == UNSEEN {
            if front.is_empty() || max_hops.is_some_and(|m| depth as usize >= m) {
                return Ok(None);
            }
            let mut next = Vec::new();
            for &u in &front {
                ticker.tick()?;
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
        let mut by_level: Vec<Vec<ActorId>> = vec![vec![t]];
        while let Some(&first) = level.first() {
            if first == s {
                break;
            }
            let mut prev = BTreeSet::new();
            for &v in &level {
                ticker.tick()?;
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
            by_level.push(level.clone());
        }

        // Count paths from s to each DAG node, shallowest first.
        let mut count: HashMap<ActorId, u128> = HashMap::from([(s, 1u128)]);
        for lvl in by_level.iter().rev().skip(1) {
            for v in lvl {
                ticker.tick()?;
                let c = preds[v]
                    .iter()
                    .map(|u| count.get(u).copied().unwrap_or(0))
                    .fold(0u128, u128::saturating_add);
                count.insert(*v, c);
            }
        }
        let total = count.get(&t).copied().unwrap_or(0);

        // List the first `limit` paths depth-first from s, successors in id order, so that
        // paths come out in lexicographic order and stopping early keeps the first ones. Every
        // actor on the DAG leads to t, so no branch of the walk is wasted.
        let mut succs: HashMap<ActorId, Vec<ActorId>> = HashMap::new();
        for (&v, ps) in &preds {
            for &u in ps {
                succs.entry(u).or_default().push(v);
            }
        }
        for next in succs.values_mut() {
            next.sort_unstable();
        }
        let mut paths = Vec::new();
        let mut stack: Vec<ActorId> = vec![s];
        collect_paths(&succs, t, &mut stack, &mut paths, limit, &mut ticker)?;
        Ok(Some(AllPaths {
            hops: hops as usize,
            total,
            paths,
        }))
    }

    /// The `k` shortest simple paths from `s` to `t` (Yen's algorithm, hop lengths), shortest
    /// first, each `s` first; fewer when there are fewer simple paths (of at most `max_hops`).
    ///
    /// The first path is [`Walker::shortest_path`]'s. Equally long paths after it come in a
    /// deterministic order (the same data gives the same paths), lexicographic among the
    /// candidates each round offers.
    ///
    /// Cost: `O(k · L · (V + E))` for paths of up to `L` hops: each of the `k` rounds runs one
    /// breadth-first search per spur node of the previous path. That is large for large `k` on
    /// a large graph, so with a token it checks before every spur search and every thousand-odd
    /// steps within one, and returns [`Stopped`] rather than the paths found so far.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // 0 and 3 are tied directly, through 1, and through 1 then 2.
    /// let ties = [(0, 3), (0, 1), (1, 3), (1, 2), (2, 3)].map(|(a, b)| (a, b, Action::Cooperate));
    /// let sketch = Sketch::new(4, &ties);
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let ids = |v: &[u32]| v.iter().map(|&i| ActorId(i)).collect::<Vec<_>>();
    /// assert_eq!(
    ///     w.k_shortest_paths(ActorId(0), ActorId(3), 5, None),
    ///     Ok(vec![ids(&[0, 3]), ids(&[0, 1, 3]), ids(&[0, 1, 2, 3])])
    /// );
    /// assert_eq!(w.k_shortest_paths(ActorId(0), ActorId(3), 5, Some(2)).unwrap().len(), 2);
    /// ```
    pub fn k_shortest_paths(
        &self,
        s: ActorId,
        t: ActorId,
        k: usize,
        max_hops: Option<usize>,
    ) -> Result<Vec<Vec<ActorId>>, Stopped> {
        let mut ticker = self.ticker();
        ticker.now()?;
        let mut found: Vec<Vec<ActorId>> = Vec::new();
        if k == 0 {
            return Ok(found);
        }
        let (s, t) = (self.rep(s), self.rep(t));
        let Some(first) = self.shortest_path(s, t, max_hops) else {
            return Ok(found);
        };
        // The paths found, for the membership test each candidate needs: a scan of `found`
        // would make the rounds quadratic in `k`.
        let mut known: HashSet<Vec<ActorId>> = HashSet::from([first.clone()]);
        found.push(first);
        let mut candidates: BTreeSet<(usize, Vec<ActorId>)> = BTreeSet::new();
        while found.len() < k {
            let prev = found.last().expect("found is never empty here").clone();
            for i in 0..prev.len() - 1 {
                // Each spur search may cover the graph: check before every one.
                ticker.now()?;
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
                let tail = self.bfs_path(spur, t, &banned, &banned_steps, budget, &mut ticker)?;
                if let Some(tail) = tail {
                    let mut path = root[..i].to_vec();
                    path.extend(tail);
                    if !known.contains(&path) {
                        candidates.insert((path.len(), path));
                    }
                }
            }
            match candidates.pop_first() {
                Some((_, p)) => {
                    known.insert(p.clone());
                    found.push(p);
                }
                None => break,
            }
        }
        Ok(found)
    }

    /// A shortest path by one-sided BFS that avoids `banned` actors and `banned_steps`,
    /// ticking once per node expanded.
    fn bfs_path(
        &self,
        s: ActorId,
        t: ActorId,
        banned: &[bool],
        banned_steps: &HashSet<(ActorId, ActorId)>,
        max_hops: Option<usize>,
        ticker: &mut Ticker<'_>,
    ) -> Result<Option<Vec<ActorId>>, Stopped> {
        let n = self.n();
        let mut pred = vec![UNSEEN; n];
        let mut dist = vec![UNSEEN; n];
        dist[s.index()] = 0;
        let mut front = vec![s];
        let mut depth = 0usize;
        while !front.is_empty() && dist[t.index()] == UNSEEN {
            if max_hops.is_some_and(|m| depth >= m) {
                return Ok(None);
            }
            let mut next = Vec::new();
            for &u in &front {
                ticker.tick()?;
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
            return Ok(None);
        }
        let mut path = vec![t];
        let mut cur = t;
        while cur != s {
            cur = ActorId(pred[cur.index()]);
            path.push(cur);
        }
        path.reverse();
        Ok(Some(path))
    }
}

/// Pushes onto `out` the paths that extend `stack` to `t` over `succs`, depth-first in the
/// order of `succs`, until `out` holds `limit` paths; one tick per step.
fn collect_paths(
    succs: &HashMap<ActorId, Vec<ActorId>>,
    t: ActorId,
    stack: &mut Vec<ActorId>,
    out: &mut Vec<Vec<ActorId>>,
    limit: usize,
    ticker: &mut Ticker<'_>,
) -> Result<(), Stopped> {
    if out.len() >= limit {
        return Ok(());
    }
    ticker.tick()?;
    let top = *stack.last().expect("the stack starts with s");
    if top == t {
        out.push(stack.clone());
        return Ok(());
    }
    for &v in succs.get(&top).map(Vec::as_slice).unwrap_or(&[]) {
        stack.push(v);
        collect_paths(succs, t, stack, out, limit, ticker)?;
        stack.pop();
        if out.len() >= limit {
            return Ok(());
        }
    }
    Ok(())
}

/// The result of [`Walker::all_shortest_paths`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllPaths {
    /// The length of every shortest path, in hops (edges); 0 when the two ends are the same actor.
    pub hops: usize,
    /// How many shortest paths there are in all (saturating at `u128::MAX`).
    pub total: u128,
    /// The first of them in lexicographic order of actor ids, each `s` first.
    pub paths: Vec<Vec<ActorId>>,
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{
        actors, date, filters, ids, path_reference, random_sketch, shortest_paths, simple_paths,
        Rng,
    };
    use super::*;
    use crate::graph::{Filter, Sketch};
    use crate::model::{Action, Certainty, KindSet, RelationKind};

    /// Whether the reference allows every step of `path` and it visits no actor twice.
    fn is_simple_path_of(adj: &[Vec<ActorId>], path: &[ActorId]) -> bool {
        let steps_ok = path.windows(2).all(|p| adj[p[0].index()].contains(&p[1]));
        let mut sorted = path.to_vec();
        sorted.sort();
        sorted.dedup();
        steps_ok && sorted.len() == path.len()
    }

    #[test]
    fn shortest_path_agrees_with_plain_bfs_on_every_pair_of_small_random_graphs() {
        let (mut found, mut longer, mut missing) = (0, 0, 0);
        for seed in 0..250 {
            let mut rng = Rng::new(seed);
            let n = rng.between(2, 9);
            let ties = rng.between(0, 2 * n);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let adj = path_reference(sketch.net(), &filter);
                let w = Walker::new(sketch.net(), &filter);
                for s in actors(n).filter(|a| !filter.avoid.contains(a)) {
                    let dist = super::super::testkit::distances(&adj, s);
                    for t in actors(n).filter(|a| !filter.avoid.contains(a)) {
                        let why = format!("seed {seed}, {filter:?}, {s:?} -> {t:?}");
                        let got = w.shortest_path(s, t, None);
                        assert_eq!(got.as_ref().map(|p| p.len() - 1), dist[t.index()], "{why}");
                        let Some(p) = got else {
                            missing += 1;
                            continue;
                        };
                        found += 1;
                        longer += usize::from(p.len() > 2);
                        assert_eq!((p[0], p[p.len() - 1]), (s, t), "{why}");
                        assert!(is_simple_path_of(&adj, &p), "{why}: {p:?}");
                        for step in p.windows(2) {
                            assert!(!w.step_edges(step[0], step[1]).is_empty(), "{why}");
                        }
                        let hops = p.len() - 1;
                        assert!(w.shortest_path(s, t, Some(hops)).is_some(), "{why}");
                        if hops > 0 {
                            assert_eq!(w.shortest_path(s, t, Some(hops - 1)), None, "{why}");
                        }
                    }
                }
            }
        }
        // The graphs are varied enough that both outcomes, and paths of several hops, occur
        // often; otherwise the comparison above would prove little.
        assert!(found > 10_000 && longer > 3_000 && missing > 10_000);
        assert!((found, longer, missing) != (0, 0, 0));
    }

    #[test]
    fn all_shortest_paths_match_brute_force_enumeration() {
        let mut several = 0;
        for seed in 0..200 {
            let mut rng = Rng::new(1000 + seed);
            let n = rng.between(2, 8);
            let ties = rng.between(n, 3 * n);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let adj = path_reference(sketch.net(), &filter);
                let w = Walker::new(sketch.net(), &filter);
                for s in actors(n).filter(|a| !filter.avoid.contains(a)) {
                    for t in actors(n).filter(|a| !filter.avoid.contains(a)) {
                        let why = format!("seed {seed}, {filter:?}, {s:?} -> {t:?}");
                        let expected = shortest_paths(&adj, s, t);
                        let got = w.all_shortest_paths(s, t, None, usize::MAX).unwrap();
                        let interiors = w.shortest_path_interiors(s, t);
                        if expected.is_empty() {
                            assert_eq!(got, None, "{why}");
                            assert_eq!(interiors, None, "{why}");
                            continue;
                        }
                        let hops = expected[0].len() - 1;
                        // The enumeration agrees with the plainest one: all simple paths no
                        // longer than the distance.
                        assert_eq!(expected, simple_paths(&adj, s, t, hops), "{why}");
                        let got = got.unwrap_or_else(|| panic!("{why}: no paths"));
                        assert_eq!(got.hops, hops, "{why}");
                        assert_eq!(got.total, expected.len() as u128, "{why}");
                        assert_eq!(got.paths, expected, "{why}");
                        several += usize::from(expected.len() > 2);

                        let first_two = w
                            .all_shortest_paths(s, t, None, 2)
                            .unwrap()
                            .expect("reachable");
                        assert_eq!(first_two.total, expected.len() as u128, "{why}");
                        assert_eq!(first_two.paths, &expected[..expected.len().min(2)], "{why}");
                        if hops > 0 {
                            assert_eq!(
                                w.all_shortest_paths(s, t, Some(hops - 1), 9).unwrap(),
                                None
                            );
                        }

                        let one = w.shortest_path(s, t, None).expect("reachable");
                        assert!(expected.contains(&one), "{why}: {one:?}");

                        let mut inner: Vec<ActorId> = expected
                            .iter()
                            .flat_map(|p| p.iter().skip(1).take(hops.saturating_sub(1)))
                            .copied()
                            .collect();
                        inner.sort();
                        inner.dedup();
                        assert_eq!(interiors, Some((hops, inner)), "{why}");
                    }
                }
            }
        }
        assert!(
            several > 500,
            "only {several} pairs had more than two shortest paths"
        );
    }

    #[test]
    fn yen_matches_brute_force_enumeration_of_simple_paths() {
        let mut many = 0;
        for seed in 0..150 {
            let mut rng = Rng::new(5000 + seed);
            let n = rng.between(2, 7);
            let ties = rng.between(n, 2 * n + 2);
            let sketch = random_sketch(&mut rng, n, ties);
            let all_filters = filters(n, &mut rng);
            // Undirected, directed, and everything at once.
            for filter in [&all_filters[0], &all_filters[1], &all_filters[8]] {
                let adj = path_reference(sketch.net(), filter);
                let w = Walker::new(sketch.net(), filter);
                for s in actors(n).filter(|a| !filter.avoid.contains(a)) {
                    for t in actors(n).filter(|a| *a != s && !filter.avoid.contains(a)) {
                        let why = format!("seed {seed}, {filter:?}, {s:?} -> {t:?}");
                        let every = simple_paths(&adj, s, t, n);
                        many += usize::from(every.len() > 4);
                        for max_hops in [None, Some(2)] {
                            let within: Vec<&Vec<ActorId>> = every
                                .iter()
                                .filter(|p| max_hops.is_none_or(|m| p.len() - 1 <= m))
                                .collect();
                            for k in [1, 2, 3, within.len(), within.len() + 1] {
                                let got = w.k_shortest_paths(s, t, k, max_hops).unwrap();
                                assert_eq!(got.len(), k.min(within.len()), "{why}, k {k}");
                                if let Some(first) = got.first() {
                                    assert_eq!(
                                        Some(first),
                                        w.shortest_path(s, t, max_hops).as_ref()
                                    );
                                }
                                for (i, p) in got.iter().enumerate() {
                                    assert_eq!(p.len(), within[i].len(), "{why}, k {k}: {got:?}");
                                    assert!(within.contains(&p), "{why}: {p:?}");
                                    assert!(!got[..i].contains(p), "{why}: {p:?} twice");
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            many > 300,
            "only {many} pairs had more than four simple paths"
        );
    }

    #[test]
    fn yen_gives_nothing_for_k_zero_or_an_unreachable_end() {
        let sketch = Sketch::new(3, &[(0, 1, Action::Consult)]);
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        assert!(w
            .k_shortest_paths(ActorId(0), ActorId(1), 0, None)
            .unwrap()
            .is_empty());
        assert!(w
            .k_shortest_paths(ActorId(0), ActorId(2), 3, None)
            .unwrap()
            .is_empty());
        assert_eq!(
            w.k_shortest_paths(ActorId(0), ActorId(1), 3, None).unwrap(),
            [ids(&[0, 1])]
        );
    }

    #[test]
    fn all_shortest_paths_when_limited_lists_the_lexicographically_first() {
        // Two shortest paths, 0-1-4-5 and 0-2-3-5. Listing them from the far end first would
        // keep 0-2-3-5 (it ends in 3-5, and 3 < 4); the lexicographic first is 0-1-4-5.
        let ties = [(0, 1), (1, 4), (4, 5), (0, 2), (2, 3), (3, 5)];
        let sketch = Sketch::new(6, &ties.map(|(a, b)| (a, b, Action::Consult)));
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        let one = w
            .all_shortest_paths(ActorId(0), ActorId(5), None, 1)
            .unwrap()
            .unwrap();
        assert_eq!((one.hops, one.total), (3, 2));
        assert_eq!(one.paths, [ids(&[0, 1, 4, 5])]);
        let none = w
            .all_shortest_paths(ActorId(0), ActorId(5), None, 0)
            .unwrap()
            .unwrap();
        assert!(none.paths.is_empty() && none.total == 2);
    }

    /// Checks every path algorithm's answer from `s` to `t` on a case with at most one
    /// shortest path.
    fn assert_only_path(
        sketch: &Sketch,
        filter: &Filter,
        s: u32,
        t: u32,
        expected: Option<&[u32]>,
    ) {
        let w = Walker::new(sketch.net(), filter);
        let (s, t) = (ActorId(s), ActorId(t));
        let expected = expected.map(ids);
        assert_eq!(w.shortest_path(s, t, None), expected, "{filter:?}");
        let all = w.all_shortest_paths(s, t, None, 10).unwrap();
        assert_eq!(
            all.map(|a| (a.total, a.paths)),
            expected.clone().map(|p| (1, vec![p]))
        );
        let first = w.k_shortest_paths(s, t, 1, None).unwrap();
        assert_eq!(first, expected.clone().into_iter().collect::<Vec<_>>());
        let inner = expected.map(|p| (p.len() - 1, p[1..p.len() - 1].to_vec()));
        assert_eq!(w.shortest_path_interiors(s, t), inner, "{filter:?}");
    }

    #[test]
    fn directed_walks_follow_the_claims() {
        // 1 strikes 0; 0, 2, 3 and 1 hold talks in a ring the long way round.
        let mut sketch = Sketch::new(4, &[(1, 0, Action::Assault)]);
        for (a, b) in [(0, 2), (2, 3), (3, 1)] {
            sketch.tie(a, b, Action::Consult).mutual();
        }
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        assert_only_path(&sketch, &Filter::default(), 0, 1, Some(&[0, 1]));
        assert_only_path(&sketch, &directed, 0, 1, Some(&[0, 2, 3, 1]));
        assert_only_path(&sketch, &directed, 1, 0, Some(&[1, 0]));
    }

    #[test]
    fn directed_walks_go_from_a_mediator_to_the_parties_unless_mutual() {
        let mut sketch = Sketch::new(3, &[]);
        sketch.mediation(2, 0, 1);
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        assert_only_path(&sketch, &Filter::default(), 0, 1, Some(&[0, 2, 1]));
        assert_only_path(&sketch, &directed, 2, 0, Some(&[2, 0]));
        assert_only_path(&sketch, &directed, 0, 2, None);
        assert_only_path(&sketch, &directed, 0, 1, None);
        sketch.mediation(2, 0, 1).mutual();
        assert_only_path(&sketch, &directed, 0, 1, Some(&[0, 2, 1]));
    }

    #[test]
    fn kinds_limit_the_edges_walked() {
        // A direct conflict, or cooperation through 2.
        let sketch = Sketch::new(
            3,
            &[
                (0, 1, Action::Assault),
                (0, 2, Action::Aid),
                (2, 1, Action::Aid),
            ],
        );
        let only = |kind| Filter {
            kinds: KindSet::only(kind),
            ..Filter::default()
        };
        assert_only_path(&sketch, &Filter::default(), 0, 1, Some(&[0, 1]));
        assert_only_path(
            &sketch,
            &only(RelationKind::Cooperation),
            0,
            1,
            Some(&[0, 2, 1]),
        );
        assert_only_path(&sketch, &only(RelationKind::Conflict), 0, 1, Some(&[0, 1]));
        assert_only_path(&sketch, &only(RelationKind::Mediation), 0, 1, None);
    }

    #[test]
    fn certainty_limits_the_claims_used() {
        let mut sketch = Sketch::new(3, &[(0, 2, Action::Aid), (2, 1, Action::Aid)]);
        sketch.tie(0, 1, Action::Aid).certainty(Certainty::Alleged);
        let at_least = |c| Filter {
            min_certainty: Some(c),
            ..Filter::default()
        };
        assert_only_path(&sketch, &Filter::default(), 0, 1, Some(&[0, 1]));
        assert_only_path(&sketch, &at_least(Certainty::Alleged), 0, 1, Some(&[0, 1]));
        assert_only_path(
            &sketch,
            &at_least(Certainty::Reported),
            0,
            1,
            Some(&[0, 2, 1]),
        );
        // A stronger claim on the same edge keeps it usable.
        sketch
            .tie(1, 0, Action::Consult)
            .certainty(Certainty::Stated);
        assert_only_path(&sketch, &at_least(Certainty::Reported), 0, 1, Some(&[0, 1]));
    }

    #[test]
    fn since_and_until_limit_the_claims_used_by_overlap() {
        // A direct tie in November 2023, or the way through 2 in 2021 and 2025.
        let mut sketch = Sketch::new(3, &[]);
        sketch.tie(0, 1, Action::Consult).date("2023-11");
        sketch.tie(0, 2, Action::Consult).date("2021");
        sketch.tie(2, 1, Action::Consult).date("2025");
        let since = |d| Filter {
            since: Some(date(d)),
            ..Filter::default()
        };
        let until = |d| Filter {
            until: Some(date(d)),
            ..Filter::default()
        };
        assert_only_path(&sketch, &since("2023-11-30"), 0, 1, Some(&[0, 1]));
        assert_only_path(&sketch, &until("2023-11-01"), 0, 1, Some(&[0, 1]));
        assert_only_path(&sketch, &since("2023-12"), 0, 1, None);
        assert_only_path(&sketch, &until("2023-10"), 0, 1, None);
        // The way through 2 needs 2021 and 2025 both.
        let window = Filter {
            since: Some(date("2021")),
            until: Some(date("2025-01")),
            ..Filter::default()
        };
        assert_only_path(&sketch, &window, 0, 2, Some(&[0, 2]));
        // A claim dated only to 2023 may fall in December, so `since 2023-12` keeps it.
        sketch.tie(1, 2, Action::Consult).date("2023");
        sketch.tie(2, 0, Action::Consult).date("2024");
        assert_only_path(&sketch, &since("2023-12"), 0, 1, Some(&[0, 2, 1]));
    }

    #[test]
    fn avoided_actors_are_never_entered() {
        let ties = [(0, 1), (1, 3), (0, 2), (2, 4), (4, 3)].map(|(a, b)| (a, b, Action::Support));
        let sketch = Sketch::new(5, &ties);
        let avoid = |v: &[u32]| Filter {
            avoid: ids(v),
            ..Filter::default()
        };
        assert_only_path(&sketch, &Filter::default(), 0, 3, Some(&[0, 1, 3]));
        assert_only_path(&sketch, &avoid(&[1]), 0, 3, Some(&[0, 2, 4, 3]));
        assert_only_path(&sketch, &avoid(&[1, 4]), 0, 3, None);
        let open = Filter::default();
        let w = Walker::new(sketch.net(), &open);
        let two = w.k_shortest_paths(ActorId(0), ActorId(3), 5, None).unwrap();
        assert_eq!(two, [ids(&[0, 1, 3]), ids(&[0, 2, 4, 3])]);
        let avoid_one = avoid(&[1]);
        let w = Walker::new(sketch.net(), &avoid_one);
        assert_eq!(
            w.k_shortest_paths(ActorId(0), ActorId(3), 5, None).unwrap(),
            [ids(&[0, 2, 4, 3])]
        );
    }

    #[test]
    fn a_hop_limit_cuts_longer_paths() {
        let ties = [(0, 1), (1, 2), (2, 3)].map(|(a, b)| (a, b, Action::Consult));
        let sketch = Sketch::new(4, &ties);
        let filter = Filter::default();
        let w = Walker::new(sketch.net(), &filter);
        let (s, t) = (ActorId(0), ActorId(3));
        assert_eq!(w.shortest_path(s, t, Some(3)), Some(ids(&[0, 1, 2, 3])));
        assert_eq!(w.shortest_path(s, t, Some(2)), None);
        assert_eq!(w.all_shortest_paths(s, t, Some(2), 10).unwrap(), None);
        assert!(w.k_shortest_paths(s, t, 3, Some(2)).unwrap().is_empty());
        assert_eq!(w.shortest_path(s, s, Some(0)), Some(vec![s]));
    }

    #[test]
    fn seed_database_agrees_with_plain_bfs_and_oman_reaches_israel_two_ways() {
        // The seed graph is larger and more skewed than the random ones (hubs with dozens of
        // ties, mediations, mixed directions), which is where the bidirectional search's
        // choice of side matters.
        let db = crate::load_embedded().unwrap();
        let id = |s: &str| db.names.get(s).unwrap_or_else(|| panic!("{s}"));
        // Ordered pairs of actors (self pairs included) with a path, actor by actor: the largest
        // component has 72 of the 83 actors. Rolled up, ordered pairs of nodes. These counts
        // follow the seed data and change with it.
        let actor_by_actor = Filter {
            rollup: false,
            ..Filter::default()
        };
        let conflict = Filter {
            directed: true,
            kinds: KindSet::only(RelationKind::Conflict),
            ..Filter::default()
        };
        for (filter, pairs) in [
            (actor_by_actor.clone(), 5201),
            (
                Filter {
                    rollup: false,
                    ..conflict.clone()
                },
                841,
            ),
            (Filter::default(), 1601),
            (conflict, 442),
        ] {
            let adj = path_reference(db.net(), &filter);
            let w = Walker::new(db.net(), &filter);
            let nodes = super::super::testkit::nodes_of(db.net(), &filter);
            let mut reachable = 0;
            for &s in &nodes {
                let dist = super::super::testkit::distances(&adj, s);
                for &t in &nodes {
                    let got = w.shortest_path(s, t, None).map(|p| p.len() - 1);
                    assert_eq!(got, dist[t.index()], "{s:?} -> {t:?} under {filter:?}");
                    reachable += usize::from(got.is_some());
                }
            }
            assert_eq!(reachable, pairs, "under {filter:?}");
        }

        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let (oman, israel) = (id("oman"), id("israel"));
        let all = w
            .all_shortest_paths(oman, israel, None, usize::MAX)
            .unwrap()
            .unwrap();
        let names: Vec<Vec<&str>> = all
            .paths
            .iter()
            .map(|p| p.iter().map(|a| db.actor(*a).id.as_str()).collect())
            .collect();
        assert_eq!(
            names,
            [
                ["oman", "iran", "israel"],
                ["oman", "united_states", "israel"]
            ]
        );
        let mut between = vec![id("iran"), id("united_states")];
        between.sort();
        assert_eq!(w.shortest_path_interiors(oman, israel), Some((2, between)));
    }
}
