//! POLECAT events, coded in the PLOVER ontology: tab-separated with a header row.
//!
//! No POLECAT rows are openly licensed, so this reads the layout POLECAT's published weekly
//! files use, by column name: `Event ID`, `Event Date`, `Event Type`, `Actor Name`,
//! `Actor Country`, `Recipient Name` and `Recipient Country` are required; `Event Mode`,
//! `Intensity`, `Quad Code` and `Story ID` are read when present. The tests' fixtures are
//! written from that layout, not taken from POLECAT.
//!
//! PLOVER's sixteen event types are dyad's actions by name (`agree` is `AGREE`). The code kept
//! is the type and its mode (`consult/visit`), so `code consult` filters all consultations. The
//! quad class is PLOVER's: verbal cooperation (AGREE, CONSULT, SUPPORT, CONCEDE), material
//! cooperation (COOPERATE, AID, RETREAT), verbal conflict (REQUEST, ACCUSE, REJECT, THREATEN),
//! material conflict (PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT) — PLOVER counts a request as
//! verbal conflict, though dyad's `REQUEST` is cooperation. `Intensity` is kept as the score.
//! An actor named as its own country is that state; others are part of their country.

use super::{
    lines, missing, parse_day, record_id, required, score, shown, Builder, Event, Header, Parsed,
    Party, Rows, SkipReason,
};
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
    let intensity = header.find("Intensity");
    let story = header.find("Story ID");
    let mut b = Builder::new();
    for line in all {
        let n = line.number;
        let f: Vec<&str> = line.text.split('\t').map(str::trim).collect();
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
        let from = b.party(party(f[aname], f[acountry]));
        let to = b.party(party(f[rname], f[rcountry]));
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let kind = f[typ].to_ascii_lowercase();
        let code = match mode.map(|m| f[m]).filter(|m| !missing(m)) {
            Some(m) => format!("{kind}/{}", m.to_ascii_lowercase()),
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

    fn run(body: &str) -> Parsed {
        let (text, bad) = decode(format!("{HEAD}\n{body}").into_bytes());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &Mapping::default(),
        })
    }

    #[test]
    fn plover_types_are_actions_and_modes_are_kept_in_the_code() {
        let p = run("e1\t2023-03-01\tconsult\tvisit\t1\tTurkey\tTurkey\tIran\tIran\ts1\n");
        let e = &p.events[0];
        assert_eq!(
            (e.action, e.mutual, e.quad),
            (Action::Consult, true, Some(1))
        );
        assert_eq!(e.code.as_deref(), Some("consult/visit"));
        assert_eq!(p.parties[e.from as usize].kind, ActorKind::State);
    }

    #[test]
    fn unknown_types_dates_and_scores_are_located() {
        let p = run("e1\t2023-03-01\tfight\t\t1\tA\tX\tB\tX\ts\n\
                     e2\t03/01/2023\tassault\t\t1\tA\tX\tB\tX\ts\n\
                     e3\t2023-03-01\tassault\t\t-11\tA\tX\tB\tX\ts\n\
                     e4\t2023-03-01\tassault\n");
        let got: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            got,
            vec![
                (2, SkipReason::Code),
                (3, SkipReason::Date),
                (4, SkipReason::Value),
                (5, SkipReason::Columns)
            ]
        );
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = crate::rng::Rng::new(3);
        let alphabet = b"\tab\n2023-01ASSAULT";
        for _ in 0..1000 {
            let body: String = (0..rng.below(80))
                .map(|_| alphabet[rng.below(alphabet.len())] as char)
                .collect();
            let p = run(&body);
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
        }
    }
}
