//! The GraphML writer: a subgraph with typed attributes, for Gephi, Cytoscape and NetworkX.
//!
//! Nodes carry an actor's name, kind, aliases and what it rolls up to; edges carry the
//! [`EdgeSummary`] of their claims. Every value is escaped for XML, and characters XML cannot
//! hold are dropped.
//!
//! This file must not do I/O, and must not compute per-edge facts itself: they come from
//! [`EdgeSummary`], which the CSV writer shares.

use std::fmt::Write as _;

use super::{EdgeSummary, Subgraph};
use crate::db::Database;
use crate::model::ClaimId;

/// Escapes text for XML content and attributes. Characters XML 1.0 forbids (most control
/// characters) are dropped, since no escape can carry them.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The attributes GraphML declares, as (key id, for, name, type).
const GRAPHML_KEYS: &[(&str, &str, &str, &str)] = &[
    ("n_name", "node", "name", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_part_of", "node", "part_of", "string"),
    ("n_acts_for", "node", "acts_for", "string"),
    ("n_principal", "node", "principal", "string"),
    ("n_highlight", "node", "highlight", "boolean"),
    ("e_kind", "edge", "kind", "string"),
    ("e_claims", "edge", "claims", "int"),
    ("e_quotes", "edge", "quotes", "int"),
    ("e_weight", "edge", "weight", "double"),
    ("e_actions", "edge", "actions", "string"),
    ("e_direction", "edge", "direction", "string"),
    ("e_first_date", "edge", "first_date", "string"),
    ("e_last_date", "edge", "last_date", "string"),
    ("e_best_certainty", "edge", "best_certainty", "string"),
    ("e_documents", "edge", "documents", "string"),
    ("e_quote", "edge", "quote", "string"),
    ("e_cite", "edge", "cite", "string"),
];

/// Writes one `<data>` element.
fn data(s: &mut String, key: &str, value: &str) {
    let _ = writeln!(s, "      <data key=\"{key}\">{}</data>", xml_escape(value));
}

/// The subgraph as GraphML with typed attributes, for Gephi, Cytoscape and NetworkX.
///
/// The graph is undirected with one edge per (pair, kind), so tools read it as a multigraph;
/// `direction` says which way the edge's claims go (`mutual`, `a->b`, `b->a`, `both`), and
/// `weight` is the evidence weight (each distinct sentence once, at its firmest certainty), and
/// `quotes` counts those sentences.
pub fn graphml(db: &Database, g: &Subgraph) -> String {
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, for_, name, ty) in GRAPHML_KEYS {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{for_}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        s,
        "  <graph id=\"{}\" edgedefault=\"undirected\">",
        xml_escape(&g.title)
    );
    for &a in &g.actors {
        let x = db.actor(a);
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&x.id));
        data(&mut s, "n_name", &x.name);
        data(&mut s, "n_kind", x.kind.as_str());
        data(&mut s, "n_aliases", &x.aliases.join("; "));
        data(
            &mut s,
            "n_part_of",
            &x.part_of.map_or(String::new(), |p| db.actor(p).id.clone()),
        );
        data(
            &mut s,
            "n_acts_for",
            &x.acts_for.map_or(String::new(), |p| db.actor(p).id.clone()),
        );
        data(&mut s, "n_principal", &db.actor(db.principal(a)).id);
        data(
            &mut s,
            "n_highlight",
            if g.highlight.contains(&a) {
                "true"
            } else {
                "false"
            },
        );
        s.push_str("    </node>\n");
    }
    for (i, (e, claims)) in g.edges.iter().enumerate() {
        let claims: Vec<ClaimId> = claims.iter().copied().collect();
        let Some(summary) = EdgeSummary::of(db, g, *e, &claims) else {
            continue;
        };
        let _ = writeln!(
            s,
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
            i,
            xml_escape(&db.actor(summary.a).id),
            xml_escape(&db.actor(summary.b).id)
        );
        data(&mut s, "e_kind", summary.kind.as_str());
        data(&mut s, "e_claims", &summary.claims.to_string());
        data(&mut s, "e_quotes", &summary.quotes.to_string());
        data(&mut s, "e_weight", &format!("{:.2}", summary.weight));
        data(&mut s, "e_actions", &summary.actions_joined("; "));
        data(&mut s, "e_direction", summary.direction.as_str());
        data(&mut s, "e_first_date", &summary.first_date.to_string());
        data(&mut s, "e_last_date", &summary.last_date.to_string());
        data(&mut s, "e_best_certainty", summary.best_certainty.as_str());
        data(&mut s, "e_documents", &summary.documents.join("; "));
        data(&mut s, "e_quote", &summary.strongest.quote);
        data(&mut s, "e_cite", &summary.strongest.cite);
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_drops_what_xml_cannot_hold() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }
}
