//! The validated model: what every part of dyad past the loader works with.
//!
//! Values of these types only come out of [`crate::load()`], which has checked every reference,
//! date and quote; so a [`Claim`]'s actor ids always index the database's actors, a mediation
//! always has two distinct parties that differ from the mediator, and a quote always occurs in
//! its document. Code downstream relies on that and does not check again.
//!
//! This module is the leaf of the library: it imports nothing from the rest of dyad, so every
//! other layer (graph, names, the database, queries) can speak its types. It must not grow
//! dependencies on the graph, the name index or the database; those live above it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A compact actor handle: the actor's position in the database's actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(pub u32);

/// A compact document handle: the document's position in the database's documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

/// A compact claim handle: the claim's position in the database's claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(pub u32);

impl ActorId {
    /// The actor's position in [`Database::actors`](crate::db::Database::actors) (its order in
    /// `actors.ron`), for indexing tables kept per actor. It is also the actor's node index in the
    /// graph.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl DocId {
    /// The document's position in [`Database::documents`](crate::db::Database::documents) (its
    /// order in `documents.ron`), for indexing tables kept per document.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl ClaimId {
    /// The claim's position in [`Database::claims`](crate::db::Database::claims), for indexing
    /// tables kept per claim. Claims are numbered document by document, each document's in file
    /// order, so ordering claim ids orders claims by document, then by citation number.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What sort of actor a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A sovereign state, e.g. Turkey.
    State,
    /// A government body or agency of a state: a ministry, an intelligence service, a command.
    Agency,
    /// A non-state armed group, or a state's armed force named as a group (e.g. the IRGC).
    ArmedGroup,
    /// A party, coalition, movement or other political group.
    PoliticalGroup,
    /// A person, usually acting for another actor.
    Person,
    /// An international organisation or coalition of states.
    InternationalOrg,
    /// A community or population named as a collective (e.g. the Druze of Suwayda).
    Other,
}

impl ActorKind {
    /// Every actor kind, in declaration order, so `ALL[k as usize] == k`: the snapshot reads a
    /// kind back by its index here.
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Agency,
        ActorKind::ArmedGroup,
        ActorKind::PoliticalGroup,
        ActorKind::Person,
        ActorKind::InternationalOrg,
        ActorKind::Other,
    ];

    /// The kind's name as written in `actors.ron` and in JSON, e.g. `armed_group`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Agency => "agency",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::PoliticalGroup => "political_group",
            ActorKind::Person => "person",
            ActorKind::InternationalOrg => "international_org",
            ActorKind::Other => "other",
        }
    }

    /// A human label, e.g. "armed group".
    pub fn label(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Agency => "government body or agency",
            ActorKind::ArmedGroup => "armed group",
            ActorKind::PoliticalGroup => "political group or movement",
            ActorKind::Person => "person",
            ActorKind::InternationalOrg => "international organisation",
            ActorKind::Other => "other",
        }
    }
}

/// The three kinds of relation a claim can assert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Working together or backing one another: agreements, talks, support, joint action, material
    /// aid and requests (the actions `AGREE` to `REQUEST`).
    Cooperation,
    /// Hostility: accusations, rejection, threats, protest, sanctions, mobilisation, coercion and
    /// armed assault (the actions `ACCUSE` to `ASSAULT`).
    Conflict,
    /// A third party between two others: hosting talks, carrying messages, brokering.
    Mediation,
}

impl RelationKind {
    /// Every relation kind, cooperation, conflict, mediation: the order in which kinds are listed,
    /// and the order of the edges between one pair of actors.
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Cooperation,
        RelationKind::Conflict,
        RelationKind::Mediation,
    ];

    /// The kind's name as written in claims files, queries (`via conflict`) and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Cooperation => "cooperation",
            RelationKind::Conflict => "conflict",
            RelationKind::Mediation => "mediation",
        }
    }

    /// A bit for [`KindSet`].
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.to_ascii_lowercase().as_str() {
            "cooperation" | "coop" | "cooperative" => Ok(RelationKind::Cooperation),
            "conflict" | "conflictual" => Ok(RelationKind::Conflict),
            "mediation" | "mediator" | "mediates" => Ok(RelationKind::Mediation),
            _ => Err(()),
        }
    }
}

/// A small set of relation kinds, used by filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KindSet(u8);

impl KindSet {
    /// Every relation kind: no restriction. The default, so a query without `via` may use any edge.
    pub const ALL: KindSet = KindSet(0b111);
    /// No relation kind at all; grow it with [`KindSet::with`].
    pub const NONE: KindSet = KindSet(0);

    /// The set holding `kind` alone.
    pub fn only(kind: RelationKind) -> Self {
        KindSet(kind.bit())
    }
    /// This set with `kind` added.
    pub fn with(self, kind: RelationKind) -> Self {
        KindSet(self.0 | kind.bit())
    }
    /// Whether `kind` is in the set.
    pub fn contains(self, kind: RelationKind) -> bool {
        self.0 & kind.bit() != 0
    }
    /// Whether the set holds every kind, so it does not restrict edges at all.
    pub fn is_all(self) -> bool {
        self == KindSet::ALL
    }
    /// The kinds in the set, in [`RelationKind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = RelationKind> {
        RelationKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }
}

impl Default for KindSet {
    fn default() -> Self {
        KindSet::ALL
    }
}

