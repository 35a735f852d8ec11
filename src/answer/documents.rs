//! `documents`: the sources behind the database, each with what it contributes.

use serde::Serialize;

use super::Cx;
use crate::model::{Genre, RelationKind};
use crate::query::Opts;

/// How many documents `documents` lists unless `limit` says otherwise.
pub const DEFAULT_DOCUMENTS: usize = 50;

/// The answer to `documents`: every source document, in database order.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentsAnswer {
    /// The documents, in the order `documents.ron` lists them (datasets after them, in
    /// `datasets.ron` order), at most `limit N` of them.
    pub documents: Vec<DocumentView>,
    /// How many documents passed the filter, listed or not.
    pub total: usize,
}

/// One source document as answers show it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// The document's id, the part of a citation before `#`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who wrote it, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Who published it, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Its date as the text gives it, where it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `news`, `analysis` or `opinion`.
    pub genre: Genre,
    /// The text's file, as `documents.ron` names it.
    pub file: String,
    /// How many claims cite it.
    pub claims: usize,
    /// Its claims by kind: cooperation, conflict, mediation (all three, zeros included).
    pub by_kind: Vec<KindClaims>,
    /// How many distinct actors its claims involve.
    pub actors: usize,
}

/// A number of claims of one kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindClaims {
    /// The relation kind.
    pub kind: RelationKind,
    /// How many claims of that kind.
    pub claims: usize,
}

impl Cx<'_> {
    pub(super) fn documents(&self, opts: &Opts) -> DocumentsAnswer {
        let db = self.db;
        let wanted = |g: Genre| opts.genres.as_ref().is_none_or(|gs| gs.contains(&g));
        let n = db.documents.len();
        let mut claims = vec![0usize; n];
        let mut kinds = vec![[0usize; 3]; n];
        let mut actors: Vec<Vec<u32>> = vec![Vec::new(); n];
        for c in db.claims.iter().filter(|c| !c.retracted) {
            let d = c.doc.index();
            claims[d] += 1;
            kinds[d][c.kind() as usize] += 1;
            actors[d].push(c.from.0);
            match c.target {
                crate::model::Target::Actor(t) => actors[d].push(t.0),
                crate::model::Target::Between(a, b) => actors[d].extend([a.0, b.0]),
            }
        }
        let documents = db
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| wanted(d.genre))
            .map(|(i, d)| {
                let mut ids = std::mem::take(&mut actors[i]);
                ids.sort_unstable();
                ids.dedup();
                DocumentView {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    author: d.author.clone(),
                    publisher: d.publisher.clone(),
                    date: d.date.map(|x| x.to_string()),
                    genre: d.genre,
                    file: d.file.clone(),
                    claims: claims[i],
                    by_kind: RelationKind::ALL
                        .iter()
                        .map(|k| KindClaims {
                            kind: *k,
                            claims: kinds[i][*k as usize],
                        })
                        .collect(),
                    actors: ids.len(),
                }
            })
            .collect::<Vec<_>>();
        let total = documents.len();
        let mut documents = documents;
        documents.truncate(opts.cap(DEFAULT_DOCUMENTS));
        DocumentsAnswer { documents, total }
    }
}
