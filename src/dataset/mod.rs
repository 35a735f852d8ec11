//! Event datasets and edge lists: their formats, how their rows read as events, and the
//! `datasets.ron` records that name them.
//!
//! A dataset stays the source of truth. `datasets.ron` names each one ([`DatasetRecord`]: an
//! id, a file, a [`Format`] and its [`Mapping`]), and the loader turns its rows into claims every
//! time the database loads; nothing is copied into RON. This module is the pure half of that:
//! bytes in, [`Parsed`] out — the parties the rows name ([`Party`]), the events they report
//! ([`Event`], each pointing at its row by line and byte span), and every row that made no event
//! with its reason ([`Skipped`]). It knows nothing of the database: matching parties to actors,
//! merging repeated reports and finding the second party of a mediation are the loader's.
//!
//! **One definition per format.** [`FORMATS`] lists each format once with its name, the layout
//! it reads, the [`Mapping`] options it takes and its parser; `dyad import`, `help`, the README
//! and the loader read that table.
//!
//! **Rows are quoted verbatim.** A row's span is its bytes in the file as read (line ending
//! excluded), so the quote an answer shows occurs in the dataset exactly. A file that is not
//! valid UTF-8 is read with each invalid byte replaced by `?` (one byte for one, so every other
//! row keeps its offsets), and the rows that held one are skipped as [`SkipReason::Encoding`]:
//! they could not be quoted as they are.
//!
//! **Nothing is skipped silently.** Every row is an event, a header or comment line, or a
//! [`Skipped`] with its line and reason. Malformed rows ([`SkipReason::is_error`]) carry the
//! column and value at fault; rows that are well formed but name no second party are counted by
//! reason.
//!
//! Must not: read files (the loader hands over bytes), know actors or claims ids, or allocate per
//! byte — a million rows parse at hundreds of thousands of rows a second.

mod acled;
pub mod cameo;
mod cameo_codes;
mod edges;
mod gdelt;
mod icews;
mod polecat;
mod ucdp;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fx::FxHashMap;
use crate::model::{Action, ActorKind, EventDate, PartialDate, RelationKind};

pub use gdelt::{parse_mentions, Mention, Mentions};

/// The formats `dyad import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// ICEWS coded events: tab-separated with a header row.
    Icews,
    /// GDELT 1.0 or 2.0 event exports: tab-separated, no header, the codebook's column order.
    Gdelt,
    /// UCDP GED: comma CSV with a header row; each event is violence between `side_a` and
    /// `side_b`.
    Ucdp,
    /// POLECAT / PLOVER events: tab-separated with a header row, PLOVER event types.
    Polecat,
    /// ACLED events: comma CSV with a header row, ACLED's published columns.
    Acled,
    /// An edge list: CSV or TSV with named columns, or a KONECT `out.*` file.
    Edges,
}

/// One format, defined once: what `dyad import` calls it, what it reads, the options it takes,
/// and its parser.
pub struct FormatSpec {
    /// The format.
    pub format: Format,
    /// The name on the command line and in `datasets.ron`, e.g. `icews`.
    pub name: &'static str,
    /// Who publishes the data, for the README and `help`.
    pub title: &'static str,
    /// The file layout it reads, one sentence.
    pub layout: &'static str,
    /// The [`Mapping`] options it takes, by their `datasets.ron` names.
    pub options: &'static [&'static str],
    /// How rows become events, a sentence or two.
    pub mapping: &'static str,
    /// The certainty its claims get.
    pub certainty: crate::model::Certainty,
    /// Whether rows with the same source, target, code and day are one event reported again
    /// (machine-coded news: one event, many stories), rather than distinct events (UCDP and
    /// ACLED rows are events already).
    pub merges: bool,
    /// The parser.
    pub parse: fn(&Rows<'_>) -> Parsed,
}

