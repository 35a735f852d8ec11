//! Stopping long work: a [`Cancel`] token that another thread trips, or a deadline expires,
//! and a [`Ticker`] that long loops consult every so often.
//!
//! A query on a large graph can run for seconds (exact betweenness, many shortest paths, a
//! neighbourhood of the whole graph). Whoever started it — the REPL on Ctrl-C, the command line
//! with `--timeout` — must be able to stop it, and a stopped query must say so: the loops that
//! honour a token return [`Stopped`], and nothing partial is ever presented as an answer.
//!
//! Invariants:
//!
//! - **Cheap to hold and to check.** A token is an `Arc<AtomicBool>` and an optional deadline;
//!   cloning it shares the flag. A [`Ticker`] reads the token only once every
//!   [`Ticker::EVERY`] ticks (and on its first), so a loop pays an increment and a branch per
//!   step; a walk that cannot be stopped pays nothing at all.
//! - **Stopping is cooperative**: nothing is interrupted from outside. Work stops at the next
//!   check, so the granularity of the checks bounds how late it stops.
//!
//! This module is a leaf: it uses nothing else in dyad, does no I/O and starts no threads.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A cancellation token: tripped by [`Cancel::cancel`] from any thread, or expired when its
/// deadline passes. Clones share the flag, so the clone a Ctrl-C handler holds stops the query
/// that another clone was given.
///
/// ```
/// use std::time::Duration;
/// use dyad::cancel::{Cancel, Stopped};
///
/// let token = Cancel::new();
/// let handle = token.clone();
/// assert_eq!(token.check(), Ok(()));
/// handle.cancel();
/// assert_eq!(token.check(), Err(Stopped::Cancelled));
/// token.reset();
/// assert_eq!(token.check(), Ok(()));
///
/// // A deadline already passed: the query stops at its first check.
/// let timed = token.with_timeout(Duration::ZERO);
/// assert_eq!(timed.check(), Err(Stopped::TimedOut(Duration::ZERO)));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Cancel {
    flag: Arc<AtomicBool>,
    deadline: Option<Deadline>,
}

/// When a token expires, and the timeout it was set from (for the message).
#[derive(Clone, Copy, Debug)]
struct Deadline {
    at: Instant,
    after: Duration,
}

impl Cancel {
    /// A token that nothing has tripped, with no deadline.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// A clone of this token that also expires `timeout` from now. It shares the flag, so
    /// cancelling either stops both; a deadline this token already had is replaced.
    pub fn with_timeout(&self, timeout: Duration) -> Cancel {
        Cancel {
            flag: Arc::clone(&self.flag),
            // A timeout too large to add to the clock never expires.
            deadline: Instant::now()
                .checked_add(timeout)
                .map(|at| Deadline { at, after: timeout }),
        }
    }

    /// Trips the token: every clone reports [`Stopped::Cancelled`] at its next check, until
    /// [`Cancel::reset`]. Safe to call from any thread, or from a signal-handling thread.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    /// Clears the flag, so the token (and every clone) can be used for the next query. The
    /// deadline, if any, stays.
    pub fn reset(&self) {
        self.flag.store(false, Ordering::Relaxed);
    }

    /// Whether the work should stop: the flag is tripped, or the deadline has passed. One
    /// atomic load, and a read of the clock when there is a deadline.
    pub fn check(&self) -> Result<(), Stopped> {
        if self.flag.load(Ordering::Relaxed) {
            return Err(Stopped::Cancelled);
        }
        match self.deadline {
            Some(d) if Instant::now() >= d.at => Err(Stopped::TimedOut(d.after)),
            _ => Ok(()),
        }
    }

    /// The timeout this token was given, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.deadline.map(|d| d.after)
    }
}

/// Why work stopped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The token was tripped ([`Cancel::cancel`]): Ctrl-C, say.
    Cancelled,
    /// The token's deadline passed; the duration is the timeout it was given.
    TimedOut(Duration),
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Cancelled => f.write_str("cancelled"),
            Stopped::TimedOut(after) => {
                write!(f, "stopped after the timeout of {}", seconds(*after))
            }
        }
    }
}

impl std::error::Error for Stopped {}

/// A duration in seconds as people write it: `2 s`, `0.5 s`, `1.25 s`, `0.000001 s`.
fn seconds(d: Duration) -> String {
    // Nanosecond precision, then no trailing zeros: a timeout is shown as it was given.
    let s = format!("{:.9}", d.as_secs_f64());
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} s")
}

