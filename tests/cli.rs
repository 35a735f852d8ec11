//! The real binary: -c, scripts on stdin, JSON output, exit codes, completions.

mod common;

use common::dyad;
use serde_json::Value;

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_query_with_dash_c() {
    let o = dyad(&["-c", "mediators \"United States\" Iran"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1. Turkey — incl. Hakan Fidan, Recep Tayyip Erdoğan (rolled up)"));
}

#[test]
fn piped_stdin_runs_each_line_as_a_query() {
    let o = dyad(&[], "# comment\n\nshow Oman\nfind turk\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Oman [oman]") && out.contains("matching 'turk'"),
        "{out}"
    );
    assert!(
        !out.contains("dyad>"),
        "no prompt when stdin is not a terminal"
    );
}

#[test]
fn json_is_one_clean_document_per_query() {
    let o = dyad(
        &["--format", "json"],
        "stats\npath Turkey SDF via conflict\npath Turkei Iran\n",
    );
    assert_eq!(o.status.code(), Some(1), "one query failed");
    let docs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["type"], "stats");
    assert_eq!(docs[1]["type"], "path");
    assert_eq!(docs[2]["type"], "error");
    assert_eq!(docs[2]["query"], "path Turkei Iran");
    assert!(docs[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean Turkey"));
}

#[test]
fn a_failed_query_exits_1_and_points_at_the_column() {
    let o = dyad(&["-c", "path Turkey Iran depth 2"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("  path Turkey Iran depth 2\n                   ^\nerror: option 'depth'"),
        "{err}"
    );
}

#[test]
fn script_errors_name_the_line_and_bail_stops() {
    let script = "show Turkey\nshow Narnia\nshow Iran\n";
    let o = dyad(&[], script);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("line 2: error: no actor 'Narnia'"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("Iran [iran]"),
        "keeps going without --bail"
    );
    let o = dyad(&["--bail"], script);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !stdout(&o).contains("Iran [iran]"),
        "--bail stops at the first error"
    );
}

#[test]
fn no_path_is_an_answer_not_an_error() {
    let o = dyad(&["-c", "path Oman Israel via conflict"], "");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No path from Oman to Israel (via conflict)."));
}

#[test]
fn bad_usage_exits_2() {
    let o = dyad(&["--format", "xml", "-c", "stats"], "");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_data_exits_2_with_every_problem() {
    let fx = common::Fixture::new();
    fx.edit("claims/doc.ron", "to: \"turkey\"", "to: \"turky\"");
    let o = dyad(&["--data", fx.dir().to_str().unwrap(), "-c", "stats"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown actor id 'turky'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn own_database_with_data() {
    let fx = common::Fixture::new();
    let o = dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "-c",
            "mediators US Iran",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1. Turkey"));
}

#[test]
fn help_has_examples_and_completions_generate() {
    let o = dyad(&["--help"], "");
    assert!(stdout(&o).contains("Examples:"));
    for shell in ["bash", "zsh", "fish"] {
        let o = dyad(&["completions", shell], "");
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("dyad"), "{shell}");
    }
}

#[test]
fn closed_pipe_is_success() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Far more output than a pipe buffers (64 KiB), so dyad is still writing when the reader
    // goes away and its writes fail with a broken pipe.
    let queries: Vec<&str> = (0..40)
        .flat_map(|_| ["-c", "evidence United States"])
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(&queries)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
