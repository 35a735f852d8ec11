//! Rendering answers: text for people (fitted to a terminal width), JSON for scripts, and the
//! tables of the tabular modes ([`tables`]).
//!
//! Rendering is separate from answering: an [`Answer`] is complete data, and every renderer
//! reads only it. Text is laid out for the width and never cut: a row too long wraps under
//! its own column, and a name too long for its column takes a line of its own. The JSON is `serde_json` of the answer itself, so its shape is the answer
//! types' shape (documented in README.md).
//!
//! Everything text-shaped leaves through [`crate::text::terminal_safe`]: [`text`] and
//! [`error_text`] apply it to what they return, so a control character or escape sequence in a
//! name, quote or query line is shown escaped, never obeyed by the terminal. The JSON stays
//! exact: serde escapes C0 controls, and [`json`] writes DEL and the C1 controls as `\u`
//! escapes too, which any JSON reader decodes to the same string.

use std::fmt::Write as _;

use crate::answer::*;
use crate::graph::Direction;
use crate::model::RelationKind;
use crate::query::{Centrality, Weighting};

pub mod tables;
use crate::text::terminal_safe;

/// The narrowest width text output is laid out for, whatever the terminal says.
pub const MIN_WIDTH: usize = 40;

/// Output formats: what `--format` and `.mode` choose between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Text for people, laid out to the output width (never narrower than [`MIN_WIDTH`] columns).
    #[default]
    Text,
    /// One JSON document per answer: the answer serialised by [`json`], compact on one line
    /// under `--format json`, pretty by default in a REPL session (`.mode json`).
    Json,
    /// Each section of an answer as CSV with a header line ([`tables`]).
    Csv,
    /// Each section as tab-separated values.
    Tsv,
    /// Each section as a markdown table under a bold caption.
    Markdown,
    /// Each section as a boxed table fitted to the width.
    Table,
}

impl Format {
    /// Every format, in the order help lists them.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Json,
        Format::Csv,
        Format::Tsv,
        Format::Markdown,
        Format::Table,
    ];

    /// The word that names it, in `--format` and `.mode`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Markdown => "markdown",
            Format::Table => "table",
        }
    }

    /// Other words accepted for it.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["md"],
            Format::Table => &["box"],
            _ => &[],
        }
    }

    /// What it prints, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Text => "answers as text laid out for the width (the default)",
            Format::Json => "one JSON document per answer and per notice, nothing else",
            Format::Csv => "each list in an answer as CSV with a header line",
            Format::Tsv => "each list as tab-separated values",
            Format::Markdown => "each list as a markdown table",
            Format::Table => "each list as a boxed table fitted to the width",
        }
    }

    /// The format a word names (ignoring case), by name or alias.
    pub fn parse(word: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| {
            f.name().eq_ignore_ascii_case(word)
                || f.aliases().iter().any(|a| a.eq_ignore_ascii_case(word))
        })
    }

    /// The table style of a tabular format; `None` for text and JSON.
    pub fn style(self) -> Option<tables::Style> {
        match self {
            Format::Text | Format::Json => None,
            Format::Csv => Some(tables::Style::Csv),
            Format::Tsv => Some(tables::Style::Tsv),
            Format::Markdown => Some(tables::Style::Markdown),
            Format::Table => Some(tables::Style::Boxed),
        }
    }
}

/// An answer in any format: what a front end prints.
///
/// The tabular formats print an answer's lists as tables. An answer that is prose (`help`)
/// prints as text in every tabular format; in the boxed and markdown formats so does an answer
/// whose lists are all empty (`No path …` with its reason), since an empty box says less than
/// the sentence. CSV and TSV print header lines even then, for the programs that read them.
pub fn output(answer: &Answer, format: Format, width: usize, pretty: bool) -> String {
    match format.style() {
        None if format == Format::Json => format!("{}\n", json(answer, pretty)),
        None => text(answer, width),
        Some(style) => {
            let t = tables::tables(answer);
            let empty = t.iter().all(|t| t.rows.is_empty());
            let readable = matches!(style, tables::Style::Boxed | tables::Style::Markdown);
            if t.is_empty() || (empty && readable) {
                text(answer, width)
            } else {
                terminal_safe(&tables::write(&t, style, width)).into_owned()
            }
        }
    }
}

/// One JSON document for an answer: compact on one line, or pretty.
pub fn json(answer: &Answer, pretty: bool) -> String {
    let r = if pretty {
        serde_json::to_string_pretty(answer)
    } else {
        serde_json::to_string(answer)
    };
    escape_json_controls(r.expect("answers always serialise"))
}

