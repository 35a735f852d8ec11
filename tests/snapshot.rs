//! The binary snapshot: used when every input has the content it was built from, ignored when
//! any input changed (whatever its size and time say) or the snapshot is damaged or foreign.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use dyad::load::{DirSource, ReadPolicy};
use dyad::snapshot::{self, FILE_NAME};

const FILES: [&str; 4] = [
    "actors.ron",
    "documents.ron",
    "claims/doc.ron",
    "seeds/doc.txt",
];

fn same(a: &dyad::Database, b: &dyad::Database) {
    assert_eq!(a.actors, b.actors);
    assert_eq!(a.documents, b.documents);
    assert_eq!(a.claims, b.claims);
    assert_eq!(a.graph.edge_count(), b.graph.edge_count());
}

fn fresh(dir: &Path) -> Option<dyad::Database> {
    snapshot::read(&DirSource::new(dir))
}

/// Sets a file's modification time, as `touch -r`, `cp -p`, rsync and tar do.
fn set_mtime(path: &Path, when: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Replaces `old` by `new` (of the same length) in a file and restores its modification time,
/// so that size and time both say nothing changed.
#[track_caller]
fn edit_keeping_size_and_mtime(fx: &common::Fixture, rel: &str, old: &str, new: &str) {
    assert_eq!(old.len(), new.len(), "the edit keeps the size");
    let path = fx.dir().join(rel);
    let when = mtime(&path);
    let size = std::fs::metadata(&path).unwrap().len();
    fx.edit(rel, old, new);
    set_mtime(&path, when);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
    assert_eq!(mtime(&path), when);
}

#[test]
fn a_fresh_snapshot_is_written_and_read_back_identically() {
    let fx = common::Fixture::new();
    let ron = dyad::load_dir(fx.dir()).unwrap();
    let first = snapshot::load_dir(fx.dir()).unwrap();
    assert!(
        fx.dir().join(FILE_NAME).exists(),
        "the first load writes the snapshot"
    );
    let from_snapshot = fresh(fx.dir()).expect("the snapshot is fresh");
    same(&ron, &first);
    same(&ron, &from_snapshot);
    assert_eq!(from_snapshot.names.get("Türkiye"), ron.names.get("turkey"));
}

#[test]
fn inputs_modified_moments_ago_are_snapshotted_by_their_content() {
    // Freshness no longer rests on times, so a database written a moment ago is snapshotted at
    // once, and an edit a moment later is still seen.
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    assert!(fresh(fx.dir()).is_some());
    fx.edit("claims/doc.ron", "certainty: stated", "certainty: reported");
    assert!(fresh(fx.dir()).is_none(), "stale at once after the edit");
}

#[test]
fn an_edited_claims_file_makes_the_snapshot_stale() {
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    fx.edit("claims/doc.ron", "certainty: stated", "certainty: reported");
    assert!(fresh(fx.dir()).is_none(), "stale after the edit");
    let db = snapshot::load_dir(fx.dir()).unwrap();
    assert!(db
        .claims
        .iter()
        .all(|c| c.certainty != dyad::model::Certainty::Stated));
}

#[test]
fn an_edit_keeping_size_and_mtime_gives_the_new_answer() {
    let fx = common::Fixture::new();
    let before = snapshot::load_dir(fx.dir()).unwrap();
    assert!(fresh(fx.dir()).is_some());
    edit_keeping_size_and_mtime(&fx, "claims/doc.ron", "2024-04-10", "2024-04-11");
    assert!(fresh(fx.dir()).is_none(), "the edit is seen");
    let after = snapshot::load_dir(fx.dir()).unwrap();
    assert_eq!(before.claims[2].date.to_string(), "2024-04-10");
    assert_eq!(after.claims[2].date.to_string(), "2024-04-11");

    // And end to end: the binary answers from the edited RON.
    edit_keeping_size_and_mtime(&fx, "claims/doc.ron", "2024-04-11", "2024-04-12");
    let out = common::dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "-c",
            "evidence Hakan Fidan United States",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("2024-04-12"), "{stdout}");
}

