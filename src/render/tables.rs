//! Answers as tables: the rows behind `.mode csv|tsv|markdown|table`.
//!
//! Every answer that lists things becomes one or more [`Table`]s, one per section (a
//! neighbourhood's actors, a mediators answer's sourced mediators, brokers and adversaries, the
//! sections of `stats`), each with its columns named once here. The four tabular modes are four
//! ways of writing the same tables, so a column added here appears in all of them.
//!
//! What this module must not do: compute anything an answer does not already hold. It reads
//! answers and lays out their fields; ranking and counting happen in [`crate::answer`].

use std::fmt::Write as _;

use crate::answer::{Answer, ClaimView};
use crate::text::count;

/// One section of an answer as a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// What the rows are, e.g. `Neighbourhood of Turkey (depth 1)`; a caption in the boxed
    /// and markdown modes, and nothing in csv and tsv, whose readers want only rows.
    pub title: String,
    /// The column names.
    pub columns: Vec<&'static str>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<String>>,
    /// How many rows there are in all when the answer listed fewer (its cap or `limit`).
    pub total: Option<usize>,
}

impl Table {
    fn new(title: impl Into<String>, columns: &[&'static str]) -> Table {
        Table {
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
            total: None,
        }
    }

    fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.columns.len(), "{}", self.title);
        self.rows.push(row);
    }

    /// Records the full count when the rows are fewer.
    fn of(mut self, total: usize) -> Table {
        if total > self.rows.len() {
            self.total = Some(total);
        }
        self
    }

    /// The line under a cut table: `… 12 more (limit 0 for all)`.
    fn more(&self) -> Option<String> {
        self.total.map(|t| {
            format!(
                "… {} more (limit 0 for all)",
                crate::text::thousands((t - self.rows.len()) as u64)
            )
        })
    }
}

