//! The relationship graph: one node per actor, one edge per (pair of actors, relation kind),
//! each edge carrying every claim behind it.
//!
//! The graph is undirected: a relation kind between two actors is one edge whoever acted first.
//! Direction lives on the claims (a strike goes one way, talks go both), and directed queries
//! ask the claims ([`crate::model::Claim::goes`]) whether an edge may be walked a given way.
//!
//! What reads the graph reads a [`Net`]: the [`RelGraph`], the claims its edges index and the
//! actors' [`Hierarchy`]. A
//! loaded database hands one out (`Database::net`); a [`Sketch`] builds a small one in memory
//! from a list of ties, for tests, examples and experiments. [`Filter`] says which claims, and
//! so which edges, a query may use; [`algo`] holds the traversals.
//!
//! # Roll-up
//!
//! People and components count for the actor they belong to: Hakan Fidan's claims count for
//! Turkey, the YPG's for the SDF. This section is the one place that rule is defined; every
//! algorithm in [`algo`] applies it while it walks, through the [`algo::Walker`].
//!
//! The actors form a forest, the [`Hierarchy`]: each actor's parent is the actor it acts for,
//! else the actor it is part of ([`crate::model::Actor::parent`]). A query names some actors,
//! and those it names stand for themselves: they are the *kept* actors, [`Filter::keep`] and
//! [`Filter::avoid`] together. With roll-up on ([`Filter::rollup`], the default), the graph a
//! query walks has one node per group, and each actor `x` is represented by `rep(x)`:
//!
//! - if `x` is a strict ancestor of a kept actor, `rep(x)` is `x` itself;
//! - otherwise `rep(x)` is the highest ancestor-or-self of `x` that is not a strict ancestor
//!   of a kept actor.
//!
//! The nodes are the actors that represent themselves. The members of a node `r` are the
//! actors it represents: `r` itself and, unless `r` is a strict ancestor of a kept actor, all
//! its descendants. So with nothing kept every actor is represented by its top principal; an
//! actor the user names stands for itself and everything below it; and when the user names two
//! actors under one principal (a president and the opposition, both under Syria), that
//! principal stands alone, and its other members stay separate at the highest level below it,
//! so that a mediation between the two named actors is still visible.
//!
//! Two nodes are neighbours when some edge links a member of one to a member of the other. An
//! edge between two members of the same node is internal and is never walked. Whether an edge
//! may be walked is judged on its actual endpoints, not on their nodes: a directed walk takes
//! a claim only the way the member who acted made it. Every actor a traversal takes as an
//! argument counts as its node, and every actor it returns is a node.
//!
//! With roll-up off, `rep(x)` is `x`: every actor is a node of its own, and the graph is walked
//! actor by actor.
//!
//! What this module (and its children) must not do:
//!
//! - **No I/O.** The graph is built from claims already in memory and read in place.
//! - **No database, no names.** It depends on [`crate::model`] only: it never imports the
//!   database, the name index, queries or answers, and never looks an actor up by name. Callers
//!   resolve names to [`ActorId`]s first.
//! - **No petgraph indices outside.** Only this module and [`algo`] see petgraph's `NodeIndex`
//!   and `EdgeIndex`. Node `i` is always actor `i`, so converting is free, but the rest of dyad
//!   speaks [`ActorId`] and [`EdgeId`] only.

pub mod algo;
mod hierarchy;
mod sketch;

pub use hierarchy::Hierarchy;
pub use sketch::{Sketch, Tie};

use petgraph::graph::{EdgeIndex, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

#[cfg(doc)]
use crate::model::Action;
use crate::model::{ActorId, Certainty, Claim, ClaimId, KindSet, PartialDate, RelationKind};

/// A compact edge handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeId(pub u32);

impl EdgeId {
    /// The edge's position among the graph's edges. Edges are numbered in (lower actor id, higher
    /// actor id, kind) order as [`RelGraph::build`] creates them, so ordering edge ids is stable
    /// from run to run.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An aggregated relation: all claims of one kind between two actors.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The relation kind that every claim on the edge asserts.
    pub kind: RelationKind,
    /// The endpoints, lower id first.
    pub a: ActorId,
    /// The endpoint with the higher id.
    pub b: ActorId,
    /// Where the edge's claims sit in the graph's claim list; see [`RelGraph::claims`].
    claims: ClaimSpan,
    /// The firmest certainty among the claims.
    pub best: Certainty,
}

/// A run of [`RelGraph`]'s claim list: one allocation for all edges instead of one each,
/// which matters at millions of edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ClaimSpan {
    start: u32,
    len: u32,
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

    /// How many claims the edge carries.
    pub fn claim_count(&self) -> usize {
        self.claims.len as usize
    }
}

