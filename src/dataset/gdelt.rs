//! GDELT event exports (1.0 and 2.0) and GDELT 2.0 Mentions.
//!
//! Events are tab-separated with no header and no quoting, in the codebook's column order.
//! Each row is read by its own column count, since GDELT 1.0 files mix the back-file layout
//! (57 columns, no SOURCEURL) with the daily one (58): 57 and 58 columns are GDELT 1.0, 61 are
//! GDELT 2.0 (an extra ADM2 code in each of its three geography blocks). The first 35 columns
//! are the same in both: GLOBALEVENTID, SQLDATE, …, the two actors' ten fields each,
//! IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale, …,
//! AvgTone; SOURCEURL is the last column of 58- and 61-column rows.
//!
//! A row is one event from Actor1 to Actor2, dated by SQLDATE (a full day, else a `Date` skip),
//! its action from EventCode through the CAMEO table (an unknown code is a `Code` skip),
//! keeping GoldsteinScale (the table's score when the field is empty; a value that is not a
//! number from -10 to 10 is a `Value` skip) and QuadClass (1 to 4, anything else a `Value`
//! skip). Its SOURCEURL, when the row has one and it is not empty, is its story, in which a
//! mediation's second party is sought. Fields are trimmed, since GDELT 1.0 rows write
//! Actor2Code with a leading space (` UIS`).
//!
//! **Actors** are named from their CAMEO fields (ActorNCode, ActorNName, ActorNCountryCode,
//! ActorNKnownGroupCode, ActorNType1Code), by the first of these rules that applies:
//!
//! 1. a known group (ActorNKnownGroupCode, e.g. `HMS`) is that group (`Hamas`): an armed group
//!    when its type is rebel, insurgent, separatist, unaligned armed force or international
//!    militarised group; an international organisation for inter-governmental, UN,
//!    peacekeeper, Red Cross, Amnesty and Greenpeace types; else a political group (a radical
//!    group is not taken to be armed);
//! 2. a code that is just its country (`TUR`, ActorNCountryCode equal to the whole code) is
//!    the state (`Turkey`), with no country of its own;
//! 3. a country and a type (`TURGOV`, `IRNMIL`) is `<Type> (<Country>)`, e.g.
//!    `Government (Turkey)`, `Military (Iran)`, part of that country, its kind from the type:
//!    government, military, police, judiciary, legislature and intelligence are agencies;
//!    rebels, insurgents, separatists, unaligned armed forces and militarised groups are armed
//!    groups; opposition, moderates and radicals are political groups; inter-governmental, UN
//!    and the like are international organisations; the people-types (civilians, media,
//!    business, refugees, …) are other;
//! 4. a type alone (`COP`, `GOV`) is the type's label (`Police forces`, `Government`), of the
//!    type's kind, in no country. GDELT's own coding gives such generic actors no country, so
//!    every country's unnamed police are one actor here as they are there;
//! 5. otherwise the name GDELT gives (ActorNName, `title_case`d; the code when the name is
//!    empty), in its country if it has one; a name that is its country's (`AUSTRALIA` for
//!    `AUSREL`) is that state.
//!
//! CAMEO's country list also holds regions (`AFR` Africa, `WST` The West, …), two territories
//! (`WSB` West Bank, `GZS` Gaza Strip) and a city (`BAG` Baghdad). None of them is a state: the
//! code alone is an actor of kind other, and they put no actor in a country, except that the
//! territories are in the Occupied Palestinian Territory and Baghdad in Iraq. So `AFRGOV` is
//! `Government (Africa)` with no country, and NATO (`IGOWSTNAT`) is not part of "The West",
//! which the loader would otherwise create as a state.
//!
//! The full code (`TURGOV`) is kept as the party's code, so `actor-map.ron` can match it. A row
//! whose ActorNCode and ActorNName are both empty names one party and is skipped as `NoSource`
//! or `NoTarget` (a third to a half of the rows in the GDELT files dyad is tested on); a row
//! whose two actors are one party is skipped as `SameActor`.
//!
//! **Mentions** (GDELT 2.0, 16 columns, tab-separated, no header) are read for their
//! GLOBALEVENTID and their row's place; a row of another width is a `Columns` skip, and one
//! whose EventTimeDate or MentionTimeDate is not a time (`YYYYMMDDHHMMSS`) a `Date` skip.
//!
//! Must not: join Mentions to events, match parties to actors or merge repeated reports (the
//! loader does); allocate per field on the hot path — a repeated actor is found by its
//! borrowed fields, so a million rows parse in well under two seconds.

