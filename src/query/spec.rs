//! The one definition of every query and every option.
//!
//! Each query is a [`QuerySpec`] in [`QUERIES`]: its name and aliases, the operands it takes,
//! the options it accepts, its syntax line, a one-line summary, a paragraph of help and
//! examples. Each option is an [`OptionSpec`] in [`OPTIONS`]: its word, the kind of value that
//! follows it, and what it does. Everything that needs to know about queries reads these
//! tables: the parser ([`crate::query::parse`]) looks up the query word and checks options
//! against the spec, `help` prints the spec's texts, and the REPL's hint and completion offer
//! what the spec says may come next.
//!
//! To add a query: add its entry here (and its options to [`OPTIONS`] if they are new), a
//! [`crate::query::Query`] variant and its arm in the parser, then its answer, render function
//! and export case as the crate docs list. The tests in this module check that the tables are
//! consistent and that every example parses.
//!
//! This module is data: it must not parse, resolve names or read a database.

/// What a query takes before its options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operands {
    /// Nothing (`stats`, `central`, `quit`).
    None,
    /// Exactly one actor (`show A`, `neighbors A`).
    One,
    /// Exactly two actors (`path A B`, `mediators A B`).
    Two,
    /// One actor, or two (`evidence A [B]`).
    OneOrTwo,
    /// At most one actor (`contested [A]`).
    OptionalOne,
    /// Free text to the end of the line (`find TEXT`).
    Text,
    /// An optional help topic (`help [TOPIC]`).
    Topic,
}

impl Operands {
    /// Whether actor names may come next.
    pub fn takes_actors(self) -> bool {
        matches!(
            self,
            Operands::One | Operands::Two | Operands::OneOrTwo | Operands::OptionalOne
        )
    }
}

/// What follows an option word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// Nothing: the word alone is the option (`directed`, `all`, `out`).
    Flag,
    /// A positive whole number (`k 3`, `depth 2`).
    Number,
    /// A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date,
    /// One or more relation kinds or actions (`via conflict MEDIATE`, commas allowed).
    Kinds,
    /// One or more event-code prefixes (`code 19 045`, commas allowed).
    Codes,
    /// A certainty level.
    Certainty,
    /// One or more actor names (`avoid Iran "Hakan Fidan"`).
    Actors,
    /// A centrality measure (`by betweenness`).
    Ranking,
    /// One or more document genres (`genre news analysis`, commas allowed).
    Genres,
    /// `on` or `off`.
    Switch,
    /// What weighs a tie: `claims`, `evidence` or `goldstein` ([`crate::query::Weighting`]).
    Weighting,
}

/// One option word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionSpec {
    /// The word as typed (matched ignoring case).
    pub word: &'static str,
    /// What follows it.
    pub value: Value,
    /// How it appears in a syntax line after the word, e.g. `N` or `KIND…`.
    pub placeholder: &'static str,
    /// What it does, in one line.
    pub doc: &'static str,
}

/// One query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuerySpec {
    /// The canonical word, e.g. `neighbors`.
    pub name: &'static str,
    /// Other words that mean the same query.
    pub aliases: &'static [&'static str],
    /// What comes before the options.
    pub operands: Operands,
    /// The option words it accepts, in the order its syntax line gives them.
    pub options: &'static [&'static str],
    /// The operands as its syntax line writes them, e.g. `A B`.
    pub operand_syntax: &'static str,
    /// What it answers, in one line (for the overview).
    pub summary: &'static str,
    /// A paragraph or two of help, shown after the syntax line by `help NAME`.
    pub help: &'static str,
    /// Lines that run as they are on the seed database.
    pub examples: &'static [&'static str],
}