/// An edge seen from one endpoint.
#[derive(Clone, Copy, Debug)]
pub struct Link<'g> {
    /// Which edge this is, for [`RelGraph::edge`] and for exports.
    pub edge: EdgeId,
    /// The endpoint on the far side.
    pub other: ActorId,
    /// The edge itself, borrowed from the graph.
    pub data: &'g Edge,
}

/// The graph over a set of actors and the claims between them.
#[derive(Clone, Debug, Default)]
pub struct RelGraph {
    g: UnGraph<ActorId, Edge, u32>,
    /// Every edge's claims, edge after edge, each run in database order.
    claim_ids: Vec<ClaimId>,
    /// Each actor's number of edges (petgraph counts them by walking the list).
    degrees: Vec<u32>,
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
    /// A mediation claim links the mediator to each party.
    ///
    /// Sorting the claims' links by (pair, kind) groups each edge's claims together, so the
    /// build needs no hash map and the claim lists share one allocation. Edges are numbered in
    /// that sorted order. `O(A + C log C)`.
    pub fn build(actors: usize, claims: &[Claim]) -> RelGraph {
        let mut links: Vec<(u32, u32, u8, u32)> =
            Vec::with_capacity(claims.len() + claims.len() / 8);
        for (ci, c) in claims.iter().enumerate() {
            // A retracted claim is evidence for nothing; it stays in the table for `cite`.
            if c.retracted {
                continue;
            }
            let kind = c.kind() as u8;
            for (x, y) in c.links() {
                let (a, b) = if x <= y { (x, y) } else { (y, x) };
                links.push((a.0, b.0, kind, ci as u32));
            }
        }
        links.sort_unstable();
        let mut g: UnGraph<ActorId, Edge, u32> = UnGraph::with_capacity(actors, links.len());
        for i in 0..actors {
            g.add_node(ActorId(i as u32));
        }
        let claim_ids: Vec<ClaimId> = links.iter().map(|l| ClaimId(l.3)).collect();
        let mut degrees = vec![0u32; actors];
        let mut start = 0;
        while start < links.len() {
            let (a, b, k, _) = links[start];
            let mut end = start + 1;
            while end < links.len() && (links[end].0, links[end].1, links[end].2) == (a, b, k) {
                end += 1;
            }
            let run = &claim_ids[start..end];
            let first = &claims[run[0].index()];
            let mut edge = Edge {
                kind: first.kind(),
                a: ActorId(a),
                b: ActorId(b),
                claims: ClaimSpan {
                    start: start as u32,
                    len: (end - start) as u32,
                },
                best: first.certainty,
            };
            for c in &run[1..] {
                edge.best = edge.best.max(claims[c.index()].certainty);
            }
            g.add_edge(node(ActorId(a)), node(ActorId(b)), edge);
            degrees[a as usize] += 1;
            degrees[b as usize] += 1;
            start = end;
        }
        RelGraph {
            g,
            claim_ids,
            degrees,
        }
    }

    /// The number of nodes: one per actor, whether or not it has edges.
    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }

    /// The number of edges: one per (pair of actors, relation kind) that some claim links.
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    /// The edge behind an id. An id from this graph always indexes; one from another may panic.
    pub fn edge(&self, e: EdgeId) -> &Edge {
        &self.g[edge_index(e)]
    }

    /// An edge's claims, in database order.
    pub fn claims(&self, e: &Edge) -> &[ClaimId] {
        let start = e.claims.start as usize;
        &self.claim_ids[start..start + e.claims.len as usize]
    }

    /// Every edge, in id order.
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

    /// The number of edges at `a`. `O(1)`.
    pub fn degree(&self, a: ActorId) -> usize {
        self.degrees[a.index()] as usize
    }

    fn degree_of(&self, a: ActorId) -> u64 {
        u64::from(self.degrees[a.index()])
    }

    /// The edge of `kind` between `a` and `b`, if any. Walks both adjacency lists in step, so
    /// the cost is the smaller degree (times two), not the larger.
    pub fn find(&self, a: ActorId, b: ActorId, kind: RelationKind) -> Option<EdgeId> {
        let hit = |e: petgraph::graph::EdgeReference<'_, Edge, u32>, other: ActorId| {
            (e.target() == node(other) && e.weight().kind == kind)
                .then(|| EdgeId(e.id().index() as u32))
        };
        let (mut ea, mut eb) = (self.g.edges(node(a)), self.g.edges(node(b)));
        // Every edge between a and b is in both lists, so exhausting either one settles it.
        loop {
            if let Some(found) = hit(ea.next()?, b) {
                return Some(found);
            }
            if let Some(found) = hit(eb.next()?, a) {
                return Some(found);
            }
        }
    }

    /// The edges between `a` and `b`, in kind order. One pass over both adjacency lists in
    /// step, so the cost is twice the smaller degree.
    pub fn between(&self, a: ActorId, b: ActorId) -> Vec<EdgeId> {
        let mut found: Vec<EdgeId> = Vec::with_capacity(3);
        let (mut ea, mut eb) = (self.g.edges(node(a)), self.g.edges(node(b)));
        loop {
            match ea.next() {
                Some(x) if x.target() == node(b) => found.push(EdgeId(x.id().index() as u32)),
                Some(_) => {}
                None => break,
            }
            match eb.next() {
                Some(y) if y.target() == node(a) => found.push(EdgeId(y.id().index() as u32)),
                Some(_) => {}
                None => break,
            }
        }
        // Both lists hold every a–b edge; stopping at the end of either may leave some seen
        // from one side only, or twice from both.
        found.sort_unstable();
        found.dedup();
        found.sort_by_key(|e| self.edge(*e).kind);
        found
    }
}