use super::{
    bad_byte, cameo, lines, parse_day, record_id, shown, title_case, Builder, Event, Parsed, Party,
    Rows, SkipReason, Skipped,
};
use crate::fx::FxHashMap;
use crate::model::{ActorKind, EventDate};

/// The columns of GDELT's shared first part (0-based).
mod col {
    pub const ID: usize = 0;
    pub const SQLDATE: usize = 1;
    /// Actor1's first field; Actor2's is `ACTOR1 + 10`.
    pub const ACTOR1: usize = 5;
    pub const EVENT_CODE: usize = 26;
    pub const QUAD: usize = 29;
    pub const GOLDSTEIN: usize = 30;
}

/// Offsets within an actor's ten fields.
mod actor {
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const COUNTRY: usize = 2;
    pub const GROUP: usize = 3;
    pub const TYPE1: usize = 7;
}

/// The borrowed fields that decide a party, for interning without allocating.
type Key<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// Parses a GDELT events file.
pub(super) fn parse<'t>(rows: &Rows<'t>) -> Parsed {
    let text: &'t str = rows.text;
    let mut b = Builder::new();
    let mut parties: FxHashMap<Key<'t>, u32> = FxHashMap::default();
    let mut fields: Vec<&'t str> = Vec::with_capacity(61);
    for line in lines(text) {
        if line.text.is_empty() {
            continue;
        }
        b.row();
        let n = line.number;
        if let Some(col) = bad_byte(rows.bad_utf8, n) {
            b.skip(
                n,
                SkipReason::Encoding,
                Some(format!("invalid UTF-8 at byte {col}")),
            );
            continue;
        }
        fields.clear();
        fields.extend(line.text.split('\t'));
        let url = match fields.len() {
            57 => None,
            58 | 61 => Some(fields[fields.len() - 1].trim()),
            k => {
                b.skip(
                    n,
                    SkipReason::Columns,
                    Some(format!(
                        "{k} columns; a GDELT row has 57 or 58 (1.0) or 61 (2.0)"
                    )),
                );
                continue;
            }
        };
        let sqldate = fields[col::SQLDATE].trim();
        let day = (sqldate.len() == 8)
            .then(|| parse_day(sqldate))
            .flatten()
            .filter(|d| d.day.is_some());
        let Some(day) = day else {
            b.skip(
                n,
                SkipReason::Date,
                Some(format!(
                    "SQLDATE {} is not a date (YYYYMMDD)",
                    shown(sqldate)
                )),
            );
            continue;
        };
        let code = fields[col::EVENT_CODE].trim();
        let Some(mapped) = cameo::map(code) else {
            b.skip(
                n,
                SkipReason::Code,
                Some(format!("EventCode {} is not a CAMEO code", shown(code))),
            );
            continue;
        };
        let g = fields[col::GOLDSTEIN].trim();
        let goldstein = if g.is_empty() {
            mapped.goldstein
        } else {
            match g.parse::<f32>() {
                Ok(x) if (-10.0..=10.0).contains(&x) => x,
                _ => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "GoldsteinScale {} is not a number from -10 to 10",
                            shown(g)
                        )),
                    );
                    continue;
                }
            }
        };
        let q = fields[col::QUAD].trim();
        let quad = match q {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            "4" => 4,
            _ => {
                b.skip(
                    n,
                    SkipReason::Value,
                    Some(format!("QuadClass {} is not 1, 2, 3 or 4", shown(q))),
                );
                continue;
            }
        };
        let key = |at: usize| -> Key<'t> {
            let f = |i: usize| fields[at + i].trim();
            (
                f(actor::CODE),
                f(actor::NAME),
                f(actor::COUNTRY),
                f(actor::GROUP),
                f(actor::TYPE1),
            )
        };
        let (k1, k2) = (key(col::ACTOR1), key(col::ACTOR1 + 10));
        if k1.0.is_empty() && k1.1.is_empty() {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if k2.0.is_empty() && k2.1.is_empty() {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        // The key borrows from the text, which outlives the map: a repeated actor costs a
        // hash lookup and no allocation.
        let mut intern = |k: Key<'t>, b: &mut Builder| -> u32 {
            if let Some(&i) = parties.get(&k) {
                return i;
            }
            let i = b.party(party(k));
            parties.insert(k, i);
            i
        };
        let from = intern(k1, &mut b);
        let to = intern(k2, &mut b);
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let id = fields[col::ID].trim();
        b.event(Event {
            line: n,
            start: line.start,
            len: line.text.len() as u32,
            record: record_id(id, n),
            from,
            to,
            action: mapped.action,
            mutual: mapped.mutual,
            date: EventDate::On(day),
            code: Some(code.into()),
            goldstein: Some(goldstein),
            quad: Some(quad),
            weight: None,
            story: url.filter(|u| !u.is_empty()).map(Into::into),
        });
    }
    b.finish()
}

