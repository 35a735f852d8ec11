//! Test support for the algorithms: small random sketches, a set of filters to run them under,
//! a reference reading of which steps a filter allows taken straight from the claims, and
//! brute-force answers over that reference to compare the algorithms with.
//!
//! The reference deliberately does not call [`Filter`]'s methods or the walker: it restates the
//! rules (a claim passes on kind, certainty and date; a directed claim goes from its actor
//! outwards, a mutual one both ways, a mediation from the mediator to each party; avoided actors
//! are never entered) over plain adjacency lists, so a mistake in either shows as a mismatch.
//! Roll-up is restated the same way: [`rep_of`] computes each actor's node from the definition
//! in [`crate::graph`] by walking parent chains, and [`reference`] builds the quotient graph
//! explicitly, mapping both ends of every passing claim's links and dropping internal ones.

use crate::graph::{Filter, Net, Sketch};
use crate::model::{Action, ActorId, Certainty, Claim, KindSet, PartialDate, RelationKind, Target};

/// A small deterministic generator (SplitMix64), so failures reproduce from the seed alone.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }
}

/// A random sketch of `n` actors and `ties` claims: random actions of every kind (about one in
/// six a mediation, when there are three actors), directed or mutual, of random certainty,
/// dated between 2020 and 2025 to the year or the month.
pub fn random_sketch(rng: &mut Rng, n: usize, ties: usize) -> Sketch {
    const BILATERAL: [Action; 6] = [
        Action::Consult,
        Action::Aid,
        Action::Agree,
        Action::Assault,
        Action::Threaten,
        Action::Sanction,
    ];
    let mut sketch = Sketch::new(n, &[]);
    if n < 2 {
        return sketch;
    }
    for _ in 0..ties {
        let from = rng.below(n) as u32;
        let tie = if n >= 3 && rng.chance(1, 6) {
            let a = (from as usize + rng.between(1, n - 1)) % n;
            let mut b = (from as usize + rng.between(1, n - 1)) % n;
            while b == a {
                b = (from as usize + rng.between(1, n - 1)) % n;
            }
            sketch.mediation(from, a as u32, b as u32)
        } else {
            let to = (from as usize + rng.between(1, n - 1)) % n;
            let action = BILATERAL[rng.below(BILATERAL.len())];
            sketch.tie(from, to as u32, action)
        };
        let certainty = Certainty::ALL[rng.below(Certainty::ALL.len())];
        let year = 2020 + rng.below(6);
        let date = if rng.chance(1, 2) {
            format!("{year}")
        } else {
            format!("{year}-{:02}", rng.between(1, 12))
        };
        let tie = tie.certainty(certainty).date(&date);
        if rng.chance(1, 2) {
            tie.mutual();
        }
    }
    sketch
}

pub fn date(s: &str) -> PartialDate {
    s.parse().expect("test dates are well formed")
}

/// Filters that change the answers on random sketches: each rule alone, and together.
pub fn filters(n: usize, rng: &mut Rng) -> Vec<Filter> {
    let avoid = vec![ActorId(rng.below(n.max(1)) as u32)];
    vec![
        Filter::default(),
        Filter {
            directed: true,
            ..Filter::default()
        },
        Filter {
            kinds: KindSet::only(RelationKind::Cooperation),
            ..Filter::default()
        },
        Filter {
            kinds: KindSet::only(RelationKind::Conflict).with(RelationKind::Mediation),
            directed: true,
            ..Filter::default()
        },
        Filter {
            min_certainty: Some(Certainty::Reported),
            ..Filter::default()
        },
        Filter {
            since: Some(date("2023-06")),
            ..Filter::default()
        },
        Filter {
            until: Some(date("2022")),
            ..Filter::default()
        },
        Filter {
            avoid: avoid.clone(),
            ..Filter::default()
        },
        Filter {
            min_certainty: Some(Certainty::Alleged),
            since: Some(date("2021")),
            until: Some(date("2024-03")),
            directed: true,
            avoid,
            ..Filter::default()
        },
    ]
}

/// How the reference reads direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Along the claims: from a directed claim's actor outwards, a mutual claim both ways.
    Along,
    /// Against the claims (the reverse of `Along`).
    Against,
    /// Either way.
    Either,
}