#[test]
fn an_edit_making_the_ron_invalid_fails_queries_and_exports() {
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    // Same length, same time, and no longer a valid relation kind.
    edit_keeping_size_and_mtime(&fx, "claims/doc.ron", "cooperation", "cooperatoin");
    let err = snapshot::load_dir(fx.dir()).expect_err("never answered from the old snapshot");
    assert_eq!(err.count(dyad::ProblemKind::Syntax), 1, "{err}");
    let data = fx.dir().to_str().unwrap();
    let query = common::dyad(&["--data", data, "-c", "stats"], "");
    assert_eq!(query.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&query.stderr);
    assert!(stderr.contains("doc.ron:"), "{stderr}");
    let export = common::dyad(&["--data", data, "export", "json"], "");
    assert_ne!(export.status.code(), Some(0));
    assert!(export.stdout.is_empty(), "no partial export");
}

#[test]
fn a_new_claims_file_makes_the_snapshot_stale() {
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    fx.write("claims/extra.ron", "(document: \"extra\", claims: [])");
    assert!(fresh(fx.dir()).is_none());
    // And the RON load reports the new file's problem: no silent use of old data.
    assert!(snapshot::load_dir(fx.dir()).is_err());
}

#[test]
fn a_datasets_file_that_appears_makes_the_snapshot_stale() {
    // The snapshot used to fingerprint only the files that existed, so a datasets.ron written
    // after it (by `dyad import`) went unseen and the database answered without the dataset.
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    fx.write(
        "datasets.ron",
        "[(id: \"ev\", file: \"ev.tab\", format: icews, title: \"t\")]",
    );
    fx.write(
        "ev.tab",
        "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tCAMEO Code\tTarget Name\tTarget Sectors\tTarget Country\n\
         1\t2018-06-01\tIran\tNA\tIran\t040\tTurkey\tNA\tTurkey\n",
    );
    assert!(fresh(fx.dir()).is_none());
    let db = snapshot::load_dir(fx.dir()).unwrap();
    assert_eq!(db.datasets.len(), 1);
    // And the snapshot written with it is fresh and has the dataset's claims.
    let again = fresh(fx.dir()).expect("a fresh snapshot");
    same(&db, &again);
    assert_eq!(again.datasets, db.datasets);
}

#[test]
fn an_edited_document_makes_the_snapshot_stale() {
    // Documents are read again on every open (their texts are not in the snapshot), and a
    // changed text no longer holds the quotes.
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    edit_keeping_size_and_mtime(&fx, "seeds/doc.txt", "informed", "notified");
    assert!(fresh(fx.dir()).is_none());
    let err = snapshot::load_dir(fx.dir()).unwrap_err();
    assert_eq!(err.count(dyad::ProblemKind::QuoteNotFound), 1, "{err}");
}

#[test]
fn the_snapshot_holds_no_document_text() {
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    let bytes = std::fs::read(fx.dir().join(FILE_NAME)).unwrap();
    let needle = b"Antony Blinken";
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn a_damaged_snapshot_is_ignored_not_trusted() {
    let fx = common::Fixture::new();
    let good = snapshot::load_dir(fx.dir()).unwrap();
    let path = fx.dir().join(FILE_NAME);
    let bytes = std::fs::read(&path).unwrap();
    for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let db = snapshot::load_dir(fx.dir()).unwrap();
        same(&good, &db);
    }
    // A flipped bit anywhere fails the checksum.
    for at in [9, bytes.len() / 3, bytes.len() - 20] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        std::fs::write(&path, &flipped).unwrap();
        assert!(fresh(fx.dir()).is_none(), "damage at byte {at} is detected");
        same(&good, &snapshot::load_dir(fx.dir()).unwrap());
    }
}

#[test]
fn a_snapshot_from_another_database_with_matching_times_is_ignored() {
    // The tarball case: a snapshot built from other RON, shipped with every file's size and
    // time matching, must not answer for this RON.
    let theirs = common::Fixture::new();
    theirs.edit("claims/doc.ron", "2024-04-10", "2024-04-11");
    snapshot::load_dir(theirs.dir()).unwrap();
    let ours = common::Fixture::new();
    let when = SystemTime::now() - Duration::from_secs(3600);
    for rel in FILES {
        set_mtime(&theirs.dir().join(rel), when);
        set_mtime(&ours.dir().join(rel), when);
    }
    std::fs::copy(theirs.dir().join(FILE_NAME), ours.dir().join(FILE_NAME)).unwrap();
    assert!(
        fresh(ours.dir()).is_none(),
        "a foreign snapshot does not match"
    );
    let db = snapshot::load_dir(ours.dir()).unwrap();
    assert_eq!(db.claims[2].date.to_string(), "2024-04-10");
}

