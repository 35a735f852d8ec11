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

use super::graphml::xml_escape as html;
use super::{Direction, EdgeSummary, Layout, Link, Picture, Subgraph};
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

pub(super) fn shape(kind: ActorKind) -> &'static str {
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

pub(super) fn fill(kind: ActorKind) -> &'static str {
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

pub(super) fn edge_style(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Cooperation => ("#2e7d32", "solid"),
        RelationKind::Conflict => ("#c62828", "bold"),
        RelationKind::Mediation => ("#1565c0", "dashed"),
    }
}

/// The diagram of a subgraph as Graphviz DOT.
///
/// Colour and style show the relation kind (cooperation green and solid, conflict red and
/// bold, mediation blue and dashed); node shape shows the actor kind; the query's own actors
/// are drawn heavier; tooltips carry the strongest quote and its citation. The layout follows
/// the picture ([`Subgraph::layout`]): a path reads left to right, a network is laid out by
/// force with overlaps removed, and a mediators diagram puts one party on the left, the other
/// on the right and the mediators, ranked, between them.
///
/// The relations of one pair are one edge (cooperation and conflict side by side, as parallel
/// lines of their colours). A mediation is drawn as what it is: the mediator's line meets a
/// small point, and from that point a line goes to each party, so who stands between whom is
/// a shape. Actors without any drawn tie are left out of network pictures, with a count in the
/// legend, as is what [`Subgraph::keep_top`] left out.
pub fn dot(db: &Database, g: &Subgraph) -> String {
    let layout = g.layout();
    let mut s = String::new();
    let _ = writeln!(s, "digraph dyad {{");
    let engine = match layout {
        Layout::Dot => "layout=dot, rankdir=LR, nodesep=0.35, ranksep=0.9, newrank=true",
        // Stress majorisation, with `prism` removing node overlaps while keeping the layout's
        // shape. Edges are curved rather than routed around nodes (`splines=true`): with
        // overlap removal, Graphviz 2.43's router, like an explicit `start=N`, gave a different
        // drawing from run to run of the same file, and diagrams must diff cleanly.
        // A small diagram labels its edges and gets room for the labels; a large one is
        // drawn compactly, so that its names stay legible at the width it is read at.
        Layout::Neato if g.edges.len() <= EDGE_LABELS_UP_TO => {
            "layout=neato, mode=major, overlap=prism, overlap_scaling=-6, sep=\"+20\", splines=curved"
        }
        Layout::Neato => {
            "layout=neato, mode=major, overlap=prism, overlap_scaling=-2, sep=\"+8\", splines=curved"
        }
        Layout::Sfdp => {
            "layout=sfdp, start=7, overlap=prism, sep=\"+8\", splines=curved, K=1.1, repulsiveforce=1.5"
        }
        // Straight lines: circo places nodes too close for the spline router to pass between.
        Layout::Circo => "layout=circo, mindist=0.8, overlap=prism, sep=\"+8\"",
    };
    let drawn = drawn_actors(g);
    let isolated = g.actors.len() - drawn.len();
    let _ = writeln!(
        s,
        "    graph [{engine}, label={}, labelloc=t, labeljust=l, fontname=\"Helvetica\", fontsize=16, charset=\"UTF-8\", outputorder=edgesfirst, pad=0.3];",
        legend(db, g, &drawn, isolated)
    );
    let _ = writeln!(
        s,
        "    node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#455a64\", margin=\"0.12,0.05\"];"
    );
    let _ = writeln!(
        s,
        "    edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];"
    );
    match &g.picture {
        Picture::Mediators {
            a,
            b,
            sourced,
            brokers,
        } => mediators(&mut s, db, g, (*a, *b), sourced, brokers),
        _ => {
            nodes(&mut s, db, g, &drawn);
            // Labels on every edge are for diagrams small enough to read them; a large one
            // keeps them in its tooltips.
            let labels = g.edges.len() <= EDGE_LABELS_UP_TO && layout != Layout::Sfdp;
            pairs(&mut s, db, g, labels);
            mediations(&mut s, db, g, labels);
        }
    }
    let _ = writeln!(s, "}}");
    s
}

