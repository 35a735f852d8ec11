//! The lexical rules of RON that both scanners of a file's text share: where a string, a
//! character literal or a raw string ends. [`super::locate`] walks text to find a value's
//! position and [`super::comments`] to find comments; both must agree on what is inside a
//! literal (a `//` in a string is not a comment), so the rules live here once.
//!
//! These functions read bytes and return offsets; they never fail and never panic on cut-off
//! text: an unterminated literal ends at the end of the text.

/// Just past the literal that opens at `at` with a `"` or `'` (`close`), escapes honoured.
pub(crate) fn quoted_end(b: &[u8], at: usize, close: u8) -> usize {
    let mut i = at + 1;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c == b'\\' {
            i += 1;
        } else if c == close {
            break;
        }
    }
    i.min(b.len())
}

/// Just past the raw string whose `r` is at `at`: `r"…"`, `r#"…"#` and so on.
pub(crate) fn raw_string_end(b: &[u8], at: usize) -> usize {
    let mut i = (at + 1).min(b.len());
    let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
    i += hashes + 1;
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .take_while(|&&c| c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_after_their_closing_quote_and_skip_escapes() {
        let s = br#""a\"b" x"#;
        assert_eq!(quoted_end(s, 0, b'"'), 6);
        assert_eq!(quoted_end(b"'\\''", 0, b'\''), 4);
        assert_eq!(
            quoted_end(b"\"open", 0, b'"'),
            5,
            "unterminated: the end of the text"
        );
        assert_eq!(quoted_end(b"\"\\", 0, b'"'), 2);
    }

    #[test]
    fn raw_strings_end_after_as_many_hashes_as_they_opened_with() {
        let s = br###"r#"a"b"# x"###;
        assert_eq!(&s[raw_string_end(s, 0)..], b" x");
        assert_eq!(raw_string_end(br#"r"x" y"#, 0), 4);
        assert_eq!(raw_string_end(b"r##\"never", 0), 9);
        assert_eq!(raw_string_end(b"r", 0), 1);
    }
}
