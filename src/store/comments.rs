//! The comments of a RON file, attached to the records and fields they precede, so that the
//! canonical writer can put them back where they belong after it has reordered the records.
//!
//! People write review notes into data files (`// reviewed by …`, `/* keep states first */`,
//! `// TODO`); a formatter that drops them destroys work. [`Comments::extract`] reads a file's
//! comments with their places, and the `*_with_comments` writers of [`super`] write each one
//! back beside the same record or field, wherever canonical order moves it, its text byte for
//! byte.
//!
//! A comment's place is an [`Anchor`] — the file, one of its records (the `i`th element of its
//! list, counting from 0 in the original file, as [`super::locate`] counts), a field of a record,
//! or a field of a claims file's top-level struct — and a [`Slot`] around it:
//!
//! ```text
//! // Before(File)
//! [ // Open(File)
//!     // Before(Record(0))
//!     ( // Open(Record(0))
//!         // Before(Field(0, "id"))
//!         id: "turkey", // After(Field(0, "id"))
//!         // Close(Record(0))
//!     ), // After(Record(0))
//!     // Close(File)
//! ] // After(File)
//! // After(File), on a line of its own: the end of the file
//! ```
//!
//! The rules: a comment on the same line as the end of a record or field (before or after its
//! comma) trails it; any other comment leads the next record or field, or, with none left,
//! sits before the closing bracket. A comment on the line of an opening bracket belongs to that
//! bracket, unless the first element starts on the same line.
//!
//! Invariants: extraction never drops a comment. A comment that has no place the writer can
//! reproduce — inside a value (an alias list, a `between` pair, `Some(..)`), or between a
//! field's name and its value — is an error naming its line, never silently lost. Extraction
//! is only ever given text that already parsed, but it never panics on any text. This module
//! does no I/O.

use std::collections::BTreeMap;
use std::fmt;

/// One comment, exactly as written: from `//` to the end of its line (the line break not
/// included), or from `/*` to its matching `*/` (block comments nest, as in RON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    text: String,
    own_line: bool,
}

impl Comment {
    /// A comment with the given text. `own_line` says whether it starts a line of its own
    /// (rather than following code or another comment on the same line). `None` unless `text`
    /// is exactly one comment: a `//` comment without a line break, or one balanced `/* … */`.
    pub fn new(text: &str, own_line: bool) -> Option<Comment> {
        let well_formed = if text.starts_with("//") {
            !text.contains('\n')
        } else {
            text.starts_with("/*") && block_comment_len(text.as_bytes()) == Some(text.len())
        };
        well_formed.then(|| Comment {
            text: text.to_string(),
            own_line,
        })
    }

    /// The comment's text, byte for byte as it was written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the comment started on a line of its own.
    pub fn own_line(&self) -> bool {
        self.own_line
    }

    /// Whether the comment runs to the end of its line, so that nothing may follow it there.
    pub(super) fn is_line_comment(&self) -> bool {
        self.text.starts_with("//")
    }
}

/// What a comment is attached to. Field names are RON field names, e.g. `"quote"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor<'a> {
    /// The file's top-level value: the list of actors or documents, or a claims file's struct.
    File,
    /// A field of a claims file's top-level struct: `document` or `claims`.
    FileField(&'a str),
    /// A record, by its 0-based position in the file's list of records (for a claims file, in
    /// its `claims` list) as the file was read.
    Record(usize),
    /// A field of the record at that position.
    Field(usize, &'a str),
}

impl Anchor<'_> {
    /// Whether the anchor is a bracketed group the writer opens and closes on lines of their
    /// own, and so has [`Slot::Open`] and [`Slot::Close`].
    fn is_group(&self) -> bool {
        matches!(
            self,
            Anchor::File | Anchor::Record(_) | Anchor::FileField("claims")
        )
    }
}