/// Diagrams with at most this many relations label every edge with its actions and evidence.
const EDGE_LABELS_UP_TO: usize = 40;

/// The actors a diagram draws: in a network, those with at least one drawn tie and the
/// query's own actors; in a flow or a mediators diagram, every actor.
fn drawn_actors(g: &Subgraph) -> BTreeSet<ActorId> {
    if !matches!(g.picture, Picture::Network) {
        return g.actors.clone();
    }
    let mut linked: BTreeSet<ActorId> = g.edges.keys().flat_map(|l| [l.a, l.b]).collect();
    linked.extend(g.highlight.iter().copied());
    g.actors.intersection(&linked).copied().collect()
}

/// The title and legend, as an HTML-like label: the title, what the shapes and colours mean
/// (only those drawn), and what was left out. A label, unlike a legend cluster, stays at the
/// top of the sheet whatever the layout engine does with the nodes.
fn legend(db: &Database, g: &Subgraph, drawn: &BTreeSet<ActorId>, isolated: usize) -> String {
    let kinds: BTreeSet<ActorKind> = drawn.iter().map(|a| db.actor(*a).kind).collect();
    let rels: BTreeSet<RelationKind> = g.edges.keys().map(|l| l.kind).collect();
    let shapes: Vec<String> = kinds
        .iter()
        .map(|k| format!("{}: {}", shape_word(*k), k.label()))
        .collect();
    let mediators_picture = matches!(g.picture, Picture::Mediators { .. });
    let lines: Vec<String> = rels
        .iter()
        .map(|r| {
            let (color, _) = edge_style(*r);
            let what = match r {
                RelationKind::Cooperation if mediators_picture => {
                    "━ cooperation (inferred brokers: tied to both, not sourced as mediators)"
                }
                RelationKind::Cooperation => "━ cooperation",
                RelationKind::Conflict => "━━ conflict",
                RelationKind::Mediation if mediators_picture => {
                    "╌ mediation (sourced mediators, best evidence first, top to bottom)"
                }
                RelationKind::Mediation => {
                    "╌ mediation (the mediator's line meets a point; from it a line goes to each party)"
                }
            };
            format!("<font color=\"{color}\">{what}</font>")
        })
        .collect();
    let mut notes = Vec::new();
    if g.left_out > 0 {
        notes.push(format!(
            "{} of {} shown: the most connected; {} left out",
            crate::text::count(g.actors.len(), "actor"),
            crate::text::thousands((g.actors.len() + g.left_out) as u64),
            crate::text::thousands(g.left_out as u64)
        ));
    }
    if isolated > 0 {
        notes.push(format!(
            "{} without a drawn tie not shown",
            crate::text::count(isolated, "actor")
        ));
    }
    let mut label = format!(
        "<<b>{}</b><br/><font point-size=\"10\">{}</font><br/><font point-size=\"10\">{}</font>",
        html(&clip(&g.title, LABEL_CHARS)),
        html(&shapes.join(" · ")),
        lines.join(" &nbsp; ")
    );
    if !notes.is_empty() {
        let _ = write!(
            label,
            "<br/><font point-size=\"10\" color=\"#546e7a\">{}</font>",
            html(&notes.join("; "))
        );
    }
    label.push('>');
    label
}

/// The shape of an actor kind, in words for the legend (Graphviz's fonts lack the glyphs).
fn shape_word(kind: ActorKind) -> &'static str {
    match shape(kind) {
        "box" => "box",
        "component" => "tabbed box",
        "octagon" => "octagon",
        "hexagon" => "hexagon",
        "ellipse" => "oval",
        "doubleoctagon" => "double octagon",
        _ => "folded note",
    }
}