fn names(v: &[crate::answer::ActorRef]) -> String {
    v.iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn actions(v: &[crate::model::Action]) -> String {
    v.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
}

const CLAIM_COLUMNS: &[&str] = &[
    "date",
    "kind",
    "action",
    "from",
    "to",
    "certainty",
    "quote",
    "cite",
];

/// A claim's row: for a mediation, `to` names both parties.
fn claim_row(c: &ClaimView) -> Vec<String> {
    let to = match (&c.to, &c.between) {
        (_, Some([a, b])) => format!("{} and {}", a.name, b.name),
        (Some(t), None) => t.name.clone(),
        (None, None) => String::new(),
    };
    vec![
        c.date_label.clone(),
        c.kind.to_string(),
        c.action.as_str().to_string(),
        c.from.name.clone(),
        to,
        c.certainty.to_string(),
        c.quote.clone(),
        c.cite.clone(),
    ]
}

/// The tables of an answer, one per section; empty for answers that are prose (`help`).
pub fn tables(answer: &Answer) -> Vec<Table> {
    match answer {
        Answer::Path(a) => {
            let mut t = Table::new(
                format!("Paths from {} to {}", a.from.name, a.to.name),
                &[
                    "path", "hop", "from", "kind", "action", "to", "date", "claims", "quote",
                    "cite",
                ],
            );
            for (i, p) in a.paths.iter().enumerate() {
                for (j, h) in p.hops.iter().enumerate() {
                    t.push(vec![
                        (i + 1).to_string(),
                        (j + 1).to_string(),
                        h.from.name.clone(),
                        h.kind.to_string(),
                        h.action.as_str().to_string(),
                        h.to.name.clone(),
                        h.date.clone(),
                        h.claims.to_string(),
                        h.strongest.quote.clone(),
                        h.strongest.cite.clone(),
                    ]);
                }
            }
            vec![t]
        }
        Answer::Neighbors(a) => {
            // At depth 1 every actor is reached from the centre: the `via` column would only
            // repeat its name.
            let columns: &[&str] = if a.depth > 1 {
                &[
                    "hops",
                    "actor",
                    "via",
                    "kind",
                    "claims",
                    "sentences",
                    "actions",
                    "including",
                ]
            } else {
                &[
                    "hops",
                    "actor",
                    "kind",
                    "claims",
                    "sentences",
                    "actions",
                    "including",
                ]
            };
            let mut t = Table::new(
                format!("Neighbourhood of {} (depth {})", a.center.name, a.depth),
                columns,
            );
            for r in &a.rings {
                for n in &r.actors {
                    for rel in &n.relations {
                        let mut row = vec![r.distance.to_string(), n.actor.name.clone()];
                        if a.depth > 1 {
                            row.push(n.via.name.clone());
                        }
                        row.extend([
                            rel.kind.to_string(),
                            rel.claims.to_string(),
                            rel.quotes.to_string(),
                            actions(&rel.actions),
                            names(&rel.through),
                        ]);
                        t.push(row);
                    }
                }
            }
            // The cap counts actors, the rows relations: the note says how many actors more.
            let shown: usize = a.rings.iter().map(|r| r.actors.len()).sum();
            if a.total > shown {
                t.title = format!(
                    "{}: {} of {}",
                    t.title,
                    count(shown, "actor"),
                    crate::text::thousands(a.total as u64)
                );
            }
            vec![t]
        }
        Answer::Mediators(a) => {
            let mut sourced = Table::new(
                format!("Sourced mediators between {} and {}", a.a.name, a.b.name),
                &[
                    "rank",
                    "mediator",
                    "including",
                    "documents",
                    "sentences",
                    "claims",
                    "best certainty",
                    "latest",
                ],
            );
            for s in &a.sourced {
                sourced.push(vec![
                    s.rank.to_string(),
                    s.actor.name.clone(),
                    names(&s.via),
                    s.documents.to_string(),
                    s.quotes.to_string(),
                    s.claims.len().to_string(),
                    s.best_certainty.to_string(),
                    s.latest.clone(),
                ]);
            }
            let mut brokers = Table::new(
                format!("Candidate brokers (a = {}, b = {})", a.a.name, a.b.name),
                &[
                    "rank",
                    "broker",
                    "cooperation with a",
                    "cooperation with b",
                    "conflict with a",
                    "conflict with b",
                    "on a shortest path",
                    "also sourced",
                ],
            );
            for b in &a.brokers {
                brokers.push(vec![
                    b.rank.to_string(),
                    b.actor.name.clone(),
                    b.with_a.claims.to_string(),
                    b.with_b.claims.to_string(),
                    b.conflict_a.to_string(),
                    b.conflict_b.to_string(),
                    yes_no(b.on_shortest_path),
                    yes_no(b.sourced),
                ]);
            }
            let mut adversaries = Table::new(
                format!("Common adversaries (a = {}, b = {})", a.a.name, a.b.name),
                &[
                    "adversary",
                    "conflict with a",
                    "actions with a",
                    "conflict with b",
                    "actions with b",
                ],
            );
            for x in &a.common_adversaries {
                adversaries.push(vec![
                    x.actor.name.clone(),
                    x.with_a.claims.to_string(),
                    actions(&x.with_a.actions),
                    x.with_b.claims.to_string(),
                    actions(&x.with_b.actions),
                ]);
            }
            vec![
                sourced.of(a.sourced_total),
                brokers.of(a.brokers_total),
                adversaries.of(a.adversaries_total),
            ]
        }
        Answer::Evidence(a) => {
            let title = match &a.b {
                Some(b) => format!("Evidence on {} and {}", a.a.name, b.name),
                None => format!("Evidence on {}", a.a.name),
            };
            let mut t = Table::new(title, CLAIM_COLUMNS);
            for c in &a.claims {
                t.push(claim_row(c));
            }
            vec![t.of(a.total)]
        }
        Answer::Actor(a) => {
            let mut facts = Table::new(a.actor.name.clone(), &["field", "value"]);
            facts.push(vec!["id".into(), a.actor.id.clone()]);
            facts.push(vec!["kind".into(), a.kind_label.clone()]);
            if let Some(d) = &a.description {
                facts.push(vec!["description".into(), d.clone()]);
            }
            if !a.aliases.is_empty() {
                facts.push(vec!["aliases".into(), a.aliases.join(", ")]);
            }
            for (label, who) in [
                ("part of", &a.part_of),
                ("acts for", &a.acts_for),
                ("rolls up to", &a.rolls_up_to),
            ] {
                if let Some(w) = who {
                    facts.push(vec![label.into(), w.name.clone()]);
                }
            }
            if !a.members.is_empty() {
                facts.push(vec!["members".into(), names(&a.members)]);
            }
            let side = |title: String, list: &[crate::answer::Counterpart], total: usize| {
                let mut t = Table::new(
                    title,
                    &[
                        "actor",
                        "claims",
                        "sentences",
                        "best certainty",
                        "actions",
                        "including",
                    ],
                );
                for c in list {
                    t.push(vec![
                        c.actor.name.clone(),
                        c.claims.to_string(),
                        c.quotes.to_string(),
                        c.best_certainty.to_string(),
                        actions(&c.actions),
                        names(&c.through),
                    ]);
                }
                t.of(total)
            };
            vec![
                facts,
                side(
                    format!("Partners of {}", a.actor.name),
                    &a.partners,
                    a.partners_total,
                ),
                side(
                    format!("Adversaries of {}", a.actor.name),
                    &a.adversaries,
                    a.adversaries_total,
                ),
            ]
        }
        Answer::Contested(a) => {
            let mut t = Table::new(
                "Contested pairs, most evenly attested first",
                &[
                    "a",
                    "b",
                    "coop claims",
                    "conflict claims",
                    "coop sentences",
                    "conflict sentences",
                    "evenness",
                ],
            );
            for p in &a.pairs {
                t.push(vec![
                    p.a.name.clone(),
                    p.b.name.clone(),
                    p.cooperation.claims.to_string(),
                    p.conflict.claims.to_string(),
                    p.cooperation.quotes.to_string(),
                    p.conflict.quotes.to_string(),
                    format!("{:.2}", p.evenness),
                ]);
            }
            vec![t.of(a.total)]
        }
        Answer::Central(a) => {
            let mut t = Table::new(
                format!("Most central actors by {}", a.by.as_str()),
                &["rank", "actor", "id", "score", "neighbours"],
            );
            for e in &a.top {
                t.push(vec![
                    e.rank.to_string(),
                    e.actor.name.clone(),
                    e.actor.id.clone(),
                    format!("{:.4}", e.score),
                    e.degree.to_string(),
                ]);
            }
            vec![if a.top_asked { t } else { t.of(a.total) }]
        }
        Answer::Find(a) => {
            let mut t = Table::new(
                format!("Actors matching '{}'", a.query),
                &["actor", "id", "kind", "matched"],
            );
            for m in &a.matches {
                t.push(vec![
                    m.actor.name.clone(),
                    m.actor.id.clone(),
                    m.actor.kind.label().to_string(),
                    m.matched.clone(),
                ]);
            }
            vec![t.of(a.total)]
        }
        Answer::Documents(a) => {
            let mut t = Table::new(
                "Documents",
                &[
                    "id",
                    "title",
                    "author",
                    "publisher",
                    "date",
                    "genre",
                    "claims",
                    "actors",
                ],
            );
            for d in &a.documents {
                t.push(vec![
                    d.id.clone(),
                    d.title.clone(),
                    d.author.clone().unwrap_or_default(),
                    d.publisher.clone().unwrap_or_default(),
                    d.date.clone().unwrap_or_default(),
                    d.genre.as_str().to_string(),
                    d.claims.to_string(),
                    d.actors.to_string(),
                ]);
            }
            vec![t.of(a.total)]
        }
        Answer::Stats(a) => {
            let mut totals = Table::new("Totals", &["what", "count"]);
            for (what, n) in [
                ("actors", a.actors),
                ("documents", a.documents),
                ("claims", a.claims),
                ("retracted claims", a.retracted),
                ("reports", a.reports),
                ("relations", a.edges),
                ("connected components", a.components),
                ("largest component", a.largest_component),
            ] {
                totals.push(vec![what.into(), n.to_string()]);
            }
            let by = |title: &str, m: &std::collections::BTreeMap<String, usize>| {
                let mut t = Table::new(title, &["value", "count"]);
                for (k, v) in m {
                    t.push(vec![k.clone(), v.to_string()]);
                }
                t
            };
            let mut connected = Table::new("Most connected", &["actor", "relations", "claims"]);
            for c in &a.most_connected {
                connected.push(vec![
                    c.actor.name.clone(),
                    c.relations.to_string(),
                    c.claims.to_string(),
                ]);
            }
            let mut out = vec![
                totals,
                by("Actors by kind", &a.actors_by_kind),
                by("Claims by kind", &a.claims_by_kind),
                by("Claims by certainty", &a.claims_by_certainty),
                by("Claims by document", &a.claims_by_document),
                connected,
            ];
            if !a.datasets.is_empty() {
                let mut d = Table::new(
                    "Datasets",
                    &[
                        "id",
                        "format",
                        "file",
                        "rows",
                        "events",
                        "reports",
                        "actors created",
                        "rows skipped",
                    ],
                );
                for x in &a.datasets {
                    d.push(vec![
                        x.id.clone(),
                        x.format.clone(),
                        x.file.clone(),
                        x.rows.to_string(),
                        x.events.to_string(),
                        x.reports.to_string(),
                        x.actors_created.to_string(),
                        x.skipped.values().sum::<u32>().to_string(),
                    ]);
                }
                out.push(d);
            }
            out
        }
        Answer::Cite(a) => {
            let mut t = Table::new(format!("{} — {}", a.claim.cite, a.title), CLAIM_COLUMNS);
            t.push(claim_row(&a.claim));
            vec![t]
        }
        Answer::Help(_) => Vec::new(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// The tabular modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Comma-separated, quoted as RFC 4180 says, one header line per table.
    Csv,
    /// Tab-separated; tabs and line breaks inside a cell written as `\t` and `\n`.
    Tsv,
    /// A GitHub-flavoured markdown table per section, `|` in cells escaped.
    Markdown,
    /// Boxed columns fitted to the width, long cells wrapped inside their column.
    Boxed,
}

/// Writes the tables in a style; `width` bounds the boxed style only.
///
/// Sections are separated by a blank line. In csv and tsv a section's title is left out, so
/// that each section is a file a spreadsheet reads; what a cut table left out goes on a last
/// line of its own in the boxed and markdown styles only, for the same reason.
pub fn write(tables: &[Table], style: Style, width: usize) -> String {
    let mut out = String::new();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match style {
            Style::Csv => delimited(&mut out, t, ',', crate::export::csv_field),
            Style::Tsv => delimited(&mut out, t, '\t', |s| {
                s.replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n")
                    .replace('\r', "\\r")
            }),
            // An empty section is a title and "(none)" for a reader, not an empty frame.
            Style::Markdown | Style::Boxed if t.rows.is_empty() => {
                let _ = writeln!(out, "{}\n(none)", t.title);
            }
            Style::Markdown => markdown(&mut out, t),
            Style::Boxed => boxed(&mut out, t, width),
        }
    }
    out
}

fn delimited(out: &mut String, t: &Table, sep: char, cell: impl Fn(&str) -> String) {
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let v: Vec<String> = cells.map(&cell).collect();
        out.push_str(&v.join(&sep.to_string()));
        out.push('\n');
    };
    line(out, &mut t.columns.iter().copied());
    for r in &t.rows {
        line(out, &mut r.iter().map(String::as_str));
    }
}

fn markdown(out: &mut String, t: &Table) {
    let cell = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace('\n', "<br>")
    };
    let _ = writeln!(out, "**{}**\n", cell(&t.title));
    let _ = writeln!(out, "| {} |", t.columns.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        t.columns
            .iter()
            .map(|c| if is_numeric_column(t, c) {
                " ---: "
            } else {
                " --- "
            })
            .collect::<Vec<_>>()
            .join("|")
    );
    for r in &t.rows {
        let v: Vec<String> = r.iter().map(|s| cell(s)).collect();
        let _ = writeln!(out, "| {} |", v.join(" | "));
    }
    if let Some(m) = t.more() {
        let _ = writeln!(out, "\n{m}");
    }
}

