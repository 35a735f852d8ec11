//! `dyad import` as a user runs it: real dataset files from `../shared/data/`, a database
//! directory, then queries on the result.

mod common;

use std::path::{Path, PathBuf};

use common::{dyad, Fixture};
use serde_json::Value;

const ICEWS: &str = "../shared/data/icews/events.2018.sample.tab";
const ICEWS_ROWS: usize = 3705;

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A fresh, empty directory that is removed when the returned fixture drops (the fixture's
/// own database is removed from it first).
fn empty_dir() -> Fixture {
    let fx = Fixture::new();
    for rel in ["actors.ron", "documents.ron", "claims", "seeds"] {
        let p = fx.dir().join(rel);
        let _ = std::fs::remove_file(&p);
        let _ = std::fs::remove_dir_all(&p);
    }
    fx
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = dyad(args, "");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let (ok, out, err) = run(args);
    assert!(ok, "dyad {args:?} failed:\n{out}\n{err}");
    out
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(ok(args).trim()).expect("one JSON document")
}

/// A fresh database with the ICEWS sample imported, and its `--data` argument.
fn icews_database() -> (Fixture, String) {
    let fx = empty_dir();
    let db = db_arg(&fx);
    ok(&[
        "import",
        "icews",
        shared(ICEWS).to_str().unwrap(),
        "--data",
        &db,
    ]);
    (fx, db)
}

fn db_arg(fx: &Fixture) -> String {
    fx.dir().join("db").display().to_string()
}

/// The real ICEWS rows as the test reads them: (line, fields).
fn icews_rows() -> Vec<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(shared(ICEWS)).unwrap();
    text.lines()
        .enumerate()
        .skip(1)
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
        .collect()
}

