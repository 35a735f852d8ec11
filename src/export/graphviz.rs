//! Rendering DOT into images with Graphviz's `dot`.
//!
//! This is the only place dyad runs another program. A missing `dot` is reported as
//! [`ExportError::NoGraphviz`], with how to install it; a failing one with its own message.
//!
//! This file must not write files: it returns the rendered bytes, and the file helpers decide
//! where they go.

use std::io::{self, Write as _};
use std::process::{Command, Stdio};

use super::{ExportError, ExportFormat, Writer};

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
        Err(e) => return Err(e.into()),
    };
    // Write on another thread: dot may fill its output pipe before reading all its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output()?;
    writer.join().expect("the writer thread does not panic")?;
    if !out.status.success() {
        return Err(ExportError::Graphviz(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(out.stdout)
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
}
