//! Answering queries: resolve names, run the algorithms, and assemble each answer as plain data.
//!
//! Answers know nothing of how they will be shown. They serialise to the JSON that
//! `--format json` prints (the shape is documented in README.md, pinned by the golden files
//! under `tests/golden/`, and kept stable), and [`crate::render`] turns them into text.
//!
//! This module holds what every answer shares — [`Answer`], [`QueryError`], the views of an
//! actor ([`ActorRef`]) and of a claim ([`ClaimView`]), and the context that binds names,
//! builds filters and picks the strongest claim — and one file per query with its answer type
//! and the method that computes it.
//!
//! Answering must not do I/O, print, or know about terminals, widths or formats; it reads the
//! database and the algorithms in [`crate::graph::algo`] and nothing above it.
//!
//! A query can be stopped ([`answer_within`] with a [`Cancel`] token): the algorithms that can
//! run long check the token, and so do the answers' own loops over many edges or claims
//! (`contested` over the whole graph, `stats`, `mediators`, the rings of `neighbors`). A stopped
//! query is an [`AnswerError::Stopped`], never an answer built from part of the work. Answers
//! whose work is one linear pass over one actor's claims (`show`, `evidence`, `cite`) or over
//! the name index (`find`) do not check.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::cancel::{Cancel, Stopped, Ticker};
use crate::db::Database;
use crate::graph::algo::Walker;
use crate::graph::Filter;
use crate::model::{
    Action, ActorId, ActorKind, Certainty, ClaimId, DateSource, Genre, KindSet, RelationKind,
    Target,
};
use crate::query::{Names, Opts, Query};

mod central;
mod cite;
mod contested;
mod documents;
mod evidence;
mod find;
mod help;
mod mediators;
mod neighbors;
mod path;
mod show;
mod stats;

pub use central::{
    CentralAnswer, CentralEntry, DEFAULT_SAMPLE, DEFAULT_SEED, EXACT_BETWEENNESS_LIMIT,
};
pub use cite::{CiteAnswer, ReportView};
pub use contested::{ContestedAnswer, ContestedPair, DEFAULT_PAIRS};
pub use documents::{DocumentView, DocumentsAnswer, KindClaims, DEFAULT_DOCUMENTS};
pub use evidence::{EvidenceAnswer, DEFAULT_CLAIMS};
pub use find::{FindAnswer, FoundActor, DEFAULT_MATCHES};
pub use help::{help, HelpAnswer};
pub use mediators::{
    Broker, MediatorsAnswer, SourcedMediator, TieView, DEFAULT_ADVERSARIES, DEFAULT_BROKERS,
    DEFAULT_SOURCED,
};
pub use neighbors::{Neighbor, NeighborsAnswer, Relation, Ring, DEFAULT_NEIGHBORS};
pub use path::{HopView, KindCount, PathAnswer, PathSearch, PathView, MAX_LISTED_PATHS};
pub use show::{ActorCard, Counterpart, KindTally};
pub use stats::{Connected, StatsAnswer};