/// What graph algorithms read: a graph and the claims its edges point into.
///
/// Algorithms take a `Net` rather than a whole database, so they can run on a small graph built
/// in memory from a handful of ties (see [`Sketch`]); a loaded database hands one out with
/// `Database::net`.
#[derive(Clone, Copy, Debug)]
pub struct Net<'a> {
    /// The graph whose edges are walked.
    pub graph: &'a RelGraph,
    /// The claims the graph was built from: [`RelGraph::claims`] indexes into them.
    pub claims: &'a [Claim],
    /// Who belongs to whom, over the same actors as the graph: what roll-up reads.
    pub tree: &'a Hierarchy,
}

impl<'a> Net<'a> {
    /// The claim behind an id.
    pub fn claim(&self, c: ClaimId) -> &'a Claim {
        &self.claims[c.index()]
    }

    /// An edge's claims, in database order.
    pub fn edge_claims(&self, e: &Edge) -> impl Iterator<Item = &'a Claim> + 'a {
        let claims = self.claims;
        self.graph.claims(e).iter().map(move |c| &claims[c.index()])
    }
}

/// Which way a traversal may walk an edge, judged by its claims' direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the actor outwards: claims the actor made, mutual claims, mediations it performed.
    Out,
    /// Towards the actor: claims made about it, mutual claims.
    In,
    /// Either way.
    #[default]
    Both,
}

/// Which claims, and so which edges, a query may use, and how actors roll up into the nodes
/// it walks. Built once per query; filters apply *during* traversal, never by discarding
/// results afterwards.
#[derive(Clone, Debug)]
pub struct Filter {
    /// The relation kinds whose edges may be used (`via KIND…`); every kind by default.
    pub kinds: KindSet,
    /// The weakest certainty a claim may have.
    pub min_certainty: Option<Certainty>,
    /// Claims some of whose possible days fall on or after some day of this (see
    /// [`EventDate::may_be_on_or_after`](crate::model::EventDate::may_be_on_or_after)): an
    /// approximate date passes when it *can* fall in the window, an unknown one always.
    pub since: Option<PartialDate>,
    /// Claims some of whose possible days fall on or before some day of this.
    pub until: Option<PartialDate>,
    /// Only walk an edge the way some passing claim goes (see [`Claim::goes`]).
    pub directed: bool,
    /// Actors a path may not pass through. They are named by the query, so they count as kept
    /// (see [`Filter::keep`]): an avoided actor is a node of its own, and avoiding it avoids
    /// the members it stands for too.
    pub avoid: Vec<ActorId>,
    /// Whether people and components roll up to the actors they belong to, so that traversals
    /// walk one node per group (the rule is in the [module docs](self#roll-up)). On by default;
    /// off, every actor is a node of its own.
    pub rollup: bool,
    /// Actors that stand for themselves under roll-up rather than for the group above them:
    /// the answer layer puts here every actor a query names. [`Filter::avoid`] is kept too,
    /// without being listed here. Order and repeats do not matter; ignored with roll-up off.
    pub keep: Vec<ActorId>,
    /// The documents whose claims may be used, indexed by document (`genre …` builds it from
    /// the documents' genres); `None` for all.
    pub documents: Option<Vec<bool>>,
    /// The actions a claim may have, as a set of [`Action::bit`]s; `None` for all. `via`
    /// naming actions builds it: the actions named, plus every action of the kinds named, so
    /// that a claim passes when its kind or its action was named.
    pub actions: Option<u32>,
    /// Event-code prefixes a claim's code must start with (`code 19 045`); `None` for any
    /// claim. A claim without a code (every curated claim) never passes.
    pub codes: Option<Vec<Box<str>>>,
}

impl Default for Filter {
    /// Every kind, certainty and date; undirected; nothing avoided; roll-up on, nothing kept.
    fn default() -> Self {
        Filter {
            kinds: KindSet::default(),
            min_certainty: None,
            since: None,
            until: None,
            directed: false,
            avoid: Vec::new(),
            rollup: true,
            keep: Vec::new(),
            documents: None,
            actions: None,
            codes: None,
        }
    }
}