/// Every format, in the order `help` and the README list them.
pub const FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Icews,
        name: "icews",
        title: "ICEWS coded event data (Boschee et al., Harvard Dataverse)",
        layout: "tab-separated, a header row naming Event ID, Event Date, Source Name, Source \
                 Sectors, Source Country, CAMEO Code, Intensity, Target Name, Target Sectors, \
                 Target Country and Story ID (other columns are kept in the quote)",
        options: &[],
        mapping: "each row is one event from Source Name to Target Name; the CAMEO code gives \
                  the action (see the CAMEO table), Intensity the Goldstein score, Story ID \
                  the story that finds a mediation's second party; Source Country and Target \
                  Country become the actors' `part_of`",
        certainty: crate::model::Certainty::Coded,
        merges: true,
        parse: icews::parse,
    },
    FormatSpec {
        format: Format::Gdelt,
        name: "gdelt",
        title: "GDELT 1.0 and 2.0 event exports (the GDELT Project)",
        layout: "tab-separated, no header; each row is read by its column count: 57 or 58 \
                 columns are GDELT 1.0, 61 are GDELT 2.0",
        options: &["mentions"],
        mapping: "each row is one event from Actor1 to Actor2, named from their CAMEO actor \
                  codes; EventCode gives the action, GoldsteinScale and QuadClass are kept; \
                  SOURCEURL is the story; a 2.0 Mentions file adds its rows as reports of the \
                  events they mention",
        certainty: crate::model::Certainty::Coded,
        merges: true,
        parse: gdelt::parse,
    },
    FormatSpec {
        format: Format::Ucdp,
        name: "ucdp",
        title: "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program)",
        layout: "comma CSV with GED's header row (id, type_of_violence, side_a, side_b, \
                 date_start, date_end, best, country, …)",
        options: &[],
        mapping: "each event is an ASSAULT by side_a on side_b (state-based, non-state and \
                  one-sided violence alike, code `ged:1` to `ged:3`), dated from date_start \
                  to date_end, weighted by `best` deaths; `Government of X` is an agency part \
                  of X, a side naming several governments one coalition party, civilians \
                  are their country's, other sides armed groups",
        certainty: crate::model::Certainty::Reported,
        merges: false,
        parse: ucdp::parse,
    },
    FormatSpec {
        format: Format::Polecat,
        name: "polecat",
        title: "POLECAT events, PLOVER ontology (Halterman et al.)",
        layout: "tab-separated with a header row naming Event ID, Event Date, Event Type, \
                 Actor Name, Actor Country, Recipient Name, Recipient Country (and, when \
                 present, Event Mode, Intensity or Event Intensity, Story ID): POLECAT's \
                 published layout",
        options: &[],
        mapping: "PLOVER event types are dyad's actions by name; the code is the type and mode \
                  as written (`consult/visit`), the quad class PLOVER's, Intensity the score",
        certainty: crate::model::Certainty::Coded,
        merges: true,
        parse: polecat::parse,
    },
    FormatSpec {
        format: Format::Acled,
        name: "acled",
        title: "ACLED events (Armed Conflict Location & Event Data)",
        layout: "comma CSV with ACLED's header row; reads event_id_cnty, event_date, \
                 event_type, sub_event_type, actor1, inter1, actor2, inter2, country, fatalities",
        options: &[],
        mapping: "event types map to actions (battles and violence against civilians ASSAULT, \
                  protests PROTEST, riots COERCE, strategic developments by sub-type); an \
                  event type or strategic sub-type ACLED does not list is an unknown code; \
                  rows without actor2 name no second party",
        certainty: crate::model::Certainty::Reported,
        merges: false,
        parse: acled::parse,
    },
    FormatSpec {
        format: Format::Edges,
        name: "edges",
        title: "an edge list: CSV/TSV with named columns, or a KONECT `out.*` file",
        layout: "comma, tab or semicolon separated with a header row naming the source and \
                 target columns (and optionally kind, sign, action, date, weight); or a KONECT \
                 file: `%` header lines, then `from to [weight or sign [time]]` per line",
        options: &[
            "source", "target", "kind", "sign", "action", "date", "weight", "as_kind", "names",
        ],
        mapping: "one claim per row, two-sided unless an action column names who acted; sign \
                  +1 is cooperation and -1 conflict, else a kind or action column gives the \
                  kind, else `--as cooperation` (or conflict) states it for the file; without \
                  an action a tie is SUPPORT or PROTEST (`--as mediation` is refused: two \
                  columns cannot say between whom); undated unless a date or time dates it",
        certainty: crate::model::Certainty::Reported,
        merges: true,
        parse: edges::parse,
    },
];

impl Format {
    /// The format's definition.
    pub fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|s| s.format == self)
            .expect("every format is in FORMATS")
    }

    /// The format a name denotes, ignoring case.
    pub fn parse(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| s.format)
    }

    /// The format's name, e.g. `icews`.
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a dataset's rows map to claims, where the format leaves a choice: stored in
/// `datasets.ron` with the dataset, so that every load reads the file the same way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mapping {
    /// Edge lists: the column naming the source actor (default `source`, else the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Edge lists: the column naming the target actor (default `target`, else the second).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Edge lists: a column giving each edge's kind (`cooperation`, `conflict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Edge lists: a column giving each edge's sign (`+1` cooperation, `-1` conflict).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sign: Option<String>,
    /// Edge lists: a column giving each edge's action (`SUPPORT`, `ASSAULT`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// Edge lists: a column giving each edge's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Edge lists: a column giving each edge's weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Edge lists with no kind, sign or action column: the kind every edge is, as the user
    /// states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_kind: Option<RelationKind>,
    /// KONECT files: the node names, in node-number order (node 1 is the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names: Option<Vec<String>>,
    /// GDELT 2.0: a Mentions file, relative to the database directory, whose rows become
    /// further reports of the events they mention.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<String>,
}

