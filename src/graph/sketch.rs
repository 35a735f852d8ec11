//! Small graphs in memory: a [`Sketch`] turns a short list of ties into claims and a
//! [`RelGraph`] over them, and hands out the [`Net`] that graph algorithms read.
//!
//! It exists for tests, documentation examples and experiments. The algorithms need only a graph
//! and the claims behind its edges, not a loaded database, and a sketch provides exactly that:
//! no files, no documents, no names. Actors are the bare numbers `0..n`.
//!
//! A sketch's claims are shaped like a database's so that everything reading a [`Net`] treats
//! them alike: each cites document 0 with its 1-based position as `seq`, and carries its own
//! quote text ([`Quote::Text`]) because there is no document to take a span of.
//!
//! This module depends only on [`crate::model`] and the graph. It checks what the loader would
//! check about a tie (its actors exist, it does not link an actor to itself, a mediation has two
//! distinct parties other than the mediator) and panics, naming the tie, when one is wrong: a
//! sketch is written by a programmer in code, never read from a user's files.

use std::cell::OnceCell;

use super::{Hierarchy, Net, RelGraph};
use crate::model::{
    Action, ActorId, Certainty, Claim, ClaimId, DateSource, DocId, EventDate, PartialDate, Quote,
    Target,
};

/// A small relationship graph built in memory from a list of ties.
///
/// Each tie becomes one claim, in the order given, so the `i`-th tie is
/// [`ClaimId`]`(i)`. A tie is directed from its first actor to its second, stated, and dated
/// 2024 unless its [`Tie`] says otherwise.
///
/// ```
/// use dyad::graph::algo::Walker;
/// use dyad::graph::{Filter, Sketch};
/// use dyad::model::{Action, ActorId, Certainty, KindSet, RelationKind};
///
/// // 0 consults 1, 1 strikes 2, and 3 mediates between 0 and 2.
/// let mut sketch = Sketch::new(4, &[(0, 1, Action::Consult), (1, 2, Action::Assault)]);
/// sketch.mediation(3, 0, 2).certainty(Certainty::Reported).date("2025-03");
/// sketch.tie(2, 0, Action::Agree).mutual();
///
/// let net = sketch.net();
/// assert_eq!(net.graph.node_count(), 4);
/// // One edge per (pair, kind): 0–1, 1–2, 0–2, and the mediator's two edges.
/// assert_eq!(net.graph.edge_count(), 5);
///
/// // Without conflict edges, 1 reaches the mediator only through 0.
/// let filter = Filter {
///     kinds: KindSet::only(RelationKind::Cooperation).with(RelationKind::Mediation),
///     ..Filter::default()
/// };
/// let w = Walker::new(net, &filter);
/// assert_eq!(
///     w.shortest_path(ActorId(1), ActorId(3), None),
///     Some(vec![ActorId(1), ActorId(0), ActorId(3)])
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Sketch {
    actors: usize,
    claims: Vec<Claim>,
    /// Built on first use and dropped whenever a tie is added, so a sketch can be extended
    /// after it has been read.
    graph: OnceCell<RelGraph>,
    /// Each actor's parent, set by [`Sketch::part_of`].
    parents: Vec<Option<ActorId>>,
    /// Built from `parents` on first use, dropped whenever a parent is set.
    tree: OnceCell<Hierarchy>,
}

/// One tie of a [`Sketch`], just added: change how the claim behind it reads.
///
/// Each method returns the tie, so changes chain.
#[derive(Debug)]
pub struct Tie<'s> {
    claim: &'s mut Claim,
    id: ClaimId,
}

/// The date a tie has unless it is given one.
const DEFAULT_DATE: EventDate = EventDate::On(PartialDate {
    year: 2024,
    month: None,
    day: None,
});

impl Sketch {
    /// A sketch of `actors` actors and one claim per tie `(from, to, action)`, each directed
    /// from `from` to `to`, stated, and dated 2024. Add mediations and change a tie's
    /// direction, certainty or date with [`Sketch::tie`] and [`Sketch::mediation`].
    ///
    /// # Panics
    ///
    /// If a tie names an actor `>= actors`, links an actor to itself, or has the action
    /// [`Action::Mediate`] (a mediation has two parties: use [`Sketch::mediation`]).
    pub fn new(actors: usize, ties: &[(u32, u32, Action)]) -> Sketch {
        let mut sketch = Sketch {
            actors,
            claims: Vec::with_capacity(ties.len()),
            graph: OnceCell::new(),
            parents: vec![None; actors],
            tree: OnceCell::new(),
        };
        for &(from, to, action) in ties {
            sketch.tie(from, to, action);
        }
        sketch
    }

