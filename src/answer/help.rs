//! `help`: the overview, one query's help, or a topic (filters, actions).

use serde::Serialize;

use super::QueryError;
use crate::model::Action;

/// The answer to `help`: a text for people.
#[derive(Clone, Debug, Serialize)]
pub struct HelpAnswer {
    /// The topic asked about, as typed (e.g. `path` or `filters`); `null` for the overview.
    pub topic: Option<String>,
    /// The help text, already laid out in lines.
    pub text: String,
}

/// Help for a query, or the overview.
pub fn help(topic: Option<&str>) -> Result<HelpAnswer, QueryError> {
    let text = match topic {
        None => HELP_OVERVIEW.to_string(),
        Some(t) => match t {
            "path" | "paths" => HELP_PATH,
            "neighbors" | "neighbours" | "nb" => HELP_NEIGHBORS,
            "mediators" | "mediator" | "brokers" => HELP_MEDIATORS,
            "evidence" | "timeline" | "claims" => HELP_EVIDENCE,
            "show" | "card" | "actor" => HELP_SHOW,
            "contested" => HELP_CONTESTED,
            "find" | "search" => HELP_FIND,
            "stats" => HELP_STATS,
            "central" | "centrality" => HELP_CENTRAL,
            "filters" | "options" => HELP_FILTERS,
            "actions" | "kinds" => {
                return Ok(HelpAnswer {
                    topic: Some(t.to_string()),
                    text: actions_help(),
                })
            }
            "help" | "quit" => HELP_OVERVIEW,
            other => {
                return Err(
                    QueryError::new(format!("no help on '{other}'")).help(format!(
                        "topics: {}, filters, actions",
                        crate::query::COMMANDS.join(", ")
                    )),
                )
            }
        }
        .to_string(),
    };
    Ok(HelpAnswer {
        topic: topic.map(str::to_string),
        text,
    })
}

fn actions_help() -> String {
    let mut s = String::from("Actions (PLOVER-aligned) and the relation kind each belongs to:\n");
    for a in Action::ALL {
        s.push_str(&format!(
            "  {:<10} {:<12} {}\n",
            a.as_str(),
            a.kind().as_str(),
            a.gloss()
        ));
    }
    s.push_str("\nCertainty, firmest first: stated, reported, alleged, opinion, speculative.");
    s
}

const HELP_OVERVIEW: &str = "\
Queries (names resolve through aliases, ignoring case and accents; quote multi-word names
when they are ambiguous or contain an option word):

  path A B [options]          shortest path(s) between two actors, each hop with its evidence
  neighbors A [options]       actors within N hops, grouped by distance
  mediators A B [options]     who mediates between A and B: sourced, then inferred brokers
  evidence A [B] [options]    every claim about A (or between A and B), by date; alias: timeline
  show A                      the actor card: kind, aliases, links, partners and adversaries
  contested [A]               pairs with both cooperation and conflict claims
  central [by KIND] [top N]   the most central actors: betweenness (Brandes) or degree
  find TEXT                   fuzzy search of names and aliases
  stats                       counts, components, most connected actors
  help [QUERY|filters|actions]
  quit

REPL commands: .mode table|json, .read FILE, .timer on|off, .width N, .help, .quit,
  export [graph] [dot|svg|png|pdf|json|graphml|csv] FILE   (the last answer, or the graph)
Examples:
  path Turkey SDF via conflict
  path \"United States\" Iran all max 3
  mediators US Iran
  neighbors Hakan Fidan depth 2 limit 10
  evidence Turkey Israel since 2025";

const HELP_PATH: &str = "\
path A B [via KIND…] [directed] [all | k N] [max N] [since DATE] [until DATE]
         [certainty LEVEL] [avoid ACTOR…]