/// A query that could not be answered: an unknown name, a wrong number of actors, a bad option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryError {
    /// What went wrong, in one sentence, e.g. `no actor 'Turky' — did you mean Turkey?`.
    pub message: String,
    /// Where in the line the problem is (1-based), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// A suggestion for a fix, e.g. how to quote a multi-word name; absent from the JSON when there
    /// is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl QueryError {
    fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
            column: None,
            help: None,
        }
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    fn at(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

impl From<Stopped> for QueryError {
    /// A stopped query as a query error, for front ends that print every failure alike: the
    /// message says what stopped it.
    fn from(e: Stopped) -> Self {
        let e0 = QueryError::new(e.to_string());
        match e {
            Stopped::Cancelled => e0,
            Stopped::TimedOut(_) => e0.help(
                "no partial answer is shown; ask for less (a smaller `k`, `max N`, `depth N`, `sample N`) or allow more time",
            ),
        }
    }
}

impl From<AnswerError> for QueryError {
    fn from(e: AnswerError) -> Self {
        match e {
            AnswerError::Query(q) => q,
            AnswerError::Stopped(s) => s.into(),
        }
    }
}

/// Why a query has no answer: it was wrong, or it was stopped before it finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    /// The query cannot be answered as asked: an unknown name, a bad option.
    Query(QueryError),
    /// The query's token was tripped or its deadline passed; nothing partial is returned.
    Stopped(Stopped),
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::Query(e) => e.fmt(f),
            AnswerError::Stopped(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AnswerError {}

impl From<QueryError> for AnswerError {
    fn from(e: QueryError) -> Self {
        AnswerError::Query(e)
    }
}

impl From<Stopped> for AnswerError {
    fn from(e: Stopped) -> Self {
        AnswerError::Stopped(e)
    }
}

impl From<crate::query::ParseError> for QueryError {
    fn from(e: crate::query::ParseError) -> Self {
        QueryError {
            message: e.message,
            column: Some(e.column),
            help: e.help,
        }
    }
}

/// An actor as answers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    /// The actor's stable short id, e.g. `hakan_fidan`: what to type to name it unambiguously.
    pub id: String,
    /// The actor's display name, e.g. `Hakan Fidan`.
    pub name: String,
    /// What sort of actor it is, in snake case: `state`, `agency`, `armed_group`,
    /// `political_group`, `person`, `international_org` or `other`.
    pub kind: ActorKind,
    /// The actor's handle in the database, for exports and library callers; not in the JSON.
    #[serde(skip)]
    pub actor: ActorId,
}

/// A claim with its evidence, as answers show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimView {
    /// `document#n`: the n-th claim of the document's claims file.
    pub cite: String,
    /// The acting actor; for a mediation, the mediator.
    pub from: ActorRef,
    /// For cooperation and conflict, the other actor; absent from the JSON for a mediation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<ActorRef>,
    /// For a mediation, its two parties, in the order the claims file gives them; absent from the
    /// JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<[ActorRef; 2]>,
    /// The relation kind the claim asserts, given by its action: `cooperation`, `conflict` or
    /// `mediation`.
    pub kind: RelationKind,
    /// What `from` did, from the action vocabulary, e.g. `CONSULT` or `MEDIATE`.
    pub action: Action,
    /// `true` when the relation is two-sided (talks, agreements); `false` when `from` acts on the
    /// other side.
    pub mutual: bool,
    /// The date in its written form (see [`crate::model::EventDate`]).
    pub date: String,
    /// `"document"` when the date is the document's; left out when the text gives it.
    #[serde(skip_serializing_if = "DateSource::is_text")]
    pub date_from: DateSource,
    /// The date as text shows it, approximate dates as such (see
    /// [`crate::model::EventDate::label`]).
    #[serde(skip)]
    pub date_label: String,
    /// How firmly the document asserts the claim: `stated`, `reported`, `alleged`, `opinion` or
    /// `speculative`.
    pub certainty: Certainty,
    /// The id of the document the claim cites, e.g. `ankara_channel`.
    pub document: String,
    /// The words of the document that support the claim, verbatim.
    pub quote: String,
    /// The curator's gloss on the claim; absent from the JSON when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a claim made from a dataset, the row it comes from and the event's codes; absent
    /// from the JSON for a curated claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<RowView>,
    /// The claim's handle in the database, for exports and library callers; not in the JSON.
    #[serde(skip)]
    pub claim: ClaimId,
}

/// Where a dataset claim comes from: its file, line and record, and the event's codes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowView {
    /// The dataset file, as `datasets.ron` names it, e.g. `datasets/events.2018.sample.tab`.
    pub file: String,
    /// The 1-based line of the event's first row.
    pub line: u32,
    /// The record's id in the dataset, e.g. ICEWS's Event ID.
    pub record: String,
    /// The event code as the dataset writes it (a CAMEO code keeps its leading zeros).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// CAMEO's name for the code, when it is a CAMEO code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_name: Option<String>,
    /// The Goldstein score or intensity, -10 to +10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// The quad class, 1 to 4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quad: Option<u8>,
    /// The dataset's weight for the event (an edge list's weight, UCDP's deaths).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f32>,
    /// How many rows report the event: its own and every repeat and Mentions row.
    pub reports: u32,
    /// For a mediation whose row names one party: `true`, the other side is unknown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub other_side_unknown: bool,
}

