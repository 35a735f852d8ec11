//! UCDP GED: the Georeferenced Event Dataset, comma CSV with its header row.
//!
//! Every GED event is organised violence between two sides — state-based (type 1: a
//! government and a rebel group, or two governments), non-state (type 2: two groups) or
//! one-sided (type 3: a government or group against civilians) — so each row is an `ASSAULT`
//! by `side_a` on `side_b`, never two-sided, quad class 4 (material conflict). Its code is
//! `ged:` and the type of violence (`ged:1` to `ged:3`), so `code ged:3` keeps one-sided
//! violence; any other type is a bad value. It is dated from `date_start` to `date_end` (one
//! day when they agree; an end before the start is a bad date) and weighted by `best`,
//! UCDP's best estimate of the deaths, a whole number from 0 (anything else, an empty field
//! included, is a bad value: GED always gives one). Its record is GED's `id`. GED has no
//! story column (`relid` names the event, not the article), so rows have no story. GED rows
//! are distinct events, not reports of one, so the loader does not merge them. UCDP's coders
//! read and cross-check their sources, so the claims are `reported`, not `coded`.
//!
//! **Sides.** `Government of X` is that government: an agency, part of the state `X`. A side
//! naming several governments (`Government of Australia, Government of United Kingdom`) is
//! one party as written, since UCDP codes the coalition as one side; it is a coalition of
//! states (an international organisation, in dyad's kinds) belonging to no one state. The
//! civilians of a one-sided event are the civilians of the event's `country`, named
//! `Civilians (X)` so that each country's civilians are their own actor, part of `X`. Any
//! other side is an armed group, which belongs to no state: GED's `country` is where the
//! event happened, not whose the group is.
//!
//! Columns are found by their header names; fields may be quoted, hold commas, doubled quotes
//! and line breaks (`source_article` does). Low, best and high estimates are not checked
//! against each other: GED's own sample has rows with `best` above `high`.
//!
//! Must not: register a party for a row that makes no event (the loader creates an actor for
//! every party).

use super::{
    csv_header, missing, parse_day, record_id, required, shown, split_csv, Builder, Event, Header,
    Parsed, Party, Rows, SkipReason,
};
use crate::fx::FxHashMap;
use crate::model::{Action, ActorKind, EventDate, PartialDate};

/// The columns a GED row must have.
const REQUIRED: [&str; 8] = [
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "best",
    "country",
];