impl QuerySpec {
    /// Whether `word` names this query (ignoring case).
    pub fn is_called(&self, word: &str) -> bool {
        self.name.eq_ignore_ascii_case(word)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(word))
    }

    /// Whether it accepts the option `word` (lower case).
    pub fn accepts(&self, word: &str) -> bool {
        self.options.contains(&word)
    }

    /// The syntax line after the query word, built from the operands and the option table,
    /// e.g. `A B [via KIND…] [directed]`.
    pub fn syntax_tail(&self) -> String {
        self.syntax_rest(0, &[])
    }

    /// What of the syntax line is still to come, once `operands` operands are typed and the
    /// options in `used` given: `path Turkey ` → `B [via KIND…] …`. The REPL's hint shows it
    /// at every point of the line. Options that take a list or may repeat stay offered.
    pub fn syntax_rest(&self, operands: usize, used: &[&str]) -> String {
        let mut parts: Vec<String> = Vec::new();
        if operands == 0 {
            if !self.operand_syntax.is_empty() {
                parts.push(self.operand_syntax.to_string());
            }
        } else if self.operands.takes_actors() {
            parts.extend(
                self.operand_syntax
                    .split_whitespace()
                    .skip(operands)
                    .map(str::to_string),
            );
        }
        let mut i = 0;
        while i < self.options.len() {
            let word = self.options[i];
            // Options that exclude each other share one bracket: `[all | k N]`, `[in | out | both]`.
            let group: &[&str] = match word {
                "all" if self.options.get(i + 1) == Some(&"k") => &["all", "k"],
                "in" => &["in", "out", "both"],
                _ => std::slice::from_ref(&self.options[i]),
            };
            if group.iter().any(|w| used.contains(w)) && word != "avoid" {
                i += group.len();
                continue;
            }
            let shown: Vec<String> = group
                .iter()
                .map(|w| {
                    let o = option(w).expect("every option a query names is defined");
                    if o.placeholder.is_empty() {
                        o.word.to_string()
                    } else {
                        format!("{} {}", o.word, o.placeholder)
                    }
                })
                .collect();
            parts.push(format!("[{}]", shown.join(" | ")));
            i += group.len();
        }
        parts.join(" ")
    }

    /// The whole syntax line, e.g. `path A B [via KIND…] …`.
    pub fn syntax(&self) -> String {
        let tail = self.syntax_tail();
        if tail.is_empty() {
            self.name.to_string()
        } else {
            format!("{} {tail}", self.name)
        }
    }

    /// The help text `help NAME` prints: the syntax, the aliases, the help paragraph, the
    /// options with what each does, and the examples.
    pub fn help_text(&self) -> String {
        let mut s = self.syntax();
        if !self.aliases.is_empty() {
            s.push_str(&format!("     (also: {})", self.aliases.join(", ")));
        }
        s.push_str("\n\n");
        s.push_str(self.help);
        if !self.options.is_empty() {
            s.push_str("\n\nOptions:\n");
            for w in self.options {
                let o = option(w).expect("every option a query names is defined");
                let head = if o.placeholder.is_empty() {
                    o.word.to_string()
                } else {
                    format!("{} {}", o.word, o.placeholder)
                };
                s.push_str(&format!("  {head:<16} {}\n", o.doc));
            }
            s.pop();
        }
        if !self.examples.is_empty() {
            s.push_str("\n\nExamples:");
            for e in self.examples {
                s.push_str(&format!("\n  {e}"));
            }
        }
        s
    }
}