#[test]
fn icews_sample_imports_into_a_fresh_directory_and_stats_accounts_for_every_row() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let out = ok(&[
        "import",
        "icews",
        shared(ICEWS).to_str().unwrap(),
        "--data",
        &db,
    ]);
    assert!(out.contains("added"), "{out}");
    assert!(out.contains("3,705"), "{out}");

    let stats = json(&["--data", &db, "-c", "stats", "--format", "json"]);
    let d = &stats["datasets"][0];
    assert_eq!(d["format"], "icews");
    assert_eq!(d["rows"], ICEWS_ROWS);
    let events = d["events"].as_u64().unwrap();
    let reports = d["reports"].as_u64().unwrap();
    let skipped: u64 = d["skipped"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    // Every row is an event, a further report of one, or skipped with a reason.
    assert_eq!(reports + skipped, ICEWS_ROWS as u64, "{d}");
    let by_kind: u64 = d["events_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, events);
    assert_eq!(stats["claims"].as_u64().unwrap(), events);
    assert_eq!(
        stats["claims_by_certainty"]["coded"].as_u64().unwrap(),
        events
    );

    // The skips, counted independently from the raw columns: ICEWS names an actor it could
    // not identify "Unspecified Actor".
    let rows = icews_rows();
    let unnamed = |f: &str| f == "NA" || f.is_empty() || f == "Unspecified Actor";
    let no_source = rows.iter().filter(|(_, f)| unnamed(&f[2])).count() as u64;
    let no_target = rows
        .iter()
        .filter(|(_, f)| !unnamed(&f[2]) && unnamed(&f[8]))
        .count() as u64;
    assert_eq!(d["skipped"]["no_source"].as_u64().unwrap_or(0), no_source);
    assert_eq!(d["skipped"]["no_target"].as_u64().unwrap_or(0), no_target);
    assert!(no_source + no_target > 0, "the sample has unnamed actors");
}

#[test]
fn every_answer_on_icews_cites_its_file_and_line_and_quotes_the_row() {
    let (_fx, db) = icews_database();
    let rows = icews_rows();
    let text = std::fs::read_to_string(shared(ICEWS)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let check_claim = |c: &Value| {
        let row = &c["row"];
        assert_eq!(row["file"], "datasets/events.2018.sample.tab", "{c}");
        let line = row["line"].as_u64().unwrap() as usize;
        assert_eq!(c["quote"].as_str().unwrap(), lines[line - 1], "{c}");
        let (_, fields) = rows.iter().find(|(l, _)| *l == line).unwrap();
        assert_eq!(row["record"].as_str().unwrap(), fields[0]);
        assert_eq!(row["code"].as_str().unwrap(), fields[6]);
        assert_eq!(c["certainty"], "coded");
    };

    let e = json(&[
        "--data",
        &db,
        "-c",
        "evidence 'United States' China",
        "--format",
        "json",
    ]);
    let claims = e["claims"].as_array().unwrap();
    assert!(claims.len() > 10, "{e}");
    claims.iter().for_each(check_claim);

    let p = json(&[
        "--data",
        &db,
        "-c",
        "path China 'United Kingdom'",
        "--format",
        "json",
    ]);
    for hop in p["paths"][0]["hops"].as_array().unwrap() {
        check_claim(&hop["strongest"]);
    }

    let n = json(&[
        "--data",
        &db,
        "-c",
        "neighbors 'United States'",
        "--format",
        "json",
    ]);
    assert!(
        !n["rings"][0]["actors"].as_array().unwrap().is_empty(),
        "{n}"
    );

    let c = json(&["--data", &db, "-c", "central", "--format", "json"]);
    assert_eq!(c["top"][0]["actor"]["name"], "United States", "{c}");

    // The sample's one CAMEO 045 row: the Nicaraguan bishops mediating with Daniel Ortega;
    // the other party comes from another row of the same story (47404367).
    let rows_045: Vec<_> = rows.iter().filter(|(_, f)| f[6] == "045").collect();
    assert_eq!(rows_045.len(), 1);
    let story = &rows_045[0].1[11];
    // Whoever faces the named party in the story's other rows.
    let others: Vec<&String> = rows
        .iter()
        .filter(|(_, f)| &f[11] == story && f[6] != "045")
        .filter_map(|(_, f)| match (f[2].as_str(), f[8].as_str()) {
            ("Daniel Ortega", _) => Some(&f[8]),
            (_, "Daniel Ortega") => Some(&f[2]),
            _ => None,
        })
        .collect();
    assert!(!others.is_empty(), "story {story} names another party");
    let m = json(&[
        "--data",
        &db,
        "-c",
        &format!("mediators 'Daniel Ortega' '{}'", others[0]),
        "--format",
        "json",
    ]);
    let sourced = m["sourced"].as_array().unwrap();
    assert_eq!(sourced.len(), 1, "{m}");
    assert_eq!(
        sourced[0]["actor"]["name"], "Catholic Bishop (Nicaragua)",
        "{m}"
    );
    sourced[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .for_each(check_claim);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let (fx, db) = icews_database();
    let files = [
        "datasets.ron",
        "datasets/events.2018.sample.tab",
        ".dyad-snapshot",
    ];
    let before: Vec<(Vec<u8>, std::time::SystemTime)> = files
        .iter()
        .map(|f| {
            let p = fx.dir().join("db").join(f);
            (
                std::fs::read(&p).unwrap(),
                std::fs::metadata(&p).unwrap().modified().unwrap(),
            )
        })
        .collect();
    let out = ok(&[
        "import",
        "icews",
        shared(ICEWS).to_str().unwrap(),
        "--data",
        &db,
    ]);
    assert!(out.contains("unchanged"), "{out}");
    for (f, (bytes, mtime)) in files.iter().zip(before) {
        let p = fx.dir().join("db").join(f);
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{f} changed");
        assert_eq!(
            std::fs::metadata(&p).unwrap().modified().unwrap(),
            mtime,
            "{f} was rewritten"
        );
    }
}

#[test]
fn importing_a_newer_version_of_a_file_replaces_its_claims() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let text = std::fs::read_to_string(shared(ICEWS)).unwrap();
    let first: String = text.lines().take(101).map(|l| format!("{l}\n")).collect();
    let src = fx.dir().join("events.tab");
    std::fs::write(&src, &first).unwrap();
    ok(&["import", "icews", src.to_str().unwrap(), "--data", &db]);
    let before = json(&["--data", &db, "-c", "stats", "--format", "json"]);
    assert_eq!(before["datasets"][0]["rows"], 100);
    std::fs::write(&src, &text).unwrap();
    let out = ok(&["import", "icews", src.to_str().unwrap(), "--data", &db]);
    assert!(out.contains("updated"), "{out}");
    let after = json(&["--data", &db, "-c", "stats", "--format", "json"]);
    assert_eq!(after["datasets"].as_array().unwrap().len(), 1);
    assert_eq!(after["datasets"][0]["rows"], ICEWS_ROWS);
    assert!(after["claims"].as_u64() > before["claims"].as_u64());
}

#[test]
fn bad_rows_are_skipped_and_located_by_import_and_check() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let text = std::fs::read(shared(ICEWS)).unwrap();
    let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let swap = |line: &[u8], from: &str, to: &str| -> Vec<u8> {
        String::from_utf8(line.to_vec())
            .unwrap()
            .replacen(from, to, 1)
            .into_bytes()
    };
    // Line 2: a day that does not exist; line 3: a code CAMEO does not have; line 4: a column
    // short; line 5: a byte that is not UTF-8 (as in ICEWS's own code table).
    lines[1] = swap(&lines[1], "2018-06-01", "2018-13-01");
    lines[2] = swap(&lines[2], "\t040\t", "\t999\t");
    lines[3] = swap(&lines[3], "\tConsider policy option", "");
    lines[4].extend_from_slice(b"\x82\xC4");
    let bad = lines.join(&b'\n');
    let src = fx.dir().join("bad.tab");
    std::fs::write(&src, bad).unwrap();
    let out = ok(&["import", "icews", src.to_str().unwrap(), "--data", &db]);
    for (line, what) in [
        (2, "bad date: Event Date \"2018-13-01\""),
        (3, "unknown event code: CAMEO Code \"999\""),
        (4, "wrong number of columns: 19 columns, the header has 20"),
        (5, "not valid UTF-8"),
    ] {
        let want = format!("bad.tab:{line}: {what}");
        assert!(out.contains(&want), "missing {want:?} in\n{out}");
    }
    let check = ok(&["check", "--data", &db]);
    assert!(check.contains("bad.tab:2: bad date"), "{check}");
    assert!(check.contains("bad.tab:5: not valid UTF-8"), "{check}");
}

#[test]
fn a_file_that_is_not_its_format_is_refused_before_anything_is_written() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let src = fx.dir().join("x.tab");
    std::fs::write(&src, "a\tb\n1\t2\n").unwrap();
    let (ok, out, err) = run(&["import", "icews", src.to_str().unwrap(), "--data", &db]);
    assert!(!ok, "{out}");
    assert!(err.contains("x.tab:1: cannot read as icews"), "{err}");
    assert!(err.contains("Event ID"), "{err}");
    assert!(
        !fx.dir().join("db").exists(),
        "nothing is written for a refused import"
    );
}

