//! Reading new text: the claims a document seems to make, proposed for a person to judge.
//!
//! [`propose`] splits a document into sentences, finds the actors each names (through the
//! names and aliases the database already resolves: case, accents, multi-word names,
//! possessives, demonyms listed as aliases), and for each pair of actors in a sentence proposes
//! a claim: a kind and action from the cue that relates them ([`lexicon::CUES`]), a direction
//! from the sentence's order and voice, a certainty from its hedges ([`lexicon::HEDGES`]) and
//! the document's genre, and a date from its words ([`dates::find`]) or the document's. A third
//! actor that hosts, brokers or carries messages between two makes a mediation. Every proposal
//! keeps its verbatim quote, the cue and hedge that shaped it, and a confidence, so a reviewer
//! sees why it was made. Capitalised names that recur but name no actor are listed as proposed
//! actors.
//!
//! Nothing here decides: proposals go to `claims/<id>.proposed.ron`, and only a reviewer moves
//! them into the accepted claims ([`crate::edit`]). [`score`] measures proposals against claims
//! a person coded.
//!
//! Invariants: pure functions of a [`Database`] and a text; no I/O, no network, no model
//! weights. A proposal's quote is a span of the document, so it always passes the loader's
//! quote check; its actors are the database's.

pub mod dates;
pub mod lexicon;
pub mod score;
pub mod words;

use std::ops::Range;

use crate::db::Database;
use crate::fx::{FxHashMap, FxHashSet};
use crate::model::{Action, ActorId, Certainty, DateSource, Genre, PartialDate, RelationKind};
use crate::store::ClaimRecord;
use lexicon::{Cue, Role, CUES, HEDGES};
use words::{Gazetteer, Mention, Word};

/// What `ingest` knows about the document besides its text.
#[derive(Clone, Debug)]
pub struct Meta {
    /// The document's id.
    pub id: String,
    /// What kind of writing it is; an opinion piece's unhedged judgements are opinion.
    pub genre: Genre,
    /// The publication date, for sentences that give none and days without a year.
    pub date: Option<PartialDate>,
}

/// One proposed claim and why it was proposed.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// The claim as it would be written in `claims/<id>.ron`.
    pub claim: ClaimRecord,
    /// The words of the sentence that made the proposal, e.g. `hosted talks between`.
    pub cue: String,
    /// How sure the proposer is, 0 to 1: the cue's strength, lowered by distance between the
    /// actors and the cue and by the number of actors in the sentence.
    pub confidence: f32,
    /// Why the kind, direction, certainty and date are what they are, in a line.
    pub why: String,
    /// The bytes of the sentence in the document.
    pub sentence: Range<usize>,
    /// A stable key of the proposal (its actors, action and quote), by which decisions on it are
    /// remembered across runs.
    pub key: String,
}

/// A capitalised name that recurs in the text and names no actor of the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedActor {
    /// The name as first written.
    pub name: String,
    /// How many times it occurs.
    pub count: usize,
    /// The 1-based line of its first occurrence.
    pub line: usize,
}

/// What [`propose`] found in a document.
#[derive(Clone, Debug, Default)]
pub struct Ingested {
    /// The proposed claims, in the order of the text.
    pub proposals: Vec<Proposal>,
    /// Recurring names that name no actor, most frequent first.
    pub actors: Vec<ProposedActor>,
    /// How many sentences the text has.
    pub sentences: usize,
    /// How many of them name two or more actors.
    pub with_pairs: usize,
    /// How many words the text has.
    pub words: usize,
}

/// A cue found in a sentence.
#[derive(Clone, Debug)]
struct Hit {
    cue: &'static Cue,
    /// First and one-past-last word.
    words: Range<usize>,
    /// Whether the verb is passive ("was struck by").
    passive: bool,
    /// The word that negates the cue, if one does ("will no longer help", "refusal ... of
    /// the talks", "not interfere").
    negated: Option<String>,
}

impl Hit {
    /// The action the cue proposes: its own, or, negated, the opposite kind's nearest act: a
    /// refused cooperation is a rejection, a renounced hostility a concession.
    fn action(&self) -> Action {
        match (&self.negated, self.cue.action.kind()) {
            (None, _) | (_, RelationKind::Mediation) => self.cue.action,
            (Some(_), RelationKind::Cooperation) => Action::Reject,
            (Some(_), RelationKind::Conflict) => Action::Concede,
        }
    }

    /// Whether the relation is two-sided: a negated one is what one side does.
    fn mutual(&self) -> bool {
        self.cue.mutual && self.negated.is_none()
    }
}

/// Words that negate the cue after them (within three words).
const NEGATORS: &[&str] = &[
    "not",
    "no",
    "never",
    "longer",
    "halt",
    "halted",
    "halts",
    "end",
    "ended",
    "ends",
    "stop",
    "stopped",
    "refusal",
    "refused",
    "refuses",
    "ignore",
    "ignored",
    "cancel",
    "cancelled",
    "canceled",
    "cancellation",
    "suspend",
    "suspended",
    "without",
];