/// Where a comment sits relative to its [`Anchor`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// On the lines before it.
    Before,
    /// On the line of its opening bracket, after the bracket (groups only).
    Open,
    /// On the lines before its closing bracket, after its last element (groups only).
    Close,
    /// After it: on the same line, and for the file, on the lines that end the file.
    After,
}

/// The comments around one anchor, by slot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Around {
    pub(super) before: Vec<Comment>,
    pub(super) open: Vec<Comment>,
    pub(super) close: Vec<Comment>,
    pub(super) after: Vec<Comment>,
}

impl Around {
    const EMPTY: Around = Around {
        before: Vec::new(),
        open: Vec::new(),
        close: Vec::new(),
        after: Vec::new(),
    };

    fn slot(&self, slot: Slot) -> &[Comment] {
        match slot {
            Slot::Before => &self.before,
            Slot::Open => &self.open,
            Slot::Close => &self.close,
            Slot::After => &self.after,
        }
    }
    fn slot_mut(&mut self, slot: Slot) -> &mut Vec<Comment> {
        match slot {
            Slot::Before => &mut self.before,
            Slot::Open => &mut self.open,
            Slot::Close => &mut self.close,
            Slot::After => &mut self.after,
        }
    }
    /// Every comment, in the order the slots are written.
    pub(super) fn all(&self) -> impl Iterator<Item = &Comment> {
        self.before
            .iter()
            .chain(&self.open)
            .chain(&self.close)
            .chain(&self.after)
    }
}

/// The comments of one record: around the record itself, and around each of its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct RecordComments {
    pub(super) own: Around,
    pub(super) fields: BTreeMap<String, Around>,
}

impl RecordComments {
    /// The comments around the field `name`, if it has any.
    pub(super) fn field(&self, name: &str) -> Option<&Around> {
        self.fields.get(name)
    }
}

/// The comments of one file, each attached to an [`Anchor`] in a [`Slot`].
///
/// Built by [`Comments::extract`] from a file's text, or by [`Comments::push`] for records
/// written by a program; read by the `*_with_comments` writers of [`crate::store`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub(super) file: Around,
    pub(super) file_fields: BTreeMap<String, Around>,
    pub(super) records: BTreeMap<usize, RecordComments>,
    count: usize,
}

/// The comments of a database's files, keyed by path relative to the database directory
/// (`actors.ron`, `claims/<doc>.ron`), as [`super::save`] names them.
pub type CommentsByFile = BTreeMap<String, Comments>;

/// A comment that cannot be kept in place, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentError {
    /// The 1-based line where the comment starts.
    pub line: usize,
    /// The 1-based column where the comment starts, in characters.
    pub col: usize,
    /// Why it cannot be kept, and what to do about it.
    pub message: String,
}

impl fmt::Display for CommentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for CommentError {}

/// Why [`Comments::push`] refused a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoSuchSlot;

impl fmt::Display for NoSuchSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "only the file, records and a claims file's `claims` list have Open and Close slots",
        )
    }
}

impl std::error::Error for NoSuchSlot {}

impl Comments {
    /// No comments.
    pub const fn new() -> Comments {
        Comments {
            file: Around::EMPTY,
            file_fields: BTreeMap::new(),
            records: BTreeMap::new(),
            count: 0,
        }
    }

    /// How many comments there are.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The comments at `anchor` in `slot`, in file order.
    pub fn get(&self, anchor: Anchor<'_>, slot: Slot) -> &[Comment] {
        let around = match anchor {
            Anchor::File => Some(&self.file),
            Anchor::FileField(name) => self.file_fields.get(name),
            Anchor::Record(i) => self.records.get(&i).map(|r| &r.own),
            Anchor::Field(i, name) => self.records.get(&i).and_then(|r| r.fields.get(name)),
        };
        around.map_or(&[], |a| a.slot(slot))
    }

