//! The database: a validated model together with the structures built over it — the graph
//! and the name index — and the roll-up of people and components to their principals.
//!
//! This module sits above [`crate::model`], [`crate::graph`] and [`crate::names`] and joins
//! them; none of those imports it, so each can be used and tested on its own. It does no I/O
//! (the loader and the snapshot build a [`Database`]; nothing here reads a file) and it does no
//! checking: [`Database::new`] trusts that its parts were validated by the loader.

use crate::graph::{Hierarchy, Net, RelGraph};
use crate::model::{Actor, ActorId, Claim, ClaimId, DocId, Document, Quote};
use crate::names::NameIndex;

/// The whole validated database, with its graph and name index.
#[derive(Debug)]
pub struct Database {
    pub actors: Vec<Actor>,
    pub documents: Vec<Document>,
    /// Claims grouped by document (in [`Database::documents`] order), each group in file order.
    pub claims: Vec<Claim>,
    pub graph: RelGraph,
    /// Who belongs to whom ([`Actor::parent`]), laid out for traversals to roll up by.
    pub tree: Hierarchy,
    pub names: NameIndex,
    /// For each actor, the actors whose `part_of` or `acts_for` names it.
    members: Vec<Vec<ActorId>>,
}

impl Database {
    /// Assembles a validated database: builds its graph, its hierarchy and the roll-up index.
    /// The loader is the only caller; its checks are what make the parts valid.
    pub(crate) fn new(
        actors: Vec<Actor>,
        documents: Vec<Document>,
        claims: Vec<Claim>,
        names: NameIndex,
    ) -> Database {
        let graph = RelGraph::build(actors.len(), &claims);
        let tree = Hierarchy::new(actors.iter().map(Actor::parent).collect());
        let mut members = vec![Vec::new(); actors.len()];
        for (i, a) in actors.iter().enumerate() {
            if let Some(up) = a.parent() {
                members[up.index()].push(ActorId(i as u32));
            }
        }
        Database {
            actors,
            documents,
            claims,
            graph,
            tree,
            names,
            members,
        }
    }

    /// The actors that roll up to `x`, `x` first: its components, the people who act for it,
    /// and theirs, in breadth-first order. `O(size of the family)`.
    pub fn family(&self, x: ActorId) -> Vec<ActorId> {
        let mut out = vec![x];
        let mut i = 0;
        while i < out.len() {
            let next = out[i];
            out.extend(self.members[next.index()].iter().copied());
            i += 1;
        }
        out
    }

    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.index()]
    }
    pub fn claim(&self, id: ClaimId) -> &Claim {
        &self.claims[id.index()]
    }

    /// A claim's quote, as written in its claims file.
    pub fn quote<'a>(&'a self, c: &'a Claim) -> &'a str {
        match &c.quote {
            Quote::Span { start, len } => {
                let text = &self.document(c.doc).text;
                &text[*start as usize..(*start + *len) as usize]
            }
            Quote::Text(t) => t,
        }
    }

    /// What graph algorithms read: the graph, the claims behind its edges and the hierarchy.
    pub fn net(&self) -> Net<'_> {
        Net {
            graph: &self.graph,
            claims: &self.claims,
            tree: &self.tree,
        }
    }

    /// All claim ids, in database order.
    pub fn claim_ids(&self) -> impl Iterator<Item = ClaimId> {
        (0..self.claims.len() as u32).map(ClaimId)
    }

    /// All actor ids, in database order.
    pub fn actor_ids(&self) -> impl Iterator<Item = ActorId> {
        (0..self.actors.len() as u32).map(ActorId)
    }

    /// The actor `id` rolls up to: following [`Actor::parent`] links to the top.
    ///
    /// Hakan Fidan rolls up to Turkey; the YPG rolls up to the SDF; Siamand Afrin (acts for the
    /// Asayish, part of the SDF) rolls up to the SDF. The loader rejects cycles, so this ends.
    pub fn principal(&self, id: ActorId) -> ActorId {
        let mut cur = id;
        loop {
            match self.actor(cur).parent() {
                Some(next) => cur = next,
                None => return cur,
            }
        }
    }

    /// A label for an actor, e.g. `Hakan Fidan`.
    pub fn name(&self, id: ActorId) -> &str {
        &self.actor(id).name
    }
}