The shortest path between two actors in hops. Each hop shows the relation used, the action
and date of its strongest claim (firmest certainty, then most recent), how many claims
support it, and that claim's quote. Filters apply during the search, not afterwards:

  via KIND…        only cooperation, conflict and/or mediation relations
  directed         walk a relation only the way its claims go (mutual claims go both ways;
                   a mediation goes from the mediator to each party)
  all              every shortest path (lists up to 50, counts them all)
  k N              the N shortest simple paths (Yen's algorithm)
  max N            at most N hops
  since / until    only claims whose date may fall in the range (partial dates overlap)
  certainty LEVEL  only claims at least this firm
  avoid ACTOR…     never pass through these actors

When there is no path, the answer says why: the hop limit, the direction, the filter, or
separate components.

Examples: path Turkey SDF via conflict · path US Iran k 3 · path Oman Israel directed";

const HELP_NEIGHBORS: &str = "\
neighbors A [depth N] [via KIND…] [in | out | both] [limit N] [since …] [until …]
            [certainty LEVEL] [avoid ACTOR…]

The actors within N hops (default 1) of A, grouped by distance. Each shows the actor it was
reached from and the relations between them (kind, claims, main actions). `out` follows
claims A's side made, `in` claims made towards it, `both` (default) either. With `limit N`
the list keeps the N nearest, strongest-tied actors (ties by name) and says it was cut.

Example: neighbors Iran depth 2 via cooperation limit 15";

const HELP_MEDIATORS: &str = "\
mediators A B [since …] [until …] [certainty LEVEL] [limit N]

Who mediates between A and B, in two parts:

1. Sourced mediators: actors with mediation claims between A and B (or people acting for
   them). People roll up to the actor they act for (a foreign minister's mediation counts
   for the state) and the answer names them. Ranked by distinct documents, then best
   certainty, then claim count, then most recent date; each line says why it is where it is.
2. Candidate brokers, inferred from the graph: actors with cooperation ties to both A and B,
   and actors on the shortest A–B paths. Ranked by the weaker of the two ties, then total
   ties, then being on a shortest path, then fewer conflict claims. `limit N` (default 10).

Example: mediators United States Iran";

const HELP_EVIDENCE: &str = "\
evidence A [B] [via KIND…] [since …] [until …] [certainty LEVEL]     (alias: timeline)

Every claim about A, or between A and B, sorted by date: kind, action, certainty, the
document it cites, and the verbatim quote. Claims by people or components that roll up to A
or B are included and marked.

Example: evidence Turkey Israel via conflict";

const HELP_SHOW: &str = "\
show A

The actor card: kind, description, aliases, part_of / acts_for (and who rolls up to it),
relations by kind, strongest partners and adversaries, mediation roles, and the documents
that mention it.";

const HELP_CONTESTED: &str = "\
contested [A] [since …] [until …] [certainty LEVEL]

Pairs of actors with both cooperation and conflict claims, most evenly attested first, with
the evidence on each side. With A, only pairs that include A.";

const HELP_FIND: &str = "\
find TEXT

Fuzzy lookup of actors by id, name or alias: exact matches first, then prefixes, then
substrings, then near misses. Case and accents do not matter.";

const HELP_CENTRAL: &str = "\
central [by betweenness|degree] [via KIND…] [top N] [sample K] [seed S] [since …] [until …]
        [certainty LEVEL]

The most central actors. Betweenness (the default) counts how often an actor lies on the
shortest paths between others (Brandes' algorithm, direction ignored, normalised as NetworkX
does); degree counts distinct neighbours. Betweenness is exact up to 5,000 actors; on larger
graphs, and whenever `sample K` is given, it is estimated from K source actors chosen with a
seeded shuffle (`seed S`, default 42), so the same query gives the same answer. `top N`
(default 10) sets how many are listed.

Example: central by betweenness via cooperation top 5";

const HELP_STATS: &str = "\
stats

Counts of actors, documents, claims and relations by kind and certainty, the number of
connected components, and the most connected actors.";

const HELP_FILTERS: &str = "\
Filters shared by several queries:

  via KIND…        cooperation, conflict, mediation (one or more; commas allowed)
  since DATE       claims whose date may fall on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)
  until DATE       claims whose date may fall on or before DATE
  certainty LEVEL  stated > reported > alleged > opinion > speculative; keeps LEVEL and firmer
  avoid ACTOR…     (path, neighbors) never enter these actors
  directed         (path) follow the direction of claims";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_topic_exists() {
        for c in crate::query::COMMANDS {
            assert!(help(Some(c)).is_ok(), "{c}");
        }
        assert!(help(Some("filters")).is_ok());
        assert!(help(Some("nonsense")).is_err());
    }
}
