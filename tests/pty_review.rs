//! The REPL reviewing proposals as a person does: through a real pseudo-terminal, with
//! rustyline reading the keys.

#![cfg(unix)]

use std::path::PathBuf;

mod common;
use std::process::Command;
use std::time::Duration;

use expectrl::{Eof, Expect, Session};

/// A copy of the seed database with one document ingested.
fn ingested() -> PathBuf {
    let db = common::seed_copy("pty-review");
    let file = db.parent().unwrap().join("muscat.txt");
    std::fs::write(
        &file,
        "Oman hosted talks between Iran and the United States on February 6, 2026.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("ingest")
        .arg(&file)
        .arg("--data")
        .arg(&db)
        .output()
        .unwrap();
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
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.arg("--data").arg(&db).arg("--no-history");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
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
