//! The binary snapshot: used when fresh, ignored when any input changed or it is damaged.

mod common;

use std::time::{Duration, SystemTime};

use dyad::snapshot::{self, FILE_NAME};

/// Backdates every file of the fixture, as if it had been written a while ago, so that the
/// snapshot (which only records settled files) is written.
fn settle(fx: &common::Fixture, age_secs: u64) {
    let when = SystemTime::now() - Duration::from_secs(age_secs);
    for rel in [
        "actors.ron",
        "documents.ron",
        "claims/doc.ron",
        "seeds/doc.txt",
    ] {
        let f = std::fs::File::options()
            .write(true)
            .open(fx.dir().join(rel))
            .unwrap();
        f.set_modified(when).unwrap();
    }
}

fn same(a: &dyad::Database, b: &dyad::Database) {
    assert_eq!(a.actors, b.actors);
    assert_eq!(a.documents, b.documents);
    assert_eq!(a.claims, b.claims);
    assert_eq!(a.graph.edge_count(), b.graph.edge_count());
}

#[test]
fn a_fresh_snapshot_is_written_and_read_back_identically() {
    let fx = common::Fixture::new();
    settle(&fx, 60);
    let ron = dyad::load_dir(fx.dir()).unwrap();
    let first = snapshot::load_dir(fx.dir()).unwrap();
    assert!(
        fx.dir().join(FILE_NAME).exists(),
        "the first load writes the snapshot"
    );
    let src = dyad::load::DirSource::new(fx.dir());
    let from_snapshot = snapshot::read(fx.dir(), &src).expect("the snapshot is fresh");
    same(&ron, &first);
    same(&ron, &from_snapshot);
    assert_eq!(from_snapshot.names.get("Türkiye"), ron.names.get("turkey"));
}

#[test]
fn inputs_modified_moments_ago_are_not_snapshotted() {
    let fx = common::Fixture::new();
    snapshot::load_dir(fx.dir()).unwrap();
    assert!(!fx.dir().join(FILE_NAME).exists());
}

#[test]
fn an_edited_claims_file_makes_the_snapshot_stale() {
    let fx = common::Fixture::new();
    settle(&fx, 60);
    snapshot::load_dir(fx.dir()).unwrap();
    fx.edit("claims/doc.ron", "certainty: stated", "certainty: reported");
    settle(&fx, 30);
    let src = dyad::load::DirSource::new(fx.dir());
    assert!(
        snapshot::read(fx.dir(), &src).is_none(),
        "stale after the edit"
    );
    let db = snapshot::load_dir(fx.dir()).unwrap();
    assert!(db
        .claims
        .iter()
        .all(|c| c.certainty != dyad::model::Certainty::Stated));
}

#[test]
fn a_new_claims_file_makes_the_snapshot_stale() {
    let fx = common::Fixture::new();
    settle(&fx, 60);
    snapshot::load_dir(fx.dir()).unwrap();
    fx.write("claims/extra.ron", "(document: \"extra\", claims: [])");
    let src = dyad::load::DirSource::new(fx.dir());
    assert!(snapshot::read(fx.dir(), &src).is_none());
    // And the RON load reports the new file's problem: no silent use of old data.
    assert!(snapshot::load_dir(fx.dir()).is_err());
}

#[test]
fn a_damaged_snapshot_is_ignored_not_trusted() {
    let fx = common::Fixture::new();
    settle(&fx, 60);
    let good = snapshot::load_dir(fx.dir()).unwrap();
    let path = fx.dir().join(FILE_NAME);
    let bytes = std::fs::read(&path).unwrap();
    for cut in [0, 8, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let db = snapshot::load_dir(fx.dir()).unwrap();
        same(&good, &db);
    }
    // A flipped bit anywhere (here in a quote's document text) fails the checksum.
    for at in [9, bytes.len() / 3, bytes.len() - 20] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        std::fs::write(&path, &flipped).unwrap();
        let src = dyad::load::DirSource::new(fx.dir());
        assert!(
            snapshot::read(fx.dir(), &src).is_none(),
            "damage at byte {at} is detected"
        );
        same(&good, &snapshot::load_dir(fx.dir()).unwrap());
    }
}
