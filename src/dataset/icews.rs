//! ICEWS coded events: tab-separated, a header row, `NA` for missing values.
//!
//! Columns are found by their header names, so a file with its columns in another order, or
//! with more of them, reads the same. Sector lists (`Executive,Foreign Ministry,Government`)
//! suggest the kind of a new actor; see [`guess_kind`].

use super::{
    cameo, lines, missing, parse_day, record_id, required, score, shown, Builder, Event, Header,
    Parsed, Party, Rows, SkipReason,
};
use crate::model::{ActorKind, EventDate};

/// The columns a row must have, by their header names.
const REQUIRED: [&str; 9] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "CAMEO Code",
    "Target Name",
    "Target Sectors",
    "Target Country",
];

/// ICEWS's name for an actor its coder could not identify.
const UNSPECIFIED: &str = "Unspecified Actor";

/// Parses an ICEWS file.
pub(super) fn parse(rows: &Rows<'_>) -> Parsed {
    let mut lines = lines(rows.text);
    let Some(head) = lines.next() else {
        return Parsed::unreadable(
            1,
            "the file is empty: an ICEWS file starts with a header row".into(),
        );
    };
    let header = Header::new(head.text.split('\t').collect());
    let at = match required(&header, REQUIRED, "an ICEWS file", head.number) {
        Ok(at) => at,
        Err(unreadable) => return unreadable,
    };
    let intensity = header.find("Intensity");
    let story = header.find("Story ID");
    let [id, date, sname, ssect, scountry, code, tname, tsect, tcountry] = at;
    let width = header.len();

    let mut b = Builder::new();
    let mut fields: Vec<&str> = Vec::with_capacity(width);
    for line in lines {
        if line.text.is_empty() {
            continue;
        }
        let n = line.number;
        fields.clear();
        fields.extend(line.text.split('\t'));
        if !b.checked(rows, n, Some(fields.len()), width) {
            continue;
        }
        let Some(day) = parse_day(fields[date]).filter(|d| d.day.is_some()) else {
            b.skip(
                n,
                SkipReason::Date,
                Some(format!(
                    "Event Date {} is not a date (YYYY-MM-DD)",
                    shown(fields[date])
                )),
            );
            continue;
        };
        let Some(mapped) = cameo::map(fields[code].trim()) else {
            b.skip(
                n,
                SkipReason::Code,
                Some(format!(
                    "CAMEO Code {} is not a CAMEO code",
                    shown(fields[code])
                )),
            );
            continue;
        };
        let goldstein = match intensity.map(|i| score("Intensity", fields[i])) {
            None | Some(Ok(None)) => Some(mapped.goldstein),
            Some(Ok(x)) => x,
            Some(Err(e)) => {
                b.skip(n, SkipReason::Value, Some(e));
                continue;
            }
        };
        // ICEWS writes an actor it could not identify as "Unspecified Actor": not a party.
        if missing(fields[sname]) || fields[sname].trim() == UNSPECIFIED {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(fields[tname]) || fields[tname].trim() == UNSPECIFIED {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        let from = party(fields[sname], fields[ssect], fields[scountry]);
        let to = party(fields[tname], fields[tsect], fields[tcountry]);
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let from = b.party(from);
        let to = b.party(to);
        let record = fields[id].trim();
        b.event(Event {
            line: n,
            start: line.start,
            len: line.text.len() as u32,
            record: record_id(record, n),
            from,
            to,
            action: mapped.action,
            mutual: mapped.mutual,
            date: EventDate::On(day),
            code: Some(fields[code].trim().into()),
            goldstein,
            quad: Some(mapped.quad),
            weight: None,
            story: story
                .map(|s| fields[s].trim())
                .filter(|s| !missing(s))
                .map(Into::into),
        });
    }
    b.finish()
}

/// A party as an ICEWS row names it.
fn party(name: &str, sectors: &str, country: &str) -> Party {
    let name = name.trim();
    let country = Some(country.trim()).filter(|c| !missing(c));
    let is_country = country.is_some_and(|c| c.eq_ignore_ascii_case(name));
    let kind = if is_country {
        ActorKind::State
    } else {
        guess_kind(name, sectors)
    };
    Party {
        name: name.into(),
        code: None,
        country: if is_country {
            None
        } else {
            country.map(Into::into)
        },
        kind,
    }
}

/// The kind an ICEWS actor suggests, from its name and sectors.
///
/// ICEWS names sector actors with their country in parentheses (`Police (India)`), and people
/// and named organisations plainly (`Donald Trump`, `European Union`). Intergovernmental
/// sectors make an international organisation; insurgent, rebel and separatist sectors an armed
/// group; a party sector without government ones a political group; government sectors on a
/// sector actor an agency. A plain name with personal sectors (executive office, elite,
/// cabinet, a ministry) and no organisational word in it is taken for a person. Anything else
/// is `other`; `actor-map.ron` corrects a guess.
pub fn guess_kind(name: &str, sectors: &str) -> ActorKind {
    let has = |s: &str| sectors.split(',').any(|x| x.trim().contains(s));
    let sector_actor = name.contains('(');
    if has("IGO") || has("International Government Organization") {
        return ActorKind::InternationalOrg;
    }
    if has("Insurgents") || has("Rebel") || has("Separatist") || has("Unidentified Forces") {
        return ActorKind::ArmedGroup;
    }
    const ORG_WORDS: [&str; 22] = [
        "Forces",
        "Force",
        "Army",
        "Party",
        "Ministry",
        "Council",
        "Union",
        "Nations",
        "Parliament",
        "Government",
        "Police",
        "Front",
        "Movement",
        "Brigade",
        "Committee",
        "Organization",
        "Court",
        "Agency",
        "Janata",
        "Congress",
        "Assembly",
        "Office",
    ];
    let org_name = ORG_WORDS
        .iter()
        .any(|w| name.split([' ', '-']).any(|x| x == *w));
    let governmental = has("Government")
        || has("Military")
        || has("Police")
        || has("Ministry")
        || has("Executive")
        || has("Judicial")
        || has("Legislative");
    if sector_actor || org_name {
        if has("Parties") && !has("Government") {
            return ActorKind::PoliticalGroup;
        }
        if governmental {
            return ActorKind::Agency;
        }
        return ActorKind::Other;
    }
    let personal = has("Executive Office")
        || has("Elite")
        || has("Cabinet")
        || has("Ministry")
        || has("Executive")
        || has("Legislative");
    if personal {
        return ActorKind::Person;
    }
    if has("Parties") {
        return ActorKind::PoliticalGroup;
    }
    ActorKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Mapping, Rows};
    use crate::model::Action;

    const HEAD: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude";

    fn run(body: &str) -> Parsed {
        let text = format!("{HEAD}\n{body}");
        let m = Mapping::default();
        parse(&Rows {
            text: &text,
            bad_utf8: &[],
            mapping: &m,
        })
    }

    #[test]
    fn a_real_row_is_one_event_with_its_codes() {
        let p = run("32889836\t2018-06-01\tForeign Affairs (Bangladesh)\tExecutive,Foreign Ministry,Government\tBangladesh\tConsult\t040\t1\tHigh Ranking Military Personnel (Vietnam)\tMilitary,Government\tVietnam\t47400351\t2\tVietnam News Agency Bulletin\tHanoi\tNA\tThanh Pho Ha Noi\tVietnam\t21.0245\t105.841\n");
        assert_eq!(p.rows, 1);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let e = &p.events[0];
        assert_eq!(e.action, Action::Consult);
        assert!(e.mutual);
        assert_eq!(e.code.as_deref(), Some("040"));
        assert_eq!(e.record.as_ref(), "32889836");
        assert_eq!(e.story.as_deref(), Some("47400351"));
        assert_eq!(e.line, 2);
        let from = &p.parties[e.from as usize];
        assert_eq!(from.name.as_ref(), "Foreign Affairs (Bangladesh)");
        assert_eq!(from.country.as_deref(), Some("Bangladesh"));
        assert_eq!(from.kind, ActorKind::Agency);
    }

    #[test]
    fn a_country_named_as_itself_is_a_state_with_no_parent() {
        let p = run("1\t2018-06-01\tJapan\tNA\tJapan\tx\t032\t4.5\tVietnam\tNA\tVietnam\t1\t2\tp\tNA\tNA\tNA\tJapan\t1\t1\n");
        let from = &p.parties[p.events[0].from as usize];
        assert_eq!(from.kind, ActorKind::State);
        assert_eq!(from.country, None);
        assert_eq!(p.events[0].goldstein, Some(4.5));
    }

    #[test]
    fn bad_rows_are_located_with_their_reason() {
        let p = run("1\t2018-13-01\tA\tNA\tNA\tx\t040\t1\tB\tNA\tNA\t1\t2\tp\tNA\tNA\tNA\tX\t1\t1\n\
                     2\t2018-06-01\tA\tNA\tNA\tx\t999\t1\tB\tNA\tNA\t1\t2\tp\tNA\tNA\tNA\tX\t1\t1\n\
                     3\t2018-06-01\tA\tNA\n\
                     4\t2018-06-01\tA\tNA\tNA\tx\t040\t1\tNA\tNA\tNA\t1\t2\tp\tNA\tNA\tNA\tX\t1\t1\n");
        let got: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            got,
            vec![
                (2, SkipReason::Date),
                (3, SkipReason::Code),
                (4, SkipReason::Columns),
                (5, SkipReason::NoTarget)
            ]
        );
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("2018-13-01"));
    }

    #[test]
    fn a_header_without_a_required_column_says_which() {
        let m = Mapping::default();
        let p = parse(&Rows {
            text: "Event ID\tEvent Date\n1\t2018-06-01\n",
            bad_utf8: &[],
            mapping: &m,
        });
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("Source Name"));
    }

    #[test]
    fn kinds_are_guessed_from_sectors() {
        assert_eq!(
            guess_kind("Donald Trump", "Government,Executive Office,Executive"),
            ActorKind::Person
        );
        assert_eq!(
            guess_kind(
                "European Union",
                "International Government Organization,Regional"
            ),
            ActorKind::InternationalOrg
        );
        assert_eq!(
            guess_kind("Israeli Defense Forces", "Government,Military"),
            ActorKind::Agency
        );
        assert_eq!(
            guess_kind("Police (India)", "Police,Government"),
            ActorKind::Agency
        );
        assert_eq!(
            guess_kind("Insurgent (Syria)", "Insurgents"),
            ActorKind::ArmedGroup
        );
        assert_eq!(
            guess_kind(
                "Citizen (Japan)",
                "General Population / Civilian / Social,Social"
            ),
            ActorKind::Other
        );
    }
}
