//! The query language: one line of text in, a [`Query`] out.
//!
//! The REPL, `dyad -c`, and scripts on stdin all parse through [`parse`], a pure function with
//! no access to the database. What each query and option is — its words, operands, options,
//! syntax and help — is defined once, in [`spec`]; the parser reads it. Actor names stay as
//! written ([`Names`]) until [`Names::bind`] resolves them against a [`NameIndex`]; so unquoted
//! multi-word names (`path United States Iran`) are split where the database knows where one
//! name ends.
//!
//! This module must not read the database while parsing: binding names is a separate step.

pub mod spec;

use std::fmt;

use crate::graph::Direction;
use crate::model::{Action, ActorId, Certainty, Genre, KindSet, PartialDate, RelationKind};
use crate::names::NameIndex;

/// One piece of an actor name as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A bare word; consecutive words are split into names by the name index.
    Word(String),
    /// A quoted name, always one actor.
    Quoted(String),
}

/// Actor names as typed: a run of words and quoted names, with the column where it starts.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// The words and quoted names, in the order typed.
    pub terms: Vec<Term>,
    /// The 1-based column (in characters) where the names start, for error carets.
    pub column: usize,
    /// The column of each term, so that an error about the third name points at the third
    /// name. Empty when the names were not typed (built in code); then `column` stands in.
    pub columns: Vec<usize>,
}

/// Two runs of names are the same when they say the same thing: where each word stood on the
/// line is for error carets, not part of the meaning.
impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        self.terms == other.terms && self.column == other.column
    }
}

impl Eq for Names {}

/// How many paths `path` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PathMode {
    /// One shortest path.
    #[default]
    Shortest,
    /// Every shortest path.
    All,
    /// The N shortest simple paths, N from 1 to [`MAX_K`].
    K(usize),
}

/// The most paths `path A B k N` may ask for.
///
/// Yen's algorithm runs a breadth-first search per spur node of every path it finds, and keeps
/// every path found to compare candidates against, so its work grows with `k` times the path
/// length times the graph, and its bookkeeping with `k` squared: `k 100000` on the 81-actor
/// seed graph ran for minutes. A thousand paths, each printed with the evidence for every hop,
/// is already far more than anyone reads, and finishes in well under a second on the seed
/// graph; on large graphs `--timeout` bounds what remains. `path A B all` counts every
/// shortest path however many there are.
pub const MAX_K: usize = 1000;

/// Options shared by several queries; each query accepts the subset its [`spec::QuerySpec`] names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opts {
    /// `via KIND…`: the relation kinds named; `None` when `via` names none (or is absent).
    pub kinds: Option<KindSet>,
    /// `via ACTION…`: the actions named alongside or instead of kinds; `None` when none.
    pub actions: Option<Vec<Action>>,
    /// `code CODE…`: event-code prefixes a dataset claim's code must start with.
    pub codes: Option<Vec<String>>,
    /// `directed`: walk relations only the way their claims go.
    pub directed: bool,
    /// `since DATE`: only claims whose date may fall on or after it.
    pub since: Option<PartialDate>,
    /// `until DATE`: only claims whose date may fall on or before it.
    pub until: Option<PartialDate>,
    /// `certainty LEVEL`: the weakest certainty a claim may have.
    pub certainty: Option<Certainty>,
    /// `genre GENRE…`: only claims from documents of these genres.
    pub genres: Option<Vec<Genre>>,
    /// `rollup on|off`: whether people and components roll up; `None` leaves it to the session
    /// (on unless the REPL says `.rollup off`).
    pub rollup: Option<bool>,
    /// `avoid ACTOR…`: actors a path or neighbourhood may not enter (unresolved names).
    pub avoid: Names,
    /// `all` or `k N`: how many paths `path` returns.
    pub mode: PathMode,
    /// `max N`: the most hops a path may have.
    pub max: Option<usize>,
    /// `depth N`: how many hops a neighbourhood reaches (default 1).
    pub depth: Option<usize>,
    /// `in`, `out` or `both`: which claims a neighbourhood follows.
    pub dir: Option<Direction>,
    /// `limit N`: how many entries a list answer shows.
    pub limit: Option<usize>,
    /// `weight claims|evidence|goldstein`: what ranks a neighbourhood's ties, or weights
    /// `central by degree`.
    pub weight: Option<Weighting>,
    /// `by betweenness|degree`: what `central` ranks by.
    pub by: Option<Centrality>,
    /// `top N`: how many actors `central` lists (default 10); `limit N` says the same.
    pub top: Option<usize>,
    /// `sample K`: estimate betweenness from K sampled sources.
    pub sample: Option<usize>,
    /// `seed S`: the seed that picks the sampled sources (default 42).
    pub seed: Option<u64>,
}

