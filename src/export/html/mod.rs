//! The interactive view: a subgraph as one self-contained HTML file to explore in a browser.
//!
//! The file holds everything it needs and fetches nothing: the graph library (Cytoscape.js
//! 3.34.4, MIT licence, vendored beside this file with its licence and written into every
//! view), dyad's own script and style ([`VIEW_JS`], [`VIEW_CSS`]), and the data as one JSON
//! document. Cytoscape.js was chosen for the long term: it is kept by the Cytoscape
//! Consortium, permissively licensed, has no dependencies, and draws a few thousand nodes
//! smoothly on a canvas.
//!
//! The view shows what the DOT diagram shows, with the same colours and shapes (read from
//! [`super::dot`]'s tables), and lets the reader pan, zoom and drag; search actors by name or
//! alias; filter ties by kind, action, certainty, genre and a date range; and click an actor
//! for its card or a tie for its claims, each with its quote and citation.
//!
//! This file must not do I/O: it returns text.

use serde::Serialize;

use super::dot::{edge_style, fill, shape};
use super::graphml::xml_escape as escape;
use super::Subgraph;
use crate::db::Database;
use crate::model::{ActorKind, Certainty, Target};

/// Cytoscape.js, as published (`dist/cytoscape.min.js` of the npm package `cytoscape`
/// 3.34.4); its licence is [`CYTOSCAPE_LICENSE`].
pub const CYTOSCAPE: &str = include_str!("cytoscape.min.js");

/// Cytoscape.js's licence (MIT), written into every view beside the library.
pub const CYTOSCAPE_LICENSE: &str = include_str!("LICENSE-cytoscape.txt");

/// The view's own script: controls, filters, panels.
pub const VIEW_JS: &str = include_str!("view.js");

/// The view's style sheet.
pub const VIEW_CSS: &str = include_str!("view.css");

#[derive(Serialize)]
struct ViewDoc<'a> {
    title: &'a str,
    nodes: Vec<ViewNode>,
    edges: Vec<ViewEdge>,
    /// The legend: each actor kind drawn, with its label, shape and fill.
    actor_kinds: Vec<ViewKind>,
    /// Each relation kind drawn, with its colour and line style.
    relation_kinds: Vec<ViewRelation>,
    /// Certainty levels, firmest first, for the "at least" filter.
    certainties: Vec<&'static str>,
    /// How many actors `--top` left out, which the page says beside its counts.
    left_out: usize,
}

#[derive(Serialize)]
struct ViewNode {
    id: String,
    name: String,
    kind: &'static str,
    kind_label: &'static str,
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acts_for: Option<String>,
    highlight: bool,
    /// The people and components drawn as this actor (roll-up), each with its aliases, so that
    /// a search for "Erdogan" finds Turkey when Turkey stands for him.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    members: Vec<ViewMember>,
}

#[derive(Serialize)]
struct ViewMember {
    name: String,
    aliases: Vec<String>,
}

#[derive(Serialize)]
struct ViewEdge {
    id: String,
    source: String,
    target: String,
    kind: &'static str,
    claims: Vec<ViewClaim>,
}

#[derive(Serialize)]
struct ViewClaim {
    cite: String,
    action: &'static str,
    certainty: &'static str,
    /// 0 for the firmest level; the filter keeps claims at or below the chosen rank.
    certainty_rank: usize,
    date: String,
    /// The first and last day the claim's date may denote, `YYYY-MM-DD`; absent when
    /// unbounded, so that a date filter keeps it (as `since` and `until` do).
    #[serde(skip_serializing_if = "Option::is_none")]
    earliest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest: Option<String>,
    genre: &'static str,
    document: String,
    document_title: String,
    parties: String,
    quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct ViewKind {
    kind: &'static str,
    label: &'static str,
    shape: &'static str,
    fill: &'static str,
}

#[derive(Serialize)]
struct ViewRelation {
    kind: &'static str,
    color: &'static str,
    style: &'static str,
}

/// Cytoscape's name for the shape the DOT diagram gives an actor kind.
fn view_shape(kind: ActorKind) -> &'static str {
    match shape(kind) {
        "box" => "rectangle",
        "component" => "barrel",
        "octagon" | "doubleoctagon" => "octagon",
        "hexagon" => "hexagon",
        "ellipse" => "ellipse",
        _ => "tag",
    }
}

