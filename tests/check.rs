//! `dyad check`: the shipped database is sound, saving round-trips, and every class of bad input
//! is reported with its file, position and problem — all at once, and without panicking.

mod common;

use common::{Fixture, ACTORS, CLAIMS, DOCUMENTS};
use dyad::error::Finding;
use dyad::store::locate::Seg;
use dyad::{ProblemKind, ProblemKind::*};

/// Applies `edits` (file, old text, new text) to the fixture database, loads it, and asserts
/// that one of the problems is of `kind`, at `file:line:col`, with `message` in its text.
#[track_caller]
fn check(edits: &[(&str, &str, &str)], kind: ProblemKind, at: &str, message: &str) {
    let fx = Fixture::new();
    for (file, old, new) in edits {
        fx.edit(file, old, new);
    }
    let err = dyad::load_dir(fx.dir()).expect_err("the edited fixture must not load");
    let found = err
        .problems
        .iter()
        .find(|p| p.kind == kind)
        .unwrap_or_else(|| {
            panic!("no {kind:?} problem among:\n{err}");
        });
    let shown = found.to_string();
    let where_ = match found.pos {
        Some(p) => format!(
            "{}:{}:{}",
            found.file.rsplit('/').next().unwrap(),
            p.line,
            p.col
        ),
        None => found.file.rsplit('/').next().unwrap().to_string(),
    };
    assert_eq!(where_, at, "position of: {shown}");
    assert!(shown.contains(message), "expected {message:?} in: {shown}");
    assert!(
        shown.contains(&fx.dir().display().to_string()),
        "the message names the file: {shown}"
    );
}

#[test]
fn fixture_is_valid() {
    let fx = Fixture::new();
    let db = dyad::load_dir(fx.dir()).unwrap();
    assert_eq!((db.actors.len(), db.claims.len()), (4, 3));
}

#[test]
fn syntax_error() {
    check(
        &[(
            "actors.ron",
            "kind: state,\n        aliases",
            "kind: state\n        aliases",
        )],
        Syntax,
        "actors.ron:11:9",
        "Expected comma",
    );
}

#[test]
fn unknown_field() {
    check(
        &[("actors.ron", "acts_for:", "acts_fro:")],
        Syntax,
        "actors.ron:27:9",
        "acts_fro",
    );
}

#[test]
fn unknown_variant() {
    check(
        &[("claims/doc.ron", "action: CONSULT", "action: CONSLUT")],
        Syntax,
        "doc.ron:8:21",
        "CONSLUT",
    );
}

#[test]
fn unknown_actor_with_suggestion() {
    check(
        &[("claims/doc.ron", "to: \"turkey\"", "to: \"turky\"")],
        UnknownActor,
        "doc.ron:6:17",
        "did you mean 'turkey'?",
    );
}

#[test]
fn unknown_actor_in_between() {
    check(
        &[(
            "claims/doc.ron",
            "(\"united_states\", \"iran\")",
            "(\"united_states\", \"irn\")",
        )],
        UnknownActor,
        "doc.ron:17:40",
        "did you mean 'iran'?",
    );
}

#[test]
fn unknown_part_of() {
    check(
        &[("actors.ron", "acts_for: \"turkey\"", "acts_for: \"turkei\"")],
        UnknownActor,
        "actors.ron:27:19",
        "did you mean 'turkey'?",
    );
}

#[test]
fn unknown_document() {
    check(
        &[("claims/doc.ron", "document: \"doc\"", "document: \"dco\"")],
        UnknownDocument,
        "doc.ron:2:15",
        "unknown document id 'dco'",
    );
}

#[test]
fn duplicate_actor_id() {
    check(
        &[("actors.ron", "id: \"iran\"", "id: \"turkey\"")],
        DuplicateId,
        "actors.ron:8:13",
        "first defined at line 3",
    );
}

#[test]
fn alias_resolving_to_two_actors() {
    check(
        &[("actors.ron", "\"US\"", "\"Turkiye\"")],
        AliasCollision,
        "actors.ron:20:13",
        "'Turkiye' resolves to two actors: 'turkey' and 'united_states'",
    );
}

#[test]
fn quote_not_in_document() {
    check(
        &[(
            "claims/doc.ron",
            "Iran informed Turkey in advance",
            "Iran warned Turkey in advance",
        )],
        QuoteNotFound,
        "doc.ron:12:20",
        "differs at \"warned\"",
    );
}