/// Every option, each defined once.
pub const OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        word: "via",
        value: Value::Kinds,
        placeholder: "KIND…",
        doc: "only these relation kinds (cooperation, conflict, mediation) and/or actions (ASSAULT, CONSULT, …): a claim passes if its kind or its action is named",
    },
    OptionSpec {
        word: "code",
        value: Value::Codes,
        placeholder: "CODE…",
        doc: "only dataset claims whose event code starts with one of these (CAMEO `19` fighting, `045` mediation); curated claims have no code",
    },
    OptionSpec {
        word: "directed",
        value: Value::Flag,
        placeholder: "",
        doc: "walk a relation only the way its claims go (mutual claims go both ways; a mediation goes from the mediator to each party)",
    },
    OptionSpec {
        word: "all",
        value: Value::Flag,
        placeholder: "",
        doc: "every shortest path (lists up to 50, counts them all)",
    },
    OptionSpec {
        word: "k",
        value: Value::Number,
        placeholder: "N",
        doc: "the N shortest simple paths (Yen's algorithm), N at most 1000",
    },
    OptionSpec {
        word: "max",
        value: Value::Number,
        placeholder: "N",
        doc: "at most N hops",
    },
    OptionSpec {
        word: "depth",
        value: Value::Number,
        placeholder: "N",
        doc: "how many hops out to go (default 1)",
    },
    OptionSpec {
        word: "in",
        value: Value::Flag,
        placeholder: "",
        doc: "follow claims made towards the actor",
    },
    OptionSpec {
        word: "out",
        value: Value::Flag,
        placeholder: "",
        doc: "follow claims the actor's side made",
    },
    OptionSpec {
        word: "both",
        value: Value::Flag,
        placeholder: "",
        doc: "follow claims either way (the default)",
    },
    OptionSpec {
        word: "limit",
        value: Value::Number,
        placeholder: "N",
        doc: "list at most N and say how many there were in all; `limit 0` lists every one",
    },
    OptionSpec {
        word: "since",
        value: Value::Date,
        placeholder: "DATE",
        doc: "only claims whose date may fall on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)",
    },
    OptionSpec {
        word: "until",
        value: Value::Date,
        placeholder: "DATE",
        doc: "only claims whose date may fall on or before DATE",
    },
    OptionSpec {
        word: "certainty",
        value: Value::Certainty,
        placeholder: "LEVEL",
        doc: "only claims at least this firm: stated > reported > coded > alleged > opinion > speculative",
    },
    OptionSpec {
        word: "genre",
        value: Value::Genres,
        placeholder: "GENRE…",
        doc: "only claims from documents of these genres: news, analysis, opinion, data (dataset rows)",
    },
    OptionSpec {
        word: "rollup",
        value: Value::Switch,
        placeholder: "on|off",
        doc: "off: people and components stand for themselves instead of the actor they belong to",
    },
    OptionSpec {
        word: "avoid",
        value: Value::Actors,
        placeholder: "ACTOR…",
        doc: "never pass through these actors",
    },
    OptionSpec {
        word: "by",
        value: Value::Ranking,
        placeholder: "betweenness|degree",
        doc: "rank by betweenness (the default) or degree",
    },
    OptionSpec {
        word: "weight",
        value: Value::Weighting,
        placeholder: "claims|evidence|goldstein",
        doc: "weigh each tie by its claims, its evidence (distinct sentences, then claims), or goldstein: the sum of its claims' |Goldstein score| (intensity; claims without a score count 0)",
    },
    OptionSpec {
        word: "top",
        value: Value::Number,
        placeholder: "N",
        doc: "how many to list (default 10); the same as `limit N`",
    },
    OptionSpec {
        word: "sample",
        value: Value::Number,
        placeholder: "K",
        doc: "estimate betweenness from K sampled source actors",
    },
    OptionSpec {
        word: "seed",
        value: Value::Number,
        placeholder: "S",
        doc: "the seed that chooses the sample (default 42)",
    },
];

/// The filters several queries share, in the order help lists them.
const FILTER_WORDS: &[&str] = &[
    "via",
    "code",
    "since",
    "until",
    "certainty",
    "genre",
    "rollup",
    "avoid",
    "directed",
];