impl Mapping {
    /// The options set, by their `datasets.ron` names, for checking them against a format.
    pub fn set(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let pairs: [(&'static str, bool); 10] = [
            ("source", self.source.is_some()),
            ("target", self.target.is_some()),
            ("kind", self.kind.is_some()),
            ("sign", self.sign.is_some()),
            ("action", self.action.is_some()),
            ("date", self.date.is_some()),
            ("weight", self.weight.is_some()),
            ("as_kind", self.as_kind.is_some()),
            ("names", self.names.is_some()),
            ("mentions", self.mentions.is_some()),
        ];
        for (name, set) in pairs {
            if set {
                out.push(name);
            }
        }
        out
    }
}

/// One entry of `datasets.ron`: a dataset file and how to read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetRecord {
    /// The dataset's id: its document id, in citations and `documents`.
    pub id: String,
    /// The file, relative to the database directory (or absolute, for `--in-place`).
    pub file: String,
    /// Its format.
    pub format: Format,
    /// A title, e.g. `ICEWS coded events, 1-2 June 2018 (sample)`.
    pub title: String,
    /// Who publishes the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The data's licence or terms, as its publisher states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Where the data comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How its rows map to claims, where the format leaves a choice.
    #[serde(default, skip_serializing_if = "is_default")]
    pub mapping: Mapping,
}

fn is_default(m: &Mapping) -> bool {
    *m == Mapping::default()
}

/// One entry of `actor-map.ron`: a name or code a dataset uses, and the actor it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMapRecord {
    /// The party's name as the dataset writes it, e.g. `Government of Syria`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Or its code, e.g. GDELT's `SYRGOV`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Only in this dataset (by id); every dataset when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// The actor it means: an id, name or alias of an actor of `actors.ron`.
    pub actor: String,
}

/// A file's text as the parsers read it, with the options that map it.
pub struct Rows<'a> {
    /// The whole file, with invalid UTF-8 bytes replaced one for one (see [`decode`]).
    pub text: &'a str,
    /// The 1-based lines that held invalid UTF-8, each with the 1-based byte column of the
    /// first invalid byte, sorted.
    pub bad_utf8: &'a [(u32, u32)],
    /// The dataset's mapping options.
    pub mapping: &'a Mapping,
}

/// A file's bytes as text: valid UTF-8 as it is; otherwise each invalid byte replaced by `?`,
/// so offsets stay those of the file, with the lines and columns where that happened.
/// A leading UTF-8 byte-order mark is replaced by spaces for the same reason.
pub fn decode(bytes: Vec<u8>) -> (String, Vec<(u32, u32)>) {
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes[..3].copy_from_slice(b"   ");
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut bad = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                match std::str::from_utf8(&bytes[at..]) {
                    Ok(_) => break,
                    Err(e) => {
                        let start = at + e.valid_up_to();
                        let n = e.error_len().unwrap_or(bytes.len() - start);
                        let line_start = bytes[..start]
                            .iter()
                            .rposition(|&b| b == b'\n')
                            .map_or(0, |i| i + 1);
                        let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
                        let col = start - line_start + 1;
                        if bad.last().is_none_or(|&(l, _)| l != line as u32) {
                            bad.push((line as u32, col as u32));
                        }
                        for b in &mut bytes[start..start + n] {
                            *b = b'?';
                        }
                        at = start + n;
                    }
                }
            }
            let text = String::from_utf8(bytes).expect("every invalid byte was replaced");
            (text, bad)
        }
    }
}

/// A line of a file: its 1-based number, its byte offset, and its text without the line
/// ending (`\n` or `\r\n`).
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// Byte offset of the line's first byte in the file.
    pub start: u32,
    /// The line, without its ending.
    pub text: &'a str,
}

/// The lines of a text, with numbers and offsets; a final line without a newline counts, an
/// empty text has none.
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0usize;
    let mut number = 0u32;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let end = rest.find('\n').map_or(rest.len(), |i| i);
        let line = &rest[..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        number += 1;
        let out = Line {
            number,
            start: start as u32,
            text: line,
        };
        start += end + 1;
        Some(out)
    })
}

/// What a dataset's row says an actor is, before matching it to the database.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Party {
    /// The name a new actor gets, and the first spelling matched against actors' names and
    /// aliases, e.g. `Foreign Affairs (Bangladesh)`, `Government (Turkey)`.
    pub name: Box<str>,
    /// The dataset's code for it, if it has one (GDELT's `TURGOV`); `actor-map.ron` can match
    /// it.
    pub code: Option<Box<str>>,
    /// The name of the country the row places it in, e.g. `Turkey`. A new actor becomes
    /// `part_of` that country's actor (found, or created as a state), unless it is the country.
    pub country: Option<Box<str>>,
    /// The kind the data suggests for a new actor.
    pub kind: ActorKind,
}