/// The subgraph as one self-contained HTML page (see the module's documentation).
pub fn html(db: &Database, g: &Subgraph) -> String {
    let mut members: std::collections::BTreeMap<crate::model::ActorId, Vec<ViewMember>> =
        std::collections::BTreeMap::new();
    for a in db.actor_ids() {
        let drawn = g.node(a);
        if drawn != a && g.actors.contains(&drawn) {
            let x = db.actor(a);
            members.entry(drawn).or_default().push(ViewMember {
                name: x.name.clone(),
                aliases: x.aliases.clone(),
            });
        }
    }
    let nodes: Vec<ViewNode> = g
        .actors
        .iter()
        .map(|&a| {
            let x = db.actor(a);
            ViewNode {
                id: x.id.clone(),
                name: x.name.clone(),
                kind: x.kind.as_str(),
                kind_label: x.kind.label(),
                aliases: x.aliases.clone(),
                description: x.description.clone(),
                part_of: x.part_of.map(|p| db.name(p).to_string()),
                acts_for: x.acts_for.map(|p| db.name(p).to_string()),
                highlight: g.highlight.contains(&a),
                members: members.remove(&a).unwrap_or_default(),
            }
        })
        .collect();
    let edges: Vec<ViewEdge> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, (link, claims))| ViewEdge {
            id: format!("e{i}"),
            source: db.actor(link.a).id.clone(),
            target: db.actor(link.b).id.clone(),
            kind: link.kind.as_str(),
            claims: claims.iter().map(|&c| view_claim(db, c)).collect(),
        })
        .collect();
    let kinds: std::collections::BTreeSet<ActorKind> =
        g.actors.iter().map(|a| db.actor(*a).kind).collect();
    let rels: std::collections::BTreeSet<_> = g.edges.keys().map(|l| l.kind).collect();
    let doc = ViewDoc {
        title: &g.title,
        nodes,
        edges,
        actor_kinds: kinds
            .into_iter()
            .map(|k| ViewKind {
                kind: k.as_str(),
                label: k.label(),
                shape: view_shape(k),
                fill: fill(k),
            })
            .collect(),
        relation_kinds: rels
            .into_iter()
            .map(|r| {
                let (color, style) = edge_style(r);
                ViewRelation {
                    kind: r.as_str(),
                    color,
                    style: if style == "dashed" { "dashed" } else { "solid" },
                }
            })
            .collect(),
        certainties: Certainty::ALL.iter().map(|c| c.as_str()).collect(),
        left_out: g.left_out,
    };
    let data = serde_json::to_string(&doc).expect("view documents serialise");
    page(&g.title, &data)
}

fn view_claim(db: &Database, c: crate::model::ClaimId) -> ViewClaim {
    let claim = db.claim(c);
    let view = crate::answer::claim_view(db, c);
    let doc = db.document(claim.doc);
    let parties = match claim.target {
        Target::Between(p, q) => format!(
            "{} between {} and {}",
            db.name(claim.from),
            db.name(p),
            db.name(q)
        ),
        Target::Actor(t) => format!(
            "{} {} {}",
            db.name(claim.from),
            if claim.mutual { "↔" } else { "→" },
            db.name(t)
        ),
    };
    ViewClaim {
        cite: view.cite,
        action: claim.action.as_str(),
        certainty: claim.certainty.as_str(),
        certainty_rank: Certainty::ALL
            .iter()
            .position(|x| *x == claim.certainty)
            .unwrap_or(0),
        date: view.date_label,
        earliest: claim.date.earliest().map(|d| d.to_string()),
        latest: claim.date.latest().map(|d| d.to_string()),
        genre: doc.genre.as_str(),
        document: doc.id.clone(),
        document_title: doc.title.clone(),
        parties,
        quote: view.quote,
        note: view.note,
    }
}

/// The page around the data. Inside a `<script>` element nothing may read as `</script>` or
/// `<!--`: the JSON's `<` are written `\u003c`, which JSON reads back as the same character,
/// and the vendored library holds neither sequence (a test checks it).
fn page(title: &str, data: &str) -> String {
    let data = data.replace('<', "\\u003c");
    let title = escape(title);
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dyad {version}">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<header>
  <h1 id="title">{title}</h1>
  <div id="controls">
    <label>Find <input id="search" type="search" placeholder="name or alias" autocomplete="off"></label>
    <ul id="matches"></ul>
    <fieldset id="kinds"><legend>Ties</legend></fieldset>
    <label>Action <select id="action"><option value="">any</option></select></label>
    <label>Certainty at least <select id="certainty"></select></label>
    <fieldset id="genres"><legend>Genre</legend></fieldset>
    <fieldset id="dates"><legend>Dates <span id="date-range"></span></legend>
      <input id="date-from" type="range" min="0" max="0" value="0" aria-label="from">
      <input id="date-to" type="range" min="0" max="0" value="0" aria-label="until">
    </fieldset>
    <p id="counts"></p>
  </div>
</header>
<main>
  <div id="graph"></div>
  <aside id="panel"><p class="hint">Click an actor for its card, a tie for its claims and their quotes.</p></aside>
</main>
<footer id="legend"></footer>
<script id="dyad-data" type="application/json">{data}</script>
<script>
/*! Cytoscape.js — vendored by dyad with its licence:
{license}*/
{cytoscape}
</script>
<script>
{js}
</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        css = VIEW_CSS,
        license = CYTOSCAPE_LICENSE.replace("*/", "* /"),
        cytoscape = CYTOSCAPE,
        js = VIEW_JS,
    )
}

/// The data document of a view, as the page embeds it: for tests and tools.
pub fn view_data(db: &Database, g: &Subgraph) -> serde_json::Value {
    let page = html(db, g);
    let start = page
        .find("<script id=\"dyad-data\" type=\"application/json\">")
        .map(|i| i + "<script id=\"dyad-data\" type=\"application/json\">".len())
        .expect("the page holds its data");
    let end = start + page[start..].find("</script>").expect("the data ends");
    serde_json::from_str(&page[start..end]).expect("the data is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_library_cannot_end_its_script_element() {
        assert!(!CYTOSCAPE.contains("</script"));
        assert!(!CYTOSCAPE.contains("<!--"));
        assert!(!VIEW_JS.contains("</script"));
        assert!(CYTOSCAPE_LICENSE.contains("Permission is hereby granted"));
    }

    #[test]
    fn a_quote_that_closes_a_script_stays_data() {
        let page = page("t", r#"{"quote":"</script><script>alert(1)</script>"}"#);
        assert!(!page.contains("</script><script>alert"));
        assert!(page.contains(r"\u003c/script>\u003cscript>alert(1)"));
    }
}