/// Every query, in the order help lists them.
pub const QUERIES: &[QuerySpec] = &[
    QuerySpec {
        name: "path",
        aliases: &["paths"],
        operands: Operands::Two,
        options: &[
            "via",
            "code",
            "directed",
            "all",
            "k",
            "max",
            "since",
            "until",
            "certainty",
            "genre",
            "rollup",
            "avoid",
        ],
        operand_syntax: "A B",
        summary: "shortest path(s) between two actors, each hop with its evidence",
        help: "\
The shortest path between two actors in hops. Each hop shows the relation used, the action
and date of its strongest claim (firmest certainty, then most recent), how many claims
support it, and that claim's quote. Filters apply during the search, not afterwards. When
there is no path, the answer says why: the hop limit, the direction, the filter, or separate
components.",
        examples: &[
            "path Turkey SDF via conflict",
            "path \"United States\" Iran all max 3",
            "path Oman Israel directed",
            "path US Iran k 3",
        ],
    },
    QuerySpec {
        name: "neighbors",
        aliases: &["neighbours", "nb"],
        operands: Operands::One,
        options: &[
            "depth",
            "via",
            "code",
            "in",
            "out",
            "both",
            "weight",
            "limit",
            "since",
            "until",
            "certainty",
            "genre",
            "rollup",
            "avoid",
        ],
        operand_syntax: "A",
        summary: "actors within N hops, grouped by distance",
        help: "\
The actors within N hops (default 1) of A, grouped by distance. Each shows the actor it was
reached from and the relations between them (kind, claims, main actions, and for coded
event data the signed sum of Goldstein scores: + cooperative, − hostile). `out` follows
claims A's side made, `in` claims made towards it, `both` (default) either.

Within a ring the most strongly tied come first, weighing the relations to the actor each
was reached from: `weight evidence` (the default) by distinct sentences, then claims;
`weight claims` by claim records; `weight goldstein` by the sum of |Goldstein score| over the
claims, the tie's intensity whichever way it points (claims without a score count 0), then
evidence. The list keeps the 50 nearest, strongest-tied actors (ties by name), or N with
`limit N` (`limit 0` for all), and says how many there were in all.",
        examples: &[
            "neighbors Iran depth 2 via cooperation limit 15",
            "neighbors Hakan Fidan depth 2 limit 10",
        ],
    },
    QuerySpec {
        name: "mediators",
        aliases: &["mediator", "brokers"],
        operands: Operands::Two,
        options: &["since", "until", "certainty", "genre", "rollup", "limit"],
        operand_syntax: "A B",
        summary:
            "who mediates between A and B: sourced, then inferred brokers, then common adversaries",
        help: "\
Who mediates between A and B, in two parts:

1. Sourced mediators: actors with mediation claims between A and B (or people acting for
   them). People roll up to the actor they act for (a foreign minister's mediation counts
   for the state) and the answer names them. Ranked by distinct documents, then best
   certainty, then claim count, then most recent date; each line says why it is where it is.
2. Candidate brokers, inferred from the graph: actors with cooperation ties to both A and B,
   and actors on the shortest A–B paths. Ranked by the weaker of the two ties, then total
   ties, then being on a shortest path, then fewer conflict claims.

Then common adversaries: actors in conflict with both and cooperating with neither. `limit N`
lists at most N of each part (by default 20 sourced mediators, 10 brokers and 10 adversaries;
`limit 0` for all) and says how many there were.",
        examples: &["mediators United States Iran", "mediators Israel Turkey"],
    },
    QuerySpec {
        name: "evidence",
        aliases: &["timeline", "claims"],
        operands: Operands::OneOrTwo,
        options: &[
            "via",
            "code",
            "since",
            "until",
            "certainty",
            "genre",
            "rollup",
            "limit",
        ],
        operand_syntax: "A [B]",
        summary: "every claim about A (or between A and B), by date",
        help: "\
Every claim about A, or between A and B, sorted by date: kind, action, certainty, the
document it cites, and the verbatim quote. Claims by people or components that roll up to A
or B are included and marked. The 50 earliest are listed, or N with `limit N` (`limit 0` for
all), with how many there are in all.",
        examples: &["evidence Turkey Israel via conflict", "timeline Oman"],
    },
    QuerySpec {
        name: "show",
        aliases: &["card", "actor"],
        operands: Operands::One,
        options: &["since", "until", "certainty", "genre", "rollup"],
        operand_syntax: "A",
        summary: "the actor card: kind, aliases, links, partners and adversaries",
        help: "\
The actor card: kind, description, aliases, part_of / acts_for (and who rolls up to it),
relations by kind, strongest partners and adversaries, mediation roles, and the documents
that mention it.",
        examples: &["show Hakan Fidan", "show SDF"],
    },
    QuerySpec {
        name: "contested",
        aliases: &[],
        operands: Operands::OptionalOne,
        options: &["since", "until", "certainty", "genre", "rollup", "limit"],
        operand_syntax: "[A]",
        summary: "pairs with both cooperation and conflict claims, most evenly attested first",
        help: "\
Pairs of actors with both cooperation and conflict claims, most evenly attested first, with
the evidence on each side. With A, only pairs that include A. Lists 20 pairs unless `limit N`
says otherwise, and says how many there are.",
        examples: &["contested", "contested Turkey"],
    },
    QuerySpec {
        name: "central",
        aliases: &["centrality"],
        operands: Operands::None,
        options: &[
            "by",
            "weight",
            "via",
            "code",
            "top",
            "limit",
            "sample",
            "seed",
            "since",
            "until",
            "certainty",
            "genre",
            "rollup",
        ],
        operand_syntax: "",
        summary: "the most central actors: betweenness (Brandes) or degree",
        help: "\
The most central actors. Betweenness (the default) counts how often an actor lies on the
shortest paths between others (Brandes' algorithm, direction ignored, normalised as NetworkX
does); degree counts distinct neighbours. Betweenness is exact up to 5,000 actors; on larger
graphs, and whenever `sample K` is given, it is estimated from K source actors chosen with a
seeded shuffle (`seed S`, default 42), so the same query gives the same answer.

`weight` makes degree weighted: an actor's score is the sum, over the actors it is tied to,
of the tie's weight — `claims` (claim records), `evidence` (distinct sentences) or
`goldstein` (the sum of |Goldstein score| of the tie's claims; claims without a score count
0), with the signed Goldstein sum shown beside it. `weight` alone means `by degree`;
betweenness takes no weight. `top N` (or `limit N`) lists N, 10 by default.",
        examples: &[
            "central by betweenness via cooperation top 5",
            "central by degree",
            "central by degree weight evidence limit 5",
        ],
    },
    QuerySpec {
        name: "find",
        aliases: &["search"],
        operands: Operands::Text,
        options: &["limit"],
        operand_syntax: "TEXT",
        summary: "fuzzy search of names and aliases",
        help: "\
Fuzzy lookup of actors by id, name or alias: exact matches first, then prefixes, then
substrings, then near misses. Case and accents do not matter. Lists 20 unless `limit N` ends
the line; the answer says how many matched in all.",
        examples: &["find turk", "find mosad", "find united limit 3"],
    },
    QuerySpec {
        name: "stats",
        aliases: &[],
        operands: Operands::None,
        options: &["rollup"],
        operand_syntax: "",
        summary: "counts, components, most connected actors",
        help: "\
Counts of actors, documents, claims and relations by kind and certainty, the number of
connected components, and the most connected actors.",
        examples: &["stats"],
    },
    QuerySpec {
        name: "documents",
        aliases: &["docs", "sources"],
        operands: Operands::None,
        options: &["genre", "limit"],
        operand_syntax: "",
        summary: "the source documents: title, publisher, date, genre, claims",
        help: "\
The documents the database's claims cite, in the order `documents.ron` lists them: id (the
part of a citation before `#`), title, author and publisher where known, date, genre, how
many claims cite each by kind, and how many actors those claims involve.",
        examples: &["documents"],
    },
    QuerySpec {
        name: "cite",
        aliases: &[],
        operands: Operands::Text,
        options: &[],
        operand_syntax: "DOC#N",
        summary: "one claim with the paragraph around its quote",
        help: "\
The claim a citation names (`iran_update#49` is the 49th claim of the document
`iran_update`, as every answer prints it), with its quote in the paragraph of the document it
comes from, so the quote can be read in context.",
        examples: &["cite iran_update#49", "cite ankara_channel#8"],
    },
    QuerySpec {
        name: "help",
        aliases: &["?"],
        operands: Operands::Topic,
        options: &[],
        operand_syntax: "[QUERY | filters | actions]",
        summary: "this overview, or help on a query or topic",
        help: "The overview of queries, or help on one query or topic.",
        examples: &["help", "help path", "help filters"],
    },
    QuerySpec {
        name: "quit",
        aliases: &["exit", "q"],
        operands: Operands::None,
        options: &[],
        operand_syntax: "",
        summary: "leave (Ctrl-D does too)",
        help: "Ends the session.",
        examples: &[],
    },
];

