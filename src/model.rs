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
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl DocId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl ClaimId {
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
    pub const ALL: [ActorKind; 7] = [
        ActorKind::State,
        ActorKind::Agency,
        ActorKind::ArmedGroup,
        ActorKind::PoliticalGroup,
        ActorKind::Person,
        ActorKind::InternationalOrg,
        ActorKind::Other,
    ];

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
    Cooperation,
    Conflict,
    /// A third party between two others: hosting talks, carrying messages, brokering.
    Mediation,
}

impl RelationKind {
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Cooperation,
        RelationKind::Conflict,
        RelationKind::Mediation,
    ];

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
    pub const ALL: KindSet = KindSet(0b111);
    pub const NONE: KindSet = KindSet(0);

    pub fn only(kind: RelationKind) -> Self {
        KindSet(kind.bit())
    }
    pub fn with(self, kind: RelationKind) -> Self {
        KindSet(self.0 | kind.bit())
    }
    pub fn contains(self, kind: RelationKind) -> bool {
        self.0 & kind.bit() != 0
    }
    pub fn is_all(self) -> bool {
        self == KindSet::ALL
    }
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
    Agree,
    Consult,
    Support,
    Cooperate,
    Aid,
    Request,
    Concede,
    Retreat,
    // Conflict.
    Demand,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    // Mediation.
    Mediate,
}

impl Action {
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
    /// Presented as an accusation or allegation.
    Alleged,
    /// The author's or a quoted commentator's own judgement, asserted without sourcing.
    Opinion,
    /// Rumour, possibility or forecast: "rumors", "may have", "likely", "could".
    Speculative,
}

impl Certainty {
    pub const ALL: [Certainty; 5] = [
        Certainty::Stated,
        Certainty::Reported,
        Certainty::Alleged,
        Certainty::Opinion,
        Certainty::Speculative,
    ];

    /// Higher is firmer.
    pub fn rank(self) -> u8 {
        match self {
            Certainty::Stated => 4,
            Certainty::Reported => 3,
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
            Certainty::Alleged => 0.5,
            Certainty::Opinion => 0.4,
            Certainty::Speculative => 0.25,
        }
    }

    /// Whether this certainty is at least as firm as `min`.
    pub fn at_least(self, min: Certainty) -> bool {
        self.rank() >= min.rank()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Stated => "stated",
            Certainty::Reported => "reported",
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
    News,
    Analysis,
    Opinion,
}

impl Genre {
    pub fn as_str(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Analysis => "analysis",
            Genre::Opinion => "opinion",
        }
    }
}

/// A calendar date known to the year, the month or the day, as sources give them.
///
/// Ordered by the first day it could denote, then by precision (coarser first), so `2026` sorts
/// before `2026-01` before `2026-01-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
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

/// An actor: a node of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    /// Stable short id, e.g. `hakan_fidan`.
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Every other spelling sources use.
    pub aliases: Vec<String>,
    /// The larger actor this one is a component of (the YPG is part of the SDF).
    pub part_of: Option<ActorId>,
    /// The actor this one acts for (Hakan Fidan acts for Turkey).
    pub acts_for: Option<ActorId>,
    pub description: Option<String>,
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
    pub id: String,
    /// The path as written in `documents.ron`, relative to the database directory.
    pub file: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    pub genre: Genre,
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
    pub target: Target,
    pub action: Action,
    /// Two-sided (talks, agreements) rather than directed from `from`.
    pub mutual: bool,
    pub date: PartialDate,
    pub certainty: Certainty,
    pub doc: DocId,
    /// The claim's 1-based position in its document's claims file; `doc#seq` cites it.
    pub seq: u32,
    /// Verbatim from the document; read it with `Database::quote`.
    pub quote: Quote,
    pub note: Option<Box<str>>,
}

/// Where a claim's quote text lives. Most quotes occur in their document byte for byte, and
/// then the claim keeps only the span (8 bytes instead of a copy: at a million claims this is
/// most of the memory quotes take). A quote that matches only after normalising typography
/// (curly quotes, dashes, white space) keeps its own text, as the curator wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Quote {
    Span { start: u32, len: u32 },
    Text(Box<str>),
}

impl Claim {
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
