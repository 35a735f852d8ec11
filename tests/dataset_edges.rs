//! Edge lists: the Gahuku–Gama network as KONECT publishes it, and CSV/TSV edge lists with
//! named columns.

use std::path::Path;

use dyad::dataset::{self, Format, Mapping, Parsed, Rows, SkipReason};
use dyad::model::{Action, ActorKind, EventDate, RelationKind};

fn parse_text(text: &str, m: &Mapping) -> Parsed {
    let (text, bad) = dataset::decode(text.as_bytes().to_vec());
    dataset::parse(
        Format::Edges,
        &Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: m,
        },
    )
}

fn gama() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/konect-gama/out.ucidata-gama");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sixteen subtribes in KONECT's node order, as `../shared/data/README.md` lists them.
const TRIBES: [&str; 16] = [
    "Gavev", "Kotun", "Ove", "Alika", "Nagam", "Gahuk", "Masil", "Ukudz", "Notoh", "Kohik",
    "Geham", "Asaro", "Uheto", "Seuve", "Nagad", "Gama",
];

fn with_names(names: &[&str]) -> Mapping {
    Mapping {
        names: Some(names.iter().map(|s| s.to_string()).collect()),
        ..Mapping::default()
    }
}

fn reasons(p: &Parsed) -> Vec<(u32, SkipReason)> {
    p.skipped.iter().map(|s| (s.line, s.reason)).collect()
}

#[test]
fn the_gahuku_gama_network_is_58_named_two_sided_ties_split_as_its_signs() {
    let text = gama();
    // The split counted from the file itself, not from the parser: the third column's sign.
    let (mut plus, mut minus) = (0, 0);
    for line in text
        .lines()
        .filter(|l| !l.starts_with('%') && !l.trim().is_empty())
    {
        match line.split_whitespace().nth(2) {
            Some("1") => plus += 1,
            Some("-1") => minus += 1,
            other => panic!("unexpected sign {other:?} in {line:?}"),
        }
    }
    assert_eq!(plus + minus, 58);

    let p = parse_text(&text, &with_names(&TRIBES));
    assert_eq!(p.rows, 58);
    assert!(p.skipped.is_empty(), "{:?}", p.skipped);
    assert_eq!(p.events.len(), 58);
    let count = |k: RelationKind| p.events.iter().filter(|e| e.action.kind() == k).count();
    assert_eq!(count(RelationKind::Cooperation), plus);
    assert_eq!(count(RelationKind::Conflict), minus);
    assert_eq!((plus, minus), (29, 29));
    // Alliances are SUPPORT, enmities PROTEST: ties, undated, two-sided.
    assert!(p.events.iter().all(|e| e.mutual
        && e.date == EventDate::Unknown
        && matches!(e.action, Action::Support | Action::Protest)));
    // Names in node order: the first line is `1 2 1`, Gavev allied with Kotun.
    let e = &p.events[0];
    assert_eq!(
        (
            p.parties[e.from as usize].name.as_ref(),
            p.parties[e.to as usize].name.as_ref(),
            e.action
        ),
        ("Gavev", "Kotun", Action::Support)
    );
    let mut names: Vec<&str> = p.parties.iter().map(|x| x.name.as_ref()).collect();
    names.sort_unstable();
    let mut want = TRIBES.to_vec();
    want.sort_unstable();
    assert_eq!(names, want);
    assert!(p
        .parties
        .iter()
        .all(|x| x.kind == ActorKind::Other && x.country.is_none()));
    // Every event's span is its line, and its record says which.
    for e in &p.events {
        let row = &text[e.start as usize..(e.start + e.len) as usize];
        assert_eq!(text.lines().nth(e.line as usize - 1), Some(row));
        assert_eq!(e.record.as_ref(), format!("line {}", e.line));
    }
}

#[test]
fn without_names_konect_nodes_are_numbered_and_too_few_names_are_located() {
    let p = parse_text(&gama(), &Mapping::default());
    assert_eq!(p.events.len(), 58);
    assert_eq!(p.parties[p.events[0].from as usize].name.as_ref(), "node 1");
    // Fifteen names for sixteen nodes: every edge touching node 16 is a located bad value.
    let p = parse_text(&gama(), &with_names(&TRIBES[..15]));
    let touching = gama()
        .lines()
        .filter(|l| !l.starts_with('%'))
        .filter(|l| l.split_whitespace().take(2).any(|n| n == "16"))
        .count();
    assert!(touching > 0);
    assert_eq!(p.skipped.len(), touching);
    assert_eq!(p.events.len(), 58 - touching);
    assert!(p.skipped.iter().all(|s| s.reason == SkipReason::Value
        && s.detail.as_deref() == Some("node 16, but --names gives 15 names")));
    assert!(!p.parties.iter().any(|x| x.name.as_ref() == "Gama"));
}