#[test]
fn dataset_rows_land_on_curated_actors_by_name_and_through_the_actor_map() {
    let fx = Fixture::new();
    let db = fx.dir().display().to_string();
    // Turkey and the United States are in the fixture's actors.ron; ICEWS calls the latter
    // "United States" too. The actor map sends ICEWS's Turkish foreign ministry to Hakan Fidan.
    fx.write(
        "actor-map.ron",
        "[(name: \"Foreign Affairs (Turkey)\", actor: \"hakan_fidan\")]\n",
    );
    let rows = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n\
        1\t2018-06-01\tTurkey\tNA\tTurkey\tConsult\t040\t1\tUnited States\tNA\tUnited States\t9\t1\tp\tNA\tNA\tNA\tTurkey\t1\t1\n\
        2\t2018-06-01\tForeign Affairs (Turkey)\tGovernment\tTurkey\tCriticize\t111\t-2\tIran\tNA\tIran\t9\t2\tp\tNA\tNA\tNA\tTurkey\t1\t1\n\
        3\t2018-06-01\tPolice (Turkey)\tPolice,Government\tTurkey\tArrest\t173\t-5\tCitizen (Iran)\tSocial\tIran\t9\t3\tp\tNA\tNA\tNA\tTurkey\t1\t1\n";
    fx.write("in/ev.tab", rows);
    let out = ok(&[
        "import",
        "icews",
        fx.dir().join("in/ev.tab").to_str().unwrap(),
        "--data",
        &db,
    ]);
    assert!(out.contains("claims (events)  3"), "{out}");
    let e = json(&[
        "--data",
        &db,
        "-c",
        "evidence Turkey 'United States' rollup off",
        "--format",
        "json",
    ]);
    let coded: Vec<&Value> = e["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["row"].is_object())
        .collect();
    assert_eq!(coded.len(), 1, "{e}");
    assert_eq!(coded[0]["from"]["id"], "turkey");
    let f = json(&[
        "--data",
        &db,
        "-c",
        "evidence 'Hakan Fidan' Iran rollup off",
        "--format",
        "json",
    ]);
    assert_eq!(f["claims"][0]["row"]["record"], "2", "{f}");
    // A new actor is part of its country, so it rolls up into the curated Turkey.
    let card = json(&[
        "--data",
        &db,
        "-c",
        "show 'Police (Turkey)'",
        "--format",
        "json",
    ]);
    assert!(card.to_string().contains("\"turkey\""), "{card}");
    // fmt leaves created actors out of actors.ron: the dataset stays their source.
    ok(&["fmt", "--data", &db]);
    assert!(
        !fx.read("actors.ron").contains("Police"),
        "{}",
        fx.read("actors.ron")
    );
    ok(&["check", "--data", &db]);
}

#[test]
fn an_actor_map_entry_naming_no_actor_is_a_located_error() {
    let fx = Fixture::new();
    let db = fx.dir().display().to_string();
    fx.write(
        "actor-map.ron",
        "[\n    (name: \"X\", actor: \"turky\"),\n]\n",
    );
    fx.write(
        "datasets.ron",
        "[(id: \"ev\", file: \"ev.tab\", format: icews, title: \"t\")]\n",
    );
    fx.write("ev.tab", "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tCAMEO Code\tTarget Name\tTarget Sectors\tTarget Country\n");
    let (ok, out, _) = run(&["check", "--data", &db]);
    assert!(!ok);
    assert!(out.contains("actor-map.ron:2:"), "{out}");
    assert!(out.contains("'turky' names no actor"), "{out}");
    assert!(out.contains("did you mean 'Turkey'"), "{out}");
}

#[test]
fn an_in_place_file_outside_the_root_is_refused_with_a_way_out() {
    let fx = empty_dir();
    let db = fx.dir().join("project/db");
    let (ok, _, err) = run(&[
        "import",
        "icews",
        shared(ICEWS).to_str().unwrap(),
        "--in-place",
        "--data",
        db.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(err.contains("outside the database's root"), "{err}");
    assert!(err.contains("without --in-place"), "{err}");
}

#[test]
fn cite_shows_every_row_that_reports_a_dataset_event() {
    let (_fx, db) = icews_database();
    // An event several stories reported: pick one from the evidence with more than one row.
    let e = json(&[
        "--data",
        &db,
        "-c",
        "evidence 'United States' China",
        "--format",
        "json",
    ]);
    let claim = e["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"]["reports"].as_u64().unwrap() > 1)
        .expect("a repeated event");
    let cite = claim["cite"].as_str().unwrap();
    let c = json(&[
        "--data",
        &db,
        "-c",
        &format!("cite {cite}"),
        "--format",
        "json",
    ]);
    let reports = c["reports"].as_array().unwrap();
    assert_eq!(
        reports.len() as u64,
        claim["row"]["reports"].as_u64().unwrap()
    );
    let text = std::fs::read_to_string(shared(ICEWS)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for r in reports {
        let line = r["line"].as_u64().unwrap() as usize;
        assert_eq!(r["row"].as_str().unwrap(), lines[line - 1]);
    }
    let (success, _, err) = run(&["--data", &db, "-c", "cite events_2018_sample#1"]);
    assert!(!success);
    assert!(
        err.contains("no claim of 'events_2018_sample' starts at line 1"),
        "{err}"
    );
}

const GAMA: &str = "../shared/data/konect-gama/out.ucidata-gama";
const TRIBES: &str =
    "Gavev,Kotun,Ove,Alika,Nagam,Gahuk,Masil,Ukudz,Notoh,Kohik,Geham,Asaro,Uheto,Seuve,Nagad,Gama";

#[test]
fn the_konect_gama_network_imports_with_signs_as_cooperation_and_conflict() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let out = ok(&[
        "import",
        "edges",
        shared(GAMA).to_str().unwrap(),
        "--names",
        TRIBES,
        "--data",
        &db,
    ]);
    assert!(out.contains("added"), "{out}");
    // The signs, counted from the file itself.
    let text = std::fs::read_to_string(shared(GAMA)).unwrap();
    let signs: Vec<i32> = text
        .lines()
        .filter(|l| !l.starts_with('%') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().nth(2).unwrap().parse().unwrap())
        .collect();
    assert_eq!(signs.len(), 58);
    let plus = signs.iter().filter(|s| **s > 0).count() as u64;
    let minus = signs.iter().filter(|s| **s < 0).count() as u64;
    let stats = json(&["--data", &db, "-c", "stats", "--format", "json"]);
    let d = &stats["datasets"][0];
    assert_eq!(d["rows"], 58);
    assert_eq!(
        d["events_by_kind"]["cooperation"].as_u64().unwrap(),
        plus,
        "{d}"
    );
    assert_eq!(
        d["events_by_kind"]["conflict"].as_u64().unwrap(),
        minus,
        "{d}"
    );
    assert_eq!(stats["actors"], 16);
    // Row 3 of the file is `1 2 1`: Gavev and Kotun are allies.
    let e = json(&[
        "--data",
        &db,
        "-c",
        "evidence Gavev Kotun",
        "--format",
        "json",
    ]);
    assert_eq!(e["claims"][0]["kind"], "cooperation", "{e}");
    assert_eq!(e["claims"][0]["row"]["line"], 3);
    assert_eq!(e["claims"][0]["date"], "unknown");
}

#[test]
fn a_two_column_csv_imports_as_undated_cooperation_when_the_user_says_so() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let src = fx.dir().join("allies.csv");
    std::fs::write(&src, "source,target\nTurkey,Azerbaijan\nIran,Iraq\n").unwrap();
    let (success, _, err) = run(&["import", "edges", src.to_str().unwrap(), "--data", &db]);
    assert!(!success);
    assert!(err.contains("allies.csv:1: cannot read as edges"), "{err}");
    assert!(err.contains("--as cooperation"), "{err}");
    ok(&[
        "import",
        "edges",
        src.to_str().unwrap(),
        "--as",
        "cooperation",
        "--data",
        &db,
    ]);
    let e = json(&[
        "--data",
        &db,
        "-c",
        "evidence Turkey Azerbaijan",
        "--format",
        "json",
    ]);
    let c = &e["claims"][0];
    assert_eq!(c["kind"], "cooperation");
    assert_eq!(c["date"], "unknown");
    assert_eq!(c["mutual"], true);
    assert_eq!(c["row"]["file"], "datasets/allies.csv");
    assert_eq!(c["row"]["line"], 2);
}

#[test]
fn gdelt_events_with_their_mentions_count_events_and_reports() {
    let fx = empty_dir();
    let db = db_arg(&fx);
    let events = shared("../shared/data/gdelt/fixtures/events.csv");
    let mentions = shared("../shared/data/gdelt/fixtures/mentions.csv");
    let out = ok(&[
        "import",
        "gdelt",
        events.to_str().unwrap(),
        "--mentions",
        mentions.to_str().unwrap(),
        "--data",
        &db,
    ]);
    assert!(out.contains("mentions         100 rows read"), "{out}");
    let stats = json(&["--data", &db, "-c", "stats", "--format", "json"]);
    let d = &stats["datasets"][0];
    let events = d["events"].as_u64().unwrap();
    let reports = d["reports"].as_u64().unwrap();
    assert!(reports > events, "Mentions rows add reports: {d}");
    assert_eq!(stats["reports"].as_u64().unwrap(), reports);
    // Mentions of events that made no claim (one-party rows) are counted as skipped, not lost.
    let skipped_mentions = d["skipped"]["no_event"].as_u64().unwrap_or(0);
    let joined = reports - events - {
        // Rows of the events file that repeated an event are reports too.
        let rows = d["rows"].as_u64().unwrap();
        let skipped_rows: u64 = d["skipped"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| *k != "no_event")
            .map(|(_, v)| v.as_u64().unwrap())
            .sum();
        rows - skipped_rows - events
    };
    assert_eq!(joined + skipped_mentions, 100, "{d}");
    assert!(fx.dir().join("db/datasets/mentions.csv").exists());
    let datasets = std::fs::read_to_string(fx.dir().join("db/datasets.ron")).unwrap();
    assert!(
        datasets.contains("mentions: Some(\"datasets/mentions.csv\")"),
        "{datasets}"
    );
}