/// The actors, grouped by the actor they roll up to; a group with members other than its
/// principal becomes a cluster (drawn as a box by `dot`; the force-directed engines ignore
/// clusters and keep the members near their principal through their ties).
fn nodes(s: &mut String, db: &Database, g: &Subgraph, drawn: &BTreeSet<ActorId>) {
    let mut groups: BTreeMap<ActorId, Vec<ActorId>> = BTreeMap::new();
    for &a in drawn {
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
                node(s, db, g, "        ", m, None);
            }
            let _ = writeln!(s, "    }}");
        } else {
            for &m in members {
                node(s, db, g, "    ", m, None);
            }
        }
    }
}

/// One actor's node, labelled with its name, or with `label` (an HTML-like label) when given.
fn node(
    s: &mut String,
    db: &Database,
    g: &Subgraph,
    indent: &str,
    a: ActorId,
    label: Option<&str>,
) {
    let x = db.actor(a);
    let mut tip = format!("{} — {}", clip(&x.name, LABEL_CHARS), x.kind.label());
    if !x.aliases.is_empty() {
        let aliases: Vec<_> = x.aliases.iter().map(|a| clip(a, LABEL_CHARS)).collect();
        let _ = write!(tip, "; also {}", aliases.join(", "));
    }
    let heavy = if g.highlight.contains(&a) {
        ", penwidth=3, color=\"#f57f17\", fontname=\"Helvetica-Bold\", fontsize=13"
    } else {
        ""
    };
    let label = match label {
        Some(l) => l.to_string(),
        None => q_cut(&x.name, LABEL_CHARS),
    };
    let _ = writeln!(
        s,
        "{indent}{} [label={label}, shape={}, fillcolor=\"{}\", tooltip={}{heavy}];",
        q(&node_name(db, a)),
        shape(x.kind),
        fill(x.kind),
        q_cut(&tip, TOOLTIP_CHARS)
    );
}

/// The tooltip of a relation: its strongest claim and how much evidence it has.
fn tooltip(summary: &EdgeSummary) -> String {
    let best = &summary.strongest;
    // The quote is cut first, so that a long one still leaves room for its cite and counts.
    let mut tip = format!(
        "{} {} ({}): “{}” [{}]",
        best.date_label,
        best.action.as_str(),
        best.certainty,
        clip(&best.quote, TOOLTIP_CHARS / 4),
        clip(&best.cite, LABEL_CHARS)
    );
    if summary.claims > 1 {
        let _ = write!(
            tip,
            " — {} from {} in {}",
            crate::text::count(summary.claims, "claim"),
            crate::text::count(summary.quotes, "sentence"),
            crate::text::count(summary.documents.len(), "document")
        );
    }
    tip
}

/// A line width for an amount of evidence: 1 for one sentence, up to 4 for eight or more.
fn width(quotes: usize) -> f64 {
    1.0 + (quotes.max(1) as f64).log2().min(3.0)
}

