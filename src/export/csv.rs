//! The CSV writer: a subgraph as three files for `neo4j-admin database import`.
//!
//! `actors.csv` holds the nodes, `relations.csv` one aggregated relationship per edge (its
//! [`EdgeSummary`]), and `claims.csv` one relationship per claim and link, with its evidence.
//! Headers use Neo4j's typed header format; arrays are joined with `;`; fields are quoted only
//! when RFC 4180 needs it.
//!
//! CSV files are opened in spreadsheets as often as they are imported, and a spreadsheet runs a
//! cell that begins with `=`, `+`, `-` or `@` as a formula (CSV injection: a name or quote in
//! the database could then compute, fetch or link anything). So by default such a cell gets a
//! leading `'`, which spreadsheets read as "this is text" ([`CsvCells::Spreadsheet`]);
//! [`CsvCells::Raw`] writes every cell as it is, for Neo4j, which would keep the `'`.
//!
//! This file must not do I/O (the files are written by [`write_csv_dir`](super::write_csv_dir)),
//! and must not compute per-edge facts itself: they come from [`EdgeSummary`], which the
//! GraphML writer shares.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::{EdgeSummary, ExportOptions, Subgraph};
use crate::answer;
use crate::db::Database;
use crate::model::{ActorId, ActorKind, ClaimId};

/// How the CSV writer treats a cell that a spreadsheet would run as a formula.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CsvCells {
    /// For spreadsheets, the default: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return is written with a leading `'`, so Excel, LibreOffice and Google Sheets
    /// show it as text instead of running it (see [`defuse_formula`]).
    #[default]
    Spreadsheet,
    /// Every cell exactly as the database has it, for `neo4j-admin database import` and
    /// `LOAD CSV`, which would store the `'` as part of the value.
    Raw,
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A cell's text made safe for a spreadsheet: a leading `'` when it begins with a character
/// that starts a formula (`=`, `+`, `-`, `@`) or that some spreadsheets skip before one (a tab
/// or a carriage return). Other text is returned as it is.
///
/// ```
/// use dyad::export::defuse_formula;
/// assert_eq!(defuse_formula("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(defuse_formula("-2+3"), "'-2+3");
/// assert_eq!(defuse_formula("Hamas"), "Hamas");
/// assert_eq!(defuse_formula("a=b"), "a=b");
/// ```
pub fn defuse_formula(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// One CSV line, each field defused as `cells` says and quoted as needed. Every field goes
/// through here, so no column can be missed; numbers, dates and the vocabulary never begin with
/// a formula character, so only free text is ever changed.
fn csv_row(fields: &[String], cells: CsvCells) -> String {
    let mut s = fields
        .iter()
        .map(|f| match cells {
            CsvCells::Spreadsheet => csv_field(&defuse_formula(f)),
            CsvCells::Raw => csv_field(f),
        })
        .collect::<Vec<_>>()
        .join(",");
    s.push('\n');
    s
}

/// Neo4j label for an actor kind.
fn label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "State",
        ActorKind::Agency => "Agency",
        ActorKind::ArmedGroup => "ArmedGroup",
        ActorKind::PoliticalGroup => "PoliticalGroup",
        ActorKind::Person => "Person",
        ActorKind::InternationalOrg => "InternationalOrg",
        ActorKind::Other => "Other",
    }
}

/// The subgraph as three CSV files in `neo4j-admin database import` header format:
/// `actors.csv` (nodes), `relations.csv` (one aggregated relationship per edge) and
/// `claims.csv` (one relationship per claim and link, with its evidence). Arrays use `;`.
/// Cells that would run as spreadsheet formulas are defused ([`CsvCells::Spreadsheet`]);
/// [`csv_with`] chooses.
pub fn csv(db: &Database, g: &Subgraph) -> Vec<(&'static str, String)> {
    csv_with(db, g, CsvCells::Spreadsheet)
}

/// The CSV files, written as the export's options say (the format table's writer).
pub(super) fn csv_files(
    db: &Database,
    g: &Subgraph,
    options: &ExportOptions,
) -> Vec<(&'static str, String)> {
    csv_with(db, g, options.csv_cells)
}

