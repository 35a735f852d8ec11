//! The on-disk format: RON records, how they are read, and how they are written back.
//!
//! This is the only module that knows the file layout and the only one where serde meets the
//! database. Records here are *unvalidated*: ids are strings and dates are text. The loader
//! ([`crate::load()`]) turns them into the model and reports what is wrong with them;
//! [`crate::load::to_records`] is its inverse.
//!
//! A database directory holds:
//!
//! ```text
//! actors.ron            a list of actors
//! documents.ron         a list of source documents; `file` is relative to this directory
//! claims/<doc-id>.ron   the claims one document supports, in the order the text makes them
//! ```
//!
//! Reading uses ron with `implicit_some`, so `part_of: "sdf"` needs no `Some(..)`. Writing is
//! in [`write`]: the one canonical RON writer, used by `dyad fmt`, `dyad synth` and anything
//! else that produces database files. [`Comments`] are a file's comments attached to its records
//! and fields; the `*_with_comments` writers put them back beside those records wherever
//! canonical order moves them, so formatting never deletes a reviewer's note.
//!
//! Invariants: this module sits below the graph layer and must not know [`crate::Database`];
//! it sees records only. Its only file-system effects are [`save_dir`] and [`write_file`], and
//! those replace files through [`crate::atomic`], never in place.

mod comments;
mod lex;
pub mod locate;
mod write;

use std::io;
use std::path::Path;

use serde::Deserialize;

use crate::model::{Action, ActorKind, Certainty, DateSource, Genre, RelationKind};

pub use comments::{Anchor, Comment, CommentError, Comments, CommentsByFile, NoSuchSlot, Slot};
pub use write::{
    file_paths, quote, save, save_with_comments, write_actor, write_actors,
    write_actors_with_comments, write_claim, write_claims_file, write_claims_file_with_comments,
    write_document, write_documents, write_documents_with_comments, write_proposals_file,
    ACTOR_FIELDS, CLAIM_FIELDS,
};

/// An actor as written in `actors.ron`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    /// The actor's stable short id, e.g. `hakan_fidan`: lower-case letters, digits and `_`, unique
    /// in the file (the loader checks both). Claims and other actors refer to the actor by it.
    pub id: String,
    /// The display name, e.g. `Hakan Fidan`.
    pub name: String,
    /// What sort of actor it is, written in snake case: `state`, `armed_group`, `person`, ...
    pub kind: ActorKind,
    /// Other spellings sources use, e.g. `Fidan`; none when absent.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The id of the larger actor this one is a component of (the YPG is `part_of: "sdf"`), if any.
    #[serde(default)]
    pub part_of: Option<String>,
    /// The id of the actor this one acts for (a minister acts for a state), if any.
    #[serde(default)]
    pub acts_for: Option<String>,
    /// A sentence or two on who the actor is.
    #[serde(default)]
    pub description: Option<String>,
}

/// A document as written in `documents.ron`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// The document's stable short id, e.g. `iran_update`; its claims file is `claims/<id>.ron` and
    /// its claims are cited as `<id>#n`.
    pub id: String,
    /// Where the document's text is, relative to the database directory, e.g.
    /// `../seeds/003_6a97704ab6cb01de.txt`.
    pub file: String,
    /// The document's title; must not be empty.
    pub title: String,
    /// The author or authors, where known.
    #[serde(default)]
    pub author: Option<String>,
    /// The outlet or organisation that published it, e.g. `CTP-ISW`.
    #[serde(default)]
    pub publisher: Option<String>,
    /// The publication date as written, not yet parsed: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// What kind of writing the document is: `news`, `analysis` or `opinion`.
    pub genre: Genre,
    /// A curator's remark on the document, e.g. why its date is inferred.
    #[serde(default)]
    pub note: Option<String>,
}

/// A `claims/<doc>.ron` file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFileRecord {
    /// The id of the document whose claims the file holds; the file must be named
    /// `claims/<document>.ron`.
    pub document: String,
    /// The document's claims in the order its text makes them. A claim's 1-based position in this
    /// list is its citation number: the third is cited as `<document>#3`.
    pub claims: Vec<ClaimRecord>,
}

