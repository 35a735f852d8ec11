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
//! Comments ride along: the `*_with_comments` writers take a file's [`Comments`] and write each
//! beside the record or field it is attached to, at that record's canonical position; with no
//! comments the output is exactly what it was before comments were kept.
//!
//! This module is pure: it builds strings and never touches the file system (that is
//! [`super::save_dir`] and [`super::write_file`]). It writes records as they are, valid or not.

use std::fmt::Write as _;

use super::comments::{Around, Comment, Comments, CommentsByFile, RecordComments};
use super::{claims_path, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord, Records};

/// No comments, for the writers that take none.
static NO_COMMENTS: Comments = Comments::new();

/// The relative paths of the files [`save`] writes for `records`, in its order: `actors.ron`,
/// `documents.ron`, then one claims file per entry of [`Records::claims`], ordered by document
/// id.
pub fn file_paths(records: &Records) -> Vec<String> {
    let mut claims: Vec<&str> = records.claims.iter().map(|f| f.document.as_str()).collect();
    claims.sort_unstable();
    ["actors.ron".to_string(), "documents.ron".to_string()]
        .into_iter()
        .chain(claims.into_iter().map(claims_path))
        .collect()
}

/// The files of a database in canonical form, as `(relative path, contents)`, in
/// [`file_paths`] order.
pub fn save(records: &Records) -> Vec<(String, String)> {
    save_with_comments(records, &CommentsByFile::new())
}

/// Like [`save`], writing each file's comments (keyed by relative path) back beside the records
/// and fields they are attached to. Record positions in the comments are positions in the
/// slices of `records`, which for records read from a file are their positions in it.
pub fn save_with_comments(records: &Records, comments: &CommentsByFile) -> Vec<(String, String)> {
    let of = |rel: &str| comments.get(rel).unwrap_or(&NO_COMMENTS);
    let mut files = Vec::with_capacity(2 + records.claims.len());
    files.push((
        "actors.ron".to_string(),
        write_actors_with_comments(&records.actors, of("actors.ron")),
    ));
    files.push((
        "documents.ron".to_string(),
        write_documents_with_comments(&records.documents, of("documents.ron")),
    ));
    let mut order: Vec<&ClaimsFileRecord> = records.claims.iter().collect();
    order.sort_by(|a, b| a.document.cmp(&b.document));
    for file in order {
        let rel = claims_path(&file.document);
        let text = write_claims_file_with_comments(file, of(&rel));
        files.push((rel, text));
    }
    files
}

/// The text of `actors.ron`, in canonical order.
pub fn write_actors(actors: &[ActorRecord]) -> String {
    write_actors_with_comments(actors, &NO_COMMENTS)
}

/// The fields of an actor, in the order they are written.
pub const ACTOR_FIELDS: [&str; 7] = [
    "id",
    "name",
    "kind",
    "aliases",
    "part_of",
    "acts_for",
    "description",
];

