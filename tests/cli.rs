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

#[test]
fn one_invalid_byte_in_a_script_fails_only_its_line_and_names_it() {
    let script = b"show Turkey\r\nshow Om\xffan\nshow Iran\n";
    let o = common::dyad_bytes(&[], script);
    assert_eq!(o.status.code(), Some(1));
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        out.contains("Turkey [turkey]") && out.contains("Iran [iran]"),
        "the other lines still run:\n{out}"
    );
    assert!(
        err.contains("line 2: error: the line is not valid UTF-8: byte 0xff at column 8"),
        "{err}"
    );

    let o = common::dyad_bytes(&["--bail"], script);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Turkey [turkey]"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("Iran [iran]"), "--bail stops at it");

    let o = common::dyad_bytes(&["--format", "json"], script);
    let docs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3, "one document per line");
    assert_eq!(docs[1]["type"], "error");
    assert_eq!(docs[1]["query"], "show Om\u{fffd}an");
    assert_eq!(docs[1]["error"]["column"], 8);
}

/// A fixture whose names, aliases and quote hold terminal control sequences: a window title
/// change, a colour, a screen clear by the 8-bit CSI, a carriage return and a bell.
fn hostile_terminal_fixture() -> common::Fixture {
    const EVIL: &str = "\u{1b}]0;owned\u{7}\u{1b}[31m\u{9b}2J\r\u{7f}";
    let fx = common::Fixture::new();
    fx.edit(
        "actors.ron",
        "name: \"Turkey\"",
        &format!("name: \"Tur{EVIL}key\""),
    );
    fx.edit("actors.ron", "\"Türkiye\"", &format!("\"Tür{EVIL}kiye\""));
    fx.edit(
        "seeds/doc.txt",
        "Iran informed Turkey in advance.",
        &format!("Iran informed {EVIL}Turkey in advance."),
    );
    fx.edit(
        "claims/doc.ron",
        "quote: \"Iran informed Turkey in advance\"",
        &format!("quote: \"Iran informed {EVIL}Turkey in advance\""),
    );
    fx
}