/// An event a row reports, with the parties as indices into [`Parsed::parties`].
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The row's 1-based line.
    pub line: u32,
    /// Byte offset of the row in the file.
    pub start: u32,
    /// Length of the row in bytes, without its line ending.
    pub len: u32,
    /// The record's id in the dataset (ICEWS's Event ID, GDELT's GLOBALEVENTID, UCDP's id),
    /// or `line N` for formats without one.
    pub record: Box<str>,
    /// The acting party (for a mediation, the mediator).
    pub from: u32,
    /// The other party (for a mediation, the one party the row names).
    pub to: u32,
    /// What the row says `from` did.
    pub action: Action,
    /// Whether the act is two-sided (consultations, agreements signed together).
    pub mutual: bool,
    /// When it happened.
    pub date: EventDate,
    /// The event code as written (CAMEO `0231`, a PLOVER mode), if any.
    pub code: Option<Box<str>>,
    /// The Goldstein score or intensity, -10 to +10.
    pub goldstein: Option<f32>,
    /// The quad class, 1 to 4.
    pub quad: Option<u8>,
    /// A weight (an edge list's, or deaths for UCDP).
    pub weight: Option<f32>,
    /// The story or record the row was coded from (ICEWS Story ID, GDELT SOURCEURL): events of
    /// one story find a mediation's second party.
    pub story: Option<Box<str>>,
}

/// Why a row made no event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// The row has the wrong number of columns.
    Columns,
    /// A date that does not parse.
    Date,
    /// An event code the CAMEO (or PLOVER) table does not have.
    Code,
    /// A value that is not what its column holds (a number, a sign, a kind, an action).
    Value,
    /// Bytes that are not UTF-8.
    Encoding,
    /// The row names no source actor.
    NoSource,
    /// The row names no target actor: an event with one party is not a relation.
    NoTarget,
    /// Source and target are the same actor.
    SameActor,
    /// A GDELT Mentions row whose event is not in the events file.
    NoEvent,
}

impl SkipReason {
    /// Every reason, in report order.
    pub const ALL: [SkipReason; 9] = [
        SkipReason::Columns,
        SkipReason::Date,
        SkipReason::Code,
        SkipReason::Value,
        SkipReason::Encoding,
        SkipReason::NoSource,
        SkipReason::NoTarget,
        SkipReason::SameActor,
        SkipReason::NoEvent,
    ];

    /// Whether the row is malformed (an error a user should see located), rather than well
    /// formed but not a relation between two actors.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            SkipReason::Columns
                | SkipReason::Date
                | SkipReason::Code
                | SkipReason::Value
                | SkipReason::Encoding
        )
    }

    /// The reason as reports and JSON name it, e.g. `no_target`.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Columns => "columns",
            SkipReason::Date => "date",
            SkipReason::Code => "code",
            SkipReason::Value => "value",
            SkipReason::Encoding => "encoding",
            SkipReason::NoSource => "no_source",
            SkipReason::NoTarget => "no_target",
            SkipReason::SameActor => "same_actor",
            SkipReason::NoEvent => "no_event",
        }
    }

    /// What the reason means, for reports: "wrong number of columns".
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Columns => "wrong number of columns",
            SkipReason::Date => "bad date",
            SkipReason::Code => "unknown event code",
            SkipReason::Value => "bad value",
            SkipReason::Encoding => "not valid UTF-8",
            SkipReason::NoSource => "no source actor",
            SkipReason::NoTarget => "no target actor (one-sided event)",
            SkipReason::SameActor => "source and target are the same actor",
            SkipReason::NoEvent => "mentions an event not in the events file",
        }
    }
}

/// A row that made no event: where, why, and (for malformed rows) what exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The row's 1-based line.
    pub line: u32,
    /// Why.
    pub reason: SkipReason,
    /// For malformed rows, what was wrong in words, naming the column and value, e.g.
    /// `Event Date "2018-13-01" is not a date`; `None` for well-formed rows.
    pub detail: Option<Box<str>>,
}

/// A file's rows, parsed.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Every party the rows name, once each.
    pub parties: Vec<Party>,
    /// The events, in file order.
    pub events: Vec<Event>,
    /// Every row that made no event, in file order.
    pub skipped: Vec<Skipped>,
    /// Data rows read (header and comment lines excluded).
    pub rows: u32,
}

/// Builds a [`Parsed`], interning parties.
#[derive(Default)]
pub struct Builder {
    out: Parsed,
    index: FxHashMap<Party, u32>,
}

impl Builder {
    /// A new builder.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The index of a party, adding it if new.
    pub fn party(&mut self, p: Party) -> u32 {
        if let Some(&i) = self.index.get(&p) {
            return i;
        }
        let i = self.out.parties.len() as u32;
        self.out.parties.push(p.clone());
        self.index.insert(p, i);
        i
    }

    /// Counts a data row.
    pub fn row(&mut self) {
        self.out.rows += 1;
    }

    /// Adds an event.
    pub fn event(&mut self, e: Event) {
        self.out.events.push(e);
    }

