//! Graph algorithms over a [`RelGraph`] seen through a [`Filter`].
//!
//! A [`Walker`] is the filtered view every algorithm walks; the algorithms are its methods,
//! grouped by family:
//!
//! - [`paths`]: one shortest path (bidirectional breadth-first search), the actors on any
//!   shortest path, all shortest paths with their count, and Yen's `k` shortest simple paths.
//! - [`reach`]: neighbourhoods within a depth, walking out, in or both ways, and the size of
//!   the component around an actor.
//! - [`centrality`]: Brandes betweenness (exact or from sampled sources) and degree.
//!
//! Every algorithm walks *nodes*, the groups that roll-up makes (the rule is defined in
//! [`crate::graph`]; with roll-up off, or when no actor has a parent, every actor is a node of
//! its own). A step from node `u` reads the edges of `u`'s members, maps each far end to its
//! node, skips edges inside `u` and avoided nodes, and asks the filter about the edge with its
//! *actual* endpoints. So every algorithm applies the filter *while it walks*: an edge is usable
//! from `x` to `y` only if some claim on it passes the kind, certainty and date filters (and,
//! for directed queries, goes from `x` to `y`). Nothing copies the graph: the walker reads
//! petgraph's adjacency lists in place. Whole-graph algorithms (betweenness, degree) build one
//! compact adjacency over nodes under the filter first, because they read every neighbour list
//! many times.
//!
//! When nothing rolls up, a node's members are the node alone and mapping an actor to its node
//! is the identity, checked by one flag: the searches then cost what a walk over bare actors
//! costs, with no allocation per step.
//!
//! What this module must not do:
//!
//! - **No I/O**, and no printing: results are plain data for the caller to present.
//! - **No database and no names.** Algorithms read a [`Net`] (a graph and its claims) and
//!   speak [`ActorId`]s; resolving what a user typed, choosing which actors a query keeps, and
//!   describing results belong to the layers above (`crate::answer`).
//! - **No petgraph indices in results.** Only `crate::graph` and this module see `NodeIndex`
//!   and `EdgeIndex`; every public signature takes and returns [`ActorId`] and [`EdgeId`].
//! - **No filtering after the fact**: results are never trimmed afterwards to honour a filter.
//!
//! The algorithms that can run long on a large graph (Yen's `k` shortest paths, all shortest
//! paths, neighbourhoods, component sizes, betweenness) honour a cancellation token given with
//! [`Walker::with_cancel`]: they check it every thousand-odd steps and return
//! [`Stopped`](crate::cancel::Stopped) instead of part of a result. A walker without a token pays
//! nothing for this.
//!
//! Costs use `V` for actors and `E` for edges; all are per call. The examples build their
//! graphs in memory with [`Sketch`](crate::graph::Sketch).

pub mod centrality;
pub mod paths;
pub mod reach;

#[cfg(test)]
mod cancel_tests;
#[cfg(test)]
mod rollup_tests;
#[cfg(test)]
mod testkit;

use petgraph::visit::EdgeRef;

use super::{actor, node, Direction, EdgeId, Filter, Hierarchy, Net, RelGraph};
use crate::cancel::{Cancel, Ticker};
use crate::model::{ActorId, ClaimId};

pub use paths::AllPaths;
pub use reach::Reached;

/// A filtered view of the graph that algorithms walk: a [`Net`], the [`Filter`] a query
/// applies to it, and the nodes roll-up makes of its actors. Making one is `O(V)` (it marks the
/// avoided actors) plus the kept actors' depths; its methods are the algorithms.
///
/// ```
/// use dyad::graph::algo::Walker;
/// use dyad::graph::{Filter, Sketch};
/// use dyad::model::{Action, ActorId};
///
/// let sketch = Sketch::new(3, &[(0, 1, Action::Consult), (1, 2, Action::Consult)]);
/// let filter = Filter { avoid: vec![ActorId(1)], ..Filter::default() };
/// let w = Walker::new(sketch.net(), &filter);
/// // Actor 1 is the only way from 0 to 2, and it is avoided.
/// assert_eq!(w.shortest_path(ActorId(0), ActorId(2), None), None);
/// ```
pub struct Walker<'a> {
    net: Net<'a>,
    graph: &'a RelGraph,
    tree: &'a Hierarchy,
    filter: &'a Filter,
    /// `avoid[a]` when the filter forbids entering node `a`. Avoided actors are kept, so each
    /// is a node.
    avoid: Vec<bool>,
    /// Whether actors roll up at all: roll-up is on and some actor has a parent. When not,
    /// [`Walker::rep`] is the identity and every group is one actor.
    rolls: bool,
    /// The strict ancestors of the kept actors, sorted and each once: the nodes that stand
    /// alone, without their descendants. A handful at most (the named actors' chains), so a
    /// binary search beats an array as large as the graph.
    above: Vec<ActorId>,
    /// The token the long algorithms honour, if any (see [`Walker::with_cancel`]).
    cancel: Option<&'a Cancel>,
}