#[test]
fn quote_with_curly_quotes_and_dashes_still_matches() {
    let fx = Fixture::new();
    fx.edit(
        "claims/doc.ron",
        "must be \\\"within certain limits.\\\"",
        "must be “within certain limits.”",
    );
    dyad::load_dir(fx.dir()).unwrap();
}

#[test]
fn quote_check_is_case_sensitive() {
    check(
        &[(
            "claims/doc.ron",
            "Iran informed Turkey",
            "iran informed turkey",
        )],
        QuoteNotFound,
        "doc.ron:12:20",
        "does not occur in document 'doc'",
    );
}

#[test]
fn mediation_without_two_distinct_parties() {
    check(
        &[(
            "claims/doc.ron",
            "(\"united_states\", \"iran\")",
            "(\"iran\", \"iran\")",
        )],
        BadMediation,
        "doc.ron:17:22",
        "two distinct parties",
    );
}

#[test]
fn mediation_missing_between() {
    check(
        &[(
            "claims/doc.ron",
            "            between: (\"united_states\", \"iran\"),\n",
            "",
        )],
        BadMediation,
        "doc.ron:14:9",
        "must name its two parties",
    );
}

#[test]
fn mediator_is_a_party() {
    check(
        &[(
            "claims/doc.ron",
            "from: \"turkey\",\n            kind: mediation",
            "from: \"iran\",\n            kind: mediation",
        )],
        BadMediation,
        "doc.ron:15:19",
        "is one of the parties",
    );
}

#[test]
fn self_relation() {
    check(
        &[("claims/doc.ron", "to: \"turkey\"", "to: \"iran\"")],
        SelfRelation,
        "doc.ron:6:17",
        "to itself",
    );
}

#[test]
fn kind_disagrees_with_action() {
    check(
        &[("claims/doc.ron", "kind: cooperation", "kind: conflict")],
        KindMismatch,
        "doc.ron:8:21",
        "CONSULT is a cooperation action",
    );
}

#[test]
fn malformed_date() {
    check(
        &[("claims/doc.ron", "date: \"2024-04\"", "date: \"2024-4\"")],
        BadDate,
        "doc.ron:10:19",
        "malformed date '2024-4'",
    );
}

#[test]
fn impossible_date() {
    check(
        &[(
            "claims/doc.ron",
            "date: \"2024-04\"",
            "date: \"2026-02-30\"",
        )],
        BadDate,
        "doc.ron:10:19",
        "day out of range",
    );
}

#[test]
fn malformed_date_form() {
    check(
        &[(
            "claims/doc.ron",
            "date: \"2024-04\"",
            "date: \"before April 2024\"",
        )],
        BadDate,
        "doc.ron:10:19",
        "(write YYYY, YYYY-MM, YYYY-MM-DD, START/END, before DATE, after DATE, or unknown)",
    );
}

#[test]
fn range_that_ends_before_it_starts() {
    check(
        &[("claims/doc.ron", "date: \"2024-04\"", "date: \"2024/2011\"")],
        BadDate,
        "doc.ron:10:19",
        "the range starts (2024) after it ends (2011)",
    );
}

#[test]
fn date_from_document_that_is_not_the_documents_date() {
    check(
        &[(
            "claims/doc.ron",
            "date: \"2024-04\",",
            "date: \"2024\",\n            date_from: document,",
        )],
        BadDateSource,
        "doc.ron:11:24",
        "the claim's date 2024 is not document 'doc''s date 2024-04",
    );
}

#[test]
fn date_from_document_when_the_document_has_no_date() {
    check(
        &[
            ("documents.ron", "        date: \"2024-04\",\n", ""),
            (
                "claims/doc.ron",
                "date: \"2024-04\",",
                "date: \"2024-04\",\n            date_from: document,",
            ),
        ],
        BadDateSource,
        "doc.ron:11:24",
        "document 'doc' has no date",
    );
}

