//! The relationship graph: one node per actor, one edge per (pair of actors, relation kind),
//! each edge carrying every claim behind it.
//!
//! This module (with its `algo` child) is the only place that sees petgraph's `NodeIndex` and
//! `EdgeIndex`. Node `i` is always actor `i`, so converting is free, but the rest of dyad speaks
//! [`ActorId`] and [`EdgeId`] only.
//!
//! The graph is undirected: a relation kind between two actors is one edge whoever acted first.
//! Direction lives on the claims (a strike goes one way, talks go both), and directed queries
//! ask the claims ([`crate::model::Claim::goes`]) whether an edge may be walked a given way.

use std::collections::HashMap;

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::model::{ActorId, Certainty, Claim, ClaimId, PartialDate, RelationKind};

/// A compact edge handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeId(pub u32);

impl EdgeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An aggregated relation: all claims of one kind between two actors.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub kind: RelationKind,
    /// The endpoints, lower id first.
    pub a: ActorId,
    pub b: ActorId,
    /// Every claim behind the edge, in database order.
    pub claims: Vec<ClaimId>,
    /// The firmest certainty among the claims.
    pub best: Certainty,
    /// The earliest and latest claim dates.
    pub first: PartialDate,
    pub last: PartialDate,
}

impl Edge {
    /// The endpoint that is not `x`.
    pub fn other(&self, x: ActorId) -> ActorId {
        if self.a == x {
            self.b
        } else {
            self.a
        }
    }
}

/// An edge seen from one endpoint.
#[derive(Clone, Copy, Debug)]
pub struct Link<'g> {
    pub edge: EdgeId,
    /// The endpoint on the far side.
    pub other: ActorId,
    pub data: &'g Edge,
}

/// The graph over a database's actors and claims.
#[derive(Clone, Debug, Default)]
pub struct RelGraph {
    g: UnGraph<ActorId, Edge, u32>,
    by_pair: HashMap<(ActorId, ActorId, RelationKind), EdgeId>,
}

fn node(a: ActorId) -> NodeIndex<u32> {
    NodeIndex::new(a.index())
}
fn actor(n: NodeIndex<u32>) -> ActorId {
    ActorId(n.index() as u32)
}
fn edge_index(e: EdgeId) -> EdgeIndex<u32> {
    EdgeIndex::new(e.index())
}

impl RelGraph {
    /// Builds the graph: `actors` nodes, and an edge per (pair, kind) that some claim links.
    /// A mediation claim links the mediator to each party. `O(A + C)` expected time.
    pub fn build(actors: usize, claims: &[Claim]) -> RelGraph {
        let mut g: UnGraph<ActorId, Edge, u32> = UnGraph::with_capacity(actors, claims.len());
        for i in 0..actors {
            g.add_node(ActorId(i as u32));
        }
        let mut by_pair: HashMap<(ActorId, ActorId, RelationKind), EdgeId> = HashMap::new();
        for (ci, c) in claims.iter().enumerate() {
            let id = ClaimId(ci as u32);
            let kind = c.kind();
            for (x, y) in c.links() {
                let (a, b) = if x <= y { (x, y) } else { (y, x) };
                match by_pair.get(&(a, b, kind)) {
                    Some(&e) => {
                        let edge: &mut Edge = &mut g[edge_index(e)];
                        edge.claims.push(id);
                        edge.best = edge.best.max(c.certainty);
                        edge.first = edge.first.min(c.date);
                        edge.last = edge.last.max(c.date);
                    }
                    None => {
                        let e = g.add_edge(
                            node(a),
                            node(b),
                            Edge {
                                kind,
                                a,
                                b,
                                claims: vec![id],
                                best: c.certainty,
                                first: c.date,
                                last: c.date,
                            },
                        );
                        by_pair.insert((a, b, kind), EdgeId(e.index() as u32));
                    }
                }
            }
        }
        RelGraph { g, by_pair }
    }

    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    pub fn edge(&self, e: EdgeId) -> &Edge {
        &self.g[edge_index(e)]
    }

    /// Every edge, in creation order.
    pub fn edges(&self) -> impl Iterator<Item = (EdgeId, &Edge)> {
        self.g
            .edge_references()
            .map(|e| (EdgeId(e.id().index() as u32), e.weight()))
    }

    /// The edges at `a`, each seen from `a`. Order is petgraph's adjacency order (most recently
    /// added first); callers that print sort first.
    pub fn links(&self, a: ActorId) -> impl Iterator<Item = Link<'_>> {
        self.g.edges(node(a)).map(|e| Link {
            edge: EdgeId(e.id().index() as u32),
            other: actor(e.target()),
            data: e.weight(),
        })
    }

    /// The number of edges at `a`.
    pub fn degree(&self, a: ActorId) -> usize {
        self.g.edges(node(a)).count()
    }

    /// The edge of `kind` between `a` and `b`, if any.
    pub fn find(&self, a: ActorId, b: ActorId, kind: RelationKind) -> Option<EdgeId> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.by_pair.get(&(a, b, kind)).copied()
    }

    /// The edges between `a` and `b`, in kind order.
    pub fn between(&self, a: ActorId, b: ActorId) -> impl Iterator<Item = EdgeId> + '_ {
        RelationKind::ALL
            .into_iter()
            .filter_map(move |k| self.find(a, b, k))
    }
}