    /// Adds a claim that `from` did `action` to `to`: directed, stated, dated 2024.
    ///
    /// # Panics
    ///
    /// Under the conditions of [`Sketch::new`].
    pub fn tie(&mut self, from: u32, to: u32, action: Action) -> Tie<'_> {
        assert!(
            action != Action::Mediate,
            "tie {from} {action} {to}: a mediation needs two parties; use Sketch::mediation"
        );
        self.check(from, &format!("tie {from} {action} {to}"));
        self.check(to, &format!("tie {from} {action} {to}"));
        assert!(
            from != to,
            "tie {from} {action} {to}: links an actor to itself"
        );
        self.push(
            from,
            Target::Actor(ActorId(to)),
            action,
            format!("{from} {action} {to}"),
        )
    }

    /// Adds a claim that `mediator` mediated between `a` and `b`: in the graph, one mediation
    /// edge from the mediator to each party. Directed from the mediator, stated, dated 2024.
    ///
    /// # Panics
    ///
    /// If an actor is out of range, `a == b`, or the mediator is one of the parties.
    pub fn mediation(&mut self, mediator: u32, a: u32, b: u32) -> Tie<'_> {
        let what = format!("mediation by {mediator} between {a} and {b}");
        for x in [mediator, a, b] {
            self.check(x, &what);
        }
        assert!(a != b, "{what}: needs two distinct parties");
        assert!(
            mediator != a && mediator != b,
            "{what}: the mediator is a party"
        );
        self.push(
            mediator,
            Target::Between(ActorId(a), ActorId(b)),
            Action::Mediate,
            format!("{mediator} mediated between {a} and {b}"),
        )
    }

    /// Puts `child` under `parent` in the actors' hierarchy: `child` acts for, or is part of,
    /// `parent`, and rolls up to it (see [`crate::graph`] for the roll-up rule). Returns the
    /// sketch, so calls chain. Actors start with no parent.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // 2 acts for 1; 0 consults 2.
    /// let mut sketch = Sketch::new(3, &[(0, 2, Action::Consult)]);
    /// sketch.part_of(2, 1);
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// // 2's talks count for 1.
    /// assert_eq!(w.shortest_path(ActorId(0), ActorId(2), None), Some(vec![ActorId(0), ActorId(1)]));
    /// ```
    ///
    /// # Panics
    ///
    /// If either actor is out of range, `child` already has a parent, or `parent` is `child`
    /// or below it (the hierarchy would have a cycle).
    pub fn part_of(&mut self, child: u32, parent: u32) -> &mut Sketch {
        let what = format!("{child} part of {parent}");
        self.check(child, &what);
        self.check(parent, &what);
        assert!(
            self.parents[child as usize].is_none(),
            "{what}: {child} already has a parent"
        );
        // Walking up from the parent ends: the parents set so far form no cycle, and there are
        // at most `actors` of them.
        let mut up = Some(ActorId(parent));
        while let Some(a) = up {
            assert!(a != ActorId(child), "{what}: would make a cycle of parents");
            up = self.parents[a.index()];
        }
        self.parents[child as usize] = Some(ActorId(parent));
        self.tree = OnceCell::new();
        self
    }

    /// The actors' hierarchy, built on first use.
    pub fn tree(&self) -> &Hierarchy {
        self.tree
            .get_or_init(|| Hierarchy::new(self.parents.clone()))
    }

    /// The number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors
    }

    /// The claims, one per tie, in the order the ties were added.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The graph over the ties, built on first use. `O(A + C log C)` the first time after a
    /// tie is added, free after that.
    pub fn graph(&self) -> &RelGraph {
        self.graph
            .get_or_init(|| RelGraph::build(self.actors, &self.claims))
    }

    /// What graph algorithms read: the graph and the claims behind its edges.
    pub fn net(&self) -> Net<'_> {
        Net {
            graph: self.graph(),
            claims: &self.claims,
            tree: self.tree(),
        }
    }

    fn check(&self, actor: u32, what: &str) {
        assert!(
            (actor as usize) < self.actors,
            "{what}: actor {actor} is not one of the sketch's {} actors",
            self.actors
        );
    }

    fn push(&mut self, from: u32, target: Target, action: Action, quote: String) -> Tie<'_> {
        self.graph = OnceCell::new();
        let id = ClaimId(self.claims.len() as u32);
        self.claims.push(Claim {
            retracted: false,
            coded: None,
            from: ActorId(from),
            target,
            action,
            mutual: false,
            date: DEFAULT_DATE,
            date_from: DateSource::Text,
            certainty: Certainty::Stated,
            doc: DocId(0),
            seq: id.0 + 1,
            quote: Quote::Text(quote.into_boxed_str()),
            note: None,
        });
        Tie {
            claim: self.claims.last_mut().expect("a claim was just pushed"),
            id,
        }
    }
}