/// A claim as written in a claims file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// The id of the actor that acts; for a mediation, the mediator.
    pub from: String,
    /// For cooperation and conflict, the id of the other actor; absent for a mediation.
    #[serde(default)]
    pub to: Option<String>,
    /// The relation kind: `cooperation`, `conflict` or `mediation`. It must agree with the action's
    /// kind; writing it anyway keeps files readable and catches a wrong action.
    pub kind: RelationKind,
    /// For a mediation, the ids of the two parties (distinct, and neither the mediator); absent
    /// otherwise.
    #[serde(default)]
    pub between: Option<(String, String)>,
    /// What `from` did, from the action vocabulary, e.g. `CONSULT`.
    pub action: Action,
    /// `true` for a two-sided relation (talks, agreements); `false`, the default, when `from` acts
    /// on the other side.
    #[serde(default)]
    pub mutual: bool,
    /// Any written form of [`crate::model::EventDate`]: `2026-02`, `2011/2024`,
    /// `before 2024-12`, `after 2025-07`, `unknown`.
    pub date: String,
    /// `date_from: document` when the date is the document's, not the text's; omitted
    /// otherwise.
    #[serde(default)]
    pub date_from: DateSource,
    /// How firmly the document asserts the claim, e.g. `reported`.
    pub certainty: Certainty,
    /// The words of the document that support the claim, copied verbatim.
    pub quote: String,
    /// The curator's gloss on the claim, e.g. `Turkey carried the US message to Iran.`
    #[serde(default)]
    pub note: Option<String>,
    /// `retracted: true` withdraws the claim (`dyad retract` writes it, with the reason in the
    /// note): it keeps its place and citation number but is evidence for nothing. Omitted
    /// otherwise.
    #[serde(default)]
    pub retracted: bool,
}

/// Where a proposal stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not yet judged (or skipped).
    Pending,
    /// Accepted: the claim was appended to `claims/<doc>.ron`.
    Accepted,
    /// Rejected: `ingest` will not propose it again.
    Rejected,
}

impl Status {
    /// The status as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
        }
    }
}

/// A `claims/<doc>.proposed.ron` file: what `dyad ingest` proposed from a document, and what
/// review decided. The loader never reads it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProposalsFileRecord {
    /// The document the proposals were read from.
    pub document: String,
    /// The proposals, in the order of the text.
    pub proposals: Vec<ProposalRecord>,
    /// Recurring names in the text that name no actor.
    #[serde(default)]
    pub actors: Vec<ProposedActorRecord>,
}

/// One proposed claim.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProposalRecord {
    /// A hash of the proposal's actors, action and quote, by which a decision is remembered.
    pub key: String,
    /// Where it stands in review.
    pub status: Status,
    /// How sure the proposer was, 0 to 1.
    pub confidence: f32,
    /// The words that triggered it.
    pub cue: String,
    /// Why its fields are what they are.
    pub why: String,
    /// The claim, as it will be appended when accepted.
    pub claim: ClaimRecord,
}

/// A recurring name that names no actor.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProposedActorRecord {
    /// The name as first written.
    pub name: String,
    /// How often it occurs.
    pub count: usize,
    /// The line of its first occurrence.
    pub line: usize,
}

/// The path of a document's proposals file, relative to the database directory.
pub fn proposals_path(doc_id: &str) -> String {
    format!("claims/{doc_id}{}", ".proposed.ron")
}

/// A RON syntax or shape error, with where ron says it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line of the error.
    pub line: usize,
    /// The 1-based column of the error, in characters.
    pub col: usize,
    /// ron's description of the error, such as a missing or unknown field.
    pub message: String,
}

/// Parses RON text into a record type, with `implicit_some` on.
///
/// Never panics, whatever the input: the property test in `tests/check.rs` feeds it arbitrary
/// bytes.
pub fn parse<T: for<'de> Deserialize<'de>>(src: &str) -> Result<T, ParseError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(src)
        .map_err(|e| ParseError {
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// The canonical path of a document's claims file, relative to the database directory.
pub fn claims_path(doc_id: &str) -> String {
    format!("claims/{doc_id}.ron")
}

/// Every record of a database: what its RON files hold, in any order. [`save`] puts them in
/// canonical order as it writes them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// The actors of `actors.ron`.
    pub actors: Vec<ActorRecord>,
    /// The documents of `documents.ron`.
    pub documents: Vec<DocumentRecord>,
    /// One entry per claims file; documents without claims need none.
    pub claims: Vec<ClaimsFileRecord>,
}

impl ActorRecord {
    /// An actor with no aliases, links or description.
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ActorKind) -> ActorRecord {
        ActorRecord {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            part_of: None,
            acts_for: None,
            description: None,
        }
    }
}

/// The files of `records` whose canonical text differs from what `root` holds (or that `root`
/// lacks), as `(relative path, canonical text)` in [`save`]'s order: what `dyad fmt` would
/// rewrite.
pub fn changes(root: &Path, records: &Records) -> Vec<(String, String)> {
    changes_with_comments(root, records, &CommentsByFile::new())
}

/// Like [`changes`], for [`save_with_comments`].
pub fn changes_with_comments(
    root: &Path,
    records: &Records,
    comments: &CommentsByFile,
) -> Vec<(String, String)> {
    save_with_comments(records, comments)
        .into_iter()
        .filter(|(rel, text)| {
            std::fs::read(root.join(rel)).map_or(true, |old| old != text.as_bytes())
        })
        .collect()
}