/// How an answer grouped actors into nodes under roll-up: whether it rolled up, and which
/// actors stood for themselves. Exports read it to draw the nodes the answer spoke of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Whether people and components rolled up.
    pub rollup: bool,
    /// The actors that stood for themselves: those the query named, and avoided ones.
    pub keep: Vec<ActorId>,
}

impl Grouping {
    /// The grouping a filter walks by.
    pub fn of(f: &Filter) -> Grouping {
        let mut keep: Vec<ActorId> = f.keep.iter().chain(&f.avoid).copied().collect();
        keep.sort();
        keep.dedup();
        Grouping {
            rollup: f.rollup,
            keep,
        }
    }

    /// A filter that groups this way and passes everything else.
    pub fn filter(&self) -> Filter {
        Filter {
            rollup: self.rollup,
            keep: self.keep.clone(),
            ..Filter::default()
        }
    }
}

/// A query that lists exactly the claims a count in an answer summarises, with that count:
/// the answer promises that running `query` returns `claims` claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The query line, filters included, e.g. `evidence iran united_states via conflict`.
    pub query: String,
    /// How many claims it returns.
    pub claims: usize,
}

/// Every answer. Serialised with a `"type"` tag naming the query.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// `path`: the shortest path or paths between two actors, hop by hop.
    Path(PathAnswer),
    /// `neighbors`: the actors within N hops of one, by distance.
    Neighbors(NeighborsAnswer),
    /// `mediators`: who mediates, or could broker, between two actors.
    Mediators(MediatorsAnswer),
    /// `evidence` (or `timeline`): the claims about one actor, or between two, by date.
    Evidence(EvidenceAnswer),
    /// `show`: one actor's card. Tagged `actor` in the JSON.
    Actor(Box<ActorCard>),
    /// `contested`: pairs of actors with both cooperation and conflict claims.
    Contested(ContestedAnswer),
    /// `central`: the most central actors by betweenness or degree.
    Central(CentralAnswer),
    /// `find`: actors whose names or aliases match some text.
    Find(FindAnswer),
    /// `stats`: counts over the whole database.
    Stats(StatsAnswer),
    /// `documents`: the source documents and what each contributes.
    Documents(DocumentsAnswer),
    /// `cite`: one claim with the paragraph around its quote.
    Cite(Box<CiteAnswer>),
    /// `help`: the overview, or help on one query or topic.
    Help(HelpAnswer),
}

impl Answer {
    /// How the answer grouped actors under roll-up, for the answers that group them.
    pub fn grouping(&self) -> Option<&Grouping> {
        match self {
            Answer::Path(a) => Some(&a.grouping),
            Answer::Neighbors(a) => Some(&a.grouping),
            Answer::Mediators(a) => Some(&a.grouping),
            Answer::Evidence(a) => Some(&a.grouping),
            Answer::Actor(a) => Some(&a.grouping),
            Answer::Contested(a) => Some(&a.grouping),
            _ => None,
        }
    }
}

/// Answers a parsed query, to the end however long it takes. `Query::Quit` is for front ends
/// to handle and is an error here.
pub fn answer(db: &Database, q: &Query) -> Result<Answer, QueryError> {
    Cx::new(db, None).answer(q).map_err(QueryError::from)
}

/// Answers a parsed query unless `cancel` stops it first: when the token is tripped or its
/// deadline passes, the query's long loops notice within a thousand-odd steps and it returns
/// [`AnswerError::Stopped`] instead of an answer.
///
/// ```
/// use dyad::answer::{answer_within, AnswerError};
/// use dyad::cancel::{Cancel, Stopped};
///
/// let db = dyad::load_embedded().unwrap();
/// let q = dyad::query::parse("central by betweenness").unwrap();
/// let token = Cancel::new();
/// assert!(answer_within(&db, &q, &token).is_ok());
/// token.cancel();
/// let err = answer_within(&db, &q, &token).unwrap_err();
/// assert_eq!(err, AnswerError::Stopped(Stopped::Cancelled));
/// ```
pub fn answer_within(db: &Database, q: &Query, cancel: &Cancel) -> Result<Answer, AnswerError> {
    Cx::new(db, Some(cancel)).answer(q)
}