impl Opts {
    /// How many rows a list answer shows: `limit N`, everything for `limit 0`, else the
    /// query's own default. Every list answer caps here, so that a query on a large database
    /// prints a screenful and says how many more there are rather than scrolling for minutes.
    pub fn cap(&self, default: usize) -> usize {
        match self.limit {
            None => default,
            Some(0) => usize::MAX,
            Some(n) => n,
        }
    }
}

/// What ranks ties: `weight claims|evidence|goldstein`.
///
/// `neighbors` ranks the actors of each ring by the weight of their relations to the actor they
/// were reached from; `central by degree` sums the weights of each actor's ties (its weighted
/// degree). Each counts only the claims that pass the query's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// How many claims: every claim record counts one.
    Claims,
    /// Distinct sentences (a dataset's rows), then claims: one sentence coded as five claims
    /// counts once. `neighbors`' default.
    Evidence,
    /// The summed magnitude of the claims' Goldstein scores: how intense the tie is in coded
    /// event data, whichever way it points. Claims without a score count 0.
    Goldstein,
}

impl Weighting {
    /// Every weighting, in the order help lists them.
    pub const ALL: [Weighting; 3] = [Weighting::Claims, Weighting::Evidence, Weighting::Goldstein];

    /// The word the `weight` option takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Claims => "claims",
            Weighting::Evidence => "evidence",
            Weighting::Goldstein => "goldstein",
        }
    }

    /// The weighting a word names, ignoring case.
    pub fn parse(word: &str) -> Option<Weighting> {
        Weighting::ALL
            .into_iter()
            .find(|w| w.as_str().eq_ignore_ascii_case(word))
    }
}

/// What `central` ranks by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Centrality {
    /// How often an actor lies on shortest paths between others (Brandes).
    Betweenness,
    /// How many distinct actors it is tied to.
    Degree,
}

impl Centrality {
    /// The word that names it after `by`.
    pub fn as_str(self) -> &'static str {
        match self {
            Centrality::Betweenness => "betweenness",
            Centrality::Degree => "degree",
        }
    }
}

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// `path A B …`: paths between two actors.
    Path {
        /// The two ends, as typed.
        actors: Names,
        /// Filters and path options.
        opts: Opts,
    },
    /// `neighbors A …`: the actors within some hops of one.
    Neighbors {
        /// The centre, as typed.
        actor: Names,
        /// Depth, direction, limit and filters.
        opts: Opts,
    },
    /// `mediators A B …`: who stands between two actors.
    Mediators {
        /// The two parties, as typed.
        actors: Names,
        /// Filters and limit.
        opts: Opts,
    },
    /// `evidence A [B] …`: the claims about one actor or between two.
    Evidence {
        /// One or two actors, as typed.
        actors: Names,
        /// Filters.
        opts: Opts,
    },
    /// `show A`: the actor card.
    Show {
        /// The actor, as typed.
        actor: Names,
        /// Filters for the relations the card counts.
        opts: Opts,
    },
    /// `contested [A] …`: pairs with both cooperation and conflict claims.
    Contested {
        /// An actor every pair must include, if any.
        actor: Names,
        /// Filters.
        opts: Opts,
    },
    /// `central …`: the most central actors.
    Central {
        /// Ranking, sampling and filters.
        opts: Opts,
    },
    /// `find TEXT [limit N]`: fuzzy name search.
    Find {
        /// What to look for, words joined by single spaces.
        text: String,
        /// `limit N` at the end of the line: how many matches to list (default 20).
        limit: Option<usize>,
    },
    /// `stats`: counts of the database.
    Stats {
        /// Roll-up for the components and most connected actors.
        opts: Opts,
    },
    /// `documents`: the source documents.
    Documents {
        /// The genres to list.
        opts: Opts,
    },
    /// `cite DOC#N`: one claim in its context.
    Cite {
        /// The citation as typed, e.g. `iran_update#49`.
        cite: String,
    },
    /// `help [TOPIC]`: the overview or help on a query or topic.
    Help {
        /// The topic word, lower-cased, if given.
        topic: Option<String>,
    },
    /// `quit`: leave the session (front ends handle it).
    Quit,
}

/// A query that does not parse, with the column (1-based, in characters) it went wrong at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, in one line.
    pub message: String,
    /// Where, 1-based in characters.
    pub column: usize,
    /// What would be valid, when it can say.
    pub help: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at column {})", self.message, self.column)?;
        if let Some(h) = &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

const KIND_HELP: &str = "kinds are cooperation, conflict and mediation; actions are AGREE, CONSULT, … ASSAULT, MEDIATE (`help actions`)";
const CODE_HELP: &str =
    "a code or prefix as the dataset writes it, e.g. `code 19` (CAMEO fighting) or `code 045`";