/// The cooperation and conflict relations, one edge per pair of actors. A pair with both
/// kinds is one edge drawn as two parallel lines, green and red, labelled with both counts.
fn pairs(s: &mut String, db: &Database, g: &Subgraph, labels: bool) {
    let mut by_pair: BTreeMap<(ActorId, ActorId), Vec<EdgeSummary>> = BTreeMap::new();
    for (link, claims) in &g.edges {
        if link.kind == RelationKind::Mediation {
            continue;
        }
        let claims: Vec<ClaimId> = claims.iter().copied().collect();
        if let Some(summary) = EdgeSummary::of(db, g, *link, &claims) {
            by_pair.entry((link.a, link.b)).or_default().push(summary);
        }
    }
    for ((a, b), kinds) in &by_pair {
        let quotes: usize = kinds.iter().map(|k| k.quotes).sum();
        let (tail, head, dir) = match kinds.as_slice() {
            [one] => {
                // Write one-way edges source first, so that a flow reads left to right.
                let (tail, head) = match one.direction {
                    Direction::BToA => (*b, *a),
                    _ => (*a, *b),
                };
                let dir = match one.direction {
                    Direction::Both => "both",
                    Direction::AToB | Direction::BToA => "forward",
                    Direction::Mutual => "none",
                };
                (tail, head, dir)
            }
            _ => (*a, *b, "none"),
        };
        let colors: Vec<&str> = kinds.iter().map(|k| edge_style(k.kind).0).collect();
        let style = match kinds.as_slice() {
            [one] => edge_style(one.kind).1,
            _ => "solid",
        };
        let label = match kinds.as_slice() {
            [one] => format!("{} ×{}", one.actions_joined(", "), one.quotes),
            many => many
                .iter()
                .map(|k| format!("{} ×{}", k.kind, k.quotes))
                .collect::<Vec<_>>()
                .join(" · "),
        };
        let tip: Vec<String> = kinds.iter().map(tooltip).collect();
        let label_attr = if labels {
            format!(
                ", label={}, fontcolor=\"{}\"",
                q_cut(&label, LABEL_CHARS),
                colors[0]
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "    {} -> {} [color=\"{}\", style={style}, dir={dir}{label_attr}, tooltip={}, penwidth={:.1}];",
            q(&node_name(db, tail)),
            q(&node_name(db, head)),
            colors.join(":"),
            q_cut(&tip.join(" | "), TOOLTIP_CHARS),
            width(quotes)
        );
    }
}

/// The mediations: for each mediator and pair of parties, a point between the parties that
/// the mediator's line reaches, and a line from the point to each party. A mediation whose
/// other side is unknown (one-sided event data), or whose parties are not both drawn, is a
/// line from the mediator to the party it names.
fn mediations(s: &mut String, db: &Database, g: &Subgraph, labels: bool) {
    let (color, style) = edge_style(RelationKind::Mediation);
    let mut triples: BTreeMap<(ActorId, ActorId, ActorId), Vec<ClaimId>> = BTreeMap::new();
    let mut single: BTreeMap<(ActorId, ActorId), Vec<ClaimId>> = BTreeMap::new();
    let claims: BTreeSet<ClaimId> = g
        .edges
        .iter()
        .filter(|(l, _)| l.kind == RelationKind::Mediation)
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    for c in claims {
        let claim = db.claim(c);
        let m = g.node(claim.from);
        match claim.parties().map(|(p, q)| (g.node(p), g.node(q))) {
            Some((p, q))
                if p != q && p != m && q != m && g.actors.contains(&p) && g.actors.contains(&q) =>
            {
                triples.entry((m, p.min(q), p.max(q))).or_default().push(c);
            }
            _ => {
                for (_, x) in claim.links() {
                    let x = g.node(x);
                    if x != m && g.actors.contains(&x) {
                        single.entry((m, x)).or_default().push(c);
                    }
                }
            }
        }
    }
    let summary = |a: ActorId, b: ActorId, claims: &[ClaimId]| {
        let link = Link {
            a: a.min(b),
            b: a.max(b),
            kind: RelationKind::Mediation,
        };
        EdgeSummary::of(db, g, link, claims)
    };
    for ((m, p, r), claims) in &triples {
        let Some(sum) = summary(*m, *p, claims) else {
            continue;
        };
        let point = q(&format!(
            "mediation:{}:{}:{}",
            node_name(db, *m),
            node_name(db, *p),
            node_name(db, *r)
        ));
        let tip = format!(
            "{} between {} and {}: {}",
            db.name(*m),
            db.name(*p),
            db.name(*r),
            tooltip(&sum)
        );
        let _ = writeln!(
            s,
            "    {point} [label=\"\", shape=point, width=0.09, color=\"{color}\", fillcolor=\"{color}\", tooltip={}];",
            q_cut(&tip, TOOLTIP_CHARS)
        );
        let label = if labels {
            format!(", label=\"MEDIATE ×{}\", fontcolor=\"{color}\"", sum.quotes)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "    {} -> {point} [color=\"{color}\", style={style}, dir=none, len=0.7, weight=2{label}, tooltip={}, penwidth={:.1}];",
            q(&node_name(db, *m)),
            q_cut(&tip, TOOLTIP_CHARS),
            width(sum.quotes)
        );
        for party in [p, r] {
            let _ = writeln!(
                s,
                "    {point} -> {} [color=\"{color}\", style={style}, len=1.2, tooltip={}];",
                q(&node_name(db, *party)),
                q_cut(&tip, TOOLTIP_CHARS)
            );
        }
    }
    for ((m, x), claims) in &single {
        let Some(sum) = summary(*m, *x, claims) else {
            continue;
        };
        let label = if labels {
            format!(", label=\"MEDIATE ×{}\", fontcolor=\"{color}\"", sum.quotes)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "    {} -> {} [color=\"{color}\", style={style}{label}, tooltip={}, penwidth={:.1}];",
            q(&node_name(db, *m)),
            q(&node_name(db, *x)),
            q_cut(&tooltip(&sum), TOOLTIP_CHARS),
            width(sum.quotes)
        );
    }
}

/// The mediators diagram: `a` on the left, `b` on the right, the sourced mediators between
/// them ranked top to bottom, then the inferred brokers. Only the ties that explain the
/// ranking are drawn: each mediator's mediation with each party, each broker's cooperation.
fn mediators(
    s: &mut String,
    db: &Database,
    g: &Subgraph,
    (a, b): (ActorId, ActorId),
    sourced: &[(ActorId, String)],
    brokers: &[(ActorId, String)],
) {
    node(s, db, g, "    ", a, None);
    node(s, db, g, "    ", b, None);
    let _ = writeln!(s, "    {{ rank=min; {}; }}", q(&node_name(db, a)));
    let _ = writeln!(s, "    {{ rank=max; {}; }}", q(&node_name(db, b)));
    let middle: Vec<(usize, ActorId, &String, bool)> = sourced
        .iter()
        .enumerate()
        .map(|(i, (x, why))| (i + 1, *x, why, true))
        .chain(brokers.iter().map(|(x, why)| (0, *x, why, false)))
        .filter(|(_, x, _, _)| *x != a && *x != b)
        .collect();
    for (rank, x, why, _) in &middle {
        let name = html(&clip(db.name(*x), LABEL_CHARS));
        let head = if *rank > 0 {
            format!("{rank}. {name}")
        } else {
            name
        };
        let label = format!(
            "<{head}<br/><font point-size=\"8\" color=\"#546e7a\">{}</font>>",
            html(&clip(why, LABEL_CHARS))
        );
        node(s, db, g, "    ", *x, Some(&label));
    }
    if !middle.is_empty() {
        let names: Vec<String> = middle
            .iter()
            .map(|(_, x, _, _)| q(&node_name(db, *x)))
            .collect();
        let _ = writeln!(s, "    {{ rank=same; {}; }}", names.join("; "));
        // Invisible links in rank order stack the middle column top to bottom.
        if names.len() > 1 {
            let _ = writeln!(s, "    {} [style=invis];", names.join(" -> "));
        }
    }
    for (_, x, _, is_sourced) in &middle {
        let kind = if *is_sourced {
            RelationKind::Mediation
        } else {
            RelationKind::Cooperation
        };
        let (color, style) = edge_style(kind);
        for (party, left) in [(a, true), (b, false)] {
            let link = Link {
                a: party.min(*x),
                b: party.max(*x),
                kind,
            };
            let Some(claims) = g.edges.get(&link) else {
                continue;
            };
            let claims: Vec<ClaimId> = claims.iter().copied().collect();
            let Some(sum) = EdgeSummary::of(db, g, link, &claims) else {
                continue;
            };
            // Written from left to right, so that `a` stays left and `b` right.
            let (tail, head) = if left { (party, *x) } else { (*x, party) };
            let _ = writeln!(
                s,
                "    {} -> {} [color=\"{color}\", style={style}, dir=none, tooltip={}, penwidth={:.1}];",
                q(&node_name(db, tail)),
                q(&node_name(db, head)),
                q_cut(&tooltip(&sum), TOOLTIP_CHARS),
                width(sum.quotes)
            );
        }
    }
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