    /// Counts a data row and checks what every format checks first: that it is UTF-8 and has
    /// as many columns as the header (`columns` is `None` when a quote was left open). A row
    /// that fails is recorded as skipped, and `false` is returned.
    pub fn checked(
        &mut self,
        rows: &Rows<'_>,
        line: u32,
        columns: Option<usize>,
        want: usize,
    ) -> bool {
        self.row();
        if let Some(col) = bad_byte(rows.bad_utf8, line) {
            self.skip(
                line,
                SkipReason::Encoding,
                Some(format!("invalid UTF-8 at byte {col}")),
            );
            return false;
        }
        match columns {
            None => {
                self.skip(
                    line,
                    SkipReason::Columns,
                    Some("a quote is left open".into()),
                );
                false
            }
            Some(n) if n != want => {
                self.skip(
                    line,
                    SkipReason::Columns,
                    Some(format!("{n} columns, the header has {want}")),
                );
                false
            }
            Some(_) => true,
        }
    }

    /// Records a skipped row.
    pub fn skip(&mut self, line: u32, reason: SkipReason, detail: Option<String>) {
        self.out.skipped.push(Skipped {
            line,
            reason,
            detail: detail.map(String::into_boxed_str),
        });
    }

    /// The result.
    pub fn finish(self) -> Parsed {
        self.out
    }
}

/// Parses a file in a format.
///
/// A GDELT file, whose rows stand alone (no header, no state carried from line to line), is
/// cut at line ends into one part per core and the parts parsed in parallel; the result is
/// the same as parsing it whole (`parallel_parse_is_the_whole_parse` checks it).
pub fn parse(format: Format, rows: &Rows<'_>) -> Parsed {
    const PART: usize = 8 << 20;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if format != Format::Gdelt || rows.text.len() < 2 * PART || threads < 2 {
        return (format.spec().parse)(rows);
    }
    parse_in_parts(format, rows, threads)
}