/// The bug: an undated background event ("years before Assad's fall, ...") took its document's
/// date, so `since 2025-01` kept it. Dated honestly as `before 2024-12`, it falls outside that
/// window and inside `until 2024`.
#[test]
fn undated_background_event_is_not_kept_by_since() {
    let fx = Fixture::new();
    fx.edit(
        "claims/doc.ron",
        "date: \"2024-04\"",
        "date: \"before 2024-12\"",
    );
    let db = dyad::load_dir(fx.dir()).unwrap();
    let dates = |q: &str| -> Vec<String> {
        match dyad::answer::run(&db, q).unwrap() {
            dyad::answer::Answer::Evidence(e) => e.claims.iter().map(|c| c.date.clone()).collect(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(dates("evidence Iran Turkey"), ["before 2024-12", "2024-04"]);
    assert_eq!(
        dates("evidence Iran Turkey since 2025-01"),
        Vec::<String>::new()
    );
    assert_eq!(
        dates("evidence Iran Turkey since 2024-11"),
        ["before 2024-12"]
    );
    assert_eq!(
        dates("evidence Iran Turkey until 2024"),
        ["before 2024-12", "2024-04"]
    );
    // Saving writes the date as it was written.
    let files = dyad::store::save(&dyad::load::to_records(&db));
    let claims = &files.iter().find(|(p, _)| p == "claims/doc.ron").unwrap().1;
    assert!(claims.contains("date: \"before 2024-12\","), "{claims}");
}

#[test]
fn date_from_document_round_trips_and_shows_in_json_and_text() {
    let fx = Fixture::new();
    fx.edit(
        "claims/doc.ron",
        "date: \"2024-04\",",
        "date: \"2024-04\",\n            date_from: document,",
    );
    let db = dyad::load_dir(fx.dir()).unwrap();
    assert_eq!(db.claims[0].date_from, dyad::model::DateSource::Document);
    assert_eq!(db.claims[1].date_from, dyad::model::DateSource::Text);
    let files = dyad::store::save(&dyad::load::to_records(&db));
    let claims = &files.iter().find(|(p, _)| p == "claims/doc.ron").unwrap().1;
    assert_eq!(
        claims,
        &std::fs::read_to_string(fx.dir().join("claims/doc.ron")).unwrap()
    );
    let answer = dyad::answer::run(&db, "evidence Iran Turkey").unwrap();
    let json = serde_json::to_value(&answer).unwrap();
    let shown: Vec<&serde_json::Value> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["date_from"])
        .collect();
    assert_eq!(
        shown,
        [&serde_json::json!("document"), &serde_json::Value::Null]
    );
    let text = dyad::render::text(&answer, 100);
    assert!(text.contains("2024-04 (doc date)"), "{text}");
}

#[test]
fn document_file_missing() {
    check(
        &[("documents.ron", "seeds/doc.txt", "seeds/gone.txt")],
        MissingFile,
        "documents.ron:4:15",
        "'seeds/gone.txt' does not exist",
    );
}

#[test]
fn document_file_listed_twice() {
    let second = "    (\n        id: \"again\",\n        file: \"seeds/doc.txt\",\n        title: \"Again\",\n        genre: news,\n    ),\n]";
    check(
        &[("documents.ron", "]", second)],
        DuplicateFile,
        "documents.ron:11:15",
        "listed by two documents: 'doc' and 'again'",
    );
}

#[test]
fn rollup_cycle() {
    check(&[("actors.ron", "kind: state,\n        aliases: [\n            \"Türkiye\"", "kind: state,\n        acts_for: \"hakan_fidan\",\n        aliases: [\n            \"Türkiye\"")], RollupCycle, "actors.ron:8:13", "loop through hakan_fidan, turkey");
}

#[test]
fn claims_file_named_after_another_document() {
    let fx = Fixture::new();
    fx.write("claims/other.ron", CLAIMS);
    std::fs::remove_file(fx.dir().join("claims/doc.ron")).unwrap();
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    assert_eq!(err.count(MisnamedFile), 1, "{err}");
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let fx = Fixture::new();
    std::fs::write(fx.dir().join("actors.ron"), b"[\n  (id: \"\xff\")]").unwrap();
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    assert_eq!(err.problems[0].kind, Encoding, "{err}");
    assert_eq!(err.problems[0].pos.map(|p| (p.line, p.col)), Some((2, 9)));
}

#[test]
fn claims_file_with_an_invalid_utf8_name_is_not_called_missing() {
    // Its name was read lossily, and the file under the lossy name did not exist.
    use std::os::unix::ffi::OsStrExt;
    let fx = Fixture::new();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff.ron");
    std::fs::write(fx.dir().join("claims").join(name), CLAIMS).unwrap();
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    assert_eq!(err.count(MissingFile), 0, "{err}");
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(p.kind, Encoding);
    assert!(p.file.ends_with("claims/bad\u{FFFD}.ron"), "{}", p.file);
    assert_eq!(p.message, "the file name is not valid UTF-8");
}

#[test]
fn utf8_bom_is_not_answered_with_expected_opening_bracket() {
    let fx = Fixture::new();
    for rel in ["actors.ron", "documents.ron", "claims/doc.ron"] {
        let text = fx.read(rel);
        fx.write(rel, &format!("\u{feff}{text}"));
    }
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(db.claims.len(), 3);
    // Positions after a byte-order mark are those an editor shows, which hides the mark.
    fx.edit(
        "actors.ron",
        "kind: state,\n        aliases",
        "kind: state\n        aliases",
    );
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(
        (p.kind, p.pos.map(|p| (p.line, p.col))),
        (Syntax, Some((11, 9)))
    );
    fx.edit("actors.ron", "[", "(");
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    assert_eq!(err.problems[0].pos.map(|p| (p.line, p.col)), Some((1, 1)));
}

#[test]
fn syntax_messages_do_not_name_the_internal_type_actor_record() {
    let cases = [
        (
            "actors.ron",
            "acts_for:",
            "acts_fro:",
            "Unexpected field named `acts_fro` in an actor",
        ),
        (
            "actors.ron",
            "kind: person,",
            "",
            "Unexpected missing field named `kind` in an actor",
        ),
        (
            "actors.ron",
            "kind: person",
            "kind: persn",
            "Unexpected variant named `persn` in an actor's `kind`",
        ),
        (
            "actors.ron",
            "[\n    (",
            "[\n    3, (",
            "Expected opening `(` for an actor",
        ),
        (
            "documents.ron",
            "genre: news",
            "genre: nws",
            "in a document's `genre`",
        ),
        (
            "documents.ron",
            "[\n    (",
            "[\n    3, (",
            "Expected opening `(` for a document",
        ),
        (
            "claims/doc.ron",
            "action: CONSULT",
            "action: CONSLUT",
            "in a claim's `action`",
        ),
        (
            "claims/doc.ron",
            "certainty: stated",
            "certainty: sure",
            "in a claim's `certainty`",
        ),
        (
            "claims/doc.ron",
            "kind: mediation",
            "kind: mediate",
            "in a claim's `kind`",
        ),
        (
            "claims/doc.ron",
            "claims: [\n        (",
            "claims: [\n        3, (",
            "Expected opening `(` for a claim",
        ),
        (
            "claims/doc.ron",
            "document: \"doc\",",
            "",
            "Unexpected missing field named `document` in a claims file",
        ),
    ];
    for (file, old, new, expected) in cases {
        let fx = Fixture::new();
        fx.edit(file, old, new);
        let err = dyad::load_dir(fx.dir()).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains(expected),
            "expected {expected:?} in:\n{shown}"
        );
        for internal in [
            "Record",
            "ActorKind",
            "RelationKind",
            "Genre",
            "Certainty",
            "DateSource",
            "enum `Action`",
        ] {
            assert!(!shown.contains(internal), "{internal} in:\n{shown}");
        }
    }
}

#[test]
fn a_field_the_user_names_like_a_type_is_left_as_written() {
    check(
        &[("actors.ron", "acts_for:", "Action:")],
        Syntax,
        "actors.ron:27:9",
        "Unexpected field named `Action` in an actor",
    );
}

#[test]
fn document_read_errors_name_the_document_and_where_it_leads() {
    let fx = Fixture::new();
    fx.edit("documents.ron", "seeds/doc.txt", "seeds");
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    assert_eq!(
        err.problems.len(),
        1,
        "one problem, not one per quote: {err}"
    );
    let p = &err.problems[0];
    assert_eq!(p.kind, NotAFile);
    assert!(p.file.ends_with("documents.ron"), "{}", p.file);
    let seeds = fx.dir().join("seeds");
    assert_eq!(
        p.message,
        format!(
            "cannot read document file 'seeds' ({}): it is a directory, not a regular file",
            seeds.display()
        )
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let fx = Fixture::new();
    fx.edit("claims/doc.ron", "to: \"turkey\"", "to: \"turky\"");
    fx.edit("claims/doc.ron", "date: \"2024-04\"", "date: \"April\"");
    fx.edit("claims/doc.ron", "Iran informed Turkey", "Iran told Turkey");
    fx.edit("actors.ron", "id: \"iran\"", "id: \"turkey\"");
    let err = dyad::load_dir(fx.dir()).unwrap_err();
    for kind in [BadDate, QuoteNotFound, DuplicateId] {
        assert_eq!(err.count(kind), 1, "{kind:?} in:\n{err}");
    }
    // The duplicate id makes 'iran' unknown too; both are reported.
    assert!(err.count(UnknownActor) >= 2, "{err}");
    assert!(err
        .to_string()
        .ends_with(&format!("the database has {} problems", err.problems.len())));
}

#[test]
fn shipped_database_passes_check() {
    let db = dyad::load_dir(common::data_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(db.actors.len() >= 50, "{} actors", db.actors.len());
    assert!(db.claims.len() >= 100, "{} claims", db.claims.len());
    assert_eq!(db.documents.len(), 4);
}

#[test]
fn embedded_database_equals_the_data_directory() {
    let disk = dyad::load_dir(common::data_dir()).unwrap();
    let built_in = dyad::load_embedded().unwrap();
    assert_eq!(disk.actors, built_in.actors);
    assert_eq!(disk.documents, built_in.documents);
    assert_eq!(disk.claims, built_in.claims);
}

#[test]
fn save_round_trips_byte_for_byte() {
    let dir = common::data_dir();
    let db = dyad::load_dir(&dir).unwrap();
    let files = dyad::store::save(&dyad::load::to_records(&db));
    assert_eq!(files.len(), 2 + 4);
    for (rel, text) in files {
        let on_disk = std::fs::read_to_string(dir.join(&rel)).unwrap();
        assert!(
            on_disk == text,
            "{rel} is not canonical: run `dyad fmt --data data`"
        );
    }
}

#[test]
fn save_then_load_gives_the_same_database() {
    let fx = Fixture::new();
    // Reorder actors so that saving has something to canonicalise.
    let db = dyad::load_dir(fx.dir()).unwrap();
    for (rel, text) in dyad::store::save(&dyad::load::to_records(&db)) {
        fx.write(&rel, &text);
    }
    let again = dyad::load_dir(fx.dir()).unwrap();
    let names = |d: &dyad::Database| {
        let mut v: Vec<String> = d.actors.iter().map(|a| a.id.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(names(&db), names(&again));
    assert_eq!(db.claims.len(), again.claims.len());
    for (rel, text) in dyad::store::save(&dyad::load::to_records(&again)) {
        assert_eq!(
            std::fs::read_to_string(fx.dir().join(&rel)).unwrap(),
            text,
            "{rel}"
        );
    }
}

#[test]
fn arbitrary_input_never_panics_the_loader() {
    // Mutations of valid files reach deep into the loader; random bytes test the parser's edges.
    let bases = [
        ("actors.ron", ACTORS),
        ("documents.ron", DOCUMENTS),
        ("claims/doc.ron", CLAIMS),
    ];
    let tokens: [&[u8]; 14] = [
        b"(",
        b")",
        b"[",
        b"]",
        b"\"",
        b",",
        b":",
        b"\\",
        b"r#\"",
        b"\xff",
        b"\n",
        b"Some(",
        b"/*",
        b"\xe2\x80\x9c",
    ];
    // The library's seeded generator, so the test replays exactly.
    let mut rng = dyad::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
    let fx = Fixture::new();
    for round in 0..600 {
        let (file, base) = bases[round % bases.len()];
        let mut bytes = base.as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 => {
                    let end = (at + rng.below(12)).min(bytes.len());
                    bytes.drain(at..end);
                }
                1 => {
                    let t = tokens[rng.below(tokens.len())];
                    bytes.splice(at..at, t.iter().copied());
                }
                2 => bytes.insert(at, rng.next_u64() as u8),
                _ => bytes.truncate(at),
            }
        }
        std::fs::write(fx.dir().join(file), &bytes).unwrap();
        // Either outcome is fine; a panic fails the test.
        let _ = dyad::load_dir(fx.dir());
        fx.write(file, base);
    }
    for _ in 0..200 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        let _ =
            dyad::store::parse::<Vec<dyad::store::ActorRecord>>(&String::from_utf8_lossy(&bytes));
        let _ = dyad::store::locate::locate(
            &String::from_utf8_lossy(&bytes),
            &[dyad::store::locate::Seg::Index(1)],
        );
    }
}

#[test]
fn alias_resolution_matches_the_seeds_spellings() {
    let db = dyad::load_embedded().unwrap();
    for (spelling, id) in [
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("TURKIYE", "turkey"),
        ("Ankara", "turkey"),
        ("Turquier", "turkey"),
        ("Erdoğan", "recep_tayyip_erdogan"),
        ("Erdogan", "recep_tayyip_erdogan"),
        ("President Turkiye", "recep_tayyip_erdogan"),
        ("Tehran", "iran"),
        ("Islamic Republic of Iran", "iran"),
        ("Washington", "united_states"),
        ("U.S.", "united_states"),
        ("US", "united_states"),
        ("Tel Aviv", "israel"),
        ("Milli Istibarat Teshkiratu", "mit"),
        ("People’s Protection Units", "ypg"),
        ("People's Protection Units", "ypg"),
        ("Kurdistan Workers’ Party", "pkk"),
        ("Kurdistan Workers Party", "pkk"),
        ("al-Sharaa", "ahmed_al_sharaa"),
        ("President Shara", "ahmed_al_sharaa"),
        ("Islamic State in Iraq and al Sham", "isis"),
        ("US Central Command", "centcom"),
        ("Asayish", "asayish"),
        ("Baku", "azerbaijan"),
        ("Doha", "qatar"),
        ("Hakan Fidan", "hakan_fidan"),
    ] {
        let got = db.names.get(spelling).map(|a| db.actor(a).id.as_str());
        assert_eq!(got, Some(id), "{spelling}");
    }
}

#[test]
fn rollups_follow_acts_for_and_part_of() {
    let db = dyad::load_embedded().unwrap();
    let id = |s: &str| db.names.get(s).unwrap();
    assert_eq!(db.principal(id("hakan_fidan")), id("turkey"));
    assert_eq!(db.principal(id("ypg")), id("sdf"));
    assert_eq!(db.principal(id("centcom")), id("united_states"));
    assert_eq!(db.principal(id("siamand_afrin")), id("sdf"));
}

#[test]
fn cli_check_reports_problems_and_exits_2() {
    let fx = Fixture::new();
    fx.edit("claims/doc.ron", "to: \"turkey\"", "to: \"turky\"");
    let out = common::dyad(&["check", "--data", fx.dir().to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("doc.ron:6:17: error[unknown-actor]: unknown actor id 'turky'"),
        "{stdout}"
    );
    assert!(stdout.contains("help: did you mean 'turkey'?"), "{stdout}");
}

#[test]
fn cli_check_passes_on_the_built_in_database() {
    let out = common::dyad(&["check"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
}

// One record at a time: the per-record checks an importer or editor calls, with no files. Each
// test edits a valid record (`old` → `new`) and expects one finding: its code, its path inside
// the record, and a fragment of its message or help. These are the rules `dyad check` applies.

const ONE_ACTOR: &str =
    r#"(id: "hakan_fidan", name: "Hakan Fidan", kind: person, acts_for: "turkey")"#;
const ONE_DOCUMENT: &str =
    r#"(id: "doc", file: "seeds/doc.txt", title: "A test document", date: "2024-04", genre: news)"#;
const ONE_CLAIM: &str = r#"(from: "iran", to: "turkey", kind: cooperation, action: CONSULT, date: "2024-04", certainty: reported, quote: "Iran informed Turkey in advance")"#;
const ONE_MEDIATION: &str = r#"(from: "turkey", kind: mediation, between: ("united_states", "iran"), action: MEDIATE, date: "2024-04", certainty: reported, quote: "The US conveyed to Iran through Turkey")"#;

/// The fixture's actor ids.
fn actor_ids() -> dyad::load::Ids {
    dyad::load::Ids::new(["iran", "turkey", "united_states", "hakan_fidan"])
}

/// The fixture's document, as the loader builds it.
fn fixture_document() -> dyad::model::Document {
    dyad::model::Document {
        id: "doc".into(),
        file: "seeds/doc.txt".into(),
        title: "A test document".into(),
        author: None,
        publisher: None,
        date: Some("2024-04".parse().unwrap()),
        genre: dyad::model::Genre::News,
        note: None,
        text: common::DOC_TEXT.into(),
    }
}

/// `base` with its first `old` replaced by `new`, parsed as a record.
#[track_caller]
fn edited<T: for<'de> serde::Deserialize<'de>>(base: &str, old: &str, new: &str) -> T {
    assert!(base.contains(old), "{old:?} is not in the record");
    dyad::store::parse(&base.replacen(old, new, 1)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn actor(old: &str, new: &str) -> Vec<Finding> {
    dyad::load::check_actor(&edited(ONE_ACTOR, old, new), &actor_ids())
}

fn document(old: &str, new: &str) -> Vec<Finding> {
    dyad::load::check_document(&edited(ONE_DOCUMENT, old, new))
}

fn claim(old: &str, new: &str) -> Vec<Finding> {
    let doc = fixture_document();
    dyad::load::check_claim(&edited(ONE_CLAIM, old, new), &actor_ids(), Some(&doc))
}

fn mediation(old: &str, new: &str) -> Vec<Finding> {
    let doc = fixture_document();
    dyad::load::check_claim(&edited(ONE_MEDIATION, old, new), &actor_ids(), Some(&doc))
}

/// Asserts that one of `findings` has `code`, sits at `path` inside its record (`""` for the
/// whole record), and mentions `fragment` in its message or help.
#[track_caller]
fn finds(findings: Vec<Finding>, code: &str, path: &str, fragment: &str) {
    let shown: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
    let found = findings
        .iter()
        .find(|f| f.kind.code() == code)
        .unwrap_or_else(|| panic!("no {code} among {shown:#?}"));
    let at: String = found
        .path
        .iter()
        .map(|s| match s {
            Seg::Field(name) => format!(".{name}"),
            Seg::Index(i) => format!("[{i}]"),
        })
        .collect();
    assert_eq!(at.trim_start_matches('.'), path, "{shown:#?}");
    let text = format!("{} {}", found.message, found.help.as_deref().unwrap_or(""));
    assert!(text.contains(fragment), "expected {fragment:?} in {text:?}");
}

#[rustfmt::skip]
mod one_record {
    use super::*;

    #[test] fn valid_records_have_no_findings() { assert_eq!(actor("", ""), []); assert_eq!(document("", ""), []); assert_eq!(claim("", ""), []); assert_eq!(mediation("", ""), []); }
    #[test] fn a_claim_needs_no_document_to_be_checked() { assert_eq!(dyad::load::check_claim(&edited(ONE_CLAIM, "", ""), &actor_ids(), None), []); }

    #[test] fn actor_bad_id() { finds(actor("\"hakan_fidan\"", "\"Hakan\""), "bad-id", "id", "must be lower-case letters, digits and '_'"); }
    #[test] fn actor_empty_name() { finds(actor("\"Hakan Fidan\"", "\" \""), "empty-field", "name", "actor 'hakan_fidan' has an empty name"); }
    #[test] fn actor_unknown_link() { finds(actor("\"turkey\"", "\"turkei\""), "unknown-actor", "acts_for", "did you mean 'turkey'?"); }
    #[test] fn actor_unknown_part_of() { finds(actor("acts_for: \"turkey\"", "part_of: \"turky\""), "unknown-actor", "part_of", "part_of names unknown actor 'turky'"); }
    #[test] fn actor_is_its_own_link() { finds(actor("\"turkey\")", "\"hakan_fidan\")"), "self-relation", "acts_for", "is its own acts_for"); }

    #[test] fn document_bad_id() { finds(document("\"doc\"", "\"Doc 1\""), "bad-id", "id", "document id 'Doc 1'"); }
    #[test] fn document_empty_title() { finds(document("\"A test document\"", "\"\""), "empty-field", "title", "has an empty title"); }
    #[test] fn document_bad_date() { finds(document("\"2024-04\"", "\"2024-13\""), "bad-date", "date", "2024-13"); }

    #[test] fn claim_unknown_from() { finds(claim("\"iran\"", "\"irn\""), "unknown-actor", "from", "did you mean 'iran'?"); }
    #[test] fn claim_unknown_to() { finds(claim("\"turkey\"", "\"turky\""), "unknown-actor", "to", "unknown actor id 'turky'"); }
    #[test] fn claim_kind_disagrees_with_action() { finds(claim("cooperation", "conflict"), "kind-mismatch", "action", "CONSULT is a cooperation action"); }
    #[test] fn claim_without_to() { finds(claim("to: \"turkey\", ", ""), "kind-mismatch", "", "must name its `to` actor"); }
    #[test] fn claim_with_between() { finds(claim("kind:", "between: (\"iran\", \"turkey\"), kind:"), "kind-mismatch", "between", "only mediation claims take `between`"); }
    #[test] fn claim_to_itself() { finds(claim("\"turkey\"", "\"iran\""), "self-relation", "to", "a claim from 'iran' to itself"); }
    #[test] fn claim_malformed_date() { finds(claim("\"2024-04\"", "\"2024-4\""), "bad-date", "date", "malformed date '2024-4'"); }
    #[test] fn claim_impossible_date() { finds(claim("\"2024-04\"", "\"2026-02-30\""), "bad-date", "date", "day out of range"); }
    #[test] fn claim_empty_quote() { finds(claim("\"Iran informed Turkey in advance\"", "\"  \""), "empty-field", "quote", "the quote is empty"); }
    #[test] fn claim_quote_not_in_document() { finds(claim("informed", "warned"), "quote-not-found", "quote", "differs at \"warned\""); }
    #[test] fn claim_quote_names_its_document() { finds(claim("Iran informed", "Tehran informed"), "quote-not-found", "quote", "does not occur in document 'doc'"); }

    #[test] fn claim_date_forms_are_accepted() { for d in ["2024", "2024-04-10", "2011/2024", "2024-03/2024-05", "before 2024-12", "after 2020-07", "unknown"] { assert_eq!(claim("\"2024-04\"", &format!("{d:?}")), [], "{d}"); } }
    #[test] fn claim_malformed_date_form() { finds(claim("\"2024-04\"", "\"before 24\""), "bad-date", "date", "malformed date 'before 24'"); }
    #[test] fn claim_reversed_range() { finds(claim("\"2024-04\"", "\"2024-05/2024-04\""), "bad-date", "date", "starts (2024-05) after it ends (2024-04)"); }
    #[test] fn claim_date_from_document_matching() { assert_eq!(claim("certainty:", "date_from: document, certainty:"), []); }
    #[test] fn claim_date_from_document_mismatch() { finds(claim("\"2024-04\", certainty:", "\"before 2024-04\", date_from: document, certainty:"), "bad-date-source", "date_from", "write date: \"2024-04\""); }
    #[test] fn claim_date_from_document_without_document_date() { let mut doc = fixture_document(); doc.date = None; finds(dyad::load::check_claim(&edited(ONE_CLAIM, "certainty:", "date_from: document, certainty:"), &actor_ids(), Some(&doc)), "bad-date-source", "date_from", "has no date"); }
    #[test] fn claim_date_from_text_is_the_default() { assert_eq!(claim("certainty:", "date_from: text, certainty:"), []); }
    #[test] fn claim_date_from_unknown_source() { assert!(dyad::store::parse::<dyad::store::ClaimRecord>(&ONE_CLAIM.replacen("certainty:", "date_from: guess, certainty:", 1)).is_err()); }
    #[test] fn claim_concede_is_cooperation() { assert_eq!(claim("CONSULT", "CONCEDE"), []); }
    #[test] fn claim_retreat_is_cooperation() { assert_eq!(claim("CONSULT", "RETREAT"), []); }
    #[test] fn claim_demand_is_conflict() { assert_eq!(claim("kind: cooperation, action: CONSULT", "kind: conflict, action: DEMAND"), []); }
    #[test] fn claim_demand_coded_as_cooperation() { finds(claim("CONSULT", "DEMAND"), "kind-mismatch", "action", "DEMAND is a conflict action"); }

    #[test] fn mediation_unknown_party() { finds(mediation("\"iran\")", "\"irn\")"), "unknown-actor", "between[1]", "did you mean 'iran'?"); }
    #[test] fn mediation_without_parties() { finds(mediation("between: (\"united_states\", \"iran\"), ", ""), "bad-mediation", "", "must name its two parties"); }
    #[test] fn mediation_same_party_twice() { finds(mediation("\"united_states\"", "\"iran\""), "bad-mediation", "between", "not 'iran' twice"); }
    #[test] fn mediator_is_a_party() { finds(mediation("\"turkey\"", "\"iran\""), "bad-mediation", "from", "is one of the parties it mediates between"); }
    #[test] fn mediation_with_to() { finds(mediation("kind:", "to: \"iran\", kind:"), "kind-mismatch", "to", "names its parties in `between`, not `to`"); }
}
