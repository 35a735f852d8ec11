//! Documents: the check of one document entry, and of `documents.ron` as a whole (duplicate
//! ids, a file listed twice), including reading each document's text through the [`Source`].

use std::collections::HashMap;

use super::validate::{check_id, duplicate_id, Ids, Placer};
use super::{document_path, problem_kind, Parsed, ReadError, Role, Source};
use crate::error::{Finding, Problem, ProblemKind::*};
use crate::model::{Document, PartialDate};
use crate::store::locate::Seg;
use crate::store::DocumentRecord;

/// Checks one document entry: the spelling of its id, a non-empty title, and its date.
///
/// Whether its file exists and is listed once, and whether its id is unique, are checked when a
/// whole `documents.ron` is loaded.
pub fn check_document(rec: &DocumentRecord) -> Vec<Finding> {
    document(rec).0
}

/// The findings about one entry, and its date when that is valid.
fn document(rec: &DocumentRecord) -> (Vec<Finding>, Option<PartialDate>) {
    let mut out: Vec<Finding> = check_id(&rec.id, "document").into_iter().collect();
    if rec.title.trim().is_empty() {
        out.push(
            Finding::new(
                EmptyField,
                format!("document '{}' has an empty title", rec.id),
            )
            .at("title"),
        );
    }
    let date = rec
        .date
        .as_ref()
        .and_then(|d| match d.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(e) => {
                out.push(Finding::new(BadDate, e.0).at("date"));
                None
            }
        });
    (out, date)
}

/// Checks `documents.ron`, reads every document's text, and builds the documents, their id
/// table, and which of them could be read (an unread document has an empty text, in which its
/// claims' quotes are not looked for).
pub(super) fn check_documents(
    src: &dyn Source,
    parsed: Parsed<Vec<DocumentRecord>>,
    problems: &mut Vec<Problem>,
) -> (Vec<Document>, Ids, Vec<bool>) {
    let Parsed { file, text, value } = parsed;
    let mut p = Placer::new(&file, &text, problems);
    let mut ids = Ids::default();
    let mut files: HashMap<String, usize> = HashMap::new();
    let mut docs = Vec::with_capacity(value.len());
    let mut read = Vec::with_capacity(value.len());
    for (i, rec) in value.iter().enumerate() {
        let record = [Seg::Index(i)];
        let (findings, date) = document(rec);
        p.extend(&record, findings);
        if let Some(first) = ids.insert(&rec.id, i) {
            let line = p.line(&[Seg::Index(first), Seg::Field("id")]);
            p.push(&record, duplicate_id("document", &rec.id, line));
        }
        let rel = document_path(&rec.file);
        if let Some(first) = files.insert(rel.clone(), i) {
            let message = format!(
                "'{}' is listed by two documents: '{}' and '{}'",
                rec.file, value[first].id, rec.id
            );
            p.push(
                &record,
                Finding::new(DuplicateFile, message)
                    .at("file")
                    .help("each source document is listed once"),
            );
        }
        let doc_text = match read_text(src, rec, &rel) {
            Ok(text) => {
                read.push(true);
                text
            }
            Err(finding) => {
                p.push(&record, finding);
                read.push(false);
                String::new()
            }
        };
        docs.push(Document {
            id: rec.id.clone(),
            file: rec.file.clone(),
            title: rec.title.clone(),
            author: rec.author.clone(),
            publisher: rec.publisher.clone(),
            date,
            genre: rec.genre,
            note: rec.note.clone(),
            text: doc_text,
        });
    }
    (docs, ids, read)
}

/// Reads a document's text (at `rel`, its normalised path), or says why it cannot, naming
/// the file as written and where it leads.
fn read_text(src: &dyn Source, rec: &DocumentRecord, rel: &str) -> Result<String, Finding> {
    let bytes = src.read(rel, Role::Document).map_err(|e| {
        let kind = problem_kind(&e);
        let message = match e {
            ReadError::NotFound => format!(
                "document file '{}' does not exist ({})",
                rec.file,
                src.display(rel)
            ),
            ref other => format!(
                "cannot read document file '{}' ({}): {other}",
                rec.file,
                src.display(rel)
            ),
        };
        let help = e
            .help()
            .unwrap_or_else(|| "document paths are relative to the database directory".into());
        Finding::new(kind, message).at("file").help(help)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Finding::new(
            Encoding,
            format!(
                "document file '{}' is not valid UTF-8 (byte {at})",
                rec.file
            ),
        )
        .at("file")
    })
}