/// Like [`write_actors`], with comments; `Record(i)` is `actors[i]`.
pub fn write_actors_with_comments(actors: &[ActorRecord], comments: &Comments) -> String {
    let mut order: Vec<(usize, &ActorRecord)> = actors.iter().enumerate().collect();
    order.sort_by(|(_, a), (_, b)| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    let mut w = Writer::default();
    w.open_file("[", comments);
    for (i, a) in order {
        let c = comments.records.get(&i);
        let f = |name| c.and_then(|c| c.field(name));
        w.open_record(c);
        w.field_str("id", &a.id, f("id"));
        w.field_str("name", &a.name, f("name"));
        w.field_raw("kind", a.kind.as_str(), f("kind"));
        if a.aliases.is_empty() {
            w.skipped(f("aliases"));
        } else {
            w.comments_before(f("aliases"));
            w.open("aliases: [");
            w.end_line(&[]);
            for alias in &a.aliases {
                w.indent();
                push_quoted(&mut w.out, alias);
                w.out.push_str(",\n");
            }
            w.close_with("],", f("aliases"));
        }
        w.field_opt_str("part_of", a.part_of.as_deref(), f("part_of"));
        w.field_opt_str("acts_for", a.acts_for.as_deref(), f("acts_for"));
        w.field_opt_str("description", a.description.as_deref(), f("description"));
        w.close_record(c, &ACTOR_FIELDS);
    }
    w.close_file("]", comments, actors.len());
    w.out
}

/// The text of `documents.ron`, in canonical order.
pub fn write_documents(documents: &[DocumentRecord]) -> String {
    write_documents_with_comments(documents, &NO_COMMENTS)
}

/// The fields of a document, in the order they are written.
const DOCUMENT_FIELDS: [&str; 8] = [
    "id",
    "file",
    "title",
    "author",
    "publisher",
    "date",
    "genre",
    "note",
];

/// Like [`write_documents`], with comments; `Record(i)` is `documents[i]`.
pub fn write_documents_with_comments(documents: &[DocumentRecord], comments: &Comments) -> String {
    let mut order: Vec<(usize, &DocumentRecord)> = documents.iter().enumerate().collect();
    order.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id));
    let mut w = Writer::default();
    w.open_file("[", comments);
    for (i, d) in order {
        let c = comments.records.get(&i);
        let f = |name| c.and_then(|c| c.field(name));
        w.open_record(c);
        w.field_str("id", &d.id, f("id"));
        w.field_str("file", &d.file, f("file"));
        w.field_str("title", &d.title, f("title"));
        w.field_opt_str("author", d.author.as_deref(), f("author"));
        w.field_opt_str("publisher", d.publisher.as_deref(), f("publisher"));
        w.field_opt_str("date", d.date.as_deref(), f("date"));
        w.field_raw("genre", d.genre.as_str(), f("genre"));
        w.field_opt_str("note", d.note.as_deref(), f("note"));
        w.close_record(c, &DOCUMENT_FIELDS);
    }
    w.close_file("]", comments, documents.len());
    w.out
}

/// The text of one claims file (its path is [`claims_path`] of its document), claims in the
/// order given.
pub fn write_claims_file(file: &ClaimsFileRecord) -> String {
    write_claims_file_with_comments(file, &NO_COMMENTS)
}

/// Like [`write_claims_file`], with comments; `Record(i)` is `file.claims[i]`.
pub fn write_claims_file_with_comments(file: &ClaimsFileRecord, comments: &Comments) -> String {
    let top = |name| comments.file_fields.get(name);
    let mut w = Writer::default();
    w.open_file("(", comments);
    w.field_str("document", &file.document, top("document"));
    let list = top("claims");
    w.comments_before(list);
    w.open("claims: [");
    w.end_line(list.map_or(&[], |c| &c.open));
    for (i, c) in file.claims.iter().enumerate() {
        claim_fields(&mut w, c, comments.records.get(&i));
    }
    w.comment_lines(list.map_or(&[], |c| &c.close));
    w.close_with("],", list);
    w.close_file(")", comments, file.claims.len());
    w.out
}

/// One claim in canonical form, as it stands in a claims file's list: each line indented by
/// eight spaces, ending in `),` and a line break.
pub fn write_claim(c: &ClaimRecord) -> String {
    let text = write_claims_file(&ClaimsFileRecord {
        document: String::new(),
        claims: vec![c.clone()],
    });
    element(&text, "    claims: [\n", "    ],")
}

/// One actor in canonical form, as it stands in `actors.ron`'s list.
pub fn write_actor(a: &ActorRecord) -> String {
    element(&write_actors(std::slice::from_ref(a)), "[\n", "]")
}

/// One document in canonical form, as it stands in `documents.ron`'s list.
pub fn write_document(d: &DocumentRecord) -> String {
    element(&write_documents(std::slice::from_ref(d)), "[\n", "]")
}

/// The text between `open` and the last `close` of a one-record file.
fn element(text: &str, open: &str, close: &str) -> String {
    let start = text.find(open).map_or(0, |i| i + open.len());
    let end = text.rfind(close).unwrap_or(text.len());
    text[start..end].to_string()
}

