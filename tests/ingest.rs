//! `dyad ingest`, review and the write path: proposals from new text, decisions remembered,
//! changes validated and written without disturbing the rest of a file; and the proposer's
//! quality on the four seed documents, scored against their curated claims.

use std::path::{Path, PathBuf};
use std::process::Command;

use dyad::edit::{self, Change, EditError};
use dyad::ingest::{propose, score::Score, Meta};
use dyad::model::Genre;
use dyad::review::{Next, Review};

mod common;

/// The directory a change is made in.
fn dir(root: &Path) -> dyad::load::DirSource {
    dyad::load::DirSource::new(root)
}

/// A copy of the seed database this test may change.
fn seed_copy(name: &str) -> PathBuf {
    common::seed_copy(&format!("ingest-{name}"))
}

const NEWS: &str = "Talks in Muscat\n\nOman hosted talks between Iran and the United States on February 6, 2026. \
Turkish Foreign Minister Hakan Fidan met Iranian Foreign Minister Abbas Araghchi in Ankara. \
Israel reportedly struck Hezbollah positions in Lebanon. Jane Doe of the Acme Institute said the talks mattered. \
Jane Doe later spoke to Acme Institute staff.\n";

fn write_news(db: &Path) -> PathBuf {
    let file = db.parent().unwrap().join("muscat.txt");
    std::fs::write(&file, NEWS).unwrap();
    file
}

fn meta() -> edit::NewDocument {
    edit::NewDocument {
        date: Some("2026-02-07".into()),
        ..Default::default()
    }
}

#[test]
fn ingest_proposes_without_touching_accepted_claims() {
    let root = seed_copy("propose");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let file = write_news(&root);
    let done = edit::ingest(&dir(&root), &db, &file, &meta()).unwrap();
    assert_eq!(done.id, "muscat");
    assert!(done.added);
    // The text is copied unchanged and named in documents.ron; no claims file is written.
    assert_eq!(
        std::fs::read_to_string(root.join("documents/muscat.txt")).unwrap(),
        NEWS
    );
    assert!(!root.join("claims/muscat.ron").exists());
    let proposals = edit::read_proposals(&dir(&root), "muscat").unwrap();
    let mediation = &proposals.proposals[0];
    assert_eq!(mediation.claim.from, "oman");
    assert_eq!(
        mediation.claim.between,
        Some(("iran".into(), "united_states".into()))
    );
    assert_eq!(mediation.claim.date, "2026-02-06");
    assert!(
        mediation.why.contains("hosted talks between"),
        "{}",
        mediation.why
    );
    let strike = proposals
        .proposals
        .iter()
        .find(|p| p.claim.from == "israel")
        .unwrap();
    assert_eq!(strike.claim.action, dyad::model::Action::Assault);
    assert_eq!(strike.claim.certainty, dyad::model::Certainty::Reported);
    assert_eq!(strike.claim.date_from, dyad::model::DateSource::Document);
    // Unknown names that recur are proposed as actors.
    let names: Vec<&str> = proposals.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(
        names.contains(&"Jane Doe") && names.contains(&"Acme Institute"),
        "{names:?}"
    );
    // The database loads, and `check` accepts it.
    dyad::load_dir(&root).unwrap();
}