impl Filter {
    /// Whether a claim passes the certainty, date and document filters (kind is judged per
    /// edge).
    pub fn claim_ok(&self, c: &Claim) -> bool {
        self.min_certainty.is_none_or(|m| c.certainty.at_least(m))
            && self.since.is_none_or(|d| c.date.may_be_on_or_after(d))
            && self.until.is_none_or(|d| c.date.may_be_on_or_before(d))
            && self
                .documents
                .as_ref()
                .is_none_or(|d| d.get(c.doc.index()).copied().unwrap_or(false))
            && self.actions.is_none_or(|m| m & c.action.bit() != 0)
            && self.codes.as_ref().is_none_or(|prefixes| {
                let code = c.coded.as_ref().and_then(|k| k.code.as_deref());
                code.is_some_and(|code| prefixes.iter().any(|p| code.starts_with(&**p)))
            })
    }

    /// Whether the filter restricts claims at all beyond kind (a fast path for edges).
    fn claim_filtered(&self) -> bool {
        self.min_certainty.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || self.documents.is_some()
            || self.actions.is_some()
            || self.codes.is_some()
    }

    /// Whether the edge may be walked from `from` to `to`: its kind is allowed and some claim
    /// passes (and, when directed, goes that way).
    pub fn step_ok(&self, net: Net<'_>, e: &Edge, from: ActorId, to: ActorId) -> bool {
        if !self.kinds.contains(e.kind) {
            return false;
        }
        if !self.directed && !self.claim_filtered() {
            return true;
        }
        net.edge_claims(e)
            .any(|c| self.claim_ok(c) && (!self.directed || c.goes(from, to)))
    }

    /// Whether the edge may be walked `from` → `to` under `dir`, ignoring `self.directed`
    /// (neighbourhoods choose their own direction).
    pub fn step_dir_ok(
        &self,
        net: Net<'_>,
        e: &Edge,
        from: ActorId,
        to: ActorId,
        dir: Direction,
    ) -> bool {
        if !self.kinds.contains(e.kind) {
            return false;
        }
        net.edge_claims(e).any(|c| {
            self.claim_ok(c)
                && match dir {
                    Direction::Both => true,
                    Direction::Out => c.goes(from, to),
                    Direction::In => c.goes(to, from),
                }
        })
    }

    /// Whether some claim of the edge passes the filter, direction aside. Without certainty
    /// or date filters this reads only the edge's kind, not its claims: the fast path for
    /// whole-graph algorithms.
    pub fn edge_ok(&self, net: Net<'_>, e: &Edge) -> bool {
        self.kinds.contains(e.kind)
            && (!self.claim_filtered() || net.edge_claims(e).any(|c| self.claim_ok(c)))
    }

    /// The claims of an edge that pass the filter, in database order.
    pub fn passing<'e>(&'e self, net: Net<'e>, e: &'e Edge) -> impl Iterator<Item = ClaimId> + 'e {
        let kind_ok = self.kinds.contains(e.kind);
        net.graph
            .claims(e)
            .iter()
            .copied()
            .filter(move |&c| kind_ok && self.claim_ok(net.claim(c)))
    }

    /// Whether the filter is the identity on claims and actors. Roll-up and kept actors decide
    /// how actors group into nodes, not which claims pass, so they are not asked.
    pub fn is_open(&self) -> bool {
        self.kinds.is_all() && !self.claim_filtered() && !self.directed && self.avoid.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    /// The claims of a three-claim sketch dated `before 2024-12`, `after 2025-07` and
    /// `unknown` that pass `filter`, as their written dates.
    fn passing(filter: &Filter) -> Vec<String> {
        let mut s = Sketch::new(2, &[]);
        for d in ["before 2024-12", "after 2025-07", "unknown"] {
            s.tie(0, 1, Action::Aid).date(d);
        }
        s.claims()
            .iter()
            .filter(|c| filter.claim_ok(c))
            .map(|c| c.date.to_string())
            .collect()
    }

    #[test]
    fn a_before_date_is_excluded_by_a_later_since_and_included_by_until() {
        let since = Filter {
            since: Some(date("2025-01")),
            ..Filter::default()
        };
        assert_eq!(passing(&since), ["after 2025-07", "unknown"]);
        let until = Filter {
            until: Some(date("2024")),
            ..Filter::default()
        };
        assert_eq!(passing(&until), ["before 2024-12", "unknown"]);
    }

    #[test]
    fn a_window_between_the_bounds_keeps_only_the_unknown_date() {
        let between = Filter {
            since: Some(date("2024-12")),
            until: Some(date("2025-07")),
            ..Filter::default()
        };
        assert_eq!(passing(&between), ["unknown"]);
    }
}