/// The action a claim reports: the sixteen event types of the PLOVER ontology, plus `DEMAND`
/// for coercive demands (CAMEO's root code 10), kept apart from cooperative requests, and
/// `MEDIATE` for third parties.
/// Each action belongs to exactly one [`RelationKind`]; see [`Action::kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Action {
    // Cooperation.
    /// Cooperation: agreements, deals, ceasefires, endorsements.
    Agree,
    /// Cooperation: talks, meetings, calls, visits, briefings.
    Consult,
    /// Cooperation: political or diplomatic backing, alliance, sponsorship.
    Support,
    /// Cooperation: joint action, coordination, intelligence or security cooperation.
    Cooperate,
    /// Cooperation: material help such as weapons, supplies, money or transport.
    Aid,
    /// Cooperation: asking or urging the other side to act.
    Request,
    /// Cooperation: concessions, easing, releases, honouring a ceasefire.
    Concede,
    /// Cooperation: withdrawals, de-escalation, demobilisation.
    Retreat,
    // Conflict.
    /// Conflict: coercive demands, ultimatum-like requirements, holding the other side
    /// responsible (CAMEO 10).
    Demand,
    /// Conflict: accusations and blame.
    Accuse,
    /// Conflict: refusing, opposing, cancelling or ignoring an agreement.
    Reject,
    /// Conflict: warnings, red lines, ultimatums.
    Threaten,
    /// Conflict: condemnation and hostile rhetoric.
    Protest,
    /// Conflict: sanctions, asset freezes, cutting aid or ties.
    Sanction,
    /// Conflict: deployments, buffer zones, shows of force.
    Mobilize,
    /// Conflict: pressure, sieges, arrests, repression.
    Coerce,
    /// Conflict: strikes, raids, killings, offensives.
    Assault,
    // Mediation.
    /// Mediation: hosting talks, carrying messages, brokering between two parties. The only
    /// mediation action; its claims name the two parties in [`Target::Between`].
    Mediate,
}

impl Action {
    /// Every action, cooperation first, then conflict, then mediation: the order of `help actions`
    /// and of the README's table.
    pub const ALL: [Action; 18] = [
        Action::Agree,
        Action::Consult,
        Action::Support,
        Action::Cooperate,
        Action::Aid,
        Action::Request,
        Action::Concede,
        Action::Retreat,
        Action::Demand,
        Action::Accuse,
        Action::Reject,
        Action::Threaten,
        Action::Protest,
        Action::Sanction,
        Action::Mobilize,
        Action::Coerce,
        Action::Assault,
        Action::Mediate,
    ];

    /// The relation kind this action belongs to.
    pub fn kind(self) -> RelationKind {
        use Action::*;
        match self {
            Agree | Consult | Support | Cooperate | Aid | Request | Concede | Retreat => {
                RelationKind::Cooperation
            }
            Demand | Accuse | Reject | Threaten | Protest | Sanction | Mobilize | Coerce
            | Assault => RelationKind::Conflict,
            Mediate => RelationKind::Mediation,
        }
    }

    /// The action's name as written in claims files and JSON, e.g. `MEDIATE`.
    pub fn as_str(self) -> &'static str {
        use Action::*;
        match self {
            Agree => "AGREE",
            Consult => "CONSULT",
            Support => "SUPPORT",
            Cooperate => "COOPERATE",
            Aid => "AID",
            Request => "REQUEST",
            Concede => "CONCEDE",
            Retreat => "RETREAT",
            Demand => "DEMAND",
            Accuse => "ACCUSE",
            Reject => "REJECT",
            Threaten => "THREATEN",
            Protest => "PROTEST",
            Sanction => "SANCTION",
            Mobilize => "MOBILIZE",
            Coerce => "COERCE",
            Assault => "ASSAULT",
            Mediate => "MEDIATE",
        }
    }

    /// What the action covers, for `help` and the README.
    pub fn gloss(self) -> &'static str {
        use Action::*;
        match self {
            Agree => "agreements, deals, ceasefires, endorsements",
            Consult => "talks, meetings, calls, visits, briefings",
            Support => "political or diplomatic backing, alliance, sponsorship",
            Cooperate => "joint action, coordination, intelligence or security cooperation",
            Aid => "material help: weapons, supplies, money, transport",
            Request => "asking or urging the other side to act",
            Concede => "concessions, easing restrictions, releases, honouring a ceasefire",
            Retreat => "withdrawals, de-escalation, demobilisation",
            Demand => "coercive demands, ultimatum-like requirements, holding responsible",
            Accuse => "accusations, blame",
            Reject => "refusing, opposing, cancelling, ignoring an agreement",
            Threaten => "warnings, red lines, ultimatums",
            Protest => "condemnation, hostile rhetoric",
            Sanction => "sanctions, asset freezes, cutting aid or ties",
            Mobilize => "deployments, buffer zones, shows of force",
            Coerce => "pressure, sieges, arrests, repression",
            Assault => "strikes, raids, killings, offensives",
            Mediate => "hosting talks, carrying messages, brokering between two parties",
        }
    }
}

impl Action {
    /// The action a name denotes (`ASSAULT`, `assault`), ignoring case.
    pub fn parse(word: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(word))
    }

    /// The action's bit in a set of actions (see [`crate::graph::Filter::actions`]).
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How firmly the source asserts a claim, strongest first. The order is meaningful:
/// `certainty reported` in a query keeps `stated` and `reported` claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Asserted as fact in the document's own voice, or by a named party on record.
    Stated,
    /// Attributed to another source: "according to Reuters", "reportedly", "sources said".
    Reported,
    /// Machine-coded from a news sentence by an event coder (ICEWS, GDELT, POLECAT): one
    /// program's reading of one sentence, firmer than an allegation only in that the sentence
    /// reported it, and weaker than a curator's reading of a source.
    Coded,
    /// Presented as an accusation or allegation.
    Alleged,
    /// The author's or a quoted commentator's own judgement, asserted without sourcing.
    Opinion,
    /// Rumour, possibility or forecast: "rumors", "may have", "likely", "could".
    Speculative,
}

impl Certainty {
    /// Every certainty level, firmest first.
    pub const ALL: [Certainty; 6] = [
        Certainty::Stated,
        Certainty::Reported,
        Certainty::Coded,
        Certainty::Alleged,
        Certainty::Opinion,
        Certainty::Speculative,
    ];