/// The text of a proposals file (`claims/<doc>.proposed.ron`).
pub fn write_proposals_file(f: &super::ProposalsFileRecord) -> String {
    let mut out = String::from("(\n");
    let _ = writeln!(out, "    document: {},", quote(&f.document));
    out.push_str("    proposals: [\n");
    for p in &f.proposals {
        out.push_str("        (\n");
        let _ = writeln!(out, "            key: {},", quote(&p.key));
        let _ = writeln!(out, "            status: {},", p.status.as_str());
        let _ = writeln!(out, "            confidence: {:.2},", p.confidence);
        let _ = writeln!(out, "            cue: {},", quote(&p.cue));
        let _ = writeln!(out, "            why: {},", quote(&p.why));
        let claim = write_claim(&p.claim);
        let claim = claim.trim_start().trim_end().trim_end_matches(',');
        out.push_str("            claim: ");
        for (i, line) in claim.lines().enumerate() {
            if i > 0 {
                out.push_str("    ");
            }
            out.push_str(line);
            out.push('\n');
        }
        out.pop();
        out.push_str(",\n        ),\n");
    }
    out.push_str("    ],\n    actors: [\n");
    for a in &f.actors {
        let _ = writeln!(
            out,
            "        (name: {}, count: {}, line: {}),",
            quote(&a.name),
            a.count,
            a.line
        );
    }
    out.push_str("    ],\n)\n");
    out
}

/// The fields of a claim, in the order they are written.
pub const CLAIM_FIELDS: [&str; 12] = [
    "from",
    "to",
    "kind",
    "between",
    "action",
    "mutual",
    "date",
    "date_from",
    "certainty",
    "quote",
    "note",
    "retracted",
];

