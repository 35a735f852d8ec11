//! Placeholder until the acled parser lands.

use super::{Parsed, Rows};

/// Parses a acled file.
pub(super) fn parse(_rows: &Rows<'_>) -> Parsed {
    Parsed::unreadable(1, "not yet".into())
}
