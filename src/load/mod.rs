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
//! - `source`: where files come from ([`Source`]: a directory, or the built-in seed database),
//!   and the rules a directory is read under: regular files only, a size limit, and document
//!   files inside the database's root ([`DirSource`], [`ReadPolicy`]).
//! - `validate`: what the kinds share: the id table [`Ids`], the id rules, placing findings.
//! - `actors`, `documents`, `claims`: one kind of record each.
//! - `records`: the inverse, [`to_records`], from a database back to its records.
//!
//! Files come from a [`Source`]; loading does no other I/O and never writes.

mod actors;
mod claims;
mod datasets;
mod documents;
mod records;
mod source;
mod validate;

use std::path::PathBuf;

use crate::db::Database;
pub use crate::error::Finding;
use crate::error::{LoadError, Problem, ProblemKind};
use crate::store::locate::Pos;
use crate::store::{self, ActorRecord, ClaimsFileRecord, DocumentRecord};

pub use actors::check_actor;
pub use claims::check_claim;
pub use datasets::{check_dataset, ACTOR_MAP_FILE, DATASETS_FILE};
pub use documents::check_document;
pub use records::to_records;
pub use source::{
    human_size, DirSource, EmbeddedSource, Fetched, Listing, ReadError, ReadPolicy, Role, Source,
    DEFAULT_MAX_DATASET_SIZE, DEFAULT_MAX_FILE_SIZE, PROPOSED_SUFFIX,
};
pub use validate::Ids;

/// Loads the built-in seed database.
pub fn load_embedded() -> Result<Database, LoadError> {
    load(&EmbeddedSource)
}

/// Loads a database directory.
pub fn load_dir(root: impl Into<PathBuf>) -> Result<Database, LoadError> {
    load(&DirSource::new(root))
}

/// The name under which the loader reads a document whose `file:` is `file`: `.` and `..`
/// resolved lexically, relative to the database directory unless absolute. Two documents with
/// the same name are one file listed twice.
pub fn document_path(file: &str) -> String {
    source::normalize_rel(file)
}

/// Loads and validates a database, reporting every problem at once.
pub fn load(src: &dyn Source) -> Result<Database, LoadError> {
    load_with(src, &crate::progress::Silent)
}

/// Like [`load`], reporting its stages (parsing, each dataset, building the graph) to
/// `progress`.
pub fn load_with(
    src: &dyn Source,
    progress: &dyn crate::progress::Progress,
) -> Result<Database, LoadError> {
    let mut problems = Vec::new();
    progress.stage("reading the database", None);
    let db = run(src, progress, &mut problems);
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
    let bytes = src
        .read(rel, Role::Data)
        .map_err(|e| read_problem(&file, e))?;
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
    // Editors on Windows may start a UTF-8 file with a byte-order mark. It carries no meaning
    // in UTF-8, and an editor does not show it, so it is skipped rather than reported as a
    // syntax error at 1:1; positions then count from the first character a person sees.
    let text = match text.strip_prefix(BOM) {
        Some(rest) => rest.to_string(),
        None => text,
    };
    match store::parse::<T>(&text) {
        Ok(value) => Ok(Parsed { file, text, value }),
        Err(e) => {
            let pos = Pos {
                line: e.line,
                col: e.col,
            };
            let message = plain_message(&e.message);
            Err(Problem::new(ProblemKind::Syntax, file, message).at(pos))
        }
    }
}

/// The UTF-8 byte-order mark.
const BOM: char = '\u{feff}';

/// The problem of a database file that could not be read.
fn read_problem(file: &str, e: ReadError) -> Problem {
    let kind = problem_kind(&e);
    let help = e.help();
    let problem = Problem::new(kind, file, e.to_string());
    match help {
        Some(h) => problem.help(h),
        None => problem,
    }
}

/// The kind of problem a failed read is.
pub(super) fn problem_kind(e: &ReadError) -> ProblemKind {
    match e {
        ReadError::NotFound => ProblemKind::MissingFile,
        ReadError::NotAFile { .. } => ProblemKind::NotAFile,
        ReadError::TooLarge { .. } => ProblemKind::TooLarge,
        ReadError::OutsideRoot { .. } => ProblemKind::OutsideRoot,
        ReadError::Io(_) => ProblemKind::Io,
    }
}

/// The serde type names ron puts in its messages, each with what a curator calls it. The
/// records are dyad's internals; the person editing the file knows actors and claims.
const TYPE_NAMES: &[(&str, &str)] = &[
    ("ActorRecord", "an actor"),
    ("DocumentRecord", "a document"),
    ("ClaimsFileRecord", "a claims file"),
    ("ClaimRecord", "a claim"),
    ("ActorKind", "an actor's `kind`"),
    ("Genre", "a document's `genre`"),
    ("RelationKind", "a claim's `kind`"),
    ("Action", "a claim's `action`"),
    ("Certainty", "a claim's `certainty`"),
    ("DateSource", "a claim's `date_from`"),
];

/// ron's message with dyad's type names replaced by what they are to a curator:
/// "Unexpected missing field named `kind` in `ActorRecord`" becomes "… in an actor". Only a
/// type name in the places ron and serde put one is replaced, never a name the user wrote
/// (those follow "named").
fn plain_message(message: &str) -> String {
    let mut out = message.to_string();
    for (name, plain) in TYPE_NAMES {
        for lead in ["for struct ", "in enum ", "in ", "struct ", "enum "] {
            let with = match lead {
                "for struct " => format!("for {plain}"),
                "in enum " | "in " => format!("in {plain}"),
                _ => plain.to_string(),
            };
            out = out.replace(&format!("{lead}`{name}`"), &with);
            if lead != "in " {
                out = out.replace(&format!("{lead}{name}"), &with);
            }
        }
    }
    out
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
fn run(
    src: &dyn Source,
    progress: &dyn crate::progress::Progress,
    problems: &mut Vec<Problem>,
) -> Option<Database> {
    let listing = src.claims_files().unwrap_or_else(|e| {
        let message = format!("cannot list: {e}");
        problems.push(Problem::new(
            ProblemKind::Io,
            src.display("claims"),
            message,
        ));
        Listing::default()
    });
    // A name that is not UTF-8 cannot be a document id, and could not be named in a message
    // as it is; it is reported as what it is, not as a file that does not exist.
    for bad in &listing.bad_names {
        problems.push(
            Problem::new(
                ProblemKind::Encoding,
                src.display(bad),
                "the file name is not valid UTF-8",
            )
            .help("rename the file to claims/<document id>.ron"),
        );
    }
    let claim_files = listing.files;
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
        let docs = documents
            .as_ref()
            .map(|(d, ids, read)| (d.as_slice(), ids, read.as_slice()));
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

    let (mut actors, _, mut names) = actors?;
    let (mut documents, doc_ids, _) = documents?;
    if !problems.is_empty() {
        return None;
    }
    let first_doc = documents.len();
    let added = datasets::load(
        src,
        &mut actors,
        &mut names,
        &doc_ids,
        first_doc,
        progress,
        problems,
    );
    if !problems.is_empty() {
        return None;
    }
    documents.extend(added.documents);
    claims.extend(added.claims);
    progress.stage("building the graph", Some(claims.len() as u64));
    Some(Database::new(
        actors,
        documents,
        claims,
        names,
        added.reports,
    ))
}