    /// Attaches `comment` at `anchor` in `slot`, after any already there. Only groups (the
    /// file, records and a claims file's `claims` list) have [`Slot::Open`] and
    /// [`Slot::Close`]; asking for them elsewhere is refused.
    pub fn push(
        &mut self,
        anchor: Anchor<'_>,
        slot: Slot,
        comment: Comment,
    ) -> Result<(), NoSuchSlot> {
        if matches!(slot, Slot::Open | Slot::Close) && !anchor.is_group() {
            return Err(NoSuchSlot);
        }
        let around = match anchor {
            Anchor::File => &mut self.file,
            Anchor::FileField(name) => self.file_fields.entry(name.to_string()).or_default(),
            Anchor::Record(i) => &mut self.records.entry(i).or_default().own,
            Anchor::Field(i, name) => self
                .records
                .entry(i)
                .or_default()
                .fields
                .entry(name.to_string())
                .or_default(),
        };
        around.slot_mut(slot).push(comment);
        self.count += 1;
        Ok(())
    }

    /// The comments of the RON text `src`, each attached to the record or field it precedes
    /// (see the module docs for the rules), or the first comment that has no such place.
    ///
    /// `src` should be text that parses; on other text the result is meaningless but there is
    /// no panic.
    ///
    /// ```
    /// use dyad::store::{Anchor, Comments, Slot};
    /// let src = "[\n    // states first\n    (id: \"turkey\", name: \"Turkey\", kind: state),\n]\n";
    /// let c = Comments::extract(src).unwrap();
    /// assert_eq!(c.get(Anchor::Record(0), Slot::Before)[0].text(), "// states first");
    /// let inside = "[(id: \"a\", aliases: [\"x\" /* no */], name: \"A\", kind: state)]";
    /// assert_eq!(Comments::extract(inside).unwrap_err().line, 1);
    /// ```
    pub fn extract(src: &str) -> Result<Comments, CommentError> {
        // Most files have no comments; a `//` in a string (a URL in a note) takes the slow path.
        if !src.contains("//") && !src.contains("/*") {
            return Ok(Comments::new());
        }
        let mut w = Walker {
            src,
            b: src.as_bytes(),
            at: 0,
            path: Vec::new(),
            out: Comments::new(),
        };
        let mut head = w.trivia()?;
        // Inner attributes such as `#![enable(implicit_some)]` are not comments; the writer
        // leaves them out, since reading turns `implicit_some` on anyway.
        while w.b[w.at..].starts_with(b"#!") {
            w.skip_attribute();
            head.extend(w.trivia()?);
        }
        w.place(&[], Slot::Before, head)?;
        w.value()?;
        let tail = w.trivia()?;
        w.place(&[], Slot::After, tail)?;
        Ok(w.out)
    }
}

/// The length of the block comment at the start of `b` (which starts with `/*`), if it closes.
fn block_comment_len(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = 0;
    while at < b.len() {
        if b[at..].starts_with(b"/*") {
            depth += 1;
            at += 2;
        } else if b[at..].starts_with(b"*/") {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return Some(at);
            }
        } else {
            at += 1;
        }
    }
    None
}

/// One step of the path to a value: a field of a struct or an element of a list or tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

/// A comment as found: where it starts, its text, and whether a line break preceded it.
struct Found<'a> {
    start: usize,
    text: &'a str,
    own_line: bool,
}

/// Deeper nesting than any record has; a bound so that no input can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A single pass over RON text that keeps the path to the current value and hands every
/// comment it meets to [`Walker::place`].
struct Walker<'a> {
    src: &'a str,
    b: &'a [u8],
    at: usize,
    path: Vec<Step<'a>>,
    out: Comments,
}

