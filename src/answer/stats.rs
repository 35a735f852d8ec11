//! `stats`: counts, components and the most connected actors.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ActorRef, Cx};
use crate::cancel::Stopped;
use crate::graph::Direction;
use crate::model::ActorId;
use crate::query::Opts;

/// The answer to `stats`: counts over the whole database, unfiltered.
#[derive(Clone, Debug, Serialize)]
pub struct StatsAnswer {
    /// How many actors the database holds, of every kind.
    pub actors: usize,
    /// How many source documents the database holds, with or without claims.
    pub documents: usize,
    /// How many claims the database holds, over all documents, retracted ones left out. A
    /// claim made from a dataset is one event, however many rows report it.
    pub claims: usize,
    /// How many claims a curator retracted: kept for their citations, counted nowhere else.
    pub retracted: usize,
    /// How many reports back the claims: one per curated claim, and for a dataset claim every
    /// row that reports its event (repeats and Mentions rows included).
    pub reports: usize,
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
    /// How many actors remain once people and components roll up (all of them with
    /// `rollup off`): the nodes the components and rankings count.
    pub nodes: usize,
    /// How many connected components the rolled-up graph has, counting every edge whatever its
    /// direction; a node without relations is a component of its own.
    pub components: usize,
    /// How many nodes the largest connected component holds.
    pub largest_component: usize,
    /// The most connected nodes, at most ten: most distinct neighbours first, then most claims,
    /// then lower id.
    pub most_connected: Vec<Connected>,
    /// Each dataset of `datasets.ron`: what its load found. Absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<DatasetStats>,
}

/// What one dataset contributed, as its load counted it.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetStats {
    /// The dataset's id (its document's).
    pub id: String,
    /// Its format, e.g. `icews`.
    pub format: String,
    /// The file, as `datasets.ron` names it.
    pub file: String,
    /// Data rows read from the file.
    pub rows: u32,
    /// Claims made: one per event.
    pub events: u32,
    /// Events by relation kind, keyed `cooperation`, `conflict`, `mediation`; absent kinds have
    /// none.
    pub events_by_kind: BTreeMap<String, u32>,
    /// Rows and Mentions rows that report the events (at least one per event).
    pub reports: u32,
    /// Mediations whose other side no row of their story names.
    pub one_sided_mediations: u32,
    /// Distinct existing actors its parties matched.
    pub actors_matched: u32,
    /// Actors created for its parties.
    pub actors_created: u32,
    /// Rows skipped, by reason (`no_target`, `date`, …), over its files; absent reasons have
    /// none.
    pub skipped: BTreeMap<String, u32>,
}

/// An actor among the most connected, with its relations (edges) and the claims on them.
#[derive(Clone, Debug, Serialize)]
pub struct Connected {
    /// One of the most connected actors.
    pub actor: ActorRef,
    /// How many distinct neighbours it has.
    pub relations: usize,
    /// How many distinct claims tie it (or who rolls up to it) to others.
    pub claims: usize,
}

impl Cx<'_> {
    pub(super) fn stats(&self, opts: &Opts) -> Result<StatsAnswer, Stopped> {
        let db = self.db;
        let mut ticker = self.ticker();
        let mut actors_by_kind = BTreeMap::new();
        for a in &db.actors {
            *actors_by_kind
                .entry(a.kind.as_str().to_string())
                .or_insert(0) += 1;
        }
        let mut claims_by_kind = BTreeMap::new();
        let mut claims_by_certainty = BTreeMap::new();
        let mut claims_by_document = BTreeMap::new();
        let mut reports = 0;
        let mut retracted = 0;
        for c in &db.claims {
            ticker.tick()?;
            if c.retracted {
                retracted += 1;
                continue;
            }
            reports += 1 + c.coded.as_ref().map_or(0, |k| k.reports.len());
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
        let filter = self
            .filter(opts, &[])
            .expect("stats takes no names or dates that could fail");
        let w = self.walker(&filter);
        let nodes: Vec<ActorId> = w.nodes().collect();
        let mut seen = vec![false; db.actors.len()];
        let (mut components, mut largest) = (0, 0);
        for &a in &nodes {
            if seen[a.index()] {
                continue;
            }
            components += 1;
            let reached = w.neighborhood(a, usize::MAX, Direction::Both)?;
            seen[a.index()] = true;
            for r in &reached {
                seen[r.actor.index()] = true;
            }
            largest = largest.max(reached.len() + 1);
        }
        let degrees = w.degrees();
        let mut degree: Vec<(ActorId, usize, usize)> = Vec::with_capacity(nodes.len());
        for &a in &nodes {
            ticker.tick()?;
            let members: Vec<ActorId> = w.members(a).collect();
            // Claims that tie the group to another group (internal ones do not connect it).
            let claims = self
                .claims_at(&members)
                .into_iter()
                .filter(|c| {
                    let c = db.claim(*c);
                    c.links().any(|(x, y)| w.rep(x) != w.rep(y))
                })
                .count();
            degree.push((a, degrees[a.index()], claims));
        }
        degree.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
        Ok(StatsAnswer {
            actors: db.actors.len(),
            documents: db.documents.len(),
            claims: db.claims.len() - retracted,
            retracted,
            reports,
            edges: db.graph.edge_count(),
            actors_by_kind,
            claims_by_kind,
            claims_by_certainty,
            claims_by_document,
            nodes: nodes.len(),
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
            datasets: db
                .datasets
                .iter()
                .map(|d| DatasetStats {
                    id: d.id.clone(),
                    format: d.format.as_str().to_string(),
                    file: d.files.first().map_or_else(String::new, |f| f.file.clone()),
                    rows: d.files.first().map_or(0, |f| f.rows),
                    events: d.events(),
                    events_by_kind: crate::model::RelationKind::ALL
                        .iter()
                        .zip(d.kinds)
                        .filter(|(_, n)| *n > 0)
                        .map(|(k, n)| (k.as_str().to_string(), n))
                        .collect(),
                    reports: d.events() + d.extra_reports,
                    one_sided_mediations: d.one_sided_mediations,
                    actors_matched: d.actors_matched,
                    actors_created: d.actors_created,
                    skipped: {
                        let mut m = BTreeMap::new();
                        for (r, n) in d.files.iter().flat_map(|f| &f.skipped) {
                            *m.entry(r.as_str().to_string()).or_insert(0) += n;
                        }
                        m
                    },
                })
                .collect(),
        })
    }
}