/// Writes DEL and the C1 controls in a JSON text as `\u` escapes. serde_json escapes only
/// the C0 controls; the others are valid raw in JSON but some terminals obey them. Outside
/// strings JSON is plain ASCII, so every such character is inside a string, where its escape
/// decodes to the very same character.
fn escape_json_controls(json: String) -> String {
    // Pretty JSON has line feeds between tokens: only DEL and C1 are escaped.
    let raw = |c: char| matches!(c, '\u{7f}'..='\u{9f}');
    if !json.chars().any(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A JSON error document, for `--format json` runs where a query fails.
pub fn json_error(line: &str, err: &QueryError) -> String {
    #[derive(serde::Serialize)]
    struct ErrorDoc<'a> {
        r#type: &'static str,
        query: &'a str,
        error: &'a QueryError,
    }
    escape_json_controls(
        serde_json::to_string(&ErrorDoc {
            r#type: "error",
            query: line,
            error: err,
        })
        .expect("errors always serialise"),
    )
}

/// Text for an answer, laid out for `width` columns.
pub fn text(answer: &Answer, width: usize) -> String {
    let mut t = Text {
        out: String::new(),
        width: width.max(MIN_WIDTH),
    };
    match answer {
        Answer::Path(a) => t.path(a),
        Answer::Neighbors(a) => t.neighbors(a),
        Answer::Mediators(a) => t.mediators(a),
        Answer::Evidence(a) => t.evidence(a),
        Answer::Actor(a) => t.card(a),
        Answer::Contested(a) => t.contested(a),
        Answer::Central(a) => t.central(a),
        Answer::Find(a) => t.find(a),
        Answer::Stats(a) => t.stats(a),
        Answer::Documents(a) => t.documents(a),
        Answer::Cite(a) => t.cite(a),
        Answer::Help(a) => t.help(&a.text),
    }
    terminal_safe(&t.out).into_owned()
}

/// Help-shaped text (paragraphs, and rows indented with two spaces before their description)
/// laid out for the width: what `help` and the REPL's `.help` print.
pub fn help_laid_out(text: &str, width: usize) -> String {
    let mut t = Text {
        out: String::new(),
        width: width.max(MIN_WIDTH),
    };
    t.help(text);
    terminal_safe(&t.out).into_owned()
}

/// A query error as text, with a caret under the column when the line is known.
///
/// The line is shown on one line whatever it holds: its tabs and control characters are
/// escaped, and the caret moves with the escapes so that it still points where the column says.
pub fn error_text(line: Option<&str>, err: &QueryError) -> String {
    let mut s = String::new();
    if let (Some(line), Some(col)) = (line, err.column) {
        let line = line.trim();
        let shown = |part: &str| {
            terminal_safe(part)
                .replace('\t', "\\t")
                .replace('\n', "\\n")
        };
        let before: String = line.chars().take(col.saturating_sub(1)).collect();
        let _ = writeln!(s, "  {}", shown(line));
        let _ = writeln!(s, "  {}^", " ".repeat(shown(&before).chars().count()));
    }
    let _ = write!(s, "error: {}", err.message);
    if let Some(h) = &err.help {
        let _ = write!(s, "\n  help: {h}");
    }
    terminal_safe(&s).into_owned()
}

struct Text {
    out: String,
    width: usize,
}

fn kind_glyph(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Cooperation => "cooperation",
        RelationKind::Conflict => "conflict",
        RelationKind::Mediation => "mediation",
    }
}

/// Actor names joined with commas.
fn names(actors: &[ActorRef]) -> String {
    actors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The line that ends a list `limit` (or a default cap) cut: `… 1,234 more (limit 0 for all)`.
/// `None` when nothing was cut.
fn more(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| {
        format!(
            "… {} more (limit 0 for all)",
            thousands((total - shown) as u64)
        )
    })
}

fn plural(n: usize, word: &str) -> String {
    crate::text::count(n, word)
}

fn pad(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len >= n {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(n - len))
    }
}

impl Text {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// Writes `text` wrapped to the width, each line prefixed by `indent`.
    fn wrapped(&mut self, indent: &str, text: &str) {
        let room = self.width.saturating_sub(indent.chars().count()).max(20);
        let mut line = String::new();
        for word in text.split_whitespace() {
            let need = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if !line.is_empty() && need > room {
                self.out.push_str(indent);
                self.line(&line);
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            self.out.push_str(indent);
            self.line(&line);
        }
    }

    /// Writes a row: `lead` (an indent and fixed-width cells), then `text` wrapped to the
    /// width with later lines hanging under where `text` began. Nothing is ever cut: a word
    /// wider than the room gets a line of its own, and when the lead leaves too little room the
    /// text hangs at a shallower indent instead.
    fn row(&mut self, lead: &str, text: &str) {
        let lead_w = lead.chars().count();
        let hang = if self.width.saturating_sub(lead_w) >= 20 {
            lead_w
        } else {
            lead_w.min(self.width / 3).min(8)
        };
        let mut line = lead.to_string();
        let mut line_w = lead_w;
        let mut empty = true;
        // Words keep the spacing typed between them (two spaces part columns), except where
        // a line breaks.
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let after = rest[end..].trim_start();
            let gap = rest.len() - end - after.len();
            let ww = word.chars().count();
            if !empty && line_w + ww > self.width {
                self.line(line.trim_end());
                line = " ".repeat(hang);
                line_w = hang;
            }
            line.push_str(word);
            line_w += ww;
            empty = false;
            // The gap after a word is written with the next word, or dropped at a break.
            let spaces = rest[end..end + gap]
                .chars()
                .filter(|c| *c == ' ')
                .count()
                .max(1);
            if !after.is_empty() {
                line.push_str(&" ".repeat(spaces));
                line_w += spaces;
            }
            rest = after;
        }
        self.line(line.trim_end());
    }