#[test]
fn review_accepts_into_claims_and_rejections_are_remembered() {
    let root = seed_copy("review");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let file = write_news(&root);
    let first = edit::ingest(&dir(&root), &db, &file, &meta()).unwrap();
    let mut db = first.db;
    let mut r = Review::open(&dir(&root), "muscat").unwrap();
    assert!(r.show(&db).contains("»Oman hosted talks between Iran"));
    assert_eq!(r.step(&mut db, "a").unwrap(), Next::More);
    assert_eq!(r.step(&mut db, "r").unwrap(), Next::More);
    r.step(&mut db, "certainty speculative").unwrap();
    assert!(r.show(&db).contains("certainty speculative"));
    r.step(&mut db, "a").unwrap();
    // The accepted claims are in claims/muscat.ron, cited in order, and queries see them.
    let text = std::fs::read_to_string(root.join("claims/muscat.ron")).unwrap();
    let accepted: dyad::store::ClaimsFileRecord = dyad::store::parse(&text).unwrap();
    assert_eq!(accepted.claims.len(), 2, "{text}");
    assert!(text.contains("certainty: speculative"));
    let fresh = dyad::load_dir(&root).unwrap();
    let mut s = dyad::repl::Session::new(fresh);
    let mut out = Vec::new();
    s.eval_line("cite muscat#1", &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("Oman"));
    // Run again: nothing decided is proposed again.
    let again = edit::ingest(&dir(&root), &db, &file, &meta()).unwrap();
    assert!(!again.added);
    assert_eq!(again.decided, 3);
    let file = edit::read_proposals(&dir(&root), "muscat").unwrap();
    let rejected = file
        .proposals
        .iter()
        .filter(|p| p.status == dyad::store::Status::Rejected)
        .count();
    assert_eq!(rejected, 1);
    assert_eq!(file.proposals.len(), first.found.proposals.len());
}

#[test]
fn amend_changes_only_the_field_and_keeps_comments() {
    let root = seed_copy("amend");
    let rel = root.join("claims/deconfliction.ron");
    let before = std::fs::read_to_string(&rel).unwrap();
    let marked = before.replacen(
        "            from: \"azerbaijan\",",
        "            // a reviewer's remark\n            from: \"azerbaijan\",",
        1,
    );
    std::fs::write(&rel, &marked).unwrap();
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let change = Change::parse(
        &edit::split_words(
            "amend deconfliction#2 certainty reported date 2025-04-09 date_from text",
        )
        .unwrap(),
    )
    .unwrap();
    change.apply(&dir(&root), &db).unwrap();
    let after = std::fs::read_to_string(&rel).unwrap();
    let expected = marked
        .replacen("            date: \"2025-04\",\n            date_from: document,\n            certainty: stated,\n            quote: \"These", "            date: \"2025-04-09\",\n            certainty: reported,\n            quote: \"These", 1);
    assert_eq!(after, expected);
}

#[test]
fn retract_keeps_the_citation_and_drops_the_claim_from_answers() {
    let root = seed_copy("retract");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let before = dyad::snapshot::load_dir(&root).unwrap().graph.edge_count();
    let a = edit::retract(
        &dir(&root),
        "deconfliction#2",
        "the talks were not hosted",
        "2026-11-22",
    )
    .unwrap();
    assert_eq!(a.summary, "retracted deconfliction#2");
    let text = std::fs::read_to_string(root.join("claims/deconfliction.ron")).unwrap();
    assert!(
        text.contains("note: \"Retracted 2026-11-22: the talks were not hosted | Azerbaijan hosts")
    );
    assert!(text.contains("retracted: true,"));
    // The claim keeps its number; the graph no longer has the Azerbaijan mediation edges.
    let db2 = dyad::load_dir(&root).unwrap();
    assert!(db2.graph.edge_count() < before);
    let mut s = dyad::repl::Session::new(db2);
    let mut out = Vec::new();
    s.eval_line("cite deconfliction#3", &mut out).unwrap();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("opposition forces surged"));
    drop(db);
    // Counted nowhere but as retracted: not in stats, not in the whole graph's export.
    let db3 = dyad::load_dir(&root).unwrap();
    let mut s = dyad::repl::Session::new(db3);
    let mut out = Vec::new();
    s.eval_line("stats", &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("276 claims and 1 retracted"), "{text}");
    let db3 = dyad::load_dir(&root).unwrap();
    let g = dyad::export::Subgraph::whole(&db3, true);
    let drawn: usize = g.edges.values().map(|c| c.len()).sum();
    let all = dyad::load_embedded().unwrap();
    let whole = dyad::export::Subgraph::whole(&all, true);
    let before: usize = whole.edges.values().map(|c| c.len()).sum();
    assert!(drawn < before, "{drawn} of {before}");
    // The snapshot was refreshed: a reopen through it sees the retraction.
    assert!(dyad::snapshot::load_dir(&root)
        .unwrap()
        .claims
        .iter()
        .any(|c| c.retracted));
}