    /// Higher is firmer.
    pub fn rank(self) -> u8 {
        match self {
            Certainty::Stated => 5,
            Certainty::Reported => 4,
            Certainty::Coded => 3,
            Certainty::Alleged => 2,
            Certainty::Opinion => 1,
            Certainty::Speculative => 0,
        }
    }

    /// The weight a claim of this certainty carries in rankings.
    pub fn weight(self) -> f64 {
        match self {
            Certainty::Stated => 1.0,
            Certainty::Reported => 0.8,
            Certainty::Coded => 0.6,
            Certainty::Alleged => 0.5,
            Certainty::Opinion => 0.4,
            Certainty::Speculative => 0.25,
        }
    }

    /// Whether this certainty is at least as firm as `min`.
    pub fn at_least(self, min: Certainty) -> bool {
        self.rank() >= min.rank()
    }

    /// The level's name as written in claims files, queries (`certainty reported`) and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Stated => "stated",
            Certainty::Reported => "reported",
            Certainty::Coded => "coded",
            Certainty::Alleged => "alleged",
            Certainty::Opinion => "opinion",
            Certainty::Speculative => "speculative",
        }
    }
}

impl PartialOrd for Certainty {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Certainty {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl fmt::Display for Certainty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Certainty {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Certainty::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or(())
    }
}

/// The genre of a source document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Genre {
    /// Reporting of events: a news article, wire story or bulletin.
    News,
    /// Analysis: a situation report, briefing or research piece that interprets events.
    Analysis,
    /// Opinion: an op-ed, column or commentary arguing a view.
    Opinion,
    /// Data: an event dataset or edge list brought in with `dyad import` (`datasets.ron`), whose
    /// rows are the evidence.
    Data,
}

impl Genre {
    /// Every genre, in the order help lists them.
    pub const ALL: [Genre; 4] = [Genre::News, Genre::Analysis, Genre::Opinion, Genre::Data];

    /// The genre a word names (`news`, `analysis`, `opinion`), ignoring case.
    pub fn parse(word: &str) -> Option<Genre> {
        Genre::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(word))
    }

    /// The genre's name as written in `documents.ron`, e.g. `analysis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Analysis => "analysis",
            Genre::Opinion => "opinion",
            Genre::Data => "data",
        }
    }
}

/// A calendar date known to the year, the month or the day, as sources give them.
///
/// Ordered by the first day it could denote, then by precision (coarser first), so `2026` sorts
/// before `2026-01` before `2026-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year, written with four digits (0000 to 9999).
    pub year: u16,
    /// 1–12, if known.
    pub month: Option<u8>,
    /// 1–31, if known; only present with a month.
    pub day: Option<u8>,
}