impl<'a> Walker<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    /// The length of the RON whitespace character at `at`, if there is one (ron's set: ASCII
    /// blanks and a few Unicode marks and separators).
    fn whitespace_len(&self) -> Option<usize> {
        match self.peek()? {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Some(1),
            b if b >= 0x80 => {
                let c = self.src.get(self.at..)?.chars().next()?;
                matches!(
                    c,
                    '\u{85}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
                )
                .then(|| c.len_utf8())
            }
            _ => None,
        }
    }

    /// Skips whitespace and comments, returning the comments in order.
    fn trivia(&mut self) -> Result<Vec<Found<'a>>, CommentError> {
        let mut found = Vec::new();
        let mut line_break = false;
        loop {
            if let Some(n) = self.whitespace_len() {
                line_break |= self.b[self.at] == b'\n';
                self.at += n;
                continue;
            }
            let rest = &self.b[self.at..];
            let len = if rest.starts_with(b"//") {
                rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
            } else if rest.starts_with(b"/*") {
                match block_comment_len(rest) {
                    Some(n) => n,
                    None => {
                        return Err(self.error(self.at, "this block comment is never closed"));
                    }
                }
            } else {
                return Ok(found);
            };
            found.push(Found {
                start: self.at,
                text: &self.src[self.at..self.at + len],
                own_line: line_break,
            });
            line_break = false;
            self.at += len;
        }
    }

    fn error(&self, mut at: usize, message: impl Into<String>) -> CommentError {
        at = at.min(self.src.len());
        while !self.src.is_char_boundary(at) {
            at -= 1;
        }
        let pos = super::locate::Pos::of_offset(self.src, at);
        CommentError {
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }

    /// Attaches comments to the value at `path` (relative to the walker's current path, which
    /// is prepended), or refuses the first of them when that place cannot be written back.
    fn place(
        &mut self,
        tail: &[Step<'a>],
        slot: Slot,
        found: Vec<Found<'a>>,
    ) -> Result<(), CommentError> {
        let Some(first) = found.first() else {
            return Ok(());
        };
        let mut path = self.path.clone();
        path.extend_from_slice(tail);
        let anchor = match *path.as_slice() {
            [] => Some(Anchor::File),
            [Step::Index(i)] | [Step::Field("claims"), Step::Index(i)] => Some(Anchor::Record(i)),
            [Step::Index(i), Step::Field(f)]
            | [Step::Field("claims"), Step::Index(i), Step::Field(f)] => Some(Anchor::Field(i, f)),
            [Step::Field(f)] => Some(Anchor::FileField(f)),
            _ => None,
        }
        .filter(|a| a.is_group() || matches!(slot, Slot::Before | Slot::After));
        let Some(anchor) = anchor else {
            return Err(self.inside_value(first.start, &path));
        };
        for f in found {
            let comment = Comment {
                text: f.text.to_string(),
                own_line: f.own_line,
            };
            // The anchor was checked above, so the slot exists.
            let _ = self.out.push(anchor, slot, comment);
        }
        Ok(())
    }

    /// The error for a comment inside the value at `path` (or one of its elements).
    fn inside_value(&self, at: usize, path: &[Step<'_>]) -> CommentError {
        let field = path.iter().rev().find_map(|s| match s {
            Step::Field(f) => Some(*f),
            Step::Index(_) => None,
        });
        let message = match field {
            Some(f) => format!(
                "a comment inside the value of `{f}` cannot be kept where it is; \
                 move it onto its own line above `{f}:`"
            ),
            None => "a comment inside a value cannot be kept where it is; \
                     move it onto its own line above the record"
                .to_string(),
        };
        self.error(at, message)
    }

    /// Skips an inner attribute, `#![…]`, brackets balanced.
    fn skip_attribute(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            self.at += 1;
            match b {
                b'[' => depth += 1,
                b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn is_ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    /// Walks one value starting at `at` (trivia already skipped), leaving `at` just after it.
    fn value(&mut self) -> Result<(), CommentError> {
        if self.path.len() > MAX_DEPTH {
            return Err(self.error(self.at, "values are nested too deeply"));
        }
        match self.peek() {
            None => Ok(()),
            Some(b'"') => {
                self.skip_string();
                Ok(())
            }
            Some(b'\'') => {
                self.skip_char();
                Ok(())
            }
            Some(b'(' | b'[' | b'{') => self.group(),
            Some(_) => {
                // A raw or byte string, or an identifier or number, perhaps naming a struct or
                // variant whose parenthesised body follows.
                let rest = &self.b[self.at..];
                if rest.starts_with(b"b\"") {
                    self.at += 1;
                    self.skip_string();
                    return Ok(());
                }
                let prefix = if rest.starts_with(b"br") { 2 } else { 1 };
                if rest[0] == b'r' || prefix == 2 {
                    let hashes = rest[prefix..].iter().take_while(|&&b| b == b'#').count();
                    if rest.get(prefix + hashes) == Some(&b'"') {
                        // `skip_raw_string` starts at the `r`.
                        self.at += prefix - 1;
                        self.skip_raw_string();
                        return Ok(());
                    }
                }
                let start = self.at;
                while self.peek().is_some_and(|b| {
                    Self::is_ident_byte(b) || matches!(b, b'.' | b'+' | b'-' | b'#')
                }) {
                    self.at += 1;
                }
                if self.at == start {
                    // A stray byte: step over it so that every call makes progress.
                    self.at += 1;
                    return Ok(());
                }
                let end = self.at;
                let between = self.trivia()?;
                if self.peek() == Some(b'(') {
                    if let Some(first) = between.first() {
                        return Err(self.inside_value(first.start, &self.path));
                    }
                    self.group()
                } else {
                    // Not a struct name: whatever trivia follows belongs to the enclosing group.
                    self.at = end;
                    Ok(())
                }
            }
        }
    }

    fn skip_string(&mut self) {
        self.at = super::lex::quoted_end(self.b, self.at, b'"');
    }

    fn skip_char(&mut self) {
        self.at = super::lex::quoted_end(self.b, self.at, b'\'');
    }

    /// From the `r` of a raw string, past its closing quote and hashes.
    fn skip_raw_string(&mut self) {
        self.at = super::lex::raw_string_end(self.b, self.at);
    }

    /// Walks a bracketed group: a struct's fields, or the elements of a list, tuple or map,
    /// placing the comments between them.
    fn group(&mut self) -> Result<(), CommentError> {
        let close = match self.b[self.at] {
            b'(' => b')',
            b'[' => b']',
            _ => b'}',
        };
        self.at += 1;
        // Where the previous element (or the opening bracket) ended, and that element.
        let mut boundary = self.at;
        let mut prev: Option<Step<'a>> = None;
        let mut pending = self.trivia()?;
        let mut index = 0usize;
        loop {
            match self.peek() {
                None => return Ok(()),
                Some(b) if b == close => {
                    self.distribute(pending, prev, None)?;
                    self.at += 1;
                    return Ok(());
                }
                Some(b',') => {
                    self.at += 1;
                    pending.extend(self.trivia()?);
                }
                Some(b')' | b']' | b'}') => {
                    // A mismatched bracket (only in text that did not parse): step over it.
                    self.at += 1;
                }
                Some(_) => {
                    let same_line = !self.b[boundary..self.at].contains(&b'\n');
                    let step = self.field_name()?.map_or(Step::Index(index), Step::Field);
                    if same_line {
                        self.place(&[step], Slot::Before, pending)?;
                    } else {
                        self.distribute(pending, prev, Some(step))?;
                    }
                    self.path.push(step);
                    let walked = self.value();
                    self.path.pop();
                    walked?;
                    // A map's `key: value`.
                    let end = self.at;
                    let between = self.trivia()?;
                    if self.peek() == Some(b':') {
                        self.at += 1;
                        let more = self.trivia()?;
                        if let Some(first) = between.first().or(more.first()) {
                            return Err(self.inside_value(first.start, &self.path));
                        }
                        self.path.push(step);
                        let walked = self.value();
                        self.path.pop();
                        walked?;
                    } else {
                        self.at = end;
                    }
                    boundary = self.at;
                    prev = Some(step);
                    index += 1;
                    pending = self.trivia()?;
                }
            }
        }
    }

    /// At the start of a group's element: if it is a struct field, `name:`, steps past the
    /// colon and the trivia after it and returns the name; otherwise leaves `at` where it was.
    /// A comment between a field's name and its value has no place, so it is an error.
    fn field_name(&mut self) -> Result<Option<&'a str>, CommentError> {
        let start = self.at;
        if !self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return Ok(None);
        }
        while self.peek().is_some_and(Self::is_ident_byte) {
            self.at += 1;
        }
        let name = &self.src[start..self.at];
        let before_colon = self.trivia()?;
        if self.peek() != Some(b':') {
            self.at = start;
            return Ok(None);
        }
        self.at += 1;
        let after_colon = self.trivia()?;
        if let Some(first) = before_colon.first().or(after_colon.first()) {
            let mut path = self.path.clone();
            path.push(Step::Field(name));
            return Err(self.inside_value(first.start, &path));
        }
        Ok(Some(name))
    }

    /// Places the comments between two elements of the current group (`prev`, or the opening
    /// bracket, and `next`, or the closing bracket): those on the line where `prev` ended trail
    /// it, the rest lead `next`.
    fn distribute(
        &mut self,
        found: Vec<Found<'a>>,
        prev: Option<Step<'a>>,
        next: Option<Step<'a>>,
    ) -> Result<(), CommentError> {
        let split = found.iter().position(|f| f.own_line).unwrap_or(found.len());
        let mut found = found;
        let rest = found.split_off(split);
        match prev {
            Some(step) => self.place(&[step], Slot::After, found)?,
            None => self.place(&[], Slot::Open, found)?,
        }
        match next {
            Some(step) => self.place(&[step], Slot::Before, rest),
            None => self.place(&[], Slot::Close, rest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(c: &'a Comments, anchor: Anchor<'_>, slot: Slot) -> Vec<&'a str> {
        c.get(anchor, slot).iter().map(Comment::text).collect()
    }

    #[test]
    fn comments_are_placed_by_the_rules() {
        let src = "// head\n[ // open\n    // lead 0\n    ( /* open 0 */\n        id: \"a\", // after id\n        /* before name */ name: \"A\" /* after name */,\n        // close 0\n    ), // after 0\n    (id: \"b\", /* lead name */ name: \"B\"),\n    // close\n] // tail\n// end\n";
        let c = Comments::extract(src).unwrap();
        assert_eq!(texts(&c, Anchor::File, Slot::Before), ["// head"]);
        assert_eq!(texts(&c, Anchor::File, Slot::Open), ["// open"]);
        assert_eq!(texts(&c, Anchor::Record(0), Slot::Before), ["// lead 0"]);
        assert_eq!(texts(&c, Anchor::Record(0), Slot::Open), ["/* open 0 */"]);
        assert_eq!(
            texts(&c, Anchor::Field(0, "id"), Slot::After),
            ["// after id"]
        );
        assert_eq!(
            texts(&c, Anchor::Field(0, "name"), Slot::Before),
            ["/* before name */"]
        );
        assert_eq!(
            texts(&c, Anchor::Field(0, "name"), Slot::After),
            ["/* after name */"]
        );
        assert_eq!(texts(&c, Anchor::Record(0), Slot::Close), ["// close 0"]);
        assert_eq!(texts(&c, Anchor::Record(0), Slot::After), ["// after 0"]);
        assert_eq!(
            texts(&c, Anchor::Field(1, "name"), Slot::Before),
            ["/* lead name */"]
        );
        assert_eq!(texts(&c, Anchor::File, Slot::Close), ["// close"]);
        assert_eq!(texts(&c, Anchor::File, Slot::After), ["// tail", "// end"]);
        assert!(c.get(Anchor::File, Slot::After)[1].own_line());
        assert_eq!(c.len(), 13);
    }

    #[test]
    fn claims_files_attach_to_claims_and_their_fields() {
        let src = "(\n    // which document\n    document: \"d\",\n    claims: [ // in text order\n        // first\n        (from: \"a\", quote: \"x // y /* z */\"),\n        // no more\n    ],\n)\n";
        let c = Comments::extract(src).unwrap();
        assert_eq!(
            texts(&c, Anchor::FileField("document"), Slot::Before),
            ["// which document"]
        );
        assert_eq!(
            texts(&c, Anchor::FileField("claims"), Slot::Open),
            ["// in text order"]
        );
        assert_eq!(texts(&c, Anchor::Record(0), Slot::Before), ["// first"]);
        assert_eq!(
            texts(&c, Anchor::FileField("claims"), Slot::Close),
            ["// no more"]
        );
        assert_eq!(c.len(), 4);
    }

    #[test]
    fn strings_and_raw_strings_hold_no_comments() {
        for src in [
            "[(note: \"http://example.org /* not */\")]",
            "[(note: r#\"a \"// b\"#)]",
            "[(c: '/', note: \"\\\"//\")]",
        ] {
            assert!(Comments::extract(src).unwrap().is_empty(), "{src}");
        }
    }

    #[test]
    fn comments_inside_values_are_refused_with_their_line() {
        for (src, line, col, field) in [
            ("[(aliases: [\"x\", // y\n \"z\"])]", 1, 18, "aliases"),
            ("[\n(between: (\"a\", /* b */ \"c\"))]", 2, 17, "between"),
            ("[(part_of: Some( /* p */ \"a\"))]", 1, 18, "part_of"),
            ("[(id /* i */ : \"a\")]", 1, 6, "id"),
            ("[(id: // i\n \"a\")]", 1, 7, "id"),
        ] {
            let e = Comments::extract(src).unwrap_err();
            assert_eq!((e.line, e.col), (line, col), "{src}");
            assert!(e.message.contains(&format!("`{field}`")), "{}", e.message);
        }
    }

    #[test]
    fn nesting_block_comments_are_one_comment() {
        let c = Comments::extract("[ /* a /* b */ c */ ]").unwrap();
        assert_eq!(texts(&c, Anchor::File, Slot::Open), ["/* a /* b */ c */"]);
    }

    #[test]
    fn extraction_never_panics_on_truncated_or_odd_text() {
        let src = "// h\n[ (id: \"a\" /* x */, aliases: [\"b\"], n: r#\"q\"#, c: '\\'', m: {1: 2}), // t\n]";
        for cut in 0..=src.len() {
            if src.is_char_boundary(cut) {
                let _ = Comments::extract(&src[..cut]);
            }
        }
        let deep = "[".repeat(10_000);
        assert!(Comments::extract(&format!("//\n{deep}")).is_err());
    }

    #[test]
    fn comment_new_accepts_exactly_one_comment() {
        assert!(Comment::new("// fine", false).is_some());
        assert!(Comment::new("/* a /* b */ */", true).is_some());
        assert!(Comment::new("// two\nlines", true).is_none());
        assert!(Comment::new("/* a */ b", true).is_none());
        assert!(Comment::new("/* open", true).is_none());
        assert!(Comment::new("plain", true).is_none());
    }

    #[test]
    fn push_refuses_open_and_close_on_fields() {
        let mut c = Comments::new();
        let note = Comment::new("// n", true).unwrap();
        assert_eq!(
            c.push(Anchor::Field(0, "id"), Slot::Open, note.clone()),
            Err(NoSuchSlot)
        );
        assert!(c.is_empty());
        c.push(Anchor::Field(0, "id"), Slot::Before, note).unwrap();
        assert_eq!(c.len(), 1);
    }
}
