//! Rendering DOT into images with Graphviz's `dot`.
//!
//! This is the only place dyad runs another program. A missing `dot` is reported as
//! [`ExportError::NoGraphviz`], with how to install it; a failing one with what it printed on
//! its standard error (or its exit status, when it printed nothing), even when it stopped
//! reading the diagram early and so broke the pipe dyad was writing it to: its own message
//! says why, where a bare "Broken pipe" would not. A pipe that breaks while `dot` reports no
//! error is [`ExportError::GraphvizIo`], saying which pipe.
//!
//! This file must not write files: it returns the rendered bytes, and the file helpers decide
//! where they go.

use std::io::{self, Write as _};
use std::process::{Command, ExitStatus, Stdio};

use super::{ExportError, ExportFormat, Writer};

/// The most characters of `dot`'s standard error kept in an error message: enough for its
/// complaint, not a flood of warnings.
const STDERR_CHARS: usize = 2000;

/// Renders DOT to SVG, PNG or PDF with Graphviz's `dot`, returning the rendered bytes. A
/// format that Graphviz does not render is refused with [`ExportError::NotRendered`].
pub fn render(dot_text: &str, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    let Writer::Rendered { graphviz, .. } = format.writer() else {
        return Err(ExportError::NotRendered(format));
    };
    let mut child = match Command::new("dot")
        .arg(format!("-T{graphviz}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ExportError::NoGraphviz),
        Err(source) => {
            return Err(ExportError::GraphvizIo {
                doing: "cannot start Graphviz's `dot`",
                source,
            })
        }
    };
    // Write on another thread: dot may fill its output pipe before reading all its input.
    // The pipe closes when the thread ends, which tells dot the diagram is complete.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|source| ExportError::GraphvizIo {
            doing: "cannot read the image from Graphviz's `dot`",
            source,
        })?;
    let fed = writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the thread writing to it panicked")));
    // dot's own verdict first: when it fails it stops reading, so the broken pipe that the
    // writer then meets is a consequence, and its message would hide the cause.
    if !out.status.success() {
        return Err(ExportError::Graphviz(failure(out.status, &out.stderr)));
    }
    fed.map_err(|source| ExportError::GraphvizIo {
        doing: "Graphviz's `dot` stopped reading the diagram before its end, without an error",
        source,
    })?;
    Ok(out.stdout)
}

/// What a failed `dot` said: its standard error, trimmed and cut, or its exit status.
fn failure(status: ExitStatus, stderr: &[u8]) -> String {
    let said = String::from_utf8_lossy(stderr);
    let said = said.trim();
    if said.is_empty() {
        format!("`dot` printed no message ({status})")
    } else {
        crate::text::clip(said, STDERR_CHARS).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_graphviz_does_not_render_is_refused_without_running_it() {
        let err = render("digraph {}", ExportFormat::Json).unwrap_err();
        assert!(matches!(err, ExportError::NotRendered(ExportFormat::Json)));
        assert_eq!(
            err.to_string(),
            "json is written by dyad itself, not rendered by Graphviz"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_silent_failure_is_described_by_its_exit_status() {
        use std::os::unix::process::ExitStatusExt as _;
        let msg = failure(ExitStatus::from_raw(1 << 8), b"  \n");
        assert_eq!(msg, "`dot` printed no message (exit status: 1)");
        let long = "x".repeat(100_000);
        let msg = failure(ExitStatus::from_raw(1 << 8), long.as_bytes());
        assert_eq!(msg.chars().count(), STDERR_CHARS);
    }
}