/// Parses line-independent rows in `parts` parts on as many threads, then joins them.
fn parse_in_parts(format: Format, rows: &Rows<'_>, parts: usize) -> Parsed {
    let text = rows.text;
    // Cut points at line starts, so that no row is split.
    let mut cuts = vec![0usize];
    for k in 1..parts {
        let want = text.len() * k / parts;
        let at = text[want..].find('\n').map_or(text.len(), |i| want + i + 1);
        if at > *cuts.last().unwrap_or(&0) && at < text.len() {
            cuts.push(at);
        }
    }
    cuts.push(text.len());
    let ranges: Vec<(usize, usize)> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    // The line number each part starts at.
    let mut first_line = Vec::with_capacity(ranges.len());
    let mut line = 0u32;
    for &(a, b) in &ranges {
        first_line.push(line);
        line += text.as_bytes()[a..b]
            .iter()
            .filter(|&&c| c == b'\n')
            .count() as u32;
    }
    let results: Vec<Parsed> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .zip(&first_line)
            .map(|(&(a, b), &offset)| {
                let chunk_lines = text.as_bytes()[a..b]
                    .iter()
                    .filter(|&&c| c == b'\n')
                    .count() as u32
                    + 1;
                let bad: Vec<(u32, u32)> = rows
                    .bad_utf8
                    .iter()
                    .filter(|(l, _)| *l > offset && *l <= offset + chunk_lines)
                    .map(|&(l, c)| (l - offset, c))
                    .collect();
                scope.spawn(move || {
                    (format.spec().parse)(&Rows {
                        text: &text[a..b],
                        bad_utf8: &bad,
                        mapping: rows.mapping,
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a parser thread does not panic"))
            .collect()
    });
    let mut b = Builder::new();
    for ((part, &(start, _)), &offset) in results.into_iter().zip(&ranges).zip(&first_line) {
        let map: Vec<u32> = part.parties.into_iter().map(|p| b.party(p)).collect();
        b.out.rows += part.rows;
        for mut e in part.events {
            e.line += offset;
            e.start += start as u32;
            e.from = map[e.from as usize];
            e.to = map[e.to as usize];
            b.out.events.push(e);
        }
        for mut s in part.skipped {
            s.line += offset;
            b.out.skipped.push(s);
        }
    }
    b.finish()
}

/// A field that is missing: empty, or R's and pandas's `NA`, `NaN`, `NULL`.
pub fn missing(field: &str) -> bool {
    let f = field.trim();
    f.is_empty() || f == "NA" || f == "NaN" || f == "NULL" || f == "null"
}

/// Parses a day written `YYYY-MM-DD` (optionally followed by a time, as UCDP writes
/// `2013-01-03 00:00:00.000`), `YYYYMMDD` (GDELT's SQLDATE), `DD Month YYYY` (ACLED), a bare
/// `YYYY-MM` or `YYYY`.
pub fn parse_day(field: &str) -> Option<PartialDate> {
    let f = field.trim();
    let f = f.split([' ', 'T']).next().unwrap_or(f);
    if f.len() == 8 && f.bytes().all(|b| b.is_ascii_digit()) {
        // GDELT writes a day on every row: read it without building a string.
        let n = |r: std::ops::Range<usize>| f[r].parse::<u16>().ok();
        return PartialDate::day(n(0..4)?, n(4..6)? as u8, n(6..8)? as u8);
    }
    if let Ok(d) = f.parse::<PartialDate>() {
        return Some(d);
    }
    parse_day_month_year(field.trim())
}

/// `3 January 2013` or `03-January-2013`, as ACLED writes dates.
fn parse_day_month_year(f: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = f.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let month = crate::model::MONTH_NAMES
        .iter()
        .position(|name| name.eq_ignore_ascii_case(m) || name[..3].eq_ignore_ascii_case(m))?;
    let day: u8 = d.parse().ok()?;
    let year: u16 = y.parse().ok()?;
    format!("{year:04}-{:02}-{day:02}", month + 1).parse().ok()
}

/// A short, quoted rendering of a value for messages.
pub fn shown(value: &str) -> String {
    format!("{:?}", crate::text::clip(value, 40))
}

/// A header's columns, found by name (ignoring case and surrounding space).
pub struct Header<'a> {
    names: Vec<&'a str>,
}

impl<'a> Header<'a> {
    /// Reads a header row split into fields.
    pub fn new(names: Vec<&'a str>) -> Header<'a> {
        Header { names }
    }

    /// The index of a column.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n.trim().trim_matches('"').eq_ignore_ascii_case(name))
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no columns.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names, as written.
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }
}

/// The columns a format requires, found in its header by name; or, when one is missing, the
/// file's one problem, naming the column and every column the format requires.
pub fn required<const N: usize>(
    header: &Header<'_>,
    names: [&str; N],
    format: &str,
    line: u32,
) -> Result<[usize; N], Parsed> {
    let mut at = [0usize; N];
    for (i, name) in names.iter().enumerate() {
        at[i] = header.find(name).ok_or_else(|| {
            Parsed::unreadable(
                line,
                format!(
                    "the header has no {name:?} column; {format}'s header names {}",
                    names.join(", ")
                ),
            )
        })?;
    }
    Ok(at)
}

/// A Goldstein score or intensity as a column writes it: a number from -10 to 10, or `None`
/// when the field is missing; otherwise what is wrong, naming the column.
pub fn score(column: &str, value: &str) -> Result<Option<f32>, String> {
    if missing(value) {
        return Ok(None);
    }
    match value.trim().parse::<f32>() {
        Ok(x) if (-10.0..=10.0).contains(&x) => Ok(Some(x)),
        _ => Err(format!(
            "{column} {} is not a number from -10 to 10",
            shown(value)
        )),
    }
}

/// A CSV file's header row, split, and the records after it; or the file's one problem when
/// it is empty or its header leaves a quote open. `what` names the format's files, e.g.
/// `an ACLED file`.
pub fn csv_header<'t>(
    text: &'t str,
    sep: u8,
    what: &str,
) -> Result<(Vec<String>, u32, impl Iterator<Item = Line<'t>>), Parsed> {
    let mut records = csv_records(text).filter(|l| !l.text.trim().is_empty());
    let Some(head) = records.next() else {
        return Err(Parsed::unreadable(
            1,
            format!("the file is empty: {what} starts with a header row"),
        ));
    };
    let mut names = Vec::new();
    if split_csv(head.text, sep, &mut names).is_none() {
        return Err(Parsed::unreadable(
            head.number,
            "the header has an unclosed quote".into(),
        ));
    }
    Ok((names, head.number, records))
}

/// The record id a row gives, or `line N` when it gives none.
pub fn record_id(id: &str, line: u32) -> Box<str> {
    if missing(id) {
        format!("line {line}").into()
    } else {
        id.trim().into()
    }
}

/// Why a file cannot be read as its format at all (as opposed to a bad row): a header without
/// a required column, an empty file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The 1-based line at fault (the header's, usually).
    pub line: u32,
    /// What is wrong, in words.
    pub message: String,
}

impl Parsed {
    /// A parse that could not start: the whole file is one problem, reported at `line`.
    pub fn unreadable(line: u32, message: String) -> Parsed {
        let mut b = Builder::new();
        b.skip(line, SkipReason::Columns, Some(message));
        b.finish()
    }

    /// Skipped rows counted by reason, in [`SkipReason::ALL`] order, zero counts left out.
    pub fn skipped_by_reason(&self) -> Vec<(SkipReason, usize)> {
        count_reasons(self.skipped.iter().map(|s| s.reason))
    }
}

/// What loading one dataset found: the figures `dyad import` prints, `stats` and `datasets`
/// show, and `dyad check` lists. Built by the loader; kept with the database (and in its
/// snapshot), so every answer about a dataset agrees with the load that made its claims.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The dataset's id.
    pub id: String,
    /// Its format.
    pub format: Format,
    /// Its document (the events file).
    pub doc: crate::model::DocId,
    /// Events made into claims, by relation kind (cooperation, conflict, mediation).
    pub kinds: [u32; 3],
    /// Rows that reported an event already made (same source, target, code and day), and
    /// Mentions rows joined to an event: evidence beyond each claim's first row.
    pub extra_reports: u32,
    /// Mediations whose second party no other row of their story names.
    pub one_sided_mediations: u32,
    /// Distinct parties matched to actors that already existed (of `actors.ron`, through
    /// `actor-map.ron`, or created by an earlier dataset).
    pub actors_matched: u32,
    /// Actors created for parties that matched none.
    pub actors_created: u32,
    /// The files read: the events file, then a Mentions file if any.
    pub files: Vec<FileReport>,
}