/// Help for a word `via` does not know: the action or kind it is closest to, if any.
fn via_help(word: &str) -> String {
    let w = word.to_ascii_uppercase();
    let names = Action::ALL.iter().map(|a| a.as_str().to_string()).chain(
        RelationKind::ALL
            .iter()
            .map(|k| k.as_str().to_ascii_uppercase()),
    );
    let best = names
        .map(|n| (crate::text::edit_distance(&w, &n), n))
        .min()
        .filter(|(d, n)| *d <= crate::text::typo_budget(n.len()));
    match best {
        Some((_, n)) => {
            let shown = match n.parse::<RelationKind>() {
                Ok(k) => k.as_str().to_string(),
                Err(()) => n,
            };
            format!("did you mean {shown}? {KIND_HELP}")
        }
        None => KIND_HELP.into(),
    }
}
const WEIGHT_HELP: &str = "`weight claims` (claim records), `weight evidence` (distinct sentences) or `weight goldstein` (summed |Goldstein score|)";

/// `central by betweenness` with `weight`: betweenness counts shortest paths in hops, which no
/// weight changes, so the pair is refused rather than the weight silently ignored.
fn betweenness_unweighted(column: usize) -> ParseError {
    ParseError {
        message: "`weight` ranks `central by degree`; betweenness counts hops and takes no weight"
            .into(),
        column,
        help: Some("e.g. `central by degree weight goldstein`".into()),
    }
}

const CERTAINTY_HELP: &str =
    "levels, firmest first: stated, reported, coded, alleged, opinion, speculative";

#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    text: String,
    quoted: bool,
    column: usize,
}

fn tokenize(line: &str) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let column = i + 1;
        if c == '"' || c == '\'' || c == '“' {
            let close = if c == '“' { '”' } else { c };
            let start = i + 1;
            let Some(len) = chars[start..].iter().position(|&x| x == close) else {
                return Err(ParseError {
                    message: format!("unterminated quote {c}"),
                    column,
                    help: Some(format!("close the name with {close}")),
                });
            };
            tokens.push(Token {
                text: chars[start..start + len].iter().collect(),
                quoted: true,
                column,
            });
            i = start + len + 1;
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            tokens.push(Token {
                text: chars[start..i].iter().collect(),
                quoted: false,
                column,
            });
        }
    }
    Ok(tokens)
}

/// Whether a token is an option word (of any query): unquoted names stop there.
fn is_option(t: &Token) -> bool {
    !t.quoted && spec::option(&t.text).is_some()
}

/// Parses one line of the query language.
///
/// An empty line (or a `#` comment) is an error the callers skip; every other failure names
/// the column and, where it can, what would be valid.
///
/// ```
/// use dyad::query::{parse, Query};
/// let q = parse("path Turkey SDF via conflict").unwrap();
/// assert!(matches!(q, Query::Path { .. }));
/// assert!(parse("path Turkey SDF depth 2").is_err());
/// ```
pub fn parse(line: &str) -> Result<Query, ParseError> {
    let tokens = tokenize(line)?;
    let Some((head, rest)) = tokens.split_first() else {
        return Err(ParseError {
            message: "empty query".into(),
            column: 1,
            help: Some("type `help` for the list of queries".into()),
        });
    };
    let Some(q) = spec::query(&head.text) else {
        let command = head.text.to_ascii_lowercase();
        let words: Vec<&str> = spec::query_words().collect();
        let near = closest(&command, &words).and_then(spec::query);
        let names: Vec<&str> = spec::QUERIES.iter().map(|q| q.name).collect();
        return Err(ParseError {
            message: format!("unknown query '{}'", head.text),
            column: head.column,
            help: Some(match near {
                Some(q) => format!("did you mean `{}`? (`help` lists the queries)", q.name),
                None => format!("queries are: {}", names.join(", ")),
            }),
        });
    };
    let mut p = Parser {
        tokens: rest,
        at: 0,
        end: line.chars().count() + 1,
    };
    // The spec says what each query takes; this match only builds the variant.
    let query = match q.name {
        "path" => {
            let actors = p.names();
            Query::Path {
                actors,
                opts: p.options(q)?,
            }
        }
        "neighbors" => {
            let actor = p.names();
            Query::Neighbors {
                actor,
                opts: p.options(q)?,
            }
        }
        "mediators" => {
            let actors = p.names();
            Query::Mediators {
                actors,
                opts: p.options(q)?,
            }
        }
        "evidence" => {
            let actors = p.names();
            Query::Evidence {
                actors,
                opts: p.options(q)?,
            }
        }
        "show" => {
            let actor = p.names();
            Query::Show {
                actor,
                opts: p.options(q)?,
            }
        }
        "contested" => {
            let actor = p.names();
            Query::Contested {
                actor,
                opts: p.options(q)?,
            }
        }
        "central" => Query::Central {
            opts: p.options(q)?,
        },
        "find" => {
            // The text runs to the end of the line, except a trailing `limit N` (unquoted):
            // `find united limit 5`. A name ending in "limit" and a number can be quoted.
            let mut words = rest;
            let mut limit = None;
            if let [head @ .., l, n] = rest {
                if !l.quoted && l.text.eq_ignore_ascii_case("limit") {
                    let mut tail = Parser {
                        tokens: std::slice::from_ref(n),
                        at: 0,
                        end: p.end,
                    };
                    limit = Some(tail.limit()?);
                    words = head;
                }
            }
            let text: Vec<&str> = words.iter().map(|t| t.text.as_str()).collect();
            if text.is_empty() {
                return Err(ParseError {
                    message: "find needs some text to look for".into(),
                    column: rest.first().map_or(p.end, |t| t.column),
                    help: None,
                });
            }
            Query::Find {
                text: text.join(" "),
                limit,
            }
        }
        "stats" => Query::Stats {
            opts: p.options(q)?,
        },
        "documents" => Query::Documents {
            opts: p.options(q)?,
        },
        "cite" => {
            let text: Vec<&str> = rest.iter().map(|t| t.text.as_str()).collect();
            match text.as_slice() {
                [one] => Query::Cite {
                    cite: one.to_string(),
                },
                [] => {
                    return Err(p.error_here("cite needs a citation such as iran_update#49", None))
                }
                _ => {
                    return Err(ParseError {
                        message: "cite takes one citation".into(),
                        column: rest[1].column,
                        help: Some("e.g. `cite iran_update#49`".into()),
                    })
                }
            }
        }
        "help" => {
            let topic = rest.first().map(|t| t.text.to_ascii_lowercase());
            Query::Help { topic }
        }
        "quit" => {
            p.options(q)?;
            Query::Quit
        }
        other => unreachable!("query '{other}' is in the spec but not in the parser"),
    };
    Ok(query)
}