#[test]
fn an_invalid_change_is_refused_and_writes_nothing() {
    let root = seed_copy("invalid");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let rel = root.join("claims/deconfliction.ron");
    let before = std::fs::read(&rel).unwrap();
    // A quote that is not in the document: the loader's own check refuses it.
    let words = edit::split_words("add claim deconfliction from=turkey to=israel action=CONSULT date=2025 certainty=stated quote=\"words that are not there\"").unwrap();
    let err = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &db)
        .unwrap_err();
    assert!(matches!(err, EditError::Invalid(_)), "{err}");
    assert!(err.to_string().contains("quote"), "{err}");
    assert_eq!(std::fs::read(&rel).unwrap(), before);
    // A citation past the end of its file is refused, not read past.
    let words = edit::split_words("amend deconfliction#999 certainty stated").unwrap();
    let err = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &db)
        .unwrap_err();
    assert!(
        err.to_string().contains("there is no deconfliction#999"),
        "{err}"
    );
    let words = edit::split_words("retract deconfliction#0 because").unwrap();
    let err = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &db)
        .unwrap_err();
    assert!(err.to_string().contains("is not a citation"), "{err}");
    // An unknown actor is named with a suggestion.
    let words = edit::split_words("amend deconfliction#1 to Turky").unwrap();
    let err = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &db)
        .unwrap_err();
    assert!(err.to_string().contains("no actor 'Turky'"), "{err}");
    assert_eq!(std::fs::read(&rel).unwrap(), before);
}

#[test]
fn add_actor_and_alias_land_in_their_places() {
    let root = seed_copy("actor");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    let words = edit::split_words(
        "add actor jane_doe \"Jane Doe\" kind=person acts_for=united_states alias=Doe",
    )
    .unwrap();
    let a = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &db)
        .unwrap();
    let words = edit::split_words("add alias Doe \"Envoy Doe\"").unwrap();
    let b = Change::parse(&words)
        .unwrap()
        .apply(&dir(&root), &a.db)
        .unwrap();
    assert!(b.db.names.get("envoy doe").is_some());
    assert_eq!(b.db.names.get("envoy doe"), b.db.names.get("Jane Doe"));
    // Written in canonical place: `dyad fmt` would change nothing.
    let records = dyad::load::to_records(&b.db);
    assert!(dyad::store::changes(&root, &records).is_empty());
}

#[test]
fn the_repl_changes_a_directory_but_not_the_builtin_database() {
    let mut s = dyad::repl::Session::new(dyad::load_embedded().unwrap());
    let err = s
        .eval_line("retract deconfliction#2 wrong", &mut Vec::new())
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    let root = seed_copy("repl");
    let mut s = dyad::repl::Session::new(dyad::load_dir(&root).unwrap());
    s.dir = Some(dir(&root));
    let mut before = Vec::new();
    s.eval_line("evidence Azerbaijan Turkey", &mut before)
        .unwrap();
    let mut out = Vec::new();
    s.eval_line("retract deconfliction#2 \"not hosted\"", &mut out)
        .unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "retracted deconfliction#2\n"
    );
    let mut after = Vec::new();
    s.eval_line("evidence Azerbaijan Turkey", &mut after)
        .unwrap();
    let (before, after) = (
        String::from_utf8(before).unwrap(),
        String::from_utf8(after).unwrap(),
    );
    assert!(
        before.contains("[deconfliction#2]") && !after.contains("[deconfliction#2]"),
        "{after}"
    );
}