/// Parses and answers one line.
pub fn run(db: &Database, line: &str) -> Result<Answer, QueryError> {
    let q = crate::query::parse(line)?;
    answer(db, &q)
}

/// An actor as answers and exports show it.
pub fn actor_ref(db: &Database, a: ActorId) -> ActorRef {
    Cx::new(db, None).actor_ref(a)
}

/// A claim with its evidence, as answers and exports show it.
pub fn claim_view(db: &Database, c: ClaimId) -> ClaimView {
    Cx::new(db, None).claim_view(c)
}

/// The most frequent actions among claims, most frequent first, at most three.
pub fn top_actions(db: &Database, claims: &[ClaimId]) -> Vec<Action> {
    Cx::new(db, None).top_actions(claims)
}

/// The strongest of some claims: firmest certainty, then most recent, then earliest cited.
pub fn strongest(db: &Database, claims: &[ClaimId]) -> ClaimId {
    Cx::new(db, None).strongest(claims)
}

struct Cx<'a> {
    db: &'a Database,
    /// The token the query's long loops honour; none when it runs to the end.
    cancel: Option<&'a Cancel>,
}

impl<'a> Cx<'a> {
    fn new(db: &'a Database, cancel: Option<&'a Cancel>) -> Self {
        Cx { db, cancel }
    }

    fn answer(&self, q: &Query) -> Result<Answer, AnswerError> {
        // Nothing has been done yet: a query whose token is already tripped stops here, even
        // one whose work would have been too small to check.
        self.ticker().now()?;
        Ok(match q {
            Query::Path { actors, opts } => Answer::Path(self.path(actors, opts)?),
            Query::Neighbors { actor, opts } => Answer::Neighbors(self.neighbors(actor, opts)?),
            Query::Mediators { actors, opts } => Answer::Mediators(self.mediators(actors, opts)?),
            Query::Evidence { actors, opts } => Answer::Evidence(self.evidence(actors, opts)?),
            Query::Show { actor, opts } => Answer::Actor(Box::new(self.show(actor, opts)?)),
            Query::Contested { actor, opts } => Answer::Contested(self.contested(actor, opts)?),
            Query::Central { opts } => Answer::Central(self.central(opts)?),
            Query::Find { text, limit } => Answer::Find(self.find(text, *limit)),
            Query::Stats { opts } => Answer::Stats(self.stats(opts)?),
            Query::Documents { opts } => Answer::Documents(self.documents(opts)),
            Query::Cite { cite } => Answer::Cite(Box::new(self.cite(cite)?)),
            Query::Help { topic } => Answer::Help(help(topic.as_deref())?),
            Query::Quit => {
                return Err(
                    QueryError::new("`quit` ends a session; there is nothing to answer").into(),
                )
            }
        })
    }

    /// A ticker over the query's token, for one of its long loops.
    fn ticker(&self) -> Ticker<'a> {
        Ticker::new(self.cancel)
    }
}

