//! Bounded queries: `k` has a maximum, a `--timeout` (or a tripped token) stops a long query
//! with an error instead of an answer, and a stopped query never prints part of one.
//!
//! The long queries run on a generated database large enough that, uncancelled, exact
//! betweenness and `path … k 1000` each take several seconds in a debug build. The tests assert
//! that a stopped query returns within five times its timeout: behaviour, not speed.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::dyad;
use dyad::answer::{answer_within, AnswerError};
use dyad::cancel::{Cancel, Stopped};
use dyad::repl::{EvalError, Session};

/// A generated database in its own directory, removed when dropped.
struct Synth {
    dir: PathBuf,
}

impl Synth {
    /// 4,000 actors and 40,000 claims: exact betweenness (under the 5,000-actor limit, so not
    /// sampled) and Yen's algorithm for a thousand paths both run for seconds in a debug build.
    fn new() -> Synth {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dyad-bounds-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let spec = dyad::synth::Spec {
            actors: 4_000,
            claims: 40_000,
            claims_per_document: 1_000,
            seed: 42,
        };
        dyad::synth::generate(&spec, &dir).expect("the synthetic database is written");
        Synth { dir }
    }

    fn dir(&self) -> &Path {
        &self.dir
    }

    fn session(&self) -> Session {
        Session::new(dyad::load_dir(&self.dir).expect("the synthetic database loads"))
    }
}

impl Drop for Synth {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Two actors far apart in the generated graph (neither is a hub), with many simple paths.
fn far_pair() -> String {
    format!(
        "path {} {} k 1000",
        dyad::synth::actor_id(3998),
        dyad::synth::actor_id(3999)
    )
}

/// Runs `line` with `timeout` and asserts it fails with the timeout's message within five
/// times the timeout, writing nothing.
#[track_caller]
fn assert_times_out(session: &mut Session, line: &str, timeout: Duration) {
    session.timeout = Some(timeout);
    let mut out = Vec::new();
    let started = Instant::now();
    let result = session.eval_line(line, &mut out);
    let took = started.elapsed();
    match result {
        Err(EvalError::Query(e)) => {
            let expected = Stopped::TimedOut(timeout).to_string();
            assert_eq!(e.message, expected, "{line}");
            assert!(e.help.is_some(), "{line}: the error says what to do");
        }
        other => panic!("{line}: expected a timeout, got {other:?}"),
    }
    assert!(
        took < timeout * 5,
        "{line}: stopped after {took:?}, more than five times the timeout of {timeout:?}"
    );
    assert!(out.is_empty(), "{line}: printed part of an answer");
    assert!(session.last_answer().is_none(), "{line}: kept an answer");
}

#[test]
fn a_timeout_stops_exact_betweenness_on_a_large_graph() {
    let synth = Synth::new();
    let mut s = synth.session();
    assert_times_out(&mut s, "central by betweenness", Duration::from_millis(250));
}

#[test]
fn a_timeout_stops_a_thousand_shortest_paths_on_a_large_graph() {
    let synth = Synth::new();
    let mut s = synth.session();
    assert_times_out(&mut s, &far_pair(), Duration::from_millis(250));
    // Every query gets the whole timeout: a quick one after a stopped one answers.
    let mut out = Vec::new();
    s.eval_line("path x3998 x3999", &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("Actor 3999"));
}

#[test]
fn cancelling_from_another_thread_stops_the_running_query_and_only_that_one() {
    let synth = Synth::new();
    let mut s = synth.session();
    let stop = s.cancel_token();
    let trip = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        stop.cancel();
    });
    let started = Instant::now();
    let result = s.eval_line("central by betweenness", &mut Vec::new());
    let took = started.elapsed();
    trip.join().unwrap();
    match result {
        Err(EvalError::Query(e)) => assert_eq!(e.message, "cancelled"),
        other => panic!("expected a cancelled query, got {other:?}"),
    }
    assert!(took < Duration::from_secs(2), "stopped after {took:?}");
    // The token is cleared for the next query.
    let mut out = Vec::new();
    s.eval_line("find x17", &mut out).unwrap();
    assert!(!out.is_empty());
}

#[test]
fn a_session_honours_a_token_it_is_given() {
    let synth = Synth::new();
    let mut s = synth.session();
    let shared = Cancel::new();
    s.set_cancel(shared.clone());
    let trip = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        shared.cancel();
    });
    let result = s.eval_line(&far_pair(), &mut Vec::new());
    trip.join().unwrap();
    assert!(
        matches!(&result, Err(EvalError::Query(e)) if e.message == "cancelled"),
        "{result:?}"
    );
}

#[test]
fn every_query_stops_at_once_on_a_tripped_token() {
    let db = dyad::load_embedded().unwrap();
    let token = Cancel::new();
    token.cancel();
    for line in [
        "path Turkey SDF",
        "path Turkey SDF all",
        "path Turkey SDF k 5",
        "neighbors Iran depth 3",
        "mediators \"United States\" Iran",
        "evidence Turkey Israel",
        "show Turkey",
        "contested",
        "central",
        "central by degree",
        "find turk",
        "stats",
        "documents",
        "help",
    ] {
        let q = dyad::query::parse(line).unwrap();
        assert_eq!(
            answer_within(&db, &q, &token).unwrap_err(),
            AnswerError::Stopped(Stopped::Cancelled),
            "{line}"
        );
        // The same query on a fresh token answers.
        assert!(answer_within(&db, &q, &Cancel::new()).is_ok(), "{line}");
    }
}

#[test]
fn path_turkey_sdf_k_100000_stops_with_a_message() {
    let started = Instant::now();
    let o = dyad(&["-c", "path Turkey SDF k 100000"], "");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: `k` is at most 1000, not 100000"),
        "{err}"
    );
    assert!(
        err.contains("help: `k N` lists the N shortest paths"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn the_largest_k_allowed_answers_on_the_seed_graph() {
    let o = dyad(&["-c", "path Turkey SDF k 1000"], "");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("from Turkey to SDF"));
}

#[test]
fn dash_dash_timeout_fails_the_query_with_exit_code_1() {
    let synth = Synth::new();
    let data = synth.dir().to_str().unwrap();
    // A script: the first line is stopped, the second still answers.
    let o = dyad(
        &["--data", data, "--timeout", "0.2"],
        "central by betweenness\nfind x17\n",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 1: error: stopped after the timeout of 0.2 s"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Actor 17"), "{out}");
    assert!(!out.contains("Most central"), "{out}");

    // `-c` in JSON: one error document for the stopped query.
    let o = dyad(
        &[
            "--data",
            data,
            "--timeout",
            "0.2",
            "--format",
            "json",
            "-c",
            &far_pair(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["type"], "error");
    assert_eq!(
        doc["error"]["message"],
        "stopped after the timeout of 0.2 s"
    );
}

#[test]
fn a_timeout_not_reached_changes_nothing() {
    let plain = dyad(&["-c", "path Turkey SDF k 3"], "");
    let timed = dyad(&["--timeout", "60", "-c", "path Turkey SDF k 3"], "");
    assert_eq!(timed.status.code(), Some(0));
    assert_eq!(plain.stdout, timed.stdout);
}

#[test]
fn a_timeout_must_be_a_positive_number_of_seconds() {
    for bad in ["0", "-1", "soon", "NaN", "inf"] {
        let o = dyad(&[&format!("--timeout={bad}"), "-c", "help"], "");
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--timeout"), "{bad}: {err}");
    }
}