/// Help topics that are not queries: `(name, aliases)`.
pub const TOPICS: &[(&str, &[&str])] = &[("filters", &["options"]), ("actions", &["kinds"])];

/// The query a word names, by name or alias, ignoring case.
pub fn query(word: &str) -> Option<&'static QuerySpec> {
    QUERIES.iter().find(|q| q.is_called(word))
}

/// The option a word names, ignoring case.
pub fn option(word: &str) -> Option<&'static OptionSpec> {
    OPTIONS.iter().find(|o| o.word.eq_ignore_ascii_case(word))
}

/// The option a misspelt word most likely meant (`sinse` → `since`), among `allowed` when given.
///
/// A word within one edit of an option word, or two for words of five letters or more, so that
/// short actor names (`Iran`, `US`) are not mistaken for options.
pub fn option_near(word: &str, allowed: Option<&[&str]>) -> Option<&'static OptionSpec> {
    let word = word.to_lowercase();
    let reach = if word.chars().count() >= 5 { 2 } else { 1 };
    OPTIONS
        .iter()
        .filter(|o| allowed.is_none_or(|a| a.contains(&o.word)))
        .filter(|o| o.word.len() >= 3)
        .map(|o| (crate::text::edit_distance(&word, o.word), o))
        .filter(|(d, _)| (1..=reach).contains(d))
        .min_by_key(|(d, _)| *d)
        .map(|(_, o)| o)
}