/// Parses a UCDP GED file.
pub(super) fn parse(rows: &Rows<'_>) -> Parsed {
    let (names, head_line, records) = match csv_header(rows.text, b',', "a UCDP GED file") {
        Ok(h) => h,
        Err(unreadable) => return unreadable,
    };
    let header = Header::new(names.iter().map(String::as_str).collect());
    let at = match required(&header, REQUIRED, "a UCDP GED file", head_line) {
        Ok(at) => at,
        Err(unreadable) => return unreadable,
    };
    let [id, violence, side_a, side_b, start, end, best, country] = at;

    let mut b = Builder::new();
    let mut sides = Sides::default();
    let mut fields = Vec::new();
    for rec in records {
        let n = rec.number;
        let split = split_csv(rec.text, b',', &mut fields);
        if !b.checked(rows, n, split.map(|()| fields.len()), header.len()) {
            continue;
        }
        let f = |i: usize| fields[i].trim();
        let kind = f(violence);
        let code = match kind {
            "1" => "ged:1",
            "2" => "ged:2",
            "3" => "ged:3",
            _ => {
                b.skip(
                    n,
                    SkipReason::Value,
                    Some(format!("type_of_violence {} is not 1, 2 or 3", shown(kind))),
                );
                continue;
            }
        };
        let date = match (day(f(start)), day(f(end))) {
            (None, _) => {
                b.skip(n, SkipReason::Date, Some(not_a_day("date_start", f(start))));
                continue;
            }
            (_, None) => {
                b.skip(n, SkipReason::Date, Some(not_a_day("date_end", f(end))));
                continue;
            }
            (Some(d0), Some(d1)) if d0 == d1 => EventDate::On(d0),
            (Some(d0), Some(d1)) if d0 < d1 => EventDate::Range(d0, d1),
            (Some(d0), Some(d1)) => {
                b.skip(
                    n,
                    SkipReason::Date,
                    Some(format!("date_end {d1} is before date_start {d0}")),
                );
                continue;
            }
        };
        let Some(deaths) = deaths(f(best)) else {
            b.skip(
                n,
                SkipReason::Value,
                Some(format!(
                    "best {} is not a number of deaths (a whole number from 0)",
                    shown(f(best))
                )),
            );
            continue;
        };
        let (a, t) = (f(side_a), f(side_b));
        if missing(a) {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(t) {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        // Sides are compared before they are registered, so that a row making no event adds
        // no party.
        if a == t {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let place = f(country);
        let from = sides.get(&mut b, a, place);
        let to = sides.get(&mut b, t, place);
        b.event(Event {
            line: n,
            start: rec.start,
            len: rec.text.len() as u32,
            record: record_id(f(id), n),
            from,
            to,
            action: Action::Assault,
            mutual: false,
            date,
            code: Some(code.into()),
            goldstein: None,
            quad: Some(4),
            weight: Some(deaths),
            story: None,
        });
    }
    b.finish()
}

/// A GED date: a day, `2013-01-03 00:00:00.000` as GED writes it or a plain `2013-01-03`.
fn day(field: &str) -> Option<PartialDate> {
    parse_day(field).filter(|d| d.day.is_some())
}

/// What is wrong with a GED date column's value.
fn not_a_day(column: &str, value: &str) -> String {
    format!(
        "{column} {} is not a date (YYYY-MM-DD hh:mm:ss.sss)",
        shown(value)
    )
}

/// A number of deaths: a whole number from 0.
fn deaths(field: &str) -> Option<f32> {
    field.parse::<u32>().ok().map(|d| d as f32)
}

/// The parties the sides name, each registered once: the lookups borrow the row's text, so
/// a side seen before costs no allocation.
#[derive(Default)]
struct Sides {
    /// Governments and groups, by name: their party depends on the name alone.
    named: FxHashMap<String, u32>,
    /// Civilians, by the country of the event.
    civilians: FxHashMap<String, u32>,
}

impl Sides {
    fn get(&mut self, b: &mut Builder, name: &str, country: &str) -> u32 {
        let (map, key) = if is_civilians(name) {
            (&mut self.civilians, country)
        } else {
            (&mut self.named, name)
        };
        if let Some(&i) = map.get(key) {
            return i;
        }
        let i = b.party(side(name, country));
        map.insert(key.to_string(), i);
        i
    }
}

/// Whether a side is the civilians of a one-sided event.
fn is_civilians(name: &str) -> bool {
    name.eq_ignore_ascii_case("Civilians")
}

/// A GED side as a party (see the module's rules on sides).
fn side(name: &str, country: &str) -> Party {
    if let Some(state) = name.strip_prefix("Government of ") {
        if name.contains(", Government of ") {
            return Party {
                name: name.into(),
                code: None,
                country: None,
                kind: ActorKind::InternationalOrg,
            };
        }
        return Party {
            name: name.into(),
            code: None,
            country: Some(state.trim().into()),
            kind: ActorKind::Agency,
        };
    }
    if is_civilians(name) {
        let known = !missing(country);
        return Party {
            name: if known {
                format!("Civilians ({country})").into()
            } else {
                "Civilians".into()
            },
            code: None,
            country: known.then(|| country.into()),
            kind: ActorKind::Other,
        };
    }
    Party {
        name: name.into(),
        code: None,
        country: None,
        kind: ActorKind::ArmedGroup,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{decode, Mapping};

    const HEAD: &str =
        "id,type_of_violence,side_a,side_b,date_start,date_end,best,country,source_article";
    const DAY: &str = "2013-01-03 00:00:00.000,2013-01-03 00:00:00.000";

    fn run(body: &str) -> Parsed {
        let (text, bad) = decode(format!("{HEAD}\n{body}").into_bytes());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        })
    }

    fn reasons(p: &Parsed) -> Vec<(u32, SkipReason)> {
        p.skipped.iter().map(|s| (s.line, s.reason)).collect()
    }

    #[test]
    fn a_state_based_event_is_an_assault_by_the_government_part_of_its_state() {
        let p = run(&format!(
            "300380,1,Government of Syria,Syrian insurgents,{DAY},2,Syria,\"\"\"SOHR, 2013\"\"\"\n"
        ));
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let e = &p.events[0];
        assert_eq!(
            (e.action, e.mutual, e.weight, e.record.as_ref()),
            (Action::Assault, false, Some(2.0), "300380")
        );
        assert_eq!(
            (e.code.as_deref(), e.quad, e.goldstein),
            (Some("ged:1"), Some(4), None)
        );
        assert_eq!(
            (e.date.to_string(), e.story.as_deref()),
            ("2013-01-03".into(), None)
        );
        let a = &p.parties[e.from as usize];
        assert_eq!(
            (a.name.as_ref(), a.kind, a.country.as_deref()),
            ("Government of Syria", ActorKind::Agency, Some("Syria"))
        );
        let t = &p.parties[e.to as usize];
        assert_eq!(
            (t.kind, t.country.as_deref()),
            (ActorKind::ArmedGroup, None)
        );
    }

    #[test]
    fn non_state_sides_are_armed_groups_of_no_state() {
        let p = run(&format!("7,2,Hamas,Fatah,{DAY},5,Israel,\n"));
        let e = &p.events[0];
        assert_eq!(e.code.as_deref(), Some("ged:2"));
        for i in [e.from, e.to] {
            let s = &p.parties[i as usize];
            assert_eq!(
                (s.kind, s.country.as_deref()),
                (ActorKind::ArmedGroup, None)
            );
        }
    }

    #[test]
    fn a_span_of_days_is_a_range_and_civilians_are_their_countrys() {
        let p = run("1,3,IS,Civilians,1989-05-10,1989-05-16,14,Angola,\n\
                     2,3,Government of Iraq,Civilians,1989-05-10,1989-05-10,0,Iraq,\n\
                     3,3,IS,Civilians,1989-05-11,1989-05-11,1,Angola,\n");
        assert_eq!(p.events.len(), 3);
        assert_eq!(
            p.events[0].date,
            EventDate::Range(day("1989-05-10").unwrap(), day("1989-05-16").unwrap())
        );
        assert_eq!(p.events[0].code.as_deref(), Some("ged:3"));
        let to = &p.parties[p.events[0].to as usize];
        assert_eq!(
            (to.name.as_ref(), to.kind, to.country.as_deref()),
            ("Civilians (Angola)", ActorKind::Other, Some("Angola"))
        );
        // Each country's civilians are their own party; the same country's are one.
        assert_ne!(p.events[0].to, p.events[1].to);
        assert_eq!(p.events[0].to, p.events[2].to);
        assert_eq!(p.events[1].weight, Some(0.0));
    }

    #[test]
    fn a_side_of_several_governments_is_one_coalition_party() {
        let p = run(&format!(
            "9,1,\"Government of Australia, Government of United Kingdom\",Government of Iraq,{DAY},3,Iraq,\n"
        ));
        let a = &p.parties[p.events[0].from as usize];
        assert_eq!(
            (a.name.as_ref(), a.kind, a.country.as_deref()),
            (
                "Government of Australia, Government of United Kingdom",
                ActorKind::InternationalOrg,
                None
            )
        );
        let t = &p.parties[p.events[0].to as usize];
        assert_eq!(t.country.as_deref(), Some("Iraq"));
    }

    #[test]
    fn quoted_fields_may_hold_line_breaks_and_the_span_is_the_whole_record() {
        let row =
            format!("5,1,Government of Mali,JNIM,{DAY},1,Mali,\"one\nsource, \"\"quoted\"\"\"");
        let (text, bad) = decode(format!("{HEAD}\n{row}\n6,1,A,B,{DAY},1,Mali,\n").into_bytes());
        let p = parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        });
        assert_eq!((p.rows, p.events.len()), (2, 2));
        let e = &p.events[0];
        assert_eq!(&text[e.start as usize..(e.start + e.len) as usize], row);
        assert_eq!((p.events[1].line, p.events[1].record.as_ref()), (4, "6"));
    }

    #[test]
    fn bad_rows_are_located_with_column_and_value() {
        let p = run(&format!(
            "1,4,A,B,{DAY},1,X,\n\
             2,1,A,B,2013-13-03,2013-01-03,1,X,\n\
             3,1,A,B,2013-01-05,2013-01-03,1,X,\n\
             4,1,A,B,{DAY},-1,X,\n\
             5,1,A,,{DAY},1,X,\n\
             6,1,A,B\n\
             7,1,A,B,2013-01-03,2013,1,X,\n\
             8,1,A,B,{DAY},2.5,X,\n\
             9,1,A,B,{DAY},,X,\n\
             10,1,,B,{DAY},1,X,\n\
             11,2,A,A,{DAY},1,X,\n\
             12,1,A,B,{DAY},1,X,\"open\n"
        ));
        assert_eq!(
            reasons(&p),
            vec![
                (2, SkipReason::Value),
                (3, SkipReason::Date),
                (4, SkipReason::Date),
                (5, SkipReason::Value),
                (6, SkipReason::NoTarget),
                (7, SkipReason::Columns),
                (8, SkipReason::Date),
                (9, SkipReason::Value),
                (10, SkipReason::Value),
                (11, SkipReason::NoSource),
                (12, SkipReason::SameActor),
                (13, SkipReason::Columns),
            ]
        );
        let detail = |i: usize| p.skipped[i].detail.as_deref().unwrap_or("");
        assert_eq!(detail(0), "type_of_violence \"4\" is not 1, 2 or 3");
        assert!(
            detail(1).starts_with("date_start \"2013-13-03\""),
            "{}",
            detail(1)
        );
        assert_eq!(
            detail(2),
            "date_end 2013-01-03 is before date_start 2013-01-05"
        );
        assert!(detail(3).starts_with("best \"-1\""), "{}", detail(3));
        assert!(detail(6).starts_with("date_end \"2013\""), "{}", detail(6));
        assert!(detail(7).starts_with("best \"2.5\""), "{}", detail(7));
        assert_eq!(detail(11), "a quote is left open");
        // Well-formed rows that are not a relation carry no detail.
        assert!(p.skipped[4].detail.is_none() && p.skipped[10].detail.is_none());
    }

    /// A row that makes no event must not leave a party behind: the loader would create an
    /// actor for it with no claim.
    #[test]
    fn a_skipped_row_registers_no_party() {
        let p = run(&format!(
            "1,1,Lonely,Other,2013-01-05,2013-01-03,1,X,\n\
             2,2,Alone,Alone,{DAY},1,X,\n\
             3,1,Kept,Also kept,{DAY},1,X,\n"
        ));
        let names: Vec<&str> = p.parties.iter().map(|x| x.name.as_ref()).collect();
        assert_eq!(names, ["Kept", "Also kept"]);
    }

    #[test]
    fn a_header_without_a_required_column_is_unreadable() {
        let (text, bad) = decode(b"id,side_a,side_b\n1,A,B\n".to_vec());
        let p = parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        });
        assert_eq!(p.rows, 0);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("no \"type_of_violence\" column"));
        let (text, _) = decode(Vec::new());
        let p = parse(&Rows {
            text: &text,
            bad_utf8: &[],
            mapping: &Mapping::default(),
        });
        assert_eq!((p.rows, p.skipped[0].reason), (0, SkipReason::Columns));
    }

    #[test]
    fn random_bytes_and_truncations_never_panic() {
        let mut rng = crate::rng::Rng::new(5);
        let alphabet = b"1,\"ab\n-0:3 \r";
        for _ in 0..1000 {
            let bytes = crate::dataset::soup(&mut rng, HEAD, alphabet);
            let (text, bad) = decode(bytes);
            let p = parse(&Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &Mapping::default(),
            });
            if p.rows == 0 {
                assert!(p.events.is_empty() && p.skipped.len() <= 1);
            } else {
                assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
            }
        }
        let whole = format!(
            "{HEAD}\n1,1,Government of Syria,Syrian insurgents,{DAY},2,Syria,\"a, \"\"b\"\"\nc\"\n2,3,IS,Civilians,{DAY},4,Iraq,\n"
        );
        for cut in 0..=whole.len() {
            let (text, bad) = decode(whole.as_bytes()[..cut].to_vec());
            let p = parse(&Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &Mapping::default(),
            });
            if p.rows > 0 {
                assert_eq!(
                    p.events.len() + p.skipped.len(),
                    p.rows as usize,
                    "cut {cut}"
                );
            }
            for e in &p.events {
                assert!(text
                    .get(e.start as usize..(e.start + e.len) as usize)
                    .is_some());
            }
        }
    }
}