impl PartialDate {
    /// The first day this date could denote, as `(year, month, day)`.
    pub fn first_day(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date could denote, as `(year, month, day)`.
    pub fn last_day(self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// Whether some day of this date falls on or after some day of `other`
    /// (the overlap rule `since` uses).
    pub fn may_be_on_or_after(self, other: PartialDate) -> bool {
        self.last_day() >= other.first_day()
    }

    /// Whether some day of this date falls on or before some day of `other`
    /// (the overlap rule `until` uses).
    pub fn may_be_on_or_before(self, other: PartialDate) -> bool {
        self.first_day() <= other.last_day()
    }

    /// Days since 0000-03-01 of the first day, for recency arithmetic.
    pub fn ordinal(self) -> i64 {
        let (y, m, d) = self.first_day();
        let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
        // Days-from-civil, shifted so the year starts in March and leap days fall last.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe
    }
}

impl PartialDate {
    /// The UTC day of a UNIX time (seconds since 1970-01-01), from 1970 to 9999: KONECT's edge
    /// times, and today's date for a retraction's note.
    ///
    /// ```
    /// use dyad::model::PartialDate;
    /// assert_eq!(PartialDate::of_unix(0).unwrap().to_string(), "1970-01-01");
    /// assert_eq!(PartialDate::of_unix(1_771_632_000).unwrap().to_string(), "2026-02-21");
    /// assert_eq!(PartialDate::of_unix(-1), None);
    /// ```
    pub fn of_unix(t: i64) -> Option<PartialDate> {
        if !(0..=253_402_300_799).contains(&t) {
            return None;
        }
        // Days since 1970-01-01 to a civil date (proleptic Gregorian).
        let z = t.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate::day(year as u16, month as u8, day as u8)
    }

    /// The day `year-month-day`, if it exists (years 1 to 9999). Builds the date without
    /// going through text, for readers of numeric dates such as GDELT's `20171202`.
    pub fn day(year: u16, month: u8, day: u8) -> Option<PartialDate> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The English names of the months, January first, in lower case: what readers of dates
/// written in words (ACLED's `3 January 2013`, a sentence's "on February 6") compare against.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Why a date string is not a [`PartialDate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// ```
    /// use dyad::model::PartialDate;
    /// assert!("2026".parse::<PartialDate>().is_ok());
    /// assert!("2026-02".parse::<PartialDate>().is_ok());
    /// assert!("2024-02-29".parse::<PartialDate>().is_ok());
    /// assert!("2026-02-29".parse::<PartialDate>().is_err());
    /// assert!("2026-13".parse::<PartialDate>().is_err());
    /// assert!("Feb 2026".parse::<PartialDate>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, DateError> {
        let bad = |why: &str| {
            Err(DateError(format!(
                "malformed date '{s}': {why} (write YYYY, YYYY-MM or YYYY-MM-DD)"
            )))
        };
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return bad("expected up to three parts separated by '-'");
        }
        let num = |p: &str, width: usize| -> Option<u16> {
            (p.len() == width && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let Some(year) = num(parts[0], 4) else {
            return bad("the year must have four digits");
        };
        let month = match parts.get(1) {
            None => None,
            Some(p) => match num(p, 2) {
                Some(m @ 1..=12) => Some(m as u8),
                _ => return bad("the month must be 01 to 12"),
            },
        };
        let day = match parts.get(2) {
            None => None,
            Some(p) => {
                let m = month.expect("a day part implies a month part");
                match num(p, 2) {
                    Some(d) if d >= 1 && d <= u16::from(days_in_month(year, m)) => Some(d as u8),
                    _ => {
                        return bad(&format!(
                            "day out of range for {year}-{m:02} (1 to {})",
                            days_in_month(year, m)
                        ))
                    }
                }
            }
        };
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.month.is_some().cmp(&other.month.is_some()))
            .then(self.day.is_some().cmp(&other.day.is_some()))
    }
}

/// One calendar day as `(year, month, day)`, the unit [`EventDate`] windows are counted in.
type Day = (u16, u8, u8);

/// The day after `d`, if there is one with a four-digit year.
fn next_day((y, m, d): Day) -> Option<Day> {
    if d < days_in_month(y, m) {
        Some((y, m, d + 1))
    } else if m < 12 {
        Some((y, m + 1, 1))
    } else if y < 9999 {
        Some((y + 1, 1, 1))
    } else {
        None
    }
}

/// The day before `d`, if there is one with a four-digit year.
fn prev_day((y, m, d): Day) -> Option<Day> {
    if d > 1 {
        Some((y, m, d - 1))
    } else if m > 1 {
        Some((y, m - 1, days_in_month(y, m - 1)))
    } else if y > 0 {
        Some((y - 1, 12, 31))
    } else {
        None
    }
}

/// A day as an exact [`PartialDate`].
fn exact((year, month, day): Day) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

/// When a claimed event happened, as honestly as its source lets us say.
///
/// Sources often give no exact date: "years before Assad's fall", "since the 2011 uprising",
/// "after the July talks". An `EventDate` keeps what the text supports and no more, so that
/// `since`/`until` do not pretend to know what they do not. The written forms (read by
/// [`FromStr`], written by [`Display`](fmt::Display)) are:
///
/// | form           | variant                | possible days                                |
/// |----------------|------------------------|----------------------------------------------|
/// | `2026-02-06`, `2026-02`, `2026` | [`EventDate::On`] | every day of the (partial) date     |
/// | `2011/2024`    | [`EventDate::Range`]   | from the first day of the start to the last day of the end |
/// | `before 2024-12` | [`EventDate::Before`] | every day before 2024-12-01                  |
/// | `after 2025-07` | [`EventDate::After`]  | every day after 2025-07-31                   |
/// | `unknown`      | [`EventDate::Unknown`] | any day                                      |
///
/// Invariants (kept by the parser; code building values directly must keep them too): a range's
/// start is not after its end, and a bound leaves at least one possible day.
///
/// ```
/// use dyad::model::{EventDate, PartialDate};
/// let d = |s: &str| s.parse::<PartialDate>().unwrap();
/// let before: EventDate = "before 2024-12".parse().unwrap();
/// assert_eq!(before.latest(), Some(d("2024-11-30")));
/// assert!(!before.may_be_on_or_after(d("2025-01")));
/// assert!(before.may_be_on_or_before(d("2024")));
/// let range: EventDate = "2011/2024".parse().unwrap();
/// assert_eq!(range.to_string(), "2011/2024");
/// assert!(range.is_approximate());
/// assert!(!"2026-02".parse::<EventDate>().unwrap().is_approximate());
/// assert!("2024/2011".parse::<EventDate>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventDate {
    /// An exact or partial date: the event happened on some day of it.
    On(PartialDate),
    /// Some day from the first day of the start to the last day of the end, inclusive.
    Range(PartialDate, PartialDate),
    /// Some day strictly before the first day of the date.
    Before(PartialDate),
    /// Some day strictly after the last day of the date.
    After(PartialDate),
    /// The text gives no date at all.
    Unknown,
}

impl EventDate {
    /// The first day the event could have happened on; `None` when unbounded.
    pub fn earliest(&self) -> Option<PartialDate> {
        self.earliest_day().map(exact)
    }

    /// The last day the event could have happened on; `None` when unbounded.
    pub fn latest(&self) -> Option<PartialDate> {
        self.latest_day().map(exact)
    }

    fn earliest_day(&self) -> Option<Day> {
        match *self {
            EventDate::On(d) | EventDate::Range(d, _) => Some(d.first_day()),
            EventDate::After(d) => next_day(d.last_day()),
            EventDate::Before(_) | EventDate::Unknown => None,
        }
    }

    fn latest_day(&self) -> Option<Day> {
        match *self {
            EventDate::On(d) | EventDate::Range(_, d) => Some(d.last_day()),
            EventDate::Before(d) => prev_day(d.first_day()),
            EventDate::After(_) | EventDate::Unknown => None,
        }
    }

    /// Whether some possible day falls on or after some day of `since` (the rule `since`
    /// uses). An unknown date may fall anywhere, so it always may.
    pub fn may_be_on_or_after(&self, since: PartialDate) -> bool {
        self.latest_day().is_none_or(|l| l >= since.first_day())
    }

    /// Whether some possible day falls on or before some day of `until` (the rule `until`
    /// uses). An unknown date may fall anywhere, so it always may.
    pub fn may_be_on_or_before(&self, until: PartialDate) -> bool {
        self.earliest_day().is_none_or(|e| e <= until.last_day())
    }

    /// Whether the date is a range, a bound or unknown rather than a (partial) calendar date,
    /// so that text output must not present it as one.
    pub fn is_approximate(&self) -> bool {
        !matches!(self, EventDate::On(_))
    }

    /// The date as a single (partial) calendar date, when it is one.
    pub fn on(&self) -> Option<PartialDate> {
        match *self {
            EventDate::On(d) => Some(d),
            _ => None,
        }
    }

    /// Compares how recent two dates may be: by the latest possible day, where an unknown date
    /// counts as the oldest and an open end (`after …`) as the newest; ties go to the later
    /// earliest day (`2026-12` is more surely recent than `2026`).
    pub fn cmp_recency(&self, other: &EventDate) -> std::cmp::Ordering {
        self.recency().cmp(&other.recency())
    }