/// The topic a help word names (`filters`, `actions`), by name or alias.
pub fn topic(word: &str) -> Option<&'static str> {
    TOPICS
        .iter()
        .find(|(name, aliases)| {
            name.eq_ignore_ascii_case(word) || aliases.iter().any(|a| a.eq_ignore_ascii_case(word))
        })
        .map(|(name, _)| *name)
}

/// The overview `help` prints: one line per query from the spec.
pub fn overview() -> String {
    let mut s = String::from(
        "Queries (names resolve through aliases, ignoring case and accents; quote multi-word names\nwhen they are ambiguous or contain an option word):\n\n",
    );
    for q in QUERIES {
        let head = if q.operand_syntax.is_empty() {
            q.name.to_string()
        } else {
            format!("{} {}", q.name, q.operand_syntax)
        };
        let head = if q.options.is_empty() {
            head
        } else {
            format!("{head} [options]")
        };
        s.push_str(&format!("  {head:<30} {}\n", q.summary));
    }
    s.push_str("\n`help QUERY` gives a query's options; `help filters` the filters they share; `help actions` the\naction vocabulary. In the REPL, `.help` lists the dot-commands.\n\nExamples:");
    for q in QUERIES.iter().take(4) {
        if let Some(e) = q.examples.first() {
            s.push_str(&format!("\n  {e}"));
        }
    }
    s
}

/// The `help filters` text: the options several queries share, from the option table.
pub fn filters_help() -> String {
    let mut s = String::from("Filters shared by several queries:\n\n");
    for w in FILTER_WORDS {
        let o = option(w).expect("filters are options");
        let users: Vec<&str> = QUERIES
            .iter()
            .filter(|q| q.accepts(w))
            .map(|q| q.name)
            .collect();
        let head = format!("{} {}", o.word, o.placeholder);
        s.push_str(&format!(
            "  {:<16} {}\n  {:<16} (in {})\n",
            head.trim_end(),
            o.doc,
            "",
            users.join(", ")
        ));
    }
    s.push_str(
        "\n`via` takes relation kinds and actions, mixed and comma-separated: a claim passes when its\n\
         kind or its action is among those named, so `via conflict,MEDIATE` keeps every conflict\n\
         claim and every mediation by MEDIATE. `code` takes event-code prefixes as the dataset\n\
         writes them (`code 19` is CAMEO's fighting, `code 045` mediation); a curated claim has no\n\
         code and never passes it. Filters apply while the graph is walked, so a path or\n\
         neighbourhood uses only the claims that pass.\n",
    );
    s.push_str(
        "\nA claim passes a date filter when its date can fall in the window: `since 2025-06` keeps a\n\
         claim dated 2025 or `after 2025-01`, drops one dated `before 2025-06`, and keeps one whose\n\
         date is unknown. Answers print approximate dates as they are: `2011/2024`, `before 2024-12`,\n\
         `date unknown`, `2026-02 (doc date)`.",
    );
    s
}

