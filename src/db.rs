//! The database: a validated model together with the structures built over it — the graph
//! and the name index — and the roll-up of people and components to their principals.
//!
//! This module sits above [`crate::model`], [`crate::graph`] and [`crate::names`] and joins
//! them; none of those imports it, so each can be used and tested on its own. It does no I/O
//! (the loader and the snapshot build a [`Database`]; nothing here reads a file) and it does no
//! checking: `Database::new`, which only the loader calls, trusts that its parts were validated.

use crate::graph::{Hierarchy, Net, RelGraph};
use crate::model::{Actor, ActorId, Claim, ClaimId, DocId, Document, Quote};
use crate::names::NameIndex;

/// The whole validated database, with its graph and name index.
#[derive(Debug)]
pub struct Database {
    /// Every actor, in `actors.ron` order; [`ActorId`] indexes it.
    pub actors: Vec<Actor>,
    /// Every document, in `documents.ron` order; [`DocId`] indexes it.
    pub documents: Vec<Document>,
    /// Claims grouped by document (in [`Database::documents`] order), each group in file order.
    pub claims: Vec<Claim>,
    /// The relationship graph over the actors: one edge per (pair of actors, relation kind), each
    /// holding the ids of its claims.
    pub graph: RelGraph,
    /// Who belongs to whom ([`Actor::parent`]), laid out for traversals to roll up by.
    pub tree: Hierarchy,
    /// Resolves what users type (ids, names and aliases, ignoring case and diacritics) to actors.
    pub names: NameIndex,
    /// What loading each dataset of `datasets.ron` found, in its order.
    pub datasets: Vec<crate::dataset::Report>,
}

impl Database {
    /// Assembles a validated database: builds its graph and its hierarchy.
    /// The loader is the only caller; its checks are what make the parts valid.
    pub(crate) fn new(
        actors: Vec<Actor>,
        documents: Vec<Document>,
        claims: Vec<Claim>,
        names: NameIndex,
        datasets: Vec<crate::dataset::Report>,
    ) -> Database {
        let graph = RelGraph::build(actors.len(), &claims);
        let tree = Hierarchy::new(actors.iter().map(Actor::parent).collect());
        Database {
            actors,
            documents,
            claims,
            graph,
            tree,
            names,
            datasets,
        }
    }

    /// The actors that roll up to `x`, `x` first: its components, the people who act for it,
    /// and theirs. `O(size of the family)`.
    pub fn family(&self, x: ActorId) -> Vec<ActorId> {
        self.tree.subtree(x).to_vec()
    }

    /// The actor behind an id. An id from this database always indexes; one from another may panic.
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }
    /// The document behind an id. An id from this database always indexes; one from another may
    /// panic.
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id.index()]
    }
    /// The claim behind an id. An id from this database always indexes; one from another may panic.
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

    /// Which piece of evidence a claim rests on: its document and the start of the sentence
    /// its quote begins in. Claims coded from one sentence share a key, so counting distinct
    /// keys counts evidence, not how finely a sentence was coded. `O(sentence length)`.
    pub fn evidence_key(&self, c: &Claim) -> (DocId, u32) {
        // A dataset claim's evidence is its row, whatever full stops the row holds.
        if let (Some(_), Quote::Span { start, .. }) = (&c.coded, &c.quote) {
            return (c.doc, *start);
        }
        let text = &self.document(c.doc).text;
        let at = match &c.quote {
            Quote::Span { start, .. } => *start as usize,
            Quote::Text(q) => match crate::text::locate_quote(text, q) {
                Some(r) => r.start,
                // The loader found the quote, so this does not happen; a key of its own keeps
                // such a claim counted once rather than merged with another.
                None => return (c.doc, u32::MAX),
            },
        };
        (c.doc, crate::text::sentence_start(text, at) as u32)
    }

    /// What some claims amount to as evidence: how many claims, distinct sentences and
    /// documents, and a weight that counts each sentence once at the firmest certainty any of
    /// its claims has (so one sentence coded as five claims weighs what one claim does).
    pub fn support(&self, claims: &[ClaimId]) -> Support {
        let mut keys: Vec<((DocId, u32), u8)> = claims
            .iter()
            .map(|&id| {
                let c = self.claim(id);
                (self.evidence_key(c), c.certainty.rank())
            })
            .collect();
        keys.sort_unstable();
        let mut docs: Vec<DocId> = keys.iter().map(|(k, _)| k.0).collect();
        docs.dedup();
        let mut quotes = 0;
        let mut weight = 0.0;
        let mut i = 0;
        while i < keys.len() {
            let mut j = i;
            let mut best = keys[i].1;
            while j < keys.len() && keys[j].0 == keys[i].0 {
                best = best.max(keys[j].1);
                j += 1;
            }
            quotes += 1;
            weight += crate::model::Certainty::ALL
                .iter()
                .find(|c| c.rank() == best)
                .map_or(0.0, |c| c.weight());
            i = j;
        }
        Support {
            claims: claims.len(),
            quotes,
            documents: docs.len(),
            weight,
        }
    }

    /// What graph algorithms read: the graph and the claims behind its edges.
    /// What graph algorithms read: the graph, the claims behind its edges and the hierarchy.
    pub fn net(&self) -> Net<'_> {
        Net {
            graph: &self.graph,
            claims: &self.claims,
            tree: &self.tree,
        }
    }

    /// The ids of the claims that are evidence, in database order: a retracted claim is left
    /// out (it stays in [`Database::claims`], so that `cite` finds it and citations do not move).
    pub fn claim_ids(&self) -> impl Iterator<Item = ClaimId> + '_ {
        (0..self.claims.len() as u32)
            .map(ClaimId)
            .filter(|c| !self.claims[c.index()].retracted)
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
        self.tree.top(id)
    }

    /// A label for an actor, e.g. `Hakan Fidan`.
    pub fn name(&self, id: ActorId) -> &str {
        &self.actor(id).name
    }
}

/// Claims counted as evidence: see [`Database::support`].
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Support {
    /// Claim records.
    pub claims: usize,
    /// Distinct sentences of the documents the claims quote.
    pub quotes: usize,
    /// Distinct documents.
    pub documents: usize,
    /// Each distinct sentence weighted once by the firmest certainty among its claims
    /// (stated 1.0, reported 0.8, alleged 0.5, opinion 0.4, speculative 0.25).
    #[serde(skip)]
    pub weight: f64,
}