    /// A row whose first cell is a name padded to `w`; a longer name takes a line of its own
    /// and the rest of the row follows under the cell, so that no name loses its end.
    fn named_row(&mut self, indent: &str, name: &str, w: usize, text: &str) {
        if name.chars().count() > w {
            self.line(&format!("{indent}{name}"));
            self.row(&format!("{indent}{}  ", " ".repeat(w)), text);
        } else {
            self.row(&format!("{indent}{}  ", pad(name, w)), text);
        }
    }

    /// Help text laid out for the width. The spec writes it for a wide terminal: paragraphs
    /// (unindented lines) are joined and refilled, and indented rows (`  head    what it does`)
    /// wrap under their second column, so that `help` reads at 60 columns as at 120.
    fn help(&mut self, text: &str) {
        let mut paragraph = String::new();
        let flush = |t: &mut Text, p: &mut String| {
            if !p.is_empty() {
                t.row("", p);
                p.clear();
            }
        };
        for line in text.lines() {
            if line.trim().is_empty() {
                flush(self, &mut paragraph);
                self.line("");
            } else if line.starts_with(' ') {
                flush(self, &mut paragraph);
                let indent = line.len() - line.trim_start().len();
                // The second column starts after the first run of two spaces past the indent.
                let body = &line[indent..];
                match body.find("  ") {
                    Some(gap) => {
                        let rest = body[gap..].trim_start();
                        let lead = &line[..line.len() - rest.len()];
                        self.row(lead, rest);
                    }
                    None => self.row(&line[..indent], body),
                }
            } else if line.len() > self.width.max(100) {
                // A syntax line too long to be prose: a row of its own.
                flush(self, &mut paragraph);
                self.row("", line);
            } else {
                if !paragraph.is_empty() {
                    paragraph.push(' ');
                }
                paragraph.push_str(line);
                // A line ending in a colon introduces what follows: it ends its paragraph.
                if line.ends_with(':') {
                    flush(self, &mut paragraph);
                }
            }
        }
        flush(self, &mut paragraph);
    }

    fn filter_suffix(filter: &[String]) -> String {
        if filter.is_empty() {
            String::new()
        } else {
            format!(" ({})", filter.join(", "))
        }
    }

    fn quote(&mut self, indent: &str, c: &ClaimView) {
        match &c.row {
            None => self.wrapped(indent, &format!("“{}” [{}]", c.quote, c.cite)),
            Some(r) => {
                // A row is tab-separated data, not prose: shown with its tabs as ` | ` so that it
                // reads as fields, and cited by file and line.
                let mut codes = Vec::new();
                if let Some(code) = &r.code {
                    codes.push(match &r.code_name {
                        Some(name) => format!("code {code} {name}"),
                        None => format!("code {code}"),
                    });
                }
                if let Some(g) = r.goldstein {
                    codes.push(format!("Goldstein {g}"));
                }
                if let Some(w) = r.weight {
                    codes.push(format!("weight {w}"));
                }
                if r.reports > 1 {
                    codes.push(format!("{} reports", r.reports));
                }
                let codes = if codes.is_empty() {
                    String::new()
                } else {
                    format!("; {}", codes.join(", "))
                };
                self.wrapped(
                    indent,
                    &format!(
                        "row: {} [{}:{}, record {}{codes}]",
                        c.quote.replace('\t', " | "),
                        r.file,
                        r.line,
                        r.record
                    ),
                );
            }
        }
    }

    /// `A → B`, `A ↔ B` (mutual), or `M between A and B`.
    fn parties(c: &ClaimView) -> String {
        match (&c.to, &c.between) {
            (Some(to), _) if c.action == crate::model::Action::Mediate => format!(
                "{} between {} and an unknown other side",
                c.from.name, to.name
            ),
            (Some(to), _) => format!(
                "{} {} {}",
                c.from.name,
                if c.mutual { "↔" } else { "→" },
                to.name
            ),
            (None, Some([a, b])) => format!("{} between {} and {}", c.from.name, a.name, b.name),
            (None, None) => c.from.name.clone(),
        }
    }

    fn claim_block(&mut self, indent: &str, c: &ClaimView) {
        let lead = format!(
            "{indent}{}  {:<11}  {:<9}  ",
            pad(&c.date_label, 10),
            kind_glyph(c.kind),
            c.action.as_str(),
        );
        self.row(&lead, &format!("{} ({})", Self::parties(c), c.certainty));
        let deeper = format!("{indent}            ");
        self.quote(&deeper, c);
        if let Some(n) = &c.note {
            self.wrapped(&deeper, &format!("note: {n}"));
        }
    }