/// A column whose every cell is a number is right-aligned, as numbers are read.
fn is_numeric_column(t: &Table, column: &str) -> bool {
    let i = t.columns.iter().position(|c| *c == column).unwrap_or(0);
    !t.rows.is_empty()
        && t.rows
            .iter()
            .all(|r| !r[i].is_empty() && r[i].parse::<f64>().is_ok())
}

fn boxed(out: &mut String, t: &Table, width: usize) {
    let n = t.columns.len();
    let w = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| t.rows.iter().map(|r| w(&r[i])).max().unwrap_or(0).max(w(c)))
        .collect();
    // A row is `│ a │ b │`: three columns of border and padding per cell, plus one.
    let frame = 3 * n + 1;
    // Each column gets at least its longest word (at most 16), so that cells wrap between
    // words; the room left is shared in proportion to what each column still wants, so that
    // long quotes take the space and short names keep theirs. When even the longest words do
    // not fit, the widest columns narrow further, down to 4, breaking words.
    let room = width.saturating_sub(frame);
    let mins: Vec<usize> = (0..n)
        .map(|i| {
            std::iter::once(t.columns[i])
                .chain(t.rows.iter().map(|r| r[i].as_str()))
                .flat_map(str::split_whitespace)
                .map(w)
                .max()
                .unwrap_or(1)
                .min(16)
                .min(widths[i])
        })
        .collect();
    if widths.iter().sum::<usize>() > room {
        let base: usize = mins.iter().sum();
        if base <= room {
            let want: Vec<usize> = (0..n).map(|i| widths[i] - mins[i]).collect();
            let total: usize = want.iter().sum();
            let extra = room - base;
            for i in 0..n {
                widths[i] = mins[i] + extra * want[i] / total;
            }
            // What the rounding down left goes to the columns that want most.
            let mut left = room - widths.iter().sum::<usize>();
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(want[i]));
            for &i in order.iter().cycle().take(n * 2) {
                if left == 0 {
                    break;
                }
                if widths[i] < mins[i] + want[i] {
                    widths[i] += 1;
                    left -= 1;
                }
            }
        } else {
            widths = mins;
            while widths.iter().sum::<usize>() > room {
                let Some(i) = (0..n).filter(|&i| widths[i] > 4).max_by_key(|&i| widths[i]) else {
                    break;
                };
                widths[i] -= 1;
            }
        }
    }
    // A table whose prose column would be squeezed into a sliver reads better one record at a
    // time, as psql's expanded display does.
    // Headers wrap at their spaces, so only the cells count here.
    let natural: Vec<usize> = (0..n)
        .map(|i| t.rows.iter().map(|r| w(&r[i])).max().unwrap_or(0))
        .collect();
    if (0..n).any(|i| widths[i] < SLIVER && widths[i] * 2 < natural[i]) {
        return expanded(out, t, width);
    }
    let numeric: Vec<bool> = t.columns.iter().map(|c| is_numeric_column(t, c)).collect();
    let _ = writeln!(out, "{}", t.title);
    let rule = |l: &str, m: &str, r: &str| {
        let parts: Vec<String> = widths.iter().map(|&x| "─".repeat(x + 2)).collect();
        format!("{l}{}{r}", parts.join(m))
    };
    let _ = writeln!(out, "{}", rule("┌", "┬", "┐"));
    let header: Vec<String> = t.columns.iter().map(|c| c.to_string()).collect();
    row_lines(out, &header, &widths, &vec![false; n]);
    let _ = writeln!(out, "{}", rule("├", "┼", "┤"));
    for r in &t.rows {
        row_lines(out, r, &widths, &numeric);
    }
    let _ = writeln!(out, "{}", rule("└", "┴", "┘"));
    if let Some(m) = t.more() {
        let _ = writeln!(out, "{m}");
    }
}

