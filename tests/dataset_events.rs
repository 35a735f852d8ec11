//! UCDP on its real sample, and POLECAT and ACLED on fixtures written from their published
//! layouts (see `tests/fixtures/datasets/README.md`).

use std::path::Path;

use dyad::dataset::{self, Format, Mapping, Parsed, Rows, SkipReason};
use dyad::model::{Action, ActorKind};

fn parse(format: Format, path: &Path) -> (String, Parsed) {
    let (text, bad) =
        dataset::decode(std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
    let m = Mapping::default();
    let p = dataset::parse(
        format,
        &Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &m,
        },
    );
    (text, p)
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn skips(p: &Parsed) -> Vec<(u32, SkipReason)> {
    p.skipped.iter().map(|s| (s.line, s.reason)).collect()
}

#[test]
fn the_ucdp_ged_sample_reads_every_event_with_its_record_and_deaths() {
    let path = root().join("../shared/data/ucdp/ged231_sample_1000.csv");
    let (text, p) = parse(Format::Ucdp, &path);
    assert_eq!(p.rows, 1000);
    assert_eq!(p.events.len() + p.skipped.len(), 1000);
    assert!(
        p.skipped.iter().all(|s| !s.reason.is_error()),
        "{:?}",
        p.skipped
    );
    // The types of violence as the sample documents them: 707 state-based, 133 non-state,
    // 160 one-sided.
    let mut by_type = [0usize; 4];
    for e in &p.events {
        let t: usize = e.code.as_deref().unwrap()[4..].parse().unwrap();
        by_type[t] += 1;
    }
    assert_eq!(by_type[1] + by_type[2] + by_type[3], p.events.len());
    assert_eq!(
        (by_type[1], by_type[2], by_type[3]),
        (707, 133, 160),
        "{by_type:?}"
    );
    for e in &p.events {
        let row = &text[e.start as usize..(e.start + e.len) as usize];
        assert!(row.starts_with(&format!("{},", e.record)), "{row}");
        assert_eq!(e.action, Action::Assault);
        assert!(e.weight.is_some());
    }
    // Governments are agencies of their states, so that roll-up gathers them.
    let syria = p
        .parties
        .iter()
        .find(|x| x.name.as_ref() == "Government of Syria")
        .unwrap();
    assert_eq!(
        (syria.kind, syria.country.as_deref()),
        (ActorKind::Agency, Some("Syria"))
    );
}

#[test]
fn polecat_fixture_rows_map_plover_types_and_locate_bad_rows() {
    let (_, p) = parse(
        Format::Polecat,
        &root().join("tests/fixtures/datasets/polecat/events.tsv"),
    );
    assert_eq!(p.rows, 9);
    let actions: Vec<Action> = p.events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            Action::Consult,
            Action::Consult,
            Action::Assault,
            Action::Aid
        ]
    );
    assert_eq!(p.events[2].code.as_deref(), Some("assault/firearms"));
    assert_eq!(p.events[2].goldstein, Some(-9.0));
    assert_eq!(
        skips(&p),
        vec![
            (6, SkipReason::Code),
            (7, SkipReason::Date),
            (8, SkipReason::Value),
            (9, SkipReason::NoTarget),
            (10, SkipReason::Columns)
        ]
    );
}

#[test]
fn acled_fixture_rows_map_event_types_and_locate_bad_rows() {
    let (_, p) = parse(
        Format::Acled,
        &root().join("tests/fixtures/datasets/acled/events.csv"),
    );
    assert_eq!(p.rows, 10);
    let actions: Vec<Action> = p.events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            Action::Assault,
            Action::Assault,
            Action::Agree,
            Action::Coerce,
            Action::Concede
        ]
    );
    assert_eq!(p.events[0].weight, Some(4.0));
    assert_eq!(p.events[1].date.to_string(), "2023-03-02");
    assert_eq!(
        skips(&p),
        vec![
            (4, SkipReason::NoTarget),
            (8, SkipReason::Date),
            (9, SkipReason::Code),
            (10, SkipReason::Value),
            (11, SkipReason::Columns)
        ]
    );
}