impl<'a> Walker<'a> {
    /// A view of `net` through `filter`. `O(V)`, plus the depths of the kept actors.
    ///
    /// # Panics
    ///
    /// If the net's hierarchy and graph disagree on the number of actors, or the filter names
    /// an actor outside them.
    pub fn new(net: Net<'a>, filter: &'a Filter) -> Self {
        let n = net.graph.node_count();
        assert_eq!(
            net.tree.len(),
            n,
            "the hierarchy and the graph cover different actors"
        );
        let mut avoid = vec![false; n];
        for a in &filter.avoid {
            avoid[a.index()] = true;
        }
        let rolls = filter.rollup && net.tree.is_nested();
        let mut above = Vec::new();
        if rolls {
            for &k in filter.keep.iter().chain(&filter.avoid) {
                above.extend(net.tree.ancestors(k));
            }
            above.sort_unstable();
            above.dedup();
        }
        Walker {
            net,
            graph: net.graph,
            tree: net.tree,
            filter,
            avoid,
            rolls,
            above,
            cancel: None,
        }
    }

    /// This walker, with its long algorithms honouring `cancel`: when the token is tripped or
    /// its deadline passes, they return [`Stopped`](crate::cancel::Stopped) at their next check
    /// instead of a result. Without it (as [`Walker::new`] makes it) they always run to the end.
    ///
    /// The algorithms that can run long check: [`Walker::k_shortest_paths`],
    /// [`Walker::all_shortest_paths`], [`Walker::neighborhood`], [`Walker::component_size`] and
    /// [`Walker::betweenness`]. The others are single linear passes or cheaper (one shortest
    /// path, its interiors, degrees, the edges and claims of a step) and always finish.
    ///
    /// ```
    /// use dyad::cancel::{Cancel, Stopped};
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Direction, Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// let sketch = Sketch::new(3, &[(0, 1, Action::Consult), (1, 2, Action::Consult)]);
    /// let filter = Filter::default();
    /// let token = Cancel::new();
    /// let w = Walker::new(sketch.net(), &filter).with_cancel(&token);
    /// assert_eq!(w.component_size(ActorId(0)), Ok(3));
    /// token.cancel();
    /// assert_eq!(w.neighborhood(ActorId(0), 2, Direction::Both), Err(Stopped::Cancelled));
    /// ```
    pub fn with_cancel(mut self, cancel: &'a Cancel) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// A ticker over this walker's token, for one run of a long loop.
    fn ticker(&self) -> Ticker<'a> {
        Ticker::new(self.cancel)
    }

    /// The number of actors: every per-actor array is this long.
    fn n(&self) -> usize {
        self.graph.node_count()
    }

    /// Whether `a` is a strict ancestor of a kept actor.
    fn is_above(&self, a: ActorId) -> bool {
        !self.above.is_empty() && self.above.binary_search(&a).is_ok()
    }

    /// The node that stands for actor `x` under the roll-up rule (see [`crate::graph`]): `x`
    /// itself with roll-up off. `O(1)` unless `x` belongs under a kept actor's principal, then
    /// `O(depth)`.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::ActorId;
    ///
    /// // 1 and 2 belong to 0; 3 belongs to 2.
    /// let mut sketch = Sketch::new(4, &[]);
    /// sketch.part_of(1, 0).part_of(2, 0).part_of(3, 2);
    /// let a = ActorId;
    /// let rolled = Filter::default();
    /// let w = Walker::new(sketch.net(), &rolled);
    /// assert_eq!([1, 2, 3].map(|x| w.rep(a(x))), [a(0); 3]);
    /// // Keeping 3: it stands for itself, 0 and 2 stand alone, and 1 is the highest below 0.
    /// let keep = Filter { keep: vec![a(3)], ..Filter::default() };
    /// let w = Walker::new(sketch.net(), &keep);
    /// assert_eq!([0, 1, 2, 3].map(|x| w.rep(a(x))), [a(0), a(1), a(2), a(3)]);
    /// let off = Filter { rollup: false, ..Filter::default() };
    /// assert_eq!(Walker::new(sketch.net(), &off).rep(a(3)), a(3));
    /// ```
    #[inline]
    pub fn rep(&self, x: ActorId) -> ActorId {
        if !self.rolls {
            return x;
        }
        // The kept actors' strict ancestors are closed upwards, so if x's top is not one of
        // them, nothing on x's chain is, and the top represents x.
        let top = self.tree.top(x);
        if !self.is_above(top) {
            return top;
        }
        if self.is_above(x) {
            return x;
        }
        // Climb to just below the lowest strict ancestor of a kept actor. The hierarchy has no
        // cycles (it refuses them when built), and the top is such an ancestor, so this stops.
        let mut r = x;
        while let Some(p) = self.tree.parent(r) {
            if self.is_above(p) {
                break;
            }
            r = p;
        }
        r
    }