/// A column narrower than this, and narrower than half what its longest cell wants, makes a
/// boxed table show one record at a time instead.
const SLIVER: usize = 24;

/// A table one record at a time: each field on a line of its own, its name on the left, its
/// value wrapped beside it.
fn expanded(out: &mut String, t: &Table, width: usize) {
    let label = t
        .columns
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let value_w = width.saturating_sub(label + 3).max(20);
    let _ = writeln!(out, "{}", t.title);
    for (k, r) in t.rows.iter().enumerate() {
        let head = format!("─[ {} ]", k + 1);
        let rest = width.saturating_sub(head.chars().count());
        let _ = writeln!(out, "{head}{}", "─".repeat(rest));
        for (c, v) in t.columns.iter().zip(r) {
            for (j, line) in wrap_cell(v, value_w).into_iter().enumerate() {
                let name = if j == 0 { *c } else { "" };
                // An empty value would leave `name │ `: lines end where their text does.
                let text = format!("{name:<label$} │ {line}");
                let _ = writeln!(out, "{}", text.trim_end());
            }
        }
    }
    if let Some(m) = t.more() {
        let _ = writeln!(out, "{m}");
    }
}

/// One table row, its cells wrapped within their columns: as many lines as its tallest cell.
fn row_lines(out: &mut String, cells: &[String], widths: &[usize], right: &[bool]) {
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| wrap_cell(c, w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        out.push('│');
        for (i, lines) in wrapped.iter().enumerate() {
            let s = lines.get(k).map_or("", String::as_str);
            let pad = widths[i] - s.chars().count();
            if right[i] {
                let _ = write!(out, " {}{s} │", " ".repeat(pad));
            } else {
                let _ = write!(out, " {s}{} │", " ".repeat(pad));
            }
        }
        out.push('\n');
    }
}

