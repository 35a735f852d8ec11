//! The DOT writer: a subgraph as a Graphviz diagram.
//!
//! Colour and style show the relation kind, node shape the actor kind; people and components
//! sit in a box with the actor they roll up to, and a legend explains what the diagram uses.
//! The per-edge facts (direction, actions, claim count, strongest claim) come from
//! [`EdgeSummary`]; this file decides only how they look.
//!
//! Every string is cut to a length Graphviz accepts before it is escaped: `dot` rejects a
//! quoted string longer than 16,384 bytes (`… longer than 16384?`), and one long quote or name
//! must not make a whole diagram fail. Labels are cut short enough to read ([`LABEL_CHARS`]),
//! tooltips long enough to carry a quote ([`TOOLTIP_CHARS`]), each cut marked with `…`; an
//! actor id too long to be a node's name is replaced by its index. The full texts are in the
//! JSON, GraphML and CSV exports, which are not cut.
//!
//! This file must not do I/O or run Graphviz: it returns text, which
//! [`render`](super::render) turns into an image when asked.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Direction, EdgeSummary, Subgraph};
use crate::db::Database;
use crate::model::{ActorId, ActorKind, ClaimId, RelationKind};
use crate::text::clip;

/// Escapes text for a double-quoted DOT string. Backslashes are doubled because DOT reads
/// `\n`, `\l`, `\N` and friends as escapes; newlines become `\n`; other control characters,
/// which Graphviz rejects, become spaces.
pub fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The most characters of a name, title or other label drawn in a diagram.
pub const LABEL_CHARS: usize = 100;

/// The most characters of a tooltip (an actor's names, an edge's strongest quote and its cite).
///
/// With at most four bytes per character, and escaping at most doubling a one-byte character,
/// a tooltip stays under 8 KB, half of what Graphviz accepts in one quoted string.
pub const TOOLTIP_CHARS: usize = 2000;

/// The longest actor id used as a node's name; a longer one (ids have no length limit) is
/// replaced by `#` and the actor's index, which no id can be since ids have no `#`.
const ID_BYTES: usize = 200;

/// A double-quoted, escaped DOT string.
fn q(s: &str) -> String {
    format!("\"{}\"", dot_escape(s))
}

/// A double-quoted, escaped DOT string of at most `max` characters of `s`, cut with `…`.
fn q_cut(s: &str, max: usize) -> String {
    q(&clip(s, max))
}

/// The DOT name of an actor's node: its id, unless the id is too long for Graphviz.
fn node_name(db: &Database, a: ActorId) -> String {
    let id = &db.actor(a).id;
    if id.len() <= ID_BYTES {
        id.clone()
    } else {
        format!("#{}", a.index())
    }
}

fn shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Agency => "component",
        ActorKind::ArmedGroup => "octagon",
        ActorKind::PoliticalGroup => "hexagon",
        ActorKind::Person => "ellipse",
        ActorKind::InternationalOrg => "doubleoctagon",
        ActorKind::Other => "note",
    }
}

fn fill(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "#e3f2fd",
        ActorKind::Agency => "#ede7f6",
        ActorKind::ArmedGroup => "#ffebee",
        ActorKind::PoliticalGroup => "#fff8e1",
        ActorKind::Person => "#f1f8e9",
        ActorKind::InternationalOrg => "#e0f7fa",
        ActorKind::Other => "#f5f5f5",
    }
}

fn edge_style(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Cooperation => ("#2e7d32", "solid"),
        RelationKind::Conflict => ("#c62828", "bold"),
        RelationKind::Mediation => ("#1565c0", "dashed"),
    }
}

/// The diagram of a subgraph as Graphviz DOT.
///
/// Colour and style show the relation kind (cooperation green and solid, conflict red and
/// bold, mediation blue and dashed from the mediator to each party); node shape shows the actor
/// kind; edge labels give the main actions and the claim count; tooltips carry the strongest
/// quote and its citation. People and components sit in a box with the actor they roll up to,
/// and the query's endpoints are drawn heavier. Relations whose claims are all mutual have no
/// arrowheads.
pub fn dot(db: &Database, g: &Subgraph) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "digraph dyad {{");
    let _ = writeln!(
        s,
        "    graph [label={}, labelloc=t, fontname=\"Helvetica\", fontsize=16, rankdir=LR, nodesep=0.4, ranksep=0.9, charset=\"UTF-8\"];",
        q_cut(&g.title, LABEL_CHARS)
    );
    let _ = writeln!(
        s,
        "    node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#455a64\"];"
    );
    let _ = writeln!(s, "    edge [fontname=\"Helvetica\", fontsize=9];");
    nodes(&mut s, db, g);
    for (e, claims) in &g.edges {
        let claims: Vec<ClaimId> = claims.iter().copied().collect();
        if let Some(summary) = EdgeSummary::of(db, g, *e, &claims) {
            edge(&mut s, db, &summary);
        }
    }
    legend(&mut s, db, g);
    let _ = writeln!(s, "}}");
    s
}

/// The actors, grouped by the actor they roll up to; a group with members other than its
/// principal becomes a cluster.
fn nodes(s: &mut String, db: &Database, g: &Subgraph) {
    let mut groups: BTreeMap<ActorId, Vec<ActorId>> = BTreeMap::new();
    for &a in &g.actors {
        groups.entry(db.principal(a)).or_default().push(a);
    }
    for (principal, members) in &groups {
        let clustered = members.iter().any(|m| m != principal);
        if clustered {
            let _ = writeln!(
                s,
                "    subgraph {} {{",
                q(&format!("cluster_{}", node_name(db, *principal)))
            );
            let _ = writeln!(
                s,
                "        label={}; style=\"rounded,dashed\"; color=\"#90a4ae\"; fontsize=10;",
                q_cut(db.name(*principal), LABEL_CHARS)
            );
            for &m in members {
                node(s, db, g, "        ", m);
            }
            let _ = writeln!(s, "    }}");
        } else {
            for &m in members {
                node(s, db, g, "    ", m);
            }
        }
    }
}

