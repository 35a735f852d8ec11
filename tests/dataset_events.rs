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
    // Counted again from the file's own column, so that the parser is checked against the
    // rows and not only against the figures the sample's documentation gives.
    let mut in_file = [0usize; 4];
    let mut fields = Vec::new();
    let mut records = dataset::csv_records(&text);
    dataset::split_csv(records.next().unwrap().text, b',', &mut fields).unwrap();
    let column = fields.iter().position(|f| f == "type_of_violence").unwrap();
    for r in records {
        dataset::split_csv(r.text, b',', &mut fields).unwrap();
        in_file[fields[column].parse::<usize>().unwrap()] += 1;
    }
    assert_eq!(by_type, in_file);
    assert_eq!(
        (by_type[1], by_type[2], by_type[3]),
        (707, 133, 160),
        "{by_type:?}"
    );
    // Every span is exactly its record, as CSV reads records (quoted line breaks included).
    let records: std::collections::HashMap<u32, &str> = dataset::csv_records(&text)
        .map(|r| (r.number, r.text))
        .collect();
    for e in &p.events {
        let row = &text[e.start as usize..(e.start + e.len) as usize];
        assert_eq!(Some(&row), records.get(&e.line));
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

/// PLOVER's own table of event types (derived from its manual, in `../shared/data/plover`)
/// and POLECAT's list of modes: every type is the action of its name with the table's quad
/// class, and every mode is kept in the code.
#[test]
fn plover_types_and_modes_from_the_codebook_map_to_actions_quads_and_codes() {
    let dir = root().join("../shared/data/plover");
    let types = std::fs::read_to_string(dir.join("plover_event_types.tsv")).unwrap();
    let modes = std::fs::read_to_string(dir.join("polecat_modes_rpolecat.tsv")).unwrap();
    let mut body = String::from(
        "Event ID\tEvent Date\tEvent Type\tEvent Mode\tActor Name\tActor Country\tRecipient Name\tRecipient Country\n",
    );
    let mut want = Vec::new();
    for row in types.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let quad = match cols[1] {
            "VERBAL COOPERATION" => 1,
            "MATERIAL COOPERATION" => 2,
            "VERBAL CONFLICT" => 3,
            "MATERIAL CONFLICT" => 4,
            other => panic!("quad category {other}"),
        };
        body.push_str(&format!("t\t2023-05-01\t{}\t\tA\tX\tB\tY\n", cols[0]));
        want.push((cols[0].to_string(), quad, cols[0].to_ascii_lowercase()));
    }
    assert_eq!(want.len(), 16);
    for row in modes.lines().skip(1) {
        let (t, mode) = row.split_once('\t').unwrap();
        let quad = want.iter().find(|w| w.2 == t).unwrap().1;
        body.push_str(&format!("m\t2023-05-01\t{t}\t{mode}\tA\tX\tB\tY\n"));
        want.push((t.to_ascii_uppercase(), quad, format!("{t}/{mode}")));
    }
    let m = Mapping::default();
    let p = dataset::parse(
        Format::Polecat,
        &Rows {
            text: &body,
            bad_utf8: &[],
            mapping: &m,
        },
    );
    assert!(p.skipped.is_empty(), "{:?}", p.skipped);
    assert_eq!(p.events.len(), want.len());
    for (e, (name, quad, code)) in p.events.iter().zip(&want) {
        assert_eq!(e.action.as_str(), name);
        assert_eq!(e.quad, Some(*quad), "{name}");
        assert_eq!(e.code.as_deref(), Some(code.as_str()));
    }
}