/// A cell's text in lines of at most `w` characters, broken at spaces where it can and inside
/// a word only when the word is wider than the column. Nothing is dropped.
pub fn wrap_cell(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in s.split_whitespace() {
        let mut chars: Vec<char> = word.chars().collect();
        if len > 0 && len + 1 + chars.len() > w {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        while chars.len() > w - len {
            let take = w - len;
            line.extend(&chars[..take]);
            lines.push(std::mem::take(&mut line));
            chars.drain(..take);
            len = 0;
        }
        line.extend(&chars);
        len += chars.len();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new("Pairs", &["a", "n", "quote"]);
        t.push(vec![
            "Turkey".into(),
            "3".into(),
            "said \"no\", twice".into(),
        ]);
        t.push(vec!["Iran".into(), "12".into(), "a|b\tc".into()]);
        t.of(5)
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_leaves_the_title_out() {
        assert_eq!(
            write(&[table()], Style::Csv, 80),
            "a,n,quote\nTurkey,3,\"said \"\"no\"\", twice\"\nIran,12,a|b\tc\n"
        );
    }

    #[test]
    fn tsv_escapes_tabs_inside_cells() {
        assert_eq!(
            write(&[table()], Style::Tsv, 80),
            "a\tn\tquote\nTurkey\t3\tsaid \"no\", twice\nIran\t12\ta|b\\tc\n"
        );
    }

    #[test]
    fn markdown_escapes_bars_and_right_aligns_numbers() {
        let md = write(&[table()], Style::Markdown, 80);
        assert!(
            md.contains("| a | n | quote |\n| --- | ---: | --- |\n"),
            "{md}"
        );
        assert!(md.contains("| Iran | 12 | a\\|b\tc |"), "{md}");
        assert!(md.ends_with("\n… 3 more (limit 0 for all)\n"), "{md}");
    }

    #[test]
    fn boxed_fits_the_width_and_wraps_long_cells_without_losing_words() {
        let mut t = Table::new("Claims", &["date", "quote"]);
        let quote = "The United States and Iran had previously agreed to hold talks in Istanbul";
        t.push(vec!["2026-02".into(), quote.into()]);
        let out = write(&[t], Style::Boxed, 40);
        for l in out.lines() {
            assert!(l.chars().count() <= 40, "{l:?}\n{out}");
        }
        let words: String = out
            .lines()
            .skip(4)
            .filter_map(|l| l.split('│').nth(2))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(words, quote);
    }

    #[test]
    fn a_word_wider_than_its_column_is_broken_not_dropped() {
        assert_eq!(wrap_cell("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap_cell("", 3), [""]);
    }
}
