//! UCDP GED: the Georeferenced Event Dataset, comma CSV with its header row.
//!
//! Every GED event is organised violence between two sides — state-based (type 1: a
//! government and a rebel group, or two governments), non-state (type 2: two groups) or
//! one-sided (type 3: a government or group against civilians) — so each row is an `ASSAULT`
//! by `side_a` on `side_b`, dated from `date_start` to `date_end` (one day when they agree),
//! weighted by `best`, UCDP's best estimate of the deaths. GED rows are distinct events, not
//! reports of one, so the loader does not merge them. UCDP's coders read and cross-check their
//! sources, so the claims are `reported`, not `coded`.
//!
//! **Sides.** `Government of X` is that government, an agency part of the state `X`; the
//! civilians of a one-sided event are the civilians of the event's country; any other side is
//! an armed group, which belongs to no state. A side naming several governments
//! (`Government of A, Government of B`) is one party as written: UCDP treats the coalition as
//! one side.
//!
//! Columns are found by their header names; fields may be quoted, hold commas, doubled quotes
//! and line breaks (`source_article` does).

use super::{
    csv_header, missing, parse_day, record_id, required, shown, split_csv, Builder, Event, Header,
    Parsed, Party, Rows, SkipReason,
};
use crate::fx::FxHashMap;
use crate::model::{Action, ActorKind, EventDate};

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
    let mut parties: FxHashMap<(String, Option<String>), u32> = FxHashMap::default();
    let mut fields = Vec::new();
    for rec in records {
        let n = rec.number;
        let split = split_csv(rec.text, b',', &mut fields);
        if !b.checked(rows, n, split.map(|()| fields.len()), header.len()) {
            continue;
        }
        let f = |i: usize| fields[i].trim();
        let kind = f(violence);
        if !matches!(kind, "1" | "2" | "3") {
            b.skip(
                n,
                SkipReason::Value,
                Some(format!("type_of_violence {} is not 1, 2 or 3", shown(kind))),
            );
            continue;
        }
        let (Some(d0), Some(d1)) = (parse_day(f(start)), parse_day(f(end))) else {
            let bad = if parse_day(f(start)).is_none() {
                start
            } else {
                end
            };
            b.skip(
                n,
                SkipReason::Date,
                Some(format!(
                    "{} {} is not a date",
                    REQUIRED[if bad == start { 4 } else { 5 }],
                    shown(f(bad))
                )),
            );
            continue;
        };
        let date = if d0 == d1 {
            EventDate::On(d0)
        } else if d0 < d1 {
            EventDate::Range(d0, d1)
        } else {
            b.skip(
                n,
                SkipReason::Date,
                Some(format!("date_end {d1} is before date_start {d0}")),
            );
            continue;
        };
        let deaths = f(best);
        let weight = if missing(deaths) {
            None
        } else {
            match deaths.parse::<f32>() {
                Ok(x) if x >= 0.0 && x.is_finite() => Some(x),
                _ => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!("best {} is not a number of deaths", shown(deaths))),
                    );
                    continue;
                }
            }
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
        let place = f(country);
        let mut intern = |name: &str, b: &mut Builder| -> u32 {
            let p = side(name, place);
            let key = (p.name.to_string(), p.country.as_deref().map(str::to_string));
            if let Some(&i) = parties.get(&key) {
                return i;
            }
            let i = b.party(p);
            parties.insert(key, i);
            i
        };
        let from = intern(a, &mut b);
        let to = intern(t, &mut b);
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let record = f(id);
        b.event(Event {
            line: n,
            start: rec.start,
            len: rec.text.len() as u32,
            record: record_id(record, n),
            from,
            to,
            action: Action::Assault,
            mutual: false,
            date,
            code: Some(format!("ged:{kind}").into()),
            goldstein: None,
            quad: Some(4),
            weight,
            story: None,
        });
    }
    b.finish()
}

/// A GED side as a party (see the module's rules on sides).
fn side(name: &str, country: &str) -> Party {
    if let Some(state) = name.strip_prefix("Government of ") {
        let single = !state.contains(", Government of ");
        return Party {
            name: name.into(),
            code: None,
            country: single.then(|| state.trim().into()),
            kind: ActorKind::Agency,
        };
    }
    if name.eq_ignore_ascii_case("Civilians") {
        return Party {
            name: if country.is_empty() {
                "Civilians".into()
            } else {
                format!("Civilians ({country})").into()
            },
            code: None,
            country: (!country.is_empty()).then(|| country.into()),
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

    fn run(body: &str) -> Parsed {
        let (text, bad) = decode(format!("{HEAD}\n{body}").into_bytes());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        })
    }

    #[test]
    fn a_state_based_event_is_an_assault_by_the_government_part_of_its_state() {
        let p = run("300380,1,Government of Syria,Syrian insurgents,2013-01-03 00:00:00.000,2013-01-03 00:00:00.000,2,Syria,\"\"\"SOHR, 2013\"\"\"\n");
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let e = &p.events[0];
        assert_eq!(
            (e.action, e.weight, e.record.as_ref()),
            (Action::Assault, Some(2.0), "300380")
        );
        assert_eq!(e.date.to_string(), "2013-01-03");
        let a = &p.parties[e.from as usize];
        assert_eq!(
            (a.kind, a.country.as_deref()),
            (ActorKind::Agency, Some("Syria"))
        );
        assert_eq!(p.parties[e.to as usize].kind, ActorKind::ArmedGroup);
    }

    #[test]
    fn a_span_of_days_is_a_range_and_civilians_are_their_countrys() {
        let p = run("1,3,IS,Civilians,1989-05-10,1989-05-16,14,Angola,\n");
        assert_eq!(p.events[0].date.to_string(), "1989-05-10/1989-05-16");
        let to = &p.parties[p.events[0].to as usize];
        assert_eq!(
            (to.name.as_ref(), to.kind),
            ("Civilians (Angola)", ActorKind::Other)
        );
    }

    #[test]
    fn bad_rows_are_located() {
        let p = run("1,4,A,B,2013-01-03,2013-01-03,1,X,\n\
                     2,1,A,B,2013-13-03,2013-01-03,1,X,\n\
                     3,1,A,B,2013-01-05,2013-01-03,1,X,\n\
                     4,1,A,B,2013-01-03,2013-01-03,-1,X,\n\
                     5,1,A,,2013-01-03,2013-01-03,1,X,\n\
                     6,1,A,B\n");
        let got: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            got,
            vec![
                (2, SkipReason::Value),
                (3, SkipReason::Date),
                (4, SkipReason::Date),
                (5, SkipReason::Value),
                (6, SkipReason::NoTarget),
                (7, SkipReason::Columns)
            ]
        );
        assert!(p.skipped[2]
            .detail
            .as_deref()
            .unwrap()
            .contains("before date_start"));
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = crate::rng::Rng::new(5);
        let alphabet = b"1,\"ab\n-0:";
        for _ in 0..1000 {
            let body: Vec<u8> = (0..rng.below(80))
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let mut bytes = format!("{HEAD}\n").into_bytes();
            bytes.extend(body);
            let (text, bad) = decode(bytes);
            let p = parse(&Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &Mapping::default(),
            });
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
        }
    }
}