/// Whether text holds a control character other than the line feed and tab of a layout.
fn has_raw_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn control_characters_in_names_and_quotes_reach_the_terminal_escaped() {
    let fx = hostile_terminal_fixture();
    let data = fx.dir().to_str().unwrap();
    for q in [
        "show turkey",
        "evidence turkey",
        "evidence Iran",
        "find tur",
        "neighbors Iran",
        "mediators US Iran",
        "path Iran US",
        "cite doc#1",
    ] {
        let o = dyad(&["--data", data, "-c", q], "");
        assert_eq!(o.status.code(), Some(0), "{q}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!has_raw_controls(&out), "{q}: {out:?}");
        // (Wrapped text reads the carriage return as the white space it is.)
        assert!(
            out.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[31m\\u{9b}2J"),
            "{q} shows the sequence escaped: {out}"
        );
    }
    // Errors too, with the suggestion that names the hostile actor.
    let o = dyad(&["--data", data, "-c", "show \u{1b}[2JTurkei"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(!has_raw_controls(&err), "{err:?}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");
}

#[test]
fn json_output_keeps_control_characters_exact() {
    let fx = hostile_terminal_fixture();
    let o = dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "--format",
            "json",
            "-c",
            "show turkey",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!has_raw_controls(&out), "{out:?}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["actor"]["name"],
        "Tur\u{1b}]0;owned\u{7}\u{1b}[31m\u{9b}2J\r\u{7f}key"
    );
}

#[test]
fn check_shows_control_characters_in_bad_data_escaped() {
    let fx = common::Fixture::new();
    fx.edit(
        "claims/doc.ron",
        "from: \"iran\"",
        "from: \"ir\u{1b}[31man\"",
    );
    for args in [vec!["check", "--data"], vec!["-c", "stats", "--data"]] {
        let mut args = args.clone();
        args.push(fx.dir().to_str().unwrap());
        let o = dyad(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains('\u{1b}'), "{args:?}: {all:?}");
        assert!(all.contains("ir\\u{1b}[31man"), "{args:?}: {all}");
    }
}

#[test]
fn synth_rejects_sizes_it_cannot_generate_with_a_message_not_a_panic() {
    let fx = common::Fixture::new();
    let out = fx.dir().join("synth");
    let out = out.to_str().unwrap();
    for (args, needle) in [
        (
            vec!["synth", "--actors", "1", "-o", out],
            "--actors must be at least 3",
        ),
        (
            vec!["synth", "--per-document", "0", "--claims", "5", "-o", out],
            "--per-document must be at least 1",
        ),
    ] {
        let o = dyad(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(needle) && !err.contains("panicked"), "{err}");
    }
}

#[test]
fn dash_f_runs_a_script_file_naming_its_failing_lines() {
    let script = std::env::temp_dir().join(format!("dyad-script-{}.dyad", std::process::id()));
    std::fs::write(&script, "stats; # how big\nshow Narnia\nshow Iran\n").unwrap();
    let o = common::dyad(&["-f", script.to_str().unwrap()], "");
    assert!(stdout(&o).contains("83 actors") && stdout(&o).contains("Iran [iran]"));
    assert!(
        stderr(&o).contains("line 2: error: no actor 'Narnia'"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(1));
    let o = common::dyad(&["-f", "/nonexistent/script.dyad"], "");
    assert!(stderr(&o).contains("cannot read /nonexistent/script.dyad"));
    let _ = std::fs::remove_file(&script);
}

#[test]
fn json_mode_prints_only_json_whatever_the_script_does() {
    let export = std::env::temp_dir().join(format!("dyad-json-only-{}.json", std::process::id()));
    let script = format!(
        ".timer on\nstats\n.mode\n.rollup\n.timer\npath Turkey SDF\nexport {}\n.help\nshow Narnia\n",
        export.display()
    );
    let o = common::dyad(&["--format", "json"], &script);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 10, "{out}");
    for line in out.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["type"].is_string(), "{line}");
    }
    assert!(out.contains(r#""type":"export""#) && out.contains(r#""type":"timer""#));
    let _ = std::fs::remove_file(&export);
}

#[test]
fn dash_c_honours_width_and_columns() {
    let longest =
        |o: &std::process::Output| stdout(o).lines().map(|l| l.chars().count()).max().unwrap();
    let wide = common::dyad(&["-c", "evidence Turkey Syria"], "");
    let narrow = common::dyad(&["-c", "evidence Turkey Syria", "--width", "60"], "");
    assert!(
        longest(&wide) > 60 && longest(&narrow) <= 60,
        "{}",
        stdout(&narrow)
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["-c", "evidence Turkey Syria"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    assert!(longest(&o) <= 60, "{}", stdout(&o));
}

#[test]
fn answers_of_repeated_dash_c_are_separated_by_a_blank_line() {
    let o = common::dyad(&["-c", "show Oman", "-c", "show Qatar"], "");
    let out = stdout(&o);
    let at = out.find("Qatar [qatar]").unwrap();
    assert!(out[..at].ends_with("\n\n"), "{out}");
}

#[test]
fn read_takes_a_quoted_file_name_with_spaces() {
    let dir = std::env::temp_dir().join(format!("dyad read dir {}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("my queries.dyad");
    std::fs::write(&script, "stats\n").unwrap();
    let o = common::dyad(&["-c", &format!(".read \"{}\"", script.display())], "");
    assert!(stdout(&o).contains("83 actors"), "{}", stderr(&o));
    let o = common::dyad(&["-c", ".read \"unclosed"], "");
    assert!(stderr(&o).contains("a quote is not closed"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn format_csv_from_the_command_line_prints_only_rows() {
    let o = common::dyad(
        &["--format", "csv", "-c", "find turk", "-c", "central top 2"],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "actor,id,kind,matched");
    // Two answers, told apart by a blank line as repeated -c answers are.
    assert_eq!(lines[5], "");
    assert_eq!(lines[6], "rank,actor,id,score,neighbours");
    assert!(
        lines[7].starts_with("1,United States,united_states,"),
        "{out}"
    );
}

#[test]
fn a_script_that_reads_itself_is_refused_before_it_runs_again() {
    let fx = common::Fixture::new();
    let a = fx.dir().join("a.dyad");
    let b = fx.dir().join("b.dyad");
    std::fs::write(&a, format!("find oman\n.read {}\n", b.display())).unwrap();
    std::fs::write(&b, format!(".read {}\n", a.display())).unwrap();
    let o = common::dyad(&["-c", &format!(".read {}", a.display())], "");
    assert_eq!(o.status.code(), Some(1));
    // The file ran once: before, it ran eight levels deep before the depth limit stopped it.
    assert_eq!(
        stdout(&o).matches("matching 'oman'").count(),
        1,
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("inside itself"), "{}", stderr(&o));
}
