//! The REPL as a person uses it, through a real pseudo-terminal (rustyline reading real keys):
//! Ctrl-C during a long query and at the prompt, history that survives the process being
//! killed, `.width` that sticks, pasted and typed-ahead lines, the pager, completion, and
//! reviewing proposals.

#![cfg(unix)]

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

mod common;

use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

/// A generated database large enough that exact betweenness runs for seconds (4,999 actors,
/// under the limit above which it samples).
/// Each test gets its own copy under `name`, since tests run at once.
fn large(name: &str) -> PathBuf {
    synth(name, 4999, 300_000)
}

/// A generated database of `actors` and `claims` under `name`.
fn synth(name: &str, actors: usize, claims: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-pty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = common::dyad(
        &[
            "synth",
            "--actors",
            &actors.to_string(),
            "--claims",
            &claims.to_string(),
            "-o",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Starts dyad with no pager, so that answers longer than the terminal come straight back;
/// the pager has tests of its own.
fn spawn(args: &[&str], data_home: &std::path::Path) -> OsSession {
    spawn_with(args, data_home, &[("PAGER", "")])
}

/// Starts dyad in a 100 × 20 terminal, with extra environment variables.
fn spawn_with(args: &[&str], data_home: &std::path::Path, env: &[(&str, &str)]) -> OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(args).env("XDG_DATA_HOME", data_home);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut p = Session::spawn(cmd).unwrap();
    p.get_process_mut().set_window_size(100, 20).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p
}

#[test]
fn ctrl_c_during_a_query_cancels_it_and_the_session_goes_on() {
    let dir = large("cancel");
    let home = dir.with_extension("home");
    let mut p = spawn(&["--data", dir.to_str().unwrap()], &home);
    p.expect("dyad> ").unwrap();
    p.send_line("central by betweenness").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.expect("cancelled").unwrap();
    p.expect("dyad> ").unwrap();
    // The session is intact: the next query answers.
    p.send_line("stats").unwrap();
    p.expect("4,999 actors").unwrap();
    p.expect("dyad> ").unwrap();
    // Ctrl-C at the prompt abandons the line; a second says how to leave. Each is pressed a
    // moment after the prompt shows, as a person's is: on Ctrl-C the editor redraws the
    // abandoned line (a "dyad> " the test can match) before it gives the terminal back, and a
    // Ctrl-C typed in that instant reaches the terminal as a signal, not as a key.
    std::thread::sleep(Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.expect("dyad> ").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send("\x03").unwrap();
    p.expect("Ctrl-D or .quit leaves dyad").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn history_survives_kill_9() {
    let home = std::env::temp_dir().join(format!("dyad-pty-history-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let mut p = spawn(&[], &home);
    p.expect("dyad> ").unwrap();
    // Each answer is awaited by its own words: rustyline redraws the prompt as it echoes a
    // line, so the prompt alone does not show that the line was run.
    p.send_line("show Turkey").unwrap();
    p.expect("Turkey [turkey]").unwrap();
    p.send_line("stats").unwrap();
    p.expect("83 actors").unwrap();
    p.expect("dyad> ").unwrap();
    let pid = p.get_process().pid();
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let history = std::fs::read_to_string(home.join("dyad/history")).unwrap();
    assert!(
        history.contains("show Turkey") && history.contains("stats"),
        "{history}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn width_n_sticks_in_the_repl_until_auto() {
    let home = std::env::temp_dir().join(format!("dyad-pty-width-{}", std::process::id()));
    let mut p = spawn(&["--no-history"], &home);
    p.expect("dyad> ").unwrap();
    // `.width N` prints nothing; the next line is typed at once, ahead of the prompt.
    p.send_line(".width 50").unwrap();
    p.send_line(".width").unwrap();
    // Before, the terminal's width overwrote it before every line.
    p.expect("width: 50\r\n").unwrap();
    p.expect("dyad> ").unwrap();
    p.send_line(".width auto").unwrap();
    p.send_line(".width").unwrap();
    p.expect("(auto)").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let _ = std::fs::remove_dir_all(&home);
}

// Reviewing what `ingest` proposed, at the REPL's prompt.

/// A copy of the seed database with one document ingested.
fn ingested() -> PathBuf {
    let db = common::seed_copy("pty-review");
    let file = db.parent().unwrap().join("muscat.txt");
    std::fs::write(
        &file,
        "Oman hosted talks between Iran and the United States on February 6, 2026.\n",
    )
    .unwrap();
    let out = common::dyad(
        &[
            "ingest",
            file.to_str().unwrap(),
            "--data",
            db.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

#[test]
fn review_in_the_repl_through_a_terminal_and_query_the_accepted_claim() {
    let db = ingested();
    let home = db.with_extension("home");
    let mut p = spawn(&["--data", db.to_str().unwrap(), "--no-history"], &home);
    p.expect("dyad> ").unwrap();
    p.send_line("review muscat").unwrap();
    p.expect("»Oman hosted talks between Iran and the United States")
        .unwrap();
    p.expect("review> ").unwrap();
    // Accept the mediation; the next proposal is shown.
    p.send_line("a").unwrap();
    p.expect("proposal 2 of").unwrap();
    p.expect("review> ").unwrap();
    p.send_line("q").unwrap();
    p.expect("accepted 1, rejected 0").unwrap();
    p.expect("dyad> ").unwrap();
    // The next query sees the accepted claim.
    p.send_line("cite muscat#1").unwrap();
    p.expect("Oman between").unwrap();
    p.expect("dyad> ").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let text = std::fs::read_to_string(db.join("claims/muscat.ron")).unwrap();
    assert!(text.contains("from: \"oman\""), "{text}");
}

// Pasting and typing ahead.

/// Starts the REPL on the seed graph with its history in a fresh directory.
fn seed_repl(name: &str) -> (OsSession, PathBuf) {
    let home = std::env::temp_dir().join(format!("dyad-pty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let mut p = spawn(&[], &home);
    p.expect("dyad> ").unwrap();
    (p, home)
}

#[test]
fn a_plain_paste_of_three_lines_runs_all_three() {
    let (mut p, home) = seed_repl("paste");
    // One write, as a terminal delivers a paste without bracketed-paste mode.
    p.send("find oman\rfind fidan\rfind turkm\r").unwrap();
    p.expect("matching 'oman'").unwrap();
    p.expect("matching 'fidan'").unwrap();
    p.expect("matching 'turkm'").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn a_bracketed_paste_of_three_lines_runs_three_queries_with_three_history_entries() {
    let (mut p, home) = seed_repl("bracketed");
    // Before, the three lines became one query: "No actor matches 'oman find fidan …'".
    p.send("\x1b[200~find oman\rfind fidan\rfind turkm\x1b[201~\r")
        .unwrap();
    p.expect("matching 'oman'").unwrap();
    p.expect("matching 'fidan'").unwrap();
    p.expect("matching 'turkm'").unwrap();
    p.expect("dyad> ").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let history = std::fs::read_to_string(home.join("dyad/history")).unwrap();
    let lines: Vec<&str> = history.lines().filter(|l| l.starts_with("find")).collect();
    assert_eq!(
        lines,
        ["find oman", "find fidan", "find turkm"],
        "{history}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn lines_typed_while_a_query_runs_are_kept_and_run_in_order() {
    let dir = large("ahead");
    let home = dir.with_extension("home");
    let mut p = spawn(&["--data", dir.to_str().unwrap(), "--no-history"], &home);
    p.expect("dyad> ").unwrap();
    // A query that runs for a while, then two lines typed before it answers.
    p.send_line("central by betweenness top 3").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    p.send("find a1\r").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    p.send("stats\r").unwrap();
    p.expect("Most central actors").unwrap();
    p.expect("matching 'a1'").unwrap();
    p.expect("4,999 actors").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&home);
}

// The pager.

#[test]
fn an_answer_longer_than_the_terminal_goes_through_the_pager_and_a_short_one_does_not() {
    let home = std::env::temp_dir().join(format!("dyad-pty-pager-{}", std::process::id()));
    // A pager that marks every line it shows, so that the test sees what went through it.
    let mut p = spawn_with(&["--no-history"], &home, &[("PAGER", "sed 's/^/paged> /'")]);
    p.expect("dyad> ").unwrap();
    // `help` is longer than 20 rows; `find oman` is five lines.
    p.send_line("help").unwrap();
    p.expect("paged> Queries").unwrap();
    p.expect("dyad> ").unwrap();
    p.send_line("find oman").unwrap();
    p.send_line(".pager").unwrap();
    let short = p.expect("pager: on").unwrap();
    let short = String::from_utf8_lossy(short.before()).to_string();
    assert!(
        short.contains("[oman] state") && !short.contains("paged>"),
        "{short}"
    );
    // `.pager off` prints even long answers straight.
    p.send_line(".pager off").unwrap();
    p.send_line("help").unwrap();
    p.send_line(".pager").unwrap();
    let long = p.expect("pager: off").unwrap();
    let long = String::from_utf8_lossy(long.before()).to_string();
    assert!(
        long.contains("Examples:") && !long.contains("paged>"),
        "{long}"
    );
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
}

#[test]
fn a_pager_that_cannot_start_still_shows_the_answer() {
    let home = std::env::temp_dir().join(format!("dyad-pty-nopager-{}", std::process::id()));
    let mut p = spawn_with(&["--no-history"], &home, &[("PAGER", "no-such-pager-dyad")]);
    p.expect("dyad> ").unwrap();
    p.send_line("help").unwrap();
    p.expect("was not found").unwrap();
    p.expect("Queries (names resolve").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
}

#[test]
fn the_default_pager_is_less_and_q_returns_to_the_prompt() {
    let home = std::env::temp_dir().join(format!("dyad-pty-less-{}", std::process::id()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.arg("--no-history")
        .env("XDG_DATA_HOME", &home)
        .env_remove("PAGER")
        .env_remove("LESS");
    let mut p = Session::spawn(cmd).unwrap();
    p.get_process_mut().set_window_size(100, 20).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("dyad> ").unwrap();
    p.send_line("help").unwrap();
    // less shows the first screen and waits at its prompt; `q` leaves it, and dyad goes on.
    p.expect("Queries (names resolve").unwrap();
    p.expect(":").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send("q").unwrap();
    p.send_line("find oman").unwrap();
    p.expect("[oman] state").unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
}

// Completion.

#[test]
fn tab_completes_a_quoted_multi_word_name_as_one_unit() {
    let (mut p, home) = seed_repl("tab");
    p.send("mediators \"United St\t").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send(" Iran\r").unwrap();
    // Before, Tab gave `mediators "United "St` and the query failed.
    p.expect("Mediators between United States and Iran")
        .unwrap();
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
    let history = std::fs::read_to_string(home.join("dyad/history")).unwrap();
    assert!(
        history
            .lines()
            .any(|l| l == "mediators \"United States\" Iran"),
        "{history}"
    );
    let _ = std::fs::remove_dir_all(&home);
}

// Progress on a terminal.

#[test]
fn a_long_load_shows_its_progress_on_a_terminal() {
    let dir = synth("progress", 20_000, 1_000_000);
    // `check` reads every file, which takes seconds at this size: the bar appears after one.
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(["check", "--data", dir.to_str().unwrap()]);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(120)));
    let shown = p.expect("ok: 20,000 actors").unwrap();
    let shown = String::from_utf8_lossy(shown.before()).to_string();
    assert!(
        shown.contains("reading the database") || shown.contains("building the graph"),
        "no progress shown: {shown:?}"
    );
    p.expect(Eof).unwrap();
    // Through a pipe, the same command shows none.
    let piped = common::dyad(&["check", "--data", dir.to_str().unwrap()], "");
    let err = String::from_utf8_lossy(&piped.stderr);
    assert!(!err.contains("reading the database"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_first_answer_after_a_resize_fits_the_new_width() {
    let home = std::env::temp_dir().join(format!("dyad-pty-resize-{}", std::process::id()));
    let mut p = spawn(&["--no-history"], &home);
    p.expect("dyad> ").unwrap();
    p.get_process_mut().set_window_size(60, 20).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    p.send_line("neighbors Turkey").unwrap();
    p.send_line(".width").unwrap();
    let answer = p.expect("width: 60").unwrap();
    let answer = String::from_utf8_lossy(answer.before()).to_string();
    let start = answer.find("Neighbourhood of Turkey").expect("the answer");
    // The answer ends where the editor draws the next line (an escape sequence).
    let end = answer[start..]
        .find('\x1b')
        .map_or(answer.len(), |e| start + e);
    assert!(
        answer[start..end].contains("Turkmenistan"),
        "the whole answer"
    );
    for line in answer[start..end].lines() {
        assert!(
            line.trim_end().chars().count() <= 60,
            "{line:?} in:\n{answer}"
        );
    }
    p.send("\x04").unwrap();
    p.expect(Eof).unwrap();
}
