//! Placeholder until the GDELT parser lands.

use super::{Parsed, Rows, Skipped};

/// Parses a GDELT events file.
pub(super) fn parse(_rows: &Rows<'_>) -> Parsed {
    Parsed::unreadable(1, "not yet".into())
}

/// A GDELT 2.0 Mentions row: the event it mentions and where the row is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The GLOBALEVENTID it mentions.
    pub event: Box<str>,
    /// The row's 1-based line.
    pub line: u32,
    /// Byte offset of the row.
    pub start: u32,
    /// Length of the row without its line ending.
    pub len: u32,
}

/// A Mentions file, parsed.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    /// The rows, in file order.
    pub mentions: Vec<Mention>,
    /// Rows that are malformed.
    pub skipped: Vec<Skipped>,
    /// Data rows read.
    pub rows: u32,
}

/// Parses a GDELT 2.0 Mentions file (16 columns, tab-separated, no header).
pub fn parse_mentions(_rows: &Rows<'_>) -> Mentions {
    Mentions::default()
}