    /// The key of [`EventDate::cmp_recency`]: `(rank, latest day, earliest day)`, rank 0 for
    /// unknown, 1 for a bounded end, 2 for an open end.
    fn recency(&self) -> (u8, Option<Day>, Option<Day>) {
        match self {
            EventDate::Unknown => (0, None, None),
            _ => match self.latest_day() {
                Some(l) => (1, Some(l), self.earliest_day()),
                None => (2, None, self.earliest_day()),
            },
        }
    }

    /// The date as text answers show it: the written form, except that an unknown date reads
    /// `date unknown`, and a date taken from the document says so, e.g. `2026-02 (doc date)`.
    ///
    /// ```
    /// use dyad::model::{DateSource, EventDate};
    /// let on: EventDate = "2026-02".parse().unwrap();
    /// assert_eq!(on.label(DateSource::Text), "2026-02");
    /// assert_eq!(on.label(DateSource::Document), "2026-02 (doc date)");
    /// assert_eq!(EventDate::Unknown.label(DateSource::Text), "date unknown");
    /// ```
    pub fn label(&self, from: DateSource) -> String {
        match (self, from) {
            (EventDate::Unknown, _) => "date unknown".to_string(),
            (_, DateSource::Document) => format!("{self} (doc date)"),
            (_, DateSource::Text) => self.to_string(),
        }
    }

    /// The order of forms among dates with the same possible days.
    fn form(&self) -> u8 {
        match self {
            EventDate::Unknown => 0,
            EventDate::Before(_) => 1,
            EventDate::On(_) => 2,
            EventDate::Range(..) => 3,
            EventDate::After(_) => 4,
        }
    }
}

impl From<PartialDate> for EventDate {
    fn from(d: PartialDate) -> Self {
        EventDate::On(d)
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Timeline order: by the earliest possible day (unbounded first), then by the latest possible
/// day, later first (unbounded first), then by form, then by the dates written.
///
/// Among dates that start together, a period thus comes before the periods it contains, as in
/// an outline: `2026`, then `2026-01`, then `2026-01-01`, which is also how [`PartialDate`]s
/// order, so timelines of exact and partial dates read as they always have.
///
/// ```
/// use dyad::model::EventDate;
/// let mut v: Vec<EventDate> = ["2025", "unknown", "after 2020", "before 2024", "2011/2024", "2024"]
///     .iter()
///     .map(|s| s.parse().unwrap())
///     .collect();
/// v.sort();
/// let s: Vec<String> = v.iter().map(|d| d.to_string()).collect();
/// assert_eq!(s, ["unknown", "before 2024", "2011/2024", "after 2020", "2024", "2025"]);
/// ```
impl Ord for EventDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Reverse;
        // `None` is unbounded, and sorts first either way: before every earliest day, and
        // (reversed) before every latest day.
        let key = |d: &EventDate| {
            (
                d.earliest_day(),
                Reverse(d.latest_day().map_or((1, None), |l| (0, Some(l)))),
            )
        };
        let inner = |d: &EventDate| match *d {
            EventDate::On(x) | EventDate::Before(x) | EventDate::After(x) => (Some(x), None),
            EventDate::Range(a, b) => (Some(a), Some(b)),
            EventDate::Unknown => (None, None),
        };
        key(self)
            .cmp(&key(other))
            .then(self.form().cmp(&other.form()))
            .then(inner(self).cmp(&inner(other)))
    }
}

impl FromStr for EventDate {
    type Err = DateError;

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `START/END`, `before DATE`, `after DATE` or
    /// `unknown`, where each date is one of the first three forms.
    ///
    /// ```
    /// use dyad::model::EventDate;
    /// for s in ["2026", "2026-02-06", "2011/2024-06", "before 2024-12", "after 2025-07", "unknown"] {
    ///     assert_eq!(s.parse::<EventDate>().unwrap().to_string(), s);
    /// }
    /// let e = "sometime".parse::<EventDate>().unwrap_err();
    /// assert!(e.0.starts_with("malformed date 'sometime'"), "{e}");
    /// assert!(e.0.contains("before DATE"), "{e}");
    /// ```
    fn from_str(s: &str) -> Result<Self, DateError> {
        let bad = |why: &str| {
            DateError(format!(
                "malformed date '{s}': {why} (write YYYY, YYYY-MM, YYYY-MM-DD, START/END, \
                 before DATE, after DATE, or unknown)"
            ))
        };
        // A part's own message, reworded to name the whole date.
        let part = |p: &str| -> Result<PartialDate, DateError> {
            p.parse::<PartialDate>().map_err(|e| {
                let why =
                    e.0.split_once("': ")
                        .map_or(e.0.as_str(), |(_, rest)| rest)
                        .trim_end_matches(" (write YYYY, YYYY-MM or YYYY-MM-DD)");
                bad(&format!("in '{p}': {why}"))
            })
        };
        if s == "unknown" {
            return Ok(EventDate::Unknown);
        }
        if let Some(rest) = s.strip_prefix("before ") {
            let d = part(rest)?;
            if prev_day(d.first_day()).is_none() {
                return Err(bad("no day with a four-digit year comes before it"));
            }
            return Ok(EventDate::Before(d));
        }
        if let Some(rest) = s.strip_prefix("after ") {
            let d = part(rest)?;
            if next_day(d.last_day()).is_none() {
                return Err(bad("no day with a four-digit year comes after it"));
            }
            return Ok(EventDate::After(d));
        }
        if let Some((a, b)) = s.split_once('/') {
            let (a, b) = (part(a)?, part(b)?);
            if a.first_day() > b.last_day() {
                return Err(bad(&format!("the range starts ({a}) after it ends ({b})")));
            }
            return Ok(EventDate::Range(a, b));
        }
        if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(bad("expected a date, a range, a bound or 'unknown'"));
        }
        part(s).map(EventDate::On)
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventDate::On(d) => write!(f, "{d}"),
            EventDate::Range(a, b) => write!(f, "{a}/{b}"),
            EventDate::Before(d) => write!(f, "before {d}"),
            EventDate::After(d) => write!(f, "after {d}"),
            EventDate::Unknown => f.write_str("unknown"),
        }
    }
}

