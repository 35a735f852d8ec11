//! ACLED events: comma CSV with ACLED's published header row.
//!
//! ACLED's terms forbid redistributing its data, so the tests' rows are written from its
//! published column list, not taken from ACLED. The columns read, by name: `event_id_cnty`
//! (the record), `event_date` (`2023-03-01` or `01 March 2023`), `event_type`,
//! `sub_event_type`, `actor1`, `inter1`, `actor2`, `inter2`, `country`, `fatalities`; the
//! others (`notes` among them, which may hold commas, quotes and line breaks) stay in the
//! quote.
//!
//! **Actions.** Battles, violence against civilians and explosions/remote violence are
//! `ASSAULT`; riots `COERCE`; protests `PROTEST`. Strategic developments go by sub-type: an
//! agreement is `AGREE`, two-sided; arrests, disrupted weapons use and looting/property
//! destruction `COERCE`; a non-violent transfer of territory `CONCEDE`; a change to a group or
//! its activity, a headquarters or base established, and ACLED's `Other` `MOBILIZE`. An event
//! type or strategic sub-type ACLED does not list is an unknown code. The sub-type is kept as
//! the code (`code Arrests` finds them), fatalities as the weight (a whole number from 0;
//! anything else, an empty field included, is a bad value), and the quad class is PLOVER's
//! for the action. ACLED has no story column. ACLED rows are events, not reports, and its
//! researchers check their sources, so the claims are `reported`. A row without `actor2`
//! (most protests) names one party and is no relation.
//!
//! **Actors.** Kinds come from ACLED's interaction codes, as numbers (`1`) or as the labels
//! newer files write (`State forces`): 1 state forces are an agency of their state; 2 rebels,
//! 3 political militias and 4 identity militias armed groups of no state; 5 rioters,
//! 6 protesters and 7 civilians a population of the event's country; 8 external or other
//! forces an agency of their state when ACLED's name says whose forces they are
//! (`Military Forces of Russia (2000-)`), otherwise an international organisation (a UN or
//! African Union mission). The state of state forces is the one their name gives, else the
//! event's country. Any other code suggests nothing: `other`.
//!
//! Must not: register a party for a row that makes no event (the loader creates an actor for
//! every party).

use super::{
    csv_header, missing, parse_day, record_id, required, shown, split_csv, Builder, Event, Header,
    Parsed, Party, Rows, SkipReason,
};
use crate::fx::FxHashMap;
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

/// Strategic developments' sub-types, their actions, and whether they are two-sided.
const STRATEGIC: [(&str, Action, bool); 8] = [
    ("Agreement", Action::Agree, true),
    ("Arrests", Action::Coerce, false),
    ("Change to group/activity", Action::Mobilize, false),
    ("Disrupted weapons use", Action::Coerce, false),
    ("Headquarters or base established", Action::Mobilize, false),
    ("Looting/property destruction", Action::Coerce, false),
    ("Non-violent transfer of territory", Action::Concede, false),
    ("Other", Action::Mobilize, false),
];

/// The other event types and their actions (none two-sided).
const TYPES: [(&str, Action); 5] = [
    ("Battles", Action::Assault),
    ("Violence against civilians", Action::Assault),
    ("Explosions/Remote violence", Action::Assault),
    ("Riots", Action::Coerce),
    ("Protests", Action::Protest),
];

/// The action of an event type and sub-type, and whether it is two-sided; or which of the
/// two columns ACLED does not list the value of.
fn action(event_type: &str, sub: &str) -> Result<(Action, bool), &'static str> {
    if event_type.eq_ignore_ascii_case("Strategic developments") {
        return STRATEGIC
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(sub))
            .map(|&(_, a, mutual)| (a, mutual))
            .ok_or("sub_event_type");
    }
    TYPES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(event_type))
        .map(|&(_, a)| (a, false))
        .ok_or("event_type")
}