/// Writes the files of `records` into the database directory `root` (created if needed) in
/// canonical form, each through [`crate::atomic::write`], and returns the relative paths of the
/// files it replaced.
///
/// Only the [`changes`] are written: a file already canonical keeps its modification time,
/// which the snapshot's freshness check reads. Each file is replaced whole or not at all; if a
/// write fails, the files before it have been replaced and the rest are untouched.
pub fn save_dir(root: &Path, records: &Records) -> io::Result<Vec<String>> {
    save_dir_with_comments(root, records, &CommentsByFile::new())
}

/// Like [`save_dir`], writing each file's comments back beside their records and fields (see
/// [`save_with_comments`]).
pub fn save_dir_with_comments(
    root: &Path,
    records: &Records,
    comments: &CommentsByFile,
) -> io::Result<Vec<String>> {
    let mut written = Vec::new();
    for (rel, text) in changes_with_comments(root, records, comments) {
        write_file(root, &rel, text.as_bytes())?;
        written.push(rel);
    }
    Ok(written)
}

/// Replaces one file of the database directory `root` atomically, creating its directory if
/// needed. `rel` is relative to `root` and uses `/`. Errors name the file.
pub fn write_file(root: &Path, rel: &str, contents: &[u8]) -> io::Result<()> {
    write_file_with(root, rel, |w| w.write_all(contents))
}

/// Like [`write_file`], streaming: the file is whatever `fill` writes, and stays as it was if
/// `fill` fails.
pub fn write_file_with(
    root: &Path,
    rel: &str,
    fill: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> io::Result<()> {
    let path = root.join(rel);
    let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(named)?;
    }
    crate::atomic::write_with(&path, fill).map_err(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_round_trips_through_ron() {
        for s in [
            "plain",
            "Israel’s “red line”",
            "a \"b\" \\ c",
            "line\nbreak\ttab",
            "bell\u{7}",
            "{}<>",
        ] {
            let back: String = parse(&quote(s)).unwrap();
            assert_eq!(back, s);
        }
    }

    fn claims_file(document: &str) -> ClaimsFileRecord {
        ClaimsFileRecord {
            document: document.into(),
            claims: Vec::new(),
        }
    }

    #[test]
    fn save_writes_in_canonical_order_whatever_the_order_given() {
        let records = Records {
            actors: vec![
                ActorRecord::new("b", "B", ActorKind::Person),
                ActorRecord::new("z", "Z", ActorKind::State),
                ActorRecord::new("a", "A", ActorKind::Person),
            ],
            documents: Vec::new(),
            claims: vec![claims_file("y"), claims_file("x")],
        };
        let files = save(&records);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "actors.ron",
                "documents.ron",
                "claims/x.ron",
                "claims/y.ron"
            ]
        );
        let ids: Vec<String> = parse::<Vec<ActorRecord>>(&files[0].1)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, ["z", "a", "b"]);
        // Canonical text read back and written again is the same text.
        let again = Records {
            actors: parse(&files[0].1).unwrap(),
            documents: parse(&files[1].1).unwrap(),
            claims: vec![parse(&files[2].1).unwrap(), parse(&files[3].1).unwrap()],
        };
        assert_eq!(save(&again), files);
    }

    #[test]
    fn save_dir_replaces_only_the_files_that_change() {
        let root = std::env::temp_dir().join(format!("dyad-save-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mut records = Records {
            actors: vec![ActorRecord::new("a", "A", ActorKind::State)],
            documents: Vec::new(),
            claims: vec![claims_file("x")],
        };
        let all = save_dir(&root, &records).unwrap();
        assert_eq!(all, ["actors.ron", "documents.ron", "claims/x.ron"]);
        assert_eq!(save_dir(&root, &records).unwrap(), Vec::<String>::new());
        records.actors[0].name = "Aa".into();
        assert_eq!(changes(&root, &records).len(), 1);
        assert_eq!(save_dir(&root, &records).unwrap(), ["actors.ron"]);
        let back: Vec<ActorRecord> =
            parse(&std::fs::read_to_string(root.join("actors.ron")).unwrap()).unwrap();
        assert_eq!(back, records.actors);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn implicit_some_reads_bare_values() {
        let a: ActorRecord =
            parse(r#"(id: "ypg", name: "YPG", kind: armed_group, part_of: "sdf")"#).unwrap();
        assert_eq!(a.part_of.as_deref(), Some("sdf"));
        assert!(a.aliases.is_empty());
    }

    #[test]
    fn unknown_fields_are_errors_with_positions() {
        let e = parse::<ActorRecord>("(\n  id: \"x\",\n  nmae: \"X\",\n)").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("nmae"), "{}", e.message);
    }
}