#[test]
fn ingest_cli_reports_and_review_reads_answers_from_stdin() {
    let root = seed_copy("cli");
    let file = write_news(&root);
    let bin = env!("CARGO_BIN_EXE_dyad");
    let out = Command::new(bin)
        .arg("ingest")
        .arg(&file)
        .arg("--data")
        .arg(&root)
        .args(["--date", "2026-02-07"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("added muscat"), "{stdout}");
    assert!(
        stdout.contains("names that match no actor: Jane Doe (2×), Acme Institute (2×)"),
        "{stdout}"
    );
    let mut child = Command::new(bin)
        .args(["review", "muscat", "--data"])
        .arg(&root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"a\nq\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("accepted 1, rejected 0"), "{stdout}");
    let check = Command::new(bin)
        .arg("check")
        .arg("--data")
        .arg(&root)
        .output()
        .unwrap();
    assert!(check.status.success());
    // Scripts get one JSON document.
    let out = Command::new(bin)
        .args(["--format", "json", "ingest"])
        .arg(&file)
        .arg("--data")
        .arg(&root)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["type"], "ingest");
    assert_eq!(v["added"], false);
    assert_eq!(v["already_decided"], 1);
    assert_eq!(v["unknown_names"][0]["name"], "Jane Doe");
    let out = Command::new(bin)
        .args(["--format", "json", "retract", "muscat#1", "wrong", "--data"])
        .arg(&root)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"], "retracted muscat#1");
    // A confidence floor writes fewer proposals and says how many it left out.
    let strict_file = root.parent().unwrap().join("strict.txt");
    std::fs::write(&strict_file, NEWS).unwrap();
    let out = Command::new(bin)
        .arg("ingest")
        .arg(&strict_file)
        .arg("--data")
        .arg(&root)
        .args(["--min-confidence", "0.9"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("below --min-confidence 0.9"), "{stdout}");
    let strict = edit::read_proposals(&dir(&root), "strict").unwrap();
    assert!(!strict.proposals.is_empty());
    assert!(strict.proposals.iter().all(|p| p.confidence >= 0.9));
    let out = Command::new(bin)
        .arg("ingest")
        .arg(&strict_file)
        .args(["--min-confidence", "2"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a confidence from 0 to 1"));
    // The built-in database refuses changes with advice.
    let out = Command::new(bin)
        .args(["retract", "deconfliction#2", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --data DIR"));
}

/// The proposer scored on the four seed documents against their curated claims. The figures
/// are printed for the README; the floors pin what was measured, so a change to the lexicon
/// that loses quality fails here.
#[test]
fn ingest_quality_on_the_seed_documents() {
    let db = dyad::load_embedded().unwrap();
    let rows = dyad::ingest::score::against_own_claims(&db);
    let mut total = Score::default();
    for (_, s) in &rows {
        total.add(s);
    }
    print!("{}", dyad::ingest::score::table_rows(&rows, &total));
    assert_eq!(total.coded, 277);
    // The issue's targets that are met (kind ≥ 85%, certainty ≥ 75%, every mediation) are
    // asserted as targets; pair recall and precision, which fall short of theirs, are pinned
    // at what was measured so that they can only rise.
    assert!(total.kind_accuracy() >= 85.0, "{total:?}");
    assert!(total.certainty_accuracy() >= 75.0, "{total:?}");
    assert_eq!(total.mediations_found, total.mediations, "{total:?}");
    assert!(total.pair_recall() >= 62.0, "{total:?}");
    assert!(total.precision() >= 44.0, "{total:?}");
}

#[test]
fn ingest_proposes_a_repeated_passage_once() {
    // Ten thousand words of the seed texts, repeated: the same sentence quoted twice is one
    // proposal, since its key (actors, action, quote) is the same.
    let db = dyad::load_embedded().unwrap();
    let mut once = String::new();
    for d in &db.documents {
        once.push_str(&d.text);
        once.push('\n');
    }
    let meta = Meta {
        id: "long".into(),
        genre: Genre::Analysis,
        date: None,
    };
    let single = propose(&db, &once, &meta);
    let twice = propose(&db, &format!("{once}{once}"), &meta);
    assert!(twice.words >= 10_000, "{}", twice.words);
    assert_eq!(twice.proposals.len(), single.proposals.len());
    assert_eq!(twice.sentences, 2 * single.sentences);
}

#[test]
fn adding_to_an_empty_claims_list_and_after_a_trailing_comment_keeps_the_file_valid() {
    let root = seed_copy("lists");
    let db = dyad::snapshot::load_dir(&root).unwrap();
    // A claims file whose list is empty, written on one line.
    std::fs::write(
        root.join("claims/ankara_channel.ron"),
        "(\n    document: \"ankara_channel\",\n    claims: [],\n)\n",
    )
    .unwrap();
    let quote = "Turkey, which has been critical of Israel’s military campaign in Gaza";
    let line = format!(
        "add claim ankara_channel from=turkey to=israel action=PROTEST date=2024-04 certainty=stated quote=\"{quote}\""
    );
    let change = Change::parse(&edit::split_words(&line).unwrap()).unwrap();
    let a = change.apply(&dir(&root), &db).unwrap();
    assert_eq!(a.summary, "added ankara_channel#1");
    let text = std::fs::read_to_string(root.join("claims/ankara_channel.ron")).unwrap();
    assert!(
        text.contains("    claims: [\n        (\n            from: \"turkey\","),
        "{text}"
    );
    assert!(text.ends_with("        ),\n    ],\n)\n"), "{text}");
    // A comment on its own line before the closing bracket stays there, after the new claim.
    let with_comment = text.replace(
        "        ),\n    ],",
        "        ),\n        // checked twice\n    ],",
    );
    std::fs::write(root.join("claims/ankara_channel.ron"), &with_comment).unwrap();
    let b = Change::parse(&edit::split_words(&line.replace("PROTEST", "ACCUSE")).unwrap())
        .unwrap()
        .apply(&dir(&root), &a.db)
        .unwrap();
    assert_eq!(b.summary, "added ankara_channel#2");
    let text = std::fs::read_to_string(root.join("claims/ankara_channel.ron")).unwrap();
    assert!(
        text.ends_with("        ),\n        // checked twice\n    ],\n)\n"),
        "{text}"
    );
    assert_eq!(text.matches("from: \"turkey\"").count(), 2, "{text}");
    dyad::load_dir(&root).unwrap();
}

#[test]
fn add_actor_into_lists_written_by_hand_in_other_layouts() {
    // One line, no trailing comma; a comment after the last record; an empty list.
    for (n, actors) in [
        "[(id: \"turkey\", name: \"Turkey\", kind: state), (id: \"iran\", name: \"Iran\", kind: state)]\n",
        "[\n  (id: \"turkey\", name: \"Turkey\", kind: state), // the first\n  (id: \"iran\", name: \"Iran\", kind: state)\n  // more to come\n]\n",
        "[]\n",
    ]
    .into_iter()
    .enumerate()
    {
        let root = std::env::temp_dir().join(format!("dyad-layout-{n}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("actors.ron"), actors).unwrap();
        std::fs::write(root.join("documents.ron"), "[]\n").unwrap();
        let db = dyad::load_dir(&root).unwrap();
        let words = edit::split_words("add actor qatar Qatar kind=state alias=Doha").unwrap();
        let a = Change::parse(&words).unwrap().apply(&dir(&root), &db).unwrap();
        let text = std::fs::read_to_string(root.join("actors.ron")).unwrap();
        assert!(a.db.names.get("Doha").is_some(), "{text}");
        // Everything that was there is still there, comments included.
        for kept in ["// the first", "// more to come", "id: \"iran\""] {
            assert_eq!(actors.contains(kept), text.contains(kept), "{text}");
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