/// A loop's view of a token: [`Ticker::tick`] once per step, and the token is read on the
/// first tick and then once every [`Ticker::EVERY`] ticks. Without a token it never stops.
///
/// ```
/// use dyad::cancel::{Cancel, Stopped, Ticker};
///
/// let token = Cancel::new();
/// let mut ticker = Ticker::new(Some(&token));
/// assert_eq!(ticker.tick(), Ok(()));
/// token.cancel();
/// // The next read of the token is a thousand-odd steps away.
/// let steps = (0..10_000).take_while(|_| ticker.tick().is_ok()).count();
/// assert_eq!(steps, Ticker::EVERY as usize - 1);
/// assert_eq!(ticker.tick(), Ok(()));
/// assert_eq!(ticker.now(), Err(Stopped::Cancelled));
/// ```
#[derive(Debug)]
pub struct Ticker<'a> {
    cancel: Option<&'a Cancel>,
    count: u32,
}

impl<'a> Ticker<'a> {
    /// How many ticks apart the token is read. A power of two, so the test is a mask; at about
    /// a nanosecond or more per step, a check every thousand steps stops work within
    /// microseconds of the token tripping, and costs nothing measurable.
    pub const EVERY: u32 = 1024;

    /// A ticker over `cancel`; with `None`, one that never stops.
    pub fn new(cancel: Option<&'a Cancel>) -> Ticker<'a> {
        Ticker { cancel, count: 0 }
    }

    /// One step of work: reads the token on the first step and every [`Ticker::EVERY`]th.
    #[inline]
    pub fn tick(&mut self) -> Result<(), Stopped> {
        let c = self.count;
        self.count = c.wrapping_add(1);
        if c & (Self::EVERY - 1) == 0 {
            self.now()
        } else {
            Ok(())
        }
    }

    /// Reads the token now, whatever the count: for steps that are each large (a whole
    /// breadth-first search), where a thousand of them would be far too long to wait.
    pub fn now(&self) -> Result<(), Stopped> {
        match self.cancel {
            Some(c) => c.check(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_stopped_the_work() {
        assert_eq!(Stopped::Cancelled.to_string(), "cancelled");
        let t = |ms| Stopped::TimedOut(Duration::from_millis(ms)).to_string();
        assert_eq!(t(2000), "stopped after the timeout of 2 s");
        assert_eq!(t(500), "stopped after the timeout of 0.5 s");
        assert_eq!(t(1250), "stopped after the timeout of 1.25 s");
        assert_eq!(t(0), "stopped after the timeout of 0 s");
        let tiny = Stopped::TimedOut(Duration::from_micros(1)).to_string();
        assert_eq!(tiny, "stopped after the timeout of 0.000001 s");
    }

    #[test]
    fn a_deadline_expires_and_a_clone_shares_the_flag() {
        let token = Cancel::new();
        let long = token.with_timeout(Duration::from_secs(3600));
        assert_eq!(long.check(), Ok(()));
        assert_eq!(long.timeout(), Some(Duration::from_secs(3600)));
        token.cancel();
        assert_eq!(long.check(), Err(Stopped::Cancelled));
        long.reset();
        assert_eq!(token.check(), Ok(()));
        let short = token.with_timeout(Duration::from_millis(1));
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(
            short.check(),
            Err(Stopped::TimedOut(Duration::from_millis(1)))
        );
        // The original has no deadline.
        assert_eq!(token.check(), Ok(()));
        assert_eq!(token.timeout(), None);
    }

    #[test]
    fn a_huge_timeout_never_expires() {
        let token = Cancel::new().with_timeout(Duration::MAX);
        assert_eq!(token.check(), Ok(()));
        assert_eq!(token.timeout(), None);
    }

    #[test]
    fn a_ticker_without_a_token_never_stops() {
        let mut t = Ticker::new(None);
        assert!((0..5000).all(|_| t.tick().is_ok()));
        assert_eq!(t.now(), Ok(()));
    }

    #[test]
    fn a_ticker_reads_a_tripped_token_on_its_first_tick() {
        let token = Cancel::new();
        token.cancel();
        assert_eq!(Ticker::new(Some(&token)).tick(), Err(Stopped::Cancelled));
    }
}