/// A compiled pattern word.
#[derive(Clone, Debug)]
enum Pat {
    Word(&'static str),
    Prefix(&'static str),
    OneOf(Vec<&'static str>),
    Gap,
}

fn compile(pattern: &'static str) -> Vec<Pat> {
    pattern
        .split(' ')
        .map(|w| match w {
            "…" => Pat::Gap,
            w if w.contains('|') => Pat::OneOf(w.split('|').collect()),
            w => match w.strip_suffix('*') {
                Some(p) => Pat::Prefix(p),
                None => Pat::Word(w),
            },
        })
        .collect()
}

/// How many words may stand between a modal and the cue it weakens ("may also have been
/// guided").
const MODAL_REACH: usize = 4;

/// Pronouns that stand for the subject of the sentence before.
const PRONOUNS: &[&str] = &["he", "his", "she", "her", "it", "its", "they", "their"];

/// The subjects of the last sentence that named actors, for the pronouns of the next.
#[derive(Clone, Copy, Debug, Default)]
struct Prior {
    /// The first person it named.
    person: Option<ActorId>,
    /// The first other actor it named.
    other: Option<ActorId>,
}

/// The most actors a sentence may name for pairs the grammar does not link to be proposed.
const LOOSE: usize = 3;

/// How many words may stand between a cue and its subject.
const SUBJECT: usize = 12;

/// How many words may stand between a cue and its object.
const OBJECT: usize = 8;

/// How many words a `…` lets pass.
const GAP: usize = 6;

/// Where `pat` matches `words` starting at word `i`: one past its last word.
fn match_at(pat: &[Pat], words: &[Word], i: usize) -> Option<usize> {
    let fits = |p: &Pat, w: &Word| match p {
        Pat::Word(s) => w.folded == *s,
        Pat::Prefix(s) => w.folded.starts_with(s),
        Pat::OneOf(v) => v.contains(&w.folded.as_str()),
        Pat::Gap => true,
    };
    let mut at = i;
    let mut k = 0;
    while k < pat.len() {
        match &pat[k] {
            Pat::Gap => {
                let next = pat.get(k + 1)?;
                let end = (at + GAP + 1).min(words.len());
                at = (at..end).find(|&j| fits(next, &words[j]))? + 1;
                k += 2;
            }
            p => {
                if !fits(p, words.get(at)?) {
                    return None;
                }
                at += 1;
                k += 1;
            }
        }
    }
    Some(at)
}

/// The lexicons, compiled once.
struct Compiled {
    cues: Vec<(&'static Cue, Vec<Pat>)>,
    hedges: Vec<(&'static lexicon::Hedge, Vec<Pat>)>,
}

fn compiled() -> &'static Compiled {
    static C: std::sync::OnceLock<Compiled> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut cues: Vec<_> = CUES.iter().map(|c| (c, compile(c.pattern))).collect();
        // Longer patterns first, so that one word starts at most one cue, the most specific.
        cues.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
        let hedges = HEDGES.iter().map(|h| (h, compile(h.pattern))).collect();
        Compiled { cues, hedges }
    })
}

/// Words that, before a cue, make it passive: "was struck", "were attacked".
const BE: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

/// The cues of a sentence, left to right; words inside an actor's name are not cues (the
/// "Coordination" of the Shia Coordination Framework).
fn cues_in(words: &[Word], mentions: &[Mention]) -> Vec<Hit> {
    let c = compiled();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some(m) = mentions.iter().find(|m| m.words.contains(&i)) {
            i = m.words.end;
            continue;
        }
        let found = c
            .cues
            .iter()
            .find_map(|(cue, pat)| match_at(pat, words, i).map(|end| (*cue, end)));
        match found {
            Some((cue, end)) => {
                let before = i.checked_sub(1).map(|p| words[p].folded.as_str());
                let passive = cue.role == Role::Relation
                    && (before.is_some_and(|b| BE.contains(&b))
                        || words[end..(end + 1).min(words.len())]
                            .iter()
                            .any(|w| w.folded == "by"))
                    && !cue.mutual;
                let negated = words[i.saturating_sub(3)..i]
                    .iter()
                    .rev()
                    .find(|w| NEGATORS.contains(&w.folded.as_str()))
                    .map(|w| w.folded.clone());
                out.push(Hit {
                    cue,
                    words: i..end,
                    passive,
                    negated,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The weakest hedge that reaches the cue `hit` relating mentions `a` and `b`, with its words.
fn hedge_in(words: &[Word], hit: &Hit, speakers: &[Mention]) -> Option<(Certainty, String)> {
    let c = compiled();
    let mut best: Option<(Certainty, String)> = None;
    for i in 0..words.len() {
        if hit.words.contains(&i) {
            continue;
        }
        for (h, pat) in &c.hedges {
            let Some(end) = match_at(pat, words, i) else {
                continue;
            };
            let reaches = match h.reach {
                lexicon::Reach::Sentence => true,
                lexicon::Reach::Verb => {
                    end <= hit.words.start && hit.words.start - end <= MODAL_REACH
                }
                // "Erdogan said Turkey would ...": a party speaking on record.
                lexicon::Reach::Speech => !speakers
                    .iter()
                    .any(|m| m.words.end <= i && i - m.words.end <= 3),
            };
            let weaker = best
                .as_ref()
                .is_none_or(|(b, _)| hedge_rank(h.certainty) < hedge_rank(*b));
            if reaches && weaker {
                best = Some((h.certainty, h.pattern.trim_end_matches('*').to_string()));
            }
        }
    }
    best
}

/// How strongly a hedge weakens: a rumour beats an allegation beats an attribution.
fn hedge_rank(c: Certainty) -> u8 {
    match c {
        Certainty::Speculative => 0,
        Certainty::Opinion => 1,
        Certainty::Alleged => 2,
        Certainty::Reported => 3,
        Certainty::Coded | Certainty::Stated => 4,
    }
}

/// Proposes the claims of a document's text. `O(words × (cues + names))`; a 10,000-word
/// report takes milliseconds.
///
/// ```
/// use dyad::ingest::{propose, Meta};
/// use dyad::model::{Action, Genre};
/// let db = dyad::load_embedded().unwrap();
/// let text = "Azerbaijan hosted talks between Israel and Turkey on April 9, 2025.";
/// let meta = Meta { id: "new".into(), genre: Genre::News, date: None };
/// let found = propose(&db, text, &meta);
/// let mediation = &found.proposals[0].claim;
/// assert_eq!(mediation.action, Action::Mediate);
/// assert_eq!(mediation.from, "azerbaijan");
/// assert_eq!(mediation.date, "2025-04-09");
/// ```
pub fn propose(db: &Database, text: &str, meta: &Meta) -> Ingested {
    let gazetteer = Gazetteer::new(db);
    let mut out = Ingested::default();
    let mut unknown: FxHashMap<String, ProposedActor> = FxHashMap::default();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut context: Option<((ActorId, ActorId), usize)> = None;
    let mut prior = Prior::default();
    for sentence in crate::text::sentences(text) {
        out.sentences += 1;
        let words = words::words(text, sentence.clone());
        out.words += words.len();
        let mentions = gazetteer.mentions(&words);
        collect_unknown(text, &words, &mentions, &mut unknown);
        let mut mentions = heads(db, mentions);
        // A heading ("Israel-Turkey Relations: A Complicated History") asserts nothing.
        let heading = !text[sentence.clone()].ends_with(['.', '!', '?', '"', '”', ']', ')'])
            && words.len() <= HEADING;
        if heading {
            mentions.clear();
        }
        mentions.retain(|m| !attribution(&words, m));
        let distinct: FxHashSet<ActorId> = mentions.iter().map(|m| m.actor).collect();
        if context.is_some_and(|(_, at)| out.sentences - at > CONTEXT) {
            context = None;
        }
        let prior_here = prior;
        if !mentions.is_empty() {
            let person = |m: &&Mention| db.actor(m.actor).kind == crate::model::ActorKind::Person;
            prior = Prior {
                person: mentions.iter().find(person).map(|m| m.actor),
                other: mentions.iter().find(|m| !person(m)).map(|m| m.actor),
            };
        }
        let pronoun = words.iter().any(|w| PRONOUNS.contains(&w.folded.as_str()));
        if distinct.is_empty() || (distinct.len() < 2 && context.is_none() && !pronoun) {
            continue;
        }
        out.with_pairs += usize::from(distinct.len() >= 2);
        let cues = cues_in(&words, &mentions);
        let s = Sentence {
            db,
            text,
            range: sentence,
            words: &words,
            mentions: &mentions,
            cues: &cues,
            meta,
            context: context.map(|(pair, _)| pair),
            prior: prior_here,
        };
        let found = s.proposals();
        // The pair a text is about, for a later sentence's mediator: the parties of the most
        // confident talks, agreement or mediation, not of every tie.
        let id = |s: &str| db.names.get(s);
        let about = found
            .iter()
            .filter_map(|p| {
                let pair = match (&p.claim.to, &p.claim.between) {
                    (Some(to), _)
                        if p.claim.mutual
                            && matches!(p.claim.action, Action::Consult | Action::Agree) =>
                    {
                        id(&p.claim.from).zip(id(to))
                    }
                    (_, Some((a, b))) => id(a).zip(id(b)),
                    _ => None,
                };
                pair.map(|pair| (pair, p.confidence))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((pair, _)) = about {
            context = Some((pair, out.sentences));
        }
        for p in found {
            if seen.insert(p.key.clone()) {
                out.proposals.push(p);
            }
        }
    }
    let mut actors: Vec<ProposedActor> = unknown.into_values().filter(|a| a.count >= 2).collect();
    actors.sort_by(|a, b| b.count.cmp(&a.count).then(a.line.cmp(&b.line)));
    out.actors = actors;
    out
}

/// The most words a line without a full stop may have to be read as a heading.
const HEADING: usize = 10;

/// Whether a mention names the source of a report, not a party to it: "reports from Israel
/// and Turkey suggest", "according to Turkish Minute", "sources in Ankara".
fn attribution(words: &[Word], m: &Mention) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| words.get(i)).map(|w| w.folded.as_str());
    let before = m.words.start.checked_sub(1);
    let two_before = m.words.start.checked_sub(2);
    matches!(
        (at(two_before), at(before)),
        (
            Some("report" | "reports" | "sources" | "officials" | "media"),
            Some("from" | "in")
        ) | (Some("according"), Some("to"))
    )
}

/// How many sentences a pair of actors stays the subject a mediation may refer back to.
const CONTEXT: usize = 3;

/// How many words of title may stand between an actor and the person or body it qualifies
/// ("State of Law Coalition head and former Prime Minister Nouri al Maliki").
const TITLE: usize = 6;

/// Drops a mention that only qualifies the next one: "Turkish Foreign Minister Hakan Fidan"
/// names Fidan, who acts for Turkey, so the demonym is his title, not a second actor.
fn heads(db: &Database, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let qualifies = mentions.get(k + 1).is_some_and(|n| {
            n.words.start <= m.words.end + TITLE
                && n.actor != m.actor
                && ancestor(db, m.actor, n.actor)
        });
        if !qualifies {
            out.push(m.clone());
        }
    }
    out
}

/// Whether `b` acts for `a`, directly or through the body it acts for (a minister acts for
/// his ministry, which is part of the state). A component (`part_of`) is still a side of its
/// own: the SDF's claims about Syria are claims between two actors.
fn ancestor(db: &Database, a: ActorId, b: ActorId) -> bool {
    if a == b {
        return true;
    }
    let Some(mut x) = db.actor(b).acts_for else {
        return false;
    };
    loop {
        if x == a {
            return true;
        }
        match db.actor(x).parent() {
            Some(p) => x = p,
            None => return false,
        }
    }
}

/// Whether one of two actors acts for the other, so that a tie between them is not a claim
/// between two sides.
fn related(db: &Database, a: ActorId, b: ActorId) -> bool {
    ancestor(db, a, b) || ancestor(db, b, a)
}

/// Words that start sentences or name times and places of no actor, never proposed as actors.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "or",
    "if",
    "as",
    "after",
    "before",
    "since",
    "while",
    "when",
    "with",
    "by",
    "from",
    "of",
    "to",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "there",
    "however",
    "meanwhile",
    "also",
    "such",
    "some",
    "many",
    "all",
    "both",
    "what",
    "who",
    "why",
    "how",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "ms",
    "dr",
    "president",
    "minister",
    "foreign",
    "prime",
    "secretary",
    "general",
    "according",
    "read",
    "click",
    "source",
    "sources",
    "update",
];

/// Counts runs of capitalised words that name no actor, not counting a lone word at the start
/// of a sentence (which is capitalised anyway).
fn collect_unknown(
    text: &str,
    words: &[Word],
    mentions: &[Mention],
    unknown: &mut FxHashMap<String, ProposedActor>,
) {
    let named = |i: usize| mentions.iter().any(|m| m.words.contains(&i));
    let mut i = 0;
    while i < words.len() {
        let proper = |w: &Word| {
            w.capital
                && !w.folded.is_empty()
                && !NOT_NAMES.contains(&w.folded.as_str())
                && !crate::model::MONTH_NAMES.contains(&w.folded.as_str())
        };
        if named(i) || !proper(&words[i]) || words[i].folded.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < words.len() && !named(i) && proper(&words[i]) {
            i += 1;
        }
        if start == 0 && i == 1 {
            continue;
        }
        let span = words[start].range.start..words[i - 1].range.end;
        let name = &text[span.clone()];
        let key = crate::text::fold(name);
        let line = text[..span.start].matches('\n').count() + 1;
        unknown
            .entry(key)
            .and_modify(|a| a.count += 1)
            .or_insert_with(|| ProposedActor {
                name: name.to_string(),
                count: 1,
                line,
            });
    }
}

/// One sentence with what was found in it.
struct Sentence<'a> {
    db: &'a Database,
    text: &'a str,
    range: Range<usize>,
    words: &'a [Word],
    mentions: &'a [Mention],
    cues: &'a [Hit],
    meta: &'a Meta,
    /// The last pair of actors a recent sentence related, for a mediation whose parties the
    /// sentence leaves out.
    context: Option<(ActorId, ActorId)>,
    /// The subjects of the sentence before.
    prior: Prior,
}

impl Sentence<'_> {
    fn proposals(&self) -> Vec<Proposal> {
        let mut out = Vec::new();
        let mut mediated: Vec<(ActorId, ActorId, ActorId)> = Vec::new();
        for hit in self.cues.iter().filter(|h| h.cue.role != Role::Relation) {
            for p in self.mediation(hit) {
                if !mediated.contains(&p) {
                    mediated.push(p);
                    out.push(self.build(p.0, Party::Between(p.1, p.2), hit, false, 0));
                }
            }
        }
        // Each relation cue relates its subject (the actors named just before it, with those
        // listed with them) to its object (the actors named just after it): "Israel and Turkey
        // have initiated talks", "Iran had informed Turkey". The strongest cue wins a pair.
        let mut best: Vec<(ActorId, ActorId, &Hit, f32)> = Vec::new();
        for hit in self.cues.iter().filter(|h| h.cue.role == Role::Relation) {
            for (from, to, weight) in self.arguments(hit) {
                // A mediator's own ties to the parties are claims too ("Iran had informed
                // Turkey ... conveying to Tehran through Ankara"), when the grammar links them.
                if from == to || related(self.db, from, to) {
                    continue;
                }
                let score = hit.cue.strength * weight;
                // One proposal per pair and kind: a sentence may tell of a clash and of talks
                // between the same two ("had a brief confrontation ... come into conflict").
                let kind = hit.action().kind();
                match best.iter_mut().find(|(a, b, h, _)| {
                    ((*a, *b) == (from, to) || (*a, *b) == (to, from)) && h.action().kind() == kind
                }) {
                    Some(slot) if slot.3 >= score => {}
                    Some(slot) => *slot = (from, to, hit, score),
                    None => best.push((from, to, hit, score)),
                }
            }
        }
        let mut firsts: Vec<&Mention> = Vec::new();
        for m in self.mentions {
            if !firsts.iter().any(|f| f.actor == m.actor) {
                firsts.push(m);
            }
        }
        let others = firsts.len().saturating_sub(2);
        // In a short sentence, two actors the grammar does not link are still likely related
        // by its verb ("Iran's strike on al Udeid in Qatar"): proposed with the nearest cue, at
        // half the confidence, and said so.
        let mut loose: Vec<(ActorId, ActorId, &Hit)> = Vec::new();
        let place = |m: &Mention| {
            m.words.start > 0
                && matches!(
                    self.words[m.words.start - 1].folded.as_str(),
                    "in" | "across"
                )
        };
        firsts.retain(|m| !place(m));
        if firsts.len() <= LOOSE {
            for (x, a) in firsts.iter().enumerate() {
                for b in &firsts[x + 1..] {
                    let known = best.iter().any(|(p, q, _, _)| {
                        (*p, *q) == (a.actor, b.actor) || (*p, *q) == (b.actor, a.actor)
                    });
                    let mediator = mediated
                        .iter()
                        .any(|&(m, _, _)| m == a.actor || m == b.actor);
                    let apart = self.broken(a.words.end, b.words.start);
                    if known || mediator || apart || related(self.db, a.actor, b.actor) {
                        continue;
                    }
                    let nearest = self
                        .cues
                        .iter()
                        .filter(|h| {
                            h.cue.role == Role::Relation
                                && self.same_clause(a, h)
                                && self.same_clause(b, h)
                        })
                        .min_by_key(|h| distance(h, a, b));
                    if let Some(h) = nearest {
                        let (from, to) = if h.passive {
                            (b.actor, a.actor)
                        } else {
                            (a.actor, b.actor)
                        };
                        loose.push((from, to, h));
                    }
                }
            }
        }
        for (from, to, hit, _) in best {
            out.push(self.build(from, Party::To(to), hit, hit.mutual(), others));
        }
        for (from, to, hit) in loose {
            let mut p = self.build(from, Party::To(to), hit, hit.mutual(), others);
            p.confidence = (p.confidence * 50.0).round() / 100.0;
            p.why
                .push_str("; not linked by the grammar, only named in one sentence");
            out.push(p);
        }
        // Parties a mediator stands between are also in touch with each other.
        for &(_, p, q) in &mediated {
            let already = out.iter().any(|o| {
                o.claim.kind != RelationKind::Mediation
                    && ((o.claim.from == self.db.actor(p).id
                        && o.claim.to.as_deref() == Some(&self.db.actor(q).id))
                        || (o.claim.from == self.db.actor(q).id
                            && o.claim.to.as_deref() == Some(&self.db.actor(p).id)))
            });
            if !already {
                if let Some(hit) = self.cues.iter().find(|h| h.cue.role != Role::Relation) {
                    let talks = Hit {
                        cue: &TALKS,
                        words: hit.words.clone(),
                        passive: false,
                        negated: None,
                    };
                    out.push(self.build(p, Party::To(q), &talks, true, 0));
                }
            }
        }
        out
    }

    /// Two parties a mediator `m` may stand between: two other actors of the cue's clause,
    /// or, with `context`, the pair the text was last about.
    fn parties(&self, m: &Mention, hit: &Hit, context: bool) -> Option<(ActorId, ActorId)> {
        let mut v: Vec<ActorId> = Vec::new();
        for x in self.mentions.iter().filter(|x| self.same_clause(x, hit)) {
            if !related(self.db, m.actor, x.actor) && !v.contains(&x.actor) {
                v.push(x.actor);
            }
        }
        match v.as_slice() {
            [p, q, ..] => Some((*p, *q)),
            _ => self.context.filter(|&(p, q)| {
                context && !related(self.db, m.actor, p) && !related(self.db, m.actor, q)
            }),
        }
    }

    /// The mentions before a cue, in order.
    fn before(&self, hit: &Hit) -> Vec<&Mention> {
        self.mentions
            .iter()
            .filter(|m| m.words.end <= hit.words.start)
            .collect()
    }

    /// The mediators and parties a mediation cue relates: from the sentence, or, when it names
    /// the mediator but not both parties ("These discussions, held in Azerbaijan"), the pair
    /// the text was last about. Every actor listed with the mediator ("Egypt, along with
    /// Qatar and Oman, played a role behind the scenes") mediates too.
    fn mediation(&self, hit: &Hit) -> Vec<(ActorId, ActorId, ActorId)> {
        let before = self.before(hit);
        let after: Vec<&Mention> = self
            .mentions
            .iter()
            .filter(|m| m.words.start >= hit.words.end)
            .collect();
        let distinct = |ms: &[&Mention], not: &[ActorId]| -> Vec<ActorId> {
            let mut v: Vec<ActorId> = Vec::new();
            for m in ms {
                let excluded = not.iter().any(|&n| related(self.db, n, m.actor));
                if !excluded && !v.contains(&m.actor) {
                    v.push(m.actor);
                }
            }
            v
        };
        let two = |v: &[ActorId]| match v {
            [p, q, ..] => Some((*p, *q)),
            _ => None,
        };
        let found = match hit.cue.role {
            Role::Mediator => {
                let one_list = before.first().is_some_and(|f| {
                    before
                        .iter()
                        .all(|m| self.listed_with(f).contains(&m.actor))
                });
                if let Some(m) = before.last().filter(|_| after.len() >= 2) {
                    two(&distinct(&after, &[m.actor])).map(|(p, q)| (*m, p, q))
                } else if one_list && after.is_empty() {
                    // "Egypt, along with Qatar and Oman, played a role behind the scenes": the
                    // listed actors mediate between the pair the text is about.
                    let m = before[0];
                    let outside = |&(p, q): &(ActorId, ActorId)| {
                        before
                            .iter()
                            .all(|x| !related(self.db, x.actor, p) && !related(self.db, x.actor, q))
                    };
                    self.context.filter(outside).map(|(p, q)| (m, p, q))
                } else if let Some((m, p, q)) = self.pair_and_mediator(&before) {
                    // "Russia held the hands of Erdogan and Assad to mend relations", "beyond
                    // Israel and Turkey, with the United States emerging as a mediator": a
                    // pair named together, and the nearest other actor before the cue.
                    Some((m, p, q))
                } else if before.len() >= 3 && after.is_empty() {
                    // "Russia held the hands of Erdogan and Assad to mend relations": the
                    // clause's first actor stands between the next two.
                    let m = before[0];
                    two(&distinct(&before[1..], &[m.actor])).map(|(p, q)| (m, p, q))
                } else {
                    let m = before.last().or(after.first());
                    m.and_then(|m| self.parties(m, hit, true).map(|(p, q)| (*m, p, q)))
                }
            }
            Role::Venue | Role::Channel => {
                if hit.cue.role == Role::Channel {
                    // Only a message or talks pass through an actor: "conveyed ... through Ankara".
                    let talk = self.cues.iter().any(|h| {
                        h.cue.role == Role::Relation
                            && matches!(h.cue.action, Action::Consult | Action::Request)
                    });
                    if !talk {
                        return Vec::new();
                    }
                }
                let Some(m) = after.first().filter(|m| m.words.start <= hit.words.end + 1) else {
                    return Vec::new();
                };
                self.parties(m, hit, hit.cue.role == Role::Venue)
                    .map(|(p, q)| (*m, p, q))
            }
            Role::Relation => None,
        };
        let Some((m, p, q)) = found else {
            return Vec::new();
        };
        if related(self.db, p, q) {
            return Vec::new();
        }
        // Talks among three or more listed parties ("US, Ukrainian and Russian delegations
        // continued trilateral talks in Abu Dhabi"): the host stands between each two.
        let mut pairs = vec![(p, q)];
        if hit.cue.role == Role::Venue {
            if let Some(pm) = self.mentions.iter().find(|x| x.actor == p) {
                let list = self.listed_with(pm);
                if list.len() >= 3 && list.contains(&q) {
                    pairs.clear();
                    for (i, a) in list.iter().enumerate() {
                        for b in &list[i + 1..] {
                            pairs.push((*a, *b));
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        for x in self.listed_with(m) {
            for &(p, q) in &pairs {
                if !related(self.db, x, p) && !related(self.db, x, q) && !related(self.db, p, q) {
                    out.push((x, p, q));
                }
            }
        }
        out
    }

    /// A pair of actors named together ("Erdogan and Assad") and the nearest mention of
    /// another actor among `before`, which stands between them.
    fn pair_and_mediator<'m>(
        &self,
        before: &[&'m Mention],
    ) -> Option<(&'m Mention, ActorId, ActorId)> {
        let pair = self
            .mentions
            .iter()
            .map(|x| self.listed_with(x))
            .find(|l| l.len() == 2)?;
        let m = before.iter().rev().find(|x| !pair.contains(&x.actor))?;
        (!related(self.db, pair[0], pair[1])).then_some((*m, pair[0], pair[1]))
    }

    /// `m`'s actor and the actors listed with it: mentions next to each other with only "and",
    /// "or", "along with", "as well as" or commas between them.
    fn listed_with(&self, m: &Mention) -> Vec<ActorId> {
        const JOINS: &[&str] = &["and", "or", "along", "with", "as", "well", "together"];
        let k = self
            .mentions
            .iter()
            .position(|x| x == m)
            .expect("a mention of the sentence");
        // Between the names, only joining words, or a title in capitals after "and" ("Hakan
        // Fidan and Iranian Foreign Minister Abbas Araghchi").
        let joined = |a: &Mention, b: &Mention| {
            let gap = &self.words[a.words.end..b.words.start];
            let joins = |w: &Word| JOINS.contains(&w.folded.as_str());
            let title = gap.first().is_some_and(|w| w.folded == "and")
                && gap[1..].iter().all(|w| w.capital)
                && gap.len() <= 1 + TITLE;
            (gap.iter().all(joins) && gap.len() <= 3) || title
        };
        let (mut lo, mut hi) = (k, k);
        while lo > 0 && joined(&self.mentions[lo - 1], &self.mentions[lo]) {
            lo -= 1;
        }
        while hi + 1 < self.mentions.len() && joined(&self.mentions[hi], &self.mentions[hi + 1]) {
            hi += 1;
        }
        let mut out: Vec<ActorId> = Vec::new();
        for x in &self.mentions[lo..=hi] {
            if !out.contains(&x.actor) {
                out.push(x.actor);
            }
        }
        out
    }

    /// The pairs a relation cue relates, each `(from, to, weight)`: its subject list to its
    /// object list (reversed in the passive), or, for a two-sided cue with only one side named
    /// ("talks between Iran and the US", "Israel and Turkey agreed"), the actors of that list
    /// with each other. The weight falls with the words between the actors and the cue.
    fn arguments(&self, hit: &Hit) -> Vec<(ActorId, ActorId, f32)> {
        let before: Vec<&Mention> = self
            .before(hit)
            .into_iter()
            .filter(|m| {
                hit.words.start - m.words.end <= SUBJECT
                    && !self.broken(m.words.end, hit.words.start)
            })
            .collect();
        let mut subject = before.last().copied();
        // An actor named after "in" or "across" is a place ("talks aimed at ... in Syria").
        let place = |m: &&Mention| {
            m.words.start > 0
                && matches!(
                    self.words[m.words.start - 1].folded.as_str(),
                    "in" | "across"
                )
        };
        let mut object = self
            .mentions
            .iter()
            .filter(|m| !place(m))
            .find(|m| m.words.start >= hit.words.end)
            .filter(|m| {
                m.words.start - hit.words.end <= OBJECT
                    && !self.broken(hit.words.end, m.words.start)
            });
        let mut owner = false;
        // "Azerbaijan's allies": a possessive just before the cue is its object, and the
        // subject is named before it ("Turkiye and Israel are Azerbaijan's allies").
        if let Some(s) = subject {
            let possessive = self.words[s.words.end - 1].bare.is_some();
            let other_before = before
                .iter()
                .any(|m| !self.listed_with(s).contains(&m.actor));
            if possessive && hit.words.start - s.words.end <= 2 && other_before {
                owner = true;
                object = Some(s);
                subject = before
                    .iter()
                    .rev()
                    .find(|m| !self.listed_with(s).contains(&m.actor))
                    .copied();
            }
        }
        // "talks between A and B", "cooperation between the CIA, Mossad and MIT": the actors
        // after "between" relate to each other, whoever is named before.
        let between = self.words[hit.words.end..(hit.words.end + OBJECT).min(self.words.len())]
            .iter()
            .position(|w| w.folded == "between")
            .map(|k| hit.words.end + k);
        if let Some(k) = between.filter(|_| hit.cue.mutual) {
            if let Some(o) = self
                .mentions
                .iter()
                .find(|m| m.words.start > k && m.words.start - k <= 4)
            {
                if self.listed_with(o).len() >= 2 {
                    subject = None;
                    object = Some(o);
                }
            }
        }
        let list = |m: &Mention| self.listed_with(m);
        let near = |m: &Mention| {
            let d = if m.words.end <= hit.words.start {
                hit.words.start - m.words.end
            } else {
                m.words.start.saturating_sub(hit.words.end)
            };
            1.0 / (1.0 + 0.05 * d as f32)
        };
        let mut out = Vec::new();
        // The sentence's first actor is often the subject of every verb in it ("Turkey, which
        // has long backed the opposition, struck the SDF").
        let head = self.mentions.first().filter(|m| {
            m.words.end <= hit.words.start
                && Some(*m) != subject
                && !self.broken(m.words.end, hit.words.start)
        });
        // "Israel and Turkey have initiated talks aimed at ... in Syria": two-sided acts of a
        // listed subject are between its members.
        if let Some(s) =
            subject.filter(|s| hit.cue.mutual && !owner && self.listed_with(s).len() >= 2)
        {
            let with = object.is_some_and(|o| {
                o.words.start > 0
                    && matches!(
                        self.words[o.words.start - 1].folded.as_str(),
                        "with" | "between"
                    )
            });
            if !with {
                object = None;
                subject = Some(s);
            }
        }
        match (subject, object) {
            (Some(s), Some(o)) => {
                let w = near(s) * near(o);
                let mut subjects: Vec<(ActorId, f32)> =
                    list(s).into_iter().map(|a| (a, w)).collect();
                if let Some(h) = head {
                    subjects.extend(list(h).into_iter().map(|a| (a, 0.7 * near(h) * near(o))));
                }
                for (a, w) in subjects {
                    for b in list(o) {
                        out.push(if hit.passive { (b, a, w) } else { (a, b, w) });
                    }
                }
            }
            (Some(one), None) | (None, Some(one)) if hit.cue.mutual => {
                let l = list(one);
                for (i, a) in l.iter().enumerate() {
                    for b in &l[i + 1..] {
                        out.push((*a, *b, near(one)));
                    }
                }
            }
            (None, Some(o)) => {
                // "He met Araghchi", "its strike on Israel": a pronoun before the cue stands
                // for the subject of the sentence before.
                let pronoun = self.words[..hit.words.start]
                    .iter()
                    .enumerate()
                    .rev()
                    .take(SUBJECT)
                    .find(|(_, w)| PRONOUNS.contains(&w.folded.as_str()));
                if let Some((k, w)) = pronoun.filter(|(k, _)| !self.broken(k + 1, hit.words.start))
                {
                    let person = matches!(w.folded.as_str(), "he" | "his" | "she" | "her");
                    let prior = if person {
                        self.prior.person
                    } else {
                        self.prior.other
                    };
                    if let Some(a) = prior {
                        let d = hit.words.start - (k + 1);
                        let w = 0.8 / (1.0 + 0.05 * d as f32) * near(o);
                        for b in list(o) {
                            out.push(if hit.passive { (b, a, w) } else { (a, b, w) });
                        }
                    }
                }
            }
            _ => {}
        }
        out
    }

    /// Whether a mention and a cue are in one clause.
    fn same_clause(&self, m: &Mention, hit: &Hit) -> bool {
        if m.words.end <= hit.words.start {
            !self.broken(m.words.end, hit.words.start)
        } else {
            !self.broken(hit.words.end, m.words.start)
        }
    }

    /// Whether the text between words `a` and `b` breaks the clause: a semicolon, colon or
    /// dash. (Brackets do not: "US Central Command (CENTCOM) announced" keeps its subject.)
    fn broken(&self, a: usize, b: usize) -> bool {
        if a == 0 || b >= self.words.len() || a > b {
            return false;
        }
        let gap = &self.text[self.words[a - 1].range.end..self.words[b].range.start];
        gap.contains([';', ':', '—', '–'])
    }

    fn build(
        &self,
        from: ActorId,
        party: Party,
        hit: &Hit,
        mutual: bool,
        others: usize,
    ) -> Proposal {
        let db = self.db;
        let id = |a: ActorId| db.actor(a).id.clone();
        let (kind, to, between) = match party {
            Party::To(t) => (hit.action().kind(), Some(id(t)), None),
            Party::Between(p, q) => (RelationKind::Mediation, None, Some((id(p), id(q)))),
        };
        let mut why = vec![format!("cue “{}”: {}", self.cue_words(hit), hit.action())];
        if let Some(n) = &hit.negated {
            why.push(format!("negated by “{n}”"));
        }
        if mutual {
            why.push("mutual".into());
        }
        if hit.passive {
            why.push("passive voice".into());
        }
        let (certainty, hedge) = self.certainty(hit, &self.actors_of(from, &party));
        why.push(match &hedge {
            Some(h) => format!("“{h}”: {certainty}"),
            None => format!("{certainty}"),
        });
        let (date, date_from) = match dates::find(self.text, self.words, self.meta.date) {
            Some(f) => {
                why.push(format!("date “{}”", f.words));
                (f.date, DateSource::Text)
            }
            None => match self.meta.date {
                Some(d) => {
                    why.push("date of the document".into());
                    (d.to_string(), DateSource::Document)
                }
                None => ("unknown".to_string(), DateSource::Text),
            },
        };
        let quote = self.text[self.quote_span(hit, &self.actors_of(from, &party))].to_string();
        let crowd = 1.0 / (1.0 + 0.15 * others as f32);
        let confidence = (hit.cue.strength * crowd * 100.0).round() / 100.0;
        let claim = ClaimRecord {
            retracted: false,
            from: id(from),
            to,
            kind,
            between,
            action: hit.action(),
            mutual,
            date,
            date_from,
            certainty,
            quote,
            note: None,
        };
        let key = key(&claim);
        Proposal {
            claim,
            cue: self.cue_words(hit),
            confidence,
            why: why.join("; "),
            sentence: self.range.clone(),
            key,
        }
    }

    /// Whether the cue is told in the past: a verb in `-ed` or an irregular past, or one of
    /// those or "had", "has", "have", "was", "were" just before it ("reached an agreement").
    fn past(&self, hit: &Hit) -> bool {
        const IRREGULAR: &[&str] = &[
            "met", "struck", "fought", "sold", "held", "made", "took", "led", "sent", "gave",
            "told", "said", "spoke", "threw", "shot", "hit", "won", "lost", "sought", "brought",
        ];
        const AUX: &[&str] = &["had", "has", "have", "was", "were", "did"];
        // A participle after its noun ("actors supported by Washington") describes; it does
        // not tell an event.
        if hit.passive {
            return false;
        }
        let past = |w: &str| w.ends_with("ed") || IRREGULAR.contains(&w);
        let start = hit.words.start;
        past(&self.words[start].folded)
            || self.words[start.saturating_sub(2)..start]
                .iter()
                .any(|w| past(&w.folded) || AUX.contains(&w.folded.as_str()))
    }

    /// The part of the sentence a proposal quotes: the clause or clauses that hold its cue and
    /// the nearest mention of each of its actors, between semicolons, colons, dashes or
    /// brackets; the whole sentence when nothing divides it. Commas do not divide, so a list
    /// of actors stays whole.
    fn quote_span(&self, hit: &Hit, actors: &[&Mention]) -> Range<usize> {
        let cue = self.words[hit.words.start].range.start..self.words[hit.words.end - 1].range.end;
        let (mut lo, mut hi) = (cue.start, cue.end);
        let mut nearest: Vec<&Mention> = Vec::new();
        for m in actors {
            let d = |x: &Mention| x.range.start.abs_diff(cue.start);
            match nearest.iter_mut().find(|n| n.actor == m.actor) {
                Some(n) if d(m) < d(n) => *n = m,
                Some(_) => {}
                None => nearest.push(m),
            }
        }
        for m in nearest {
            lo = lo.min(m.range.start);
            hi = hi.max(m.range.end);
        }
        const BREAKS: [char; 6] = [';', ':', '—', '–', '(', ')'];
        let start = self.text[self.range.start..lo]
            .rfind(BREAKS)
            .map_or(self.range.start, |i| {
                let at = self.range.start + i;
                at + self.text[at..].chars().next().map_or(1, char::len_utf8)
            });
        let end = self.text[hi..self.range.end]
            .find(BREAKS)
            .map_or(self.range.end, |i| hi + i);
        let piece = &self.text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        start + lead..end - trail
    }

    /// The mentions of the actors a proposal relates.
    fn actors_of(&self, from: ActorId, party: &Party) -> Vec<&Mention> {
        let ids = match *party {
            Party::To(t) => vec![from, t],
            Party::Between(p, q) => vec![from, p, q],
        };
        self.mentions
            .iter()
            .filter(|m| ids.contains(&m.actor))
            .collect()
    }

    fn cue_words(&self, hit: &Hit) -> String {
        let w = &self.words[hit.words.clone()];
        self.text[w[0].range.start..w[w.len() - 1].range.end].to_string()
    }

    /// The certainty of the sentence's claims: its weakest hedge, else opinion in an opinion
    /// piece and stated elsewhere. An accusation's own cue is the act, not a hedge on it.
    fn certainty(&self, hit: &Hit, actors: &[&Mention]) -> (Certainty, Option<String>) {
        // A party speaks on record: one of the claim's actors, or one who acts for one
        // ("Araghchi warned that Iran ..."); anyone else saying so reports it.
        let speakers: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| actors.iter().any(|a| related(self.db, a.actor, m.actor)))
            .cloned()
            .collect();
        match hedge_in(self.words, hit, &speakers) {
            Some((c, h)) => (c, Some(h)),
            // In an opinion piece, an event told in the past tense or dated is reported as
            // fact; the rest is the author's reading.
            None if self.meta.genre == Genre::Opinion
                && dates::find(self.text, self.words, self.meta.date).is_none()
                && !self.past(hit) =>
            {
                (Certainty::Opinion, None)
            }
            None => (Certainty::Stated, None),
        }
    }
}

/// The cue a mediation lends the talks between its parties.
static TALKS: Cue = Cue {
    pattern: "talks",
    action: Action::Consult,
    mutual: true,
    role: Role::Relation,
    strength: 0.6,
};

/// Who a proposal is about besides its actor.
enum Party {
    To(ActorId),
    Between(ActorId, ActorId),
}

/// Words between a cue and the nearer of two mentions; 0 when the cue lies between them.
fn distance(h: &Hit, a: &Mention, b: &Mention) -> usize {
    let lo = a.words.start.min(b.words.start);
    let hi = a.words.end.max(b.words.end);
    if h.words.end <= lo {
        lo - h.words.end
    } else {
        h.words.start.saturating_sub(hi)
    }
}

/// A claim's key: its actors, action and quote, hashed. Two runs of `ingest` on one text give
/// a proposal the same key, so a rejection is remembered.
pub fn key(c: &ClaimRecord) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = crate::fx::FxHasher::default();
    c.from.hash(&mut h);
    c.to.hash(&mut h);
    c.between.hash(&mut h);
    c.action.as_str().hash(&mut h);
    crate::text::normalize_quote(&c.quote).hash(&mut h);
    format!("{:016x}", h.finish())
}