/// ACLED's interaction codes, as numbers or as newer files' labels: 1 to 8, or 0 for any
/// other value.
fn inter(code: &str) -> u8 {
    const LABELS: [&str; 8] = [
        "State forces",
        "Rebel group",
        "Political militia",
        "Identity militia",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    ];
    match code.parse::<u8>() {
        Ok(n @ 1..=8) => n,
        Ok(_) => 0,
        Err(_) => LABELS
            .iter()
            .position(|l| l.eq_ignore_ascii_case(code))
            .map_or(0, |i| i as u8 + 1),
    }
}

/// The state whose forces ACLED's name says an actor is: `Syria` in
/// `Military Forces of Syria (2000-)` and `Police Forces of Syria (2000-) Prison Guards`.
fn forces_of(name: &str) -> Option<&str> {
    let (_, rest) = name.split_once("Forces of ")?;
    let state = rest.split(" (").next().unwrap_or(rest).trim();
    (!state.is_empty()).then_some(state)
}

/// The kind and country an actor's interaction code suggests, in a row whose country is
/// `place` (see the module's rules on actors).
fn kind_of<'a>(name: &'a str, code: u8, place: &'a str) -> (ActorKind, Option<&'a str>) {
    let place = (!missing(place)).then_some(place);
    match code {
        1 => (ActorKind::Agency, forces_of(name).or(place)),
        2..=4 => (ActorKind::ArmedGroup, None),
        5..=7 => (ActorKind::Other, place),
        8 => match forces_of(name) {
            Some(state) => (ActorKind::Agency, Some(state)),
            None => (ActorKind::InternationalOrg, None),
        },
        _ => (ActorKind::Other, None),
    }
}

/// The parties rows name, each registered once. Lookups borrow the row's text, so an actor
/// seen before costs no allocation; a name is kept with every kind and country its rows have
/// given it (almost always one).
#[derive(Default)]
struct Actors {
    index: FxHashMap<String, Vec<Seen>>,
}

/// A kind and country a name has been registered with, and the party it made.
type Seen = (ActorKind, Option<Box<str>>, u32);