/// Each actor's node under `filter`, straight from the definition: with roll-up off, itself;
/// otherwise itself if it is a strict ancestor of a kept actor (one in `keep` or `avoid`), and
/// else the highest actor on its chain of parents (itself included) that is not.
pub fn rep_of(net: Net<'_>, filter: &Filter) -> Vec<ActorId> {
    let n = net.graph.node_count();
    if !filter.rollup {
        return actors(n).collect();
    }
    // x, its parent, its parent's parent, … (the sketch refuses cycles).
    let chain = |x: ActorId| -> Vec<ActorId> {
        let mut c = vec![x];
        while let Some(p) = net.tree.parent(*c.last().expect("never empty")) {
            c.push(p);
        }
        c
    };
    let mut above = vec![false; n];
    for k in filter.keep.iter().chain(&filter.avoid) {
        for a in &chain(*k)[1..] {
            above[a.index()] = true;
        }
    }
    actors(n)
        .map(|x| {
            if above[x.index()] {
                x
            } else {
                // The chain runs upwards, so the first from its far end is the highest.
                *chain(x)
                    .iter()
                    .rev()
                    .find(|a| !above[a.index()])
                    .expect("x itself is not above")
            }
        })
        .collect()
}

/// The nodes under `filter`: the actors that are their own node, in id order.
pub fn nodes_of(net: Net<'_>, filter: &Filter) -> Vec<ActorId> {
    let rep = rep_of(net, filter);
    actors(rep.len()).filter(|a| rep[a.index()] == *a).collect()
}

/// Whether a claim passes `filter` on kind, certainty and date, restated from the rules.
pub fn passes(filter: &Filter, c: &Claim) -> bool {
    filter.kinds.contains(c.action.kind())
        && filter
            .min_certainty
            .is_none_or(|m| c.certainty.rank() >= m.rank())
        && filter
            .since
            .is_none_or(|d| c.date.latest().is_none_or(|l| l >= d))
        && filter.until.is_none_or(|d| {
            c.date
                .earliest()
                .is_none_or(|e| e.last_day() <= d.last_day())
        })
}

/// A claim's arcs read the given way, between its actual actors.
pub fn arcs(c: &Claim, way: Way) -> Vec<(ActorId, ActorId)> {
    let others: Vec<ActorId> = match c.target {
        Target::Actor(t) => vec![t],
        Target::Between(a, b) => vec![a, b],
    };
    let mut arcs = Vec::new();
    for o in others {
        let (along, back) = ((c.from, o), (o, c.from));
        match way {
            Way::Either => arcs.extend([along, back]),
            Way::Along => {
                arcs.push(along);
                if c.mutual {
                    arcs.push(back);
                }
            }
            Way::Against => {
                arcs.push(back);
                if c.mutual {
                    arcs.push(along);
                }
            }
        }
    }
    arcs
}

/// `adj[u]`: the distinct nodes `v`, in id order, such that the step `u → v` is usable under
/// `filter` read the given way (`filter.directed` is ignored: `way` says it): the quotient
/// graph, in which an arc between two actors is an arc between their nodes ([`rep_of`]) and an
/// arc inside one node is dropped. Avoided nodes are never entered, and take no steps either,
/// so they are isolated; actors that are not nodes have no arcs. With roll-up off, or no
/// hierarchy, every actor is its own node.
pub fn reference(net: Net<'_>, filter: &Filter, way: Way) -> Vec<Vec<ActorId>> {
    let n = net.graph.node_count();
    let rep = rep_of(net, filter);
    let mut adj: Vec<Vec<ActorId>> = vec![Vec::new(); n];
    let avoided = |a: ActorId| filter.avoid.iter().any(|v| rep[v.index()] == a);
    for c in net.claims {
        if !passes(filter, c) {
            continue;
        }
        for (x, y) in arcs(c, way) {
            let (u, v) = (rep[x.index()], rep[y.index()]);
            if u != v && !avoided(u) && !avoided(v) {
                adj[u.index()].push(v);
            }
        }
    }
    for list in &mut adj {
        list.sort();
        list.dedup();
    }
    adj
}

/// The reference for a path query under `filter`: along the claims when it is directed.
pub fn path_reference(net: Net<'_>, filter: &Filter) -> Vec<Vec<ActorId>> {
    let way = if filter.directed {
        Way::Along
    } else {
        Way::Either
    };
    reference(net, filter, way)
}

/// Hop distances from `s` by a plain one-sided breadth-first search.
pub fn distances(adj: &[Vec<ActorId>], s: ActorId) -> Vec<Option<usize>> {
    let mut dist = vec![None; adj.len()];
    dist[s.index()] = Some(0);
    let mut queue = std::collections::VecDeque::from([s]);
    while let Some(u) = queue.pop_front() {
        let du = dist[u.index()].expect("queued actors have a distance");
        for &v in &adj[u.index()] {
            if dist[v.index()].is_none() {
                dist[v.index()] = Some(du + 1);
                queue.push_back(v);
            }
        }
    }
    dist
}

