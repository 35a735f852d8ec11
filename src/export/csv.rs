//! The CSV writer: a subgraph as three files for `neo4j-admin database import`.
//!
//! `actors.csv` holds the nodes, `relations.csv` one aggregated relationship per edge (its
//! [`EdgeSummary`]), and `claims.csv` one relationship per claim and link, with its evidence.
//! Headers use Neo4j's typed header format; arrays are joined with `;`; fields are quoted only
//! when RFC 4180 needs it.
//!
//! This file must not do I/O (the files are written by [`write_csv_dir`](super::write_csv_dir)),
//! and must not compute per-edge facts itself: they come from [`EdgeSummary`], which the
//! GraphML writer shares.

use std::collections::BTreeSet;

use super::{EdgeSummary, Subgraph};
use crate::answer;
use crate::db::Database;
use crate::model::{ActorId, ActorKind, ClaimId};

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line, each field quoted as needed.
fn csv_row(fields: &[String]) -> String {
    let mut s = fields
        .iter()
        .map(|f| csv_field(f))
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
pub fn csv(db: &Database, g: &Subgraph) -> Vec<(&'static str, String)> {
    let mut actors =
        String::from("id:ID(Actor),name,kind,aliases:string[],part_of,acts_for,principal,:LABEL\n");
    for &a in &g.actors {
        let x = db.actor(a);
        actors.push_str(&csv_row(&[
            x.id.clone(),
            x.name.clone(),
            x.kind.as_str().into(),
            x.aliases.join(";"),
            x.part_of.map_or(String::new(), |p| db.actor(p).id.clone()),
            x.acts_for.map_or(String::new(), |p| db.actor(p).id.clone()),
            db.actor(db.principal(a)).id.clone(),
            format!("Actor;{}", label(x.kind)),
        ]));
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
        relations.push_str(&csv_row(&[
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
        ]));
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
            claims_csv.push_str(&csv_row(&[
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
            ]));
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
}