/// The closest word within a small typo distance.
fn closest<'a>(word: &str, words: &[&'a str]) -> Option<&'a str> {
    words
        .iter()
        .map(|w| (crate::text::edit_distance(word, w), *w))
        .filter(|(d, w)| {
            *d <= crate::text::typo_budget(w.len()) || w.starts_with(word) && word.len() >= 2
        })
        .min()
        .map(|(_, w)| w)
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end, |t| t.column)
    }

    fn error_here(&self, message: impl Into<String>, help: Option<String>) -> ParseError {
        ParseError {
            message: message.into(),
            column: self.column(),
            help,
        }
    }

    /// A run of name terms, up to the first option word.
    fn names(&mut self) -> Names {
        let column = self.column();
        let mut terms = Vec::new();
        let mut columns = Vec::new();
        while let Some(t) = self.peek() {
            if is_option(t) {
                break;
            }
            terms.push(if t.quoted {
                Term::Quoted(t.text.clone())
            } else {
                Term::Word(t.text.clone())
            });
            columns.push(t.column);
            self.at += 1;
        }
        Names {
            terms,
            column,
            columns,
        }
    }

    fn number(&mut self, option: &str) -> Result<usize, ParseError> {
        let t = self.peek().ok_or_else(|| {
            self.error_here(
                format!("`{option}` needs a number"),
                Some(format!("e.g. `{option} 3`")),
            )
        })?;
        match t.text.parse::<usize>() {
            Ok(n) if n >= 1 => {
                self.at += 1;
                Ok(n)
            }
            _ => Err(ParseError {
                message: format!("`{option}` needs a positive whole number, not '{}'", t.text),
                column: t.column,
                help: Some(format!("e.g. `{option} 3`")),
            }),
        }
    }

    /// The number after `limit`: a whole number, where `limit 0` lists everything, as the
    /// "… N more (limit 0 for all)" line under a capped list promises.
    fn limit(&mut self) -> Result<usize, ParseError> {
        if let Some(t) = self.peek() {
            if t.text.parse::<usize>() == Ok(0) {
                self.at += 1;
                return Ok(0);
            }
        }
        self.number("limit")
    }

    /// The number after `k`: a positive whole number no larger than [`MAX_K`].
    fn k(&mut self) -> Result<usize, ParseError> {
        let column = self.column();
        let k = self.number("k")?;
        if k > MAX_K {
            return Err(ParseError {
                message: format!("`k` is at most {MAX_K}, not {k}"),
                column,
                help: Some(format!(
                    "`k N` lists the N shortest paths with the evidence for every hop; ask for at most {MAX_K}, or use `all` to count every shortest path"
                )),
            });
        }
        Ok(k)
    }

    fn date(&mut self, option: &str) -> Result<PartialDate, ParseError> {
        let t = self.peek().ok_or_else(|| {
            self.error_here(
                format!("`{option}` needs a date"),
                Some(format!("e.g. `{option} 2025-06`")),
            )
        })?;
        match t.text.parse::<PartialDate>() {
            Ok(d) => {
                self.at += 1;
                Ok(d)
            }
            Err(e) => Err(ParseError {
                message: e.0,
                column: t.column,
                help: None,
            }),
        }
    }

    /// Options until the end of the line, checking each is one `query` accepts.
    fn options(&mut self, q: &spec::QuerySpec) -> Result<Opts, ParseError> {
        let query = q.name;
        let takes = || {
            if q.options.is_empty() {
                format!("{query} takes no options")
            } else {
                format!("{query} takes: {}", q.options.join(", "))
            }
        };
        let mut o = Opts::default();
        while let Some(t) = self.peek() {
            let word = t.text.to_ascii_lowercase();
            let column = t.column;
            if !is_option(t) {
                return Err(ParseError {
                    message: format!("unexpected '{}'", t.text),
                    column,
                    help: Some(format!(
                        "{}; quote a name that contains an option word",
                        takes()
                    )),
                });
            }
            if !q.accepts(&word) {
                return Err(ParseError {
                    message: format!("option '{word}' does not apply to {query}"),
                    column,
                    help: Some(takes()),
                });
            }
            self.at += 1;
            match word.as_str() {
                "via" => {
                    let mut kinds = KindSet::NONE;
                    let mut actions: Vec<Action> = Vec::new();
                    'words: while let Some(t) = self.peek() {
                        let parts: Vec<&str> =
                            t.text.split(',').filter(|p| !p.is_empty()).collect();
                        let named = kinds != KindSet::NONE || !actions.is_empty();
                        // A word that is neither ends the list (it is the next operand or
                        // option), unless nothing has been named yet.
                        for part in &parts {
                            let known = part.parse::<RelationKind>().is_ok()
                                || Action::parse(part).is_some();
                            if !known {
                                if named && parts.len() == 1 {
                                    break 'words;
                                }
                                return Err(ParseError {
                                    message: format!("unknown relation kind or action '{part}'"),
                                    column: t.column,
                                    help: Some(via_help(part)),
                                });
                            }
                        }
                        if parts.is_empty() {
                            break;
                        }
                        for part in parts {
                            match part.parse::<RelationKind>() {
                                Ok(k) => kinds = kinds.with(k),
                                Err(()) => actions.extend(Action::parse(part)),
                            }
                        }
                        self.at += 1;
                    }
                    if kinds == KindSet::NONE && actions.is_empty() {
                        return Err(self.error_here(
                            "`via` needs a relation kind or an action",
                            Some(KIND_HELP.into()),
                        ));
                    }
                    o.kinds = (kinds != KindSet::NONE).then_some(kinds);
                    actions.sort();
                    actions.dedup();
                    o.actions = (!actions.is_empty()).then_some(actions);
                }
                "code" => {
                    let mut codes: Vec<String> = Vec::new();
                    while let Some(t) = self.peek() {
                        if is_option(t) {
                            break;
                        }
                        let parts: Vec<&str> =
                            t.text.split(',').filter(|p| !p.is_empty()).collect();
                        let valid = |p: &str| {
                            p.bytes().all(|b| {
                                b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'/' | b'-')
                            })
                        };
                        if parts.is_empty() || !parts.iter().all(|p| valid(p)) {
                            if codes.is_empty() {
                                return Err(ParseError {
                                    message: format!("'{}' is not an event code", t.text),
                                    column: t.column,
                                    help: Some(CODE_HELP.into()),
                                });
                            }
                            break;
                        }
                        codes.extend(parts.into_iter().map(str::to_string));
                        self.at += 1;
                    }
                    if codes.is_empty() {
                        return Err(
                            self.error_here("`code` needs an event code", Some(CODE_HELP.into()))
                        );
                    }
                    codes.sort();
                    codes.dedup();
                    o.codes = Some(codes);
                }
                "directed" => o.directed = true,
                "all" | "k" => {
                    // `all` and `k` are exclusive: the later one would silently win otherwise.
                    if o.mode != PathMode::Shortest {
                        return Err(ParseError {
                            message: "`all` and `k` cannot be combined".into(),
                            column,
                            help: Some("`all` lists every shortest path; `k N` the N shortest paths of any length".into()),
                        });
                    }
                    o.mode = if word == "all" {
                        PathMode::All
                    } else {
                        PathMode::K(self.k()?)
                    };
                }
                "max" => o.max = Some(self.number("max")?),
                "depth" => o.depth = Some(self.number("depth")?),
                "limit" => o.limit = Some(self.limit()?),
                "since" => o.since = Some(self.date("since")?),
                "until" => o.until = Some(self.date("until")?),
                "certainty" => {
                    let t = self.peek().ok_or_else(|| {
                        self.error_here("`certainty` needs a level", Some(CERTAINTY_HELP.into()))
                    })?;
                    let level = t.text.parse::<Certainty>().map_err(|()| ParseError {
                        message: format!("unknown certainty '{}'", t.text),
                        column: t.column,
                        help: Some(CERTAINTY_HELP.into()),
                    })?;
                    self.at += 1;
                    o.certainty = Some(level);
                }
                "genre" => {
                    let mut genres: Vec<Genre> = Vec::new();
                    while let Some(t) = self.peek() {
                        let parts: Vec<&str> =
                            t.text.split(',').filter(|p| !p.is_empty()).collect();
                        let parsed: Vec<Option<Genre>> =
                            parts.iter().map(|p| Genre::parse(p)).collect();
                        if parsed.is_empty() || parsed.iter().any(Option::is_none) {
                            if genres.is_empty() {
                                return Err(ParseError {
                                    message: format!("unknown genre '{}'", t.text),
                                    column: t.column,
                                    help: Some("genres are news, analysis, opinion and data (dataset rows)".into()),
                                });
                            }
                            break;
                        }
                        genres.extend(parsed.into_iter().flatten());
                        self.at += 1;
                    }
                    if genres.is_empty() {
                        return Err(self.error_here(
                            "`genre` needs news, analysis, opinion or data",
                            Some("e.g. `genre news`".into()),
                        ));
                    }
                    genres.sort_by_key(|g| *g as u8);
                    genres.dedup();
                    o.genres = Some(genres);
                }
                "rollup" => {
                    let t = self.peek().ok_or_else(|| {
                        self.error_here(
                            "`rollup` needs on or off",
                            Some("e.g. `rollup off`".into()),
                        )
                    })?;
                    o.rollup = Some(match t.text.to_ascii_lowercase().as_str() {
                        "on" => true,
                        "off" => false,
                        other => {
                            return Err(ParseError {
                                message: format!("`rollup` takes on or off, not '{other}'"),
                                column: t.column,
                                help: Some("e.g. `rollup off`".into()),
                            })
                        }
                    });
                    self.at += 1;
                }
                "avoid" => {
                    let names = self.names();
                    if names.terms.is_empty() {
                        return Err(self.error_here("`avoid` needs at least one actor", None));
                    }
                    o.avoid.column = names.column;
                    o.avoid.terms.extend(names.terms);
                    o.avoid.columns.extend(names.columns);
                }
                "by" => {
                    let t = self
                        .peek()
                        .ok_or_else(|| self.error_here("`by` needs betweenness or degree", None))?;
                    if o.weight.is_some()
                        && matches!(
                            t.text.to_ascii_lowercase().as_str(),
                            "betweenness" | "between"
                        )
                    {
                        return Err(betweenness_unweighted(t.column));
                    }
                    o.by = Some(match t.text.to_ascii_lowercase().as_str() {
                        "betweenness" | "between" => Centrality::Betweenness,
                        "degree" => Centrality::Degree,
                        other => {
                            return Err(ParseError {
                                message: format!("cannot rank by '{other}'"),
                                column: t.column,
                                help: Some(
                                    "`central by betweenness` or `central by degree`".into(),
                                ),
                            })
                        }
                    });
                    self.at += 1;
                }
                "weight" => {
                    let t = self.peek().ok_or_else(|| {
                        self.error_here(
                            "`weight` needs claims, evidence or goldstein",
                            Some(WEIGHT_HELP.into()),
                        )
                    })?;
                    o.weight = Some(Weighting::parse(&t.text).ok_or_else(|| ParseError {
                        message: format!("cannot weight by '{}'", t.text),
                        column: t.column,
                        help: Some(WEIGHT_HELP.into()),
                    })?);
                    self.at += 1;
                    if o.by == Some(Centrality::Betweenness) {
                        return Err(betweenness_unweighted(column));
                    }
                }
                "top" => o.top = Some(self.number("top")?),
                "sample" => o.sample = Some(self.number("sample")?),
                "seed" => o.seed = Some(self.number("seed")? as u64),
                "in" => o.dir = Some(Direction::In),
                "out" => o.dir = Some(Direction::Out),
                "both" => o.dir = Some(Direction::Both),
                _ => unreachable!("every option word is handled"),
            }
        }
        Ok(o)
    }
}

