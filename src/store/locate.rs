//! Finding where a value sits in a RON file, for error messages.
//!
//! serde hands the loader values without positions, but a good error says "claims/x.ron:41:15",
//! not "the 7th claim". This module skims RON text (without building values) to find the
//! line and column of a value given its path, e.g. `claims[6].from`. It tolerates anything the
//! RON parser accepted, which is all it is ever given: the loader only asks after a successful
//! parse.

/// One step of a path into a RON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A named field of a struct.
    Field(&'a str),
    /// An element of a list or tuple.
    Index(usize),
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, counting from 1.
    pub line: usize,
    /// The column, counting from 1, in characters rather than bytes.
    pub col: usize,
}

impl Pos {
    /// The position of byte offset `at` in `src`.
    pub fn of_offset(src: &str, at: usize) -> Pos {
        let at = at.min(src.len());
        let before = &src[..at];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = src[line_start..at].chars().count() + 1;
        Pos { line, col }
    }
}

/// The position of the value at `path` in `src`; when the path cannot be followed to the end
/// (a field that is absent, say), the position of the deepest value reached.
///
/// ```
/// use dyad::store::locate::{locate, Pos, Seg};
/// let src = "(\n  document: \"x\",\n  claims: [\n    (from: \"a\", to: \"b\"),\n  ],\n)";
/// let p = locate(src, &[Seg::Field("claims"), Seg::Index(0), Seg::Field("to")]);
/// assert_eq!(p, Pos { line: 4, col: 21 });
/// ```
pub fn locate(src: &str, path: &[Seg<'_>]) -> Pos {
    let mut s = Skimmer {
        src: src.as_bytes(),
        at: 0,
    };
    s.skip_trivia_and_attributes();
    let (at, _) = s.follow(path);
    Pos::of_offset(src, at)
}

/// The bytes of the value at `path` in `src` (inside `Some(..)`), or `None` when the path
/// does not lead to a value, e.g. an absent field. What the editor replaces when it amends a
/// field, leaving every other byte of the file as it was.
///
/// ```
/// use dyad::store::locate::{span, Seg};
/// let src = "(\n  claims: [\n    (from: \"a\", to: Some(\"b\")), // note\n  ],\n)";
/// let at = span(src, &[Seg::Field("claims"), Seg::Index(0), Seg::Field("to")]).unwrap();
/// assert_eq!(&src[at], "\"b\"");
/// let list = span(src, &[Seg::Field("claims")]).unwrap();
/// assert!(src[list].ends_with(']'));
/// assert_eq!(span(src, &[Seg::Field("claims"), Seg::Index(0), Seg::Field("note")]), None);
/// ```
pub fn span(src: &str, path: &[Seg<'_>]) -> Option<std::ops::Range<usize>> {
    let mut s = Skimmer {
        src: src.as_bytes(),
        at: 0,
    };
    s.skip_trivia_and_attributes();
    let (at, complete) = s.follow(path);
    if !complete {
        return None;
    }
    s.at = at;
    s.skip_value();
    Some(at..s.at.min(src.len()))
}

/// Locates many paths in one file cheaply: the first lookup into a list records where each of
/// its elements starts, so later lookups skim only their own element. Reporting a problem in
/// the millionth claim of a file costs the same as in the first.
pub struct Locator<'a> {
    src: &'a str,
    /// For each list prefix seen (rendered as text), the offsets of its elements.
    lists: std::cell::RefCell<std::collections::HashMap<String, Vec<usize>>>,
    /// The offset of every line start, built on first use.
    lines: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Locator<'a> {
    /// A locator over the RON text `src`. Nothing is scanned until the first lookup.
    pub fn new(src: &'a str) -> Self {
        Locator {
            src,
            lists: Default::default(),
            lines: Default::default(),
        }
    }

    /// The position of a byte offset, by binary search over line starts.
    fn pos(&self, at: usize) -> Pos {
        let at = at.min(self.src.len());
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.src.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = lines.partition_point(|&start| start <= at);
        let start = lines[line - 1];
        Pos {
            line,
            col: self.src[start..at].chars().count() + 1,
        }
    }

    /// Like [`locate`], but amortised over many calls on the same text.
    pub fn at(&self, path: &[Seg<'_>]) -> Pos {
        let Some(k) = path.iter().position(|s| matches!(s, Seg::Index(_))) else {
            return locate(self.src, path);
        };
        let Seg::Index(i) = path[k] else {
            unreachable!()
        };
        let key = format!("{:?}", &path[..k]);
        let mut lists = self.lists.borrow_mut();
        let offsets = lists
            .entry(key)
            .or_insert_with(|| self.elements(&path[..k]));
        let Some(&start) = offsets.get(i) else {
            return locate(self.src, &path[..k]);
        };
        let mut s = Skimmer {
            src: self.src.as_bytes(),
            at: start,
        };
        let (at, _) = s.follow(&path[k + 1..]);
        self.pos(at)
    }

    /// The start offsets of the elements of the list at `prefix`.
    fn elements(&self, prefix: &[Seg<'_>]) -> Vec<usize> {
        let mut s = Skimmer {
            src: self.src.as_bytes(),
            at: 0,
        };
        s.skip_trivia_and_attributes();
        if !s.follow(prefix).1 {
            return Vec::new();
        }
        let mut out = Vec::new();
        if s.peek() != Some(b'[') && s.peek() != Some(b'(') {
            return out;
        }
        s.at += 1;
        loop {
            s.skip_trivia();
            match s.peek() {
                None | Some(b']' | b')') => return out,
                Some(b',') => s.at += 1,
                Some(_) => {
                    out.push(s.at);
                    s.skip_value();
                }
            }
        }
    }
}

struct Skimmer<'a> {
    src: &'a [u8],
    at: usize,
}

impl Skimmer<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.at += 1,
                Some(b'/') if self.src.get(self.at + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        self.at += 1;
                        if b == b'\n' {
                            break;
                        }
                    }
                }
                Some(b'/') if self.src.get(self.at + 1) == Some(&b'*') => {
                    // RON block comments nest.
                    let mut depth = 0usize;
                    while self.at < self.src.len() {
                        if self.src[self.at..].starts_with(b"/*") {
                            depth += 1;
                            self.at += 2;
                        } else if self.src[self.at..].starts_with(b"*/") {
                            depth -= 1;
                            self.at += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.at += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_trivia_and_attributes(&mut self) {
        loop {
            self.skip_trivia();
            if self.src[self.at..].starts_with(b"#!") {
                while let Some(b) = self.peek() {
                    self.at += 1;
                    if b == b']' {
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }

    fn is_ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    /// Skips one value, leaving `at` just after it.
    fn skip_value(&mut self) {
        self.skip_trivia();
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'r') if matches!(self.src.get(self.at + 1), Some(b'"' | b'#')) => {
                self.skip_raw_string()
            }
            Some(b'\'') => {
                self.at += 1;
                while let Some(b) = self.peek() {
                    self.at += 1;
                    if b == b'\\' {
                        self.at += 1;
                    } else if b == b'\'' {
                        break;
                    }
                }
            }
            Some(b'(' | b'[' | b'{') => self.skip_group(),
            Some(_) => {
                // An identifier, number or boolean, perhaps the name before a struct's `(`.
                let start = self.at;
                while self
                    .peek()
                    .is_some_and(|b| Self::is_ident_byte(b) || matches!(b, b'.' | b'+' | b'-'))
                {
                    self.at += 1;
                }
                if self.at == start {
                    // A stray byte (a mismatched bracket in text that did not parse): step over
                    // it, so that every call makes progress.
                    self.at += 1;
                    return;
                }
                let save = self.at;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.skip_group();
                } else {
                    self.at = save;
                }
            }
            None => {}
        }
    }

    fn skip_string(&mut self) {
        self.at = super::lex::quoted_end(self.src, self.at, b'"');
    }

    fn skip_raw_string(&mut self) {
        self.at = super::lex::raw_string_end(self.src, self.at);
    }

    fn skip_group(&mut self) {
        let close = match self.peek() {
            Some(b'(') => b')',
            Some(b'[') => b']',
            _ => b'}',
        };
        self.at += 1;
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(b) if b == close => {
                    self.at += 1;
                    return;
                }
                Some(b',' | b':') => self.at += 1,
                Some(_) => self.skip_value(),
            }
        }
    }

    /// Follows `path` from the current value as far as it goes. Returns the start of the
    /// deepest value reached (looking through `Some`) and whether the whole path was followed.
    fn follow(&mut self, path: &[Seg<'_>]) -> (usize, bool) {
        let mut best = self.at;
        for seg in path {
            match self.enter(*seg) {
                Some(at) => {
                    self.at = at;
                    self.unwrap_some();
                    best = self.at;
                }
                None => return (best, false),
            }
        }
        (best, true)
    }

    /// `Some(x)` is transparent: from its start, moves to the start of `x`.
    fn unwrap_some(&mut self) {
        if self.src[self.at..].starts_with(b"Some") {
            let save = self.at;
            self.at += 4;
            self.skip_trivia();
            if self.peek() == Some(b'(') {
                self.at += 1;
                self.skip_trivia();
            } else {
                self.at = save;
            }
        }
    }

    /// From the start of a value, finds the start of its child `seg`.
    fn enter(&mut self, seg: Seg<'_>) -> Option<usize> {
        self.skip_trivia();
        // Step over a struct name, which prefixes the parenthesised body.
        if self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            let save = self.at;
            while self.peek().is_some_and(Self::is_ident_byte) {
                self.at += 1;
            }
            self.skip_trivia();
            if self.peek() != Some(b'(') {
                self.at = save;
                return None;
            }
        }
        let open = self.peek()?;
        if !matches!(open, b'(' | b'[') {
            return None;
        }
        self.at += 1;
        let mut index = 0usize;
        loop {
            self.skip_trivia();
            match self.peek() {
                None | Some(b')' | b']') => return None,
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            // A struct field is an identifier followed by ':'.
            let start = self.at;
            let mut field = None;
            if self
                .peek()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            {
                while self.peek().is_some_and(Self::is_ident_byte) {
                    self.at += 1;
                }
                let name = &self.src[start..self.at];
                self.skip_trivia();
                if self.peek() == Some(b':') {
                    self.at += 1;
                    self.skip_trivia();
                    field = Some(name);
                } else {
                    self.at = start;
                }
            }
            let value_start = self.at;
            match (seg, field) {
                (Seg::Field(want), Some(name)) if want.as_bytes() == name => {
                    return Some(value_start)
                }
                (Seg::Index(i), None) if i == index => return Some(value_start),
                _ => {}
            }
            self.skip_value();
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"// a comment
#![enable(implicit_some)]
[
    (
        id: "a",
        aliases: ["x", "y(z)"], /* (not a group) */
        part_of: Some("b"),
    ),
    (id: "b", note: r#"raw "q""#, part_of: "c"),
]"##;

    fn at(path: &[Seg<'_>]) -> (usize, usize) {
        let p = locate(SRC, path);
        (p.line, p.col)
    }

    #[test]
    fn finds_fields_and_elements() {
        assert_eq!(at(&[Seg::Index(0), Seg::Field("id")]), (5, 13));
        assert_eq!(
            at(&[Seg::Index(0), Seg::Field("aliases"), Seg::Index(1)]),
            (6, 24)
        );
        assert_eq!(at(&[Seg::Index(1), Seg::Field("part_of")]), (9, 44));
    }

    #[test]
    fn looks_through_some() {
        assert_eq!(
            at(&[Seg::Index(0), Seg::Field("part_of"), Seg::Index(0)]),
            (7, 23)
        );
    }

    #[test]
    fn stops_at_the_deepest_value_it_can_reach() {
        assert_eq!(at(&[Seg::Index(1), Seg::Field("missing")]), (9, 5));
        assert_eq!(at(&[Seg::Index(7)]), (3, 1));
    }

    #[test]
    fn locator_agrees_with_locate() {
        let l = Locator::new(SRC);
        for path in [
            &[Seg::Index(0), Seg::Field("id")][..],
            &[Seg::Index(1), Seg::Field("part_of")],
            &[Seg::Index(0), Seg::Field("aliases"), Seg::Index(1)],
            &[Seg::Index(5)],
            &[Seg::Field("x")],
        ] {
            assert_eq!(l.at(path), locate(SRC, path), "{path:?}");
        }
    }

    #[test]
    fn never_panics_on_truncated_text() {
        for cut in 0..SRC.len() {
            if SRC.is_char_boundary(cut) {
                let _ = locate(&SRC[..cut], &[Seg::Index(1), Seg::Field("part_of")]);
            }
        }
    }
}
