//! Long answers through a pager, as psql and git show them.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager used when `$PAGER` is unset: `-F` quits at once when the text fits on a screen,
/// `-R` passes colour through, `-X` leaves the text on the screen after quitting.
pub const DEFAULT_PAGER: &str = "less -FRX";

/// The pager command: `$PAGER` when set, the default when unset, and none when set empty (the
/// way to ask for no pager from the environment, as with git and psql).
fn command() -> Option<String> {
    match std::env::var("PAGER") {
        Ok(p) if p.trim().is_empty() => None,
        Ok(p) => Some(p),
        Err(_) => Some(DEFAULT_PAGER.to_string()),
    }
}

/// Prints `text`, through the pager when it has more lines than the terminal has rows.
///
/// A pager that cannot be started is reported once on standard error and the text printed
/// as it is: an answer is never lost to a missing `less`. A pager quit before it read
/// everything (`q` in `less`) is not an error.
pub fn show(text: &[u8], rows: Option<usize>) -> io::Result<()> {
    let lines = text.iter().filter(|&&b| b == b'\n').count();
    let long = rows.is_some_and(|r| lines >= r.saturating_sub(1));
    let Some(cmd) = command().filter(|_| long) else {
        return write_out(text);
    };
    // Through the shell, so that `$PAGER` may carry arguments (`less -S`), as git runs it.
    let child = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("warning: cannot start the pager `{cmd}`: {e}; `.pager off` stops trying");
            return write_out(text);
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        match stdin.write_all(text) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            other => other?,
        }
    }
    let status = child.wait()?;
    // `sh` exits 127 when the command does not exist: the answer still has to be seen.
    if status.code() == Some(127) {
        eprintln!("warning: the pager `{cmd}` was not found; `.pager off` stops trying");
        return write_out(text);
    }
    Ok(())
}

fn write_out(text: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text)?;
    out.flush()
}