impl Cx<'_> {
    fn actor_ref(&self, a: ActorId) -> ActorRef {
        let x = self.db.actor(a);
        ActorRef {
            id: x.id.clone(),
            name: x.name.clone(),
            kind: x.kind,
            actor: a,
        }
    }

    fn claim_view(&self, id: ClaimId) -> ClaimView {
        let c = self.db.claim(id);
        let doc = self.db.document(c.doc);
        let (to, between) = match c.target {
            Target::Actor(t) => (Some(self.actor_ref(t)), None),
            Target::Between(a, b) => (None, Some([self.actor_ref(a), self.actor_ref(b)])),
        };
        ClaimView {
            cite: format!("{}#{}", doc.id, c.seq),
            from: self.actor_ref(c.from),
            to,
            between,
            kind: c.kind(),
            action: c.action,
            mutual: c.mutual,
            date: c.date.to_string(),
            date_from: c.date_from,
            date_label: c.date.label(c.date_from),
            certainty: c.certainty,
            document: doc.id.clone(),
            quote: self.db.quote(c).to_string(),
            note: c.note.as_deref().map(str::to_string),
            row: c.coded.as_deref().map(|k| RowView {
                file: doc.file.clone(),
                line: c.seq,
                record: k.record.to_string(),
                code: k.code.as_deref().map(str::to_string),
                code_name: k
                    .code
                    .as_deref()
                    .filter(|_| c.certainty == crate::model::Certainty::Coded)
                    .and_then(crate::dataset::cameo::event)
                    .map(|(name, _)| name.to_string()),
                goldstein: k.goldstein,
                quad: k.quad,
                weight: k.weight,
                reports: 1 + k.reports.len() as u32,
                other_side_unknown: c.action == Action::Mediate
                    && matches!(c.target, Target::Actor(_)),
            }),
            claim: id,
        }
    }

    /// Resolves names to exactly `n` actors (or `n_min..=n` when a second is optional).
    fn bind(
        &self,
        names: &Names,
        min: usize,
        max: usize,
        what: &str,
    ) -> Result<Vec<ActorId>, QueryError> {
        if names.is_empty() {
            return Err(QueryError::new(what).at(names.column));
        }
        let ids = names.bind(&self.db.names).map_err(|e| {
            let message = match &e.unresolved {
                Some(u) => u.describe(|id| self.db.name(id).to_string()),
                None => e.message.clone(),
            };
            // A word that names nothing but is one slip from an option word was meant as the
            // option: `path Turkey Iran sinse 2025` should say `since`, not list actors.
            let option = e.unresolved.as_ref().and_then(|u| {
                let first = u.query.split_whitespace().next().unwrap_or("");
                crate::query::spec::option_near(first, None)
            });
            let help = match option {
                Some(o) => format!(
                    "did you mean the option `{}`? ({}); `help filters` lists the options",
                    o.word, o.doc
                ),
                None => "`find TEXT` searches names and aliases; quote names that contain \
                         option words"
                    .to_string(),
            };
            QueryError::new(message).at(e.column).help(help)
        })?;
        if ids.len() < min || ids.len() > max {
            let got: Vec<String> = ids.iter().map(|a| self.db.name(*a).to_string()).collect();
            return Err(QueryError::new(format!(
                "{what}; '{}' names {} actor{}{}",
                names.text(),
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                if got.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", got.join(", "))
                }
            ))
            .at(names.column)
            .help("quote multi-word names, e.g. \"United States\""));
        }
        Ok(ids)
    }

    /// The filter a query's options describe. `named` are the actors the query names: under
    /// roll-up they stand for themselves (and what rolls up to them), not for the group above.
    fn filter(&self, opts: &Opts, named: &[ActorId]) -> Result<Filter, QueryError> {
        let avoid = if opts.avoid.is_empty() {
            Vec::new()
        } else {
            self.bind(&opts.avoid, 1, usize::MAX, "`avoid` needs actors")?
        };
        if let (Some(s), Some(u)) = (opts.since, opts.until) {
            if !s.may_be_on_or_before(u) {
                return Err(QueryError::new(format!(
                    "`since {s}` is after `until {u}`: no claim can match"
                )));
            }
        }
        let documents = opts.genres.as_ref().map(|genres| {
            self.db
                .documents
                .iter()
                .map(|d| genres.contains(&d.genre))
                .collect()
        });
        // `via` may name kinds, actions or both: the edges of every kind involved are walked,
        // and a claim passes when its kind or its action was named.
        let named_kinds = opts.kinds.unwrap_or(if opts.actions.is_some() {
            KindSet::NONE
        } else {
            KindSet::ALL
        });
        let (kinds, actions) = match &opts.actions {
            None => (named_kinds, None),
            Some(list) => {
                let mut kinds = named_kinds;
                let mut mask = 0u32;
                for a in Action::ALL {
                    if named_kinds.contains(a.kind()) || list.contains(&a) {
                        mask |= a.bit();
                    }
                }
                for a in list {
                    kinds = kinds.with(a.kind());
                }
                (kinds, Some(mask))
            }
        };
        Ok(Filter {
            kinds,
            actions,
            codes: opts
                .codes
                .as_ref()
                .map(|c| c.iter().map(|x| x.as_str().into()).collect()),
            min_certainty: opts.certainty,
            since: opts.since,
            until: opts.until,
            directed: opts.directed,
            avoid,
            rollup: opts.rollup.unwrap_or(true),
            keep: named.to_vec(),
            documents,
        })
    }

    /// The genres a filter's documents have, as the `genre` option writes them; `None` when
    /// the filter takes every document.
    fn genres(&self, f: &Filter) -> Option<String> {
        let docs = f.documents.as_ref()?;
        let mut genres: Vec<Genre> = self
            .db
            .documents
            .iter()
            .zip(docs)
            .filter(|(_, on)| **on)
            .map(|(d, _)| d.genre)
            .collect();
        genres.sort_by_key(|g| *g as u8);
        genres.dedup();
        let names: Vec<&str> = genres.iter().map(|g| g.as_str()).collect();
        Some(names.join(" "))
    }

    /// The walker a query reads the graph through, honouring the query's token.
    fn walker<'f>(&'f self, filter: &'f Filter) -> Walker<'f> {
        let w = Walker::new(self.db.net(), filter);
        match self.cancel {
            Some(c) => w.with_cancel(c),
            None => w,
        }
    }

    /// The options that reproduce `f`'s claim filters in a query line (`via` aside), so a
    /// suggested follow-up query sees exactly the claims the answer counted.
    fn filter_words(&self, f: &Filter) -> String {
        let mut out = String::new();
        if let Some(d) = f.since {
            out.push_str(&format!(" since {d}"));
        }
        if let Some(d) = f.until {
            out.push_str(&format!(" until {d}"));
        }
        if let Some(c) = f.min_certainty {
            out.push_str(&format!(" certainty {c}"));
        }
        if let Some(genres) = self.genres(f) {
            out.push_str(&format!(" genre {genres}"));
        }
        if let Some(codes) = &f.codes {
            let codes: Vec<&str> = codes.iter().map(|c| &**c).collect();
            out.push_str(&format!(" code {}", codes.join(",")));
        }
        if !f.rollup {
            out.push_str(" rollup off");
        }
        out
    }

    /// A follow-up query listing `claims` exactly: `evidence A B via KIND` with the answer's
    /// filters. `None` when no query can list them exactly: when A or B stands alone under
    /// roll-up because the answer named something below it.
    fn follow_up(
        &self,
        w: &Walker<'_>,
        f: &Filter,
        a: ActorId,
        b: ActorId,
        kind: RelationKind,
        claims: usize,
    ) -> Option<FollowUp> {
        let whole = |x: ActorId| !f.rollup || w.members(x).count() == self.db.tree.subtree(x).len();
        // With actions named, the follow-up names the ones of this kind, so that it lists the
        // claims counted and no others.
        let via = match f.actions {
            Some(mask)
                if !Action::ALL
                    .iter()
                    .filter(|x| x.kind() == kind)
                    .all(|x| mask & x.bit() != 0) =>
            {
                Action::ALL
                    .iter()
                    .filter(|x| x.kind() == kind && mask & x.bit() != 0)
                    .map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            }
            _ => kind.as_str().to_string(),
        };
        (whole(a) && whole(b)).then(|| FollowUp {
            query: format!(
                "evidence {} {} via {via}{}",
                self.db.actor(a).id,
                self.db.actor(b).id,
                self.filter_words(f)
            ),
            claims,
        })
    }

    /// The actors other than `nodes` themselves through whom `claims` reach those nodes: the
    /// people and components rolled up into them ("Turkey — incl. Hakan Fidan").
    fn through(&self, w: &Walker<'_>, nodes: &[ActorId], claims: &[ClaimId]) -> Vec<ActorRef> {
        let mut out: Vec<ActorId> = Vec::new();
        for &id in claims {
            let c = self.db.claim(id);
            let others = match c.target {
                Target::Actor(t) => [Some(t), None],
                Target::Between(p, q) => [Some(p), Some(q)],
            };
            for x in std::iter::once(c.from).chain(others.into_iter().flatten()) {
                if !nodes.contains(&x) && nodes.contains(&w.rep(x)) {
                    out.push(x);
                }
            }
        }
        out.sort();
        out.dedup();
        out.into_iter().map(|x| self.actor_ref(x)).collect()
    }

    /// What `via` named, in its words: kinds whose every action passes, then single actions;
    /// `None` when every claim passes.
    fn via_words(&self, f: &Filter) -> Option<String> {
        let Some(mask) = f.actions else {
            if f.kinds.is_all() {
                return None;
            }
            let kinds: Vec<&str> = f.kinds.iter().map(RelationKind::as_str).collect();
            return Some(kinds.join(" "));
        };
        let mut words: Vec<String> = Vec::new();
        for k in RelationKind::ALL {
            let of_kind: Vec<Action> = Action::ALL.into_iter().filter(|a| a.kind() == k).collect();
            if of_kind.iter().all(|a| mask & a.bit() != 0) {
                words.push(k.as_str().to_string());
            } else {
                words.extend(
                    of_kind
                        .iter()
                        .filter(|a| mask & a.bit() != 0)
                        .map(|a| a.as_str().to_string()),
                );
            }
        }
        Some(words.join(" "))
    }

    fn describe_filter(&self, f: &Filter) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(via) = self.via_words(f) {
            out.push(format!("via {via}"));
        }
        if let Some(codes) = &f.codes {
            let codes: Vec<&str> = codes.iter().map(|c| &**c).collect();
            out.push(format!("code {}", codes.join(" ")));
        }
        if f.directed {
            out.push("directed".into());
        }
        if let Some(c) = f.min_certainty {
            out.push(format!("certainty {c} or firmer"));
        }
        if let Some(d) = f.since {
            out.push(format!("since {d}"));
        }
        if let Some(d) = f.until {
            out.push(format!("until {d}"));
        }
        if let Some(genres) = self.genres(f) {
            out.push(format!("genre {genres}"));
        }
        if !f.avoid.is_empty() {
            let names: Vec<&str> = f.avoid.iter().map(|a| self.db.name(*a)).collect();
            out.push(format!("avoiding {}", names.join(", ")));
        }
        if !f.rollup {
            out.push("rollup off".into());
        }
        out
    }

    /// The strongest of some claims: firmest certainty, then most recent, then earliest cited.
    fn strongest(&self, claims: &[ClaimId]) -> ClaimId {
        *claims
            .iter()
            .max_by(|a, b| {
                let (x, y) = (self.db.claim(**a), self.db.claim(**b));
                x.certainty
                    .cmp(&y.certainty)
                    .then(x.date.cmp_recency(&y.date))
                    .then(b.cmp(a))
            })
            .expect("an edge has claims")
    }

    /// The most frequent actions among claims, most frequent first, at most three.
    fn top_actions(&self, claims: &[ClaimId]) -> Vec<Action> {
        let mut counts: BTreeMap<Action, usize> = BTreeMap::new();
        for c in claims {
            *counts.entry(self.db.claim(*c).action).or_default() += 1;
        }
        let mut v: Vec<(Action, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(3).map(|(a, _)| a).collect()
    }

    /// Every claim on an edge of one of `actors`, each once, in database order. Every claim
    /// that involves an actor, in any role, lies on one of its edges.
    fn claims_at(&self, actors: &[ActorId]) -> Vec<ClaimId> {
        let mut out: Vec<ClaimId> = actors
            .iter()
            .flat_map(|&a| self.db.graph.links(a))
            .flat_map(|l| self.db.graph.claims(l.data).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        crate::load_embedded().unwrap()
    }

    #[test]
    fn claims_at_an_actor_are_exactly_the_claims_that_involve_it() {
        let db = db();
        let cx = Cx::new(&db, None);
        for a in db.actor_ids() {
            let scanned: Vec<ClaimId> = db
                .claim_ids()
                .filter(|c| db.claim(*c).involves(a))
                .collect();
            assert_eq!(cx.claims_at(&[a]), scanned, "{}", db.actor(a).id);
        }
    }
}