    fn path(&mut self, a: &PathAnswer) {
        let f = Self::filter_suffix(&a.filter);
        if a.paths.is_empty() {
            self.line(&format!(
                "No path from {} to {}{f}.",
                a.from.name, a.to.name
            ));
            if let Some(why) = &a.no_path {
                self.wrapped("  ", why);
            }
            return;
        }
        let hops = a.paths[0].hops.len();
        match a.mode {
            PathSearch::All => {
                let total = a.total.unwrap_or(0);
                let listed = if total != a.paths.len() as u128 {
                    format!(", listing the first {}", a.paths.len())
                } else {
                    String::new()
                };
                self.line(&format!(
                    "{} shortest path{} of {} from {} to {}{f}{listed}.",
                    total,
                    if total == 1 { "" } else { "s" },
                    plural(hops, "hop"),
                    a.from.name,
                    a.to.name
                ));
            }
            PathSearch::K => self.line(&format!(
                "{} from {} to {}{f}, shortest first.",
                plural(a.paths.len(), "path"),
                a.from.name,
                a.to.name
            )),
            PathSearch::Shortest => self.line(&format!(
                "Shortest path from {} to {}: {}{f}.",
                a.from.name,
                a.to.name,
                plural(hops, "hop")
            )),
        }
        let numbered = a.paths.len() > 1;
        for (i, p) in a.paths.iter().enumerate() {
            let chain: Vec<&str> = p.actors.iter().map(|x| x.name.as_str()).collect();
            self.line("");
            if numbered {
                self.wrapped(
                    "",
                    &format!(
                        "{}. {} ({})",
                        i + 1,
                        chain.join(" → "),
                        plural(p.hops.len(), "hop")
                    ),
                );
            } else {
                self.wrapped("", &chain.join(" → "));
            }
            for (j, h) in p.hops.iter().enumerate() {
                let also = if h.also.is_empty() {
                    String::new()
                } else {
                    let v: Vec<String> = h
                        .also
                        .iter()
                        .map(|k| format!("{} {}", k.kind, k.claims))
                        .collect();
                    format!(" · also {}", v.join(", "))
                };
                self.wrapped(
                    "  ",
                    &format!(
                        "{}. {} —{}— {}: {} {}, {}, {} ({}){also}",
                        j + 1,
                        h.from.name,
                        kind_glyph(h.kind),
                        h.to.name,
                        h.action.as_str(),
                        h.strongest.date_label,
                        plural(h.claims, "claim"),
                        h.strongest.certainty,
                        h.strongest.document
                    ),
                );
                if !h.through.is_empty() {
                    self.wrapped("       ", &format!("incl. {}", names(&h.through)));
                }
                self.quote("       ", &h.strongest);
            }
        }
    }