/// One actor's node.
fn node(s: &mut String, db: &Database, g: &Subgraph, indent: &str, a: ActorId) {
    let x = db.actor(a);
    let mut tip = format!("{} — {}", clip(&x.name, LABEL_CHARS), x.kind.label());
    if !x.aliases.is_empty() {
        let aliases: Vec<_> = x.aliases.iter().map(|a| clip(a, LABEL_CHARS)).collect();
        let _ = write!(tip, "; also {}", aliases.join(", "));
    }
    let heavy = if g.highlight.contains(&a) {
        ", penwidth=3, color=\"#f57f17\", fontname=\"Helvetica-Bold\""
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "{indent}{} [label={}, shape={}, fillcolor=\"{}\", tooltip={}{heavy}];",
        q(&node_name(db, a)),
        q_cut(&x.name, LABEL_CHARS),
        shape(x.kind),
        fill(x.kind),
        q_cut(&tip, TOOLTIP_CHARS)
    );
}

/// One edge: coloured by kind, labelled with its actions and evidence count (distinct
/// sentences), its tooltip the strongest claim and the counts of claims, sentences and documents.
fn edge(s: &mut String, db: &Database, summary: &EdgeSummary) {
    // Write one-way edges source first, so that the layout reads left to right.
    let (tail, head) = match summary.direction {
        Direction::BToA => (summary.b, summary.a),
        _ => (summary.a, summary.b),
    };
    let dir = match summary.direction {
        Direction::Both => "both",
        Direction::AToB | Direction::BToA => "forward",
        Direction::Mutual => "none",
    };
    let (color, style) = edge_style(summary.kind);
    // Labels and line widths count evidence (distinct sentences), not claim records.
    let n = summary.quotes;
    let label = format!("{} ×{n}", summary.actions_joined(", "));
    let best = &summary.strongest;
    // The quote is cut first, so that a long one still leaves room for its cite and counts.
    let mut tip = format!(
        "{} {} ({}): “{}” [{}]",
        best.date_label,
        best.action.as_str(),
        best.certainty,
        clip(&best.quote, TOOLTIP_CHARS / 2),
        clip(&best.cite, LABEL_CHARS)
    );
    if summary.claims > 1 {
        let _ = write!(
            tip,
            " — {} claims from {} sentence{} in {} document{}",
            summary.claims,
            n,
            if n == 1 { "" } else { "s" },
            summary.documents.len(),
            if summary.documents.len() == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    let width = 1.0 + (n as f64).log2().min(3.0);
    let _ = writeln!(
        s,
        "    {} -> {} [color=\"{color}\", fontcolor=\"{color}\", style={style}, dir={dir}, label={}, tooltip={}, penwidth={width:.1}];",
        q(&node_name(db, tail)),
        q(&node_name(db, head)),
        q_cut(&label, LABEL_CHARS),
        q_cut(&tip, TOOLTIP_CHARS)
    );
}

/// A legend for the kinds of actor and relation the diagram shows.
fn legend(s: &mut String, db: &Database, g: &Subgraph) {
    let kinds: BTreeSet<ActorKind> = g.actors.iter().map(|a| db.actor(*a).kind).collect();
    let rels: BTreeSet<RelationKind> = g.edges.keys().map(|l| l.kind).collect();
    let _ = writeln!(s, "    subgraph \"cluster_legend\" {{");
    let _ = writeln!(
        s,
        "        label=\"Legend\"; fontsize=10; style=\"rounded\"; color=\"#b0bec5\";"
    );
    let _ = writeln!(s, "        node [fontsize=9, height=0.3];");
    for k in &kinds {
        let _ = writeln!(
            s,
            "        \"legend_{}\" [label={}, shape={}, fillcolor=\"{}\"];",
            k.as_str(),
            q(k.label()),
            shape(*k),
            fill(*k)
        );
    }
    for r in &rels {
        let (color, style) = edge_style(*r);
        let _ = writeln!(
            s,
            "        \"legend_{0}_a\" [label=\"\", shape=point, width=0.08];",
            r.as_str()
        );
        let _ = writeln!(
            s,
            "        \"legend_{0}_b\" [label=\"\", shape=point, width=0.08];",
            r.as_str()
        );
        let _ = writeln!(
            s,
            "        \"legend_{0}_a\" -> \"legend_{0}_b\" [label=\"{0}\", color=\"{color}\", fontcolor=\"{color}\", style={style}, dir={1}];",
            r.as_str(),
            if *r == RelationKind::Mediation { "forward" } else { "none" }
        );
    }
    let _ = writeln!(s, "    }}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_string_stays_far_below_graphvizs_limit_whatever_it_holds() {
        // The worst cases for size: four-byte characters, and characters escaping doubles.
        for c in ['𝕏', '"', '\\', '\n'] {
            let long: String = std::iter::repeat_n(c, 100_000).collect();
            let quoted = q_cut(&long, TOOLTIP_CHARS);
            assert!(quoted.len() < 16_384 / 2, "{c:?}: {} bytes", quoted.len());
            assert!(quoted.ends_with("…\""), "{c:?}");
        }
        assert_eq!(q_cut("Oman", LABEL_CHARS), "\"Oman\"");
    }

    #[test]
    fn dot_escape_handles_quotes_backslashes_and_newlines() {
        assert_eq!(dot_escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(dot_escape("x\ny\u{7}"), "x\\ny ");
        assert_eq!(dot_escape("<{}> Türkiye"), "<{}> Türkiye");
    }
}