impl Report {
    /// Events made into claims.
    pub fn events(&self) -> u32 {
        self.kinds.iter().sum()
    }

    /// Rows skipped, over every file.
    pub fn skipped(&self) -> u32 {
        self.files
            .iter()
            .flat_map(|f| &f.skipped)
            .map(|(_, n)| *n)
            .sum()
    }
}

/// What reading one dataset file found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    /// The file as `datasets.ron` names it.
    pub file: String,
    /// Data rows read.
    pub rows: u32,
    /// Rows skipped, by reason, in [`SkipReason::ALL`] order.
    pub skipped: Vec<(SkipReason, u32)>,
    /// Every malformed row ([`SkipReason::is_error`]), in file order.
    pub errors: Vec<Skipped>,
    /// The first few rows skipped for each other reason, so a report can point at examples.
    pub examples: Vec<Skipped>,
}

impl FileReport {
    /// How many examples of each well-formed skip reason a report keeps.
    pub const EXAMPLES: usize = 3;

    /// The report of a file's skipped rows.
    pub fn new(file: String, rows: u32, skipped: &[Skipped]) -> FileReport {
        let mut errors = Vec::new();
        let mut examples: Vec<Skipped> = Vec::new();
        for s in skipped {
            if s.reason.is_error() {
                errors.push(s.clone());
            } else if examples.iter().filter(|e| e.reason == s.reason).count() < Self::EXAMPLES {
                examples.push(s.clone());
            }
        }
        FileReport {
            file,
            rows,
            skipped: count_reasons(skipped.iter().map(|s| s.reason))
                .into_iter()
                .map(|(r, n)| (r, n as u32))
                .collect(),
            errors,
            examples,
        }
    }
}

/// Counts reasons, in [`SkipReason::ALL`] order, zero counts left out.
pub fn count_reasons(reasons: impl Iterator<Item = SkipReason>) -> Vec<(SkipReason, usize)> {
    let mut counts = [0usize; SkipReason::ALL.len()];
    for r in reasons {
        counts[SkipReason::ALL.iter().position(|x| *x == r).unwrap_or(0)] += 1;
    }
    SkipReason::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Splits a line of a character-separated file, honouring double quotes as CSV does (`""` is
/// a quote inside a quoted field). Returns `None` when a quote is left open, which a row that
/// spans lines also shows as.
pub fn split_csv(line: &str, sep: u8, out: &mut Vec<String>) -> Option<()> {
    out.clear();
    let bytes = line.as_bytes();
    if !bytes.contains(&b'"') {
        out.extend(line.split(sep as char).map(str::to_string));
        return Some(());
    }
    let mut field = String::new();
    let mut i = 0;
    let mut quoted = false;
    let mut start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    field.push('"');
                    i += 2;
                    continue;
                }
                quoted = false;
                i += 1;
                continue;
            }
        } else if b == b'"' && start {
            quoted = true;
            start = false;
            i += 1;
            continue;
        } else if b == sep {
            out.push(std::mem::take(&mut field));
            start = true;
            i += 1;
            continue;
        }
        // Push the whole UTF-8 character starting here.
        let ch_len = line[i..].chars().next().map_or(1, char::len_utf8);
        field.push_str(&line[i..i + ch_len]);
        start = false;
        i += ch_len;
    }
    if quoted {
        return None;
    }
    out.push(field);
    Some(())
}

/// The lines of a CSV text grouped into records: a quoted field may hold newlines, so a record
/// can span lines. Each record is its first line's number and offset, and its text (all its
/// lines, without the final line ending).
pub fn csv_records(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut inner = lines(text).peekable();
    std::iter::from_fn(move || {
        let first = inner.next()?;
        let mut quotes = first.text.bytes().filter(|&b| b == b'"').count();
        let mut end = first.start as usize + first.text.len();
        while quotes % 2 == 1 {
            match inner.next() {
                Some(next) => {
                    quotes += next.text.bytes().filter(|&b| b == b'"').count();
                    end = next.start as usize + next.text.len();
                }
                None => break,
            }
        }
        Some(Line {
            number: first.number,
            start: first.start,
            text: &text[first.start as usize..end],
        })
    })
}