/// Where a claim's date comes from.
///
/// Curators date a claim from its text when the text dates the event; when it does not but the
/// event is plainly the news of the day, they may take the document's date and must say so
/// (`date_from: document` in the claims file), so that readers can tell the two apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The text dates the event.
    #[default]
    Text,
    /// The date is the document's own date.
    Document,
}

impl DateSource {
    /// Whether the date comes from the text (the default, left out when writing).
    pub fn is_text(&self) -> bool {
        *self == DateSource::Text
    }

    /// `text` or `document`, as the data files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Document => "document",
        }
    }
}

/// An actor: a node of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Stable short id, e.g. `hakan_fidan`.
    pub id: String,
    /// The display name answers and diagrams show, e.g. `Hakan Fidan`. It also resolves in queries,
    /// like an alias.
    pub name: String,
    /// What sort of actor this is: state, agency, person, and so on.
    pub kind: ActorKind,
    /// Every other spelling sources use.
    pub aliases: Vec<String>,
    /// The larger actor this one is a component of (the YPG is part of the SDF).
    pub part_of: Option<ActorId>,
    /// The actor this one acts for (Hakan Fidan acts for Turkey).
    pub acts_for: Option<ActorId>,
    /// A sentence or two on who the actor is, e.g. `Foreign Minister of Turkey.`; shown on its
    /// card.
    pub description: Option<String>,
    /// For an actor `dyad import` created because a dataset named it and no actor matched:
    /// the dataset's document. `None` for actors of `actors.ron`.
    pub origin: Option<DocId>,
}

impl Actor {
    /// The actor this one rolls up to, one level up: the one it acts for, else the one it is
    /// part of. This is dyad's single roll-up rule; [`crate::db::Database::principal`] follows
    /// it to the top, and the loader rejects cycles in it.
    pub fn parent(&self) -> Option<ActorId> {
        self.acts_for.or(self.part_of)
    }
}

/// A source document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Stable short id used in files and citations, e.g. `iran_update`: its claims live in
    /// `claims/iran_update.ron` and are cited as `iran_update#3`.
    pub id: String,
    /// The path as written in `documents.ron`, relative to the database directory.
    pub file: String,
    /// The title, as the document gives it.
    pub title: String,
    /// The author or authors, where known.
    pub author: Option<String>,
    /// The outlet or organisation that published it, e.g. `CTP-ISW`, where known.
    pub publisher: Option<String>,
    /// The publication date as the text gives it, if it gives one. Curators date a claim with it
    /// when the text gives the event no date of its own.
    pub date: Option<PartialDate>,
    /// What kind of writing the document is: news, analysis or opinion.
    pub genre: Genre,
    /// A curator's remark on the document, e.g. why its date is inferred.
    pub note: Option<String>,
    /// The full text, which quotes are checked against.
    pub text: String,
}

/// Who a claim is about, besides its `from` actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A cooperation or conflict claim: `from` acts towards (or with) this actor.
    Actor(ActorId),
    /// A mediation claim: `from` mediates between these two parties.
    Between(ActorId, ActorId),
}

/// The atomic, sourced fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The acting actor; for mediation, the mediator.
    pub from: ActorId,
    /// Who the claim is about besides `from`: one actor, or the two parties of a mediation.
    pub target: Target,
    /// What the claim reports `from` doing; its [`Action::kind`] is the claim's kind.
    pub action: Action,
    /// Two-sided (talks, agreements) rather than directed from `from`.
    pub mutual: bool,
    /// When the event happened, as precisely as the text says, or a range or bound where it
    /// says no more; see [`EventDate`].
    pub date: EventDate,
    /// Whether the date is the text's or was taken from the document.
    pub date_from: DateSource,
    /// How firmly the document asserts the claim.
    pub certainty: Certainty,
    /// The document the claim cites, whose text holds its quote.
    pub doc: DocId,
    /// The claim's 1-based position in its document's claims file; `doc#seq` cites it.
    pub seq: u32,
    /// Verbatim from the document; read it with `Database::quote`.
    pub quote: Quote,
    /// The curator's gloss on the claim, e.g. `Turkey carried the US message to Iran.`
    pub note: Option<Box<str>>,
    /// For a claim made from dataset rows: the record, its codes and every report of the event.
    /// `None` for curated claims. Boxed, so a curated claim pays one pointer for it.
    pub coded: Option<Box<Coded>>,
    /// Withdrawn by a curator (`retracted: true` in its claims file, with the reason in its
    /// note). A retracted claim keeps its citation, so `cite` still shows it and the numbers
    /// after it do not move, but it is evidence for nothing: the graph leaves it out.
    pub retracted: bool,
}

/// What a claim made from a dataset carries besides its first row: the dataset's record id, the
/// event's codes and scores, and the rows that reported the same event again.
///
/// For such a claim [`Claim::doc`] is the dataset's document, [`Claim::seq`] the 1-based line
/// of the event's first row, and [`Claim::quote`] that row, verbatim.
#[derive(Clone, Debug, PartialEq)]
pub struct Coded {
    /// The record's id in its dataset, e.g. ICEWS's `Event ID` or GDELT's `GLOBALEVENTID`.
    pub record: Box<str>,
    /// The event code as the dataset writes it: a CAMEO code (`0231`, leading zeros kept), a
    /// PLOVER event type, or `None` for an edge list.
    pub code: Option<Box<str>>,
    /// The Goldstein score of the code (GDELT) or the event's intensity (ICEWS), from -10
    /// (most hostile) to +10 (most cooperative).
    pub goldstein: Option<f32>,
    /// The quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4
    /// material conflict.
    pub quad: Option<u8>,
    /// A weight the dataset gives the tie or event, e.g. an edge list's `weight` column or
    /// UCDP's best estimate of deaths.
    pub weight: Option<f32>,
    /// Further rows that report the same event (same source, target, code and day), and
    /// GDELT Mentions rows, in file order; the first row is the claim's own quote.
    pub reports: Box<[Report]>,
}