    fn neighbors(&mut self, a: &NeighborsAnswer) {
        let dir = match a.direction {
            Direction::Out => ", outgoing",
            Direction::In => ", incoming",
            Direction::Both => "",
        };
        let filter: String = a.filter.iter().map(|f| format!(", {f}")).collect();
        self.line(&format!(
            "Neighbourhood of {} (depth {}{dir}{filter}): {}.",
            a.center.name,
            a.depth,
            plural(a.total, "actor")
        ));
        let name_w = a
            .rings
            .iter()
            .flat_map(|r| &r.actors)
            .map(|n| n.actor.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(self.width / 3);
        for ring in &a.rings {
            self.line("");
            self.line(&format!(
                "distance {} — {}",
                ring.distance,
                plural(ring.actors.len(), "actor")
            ));
            for n in &ring.actors {
                let rels: Vec<String> = n
                    .relations
                    .iter()
                    .map(|r| {
                        let acts: Vec<&str> = r.actions.iter().map(|x| x.as_str()).collect();
                        let incl = if r.through.is_empty() {
                            String::new()
                        } else {
                            format!(", incl. {}", names(&r.through))
                        };
                        let gold = match (r.goldstein, r.intensity) {
                            (Some(g), Some(i)) if a.weight == Weighting::Goldstein => {
                                format!(", Goldstein {g:+.1}, intensity {i:.1}")
                            }
                            (Some(g), _) => format!(", Goldstein {g:+.1}"),
                            _ => String::new(),
                        };
                        format!("{} {} ({}{gold}{incl})", r.kind, r.claims, acts.join(", "))
                    })
                    .collect();
                let via = if ring.distance > 1 {
                    format!("via {}: ", n.via.name)
                } else {
                    String::new()
                };
                self.named_row(
                    "  ",
                    &n.actor.name,
                    name_w,
                    &format!("{via}{}", rels.join(" · ")),
                );
            }
        }
        let shown = a.rings.iter().map(|r| r.actors.len()).sum::<usize>();
        if let Some(more) = more(shown, a.total) {
            self.line("");
            self.line(&format!(
                "{more}; the nearest and most strongly tied are shown."
            ));
        }
    }

    fn mediators(&mut self, a: &MediatorsAnswer) {
        self.line(&format!(
            "Mediators between {} and {}{}",
            a.a.name,
            a.b.name,
            Self::filter_suffix(&a.filter)
        ));
        self.line("");
        self.line("Sourced mediators — mediation claims between the two, best evidence first:");
        if a.sourced.is_empty() {
            self.line("  (none: no claim names a mediator between them)");
        }
        let more_sourced = more(a.sourced.len(), a.sourced_total);
        for m in &a.sourced {
            let via = if m.via.is_empty() {
                String::new()
            } else {
                let v: Vec<&str> = m.via.iter().map(|x| x.name.as_str()).collect();
                format!(" — incl. {} (rolled up)", v.join(", "))
            };
            self.line("");
            self.wrapped("  ", &format!("{}. {}{via}", m.rank, m.actor.name));
            self.wrapped(
                "     ",
                &format!(
                    "{} · best certainty {} · {} ({}) · latest {}",
                    plural(m.documents, "document"),
                    m.best_certainty,
                    plural(m.quotes, "sentence"),
                    plural(m.claims.len(), "claim"),
                    m.latest
                ),
            );
            self.wrapped("     ", &format!("why: {}", m.why));
            for c in &m.claims {
                self.claim_block("     ", c);
            }
        }
        if let Some(more) = more_sourced {
            self.line("");
            self.line(&format!("  {more}"));
        }
        self.line("");
        self.line("Candidate brokers — inferred from the graph, not sourced as mediators:");
        if a.brokers.is_empty() {
            self.line("  (none: no actor has cooperation ties to both, or lies between them)");
        }
        for b in &a.brokers {
            self.wrapped("  ", &format!("{}. {}", b.rank, b.actor.name));
            self.wrapped("     ", &b.why);
        }
        if let Some(more) = more(a.brokers.len(), a.brokers_total) {
            self.line(&format!("  {more}"));
        }
        if !a.common_adversaries.is_empty() {
            self.line("");
            self.line("Common adversaries — in conflict with both, cooperating with neither:");
            for x in &a.common_adversaries {
                self.wrapped(
                    "  ",
                    &format!(
                        "{}: conflict with {} {}, with {} {}",
                        x.actor.name,
                        a.a.name,
                        plural(x.with_a.claims, "claim"),
                        a.b.name,
                        plural(x.with_b.claims, "claim")
                    ),
                );
            }
            if let Some(more) = more(a.common_adversaries.len(), a.adversaries_total) {
                self.line(&format!("  {more}"));
            }
        }
    }

    fn evidence(&mut self, a: &EvidenceAnswer) {
        let who = match &a.b {
            Some(b) => format!("{} and {}", a.a.name, b.name),
            None => a.a.name.clone(),
        };
        self.line(&format!(
            "Evidence on {who}{}: {}, by date.",
            Self::filter_suffix(&a.filter),
            plural(a.total, "claim")
        ));
        for c in &a.claims {
            self.line("");
            self.claim_block("", c);
        }
        if let Some(more) = more(a.claims.len(), a.total) {
            self.line("");
            self.line(&more);
        }
    }

    fn card(&mut self, a: &ActorCard) {
        self.line(&format!(
            "{} [{}] — {}",
            a.actor.name, a.actor.id, a.kind_label
        ));
        if let Some(d) = &a.description {
            self.wrapped("  ", d);
        }
        if !a.aliases.is_empty() {
            self.wrapped("  ", &format!("aliases: {}", a.aliases.join(", ")));
        }
        if let Some(p) = &a.acts_for {
            self.line(&format!("  acts for: {}", p.name));
        }
        if let Some(p) = &a.part_of {
            self.line(&format!("  part of: {}", p.name));
        }
        if let Some(p) = &a.rolls_up_to {
            self.line(&format!("  rolls up to: {}", p.name));
        }
        if !a.members.is_empty() {
            let v: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
            self.wrapped("  ", &format!("acting for or part of it: {}", v.join(", ")));
        }
        let counts: Vec<String> = a
            .counts
            .iter()
            .map(|k| format!("{} {} ({})", k.kind, k.relations, plural(k.claims, "claim")))
            .collect();
        self.line(&format!("  relations: {}", counts.join(" · ")));
        if !a.through.is_empty() {
            self.wrapped("  ", &format!("incl. the claims of {}", names(&a.through)));
        }
        for (title, list, total) in [
            ("partners", &a.partners, a.partners_total),
            ("adversaries", &a.adversaries, a.adversaries_total),
        ] {
            if list.is_empty() {
                continue;
            }
            self.line("");
            let shown = if total > list.len() {
                format!(" ({} of {total})", list.len())
            } else {
                String::new()
            };
            self.line(&format!("  Strongest {title}{shown}:"));
            let w = list
                .iter()
                .map(|c| c.actor.name.chars().count())
                .max()
                .unwrap_or(0)
                .min(self.width / 3);
            for c in list {
                let acts: Vec<&str> = c.actions.iter().map(|x| x.as_str()).collect();
                let sentences = if c.quotes == c.claims {
                    String::new()
                } else {
                    format!(" from {}", plural(c.quotes, "sentence"))
                };
                self.named_row(
                    "    ",
                    &c.actor.name,
                    w,
                    &format!(
                        "{}{sentences}, best {} ({})",
                        plural(c.claims, "claim"),
                        c.best_certainty,
                        acts.join(", ")
                    ),
                );
                if !c.through.is_empty() {
                    let indent = format!("    {}  ", " ".repeat(w));
                    self.wrapped(&indent, &format!("incl. {}", names(&c.through)));
                }
            }
        }
        if !a.mediates_between.is_empty() {
            self.line("");
            let v: Vec<String> = a
                .mediates_between
                .iter()
                .map(|[p, q]| format!("{} and {}", p.name, q.name))
                .collect();
            self.wrapped("  ", &format!("Mediates between: {}", v.join("; ")));
        }
        if !a.mediated_by.is_empty() {
            let v: Vec<&str> = a.mediated_by.iter().map(|m| m.name.as_str()).collect();
            self.wrapped("  ", &format!("Mediated for by: {}", v.join(", ")));
        }
        if !a.documents.is_empty() {
            self.wrapped("  ", &format!("documents: {}", a.documents.join(", ")));
        }
    }

    fn contested(&mut self, a: &ContestedAnswer) {
        let shown = if a.total > a.pairs.len() {
            format!(", showing {}", a.pairs.len())
        } else {
            String::new()
        };
        self.line(&format!(
            "{} with both cooperation and conflict claims{}{shown}, most evenly attested first.",
            plural(a.total, "pair"),
            Self::filter_suffix(&a.filter)
        ));
        for p in &a.pairs {
            self.line("");
            self.line(&format!(
                "{} – {}: cooperation {}, conflict {} (sentences: {} vs {})",
                p.a.name,
                p.b.name,
                plural(p.cooperation.claims, "claim"),
                plural(p.conflict.claims, "claim"),
                p.cooperation.quotes,
                p.conflict.quotes
            ));
            for (name, side) in [("cooperation", &p.cooperation), ("conflict", &p.conflict)] {
                self.line(&format!("  {name}:"));
                for c in side.list.iter().take(3) {
                    self.claim_block("    ", c);
                }
                if side.list.len() > 3 {
                    let more = match &side.evidence {
                        Some(f) => format!(" ({})", f.query),
                        None => String::new(),
                    };
                    self.line(&format!("    … {} more{more}", side.list.len() - 3));
                }
            }
        }
        if let Some(more) = more(a.pairs.len(), a.total) {
            self.line("");
            self.line(&more);
        }
    }

    fn central(&mut self, a: &CentralAnswer) {
        let mut notes: Vec<String> = Vec::new();
        if a.by != Centrality::Degree {
            notes.push(if a.exact {
                "exact".to_string()
            } else {
                format!(
                    "estimated from {} of {} source actors, seed {}",
                    a.sources,
                    a.actors,
                    a.seed.unwrap_or_default()
                )
            });
        }
        notes.extend(a.filter.iter().cloned());
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        };
        let by = match (a.by, a.weight) {
            (Centrality::Betweenness, _) => "betweenness".to_string(),
            (Centrality::Degree, None) => "degree".to_string(),
            (Centrality::Degree, Some(w)) => format!("degree weighted by {}", w.as_str()),
        };
        self.line(&format!("Most central actors by {by}{notes}:"));
        let w = a
            .top
            .iter()
            .map(|e| e.actor.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(self.width / 3);
        for e in &a.top {
            let score = match a.weight {
                None => format!("{:.4}", e.score),
                Some(Weighting::Goldstein) => format!("{:.1}", e.score),
                Some(_) => format!("{:.0}", e.score),
            };
            let net = e
                .goldstein
                .map_or(String::new(), |g| format!(", Goldstein {g:+.1}"));
            self.named_row(
                &format!("  {:>3}. ", e.rank),
                &e.actor.name,
                w,
                &format!("{score}  ({}{net})", plural(e.degree, "neighbour")),
            );
        }
        if let Some(more) = more(a.top.len(), a.total).filter(|_| !a.top_asked) {
            self.line(&format!("  {more}"));
        }
    }

    fn find(&mut self, a: &FindAnswer) {
        if a.matches.is_empty() {
            self.line(&format!("No actor matches '{}'.", a.query));
            return;
        }
        self.line(&format!(
            "{} matching '{}':",
            plural(a.total, "actor"),
            a.query
        ));
        let w = a
            .matches
            .iter()
            .map(|m| m.actor.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(self.width / 3);
        for m in &a.matches {
            let via = if m.matched == m.actor.name {
                String::new()
            } else {
                format!("  (matched \"{}\")", m.matched)
            };
            self.named_row(
                "  ",
                &m.actor.name,
                w,
                &format!("[{}] {}{via}", m.actor.id, m.actor.kind.label()),
            );
        }
        if let Some(more) = more(a.matches.len(), a.total) {
            self.line(&format!("  {more}"));
        }
    }

    fn documents(&mut self, a: &DocumentsAnswer) {
        self.line(&format!("{}:", plural(a.total, "document")));
        for d in &a.documents {
            self.line("");
            self.wrapped("  ", &format!("{} — {}", d.id, d.title));
            let mut facts: Vec<String> = Vec::new();
            if let Some(x) = &d.author {
                facts.push(x.clone());
            }
            if let Some(x) = &d.publisher {
                facts.push(x.clone());
            }
            facts.push(d.date.clone().unwrap_or_else(|| "undated".into()));
            facts.push(d.genre.as_str().to_string());
            self.wrapped("    ", &facts.join(" · "));
            let kinds: Vec<String> = d
                .by_kind
                .iter()
                .map(|k| format!("{} {}", k.kind, k.claims))
                .collect();
            self.wrapped(
                "    ",
                &format!(
                    "{} ({}), {}",
                    plural(d.claims, "claim"),
                    kinds.join(", "),
                    plural(d.actors, "actor")
                ),
            );
        }
        if let Some(more) = more(a.documents.len(), a.total) {
            self.line("");
            self.line(&more);
        }
    }

    fn cite(&mut self, a: &CiteAnswer) {
        self.line(&format!("[{}] in “{}”", a.claim.cite, a.title));
        self.claim_block("  ", &a.claim);
        self.line("");
        if !a.reports.is_empty() {
            self.line(&format!(
                "  Reported by {}:",
                plural(a.reports.len(), "row")
            ));
            for r in &a.reports {
                self.wrapped(
                    "    ",
                    &format!("{}:{}  {}", r.file, r.line, r.row.replace('\t', " | ")),
                );
            }
            return;
        }
        self.line("  In context:");
        // The quote is set off with ‹‹ ›› inside its paragraph.
        let text = match (a.quote_start, a.quote_end) {
            (Some(s), Some(e)) => {
                let chars: Vec<char> = a.paragraph.chars().collect();
                let part = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
                format!("{}‹‹{}››{}", part(0..s), part(s..e), part(e..chars.len()))
            }
            _ => a.paragraph.clone(),
        };
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.wrapped("    ", &flat);
    }

    fn stats(&mut self, a: &StatsAnswer) {
        let n = |x: usize| thousands(x as u64);
        let mut reports = if a.reports != a.claims {
            format!(" ({} reports)", n(a.reports))
        } else {
            String::new()
        };
        if a.retracted > 0 {
            reports.push_str(&format!(" and {} retracted", n(a.retracted)));
        }
        self.line(&format!(
            "{}, {}, {}{reports}, {}.",
            plural(a.actors, "actor"),
            plural(a.documents, "document"),
            plural(a.claims, "claim"),
            plural(a.edges, "relation")
        ));
        let join = |m: &std::collections::BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {}", n(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.wrapped(
            "  ",
            &format!("actors by kind: {}", join(&a.actors_by_kind)),
        );
        self.wrapped(
            "  ",
            &format!("claims by kind: {}", join(&a.claims_by_kind)),
        );
        self.wrapped(
            "  ",
            &format!("claims by certainty: {}", join(&a.claims_by_certainty)),
        );
        // A database of thousands of documents would print a page of counts here: the ten
        // with most claims stand for them, and the JSON keeps every count.
        const DOCS_SHOWN: usize = 10;
        let mut docs: Vec<(&String, &usize)> = a.claims_by_document.iter().collect();
        docs.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        let mut shown: Vec<String> = docs
            .iter()
            .take(DOCS_SHOWN)
            .map(|(k, v)| format!("{k} {}", n(**v)))
            .collect();
        if docs.len() > DOCS_SHOWN {
            shown.push(format!(
                "and {} more",
                plural(docs.len() - DOCS_SHOWN, "document")
            ));
        }
        self.wrapped("  ", &format!("claims by document: {}", shown.join(", ")));
        self.line(&format!(
            "  {}; the largest has {}.",
            plural(a.components, "connected component"),
            plural(a.largest_component, "actor")
        ));
        self.line("  Most connected:");
        for c in &a.most_connected {
            self.named_row(
                "    ",
                &c.actor.name,
                24,
                &format!(
                    "{}, {}",
                    plural(c.relations, "relation"),
                    plural(c.claims, "claim")
                ),
            );
        }
        for d in &a.datasets {
            let skipped: u32 = d.skipped.values().sum();
            self.wrapped(
                "  ",
                &format!(
                    "dataset {} ({}, {}): {}, {}, {}, {} created, {} skipped{}",
                    d.id,
                    d.format,
                    d.file,
                    plural(d.rows as usize, "row"),
                    plural(d.events as usize, "event"),
                    plural(d.reports as usize, "report"),
                    plural(d.actors_created as usize, "actor"),
                    plural(skipped as usize, "row"),
                    if skipped > 0 {
                        " (`dyad check` lists them)"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
}

/// What loading a dataset found, as `dyad import` and `dyad check` print it: rows read, claims
/// by kind, reports, actors matched and created, and rows skipped by reason, with every
/// malformed row as `file:line: reason` (and an example line or two of the other reasons).
/// `display` names a dataset file as the user should see it.
pub fn dataset_report(r: &crate::dataset::Report, display: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let rows: u32 = r.files.first().map_or(0, |f| f.rows);
    let events = r.events();
    let _ = writeln!(out, "  rows read        {}", thousands(rows as u64));
    let kinds: Vec<String> = RelationKind::ALL
        .iter()
        .zip(r.kinds)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {k}", thousands(n as u64)))
        .collect();
    let _ = writeln!(
        out,
        "  claims (events)  {}{}",
        thousands(events as u64),
        if kinds.is_empty() {
            String::new()
        } else {
            format!(": {}", kinds.join(", "))
        }
    );
    if r.one_sided_mediations > 0 {
        let _ = writeln!(
            out,
            "                   {} of the mediations name one party; no row of their story names the other",
            thousands(r.one_sided_mediations as u64)
        );
    }
    let _ = writeln!(
        out,
        "  reports          {} rows cite these events ({} repeat an event already made)",
        thousands((events + r.extra_reports) as u64),
        thousands(r.extra_reports as u64)
    );
    let _ = writeln!(
        out,
        "  actors           {} matched, {} created",
        thousands(r.actors_matched as u64),
        thousands(r.actors_created as u64)
    );
    for (i, f) in r.files.iter().enumerate() {
        let name = display(&f.file);
        if i > 0 {
            let _ = writeln!(
                out,
                "  mentions         {} rows read from {name}",
                thousands(f.rows as u64)
            );
        }
        let skipped: u32 = f.skipped.iter().map(|(_, n)| n).sum();
        if skipped == 0 {
            let _ = writeln!(
                out,
                "  skipped          none{}",
                if i > 0 { " (mentions)" } else { "" }
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  skipped          {} rows{}:",
            thousands(skipped as u64),
            if i > 0 { " of mentions" } else { "" }
        );
        for (reason, n) in &f.skipped {
            let _ = writeln!(out, "    {:>9}  {}", thousands(*n as u64), reason.label());
            if !reason.is_error() {
                let lines: Vec<String> = f
                    .examples
                    .iter()
                    .filter(|s| s.reason == *reason)
                    .map(|s| s.line.to_string())
                    .collect();
                if !lines.is_empty() {
                    let _ = writeln!(out, "               e.g. {name}:{}", lines.join(", "));
                }
            }
        }
        for s in &f.errors {
            let _ = writeln!(
                out,
                "  {name}:{}: {}: {}",
                s.line,
                s.reason.label(),
                s.detail.as_deref().unwrap_or("")
            );
        }
    }
    terminal_safe(&out).into_owned()
}

/// A count with thousands separators (defined in [`crate::text`], where every layer reaches it).
pub use crate::text::thousands;

#[cfg(test)]
mod tests {
    use super::*;

    fn error(column: Option<usize>) -> QueryError {
        QueryError {
            message: "no actor '\u{1b}[31mX' — did you mean \u{9b}Y?".into(),
            column,
            help: Some("try\u{7}".into()),
        }
    }

    #[test]
    fn control_characters_in_error_messages_are_shown_escaped() {
        let text = error_text(None, &error(None));
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
        assert!(text.contains("'\\u{1b}[31mX'"), "{text}");
        assert!(
            text.contains("\\u{9b}Y") && text.contains("try\\u{7}"),
            "{text}"
        );
    }

    #[test]
    fn the_caret_still_points_at_its_column_past_escaped_characters() {
        // Column 12 is the `T` of `Turkei`, after an escape and a tab in the line.
        let line = "show \u{1b}x\tab Turkei";
        assert_eq!(line.chars().nth(11), Some('T'));
        let text = error_text(Some(line), &error(Some(12)));
        let mut lines = text.lines();
        let shown = lines.next().unwrap();
        let caret = lines.next().unwrap();
        assert_eq!(shown, "  show \\u{1b}x\\tab Turkei");
        assert_eq!(shown.find('T'), caret.find('^'), "{text}");
    }

    #[test]
    fn json_keeps_the_exact_string_with_del_and_c1_escaped() {
        let err = error(Some(1));
        let doc = json_error("find \u{7f}\u{85}", &err);
        assert!(!doc.chars().any(|c| c.is_control()), "{doc}");
        assert!(doc.contains("\\u007f\\u0085"), "{doc}");
        let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
        assert_eq!(v["query"], "find \u{7f}\u{85}");
        assert_eq!(v["error"]["message"], err.message.as_str());
    }
}
