//! The on-disk format: RON records, how they are read, and how a database is written back.
//!
//! This is the only module that knows the file layout and the only one where serde meets the
//! database. Records here are *unvalidated*: ids are strings and dates are text. The loader
//! ([`crate::load()`]) turns them into the model and reports what is wrong with them.
//!
//! A database directory holds:
//!
//! ```text
//! actors.ron            a list of actors
//! documents.ron         a list of source documents; `file` is relative to this directory
//! claims/<doc-id>.ron   the claims one document supports, in the order the text makes them
//! ```
//!
//! Writing is by hand rather than through ron's serializer so that the output is exactly the
//! layout people edit: four-space indents, optional fields left out when empty, text kept as
//! typed (ron's serializer would escape every apostrophe). Reading uses ron with `implicit_some`,
//! so `part_of: "sdf"` needs no `Some(..)`.

pub mod locate;

use std::fmt::Write as _;

use serde::Deserialize;

use crate::db::Database;
use crate::model::{Action, ActorKind, Certainty, DocId, Genre, RelationKind, Target};

/// An actor as written in `actors.ron`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub part_of: Option<String>,
    #[serde(default)]
    pub acts_for: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A document as written in `documents.ron`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    pub id: String,
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub genre: Genre,
    #[serde(default)]
    pub note: Option<String>,
}

/// A `claims/<doc>.ron` file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFileRecord {
    pub document: String,
    pub claims: Vec<ClaimRecord>,
}

/// A claim as written in a claims file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    pub kind: RelationKind,
    #[serde(default)]
    pub between: Option<(String, String)>,
    pub action: Action,
    #[serde(default)]
    pub mutual: bool,
    pub date: String,
    pub certainty: Certainty,
    pub quote: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A RON syntax or shape error, with where ron says it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
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

/// The files of a database in canonical form, as `(relative path, contents)`, in a stable order:
/// `actors.ron`, `documents.ron`, then one claims file per document that has claims.
///
/// Actors are ordered by kind (states first, people last) and then id, documents by id, and each
/// document's claims keep their order. Loading a canonical database and saving it gives the same
/// bytes back.
pub fn save(db: &Database) -> Vec<(String, String)> {
    let mut files = vec![
        ("actors.ron".to_string(), write_actors(db)),
        ("documents.ron".to_string(), write_documents(db)),
    ];
    // Group claims by document once, keeping database order within each.
    let mut by_doc: Vec<Vec<&crate::model::Claim>> = vec![Vec::new(); db.documents.len()];
    for c in &db.claims {
        by_doc[c.doc.index()].push(c);
    }
    let mut docs: Vec<DocId> = (0..db.documents.len() as u32).map(DocId).collect();
    docs.sort_by(|a, b| db.document(*a).id.cmp(&db.document(*b).id));
    for doc in docs {
        let claims = &by_doc[doc.index()];
        if !claims.is_empty() {
            files.push((
                claims_path(&db.document(doc).id),
                write_claims(db, doc, claims),
            ));
        }
    }
    files
}

fn write_actors(db: &Database) -> String {
    let mut order: Vec<usize> = (0..db.actors.len()).collect();
    order.sort_by(|a, b| {
        let (a, b) = (&db.actors[*a], &db.actors[*b]);
        (a.kind, &a.id).cmp(&(b.kind, &b.id))
    });
    let mut w = Writer::default();
    w.line("[");
    for i in order {
        let a = &db.actors[i];
        w.open("(");
        w.field_str("id", &a.id);
        w.field_str("name", &a.name);
        w.field_raw("kind", a.kind.as_str());
        if !a.aliases.is_empty() {
            w.open("aliases: [");
            for alias in &a.aliases {
                w.line(&format!("{},", quote(alias)));
            }
            w.close("],");
        }
        if let Some(p) = a.part_of {
            w.field_str("part_of", &db.actor(p).id);
        }
        if let Some(p) = a.acts_for {
            w.field_str("acts_for", &db.actor(p).id);
        }
        w.field_opt_str("description", a.description.as_deref());
        w.close("),");
    }
    w.line("]");
    w.out
}

fn write_documents(db: &Database) -> String {
    let mut order: Vec<usize> = (0..db.documents.len()).collect();
    order.sort_by(|a, b| db.documents[*a].id.cmp(&db.documents[*b].id));
    let mut w = Writer::default();
    w.line("[");
    for i in order {
        let d = &db.documents[i];
        w.open("(");
        w.field_str("id", &d.id);
        w.field_str("file", &d.file);
        w.field_str("title", &d.title);
        w.field_opt_str("author", d.author.as_deref());
        w.field_opt_str("publisher", d.publisher.as_deref());
        if let Some(date) = d.date {
            w.field_str("date", &date.to_string());
        }
        w.field_raw("genre", d.genre.as_str());
        w.field_opt_str("note", d.note.as_deref());
        w.close("),");
    }
    w.line("]");
    w.out
}

fn write_claims(db: &Database, doc: DocId, claims: &[&crate::model::Claim]) -> String {
    let mut w = Writer::default();
    w.open("(");
    w.field_str("document", &db.document(doc).id);
    w.open("claims: [");
    for c in claims {
        w.open("(");
        w.field_str("from", &db.actor(c.from).id);
        if let Target::Actor(to) = c.target {
            w.field_str("to", &db.actor(to).id);
        }
        w.field_raw("kind", c.kind().as_str());
        if let Target::Between(a, b) = c.target {
            w.field_raw(
                "between",
                &format!("({}, {})", quote(&db.actor(a).id), quote(&db.actor(b).id)),
            );
        }
        w.field_raw("action", c.action.as_str());
        w.field_raw("mutual", if c.mutual { "true" } else { "false" });
        w.field_str("date", &c.date.to_string());
        w.field_raw("certainty", c.certainty.as_str());
        w.field_str("quote", db.quote(c));
        w.field_opt_str("note", c.note.as_deref());
        w.close("),");
    }
    w.close("],");
    w.close(")");
    w.out
}

/// A RON string literal: only `"`, `\` and control characters are escaped, so text stays as
/// people typed it.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An indenting line writer for the canonical layout.
#[derive(Default)]
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn line(&mut self, text: &str) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }
    fn open(&mut self, text: &str) {
        self.line(text);
        self.depth += 1;
    }
    fn close(&mut self, text: &str) {
        self.depth -= 1;
        self.line(text);
    }
    fn field_raw(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}: {value},"));
    }
    fn field_str(&mut self, name: &str, value: &str) {
        self.field_raw(name, &quote(value));
    }
    fn field_opt_str(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.field_str(name, v);
        }
    }
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
