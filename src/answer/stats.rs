//! `stats`: counts, components and the most connected actors.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ActorRef, Cx};
use crate::graph::algo::Walker;
use crate::graph::{Direction, Filter};
use crate::model::ActorId;

#[derive(Clone, Debug, Serialize)]
pub struct StatsAnswer {
    pub actors: usize,
    pub documents: usize,
    pub claims: usize,
    pub edges: usize,
    pub actors_by_kind: BTreeMap<String, usize>,
    pub claims_by_kind: BTreeMap<String, usize>,
    pub claims_by_certainty: BTreeMap<String, usize>,
    pub claims_by_document: BTreeMap<String, usize>,
    pub components: usize,
    pub largest_component: usize,
    /// The most connected actors, most relations first.
    pub most_connected: Vec<Connected>,
}

/// An actor among the most connected, with its relations (edges) and the claims on them.
#[derive(Clone, Debug, Serialize)]
pub struct Connected {
    pub actor: ActorRef,
    pub relations: usize,
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
        let filter = Filter::default();
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