/// A name that did not resolve.
#[derive(Clone, Debug, PartialEq)]
pub struct BindError {
    /// What is wrong, in one line.
    pub message: String,
    /// The column where the names start.
    pub column: usize,
    /// The name that resolved to nothing, with suggestions.
    pub unresolved: Option<crate::names::Unresolved>,
}

impl Names {
    /// Whether no name was typed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The names as typed, for messages.
    pub fn text(&self) -> String {
        self.terms
            .iter()
            .map(|t| match t {
                Term::Word(w) => w.clone(),
                Term::Quoted(q) => format!("\"{q}\""),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Resolves to actors: quoted terms one each, runs of words split at the longest known
    /// names. On failure, says which words name nothing, with suggestions.
    pub fn bind(&self, names: &NameIndex) -> Result<Vec<ActorId>, BindError> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.terms.len() {
            match &self.terms[i] {
                Term::Quoted(q) => {
                    out.push(names.resolve(q).map_err(|u| self.unresolved(u, i))?);
                    i += 1;
                }
                Term::Word(_) => {
                    let mut j = i;
                    let mut words = Vec::new();
                    while let Some(Term::Word(w)) = self.terms.get(j) {
                        words.push(w.as_str());
                        j += 1;
                    }
                    match names.split_words(&words) {
                        Ok(found) => out.extend(found.into_iter().map(|(id, _)| id)),
                        Err(bad) => {
                            // Report the longest run from the failing word that is close to a
                            // known name, so "United Staets" is one typo, not two names.
                            let rest = &words[bad..];
                            let unresolved = (1..=rest.len())
                                .rev()
                                .map(|n| names.resolve(&rest[..n].join(" ")).unwrap_err())
                                .find(|u| !u.suggestions.is_empty())
                                .unwrap_or_else(|| names.resolve(rest[0]).unwrap_err());
                            return Err(self.unresolved(unresolved, i + bad));
                        }
                    }
                    i = j;
                }
            }
        }
        Ok(out)
    }

    /// The error for term `at`, with the caret under that term rather than the first name.
    fn unresolved(&self, u: crate::names::Unresolved, at: usize) -> BindError {
        BindError {
            message: format!("no actor '{}'", u.query),
            column: self.columns.get(at).copied().unwrap_or(self.column),
            unresolved: Some(u),
        }
    }
}

impl Query {
    /// The query's options, for front ends that fill in session defaults (`.rollup off`).
    pub fn opts_mut(&mut self) -> Option<&mut Opts> {
        match self {
            Query::Path { opts, .. }
            | Query::Neighbors { opts, .. }
            | Query::Mediators { opts, .. }
            | Query::Evidence { opts, .. }
            | Query::Show { opts, .. }
            | Query::Contested { opts, .. }
            | Query::Central { opts }
            | Query::Stats { opts }
            | Query::Documents { opts } => Some(opts),
            Query::Find { .. } | Query::Cite { .. } | Query::Help { .. } | Query::Quit => None,
        }
    }
}

#[cfg(test)]
mod via_tests {
    use super::*;

    fn opts(line: &str) -> Opts {
        match parse(line).expect(line) {
            Query::Path { opts, .. } | Query::Neighbors { opts, .. } => opts,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn via_takes_kinds_and_actions_mixed() {
        let o = opts("path Turkey Iran via conflict,MEDIATE consult");
        assert_eq!(o.kinds, Some(KindSet::only(RelationKind::Conflict)));
        assert_eq!(o.actions, Some(vec![Action::Consult, Action::Mediate]));
        let o = opts("path Turkey Iran via ASSAULT since 2024");
        assert_eq!(o.kinds, None);
        assert_eq!(o.actions, Some(vec![Action::Assault]));
        assert!(o.since.is_some());
    }

    #[test]
    fn code_takes_prefixes_as_strings() {
        let o = opts("neighbors Iran code 19,045 0231");
        assert_eq!(
            o.codes,
            Some(vec![
                "0231".to_string(),
                "045".to_string(),
                "19".to_string()
            ])
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<Term> {
        ws.iter().map(|w| Term::Word(w.to_string())).collect()
    }

    /// Table of lines that parse, with the query they must give.
    #[test]
    fn parses() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        let cases: Vec<(&str, Query)> = vec![
            (
                "path Turkey SDF",
                Query::Path {
                    actors: Names { terms: words(&["Turkey", "SDF"]), column: 6, ..Default::default() },
                    opts: Opts::default(),
                },
            ),
            (
                "path Turkey SDF k 1000",
                Query::Path {
                    actors: Names { terms: words(&["Turkey", "SDF"]), column: 6, ..Default::default() },
                    opts: Opts { mode: PathMode::K(MAX_K), ..Opts::default() },
                },
            ),
            (
                "PATH \"United States\" Iran via cooperation mediation directed k 3 max 4",
                Query::Path {
                    actors: Names {
                        terms: vec![Term::Quoted("United States".into()), Term::Word("Iran".into())],
                        column: 6, ..Default::default()
                    },
                    opts: Opts {
                        kinds: Some(KindSet::only(RelationKind::Cooperation).with(RelationKind::Mediation)),
                        directed: true,
                        mode: PathMode::K(3),
                        max: Some(4),
                        ..Opts::default()
                    },
                },
            ),
            (
                "path a b via conflict,cooperation since 2025-06 until 2026 certainty reported avoid Iran 'Hakan Fidan' all",
                Query::Path {
                    actors: Names { terms: words(&["a", "b"]), column: 6, ..Default::default() },
                    opts: Opts {
                        kinds: Some(KindSet::only(RelationKind::Conflict).with(RelationKind::Cooperation)),
                        since: Some(d("2025-06")),
                        until: Some(d("2026")),
                        certainty: Some(Certainty::Reported),
                        avoid: Names {
                            terms: vec![Term::Word("Iran".into()), Term::Quoted("Hakan Fidan".into())],
                            column: 85, ..Default::default()
                        },
                        mode: PathMode::All,
                        ..Opts::default()
                    },
                },
            ),
            (
                "neighbours Iran depth 2 out limit 5",
                Query::Neighbors {
                    actor: Names { terms: words(&["Iran"]), column: 12, ..Default::default() },
                    opts: Opts {
                        depth: Some(2),
                        dir: Some(Direction::Out),
                        limit: Some(5),
                        ..Opts::default()
                    },
                },
            ),
            (
                "mediators united states iran",
                Query::Mediators {
                    actors: Names { terms: words(&["united", "states", "iran"]), column: 11, ..Default::default() },
                    opts: Opts::default(),
                },
            ),
            (
                "timeline Turkey Israel",
                Query::Evidence {
                    actors: Names { terms: words(&["Turkey", "Israel"]), column: 10, ..Default::default() },
                    opts: Opts::default(),
                },
            ),
            ("show Erdoğan", Query::Show { actor: Names { terms: words(&["Erdoğan"]), column: 6, ..Default::default() }, opts: Opts::default() }),
            ("contested", Query::Contested { actor: Names { terms: vec![], column: 10, ..Default::default() }, opts: Opts::default() }),
            ("find  turk ", Query::Find { text: "turk".into(), limit: None }),
            ("find united limit 5", Query::Find { text: "united".into(), limit: Some(5) }),
            ("find \"x limit\" limit 2", Query::Find { text: "x limit".into(), limit: Some(2) }),
            ("find limit", Query::Find { text: "limit".into(), limit: None }),
            (
                "central by degree via conflict top 5 sample 100 seed 7",
                Query::Central {
                    opts: Opts {
                        by: Some(Centrality::Degree),
                        kinds: Some(KindSet::only(RelationKind::Conflict)),
                        top: Some(5),
                        sample: Some(100),
                        seed: Some(7),
                        ..Opts::default()
                    },
                },
            ),
            ("stats", Query::Stats { opts: Opts::default() }),
            ("help path", Query::Help { topic: Some("path".into()) }),
            ("?", Query::Help { topic: None }),
            ("exit", Query::Quit),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line), Ok(want), "{line}");
        }
    }

    /// Table of lines that must not parse: (line, column, words the message must contain).
    #[test]
    fn rejects() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 1, "empty query"),
            ("   ", 4 - 3, "empty query"),
            ("pth Turkey Iran", 1, "did you mean `path`?"),
            (
                "path Turkey Iran depth 2",
                18,
                "option 'depth' does not apply to path",
            ),
            ("path Turkey Iran via", 21, "`via` needs a relation kind"),
            (
                "path Turkey Iran via friendship",
                22,
                "unknown relation kind or action 'friendship'",
            ),
            (
                "path Turkey Iran k two",
                20,
                "positive whole number, not 'two'",
            ),
            ("path Turkey Iran k 0", 20, "positive whole number"),
            (
                "path Turkey SDF k 100000",
                19,
                "`k` is at most 1000, not 100000",
            ),
            (
                "path Turkey SDF k 1001",
                19,
                "`k N` lists the N shortest paths",
            ),
            // Too large for a machine word is not a number at all.
            (
                "path Turkey SDF k 99999999999999999999999",
                19,
                "positive whole number",
            ),
            ("path Turkey Iran max", 21, "`max` needs a number"),
            (
                "path Turkey Iran since 2025-13",
                24,
                "the month must be 01 to 12",
            ),
            (
                "path Turkey Iran certainty sure",
                28,
                "unknown certainty 'sure'",
            ),
            ("path Turkey Iran all k 2", 22, "cannot be combined"),
            ("path \"United States Iran", 6, "unterminated quote"),
            (
                "path Turkey Iran avoid",
                23,
                "`avoid` needs at least one actor",
            ),
            (
                "neighbors Iran depth 2 sideways",
                24,
                "unexpected 'sideways'",
            ),
            (
                "mediators Turkey Iran directed",
                23,
                "option 'directed' does not apply to mediators",
            ),
            ("stats now", 7, "unexpected 'now'"),
            ("find", 5, "find needs some text"),
            ("central by closeness", 12, "cannot rank by 'closeness'"),
            ("central Turkey", 9, "unexpected 'Turkey'"),
            ("path Turkey Iran via ASSUALT", 22, "did you mean ASSAULT?"),
            ("path Turkey Iran code", 22, "`code` needs an event code"),
            (
                "path Turkey Iran code 1*9",
                23,
                "'1*9' is not an event code",
            ),
            (
                "neighbors Iran weight heavy",
                23,
                "cannot weight by 'heavy'",
            ),
            (
                "evidence Iran limit -3",
                21,
                "positive whole number, not '-3'",
            ),
            ("find limit 5", 6, "find needs some text"),
            (
                "central by betweenness weight goldstein",
                24,
                "betweenness counts hops",
            ),
            (
                "central weight claims by betweenness",
                26,
                "betweenness counts hops",
            ),
            (
                "path Turkey Iran weight claims",
                18,
                "does not apply to path",
            ),
        ];
        for (line, column, needle) in cases {
            let err = parse(line).expect_err(line);
            assert_eq!(err.column, *column, "{line}: {err}");
            assert!(err.to_string().contains(needle), "{line}: {err}");
        }
    }
}