impl Actors {
    fn get(&mut self, b: &mut Builder, name: &str, kind: ActorKind, country: Option<&str>) -> u32 {
        if let Some(seen) = self.index.get(name) {
            if let Some(&(.., i)) = seen
                .iter()
                .find(|(k, c, _)| *k == kind && c.as_deref() == country)
            {
                return i;
            }
        }
        let i = b.party(Party {
            name: name.into(),
            code: None,
            country: country.map(Into::into),
            kind,
        });
        self.index
            .entry(name.to_string())
            .or_default()
            .push((kind, country.map(Into::into), i));
        i
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
    let mut actors = Actors::default();
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
                Some(format!(
                    "event_date {} is not a date (YYYY-MM-DD or DD Month YYYY)",
                    shown(f(date))
                )),
            );
            continue;
        };
        let (act, mutual) = match action(f(typ), f(sub)) {
            Ok(a) => a,
            Err(column) => {
                let value = if column == "event_type" {
                    f(typ)
                } else {
                    f(sub)
                };
                b.skip(
                    n,
                    SkipReason::Code,
                    Some(format!("{column} {} is not one ACLED lists", shown(value))),
                );
                continue;
            }
        };
        let Ok(dead) = f(deaths).parse::<u32>() else {
            b.skip(
                n,
                SkipReason::Value,
                Some(format!(
                    "fatalities {} is not a number of deaths (a whole number from 0)",
                    shown(f(deaths))
                )),
            );
            continue;
        };
        let (from_name, to_name) = (f(a1), f(a2));
        if missing(from_name) {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(to_name) {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        // Compared by name (which actors are matched by) before they are registered, so
        // that a row making no event adds no party.
        if from_name.eq_ignore_ascii_case(to_name) {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let place = f(country);
        let (from_kind, from_country) = kind_of(from_name, inter(f(i1)), place);
        let (to_kind, to_country) = kind_of(to_name, inter(f(i2)), place);
        let from = actors.get(&mut b, from_name, from_kind, from_country);
        let to = actors.get(&mut b, to_name, to_kind, to_country);
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
            code: Some(f(sub)).filter(|s| !missing(s)).map(Into::into),
            goldstein: None,
            quad: Some(super::polecat::quad(act)),
            weight: Some(dead as f32),
            story: None,
        });
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{decode, Mapping};

    const HEAD: &str = "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,country,fatalities,notes";

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
    fn every_event_type_and_strategic_sub_type_maps_to_its_action() {
        let cases: [(&str, &str, Action, bool); 13] = [
            ("Battles", "Armed clash", Action::Assault, false),
            (
                "Violence against civilians",
                "Attack",
                Action::Assault,
                false,
            ),
            (
                "Explosions/Remote violence",
                "Air/drone strike",
                Action::Assault,
                false,
            ),
            ("Riots", "Mob violence", Action::Coerce, false),
            ("Protests", "Peaceful protest", Action::Protest, false),
            ("Strategic developments", "Agreement", Action::Agree, true),
            ("Strategic developments", "Arrests", Action::Coerce, false),
            (
                "Strategic developments",
                "Change to group/activity",
                Action::Mobilize,
                false,
            ),
            (
                "Strategic developments",
                "Disrupted weapons use",
                Action::Coerce,
                false,
            ),
            (
                "Strategic developments",
                "Headquarters or base established",
                Action::Mobilize,
                false,
            ),
            (
                "Strategic developments",
                "Looting/property destruction",
                Action::Coerce,
                false,
            ),
            (
                "Strategic developments",
                "Non-violent transfer of territory",
                Action::Concede,
                false,
            ),
            ("strategic developments", "other", Action::Mobilize, false),
        ];
        let body: String = cases
            .iter()
            .enumerate()
            .map(|(i, (t, s, ..))| format!("E{i},2023-03-01,{t},{s},A,2,B,3,X,0,\n"))
            .collect();
        let p = run(&body);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        for (e, (t, s, action, mutual)) in p.events.iter().zip(cases) {
            assert_eq!((e.action, e.mutual), (action, mutual), "{t} / {s}");
            assert_eq!(e.code.as_deref(), Some(s));
            let want = if action.kind() == crate::model::RelationKind::Cooperation {
                1
            } else {
                4
            };
            assert_eq!(
                (e.quad, e.goldstein, e.story.as_deref()),
                (Some(want), None, None)
            );
        }
    }

    #[test]
    fn interaction_codes_suggest_kinds_and_states() {
        let p = run("S1,2023-03-01,Battles,Armed clash,Military Forces of Syria (2000-),1,Hayat Tahrir al-Sham,2,Syria,4,\n\
                     S2,2023-03-02,Battles,Armed clash,Military Forces of Russia (2000-),8,Islamic State (Syria),3,Syria,1,\n\
                     S3,2023-03-03,Violence against civilians,Attack,Communal Militia (Syria),4,Civilians (Syria),7,Syria,0,\n\
                     S4,2023-03-04,Riots,Mob violence,Rioters (Syria),5,UNDOF: United Nations Disengagement Observer Force (1974-),8,Syria,0,\n\
                     S5,2023-03-05,Protests,Protest with intervention,Protesters (Syria),Protesters,Police Forces of Syria (2000-),State forces,Syria,0,\n\
                     S6,2023-03-06,Battles,Armed clash,A,9,B,,Syria,0,\n");
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let side = |e: usize, to: bool| {
            let ev = &p.events[e];
            let x = &p.parties[if to { ev.to } else { ev.from } as usize];
            (x.kind, x.country.as_deref())
        };
        assert_eq!(side(0, false), (ActorKind::Agency, Some("Syria")));
        assert_eq!(side(0, true), (ActorKind::ArmedGroup, None));
        assert_eq!(side(1, false), (ActorKind::Agency, Some("Russia")));
        assert_eq!(side(1, true), (ActorKind::ArmedGroup, None));
        assert_eq!(side(2, false), (ActorKind::ArmedGroup, None));
        assert_eq!(side(2, true), (ActorKind::Other, Some("Syria")));
        assert_eq!(side(3, false), (ActorKind::Other, Some("Syria")));
        assert_eq!(side(3, true), (ActorKind::InternationalOrg, None));
        assert_eq!(side(4, false), (ActorKind::Other, Some("Syria")));
        assert_eq!(side(4, true), (ActorKind::Agency, Some("Syria")));
        assert_eq!(side(5, false), (ActorKind::Other, None));
        assert_eq!(side(5, true), (ActorKind::Other, None));
        assert_eq!(p.events[0].weight, Some(4.0));
    }

    #[test]
    fn both_date_styles_read_and_a_quoted_note_keeps_its_commas() {
        let p = run("1,01 March 2023,Battles,Armed clash,A,2,B,3,X,0,\"near the river, \"\"they said\"\"\"\n\
                     2,2023-03-02,Battles,Armed clash,A,2,B,3,X,0,\"two\nlines\"\n\
                     3,2023-03-03,Battles,Armed clash,A,2,B,3,X,0,\n");
        let days: Vec<String> = p.events.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(days, ["2023-03-01", "2023-03-02", "2023-03-03"]);
        assert_eq!(p.events[2].line, 5);
        // One actor seen on three rows is one party.
        assert_eq!(p.parties.len(), 2);
    }

    #[test]
    fn bad_rows_are_located_with_column_and_value() {
        let p = run("1,2023-02-30,Battles,x,A,1,B,2,S,1,\n\
                     2,2023-03-01,Parades,x,A,1,B,2,S,1,\n\
                     3,2023-03-01,Battles,x,A,1,B,2,S,many,\n\
                     4,2023-03-01,Protests,Peaceful protest,Protesters (S),6,,,S,0,\n\
                     5,2023-03-01\n\
                     6,2023-03-01,Strategic developments,Parade,A,1,B,2,S,0,\n\
                     7,2023-03-01,Battles,x,,,B,2,S,0,\n\
                     8,2023-03-01,Battles,x,A,2,a,2,S,0,\n\
                     9,2023-03-01,Battles,x,A,2,B,2,S,,\n\
                     10,2023,Battles,x,A,2,B,2,S,0,\n");
        assert_eq!(
            reasons(&p),
            vec![
                (2, SkipReason::Date),
                (3, SkipReason::Code),
                (4, SkipReason::Value),
                (5, SkipReason::NoTarget),
                (6, SkipReason::Columns),
                (7, SkipReason::Code),
                (8, SkipReason::NoSource),
                (9, SkipReason::SameActor),
                (10, SkipReason::Value),
                (11, SkipReason::Date),
            ]
        );
        let detail = |i: usize| p.skipped[i].detail.as_deref().unwrap_or("");
        assert!(
            detail(0).starts_with("event_date \"2023-02-30\""),
            "{}",
            detail(0)
        );
        assert_eq!(detail(1), "event_type \"Parades\" is not one ACLED lists");
        assert!(
            detail(2).starts_with("fatalities \"many\""),
            "{}",
            detail(2)
        );
        assert_eq!(detail(4), "2 columns, the header has 11");
        assert_eq!(
            detail(5),
            "sub_event_type \"Parade\" is not one ACLED lists"
        );
        assert!(detail(8).starts_with("fatalities \"\""), "{}", detail(8));
        assert!(p.skipped[3].detail.is_none());
        // No skipped row left a party behind.
        assert!(p.parties.is_empty(), "{:?}", p.parties);
    }

    #[test]
    fn random_bytes_and_truncations_never_panic() {
        let mut rng = crate::rng::Rng::new(9);
        let alphabet = b",\"aB\n2023-01 \r";
        for _ in 0..1000 {
            let bytes = crate::dataset::soup(&mut rng, HEAD, alphabet);
            let (text, bad) = decode(bytes);
            let p = parse(&Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &Mapping::default(),
            });
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
        }
        let whole = format!(
            "{HEAD}\nS1,2023-03-01,Battles,Armed clash,Military Forces of Syria (2000-),1,HTS,2,Syria,4,\"a, \"\"b\"\"\nc\"\n"
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
        }
    }
}