/// The kind a CAMEO actor type suggests.
fn type_kind(t: &str) -> ActorKind {
    match t {
        "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY" => ActorKind::Agency,
        "REB" | "INS" | "SEP" | "UAF" | "IMG" => ActorKind::ArmedGroup,
        "OPP" | "MOD" | "RAD" => ActorKind::PoliticalGroup,
        "IGO" | "UNO" | "PKO" | "IRC" | "AMN" | "GRP" => ActorKind::InternationalOrg,
        _ => ActorKind::Other,
    }
}

/// The codes of CAMEO's country list that are not states, sorted, each with the state it lies
/// in: the regions lie in none, the two Palestinian territories in the Occupied Palestinian
/// Territory, Baghdad in Iraq.
const NOT_STATES: [(&str, Option<&str>); 28] = [
    ("AFR", None),
    ("ASA", None),
    ("BAG", Some("IRQ")),
    ("BLK", None),
    ("CAS", None),
    ("CAU", None),
    ("CEU", None),
    ("CFR", None),
    ("CRB", None),
    ("EAF", None),
    ("EEU", None),
    ("EIN", None),
    ("EUR", None),
    ("GZS", Some("PSE")),
    ("LAM", None),
    ("MDT", None),
    ("MEA", None),
    ("NAF", None),
    ("NMR", None),
    ("PGS", None),
    ("SAF", None),
    ("SAM", None),
    ("SAS", None),
    ("SCN", None),
    ("SEA", None),
    ("WAF", None),
    ("WSB", Some("PSE")),
    ("WST", None),
];

/// The name of the state a CAMEO country code puts an actor in: the state itself, the state a
/// territory or city lies in, and none for a region or an unknown code.
fn state_of(country: &str) -> Option<&'static str> {
    match NOT_STATES.binary_search_by_key(&country, |&(c, _)| c) {
        Ok(i) => NOT_STATES[i].1.and_then(cameo::country),
        Err(_) => cameo::country(country),
    }
}

/// The party a row's actor fields describe (see the module's rules).
fn party((code, name, country, group, typ): Key<'_>) -> Party {
    // `place` names the code as CAMEO lists it (a state, a region, a territory); `state` is
    // the state it puts the actor in, which becomes the actor's `part_of`.
    let place = cameo::country(country);
    let state = state_of(country);
    let own_code = (!code.is_empty()).then(|| code.into());
    if let Some(g) = cameo::group(group) {
        let kind = match type_kind(typ) {
            k @ (ActorKind::ArmedGroup | ActorKind::InternationalOrg) => k,
            _ => ActorKind::PoliticalGroup,
        };
        return Party {
            name: g.into(),
            code: own_code,
            country: state.map(Into::into),
            kind,
        };
    }
    if let Some(p) = place.filter(|_| code == country) {
        let is_state = state == Some(p);
        return Party {
            name: p.into(),
            code: own_code,
            country: state.filter(|_| !is_state).map(Into::into),
            kind: if is_state {
                ActorKind::State
            } else {
                ActorKind::Other
            },
        };
    }
    if let Some(label) = cameo::actor_type(typ) {
        return Party {
            name: match place {
                Some(p) => format!("{label} ({p})").into(),
                None => label.into(),
            },
            code: own_code,
            country: state.map(Into::into),
            kind: type_kind(typ),
        };
    }
    let shown = if name.is_empty() { code } else { name };
    let is_state = state.is_some_and(|s| s.eq_ignore_ascii_case(shown));
    Party {
        name: title_case(shown).into(),
        code: own_code,
        country: state.filter(|_| !is_state).map(Into::into),
        kind: if is_state {
            ActorKind::State
        } else {
            ActorKind::Other
        },
    }
}

