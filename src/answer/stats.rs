//! `stats`: counts, components and the most connected actors.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ActorRef, Cx};
use crate::graph::algo::Walker;
use crate::graph::{Direction, Filter};
use crate::model::ActorId;

/// The answer to `stats`: counts over the whole database, unfiltered.
#[derive(Clone, Debug, Serialize)]
pub struct StatsAnswer {
    /// How many actors the database holds, of every kind.
    pub actors: usize,
    /// How many source documents the database holds, with or without claims.
    pub documents: usize,
    /// How many claims the database holds, over all documents.
    pub claims: usize,
    /// How many relations (graph edges): one per pair of actors and kind with claims. A mediation
    /// claim makes two, mediator to each party.
    pub edges: usize,
    /// Actors per kind, keyed by the kind's snake-case name (`armed_group`); kinds with no actors
    /// are absent.
    pub actors_by_kind: BTreeMap<String, usize>,
    /// Claims per relation kind, keyed `cooperation`, `conflict`, `mediation`; absent kinds have
    /// none.
    pub claims_by_kind: BTreeMap<String, usize>,
    /// Claims per certainty level, keyed `stated`, `reported`, ...; absent levels have none.
    pub claims_by_certainty: BTreeMap<String, usize>,
    /// Claims per document, keyed by document id; documents without claims are absent.
    pub claims_by_document: BTreeMap<String, usize>,
    /// How many connected components the graph has, counting every edge whatever its direction; an
    /// actor without relations is a component of its own.
    pub components: usize,
    /// How many actors the largest connected component holds.
    pub largest_component: usize,
    /// The most connected actors, at most ten: most relations first, then most claims, then
    /// lower id.
    pub most_connected: Vec<Connected>,
}

/// An actor among the most connected, with its relations (edges) and the claims on them.
#[derive(Clone, Debug, Serialize)]
pub struct Connected {
    /// One of the most connected actors.
    pub actor: ActorRef,
    /// How many relations (edges) it has: one per counterpart and kind.
    pub relations: usize,
    /// The claims on those relations, summed over them; a mediator's mediation claim counts once
    /// per party.
    pub claims: usize,
}

impl Cx<'_> {
    pub(super) fn stats(&self) -> StatsAnswer {
        let db = self.db;
        let mut actors_by_kind = BTreeMap::new();
        for a in &db.actors {
            *actors_by_kind
                .entry(a.kind.as_str().to_string())
                .or_insert(0) += 1;
        }
        let mut claims_by_kind = BTreeMap::new();
        let mut claims_by_certainty = BTreeMap::new();
        let mut claims_by_document = BTreeMap::new();
        for c in &db.claims {
            *claims_by_kind
                .entry(c.kind().as_str().to_string())
                .or_insert(0) += 1;
            *claims_by_certainty
                .entry(c.certainty.as_str().to_string())
                .or_insert(0) += 1;
            *claims_by_document
                .entry(db.document(c.doc).id.clone())
                .or_insert(0) += 1;
        }
        let filter = Filter {
            rollup: false,
            ..Filter::default()
        };
        let w = Walker::new(db.net(), &filter);
        let mut seen = vec![false; db.actors.len()];
        let (mut components, mut largest) = (0, 0);
        for a in db.actor_ids() {
            if seen[a.index()] {
                continue;
            }
            components += 1;
            let members = w.neighborhood(a, usize::MAX, Direction::Both);
            seen[a.index()] = true;
            for r in &members {
                seen[r.actor.index()] = true;
            }
            largest = largest.max(members.len() + 1);
        }
        let mut degree: Vec<(ActorId, usize, usize)> = db
            .actor_ids()
            .map(|a| {
                let links: Vec<_> = db.graph.links(a).collect();
                (
                    a,
                    links.len(),
                    links.iter().map(|l| l.data.claim_count()).sum(),
                )
            })
            .collect();
        degree.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
        StatsAnswer {
            actors: db.actors.len(),
            documents: db.documents.len(),
            claims: db.claims.len(),
            edges: db.graph.edge_count(),
            actors_by_kind,
            claims_by_kind,
            claims_by_certainty,
            claims_by_document,
            components,
            largest_component: largest,
            most_connected: degree
                .into_iter()
                .take(10)
                .map(|(a, relations, claims)| Connected {
                    actor: self.actor_ref(a),
                    relations,
                    claims,
                })
                .collect(),
        }
    }
}
