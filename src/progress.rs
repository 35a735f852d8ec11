//! Reporting the progress of long work — loading, importing, writing a snapshot — without
//! knowing how it is shown.
//!
//! The library says what stage it is in and how far along ([`Progress`]); the binary shows
//! that as a progress bar on a terminal and nothing in a script. Work that takes a progress
//! reporter takes `&dyn Progress`; [`Silent`] reports nothing.
//!
//! Must not: write to a terminal or know whether there is one (that is the binary's).

/// Receives progress reports. Calls come from the thread doing the work, in order.
pub trait Progress: Sync {
    /// A stage begins, e.g. `parsing datasets/events.tab`, with how many units it has (bytes
    /// or rows) when known.
    fn stage(&self, what: &str, total: Option<u64>);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// The work is over (successfully or not): whatever showed it can go.
    fn finish(&self) {}
}

/// Reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
}