#[test]
fn acled_fixture_rows_map_event_types_and_locate_bad_rows() {
    let (text, p) = parse(
        Format::Acled,
        &root().join("tests/fixtures/datasets/acled/events.csv"),
    );
    // Fifteen lines after the header, one record spanning two of them.
    assert_eq!(p.rows, 13);
    assert_eq!(p.events.len() + p.skipped.len(), 13);
    let actions: Vec<(Action, bool)> = p.events.iter().map(|e| (e.action, e.mutual)).collect();
    assert_eq!(
        actions,
        vec![
            (Action::Assault, false),
            (Action::Assault, false),
            (Action::Agree, true),
            (Action::Coerce, false),
            (Action::Concede, false),
            (Action::Assault, false),
            (Action::Coerce, false),
            (Action::Mobilize, false),
        ]
    );
    assert_eq!(p.events[0].weight, Some(4.0));
    assert_eq!(p.events[1].date.to_string(), "2023-03-02");
    assert_eq!(p.events[6].code.as_deref(), Some("Arrests"));
    // Every event's span is its record, from its id to its timestamp, line break included.
    for e in &p.events {
        let row = &text[e.start as usize..(e.start + e.len) as usize];
        assert!(row.starts_with(&format!("{},", e.record)), "{row}");
        assert!(row.ends_with(",1700000000"), "{row}");
    }
    assert!(text[p.events[5].start as usize..][..p.events[5].len as usize].contains('\n'));
    // Interaction codes: state forces are their state's; foreign forces too; a UN mission is
    // an international organisation.
    let party = |name: &str| {
        let x = p.parties.iter().find(|x| x.name.as_ref() == name).unwrap();
        (x.kind, x.country.as_deref())
    };
    assert_eq!(
        party("Military Forces of Xland (2010-)"),
        (ActorKind::Agency, Some("Xland"))
    );
    assert_eq!(
        party("Military Forces of Yland (2015-)"),
        (ActorKind::Agency, Some("Yland"))
    );
    assert_eq!(
        party("United Nations Mission in Xland (2020-)"),
        (ActorKind::InternationalOrg, None)
    );
    assert_eq!(party("Northern Front"), (ActorKind::ArmedGroup, None));
    assert_eq!(
        party("Civilians (Xland)"),
        (ActorKind::Other, Some("Xland"))
    );
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
    assert!(p
        .skipped
        .iter()
        .all(|s| s.detail.is_some() == s.reason.is_error()));
}

/// Every format: a row holding a byte that is not UTF-8 is skipped as such, at its line, and
/// the rows around it still read.
#[test]
fn a_byte_that_is_not_utf8_skips_its_row_in_every_format() {
    let files: [(Format, &str, Mapping); 5] = [
        (
            Format::Icews,
            "../shared/data/icews/events.2018.sample.tab",
            Mapping::default(),
        ),
        (
            Format::Ucdp,
            "../shared/data/ucdp/ged231_sample_1000.csv",
            Mapping::default(),
        ),
        (
            Format::Polecat,
            "tests/fixtures/datasets/polecat/events.tsv",
            Mapping::default(),
        ),
        (
            Format::Acled,
            "tests/fixtures/datasets/acled/events.csv",
            Mapping::default(),
        ),
        (
            Format::Edges,
            "../shared/data/konect-gama/out.ucidata-gama",
            Mapping::default(),
        ),
    ];
    for (format, rel, m) in files {
        let mut bytes = std::fs::read(root().join(rel)).unwrap();
        // The end of the file's third line gets an invalid byte.
        let third = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(2)
            .unwrap()
            .0;
        bytes.insert(third, 0xC4);
        let (text, bad) = dataset::decode(bytes);
        let p = dataset::parse(
            format,
            &Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &m,
            },
        );
        let enc: Vec<u32> = p
            .skipped
            .iter()
            .filter(|s| s.reason == SkipReason::Encoding)
            .map(|s| s.line)
            .collect();
        assert_eq!(
            enc,
            vec![3],
            "{format}: {:?}",
            &p.skipped[..p.skipped.len().min(3)]
        );
        assert!(!p.events.is_empty(), "{format}");
    }
}

/// ICEWS's own CAMEO table is not valid UTF-8 (curly quotes garbled into Mac Roman bytes). Read
/// as dyad reads a dataset, its bad lines are found and the rest is usable: its codes agree
/// with the table in code except where the two publishers' Goldstein scores are known to
/// differ.
#[test]
fn icews_cameo_table_with_its_invalid_bytes_agrees_with_the_table_in_code() {
    use dyad::dataset::cameo;
    let bytes = std::fs::read(root().join("../shared/data/icews/cameo-codes.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, bad) = dataset::decode(bytes);
    assert!(!bad.is_empty());
    let mut fields = Vec::new();
    let mut differ = Vec::new();
    let mut seen = 0;
    for rec in dataset::csv_records(&text).skip(1) {
        dataset::split_csv(rec.text, b',', &mut fields).expect("quotes close");
        let (code, score) = (fields[3].as_str(), fields[4].parse::<f32>().unwrap());
        match cameo::event(code) {
            Some((_, ours)) if ours == score => seen += 1,
            _ => differ.push(code.to_string()),
        }
    }
    assert!(seen > 300, "{seen}");
    differ.sort();
    assert_eq!(differ, ["016", "022", "1213", "164", "165"]);
}
