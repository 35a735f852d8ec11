//! Loading and validating a database: RON records in, a [`Database`] or *every* problem out.
//!
//! The loader never stops at the first problem. It parses every file it can, checks every
//! record, and collects what is wrong (unknown ids with suggestions, duplicates, colliding
//! aliases, quotes missing from their documents, malformed dates, bad mediations) with file,
//! line and column, so one run of `dyad check` shows a curator the whole list.
//!
//! The rules live with their kind of record: [`check_actor`], [`check_document`] and
//! [`check_claim`] check one record against the tables it refers to and return [`Finding`]s
//! with paths inside the record; the loader runs them over every record of every file, adds the
//! rules that need a whole file (duplicates, colliding names, loops, misnamed files), and places
//! each finding at its file, line and column. An importer or editor checks a record with the
//! same functions, so there is one copy of every rule.
//!
//! - `source`: where files come from ([`Source`]: a directory, or the built-in seed database).
//! - `validate`: what the kinds share: the id table [`Ids`], the id rules, placing findings.
//! - `actors`, `documents`, `claims`: one kind of record each.
//! - `records`: the inverse, [`to_records`], from a database back to its records.
//!
//! Files come from a [`Source`]; loading does no other I/O and never writes.

mod actors;
mod claims;
mod documents;
mod records;
mod source;
mod validate;

use std::io;
use std::path::PathBuf;

use crate::db::Database;
pub use crate::error::Finding;
use crate::error::{LoadError, Problem, ProblemKind};
use crate::store::locate::Pos;
use crate::store::{self, ActorRecord, ClaimsFileRecord, DocumentRecord};

pub use actors::check_actor;
pub use claims::check_claim;
pub use documents::check_document;
pub use records::to_records;
pub use source::{DirSource, EmbeddedSource, Source};
pub use validate::Ids;

/// Loads the built-in seed database.
pub fn load_embedded() -> Result<Database, LoadError> {
    load(&EmbeddedSource)
}

/// Loads a database directory.
pub fn load_dir(root: impl Into<PathBuf>) -> Result<Database, LoadError> {
    load(&DirSource::new(root))
}

/// Loads and validates a database, reporting every problem at once.
pub fn load(src: &dyn Source) -> Result<Database, LoadError> {
    let mut problems = Vec::new();
    let db = run(src, &mut problems);
    if problems.is_empty() {
        Ok(db.expect("a database when there are no problems"))
    } else {
        problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
        problems.dedup();
        Err(LoadError { problems })
    }
}

/// A parsed file: its display name, text, and value.
struct Parsed<T> {
    file: String,
    text: String,
    value: T,
}

/// Reads a file as UTF-8 text and parses it, or says what went wrong. A free function so that
/// parser threads can call it.
fn read_and_parse<T: for<'de> serde::Deserialize<'de>>(
    src: &dyn Source,
    rel: &str,
) -> Result<Parsed<T>, Problem> {
    let file = src.display(rel);
    let bytes = match src.read(rel) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Problem::new(
                ProblemKind::MissingFile,
                file,
                "the file does not exist",
            ))
        }
        Err(e) => {
            return Err(Problem::new(
                ProblemKind::Io,
                file,
                format!("cannot read: {e}"),
            ))
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
            let message = format!("the file is not valid UTF-8 (byte {at})");
            let problem = Problem::new(ProblemKind::Encoding, file, message);
            return Err(problem
                .at(Pos::of_offset(&valid, at))
                .help("save the file as UTF-8"));
        }
    };
    match store::parse::<T>(&text) {
        Ok(value) => Ok(Parsed { file, text, value }),
        Err(e) => {
            let pos = Pos {
                line: e.line,
                col: e.col,
            };
            Err(Problem::new(ProblemKind::Syntax, file, e.message).at(pos))
        }
    }
}

/// Reads and parses a file, or records why it cannot.
fn parse<T: for<'de> serde::Deserialize<'de>>(
    src: &dyn Source,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<Parsed<T>> {
    read_and_parse(src, rel).map_err(|p| problems.push(p)).ok()
}

/// Reads, parses and checks every file, collecting problems; the database when there are none.
fn run(src: &dyn Source, problems: &mut Vec<Problem>) -> Option<Database> {
    let claim_files = src.claims_files().unwrap_or_else(|e| {
        let message = format!("cannot list: {e}");
        problems.push(Problem::new(
            ProblemKind::Io,
            src.display("claims"),
            message,
        ));
        Vec::new()
    });
    // Claims files are parsed (the larger half of the work) on worker threads that start at
    // once, while this thread reads actors and documents; checking stays on this thread, in
    // file order. Each file's records are dropped once checked, and a worker waits when it is a
    // few files ahead, so memory stays flat however large the database.
    let mut claims = Vec::new();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(claim_files.len().max(1));
    let (actors, documents) = std::thread::scope(|scope| {
        let mut receivers = Vec::new();
        for w in 0..workers {
            let (tx, rx) = std::sync::mpsc::sync_channel(8);
            receivers.push(rx);
            let files = &claim_files;
            scope.spawn(move || {
                for rel in files.iter().skip(w).step_by(workers) {
                    if tx
                        .send(read_and_parse::<ClaimsFileRecord>(src, rel))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        let actors = parse::<Vec<ActorRecord>>(src, "actors.ron", problems)
            .map(|a| actors::check_actors(a, problems));
        let documents = parse::<Vec<DocumentRecord>>(src, "documents.ron", problems)
            .map(|d| documents::check_documents(src, d, problems));
        let actor_ids = actors.as_ref().map(|(_, ids, _)| ids);
        let docs = documents.as_ref().map(|(d, ids)| (d.as_slice(), ids));
        for i in 0..claim_files.len() {
            match receivers[i % workers]
                .recv()
                .expect("each worker sends one result per file")
            {
                Ok(file) => claims::check_claims(&file, actor_ids, docs, &mut claims, problems),
                Err(problem) => problems.push(problem),
            }
        }
        (actors, documents)
    });

    let (actors, _, names) = actors?;
    let (documents, _) = documents?;
    if !problems.is_empty() {
        return None;
    }
    Some(Database::new(actors, documents, claims, names))
}