/// Every simple path from `s` to `t` of at most `max_hops` hops, by exhaustive depth-first
/// search, sorted by length and then lexicographically.
pub fn simple_paths(
    adj: &[Vec<ActorId>],
    s: ActorId,
    t: ActorId,
    max_hops: usize,
) -> Vec<Vec<ActorId>> {
    fn go(
        adj: &[Vec<ActorId>],
        t: ActorId,
        max_hops: usize,
        path: &mut Vec<ActorId>,
        out: &mut Vec<Vec<ActorId>>,
    ) {
        let u = *path.last().expect("paths start with s");
        if u == t {
            out.push(path.clone());
            return;
        }
        if path.len() > max_hops {
            return;
        }
        for &v in &adj[u.index()] {
            if !path.contains(&v) {
                path.push(v);
                go(adj, t, max_hops, path, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(adj, t, max_hops, &mut vec![s], &mut out);
    out.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    out
}

/// Every shortest path from `s` to `t`, in lexicographic order, each enumerated explicitly:
/// a depth-first search from `s` that only steps to actors one hop nearer `t` (by a plain
/// search backwards from `t`), so it lists each shortest path once and nothing else. Empty
/// when `t` is unreachable.
pub fn shortest_paths(adj: &[Vec<ActorId>], s: ActorId, t: ActorId) -> Vec<Vec<ActorId>> {
    fn go(
        adj: &[Vec<ActorId>],
        to_t: &[Option<usize>],
        path: &mut Vec<ActorId>,
        out: &mut Vec<Vec<ActorId>>,
    ) {
        let u = *path.last().expect("paths start with s");
        let left = to_t[u.index()].expect("the walk stays on actors that reach t");
        if left == 0 {
            out.push(path.clone());
            return;
        }
        for &v in &adj[u.index()] {
            if to_t[v.index()] == Some(left - 1) {
                path.push(v);
                go(adj, to_t, path, out);
                path.pop();
            }
        }
    }
    let mut back: Vec<Vec<ActorId>> = vec![Vec::new(); adj.len()];
    for (u, list) in adj.iter().enumerate() {
        for v in list {
            back[v.index()].push(ActorId(u as u32));
        }
    }
    let to_t = distances(&back, t);
    let mut out = Vec::new();
    if to_t[s.index()].is_some() {
        go(adj, &to_t, &mut vec![s], &mut out);
    }
    out
}

/// Normalised betweenness by its definition over the graph of `nodes`: for every source `s`
/// in `sources` (nodes, each once) and every target node `t`, the share of the shortest `s`–`t`
/// paths (enumerated) that pass through each other node, summed, scaled by `n / |sources|` and
/// divided by `(n − 1)(n − 2)` for `n` nodes. One score per entry of `adj`, zero off the nodes.
pub fn brute_betweenness(adj: &[Vec<ActorId>], nodes: &[ActorId], sources: &[ActorId]) -> Vec<f64> {
    let mut score = vec![0.0; adj.len()];
    let n = nodes.len();
    if n < 3 || sources.is_empty() {
        return score;
    }
    for &s in sources {
        for &t in nodes.iter().filter(|&&t| t != s) {
            let paths = shortest_paths(adj, s, t);
            for &v in nodes.iter().filter(|&&v| v != s && v != t) {
                let through = paths.iter().filter(|p| p.contains(&v)).count();
                if through > 0 {
                    score[v.index()] += through as f64 / paths.len() as f64;
                }
            }
        }
    }
    let scale = (n as f64 / sources.len() as f64) / ((n - 1) * (n - 2)) as f64;
    score.iter().map(|x| x * scale).collect()
}

/// The ids `0..n` as actors.
pub fn actors(n: usize) -> impl Iterator<Item = ActorId> {
    (0..n as u32).map(ActorId)
}

/// A path written as numbers.
pub fn ids(v: &[u32]) -> Vec<ActorId> {
    v.iter().map(|&i| ActorId(i)).collect()
}

/// A random forest over `n` actors, at most three levels below its roots: about half the
/// actors get a parent, and ids are shuffled so that parents are not always the lower ids.
pub fn random_parents(rng: &mut Rng, n: usize) -> Vec<Option<ActorId>> {
    let mut ids: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        ids.swap(i, rng.below(i + 1));
    }
    let mut depth = vec![0usize; n];
    let mut parents = vec![None; n];
    for i in 1..n {
        if rng.chance(1, 2) {
            let j = rng.below(i);
            if depth[j] < 3 {
                depth[i] = depth[j] + 1;
                parents[ids[i] as usize] = Some(ActorId(ids[j]));
            }
        }
    }
    parents
}

/// A random sketch (see [`random_sketch`]) whose actors also get a random hierarchy (see
/// [`random_parents`]).
pub fn random_nested_sketch(rng: &mut Rng, n: usize, ties: usize) -> Sketch {
    let mut sketch = random_sketch(rng, n, ties);
    for (child, parent) in random_parents(rng, n).into_iter().enumerate() {
        if let Some(p) = parent {
            sketch.part_of(child as u32, p.0);
        }
    }
    sketch
}