#[test]
fn a_moved_database_rebuilds_its_snapshot() {
    // The snapshot records the real paths it read; a copy elsewhere reads other paths.
    let a = common::Fixture::new();
    snapshot::load_dir(a.dir()).unwrap();
    let b = common::Fixture::new();
    std::fs::copy(a.dir().join(FILE_NAME), b.dir().join(FILE_NAME)).unwrap();
    assert!(fresh(b.dir()).is_none());
    snapshot::load_dir(b.dir()).unwrap();
    assert!(fresh(b.dir()).is_some());
}

#[test]
fn absolute_document_path_is_read_and_watched_where_it_points() {
    // An absolute `file:` used to be read under the database directory (its leading `/`
    // dropped) while the snapshot watched the absolute path.
    let fx = common::Fixture::new();
    let abs = fx.dir().join("seeds/doc.txt");
    fx.edit("documents.ron", "seeds/doc.txt", abs.to_str().unwrap());
    let db = snapshot::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(db.documents[0].text.contains("Blinken"));
    assert!(fresh(fx.dir()).is_some());
    edit_keeping_size_and_mtime(&fx, "seeds/doc.txt", "Blinken", "Blinkin");
    assert!(fresh(fx.dir()).is_none(), "the absolute path is watched");
    assert!(snapshot::load_dir(fx.dir()).is_err());
}

#[test]
fn a_snapshot_is_reread_under_the_current_policy() {
    // Built while a document outside the root was allowed; opened without that permission, it
    // must not answer, and the error says why.
    let outside = common::Fixture::new();
    let fx = common::Fixture::new();
    let elsewhere = outside.dir().join("seeds/doc.txt");
    // Move the fixture's root away from /tmp so that the other fixture is outside it.
    let nested = fx.dir().join("project/data");
    for rel in ["actors.ron", "documents.ron", "claims/doc.ron"] {
        let to = nested.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fx.dir().join(rel), to).unwrap();
    }
    let docs = std::fs::read_to_string(nested.join("documents.ron")).unwrap();
    std::fs::write(
        nested.join("documents.ron"),
        docs.replace("seeds/doc.txt", elsewhere.to_str().unwrap()),
    )
    .unwrap();
    let allow = ReadPolicy {
        allow_outside: true,
        ..ReadPolicy::default()
    };
    snapshot::load_source(&DirSource::with_policy(&nested, allow))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(snapshot::read(&DirSource::with_policy(&nested, allow)).is_some());
    assert!(snapshot::read(&DirSource::new(&nested)).is_none());
    let err = snapshot::load_dir(&nested).unwrap_err();
    assert_eq!(err.count(dyad::ProblemKind::OutsideRoot), 1, "{err}");
}

#[test]
fn a_symlinked_snapshot_is_neither_read_nor_written_through() {
    let fx = common::Fixture::new();
    let victim = fx.dir().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, fx.dir().join(FILE_NAME)).unwrap();
    snapshot::load_dir(fx.dir()).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(fx.dir().join(FILE_NAME))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn planted_symlinks_at_snapshot_temporary_names_are_not_written_through() {
    // The case: a link planted at `.dyad-snapshot.<pid>` (the old temporary name), and
    // links at the first names the atomic writer draws from now (fewer than it tries).
    let fx = common::Fixture::new();
    let victim = fx.dir().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    let pid = std::process::id();
    let mut planted = vec![format!("{FILE_NAME}.{pid}")];
    planted.extend((0..48).map(|n| format!(".{FILE_NAME}.dyad-tmp.{pid}.{n}")));
    for name in &planted {
        std::os::unix::fs::symlink(&victim, fx.dir().join(name)).unwrap();
    }
    snapshot::load_dir(fx.dir()).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(
        fresh(fx.dir()).is_some(),
        "the snapshot was written beside them"
    );
    let stray = std::fs::read_dir(fx.dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_string_lossy().contains("dyad-tmp"))
        .count();
    assert_eq!(stray, 0, "no temporary file is left behind");
}