/// A GDELT 2.0 Mentions row: the event it mentions and where the row is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The GLOBALEVENTID it mentions.
    pub event: Box<str>,
    /// The row's 1-based line.
    pub line: u32,
    /// Byte offset of the row.
    pub start: u32,
    /// Length of the row without its line ending.
    pub len: u32,
}

/// A Mentions file, parsed.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    /// The rows, in file order.
    pub mentions: Vec<Mention>,
    /// Rows that are malformed.
    pub skipped: Vec<Skipped>,
    /// Data rows read.
    pub rows: u32,
}

/// Parses a GDELT 2.0 Mentions file (16 columns, tab-separated, no header).
pub fn parse_mentions(rows: &Rows<'_>) -> Mentions {
    let mut out = Mentions::default();
    // One buffer of borrowed fields for every row, so that a row costs no allocation but its
    // event id.
    let mut fields: Vec<&str> = Vec::with_capacity(16);
    let skip = |out: &mut Mentions, line, reason, detail: String| {
        out.skipped.push(Skipped {
            line,
            reason,
            detail: Some(detail.into()),
        });
    };
    for line in lines(rows.text) {
        if line.text.is_empty() {
            continue;
        }
        out.rows += 1;
        let n = line.number;
        if let Some(col) = bad_byte(rows.bad_utf8, n) {
            skip(
                &mut out,
                n,
                SkipReason::Encoding,
                format!("invalid UTF-8 at byte {col}"),
            );
            continue;
        }
        fields.clear();
        fields.extend(line.text.split('\t'));
        if fields.len() != 16 {
            skip(
                &mut out,
                n,
                SkipReason::Columns,
                format!("{} columns; a GDELT 2.0 Mentions row has 16", fields.len()),
            );
            continue;
        }
        let stamp = |s: &str| {
            let n = |r: std::ops::Range<usize>| s[r].parse::<u8>().ok();
            s.len() == 14
                && s.bytes().all(|b| b.is_ascii_digit())
                && parse_day(&s[..8]).is_some()
                && n(8..10).is_some_and(|h| h < 24)
                && n(10..12).is_some_and(|m| m < 60)
                && n(12..14).is_some_and(|x| x < 60)
        };
        if let Some((name, v)) = [("EventTimeDate", fields[1]), ("MentionTimeDate", fields[2])]
            .into_iter()
            .find(|(_, v)| !stamp(v.trim()))
        {
            skip(
                &mut out,
                n,
                SkipReason::Date,
                format!("{name} {} is not a time (YYYYMMDDHHMMSS)", shown(v)),
            );
            continue;
        }
        out.mentions.push(Mention {
            event: fields[0].trim().into(),
            line: n,
            start: line.start,
            len: line.text.len() as u32,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{decode, Mapping};
    use crate::model::Action;

    /// A real GDELT 2.0 row (from the 2018-01-01 batch), whose fields tests then change.
    const ROW2: &str = "719024876\t20171202\t201712\t2017\t2017.9096\tCOP\tPOLICE\t\t\t\t\t\tCOP\t\t\tAUS\tMELBOURNE\tAUS\t\t\t\t\t\t\t\t0\t130\t130\t13\t3\t-4.4\t2\t1\t2\t-9.765625\t4\tBrunswick West, Victoria, Australia\tAS\tAS07\t5402\t-37.7833\t144.933\t-1562136\t4\tMelbourne, Victoria, Australia\tAS\tAS07\t5430\t-37.8167\t144.967\t-1586844\t4\tBrunswick West, Victoria, Australia\tAS\tAS07\t5402\t-37.7833\t144.933\t-1562136\t20180101000000\thttp://www.heraldsun.com.au/x";

    fn run(text: &str) -> Parsed {
        let (text, bad) = decode(text.as_bytes().to_vec());
        let m = Mapping::default();
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &m,
        })
    }

    fn with(i: usize, value: &str) -> String {
        let mut f: Vec<&str> = ROW2.split('\t').collect();
        f[i] = value;
        f.join("\t")
    }

    #[test]
    fn a_real_row_is_one_event() {
        assert_eq!(ROW2.split('\t').count(), 61);
        let p = run(ROW2);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let e = &p.events[0];
        assert_eq!(e.record.as_ref(), "719024876");
        assert_eq!(e.action, Action::Threaten);
        assert_eq!(e.goldstein, Some(-4.4));
        assert_eq!(e.quad, Some(3));
        assert_eq!(e.code.as_deref(), Some("130"));
        assert_eq!(e.story.as_deref(), Some("http://www.heraldsun.com.au/x"));
        assert_eq!(e.date.to_string(), "2017-12-02");
        assert_eq!(p.parties[e.from as usize].name.as_ref(), "Police forces");
        assert_eq!(p.parties[e.from as usize].kind, ActorKind::Agency);
        let to = &p.parties[e.to as usize];
        assert_eq!((to.name.as_ref(), to.kind), ("Australia", ActorKind::State));
    }

    /// The party for `(code, name, country, group, type)`, as (name, country, kind).
    fn named(k: Key<'_>) -> (String, Option<String>, ActorKind) {
        let p = party(k);
        assert_eq!(p.code.as_deref(), (!k.0.is_empty()).then_some(k.0));
        (
            p.name.to_string(),
            p.country.as_deref().map(str::to_string),
            p.kind,
        )
    }

    fn want(
        name: &str,
        country: Option<&str>,
        kind: ActorKind,
    ) -> (String, Option<String>, ActorKind) {
        (name.to_string(), country.map(str::to_string), kind)
    }

    #[test]
    fn actors_are_named_from_their_codes() {
        use ActorKind::*;
        for (key, expected) in [
            // 1. Known groups, their kind from the type.
            (
                ("PSEREBHMS", "HAMAS", "PSE", "HMS", "REB"),
                want("Hamas", Some("Occupied Palestinian Territory"), ArmedGroup),
            ),
            (
                ("IGOUNO", "UNITED NATIONS", "", "UNO", "IGO"),
                want("United Nations", None, InternationalOrg),
            ),
            (
                ("NGOHRIHRW", "HUMAN RIGHTS WATCH", "", "HRW", "NGO"),
                want("Human Rights Watch", None, PoliticalGroup),
            ),
            (
                ("PSERADHMS", "HAMAS", "PSE", "HMS", "RAD"),
                want(
                    "Hamas",
                    Some("Occupied Palestinian Territory"),
                    PoliticalGroup,
                ),
            ),
            // 2. The country itself.
            (
                ("TUR", "TURKEY", "TUR", "", ""),
                want("Turkey", None, State),
            ),
            (
                ("USA", "UNITED STATES", "USA", "", ""),
                want("United States", None, State),
            ),
            // 3. A country and a type.
            (
                ("TURGOV", "TURKEY", "TUR", "", "GOV"),
                want("Government (Turkey)", Some("Turkey"), Agency),
            ),
            (
                ("IRNMIL", "IRAN", "IRN", "", "MIL"),
                want("Military (Iran)", Some("Iran"), Agency),
            ),
            (
                ("SYRREB", "SYRIA", "SYR", "", "REB"),
                want("Rebels (Syria)", Some("Syria"), ArmedGroup),
            ),
            (
                ("ISROPP", "ISRAEL", "ISR", "", "OPP"),
                want(
                    "Political Opposition (Israel)",
                    Some("Israel"),
                    PoliticalGroup,
                ),
            ),
            (
                ("USACVL", "AMERICAN", "USA", "", "CVL"),
                want("Civilian (United States)", Some("United States"), Other),
            ),
            // 4. A type alone.
            (
                ("COP", "POLICE", "", "", "COP"),
                want("Police forces", None, Agency),
            ),
            (
                ("GOV", "PRESIDENT", "", "", "GOV"),
                want("Government", None, Agency),
            ),
            // 5. GDELT's name.
            (
                ("", "MUMBAI", "IND", "", ""),
                want("Mumbai", Some("India"), Other),
            ),
            (
                ("AUSREL", "AUSTRALIA", "AUS", "", ""),
                want("Australia", None, State),
            ),
            (
                ("CHR", "CHRISTIAN", "", "", ""),
                want("Christian", None, Other),
            ),
            (("ROU", "", "", "", ""), want("Rou", None, Other)),
        ] {
            assert_eq!(named(key), expected, "{key:?}");
        }
    }

    #[test]
    fn regions_and_territories_are_not_states() {
        use ActorKind::*;
        // NATO was part of "The West", and Africa a state, before regions were told apart.
        for (key, expected) in [
            (
                ("AFR", "AFRICA", "AFR", "", ""),
                want("Africa", None, Other),
            ),
            (
                ("AFRGOV", "AFRICA", "AFR", "", "GOV"),
                want("Government (Africa)", None, Agency),
            ),
            (
                ("IGOWSTNAT", "NATO", "WST", "NAT", "IGO"),
                want(
                    "North Atlantic Treaty Organization (NATO)",
                    None,
                    InternationalOrg,
                ),
            ),
            (
                ("GZS", "GAZA", "GZS", "", ""),
                want("Gaza Strip", Some("Occupied Palestinian Territory"), Other),
            ),
            (
                ("GZSCOP", "GAZA", "GZS", "", "COP"),
                want(
                    "Police forces (Gaza Strip)",
                    Some("Occupied Palestinian Territory"),
                    Agency,
                ),
            ),
            (
                ("BAGGOV", "BAGHDAD", "BAG", "", "GOV"),
                want("Government (Baghdad)", Some("Iraq"), Agency),
            ),
        ] {
            assert_eq!(named(key), expected, "{key:?}");
        }
        assert!(NOT_STATES.windows(2).all(|w| w[0].0 < w[1].0));
        for (code, state) in NOT_STATES {
            assert!(cameo::country(code).is_some(), "{code}");
            assert!(state.is_none_or(|s| cameo::country(s).is_some()), "{code}");
        }
    }

    #[test]
    fn gdelt_1_rows_of_57_and_58_columns_read_and_others_do_not() {
        let row57 = "0\t19790101\t197901\t1979\t1979.0027\t\t\t\t\t\t\t\t\t\t\tAFR\tAFRICA\tAFR\t\t\t\t\t\t\t\t1\t040\t040\t04\t1\t1\t9\t1\t9\t5.52631578947368\t\t\t\t\t0\t0\t0\t\t\t\t\t0\t0\t0\t\t\t\t\t0\t0\t\t20130203";
        assert_eq!(row57.split('\t').count(), 57);
        let p = run(row57);
        assert_eq!(p.skipped[0].reason, SkipReason::NoSource);
        let row58 = "253461011\t20030404\t200304\t2003\t2003.2575\tAFG\tAFGHANISTAN\tAFG\t\t\t\t\t\t\t\t UIS\tTHE INTERNATIONAL COMMUNITY\t\t\t\t\t\tUIS\t\t\t0\t043\t043\t04\t1\t2.8\t6\t1\t6\t0\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t1\tAlgeria\tAG\tAG\t28\t3\tAG\t20130401\tBBC Monitoring";
        assert_eq!(row58.split('\t').count(), 58);
        let p = run(row58);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let to = &p.parties[p.events[0].to as usize];
        assert_eq!(
            to.code.as_deref(),
            Some("UIS"),
            "the leading space is trimmed"
        );
        assert_eq!(p.events[0].story.as_deref(), Some("BBC Monitoring"));
        let p = run(&ROW2.split('\t').take(60).collect::<Vec<_>>().join("\t"));
        assert_eq!(p.skipped[0].reason, SkipReason::Columns);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .starts_with("60 columns"));
    }

    #[test]
    fn bad_values_are_located_with_their_column() {
        for (i, v, reason, says) in [
            (1, "20171302", SkipReason::Date, "SQLDATE \"20171302\""),
            (26, "999", SkipReason::Code, "EventCode \"999\""),
            (29, "7", SkipReason::Value, "QuadClass \"7\""),
            (29, "", SkipReason::Value, "QuadClass \"\""),
            (30, "lots", SkipReason::Value, "GoldsteinScale \"lots\""),
        ] {
            let p = run(&with(i, v));
            assert_eq!(p.skipped[0].reason, reason);
            assert!(
                p.skipped[0].detail.as_deref().unwrap().contains(says),
                "{:?}",
                p.skipped
            );
        }
        let p = run(&with(15, "").replace("\tMELBOURNE\t", "\t\t"));
        assert_eq!(p.skipped[0].reason, SkipReason::NoTarget);
        // Actor2 made the same police as Actor1.
        let same = with(15, "COP").replace("\tMELBOURNE\t", "\tPOLICE\t");
        let same = {
            let mut f: Vec<&str> = same.split('\t').collect();
            f[17] = "";
            f[22] = "COP";
            f.join("\t")
        };
        assert_eq!(run(&same).skipped[0].reason, SkipReason::SameActor);
    }

    #[test]
    fn invalid_utf8_skips_its_row_only() {
        let mut bytes = ROW2.as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\n");
        bytes.extend_from_slice(ROW2.as_bytes());
        let (text, bad) = decode(bytes);
        let m = Mapping::default();
        let p = parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &m,
        });
        assert_eq!(p.skipped[0].reason, SkipReason::Encoding);
        assert_eq!(p.events.len(), 1);
        assert_eq!(p.events[0].line, 2);
    }

    #[test]
    fn mentions_keep_their_event_ids() {
        let row = "410108590\t20150218000000\t20150218224500\t1\tsurenio.com.ar\thttp://x\t4\t1355\t-1\t1440\t1\t100\t1653\t-0.76\tsrclc:spa\t";
        let text = format!(
            "{row}\n{}\n{}\n",
            row.replace("20150218000000", "2015"),
            row.replace("20150218000000", "20150218239600")
        );
        let (text, bad) = decode(text.into_bytes());
        let m = Mapping::default();
        let out = parse_mentions(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &m,
        });
        assert_eq!(out.rows, 3);
        assert_eq!(out.mentions[0].event.as_ref(), "410108590");
        assert_eq!(out.skipped[0].reason, SkipReason::Date);
        assert_eq!(out.skipped[1].line, 3, "minute 96 is not a time");
    }

    #[test]
    fn changed_fields_and_truncations_never_panic() {
        let mut rng = crate::rng::Rng::new(11);
        for _ in 0..500 {
            let mut f: Vec<String> = ROW2.split('\t').map(str::to_string).collect();
            for _ in 0..3 {
                let i = rng.below(f.len());
                f[i] = ["", "x", "\u{e9}", "0", "-1", "99999999", " ", "NaN"][rng.below(8)]
                    .to_string();
            }
            let keep = rng.below(f.len() + 1);
            let row = f[..keep].join("\t");
            let p = run(&row);
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
            let out = parse_mentions(&Rows {
                text: &row,
                bad_utf8: &[],
                mapping: &Mapping::default(),
            });
            assert_eq!(out.mentions.len() + out.skipped.len(), out.rows as usize);
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        // Byte soup drawn mostly from the characters GDELT rows are made of, so that rows of
        // the right width and half-valid fields come up, plus any byte at all; and real rows
        // cut at any byte.
        const PARTS: &[&[u8]] = &[
            b"\t",
            b"\t",
            b"\t",
            b"\n",
            b"\r\n",
            b"0",
            b"1",
            b"2",
            b"9",
            b"20180101",
            b"190",
            b"-",
            b".",
            b" ",
            b"USA",
            b"GOV",
            b"\xff",
            b"\xc3",
            b"\xe9",
            b"\xc3\xa9",
        ];
        let mut rng = crate::rng::Rng::new(1101);
        let m = Mapping::default();
        for round in 0..2000 {
            let mut bytes = Vec::new();
            if round % 2 == 0 {
                for _ in 0..rng.below(400) {
                    if rng.below(4) == 0 {
                        bytes.push(rng.below(256) as u8);
                    } else {
                        bytes.extend_from_slice(PARTS[rng.below(PARTS.len())]);
                    }
                }
            } else {
                let whole = format!("{ROW2}\n{ROW2}");
                bytes.extend_from_slice(&whole.as_bytes()[..rng.below(whole.len() + 1)]);
                if rng.below(2) == 0 && !bytes.is_empty() {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.below(256) as u8;
                }
            }
            let (text, bad) = decode(bytes);
            let rows = Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &m,
            };
            let p = parse(&rows);
            assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
            for e in &p.events {
                assert!(text
                    .get(e.start as usize..(e.start + e.len) as usize)
                    .is_some());
            }
            let out = parse_mentions(&rows);
            assert_eq!(out.mentions.len() + out.skipped.len(), out.rows as usize);
        }
    }
}
