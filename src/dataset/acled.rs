//! ACLED events: comma CSV with ACLED's published header row.
//!
//! ACLED's terms forbid redistributing its data, so the tests' rows are written from its
//! published column list, not taken from ACLED. The columns read, by name: `event_id_cnty`
//! (the record), `event_date` (`2023-03-01` or `01 March 2023`), `event_type`,
//! `sub_event_type`, `actor1`, `inter1`, `actor2`, `inter2`, `country`, `fatalities`.
//!
//! Event types map to actions: battles, violence against civilians and explosions/remote
//! violence are `ASSAULT`; riots `COERCE`; protests `PROTEST`; strategic developments by
//! sub-type (an agreement `AGREE`, two-sided; arrests, disrupted weapons use and looting
//! `COERCE`; a non-violent transfer of territory `CONCEDE`; a change to a group or its activity,
//! a base established and the rest `MOBILIZE`). The sub-type is kept as the code, fatalities as
//! the weight. ACLED rows are events, not reports, and its researchers check their sources, so
//! the claims are `reported`. A row without `actor2` (most protests) names one party.
//!
//! Actor kinds come from ACLED's interaction codes: 1 state forces (an agency of the event's
//! country), 2 rebels, 3 political militias and 4 identity militias (armed groups), 5 rioters,
//! 6 protesters and 7 civilians (other), 8 external or other forces (an international
//! organisation).

use super::{
    csv_header, missing, parse_day, record_id, required, shown, split_csv, Builder, Event, Header,
    Parsed, Party, Rows, SkipReason,
};
use crate::model::{Action, ActorKind, EventDate};

/// The columns a row must have.
const REQUIRED: [&str; 10] = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "fatalities",
];

/// The action of an event type and sub-type, and whether it is two-sided.
fn action(event_type: &str, sub: &str) -> Option<(Action, bool)> {
    let t = event_type.to_ascii_lowercase();
    let s = sub.to_ascii_lowercase();
    Some(match t.as_str() {
        "battles" | "violence against civilians" | "explosions/remote violence" => {
            (Action::Assault, false)
        }
        "riots" => (Action::Coerce, false),
        "protests" => (Action::Protest, false),
        "strategic developments" => match s.as_str() {
            "agreement" => (Action::Agree, true),
            "arrests" | "disrupted weapons use" | "looting/property destruction" => {
                (Action::Coerce, false)
            }
            "non-violent transfer of territory" => (Action::Concede, false),
            _ => (Action::Mobilize, false),
        },
        _ => return None,
    })
}

/// The kind an ACLED interaction code suggests.
fn inter_kind(code: &str) -> ActorKind {
    match code.trim() {
        "1" => ActorKind::Agency,
        "2" | "3" | "4" => ActorKind::ArmedGroup,
        "8" => ActorKind::InternationalOrg,
        _ => ActorKind::Other,
    }
}

/// Parses an ACLED file.
pub(super) fn parse(rows: &Rows<'_>) -> Parsed {
    let (names, head_line, records) = match csv_header(rows.text, b',', "an ACLED file") {
        Ok(h) => h,
        Err(unreadable) => return unreadable,
    };
    let header = Header::new(names.iter().map(String::as_str).collect());
    let at = match required(&header, REQUIRED, "an ACLED file", head_line) {
        Ok(at) => at,
        Err(unreadable) => return unreadable,
    };
    let [id, date, typ, sub, a1, i1, a2, i2, country, deaths] = at;
    let mut b = Builder::new();
    let mut fields = Vec::new();
    for rec in records {
        let n = rec.number;
        let split = split_csv(rec.text, b',', &mut fields);
        if !b.checked(rows, n, split.map(|()| fields.len()), header.len()) {
            continue;
        }
        let f = |i: usize| fields[i].trim();
        let Some(day) = parse_day(f(date)).filter(|d| d.day.is_some()) else {
            b.skip(
                n,
                SkipReason::Date,
                Some(format!("event_date {} is not a date", shown(f(date)))),
            );
            continue;
        };
        let Some((act, mutual)) = action(f(typ), f(sub)) else {
            b.skip(
                n,
                SkipReason::Code,
                Some(format!(
                    "event_type {} is not an ACLED event type",
                    shown(f(typ))
                )),
            );
            continue;
        };
        let weight = if missing(f(deaths)) {
            None
        } else {
            match f(deaths).parse::<f32>() {
                Ok(x) if x >= 0.0 && x.is_finite() => Some(x),
                _ => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!("fatalities {} is not a number", shown(f(deaths)))),
                    );
                    continue;
                }
            }
        };
        if missing(f(a1)) {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(f(a2)) {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        let place = f(country);
        let side = |name: &str, inter: &str| {
            let kind = inter_kind(inter);
            Party {
                name: name.into(),
                code: None,
                country: (kind == ActorKind::Agency && !place.is_empty()).then(|| place.into()),
                kind,
            }
        };
        let from = b.party(side(f(a1), f(i1)));
        let to = b.party(side(f(a2), f(i2)));
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        b.event(Event {
            line: n,
            start: rec.start,
            len: rec.text.len() as u32,
            record: record_id(f(id), n),
            from,
            to,
            action: act,
            mutual,
            date: EventDate::On(day),
            code: Some(f(sub).into()),
            goldstein: None,
            quad: Some(if act.kind() == crate::model::RelationKind::Cooperation {
                2
            } else {
                4
            }),
            weight,
            story: None,
        });
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{decode, Mapping};

    const HEAD: &str = "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,country,fatalities";

    fn run(body: &str) -> Parsed {
        let (text, bad) = decode(format!("{HEAD}\n{body}").into_bytes());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        })
    }

    #[test]
    fn event_types_map_to_actions_and_state_forces_to_their_country() {
        let p = run("SYR1,2023-03-01,Battles,Armed clash,Military Forces of Syria (2000-),1,Hayat Tahrir al-Sham,2,Syria,4\n\
                     SYR2,01 March 2023,Strategic developments,Agreement,A,2,B,3,Syria,0\n");
        assert_eq!(p.events[0].action, Action::Assault);
        assert_eq!(p.events[0].weight, Some(4.0));
        let from = &p.parties[p.events[0].from as usize];
        assert_eq!(
            (from.kind, from.country.as_deref()),
            (ActorKind::Agency, Some("Syria"))
        );
        assert_eq!(
            (p.events[1].action, p.events[1].mutual),
            (Action::Agree, true)
        );
        assert_eq!(p.events[1].code.as_deref(), Some("Agreement"));
    }

    #[test]
    fn bad_rows_are_located() {
        let p = run("1,2023-02-30,Battles,x,A,1,B,2,S,1\n\
                     2,2023-03-01,Parades,x,A,1,B,2,S,1\n\
                     3,2023-03-01,Battles,x,A,1,B,2,S,many\n\
                     4,2023-03-01,Protests,Peaceful protest,Protesters (Syria),6,,,S,0\n\
                     5,2023-03-01\n");
        let got: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            got,
            vec![
                (2, SkipReason::Date),
                (3, SkipReason::Code),
                (4, SkipReason::Value),
                (5, SkipReason::NoTarget),
                (6, SkipReason::Columns)
            ]
        );
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = crate::rng::Rng::new(9);
        let alphabet = b",\"aB\n2023-01";
        for _ in 0..1000 {
            let body: String = (0..rng.below(80))
                .map(|_| alphabet[rng.below(alphabet.len())] as char)
                .collect();
            let p = run(&body);
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
        }
    }
}