/// Whether a 1-based line held invalid UTF-8, and at which column.
pub fn bad_byte(bad: &[(u32, u32)], line: u32) -> Option<u32> {
    bad.binary_search_by_key(&line, |&(l, _)| l)
        .ok()
        .map(|i| bad[i].1)
}

/// Title-cases a name written in capitals, as GDELT writes `UNITED STATES`: `United States`.
/// A name with any lower-case letter is kept as written.
pub fn title_case(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = c == ' ' || c == '-' || c == '(' || c == '/';
        }
    }
    out
}

/// A header line and up to 80 random bytes after it, drawn from `alphabet` with now and then
/// a byte that is not UTF-8: the input the parsers' no-panic tests feed them.
#[cfg(test)]
pub(crate) fn soup(rng: &mut crate::rng::Rng, head: &str, alphabet: &[u8]) -> Vec<u8> {
    let mut bytes = format!("{head}\n").into_bytes();
    let len = rng.below(80);
    bytes.extend((0..len).map(|_| {
        if rng.below(25) == 0 {
            0x80 + rng.below(0x80) as u8
        } else {
            alphabet[rng.below(alphabet.len())]
        }
    }));
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_replaces_each_invalid_byte_with_one_byte_and_says_where() {
        let (text, bad) = decode(b"ok\nbad \x82\xC4 row\nfine".to_vec());
        assert_eq!(text, "ok\nbad ?? row\nfine");
        assert_eq!(bad, vec![(2, 5)]);
    }

    #[test]
    fn lines_number_from_one_and_drop_crlf() {
        let v: Vec<_> = lines("a\r\nb\n\nc")
            .map(|l| (l.number, l.start, l.text))
            .collect();
        assert_eq!(v, vec![(1, 0, "a"), (2, 3, "b"), (3, 5, ""), (4, 6, "c")]);
    }

    #[test]
    fn days_parse_in_every_written_form() {
        let d = |s: &str| parse_day(s).map(|d| d.to_string());
        assert_eq!(d("2018-06-01").as_deref(), Some("2018-06-01"));
        assert_eq!(d("20171202").as_deref(), Some("2017-12-02"));
        assert_eq!(d("2013-01-03 00:00:00.000").as_deref(), Some("2013-01-03"));
        assert_eq!(d("3 January 2013").as_deref(), Some("2013-01-03"));
        assert_eq!(d("2018-13-01"), None);
        assert_eq!(d("NA"), None);
    }

    #[test]
    fn csv_fields_keep_quoted_separators_and_doubled_quotes() {
        let mut out = Vec::new();
        split_csv(r#"1,"a, b","say ""hi""",,x"#, b',', &mut out).unwrap();
        assert_eq!(out, vec!["1", "a, b", "say \"hi\"", "", "x"]);
        assert!(split_csv(r#"1,"open"#, b',', &mut out).is_none());
    }

    #[test]
    fn csv_records_join_lines_inside_quotes() {
        let recs: Vec<_> = csv_records("h\n1,\"two\nlines\"\n3,x\n")
            .map(|l| (l.number, l.text))
            .collect();
        assert_eq!(recs, vec![(1, "h"), (2, "1,\"two\nlines\""), (4, "3,x")]);
    }

    #[test]
    fn parallel_parse_is_the_whole_parse() {
        let dir = std::env::temp_dir().join(format!("dyad-parts-{}", std::process::id()));
        crate::synth::write_gdelt(&dir, "e.csv", 5_000, 3).unwrap();
        let mut bytes = std::fs::read(dir.join("e.csv")).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        // A bad byte and a short row, so skipped lines must keep their numbers too.
        let mid = bytes.len() / 2;
        let at = mid + bytes[mid..].iter().position(|&b| b == b'\n').unwrap();
        bytes.insert(at, 0xff);
        bytes.extend_from_slice(b"1\t2\n");
        let (text, bad) = decode(bytes);
        let m = Mapping::default();
        let rows = Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: &m,
        };
        let whole = (Format::Gdelt.spec().parse)(&rows);
        for parts in [2, 3, 7] {
            let split = parse_in_parts(Format::Gdelt, &rows, parts);
            assert_eq!(split.rows, whole.rows);
            assert_eq!(split.events, whole.events, "{parts} parts");
            assert_eq!(split.skipped, whole.skipped, "{parts} parts");
            assert_eq!(split.parties, whole.parties, "{parts} parts");
        }
    }

    #[test]
    fn capitals_become_title_case() {
        assert_eq!(title_case("UNITED STATES"), "United States");
        assert_eq!(title_case("Hamas"), "Hamas");
    }

    #[test]
    fn every_format_is_defined_once() {
        // The snapshot stores a format as its index here.
        for (i, s) in FORMATS.iter().enumerate() {
            assert_eq!(s.format as usize, i);
            assert_eq!(Format::parse(s.name), Some(s.format));
            assert_eq!(FORMATS.iter().filter(|t| t.format == s.format).count(), 1);
        }
    }
}