/// A row of a dataset file that reports an event: where it is, so that it can be quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Report {
    /// The dataset file's document.
    pub doc: DocId,
    /// The row's 1-based line in that file.
    pub line: u32,
    /// Byte offset of the row in the document's text.
    pub start: u32,
    /// Length of the row in bytes, without its line ending.
    pub len: u32,
}

/// Where a claim's quote text lives. Most quotes occur in their document byte for byte, and
/// then the claim keeps only the span (8 bytes instead of a copy: at a million claims this is
/// most of the memory quotes take). A quote that matches only after normalising typography
/// (curly quotes, dashes, white space) keeps its own text, as the curator wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quote {
    /// The quote is the bytes `start..start + len` of the claim's document text, which is where it
    /// was found.
    Span {
        /// Byte offset of the quote in its document's [`Document::text`].
        start: u32,
        /// Length of the quote in bytes.
        len: u32,
    },
    /// The quote as the claims file writes it: it matches the document only after typography is
    /// normalised.
    Text(Box<str>),
}

impl Claim {
    /// The relation kind the claim asserts: its action's kind. The loader has checked that the kind
    /// written in the claims file agrees.
    pub fn kind(&self) -> RelationKind {
        self.action.kind()
    }

    /// The graph edges the claim contributes to, as `(from, other)` pairs: one for a bilateral
    /// claim, two (mediator to each party) for a mediation.
    pub fn links(&self) -> impl Iterator<Item = (ActorId, ActorId)> + '_ {
        let (a, b) = match self.target {
            Target::Actor(t) => (t, None),
            Target::Between(x, y) => (x, Some(y)),
        };
        std::iter::once((self.from, a)).chain(b.map(|b| (self.from, b)))
    }

    /// Whether the claim lets a directed walk go from `u` to `v`.
    ///
    /// Mutual claims go both ways; a directed claim goes from its `from` actor outwards; a
    /// mediation goes from the mediator to each party.
    pub fn goes(&self, u: ActorId, v: ActorId) -> bool {
        self.links()
            .any(|(x, y)| (x == u && y == v) || (self.mutual && x == v && y == u))
    }

    /// The parties of a mediation, if this is one.
    pub fn parties(&self) -> Option<(ActorId, ActorId)> {
        match self.target {
            Target::Between(a, b) => Some((a, b)),
            Target::Actor(_) => None,
        }
    }

    /// Whether the claim involves `actor` in any role.
    pub fn involves(&self, actor: ActorId) -> bool {
        self.from == actor
            || match self.target {
                Target::Actor(t) => t == actor,
                Target::Between(a, b) => a == actor || b == actor,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn e(s: &str) -> EventDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_date_form_parses_and_displays_as_written() {
        for s in [
            "2024",
            "2024-12",
            "2024-12-01",
            "2011/2024",
            "2024-11/2024-12-03",
            "before 2024-12",
            "after 2025-07",
            "unknown",
        ] {
            assert_eq!(e(s).to_string(), s);
        }
    }

    #[test]
    fn malformed_date_forms_are_rejected_with_the_forms_listed() {
        for s in [
            "",
            "2024/",
            "/2024",
            "before",
            "before ",
            "after 20",
            "2024/2011",
            "Unknown",
            "2024-12/2024-11",
            "circa 2024",
            "before 0000",
            "after 9999",
        ] {
            let err = s.parse::<EventDate>().unwrap_err().0;
            assert!(err.starts_with(&format!("malformed date '{s}'")), "{err}");
            assert!(
                err.ends_with("before DATE, after DATE, or unknown)"),
                "{err}"
            );
        }
        let reversed = "2024/2011".parse::<EventDate>().unwrap_err().0;
        assert!(
            reversed.contains("starts (2024) after it ends (2011)"),
            "{reversed}"
        );
        let day = "2026-02-29/2027".parse::<EventDate>().unwrap_err().0;
        assert!(day.contains("in '2026-02-29': day out of range"), "{day}");
    }

    #[test]
    fn a_range_may_start_and_end_in_the_same_period() {
        assert_eq!(e("2024/2024-03").earliest(), Some(d("2024-01-01")));
        assert_eq!(e("2024/2024-03").latest(), Some(d("2024-03-31")));
        assert!("2024-03/2024".parse::<EventDate>().is_ok());
    }

    #[test]
    fn earliest_and_latest_days_of_every_form() {
        let days = |s: &str| {
            let x = e(s);
            (
                x.earliest().map(|d| d.to_string()),
                x.latest().map(|d| d.to_string()),
            )
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(days("2024-02"), (some("2024-02-01"), some("2024-02-29")));
        assert_eq!(days("2011/2024"), (some("2011-01-01"), some("2024-12-31")));
        assert_eq!(days("before 2024-12"), (None, some("2024-11-30")));
        assert_eq!(days("before 2025"), (None, some("2024-12-31")));
        assert_eq!(days("after 2025-07"), (some("2025-08-01"), None));
        assert_eq!(days("after 2024-02-29"), (some("2024-03-01"), None));
        assert_eq!(days("unknown"), (None, None));
    }

    #[test]
    fn before_matches_since_only_up_to_its_last_possible_day() {
        assert!(e("before 2024-12").may_be_on_or_after(d("2024-11-30")));
        assert!(!e("before 2024-12").may_be_on_or_after(d("2024-12-01")));
        assert!(!e("before 2024-12").may_be_on_or_after(d("2025-01")));
        assert!(e("before 2024-12").may_be_on_or_before(d("1900")));
    }

    #[test]
    fn after_matches_until_only_from_its_first_possible_day() {
        assert!(!e("after 2025-07").may_be_on_or_before(d("2025-07-31")));
        assert!(e("after 2025-07").may_be_on_or_before(d("2025-08-01")));
        assert!(e("after 2025-07").may_be_on_or_before(d("2025-08")));
        assert!(e("after 2025-07").may_be_on_or_after(d("2100")));
    }

    #[test]
    fn a_range_matches_a_window_touching_either_end() {
        assert!(e("2011/2024").may_be_on_or_after(d("2024-12-31")));
        assert!(!e("2011/2024").may_be_on_or_after(d("2025")));
        assert!(e("2011/2024").may_be_on_or_before(d("2011-01-01")));
        assert!(!e("2011/2024").may_be_on_or_before(d("2010-12-31")));
    }

    #[test]
    fn an_unknown_date_may_fall_in_any_window() {
        assert!(e("unknown").may_be_on_or_after(d("9999")));
        assert!(e("unknown").may_be_on_or_before(d("0001")));
    }

    #[test]
    fn a_partial_date_matches_windows_as_before() {
        assert!(e("2026-02").may_be_on_or_after(d("2026-02-28")));
        assert!(!e("2026-02").may_be_on_or_after(d("2026-03")));
        assert!(e("2026-02").may_be_on_or_before(d("2026-02-01")));
        assert!(!e("2026-02").may_be_on_or_before(d("2026-01-31")));
    }

    #[test]
    fn only_on_dates_are_exact() {
        assert!(!e("2026").is_approximate());
        for s in ["2011/2024", "before 2024", "after 2024", "unknown"] {
            assert!(e(s).is_approximate(), "{s}");
        }
    }

    #[test]
    fn event_dates_order_by_earliest_then_latest_later_first_then_form() {
        let mut v: Vec<EventDate> = [
            "2026-02",
            "after 2025-12",
            "2026",
            "unknown",
            "before 2020",
            "2026/2027",
            "before 2024-12",
            "2025-12-31",
            "2026-01-01",
            "2026/2026",
        ]
        .map(e)
        .to_vec();
        v.sort();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            s,
            [
                "unknown",
                "before 2024-12",
                "before 2020",
                "2025-12-31",
                "after 2025-12",
                "2026/2027",
                "2026",
                "2026/2026",
                "2026-01-01",
                "2026-02",
            ]
        );
        // Equal only when equal: the order is total and agrees with `==`.
        for a in &v {
            for b in &v {
                assert_eq!(a.cmp(b) == std::cmp::Ordering::Equal, a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn recency_reads_the_latest_possible_day_with_unknown_oldest() {
        use std::cmp::Ordering::*;
        assert_eq!(e("unknown").cmp_recency(&e("before 1900")), Less);
        assert_eq!(e("after 2020").cmp_recency(&e("2026-02-06")), Greater);
        assert_eq!(e("2011/2024").cmp_recency(&e("2024-06")), Greater);
        assert_eq!(e("2026").cmp_recency(&e("2026-12")), Less);
        assert_eq!(e("2026-12").cmp_recency(&e("2026-12")), Equal);
    }

    #[test]
    fn labels_say_when_a_date_is_approximate_or_the_documents() {
        assert_eq!(
            e("before 2024-12").label(DateSource::Text),
            "before 2024-12"
        );
        assert_eq!(e("2011/2024").label(DateSource::Text), "2011/2024");
        assert_eq!(e("unknown").label(DateSource::Text), "date unknown");
        assert_eq!(
            e("2026-02").label(DateSource::Document),
            "2026-02 (doc date)"
        );
    }

    #[test]
    fn the_new_actions_have_their_kinds() {
        assert_eq!(Action::Concede.kind(), RelationKind::Cooperation);
        assert_eq!(Action::Retreat.kind(), RelationKind::Cooperation);
        assert_eq!(Action::Demand.kind(), RelationKind::Conflict);
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(*a as usize, i, "{a} is out of place in Action::ALL");
        }
    }

    #[test]
    fn partial_dates_order_by_first_day_then_precision() {
        let mut v = [d("2026-02-06"), d("2026"), d("2025-11"), d("2026-02")];
        v.sort();
        let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(s, ["2025-11", "2026", "2026-02", "2026-02-06"]);
    }

    #[test]
    fn partial_date_overlap_rules() {
        assert!(d("2026-02").may_be_on_or_after(d("2026-02-06")));
        assert!(!d("2026-01").may_be_on_or_after(d("2026-02-06")));
        assert!(d("2026").may_be_on_or_before(d("2025-12-31").max(d("2026-01-01"))));
        assert!(!d("2026-03").may_be_on_or_before(d("2026-02")));
    }

    #[test]
    fn ordinal_counts_days() {
        assert_eq!(d("2026-03-01").ordinal() - d("2026-02-01").ordinal(), 28);
        assert_eq!(d("2024-03-01").ordinal() - d("2024-02-01").ordinal(), 29);
        assert_eq!(d("2026-01-01").ordinal() - d("2025-01-01").ordinal(), 365);
    }

    #[test]
    fn every_action_has_one_kind_and_the_vocabulary_is_complete() {
        let coop = Action::ALL
            .iter()
            .filter(|a| a.kind() == RelationKind::Cooperation)
            .count();
        let conflict = Action::ALL
            .iter()
            .filter(|a| a.kind() == RelationKind::Conflict)
            .count();
        assert_eq!((coop, conflict), (8, 9));
        assert_eq!(Action::Mediate.kind(), RelationKind::Mediation);
    }

    #[test]
    fn certainty_order_is_strongest_first() {
        assert!(Certainty::Stated > Certainty::Reported);
        assert!(Certainty::Opinion > Certainty::Speculative);
        assert!(Certainty::Reported.at_least(Certainty::Alleged));
        assert!(!Certainty::Speculative.at_least(Certainty::Opinion));
    }
}
