//! Placeholder until the polecat parser lands.

use super::{Parsed, Rows};

/// Parses a polecat file.
pub(super) fn parse(_rows: &Rows<'_>) -> Parsed {
    Parsed::unreadable(1, "not yet".into())
}