/// Every word that can start a query: names and aliases.
pub fn query_words() -> impl Iterator<Item = &'static str> {
    QUERIES
        .iter()
        .flat_map(|q| std::iter::once(q.name).chain(q.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_k_option_names_its_bound() {
        let k = OPTIONS
            .iter()
            .find(|o| o.word == "k")
            .expect("`k` is defined");
        assert!(
            k.doc.contains(&format!("at most {}", crate::query::MAX_K)),
            "{}",
            k.doc
        );
    }

    #[test]
    fn every_option_a_query_names_is_defined_once() {
        let mut seen = HashSet::new();
        for o in OPTIONS {
            assert!(seen.insert(o.word), "option {} defined twice", o.word);
            assert_eq!(
                o.placeholder.is_empty(),
                o.value == Value::Flag,
                "{}",
                o.word
            );
        }
        for q in QUERIES {
            for w in q.options {
                assert!(option(w).is_some(), "{} names unknown option {w}", q.name);
            }
        }
        for w in FILTER_WORDS {
            assert!(option(w).is_some(), "filter {w}");
        }
    }

    #[test]
    fn query_words_and_topics_are_unique() {
        let mut seen = HashSet::new();
        for w in query_words().chain(
            TOPICS
                .iter()
                .flat_map(|(n, a)| std::iter::once(*n).chain(a.iter().copied())),
        ) {
            assert!(
                seen.insert(w.to_ascii_lowercase()),
                "'{w}' names two things"
            );
            assert!(
                option(w).is_none(),
                "'{w}' is both a query word and an option"
            );
        }
    }

    #[test]
    fn every_syntax_line_shows_every_option_and_the_operands() {
        for q in QUERIES {
            let syntax = q.syntax();
            assert!(syntax.starts_with(q.name));
            for w in q.options {
                assert!(
                    syntax
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|t| t == *w),
                    "{syntax} lacks {w}"
                );
            }
            assert!(syntax.contains(q.operand_syntax), "{syntax}");
        }
        assert_eq!(
            query("path").unwrap().syntax(),
            "path A B [via KIND…] [code CODE…] [directed] [all | k N] [max N] [since DATE] [until DATE] [certainty LEVEL] [genre GENRE…] [rollup on|off] [avoid ACTOR…]"
        );
        assert_eq!(
            query("neighbours").unwrap().syntax_tail(),
            "A [depth N] [via KIND…] [code CODE…] [in | out | both] [weight claims|evidence|goldstein] [limit N] [since DATE] [until DATE] [certainty LEVEL] [genre GENRE…] [rollup on|off] [avoid ACTOR…]"
        );
    }

    #[test]
    fn every_example_parses_as_its_own_query() {
        for q in QUERIES {
            for e in q.examples {
                let parsed = crate::query::parse(e).unwrap_or_else(|err| panic!("{e}: {err}"));
                let word = e.split_whitespace().next().unwrap();
                assert!(q.is_called(word), "{e} is not an example of {}", q.name);
                let _ = parsed;
            }
        }
    }

    #[test]
    fn lookups_ignore_case_and_find_aliases() {
        assert_eq!(query("TIMELINE").unwrap().name, "evidence");
        assert_eq!(query("nb").unwrap().name, "neighbors");
        assert!(query("pth").is_none());
        assert_eq!(topic("kinds"), Some("actions"));
        assert_eq!(option("VIA").unwrap().value, Value::Kinds);
    }

    #[test]
    fn help_texts_carry_syntax_options_and_examples() {
        let h = query("mediators").unwrap().help_text();
        assert!(h.starts_with("mediators A B [since DATE]"), "{h}");
        assert!(h.contains("(also: mediator, brokers)"));
        assert!(h.contains("  limit N"));
        assert!(h.contains("Examples:\n  mediators United States Iran"));
        let o = overview();
        for q in QUERIES {
            assert!(o.contains(q.summary), "{}", q.name);
        }
        assert!(filters_help().contains("avoid ACTOR…"));
    }
}