#[test]
fn a_two_column_csv_is_undated_cooperation_when_the_user_says_so() {
    let text = "source,target\nIran,Hezbollah\n Qatar , Turkey\n";
    let m = Mapping {
        as_kind: Some(RelationKind::Cooperation),
        ..Mapping::default()
    };
    let p = parse_text(text, &m);
    assert_eq!((p.rows, p.events.len()), (2, 2));
    for e in &p.events {
        assert_eq!(e.action.kind(), RelationKind::Cooperation);
        assert_eq!(
            (e.date, e.mutual, e.weight),
            (EventDate::Unknown, true, None)
        );
    }
    assert_eq!(p.parties[p.events[1].from as usize].name.as_ref(), "Qatar");
    assert_eq!(p.events[1].record.as_ref(), "line 3");
    assert_eq!(
        &text[p.events[1].start as usize..(p.events[1].start + p.events[1].len) as usize],
        " Qatar , Turkey"
    );
}

#[test]
fn a_two_column_csv_without_a_stated_kind_is_unreadable_with_advice() {
    let p = parse_text("source,target\nIran,Hezbollah\n", &Mapping::default());
    assert_eq!((p.rows, p.events.len(), p.skipped.len()), (0, 0, 1));
    assert_eq!(p.skipped[0].line, 1);
    assert_eq!(
        p.skipped[0].detail.as_deref(),
        Some(
            "the edge list has no kind, sign or action column; say what its edges are with \
             --as cooperation or --as conflict"
        )
    );
    // An unsigned KONECT file, likewise.
    let p = parse_text("% asym unsigned\n1 2\n", &Mapping::default());
    assert_eq!((p.rows, p.skipped[0].line), (0, 1));
    assert!(p.skipped[0]
        .detail
        .as_deref()
        .unwrap()
        .contains("--as cooperation"));
}

#[test]
fn bad_rows_of_a_tsv_edge_list_are_each_located() {
    let text = "from\tto\tsign\tdate\tweight\n\
                Iran\tHezbollah\t+1\t2024-05-01\t3\n\
                Iran\tIsrael\t-1\t2024-13-01\t1\n\
                Iran\tIsrael\t0\t2024-05-01\t1\n\
                Iran\tIsrael\t-1\t2024-05-01\theavy\n\
                Iran\tIsrael\n\
                \tIsrael\t-1\t\t\n\
                Iran\t\t-1\t\t\n\
                Iran\tIran\t+1\t\t\n\
                Israel\tIran\t-\t2024-05\t\n";
    let p = parse_text(text, &Mapping::default());
    assert_eq!(p.rows, 9);
    assert_eq!(
        reasons(&p),
        vec![
            (3, SkipReason::Date),
            (4, SkipReason::Value),
            (5, SkipReason::Value),
            (6, SkipReason::Columns),
            (7, SkipReason::NoSource),
            (8, SkipReason::NoTarget),
            (9, SkipReason::SameActor),
        ]
    );
    let detail = |i: usize| p.skipped[i].detail.as_deref().unwrap_or("");
    assert_eq!(detail(0), "date \"2024-13-01\" is not a date");
    assert_eq!(detail(1), "sign \"0\" is not a sign (+1 or -1)");
    assert_eq!(detail(2), "weight \"heavy\" is not a number");
    assert_eq!(detail(3), "2 columns, the header has 5");
    assert!(p.skipped[4..].iter().all(|s| s.detail.is_none()));
    assert_eq!(p.events.len(), 2);
    assert_eq!(
        (p.events[0].weight, p.events[0].date.to_string()),
        (Some(3.0), "2024-05-01".to_string())
    );
    assert_eq!(p.events[1].action.kind(), RelationKind::Conflict);
    assert_eq!(p.events[1].date.to_string(), "2024-05");
    // Rows that made no event left no party: only the three the events name.
    assert_eq!(p.parties.len(), 3);
}