/// The subgraph as [`csv`]'s three files, with formula-like cells treated as `cells` says.
pub fn csv_with(db: &Database, g: &Subgraph, cells: CsvCells) -> Vec<(&'static str, String)> {
    let mut actors =
        String::from("id:ID(Actor),name,kind,aliases:string[],part_of,acts_for,principal,:LABEL\n");
    for &a in &g.actors {
        let x = db.actor(a);
        actors.push_str(&csv_row(
            &[
                x.id.clone(),
                x.name.clone(),
                x.kind.as_str().into(),
                x.aliases.join(";"),
                x.part_of.map_or(String::new(), |p| db.actor(p).id.clone()),
                x.acts_for.map_or(String::new(), |p| db.actor(p).id.clone()),
                db.actor(db.principal(a)).id.clone(),
                format!("Actor;{}", label(x.kind)),
            ],
            cells,
        ));
    }
    let mut relations = String::from(
        ":START_ID(Actor),:END_ID(Actor),:TYPE,claims:int,quotes:int,weight:double,actions:string[],first_date,last_date,best_certainty\n",
    );
    let mut claims_csv = String::from(
        ":START_ID(Actor),:END_ID(Actor),:TYPE,cite,kind,action,mutual:boolean,date,certainty,document,quote,note,between:string[]\n",
    );
    let mut seen_claims: BTreeSet<(ClaimId, ActorId)> = BTreeSet::new();
    for (e, claims) in &g.edges {
        let ids: Vec<ClaimId> = claims.iter().copied().collect();
        let Some(summary) = EdgeSummary::of(db, g, *e, &ids) else {
            continue;
        };
        relations.push_str(&csv_row(
            &[
                db.actor(summary.a).id.clone(),
                db.actor(summary.b).id.clone(),
                summary.kind.as_str().to_ascii_uppercase(),
                summary.claims.to_string(),
                summary.quotes.to_string(),
                format!("{:.2}", summary.weight),
                summary.actions_joined(";"),
                summary.first_date.to_string(),
                summary.last_date.to_string(),
                summary.best_certainty.as_str().into(),
            ],
            cells,
        ));
        for &c in &ids {
            let claim = db.claim(c);
            let v = answer::claim_view(db, c);
            // One row per link: a mediation appears once per party present in the subgraph.
            let from = g.node(claim.from);
            let (start, end) = if from == e.a {
                (e.a, e.b)
            } else if from == e.b {
                (e.b, e.a)
            } else {
                (e.a, e.b)
            };
            if !seen_claims.insert((c, end)) {
                continue;
            }
            let between = v
                .between
                .as_ref()
                .map_or(String::new(), |[p, q]| format!("{};{}", p.id, q.id));
            claims_csv.push_str(&csv_row(
                &[
                    db.actor(start).id.clone(),
                    db.actor(end).id.clone(),
                    "CLAIM".into(),
                    v.cite.clone(),
                    v.kind.as_str().into(),
                    v.action.as_str().into(),
                    v.mutual.to_string(),
                    v.date.clone(),
                    v.certainty.as_str().into(),
                    v.document.clone(),
                    v.quote.clone(),
                    v.note.clone().unwrap_or_default(),
                    between,
                ],
                cells,
            ));
        }
    }
    vec![
        ("actors.csv", actors),
        ("relations.csv", relations),
        ("claims.csv", claims_csv),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn formula_leading_cells_are_defused_unless_raw() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            let row = csv_row(&[bad.to_string()], CsvCells::Spreadsheet);
            assert!(
                row.starts_with("'") || row.starts_with("\"'"),
                "{bad:?}: {row:?}"
            );
            assert_eq!(
                csv_row(&[bad.to_string()], CsvCells::Raw),
                format!("{}\n", csv_field(bad))
            );
        }
        // A defused cell that needs quoting is quoted with its `'` inside.
        assert_eq!(
            csv_row(&["=a,b".into(), "ok".into()], CsvCells::Spreadsheet),
            "\"'=a,b\",ok\n"
        );
    }
}