fn claim_fields(w: &mut Writer, c: &ClaimRecord, comments: Option<&RecordComments>) {
    let f = |name| comments.and_then(|c| c.field(name));
    w.open_record(comments);
    w.field_str("from", &c.from, f("from"));
    w.field_opt_str("to", c.to.as_deref(), f("to"));
    w.field_raw("kind", c.kind.as_str(), f("kind"));
    match &c.between {
        Some((a, b)) => {
            w.comments_before(f("between"));
            w.indent();
            w.out.push_str("between: (");
            push_quoted(&mut w.out, a);
            w.out.push_str(", ");
            push_quoted(&mut w.out, b);
            w.out.push_str("),");
            w.end_line(f("between").map_or(&[], |c| &c.after));
        }
        None => w.skipped(f("between")),
    }
    w.field_raw("action", c.action.as_str(), f("action"));
    w.field_raw(
        "mutual",
        if c.mutual { "true" } else { "false" },
        f("mutual"),
    );
    w.field_str("date", &c.date, f("date"));
    // Written only when set, so files that never use it stay as they were.
    if !c.date_from.is_text() {
        w.field_raw("date_from", c.date_from.as_str(), f("date_from"));
    } else {
        w.skipped(f("date_from"));
    }
    w.field_raw("certainty", c.certainty.as_str(), f("certainty"));
    w.field_str("quote", &c.quote, f("quote"));
    w.field_opt_str("note", c.note.as_deref(), f("note"));
    if c.retracted {
        w.field_raw("retracted", "true", f("retracted"));
    } else {
        w.skipped(f("retracted"));
    }
    w.close_record(comments, &CLAIM_FIELDS);
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
///
/// Comments are written where their slot says: `before` and `close` comments on lines of
/// their own at the depth of what they lead, `open` and `after` comments on the line they
/// follow (or below it, when they started a line of their own). A field the canonical layout
/// leaves out still has its comments written where it would have been, so none is lost.
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
        self.indent();
        self.out.push_str(text);
        self.depth += 1;
    }
    /// Closes a group with `text` and the comments that trail it.
    fn close_with(&mut self, text: &str, c: Option<&Around>) {
        self.depth -= 1;
        self.indent();
        self.out.push_str(text);
        self.end_line(c.map_or(&[], |c| &c.after));
    }
    /// Ends the current line, with the comments that follow on it; one that started a line of
    /// its own in the original (or follows a `//` comment) goes on a new line.
    fn end_line(&mut self, comments: &[Comment]) {
        let mut after_line_comment = false;
        for c in comments {
            if c.own_line() || after_line_comment {
                self.out.push('\n');
                self.indent();
            } else {
                self.out.push(' ');
            }
            self.out.push_str(c.text());
            after_line_comment = c.is_line_comment();
        }
        self.out.push('\n');
    }
    /// Comments on lines of their own at the current depth; two that shared a line keep it.
    fn comment_lines(&mut self, comments: &[Comment]) {
        let Some((first, rest)) = comments.split_first() else {
            return;
        };
        self.indent();
        self.out.push_str(first.text());
        self.end_line(rest);
    }
    fn comments_before(&mut self, c: Option<&Around>) {
        if let Some(c) = c {
            self.comment_lines(&c.before);
        }
    }
    /// The comments of a field the canonical layout leaves out (empty, or the default), so
    /// that they stay in the record.
    fn skipped(&mut self, c: Option<&Around>) {
        if let Some(c) = c {
            let all: Vec<Comment> = c.all().cloned().collect();
            self.comment_lines(&all);
        }
    }
    fn field_raw(&mut self, name: &str, value: &str, c: Option<&Around>) {
        self.comments_before(c);
        self.indent();
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push(',');
        self.field_end(c);
    }
    fn field_str(&mut self, name: &str, value: &str, c: Option<&Around>) {
        self.comments_before(c);
        self.indent();
        self.out.push_str(name);
        self.out.push_str(": ");
        push_quoted(&mut self.out, value);
        self.out.push(',');
        self.field_end(c);
    }
    fn field_opt_str(&mut self, name: &str, value: Option<&str>, c: Option<&Around>) {
        match value {
            Some(v) => self.field_str(name, v, c),
            None => self.skipped(c),
        }
    }
    /// Ends a field's line with its trailing comments. A field has no Open or Close slot; any
    /// comment there anyway is kept, on a line of its own below.
    fn field_end(&mut self, c: Option<&Around>) {
        match c {
            None => self.out.push('\n'),
            Some(c) => {
                self.end_line(&c.after);
                let inner: Vec<Comment> = c.open.iter().chain(&c.close).cloned().collect();
                self.comment_lines(&inner);
            }
        }
    }
    /// The file's leading comments and its opening bracket. The records of a list file stand
    /// at the left margin, as they always have; a claims file's fields are indented.
    fn open_file(&mut self, bracket: &str, comments: &Comments) {
        self.comment_lines(&comments.file.before);
        self.out.push_str(bracket);
        self.depth = usize::from(bracket == "(");
        self.end_line(&comments.file.open);
    }
    /// The file's closing comments and bracket, and what follows it. Comments of records
    /// beyond the last one, or of top-level fields a list file does not have, go before the
    /// closing bracket rather than nowhere.
    fn close_file(&mut self, bracket: &str, comments: &Comments, records: usize) {
        self.strays(comments, records);
        for (name, around) in &comments.file_fields {
            if bracket == "[" || (name != "document" && name != "claims") {
                let all: Vec<Comment> = around.all().cloned().collect();
                self.comment_lines(&all);
            }
        }
        self.comment_lines(&comments.file.close);
        self.depth = 0;
        self.out.push_str(bracket);
        self.end_line(&comments.file.after);
    }
    /// Comments attached to records at positions from `from` on, which were not written.
    fn strays(&mut self, comments: &Comments, from: usize) {
        for (_, rc) in comments.records.range(from..) {
            let mut all: Vec<Comment> = rc.own.all().cloned().collect();
            for around in rc.fields.values() {
                all.extend(around.all().cloned());
            }
            self.comment_lines(&all);
        }
    }
    fn open_record(&mut self, c: Option<&RecordComments>) {
        match c {
            None => {
                self.line("(");
                self.depth += 1;
            }
            Some(c) => {
                self.comment_lines(&c.own.before);
                self.open("(");
                self.end_line(&c.own.open);
            }
        }
    }
    /// Closes a record: comments of fields it does not have (not in `fields`), its closing
    /// comments, the bracket and what trails it.
    fn close_record(&mut self, c: Option<&RecordComments>, fields: &[&str]) {
        match c {
            None => {
                self.depth -= 1;
                self.line("),");
            }
            Some(c) => {
                for (name, around) in &c.fields {
                    if !fields.contains(&name.as_str()) {
                        let all: Vec<Comment> = around.all().cloned().collect();
                        self.comment_lines(&all);
                    }
                }
                self.comment_lines(&c.own.close);
                self.depth -= 1;
                self.indent();
                self.out.push_str("),");
                self.end_line(&c.own.after);
            }
        }
    }
}
