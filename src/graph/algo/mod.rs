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
//! Every algorithm applies the filter *while it walks*: an edge is usable from `u` to `v` only if
//! some claim on it passes the kind, certainty and date filters (and, for directed queries, goes
//! from `u` to `v`), and avoided actors are never entered. Nothing copies the graph: the walker
//! reads petgraph's adjacency lists in place, and the component count uses petgraph's
//! [`EdgeFiltered`](petgraph::visit::EdgeFiltered) view with its [`Bfs`](petgraph::visit::Bfs).
//! Whole-graph algorithms (betweenness, degree) build one compact adjacency under the filter
//! first, because they read every neighbour list many times.
//!
//! What this module must not do:
//!
//! - **No I/O**, and no printing: results are plain data for the caller to present.
//! - **No database and no names.** Algorithms read a [`Net`] (a graph and its claims) and
//!   speak [`ActorId`]s; resolving what a user typed, rolling actors up to principals and
//!   describing results belong to the layers above (`crate::answer`).
//! - **No petgraph indices in results.** Only `crate::graph` and this module see `NodeIndex`
//!   and `EdgeIndex`; every public signature takes and returns [`ActorId`] and [`EdgeId`].
//! - **No filtering after the fact**: results are never trimmed afterwards to honour a filter.
//!
//! Costs use `V` for actors and `E` for edges; all are per call. The examples build their
//! graphs in memory with [`Sketch`](crate::graph::Sketch).

pub mod centrality;
pub mod paths;
pub mod reach;

#[cfg(test)]
mod testkit;

use petgraph::visit::EdgeRef;

use super::{actor, node, EdgeId, Filter, Net, RelGraph};
use crate::model::ActorId;

pub use paths::AllPaths;
pub use reach::Reached;

/// A filtered view of the graph that algorithms walk: a [`Net`] and the [`Filter`] a query
/// applies to it. Making one is `O(V)` (it marks the avoided actors); its methods are the
/// algorithms.
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
    filter: &'a Filter,
    /// `avoid[a]` when the filter forbids entering actor `a`.
    avoid: Vec<bool>,
}

impl<'a> Walker<'a> {
    /// A view of `net` through `filter`. `O(V)`.
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

    /// The usable edges for the step `u → v`, in kind order: those whose kind the filter
    /// allows and with some claim that passes it (and goes `u → v` when the filter is
    /// directed). Whether `v` is avoided is not asked. Costs twice the smaller degree of `u`
    /// and `v`, plus the claims of the edges between them.
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
        let mut edges = self.graph.between(u, v);
        edges.retain(|&e| self.filter.step_ok(self.net, self.graph.edge(e), u, v));
        edges
    }
}