impl Tie<'_> {
    /// Makes the claim two-sided (talks, agreements): a directed walk may then take it either
    /// way, not only from its first actor outwards.
    pub fn mutual(self) -> Self {
        self.claim.mutual = true;
        self
    }

    /// Sets how firmly the source asserts the claim.
    pub fn certainty(self, certainty: Certainty) -> Self {
        self.claim.certainty = certainty;
        self
    }

    /// Sets the claim's date in any written form of [`EventDate`]: `YYYY`, `YYYY-MM`,
    /// `YYYY-MM-DD`, `START/END`, `before DATE`, `after DATE` or `unknown`.
    ///
    /// # Panics
    ///
    /// If the date is malformed.
    pub fn date(self, date: &str) -> Self {
        self.claim.date = date
            .parse()
            .unwrap_or_else(|e| panic!("claim {}: {e}", self.id.0));
        self
    }

    /// The claim's id: its position among the sketch's claims.
    pub fn id(&self) -> ClaimId {
        self.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;

    #[test]
    fn ties_become_claims_in_order_and_edges_group_them_by_pair_and_kind() {
        let mut s = Sketch::new(3, &[(0, 1, Action::Consult), (1, 0, Action::Aid)]);
        let strike = s
            .tie(2, 1, Action::Assault)
            .certainty(Certainty::Alleged)
            .id();
        assert_eq!(strike, ClaimId(2));
        let c = &s.claims()[2];
        assert_eq!(
            (c.from, c.target, c.certainty, c.seq, c.mutual),
            (
                ActorId(2),
                Target::Actor(ActorId(1)),
                Certainty::Alleged,
                3,
                false
            )
        );
        let g = s.graph();
        assert_eq!(g.edge_count(), 2);
        let coop = g
            .find(ActorId(1), ActorId(0), RelationKind::Cooperation)
            .unwrap();
        assert_eq!(g.claims(g.edge(coop)), &[ClaimId(0), ClaimId(1)]);
        let conflict = g.edge(
            g.find(ActorId(1), ActorId(2), RelationKind::Conflict)
                .unwrap(),
        );
        assert_eq!(conflict.best, Certainty::Alleged);
    }

    #[test]
    fn ties_take_approximate_dates_in_their_written_forms() {
        let mut s = Sketch::new(3, &[]);
        for date in ["before 2024-12", "after 2025-07", "2011/2024", "unknown"] {
            s.tie(0, 1, Action::Agree).date(date);
        }
        let dates: Vec<String> = s.claims().iter().map(|c| c.date.to_string()).collect();
        assert_eq!(
            dates,
            ["before 2024-12", "after 2025-07", "2011/2024", "unknown"]
        );
    }

    #[test]
    fn a_mediation_links_the_mediator_to_each_party() {
        let mut s = Sketch::new(3, &[]);
        s.mediation(2, 0, 1).date("2025-06-01");
        assert_eq!(s.claims()[0].date.to_string(), "2025-06-01");
        let g = s.graph();
        assert_eq!(g.edge_count(), 2);
        assert!(g
            .find(ActorId(2), ActorId(0), RelationKind::Mediation)
            .is_some());
        assert!(g
            .find(ActorId(2), ActorId(1), RelationKind::Mediation)
            .is_some());
        assert!(g.between(ActorId(0), ActorId(1)).is_empty());
    }

    #[test]
    fn adding_a_tie_after_reading_the_graph_rebuilds_it() {
        let mut s = Sketch::new(3, &[(0, 1, Action::Consult)]);
        assert_eq!(s.graph().edge_count(), 1);
        s.tie(1, 2, Action::Consult).mutual();
        assert_eq!(s.net().graph.edge_count(), 2);
        assert!(s.claims()[1].mutual);
    }

    #[test]
    #[should_panic(expected = "actor 3 is not one of the sketch's 3 actors")]
    fn an_actor_out_of_range_is_named() {
        Sketch::new(3, &[(0, 3, Action::Consult)]);
    }

    #[test]
    #[should_panic(expected = "the mediator is a party")]
    fn a_mediator_cannot_be_a_party() {
        Sketch::new(3, &[]).mediation(0, 0, 1);
    }

    #[test]
    #[should_panic(expected = "use Sketch::mediation")]
    fn a_mediation_cannot_be_a_plain_tie() {
        Sketch::new(3, &[(0, 1, Action::Mediate)]);
    }

    #[test]
    fn parents_make_the_hierarchy_and_setting_one_rebuilds_it() {
        let mut s = Sketch::new(4, &[]);
        s.part_of(1, 0).part_of(2, 1);
        assert_eq!(s.tree().top(ActorId(2)), ActorId(0));
        s.part_of(3, 0);
        assert_eq!(
            s.net().tree.descendants(ActorId(0)),
            [ActorId(1), ActorId(2), ActorId(3)]
        );
    }

    #[test]
    #[should_panic(expected = "2 part of 0: would make a cycle of parents")]
    fn a_sketch_refuses_a_cycle_of_parents() {
        let mut s = Sketch::new(3, &[]);
        s.part_of(0, 1).part_of(1, 2).part_of(2, 0);
    }

    #[test]
    #[should_panic(expected = "1 already has a parent")]
    fn an_actor_has_one_parent() {
        let mut s = Sketch::new(3, &[]);
        s.part_of(1, 0).part_of(1, 2);
    }

    #[test]
    #[should_panic(expected = "links an actor to itself")]
    fn a_tie_cannot_be_a_loop() {
        Sketch::new(3, &[(1, 1, Action::Consult)]);
    }
}
