//! The canonical RON writer: records in, the text of database files out.
//!
//! Writing is by hand rather than through ron's serializer so that the output is exactly the
//! layout people edit: four-space indents, fields in a fixed order, optional fields left out
//! when empty, text kept as typed (ron's serializer would escape every apostrophe).
//!
//! Canonical means: actors ordered by kind (states first, people last) and then id, documents
//! by id, claims files by document id, and each file's claims in the order given (the order in
//! which their document makes them). Reading canonical text and writing it again gives the same
//! bytes, so `dyad fmt` output diffs cleanly.
//!
//! This module is pure: it builds strings and never touches the file system (that is
//! [`super::save_dir`] and [`super::write_file`]). It writes records as they are, valid or not.

use std::fmt::Write as _;

use super::{claims_path, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord, Records};

/// The files of a database in canonical form, as `(relative path, contents)`, in a stable order:
/// `actors.ron`, `documents.ron`, then one claims file per entry of [`Records::claims`], ordered
/// by document id.
pub fn save(records: &Records) -> Vec<(String, String)> {
    let mut files = Vec::with_capacity(2 + records.claims.len());
    files.push(("actors.ron".to_string(), write_actors(&records.actors)));
    files.push((
        "documents.ron".to_string(),
        write_documents(&records.documents),
    ));
    let mut order: Vec<&ClaimsFileRecord> = records.claims.iter().collect();
    order.sort_by(|a, b| a.document.cmp(&b.document));
    for file in order {
        files.push((claims_path(&file.document), write_claims_file(file)));
    }
    files
}

/// The text of `actors.ron`, in canonical order.
pub fn write_actors(actors: &[ActorRecord]) -> String {
    let mut order: Vec<&ActorRecord> = actors.iter().collect();
    order.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    let mut w = Writer::default();
    w.line("[");
    for a in order {
        w.open("(");
        w.field_str("id", &a.id);
        w.field_str("name", &a.name);
        w.field_raw("kind", a.kind.as_str());
        if !a.aliases.is_empty() {
            w.open("aliases: [");
            for alias in &a.aliases {
                w.indent();
                push_quoted(&mut w.out, alias);
                w.out.push_str(",\n");
            }
            w.close("],");
        }
        w.field_opt_str("part_of", a.part_of.as_deref());
        w.field_opt_str("acts_for", a.acts_for.as_deref());
        w.field_opt_str("description", a.description.as_deref());
        w.close("),");
    }
    w.line("]");
    w.out
}

/// The text of `documents.ron`, in canonical order.
pub fn write_documents(documents: &[DocumentRecord]) -> String {
    let mut order: Vec<&DocumentRecord> = documents.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let mut w = Writer::default();
    w.line("[");
    for d in order {
        w.open("(");
        w.field_str("id", &d.id);
        w.field_str("file", &d.file);
        w.field_str("title", &d.title);
        w.field_opt_str("author", d.author.as_deref());
        w.field_opt_str("publisher", d.publisher.as_deref());
        w.field_opt_str("date", d.date.as_deref());
        w.field_raw("genre", d.genre.as_str());
        w.field_opt_str("note", d.note.as_deref());
        w.close("),");
    }
    w.line("]");
    w.out
}

/// The text of one claims file (its path is [`claims_path`] of its document), claims in the
/// order given.
pub fn write_claims_file(file: &ClaimsFileRecord) -> String {
    let mut w = Writer::default();
    w.open("(");
    w.field_str("document", &file.document);
    w.open("claims: [");
    for c in &file.claims {
        write_claim(&mut w, c);
    }
    w.close("],");
    w.close(")");
    w.out
}

fn write_claim(w: &mut Writer, c: &ClaimRecord) {
    w.open("(");
    w.field_str("from", &c.from);
    w.field_opt_str("to", c.to.as_deref());
    w.field_raw("kind", c.kind.as_str());
    if let Some((a, b)) = &c.between {
        w.indent();
        w.out.push_str("between: (");
        push_quoted(&mut w.out, a);
        w.out.push_str(", ");
        push_quoted(&mut w.out, b);
        w.out.push_str("),\n");
    }
    w.field_raw("action", c.action.as_str());
    w.field_raw("mutual", if c.mutual { "true" } else { "false" });
    w.field_str("date", &c.date);
    // Written only when set, so files that never use it stay as they were.
    if !c.date_from.is_text() {
        w.field_raw("date_from", c.date_from.as_str());
    }
    w.field_raw("certainty", c.certainty.as_str());
    w.field_str("quote", &c.quote);
    w.field_opt_str("note", c.note.as_deref());
    w.close("),");
}

/// A RON string literal: only `"`, `\` and control characters are escaped, so text stays as
/// people typed it.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

fn push_quoted(out: &mut String, s: &str) {
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
}

/// An indenting line writer for the canonical layout. It appends to one string and allocates
/// nothing per field, since synthetic databases write millions of them.
#[derive(Default)]
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }
    fn line(&mut self, text: &str) {
        self.indent();
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
        self.indent();
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
    }
    fn field_str(&mut self, name: &str, value: &str) {
        self.indent();
        self.out.push_str(name);
        self.out.push_str(": ");
        push_quoted(&mut self.out, value);
        self.out.push_str(",\n");
    }
    fn field_opt_str(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.field_str(name, v);
        }
    }
}