    /// Whether `a` is a node: whether it stands for itself. `O(1)`.
    pub fn is_node(&self, a: ActorId) -> bool {
        !self.rolls || self.is_above(a) || self.tree.parent(a).is_none_or(|p| self.is_above(p))
    }

    /// The nodes, in id order.
    pub fn nodes(&self) -> impl Iterator<Item = ActorId> + '_ {
        (0..self.n() as u32)
            .map(ActorId)
            .filter(move |&a| self.is_node(a))
    }

    /// The members of node `r`, `r` first: `r` itself and, unless `r` is a strict ancestor of
    /// a kept actor, its descendants. `O(1)` to start, then one step per member.
    ///
    /// `r` should be a node ([`Walker::is_node`]); for another actor the list is that actor and
    /// those below it, which is not a group.
    pub fn members(&self, r: ActorId) -> impl Iterator<Item = ActorId> + 'a {
        self.group(r).iter().copied()
    }

    /// The members of node `u` as a slice of the hierarchy's shared array: just `[u]` when
    /// nothing rolls up, so a search over bare actors pays one slice per expansion, no more.
    #[inline]
    fn group(&self, u: ActorId) -> &'a [ActorId] {
        let sub = self.tree.subtree(u);
        if self.rolls && !self.is_above(u) {
            sub
        } else {
            &sub[..1]
        }
    }

    /// The edges at node `u`'s members: the work of expanding it.
    fn group_degree(&self, u: ActorId) -> u64 {
        self.group(u).iter().map(|&m| self.graph.degree_of(m)).sum()
    }

    /// The nodes one usable step forward from `u` (repeats when several edges link them).
    fn forward(&self, u: ActorId) -> impl Iterator<Item = ActorId> + '_ {
        self.group(u).iter().flat_map(move |&m| {
            self.graph.g.edges(node(m)).filter_map(move |e| {
                let x = actor(e.target());
                let v = self.rep(x);
                (v != u
                    && !self.avoid[v.index()]
                    && self.filter.step_ok(self.net, e.weight(), m, x))
                .then_some(v)
            })
        })
    }

    /// The nodes one usable step backward from `v`: those `u` with a usable step `u → v`.
    fn backward(&self, v: ActorId) -> impl Iterator<Item = ActorId> + '_ {
        self.group(v).iter().flat_map(move |&m| {
            self.graph.g.edges(node(m)).filter_map(move |e| {
                let x = actor(e.target());
                let u = self.rep(x);
                (u != v
                    && !self.avoid[u.index()]
                    && self.filter.step_ok(self.net, e.weight(), x, m))
                .then_some(u)
            })
        })
    }

    /// The links between the members of nodes `u` and `v`, each as (member of `u`, member of
    /// `v`, edge), read from whichever side has fewer edges. `u != v`.
    fn links_between(
        &self,
        u: ActorId,
        v: ActorId,
        mut each: impl FnMut(ActorId, ActorId, EdgeId),
    ) {
        let flip = self.group_degree(u) > self.group_degree(v);
        let (from, to) = if flip { (v, u) } else { (u, v) };
        for &m in self.group(from) {
            for link in self.graph.links(m) {
                if self.rep(link.other) == to {
                    if flip {
                        each(link.other, m, link.edge);
                    } else {
                        each(m, link.other, link.edge);
                    }
                }
            }
        }
    }

    /// The usable edges for the step `u → v` between nodes, in kind order and then by id: the
    /// edges between a member of `u` and a member of `v` whose kind the filter allows and with
    /// some claim that passes it (and, when the filter is directed, goes from the member of
    /// `u` to the member of `v`). Actors that are not nodes count as their node; there are no
    /// edges from a node to itself. Whether `v` is avoided is not asked. Without roll-up this
    /// costs twice the smaller degree of `u` and `v`, plus the claims of the edges between
    /// them; with it, the edges of the smaller group's members.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId, RelationKind};
    ///
    /// // 0 strikes 1; 1 and 0 hold talks.
    /// let mut sketch = Sketch::new(2, &[(0, 1, Action::Assault)]);
    /// sketch.tie(1, 0, Action::Consult).mutual();
    /// let net = sketch.net();
    /// let directed = Filter { directed: true, ..Filter::default() };
    /// let w = Walker::new(net, &directed);
    /// let kinds = |edges: Vec<_>| -> Vec<RelationKind> {
    ///     edges.into_iter().map(|e| net.graph.edge(e).kind).collect()
    /// };
    /// use RelationKind::*;
    /// assert_eq!(kinds(w.step_edges(ActorId(0), ActorId(1))), [Cooperation, Conflict]);
    /// // The strike goes from 0 to 1 only; the talks go both ways.
    /// assert_eq!(kinds(w.step_edges(ActorId(1), ActorId(0))), [Cooperation]);
    /// ```
    pub fn step_edges(&self, u: ActorId, v: ActorId) -> Vec<EdgeId> {
        let (u, v) = (self.rep(u), self.rep(v));
        if u == v {
            return Vec::new();
        }
        let (gu, gv) = (self.group(u), self.group(v));
        if gu.len() == 1 && gv.len() == 1 {
            // Two bare actors: the edges between them, already in kind order.
            let mut edges = self.graph.between(u, v);
            edges.retain(|&e| self.filter.step_ok(self.net, self.graph.edge(e), u, v));
            return edges;
        }
        let mut edges = Vec::new();
        self.links_between(u, v, |a, b, e| {
            if self.filter.step_ok(self.net, self.graph.edge(e), a, b) {
                edges.push(e);
            }
        });
        edges.sort_unstable_by_key(|&e| (self.graph.edge(e).kind, e));
        edges.dedup();
        edges
    }

    /// The claims behind the step from node `u` to node `v`: every claim on an edge between a
    /// member of `u` and a member of `v` that passes the filter's kind, certainty and date
    /// rules and goes the way `dir` says, judged on the claim's actual actors: with
    /// [`Direction::Out`], from the member of `u` to the member of `v`; with [`Direction::In`],
    /// the other way; with [`Direction::Both`], either way. `dir` alone decides:
    /// [`Filter::directed`] is not read, so a caller explaining a directed path step passes
    /// `Out`. Sorted by id, each once. Actors that are not nodes count as their node; a node
    /// has no claims with itself.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Direction, Filter, Sketch};
    /// use dyad::model::{Action, ActorId, ClaimId};
    ///
    /// // 2 acts for 0. 1 strikes 2 (claim 0); 0 aids 1 (claim 1).
    /// let mut sketch = Sketch::new(3, &[(1, 2, Action::Assault), (0, 1, Action::Aid)]);
    /// sketch.part_of(2, 0);
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let (a, b) = (ActorId(0), ActorId(1));
    /// assert_eq!(w.step_claims(a, b, Direction::Both), [ClaimId(0), ClaimId(1)]);
    /// assert_eq!(w.step_claims(a, b, Direction::Out), [ClaimId(1)]);
    /// assert_eq!(w.step_claims(a, b, Direction::In), [ClaimId(0)]);
    /// ```
    pub fn step_claims(&self, u: ActorId, v: ActorId, dir: Direction) -> Vec<ClaimId> {
        let (u, v) = (self.rep(u), self.rep(v));
        let mut claims = Vec::new();
        if u == v {
            return claims;
        }
        self.links_between(u, v, |a, b, e| {
            for c in self.filter.passing(self.net, self.graph.edge(e)) {
                let claim = self.net.claim(c);
                let goes = match dir {
                    Direction::Both => true,
                    Direction::Out => claim.goes(a, b),
                    Direction::In => claim.goes(b, a),
                };
                if goes {
                    claims.push(c);
                }
            }
        });
        // A mediation sits on two edges; both may join the same two groups.
        claims.sort_unstable();
        claims.dedup();
        claims
    }
}
