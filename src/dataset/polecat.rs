//! POLECAT events, coded in the PLOVER ontology: tab-separated with a header row.
//!
//! No POLECAT rows are openly licensed, so this reads the layout POLECAT's published weekly
//! files use, by column name: `Event ID`, `Event Date`, `Event Type`, `Actor Name`,
//! `Actor Country`, `Recipient Name` and `Recipient Country` are required; `Event Mode`,
//! `Intensity` (or `Event Intensity`) and `Story ID` are read when present, and every other
//! column (`Quad Code`, `Contexts`, sectors, places) stays in the quote. The tests' fixtures
//! are written from that layout, not taken from POLECAT.
//!
//! PLOVER's sixteen event types are dyad's actions by name (`agree` is `AGREE`). The code kept
//! is the type in PLOVER's lower case and its mode as written (`consult/visit`,
//! `assault/sideAB`), so `code consult` filters all consultations. The
//! quad class is PLOVER's: verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE), material
//! cooperation (COOPERATE, AID, RETREAT), verbal conflict (REQUEST, ACCUSE, REJECT, THREATEN),
//! material conflict (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT) — PLOVER counts a request as
//! verbal conflict, though dyad's `REQUEST` is cooperation. `Intensity` is kept as the score.
//! AGREE, CONSULT and COOPERATE are two-sided (PLOVER codes the parties of a meeting or joint
//! action alike); a type PLOVER does not have is an unknown code. The record is the Event ID,
//! the story the Story ID. An actor named as its own country is that state; others are part
//! of their country, of kind `other` (the layout's sectors are not read).
//!
//! Must not: register a party for a row that makes no event (the loader creates an actor for
//! every party).

use super::{
    lines, missing, parse_day, record_id, required, score, shown, Builder, Event, Header, Parsed,
    Party, Rows, SkipReason,
};
use crate::fx::FxHashMap;
use crate::model::{Action, ActorKind, EventDate};

/// The columns a row must have.
const REQUIRED: [&str; 7] = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Actor Name",
    "Actor Country",
    "Recipient Name",
    "Recipient Country",
];

/// PLOVER's quad class of an action.
pub(super) fn quad(a: Action) -> u8 {
    use Action::*;
    match a {
        Agree | Consult | Support | Concede => 1,
        Cooperate | Aid | Retreat => 2,
        Request | Accuse | Reject | Threaten | Demand => 3,
        Protest | Sanction | Mobilize | Coerce | Assault | Mediate => 4,
    }
}

/// Parses a POLECAT file.
pub(super) fn parse(rows: &Rows<'_>) -> Parsed {
    let mut all = lines(rows.text).filter(|l| !l.text.trim().is_empty());
    let Some(head) = all.next() else {
        return Parsed::unreadable(
            1,
            "the file is empty: a POLECAT file starts with a header row".into(),
        );
    };
    let header = Header::new(head.text.split('\t').collect());
    let at = match required(&header, REQUIRED, "a POLECAT file", head.number) {
        Ok(at) => at,
        Err(unreadable) => return unreadable,
    };
    let [id, date, typ, aname, acountry, rname, rcountry] = at;
    let mode = header.find("Event Mode");
    let intensity = header
        .find("Intensity")
        .or_else(|| header.find("Event Intensity"));
    let story = header.find("Story ID");
    let mut b = Builder::new();
    // Parties by name and country, borrowed from the text: a party seen before costs no
    // allocation.
    let mut parties: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut f: Vec<&str> = Vec::with_capacity(header.len());
    for line in all {
        let n = line.number;
        f.clear();
        f.extend(line.text.split('\t').map(str::trim));
        if !b.checked(rows, n, Some(f.len()), header.len()) {
            continue;
        }
        let Some(day) = parse_day(f[date]).filter(|d| d.day.is_some()) else {
            b.skip(
                n,
                SkipReason::Date,
                Some(format!(
                    "Event Date {} is not a date (YYYY-MM-DD)",
                    shown(f[date])
                )),
            );
            continue;
        };
        let action = match Action::parse(f[typ]) {
            Some(a) if a != Action::Mediate && a != Action::Demand => a,
            _ => {
                b.skip(
                    n,
                    SkipReason::Code,
                    Some(format!(
                        "Event Type {} is not a PLOVER event type",
                        shown(f[typ])
                    )),
                );
                continue;
            }
        };
        let score = match intensity.map(|i| score("Intensity", f[i])) {
            None => None,
            Some(Ok(x)) => x,
            Some(Err(e)) => {
                b.skip(n, SkipReason::Value, Some(e));
                continue;
            }
        };
        if missing(f[aname]) {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(f[rname]) {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        // Compared by name before they are registered, so that a row making no event adds
        // no party.
        if f[aname].eq_ignore_ascii_case(f[rname]) {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let from = *parties
            .entry((f[aname], f[acountry]))
            .or_insert_with(|| b.party(party(f[aname], f[acountry])));
        let to = *parties
            .entry((f[rname], f[rcountry]))
            .or_insert_with(|| b.party(party(f[rname], f[rcountry])));
        let kind = f[typ].to_ascii_lowercase();
        let code = match mode.map(|m| f[m]).filter(|m| !missing(m)) {
            Some(m) => format!("{kind}/{m}"),
            None => kind,
        };
        b.event(Event {
            line: n,
            start: line.start,
            len: line.text.len() as u32,
            record: record_id(f[id], n),
            from,
            to,
            action,
            mutual: matches!(action, Action::Agree | Action::Consult | Action::Cooperate),
            date: EventDate::On(day),
            code: Some(code.into()),
            goldstein: score,
            quad: Some(quad(action)),
            weight: None,
            story: story.map(|s| f[s]).filter(|s| !missing(s)).map(Into::into),
        });
    }
    b.finish()
}

/// A POLECAT actor as a party.
fn party(name: &str, country: &str) -> Party {
    let country = Some(country).filter(|c| !missing(c));
    let is_state = country.is_some_and(|c| c.eq_ignore_ascii_case(name));
    Party {
        name: name.into(),
        code: None,
        country: if is_state {
            None
        } else {
            country.map(Into::into)
        },
        kind: if is_state {
            ActorKind::State
        } else {
            ActorKind::Other
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{decode, Mapping};

    const HEAD: &str = "Event ID\tEvent Date\tEvent Type\tEvent Mode\tIntensity\tActor Name\tActor Country\tRecipient Name\tRecipient Country\tStory ID";

    fn run_text(text: &str) -> Parsed {
        let (text, bad) = decode(text.as_bytes().to_vec());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        })
    }

    fn run(body: &str) -> Parsed {
        run_text(&format!("{HEAD}\n{body}"))
    }

    fn reasons(p: &Parsed) -> Vec<(u32, SkipReason)> {
        p.skipped.iter().map(|s| (s.line, s.reason)).collect()
    }

    #[test]
    fn plover_types_are_actions_and_modes_are_kept_in_the_code() {
        let p = run("e1\t2023-03-01\tconsult\tvisit\t1\tTurkey\tTurkey\tIran\tIran\ts1\n");
        let e = &p.events[0];
        assert_eq!(
            (e.action, e.mutual, e.quad, e.goldstein),
            (Action::Consult, true, Some(1), Some(1.0))
        );
        assert_eq!(e.code.as_deref(), Some("consult/visit"));
        assert_eq!((e.record.as_ref(), e.story.as_deref()), ("e1", Some("s1")));
        assert_eq!(p.parties[e.from as usize].kind, ActorKind::State);
    }

    #[test]
    fn every_plover_type_has_its_action_quad_and_sidedness() {
        let types = [
            ("AGREE", 1, true),
            ("CONSULT", 1, true),
            ("SUPPORT", 1, false),
            ("CONCEDE", 1, false),
            ("COOPERATE", 2, true),
            ("AID", 2, false),
            ("RETREAT", 2, false),
            ("REQUEST", 3, false),
            ("ACCUSE", 3, false),
            ("REJECT", 3, false),
            ("THREATEN", 3, false),
            ("PROTEST", 4, false),
            ("SANCTION", 4, false),
            ("MOBILIZE", 4, false),
            ("COERCE", 4, false),
            ("ASSAULT", 4, false),
        ];
        let body: String = types
            .iter()
            .enumerate()
            .map(|(i, (t, ..))| format!("e{i}\t2023-03-01\t{t}\t\t\tA\tX\tB\tX\t\n"))
            .collect();
        let p = run(&body);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        for (e, (t, quad, mutual)) in p.events.iter().zip(types) {
            assert_eq!(e.action.as_str(), t);
            assert_eq!((e.quad, e.mutual), (Some(quad), mutual), "{t}");
            // Without a mode the code is the type, in PLOVER's lower case.
            assert_eq!(e.code.as_deref(), Some(t.to_ascii_lowercase().as_str()));
            assert_eq!((e.goldstein, e.story.as_deref()), (None, None));
        }
    }

    #[test]
    fn actors_are_states_or_part_of_their_country() {
        let p = run(
            "e1\t2023-03-01\tassault\t\t-9\tNorthern Front\tXland\tXland\tXland\ts\n\
                     e2\t2023-03-01\taid\t\t7\tRed Crescent\t\tNorthern Front\tXland\ts\n",
        );
        let x = |i: u32| {
            let x = &p.parties[i as usize];
            (x.name.as_ref(), x.kind, x.country.as_deref())
        };
        assert_eq!(
            x(p.events[0].from),
            ("Northern Front", ActorKind::Other, Some("Xland"))
        );
        assert_eq!(x(p.events[0].to), ("Xland", ActorKind::State, None));
        assert_eq!(
            x(p.events[1].from),
            ("Red Crescent", ActorKind::Other, None)
        );
        // The same name and country is one party.
        assert_eq!(p.events[0].from, p.events[1].to);
        assert_eq!(p.parties.len(), 3);
    }

    #[test]
    fn event_intensity_is_read_as_the_score() {
        let p = run_text(
            "Event ID\tEvent Date\tEvent Type\tEvent Intensity\tActor Name\tActor Country\tRecipient Name\tRecipient Country\n\
             e1\t2023-03-01\tthreaten\t-4.5\tA\tX\tB\tY\n",
        );
        assert_eq!(p.events[0].goldstein, Some(-4.5));
    }

    #[test]
    fn unknown_types_dates_and_scores_are_located() {
        let p = run("e1\t2023-03-01\tfight\t\t1\tA\tX\tB\tX\ts\n\
                     e2\t03/01/2023\tassault\t\t1\tA\tX\tB\tX\ts\n\
                     e3\t2023-03-01\tassault\t\t-11\tA\tX\tB\tX\ts\n\
                     e4\t2023-03-01\tassault\n\
                     e5\t2023-03-01\tmediate\t\t1\tA\tX\tB\tX\ts\n\
                     e6\t2023-03-01\tprotest\t\t-5\tA\tX\t\t\ts\n\
                     e7\t2023-03-01\tprotest\t\t-5\t\tX\tB\tX\ts\n\
                     e8\t2023-03-01\tprotest\t\t-5\tLoner\tX\tloner\tX\ts\n\
                     e9\t2023-03\tprotest\t\t-5\tA\tX\tB\tX\ts\n");
        assert_eq!(
            reasons(&p),
            vec![
                (2, SkipReason::Code),
                (3, SkipReason::Date),
                (4, SkipReason::Value),
                (5, SkipReason::Columns),
                (6, SkipReason::Code),
                (7, SkipReason::NoTarget),
                (8, SkipReason::NoSource),
                (9, SkipReason::SameActor),
                (10, SkipReason::Date),
            ]
        );
        let detail = |i: usize| p.skipped[i].detail.as_deref().unwrap_or("");
        assert_eq!(detail(0), "Event Type \"fight\" is not a PLOVER event type");
        assert_eq!(
            detail(1),
            "Event Date \"03/01/2023\" is not a date (YYYY-MM-DD)"
        );
        assert!(detail(2).starts_with("Intensity \"-11\""), "{}", detail(2));
        assert_eq!(detail(3), "3 columns, the header has 10");
        // MEDIATE is dyad's, not PLOVER's.
        assert!(detail(4).contains("\"mediate\""));
        assert!(p.skipped[5..8].iter().all(|s| s.detail.is_none()));
        // No skipped row left a party behind.
        assert!(p.parties.is_empty(), "{:?}", p.parties);
    }

    #[test]
    fn a_header_without_a_required_column_is_unreadable() {
        let p =
            run_text("Event ID\tEvent Date\tEvent Type\tActor Name\ne1\t2023-03-01\tagree\tA\n");
        assert_eq!(p.rows, 0);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("no \"Actor Country\" column"));
        assert_eq!(run_text("").skipped[0].reason, SkipReason::Columns);
    }

    #[test]
    fn random_bytes_and_truncations_never_panic() {
        let mut rng = crate::rng::Rng::new(3);
        let alphabet = b"\tab\n2023-01ASSAULT\r ";
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
        let whole =
            format!("{HEAD}\ne1\t2023-03-01\tconsult\tvisit\t1\tTurkey\tTurkey\tIran\tIran\ts1\n");
        for cut in 0..=whole.len() {
            let p = run_text(&whole[..cut]);
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
