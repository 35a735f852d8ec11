//! Exports: any answer that is a subgraph (or the whole graph) as Graphviz DOT, rendered
//! SVG/PNG/PDF, JSON, GraphML, or CSV files for Neo4j.
//!
//! [`Subgraph::of`] turns an answer into the actors, edges and claims it is about; the writers
//! are pure functions from a subgraph to text. Only [`write_file`] and [`write_csv_dir`] touch
//! the file system, and only [`render`] runs a program (Graphviz's `dot`).
//!
//! Output is deterministic: actors, edges and claims are written in a stable order, so exports
//! of the same data diff cleanly. Every string is escaped for its format, whatever it holds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::io::{self, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::answer::{self, ActorRef, Answer, ClaimView};
use crate::db::Database;
use crate::graph::EdgeId;
use crate::model::{ActorId, ActorKind, ClaimId, RelationKind};

/// What an export is of: actors, the edges between them with the claims that support each,
/// and the actors to highlight (a query's endpoints).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subgraph {
    pub title: String,
    pub actors: BTreeSet<ActorId>,
    pub edges: BTreeMap<EdgeId, BTreeSet<ClaimId>>,
    pub highlight: BTreeSet<ActorId>,
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    /// The answer (e.g. `stats`) is not a subgraph.
    NotASubgraph(&'static str),
    /// An output format this module does not know.
    UnknownFormat(String),
    /// Rendering needs Graphviz's `dot`, which is not installed.
    NoGraphviz,
    /// `dot` ran and failed.
    Graphviz(String),
    Io(io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::NotASubgraph(what) => write!(
                f,
                "a {what} answer is not a graph to export; export a path, neighbors, mediators, evidence, show or contested answer, or the whole graph"
            ),
            ExportError::UnknownFormat(x) => write!(
                f,
                "unknown export format '{x}': use dot, svg, png, pdf, json, graphml or csv"
            ),
            ExportError::NoGraphviz => write!(
                f,
                "rendering needs Graphviz's `dot`, which is not on PATH; install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) or write a .dot file instead"
            ),
            ExportError::Graphviz(msg) => write!(f, "Graphviz failed: {msg}"),
            ExportError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError::Io(e)
    }
}

impl Subgraph {
    /// The whole database.
    pub fn whole(db: &Database) -> Subgraph {
        let mut g = Subgraph {
            title: "dyad: the whole graph".into(),
            actors: db.actor_ids().collect(),
            ..Subgraph::default()
        };
        for (e, edge) in db.graph.edges() {
            g.edges
                .insert(e, db.graph.claims(edge).iter().copied().collect());
        }
        g
    }

    /// The subgraph an answer is about.
    pub fn of(db: &Database, a: &Answer) -> Result<Subgraph, ExportError> {
        let mut g = Subgraph::default();
        match a {
            Answer::Path(p) => {
                g.title = format!("Path from {} to {}", p.from.name, p.to.name);
                g.highlight.extend([p.from.actor, p.to.actor]);
                g.actors.extend([p.from.actor, p.to.actor]);
                for path in &p.paths {
                    for hop in &path.hops {
                        for (e, claims) in &hop.edges {
                            g.add_on(db, *e, claims);
                        }
                    }
                }
            }
            Answer::Neighbors(n) => {
                g.title = format!("Neighbourhood of {} (depth {})", n.center.name, n.depth);
                g.highlight.insert(n.center.actor);
                g.actors.insert(n.center.actor);
                for ring in &n.rings {
                    for x in &ring.actors {
                        for r in &x.relations {
                            g.add_on(db, r.edge, &r.claim_ids);
                        }
                    }
                }
            }
            Answer::Mediators(m) => {
                g.title = format!("Mediators between {} and {}", m.a.name, m.b.name);
                g.highlight.extend([m.a.actor, m.b.actor]);
                g.actors.extend([m.a.actor, m.b.actor]);
                for s in &m.sourced {
                    for c in &s.claims {
                        g.add_claim(db, c.claim);
                    }
                }
                for b in &m.brokers {
                    g.actors.insert(b.actor.actor);
                    for c in &b.tie_claims {
                        g.add_claim(db, *c);
                    }
                }
            }
            Answer::Evidence(e) => {
                g.title = match &e.b {
                    Some(b) => format!("Evidence on {} and {}", e.a.name, b.name),
                    None => format!("Evidence on {}", e.a.name),
                };
                g.highlight.insert(e.a.actor);
                g.actors.insert(e.a.actor);
                if let Some(b) = &e.b {
                    g.highlight.insert(b.actor);
                    g.actors.insert(b.actor);
                }
                for c in &e.claims {
                    g.add_claim(db, c.claim);
                }
            }
            Answer::Actor(card) => {
                g.title = card.actor.name.clone();
                g.highlight.insert(card.actor.actor);
                g.actors.insert(card.actor.actor);
                for c in card.partners.iter().chain(&card.adversaries) {
                    let claims: Vec<ClaimId> = db.graph.claims(db.graph.edge(c.edge)).to_vec();
                    g.add_on(db, c.edge, &claims);
                }
                for link in db.graph.links(card.actor.actor) {
                    if link.data.kind == RelationKind::Mediation {
                        g.add_on(db, link.edge, db.graph.claims(link.data));
                    }
                }
            }
            Answer::Contested(c) => {
                g.title = "Contested pairs".into();
                for p in &c.pairs {
                    for cv in p.cooperation.iter().chain(&p.conflict) {
                        if let Some(e) = db.graph.find(p.a.actor, p.b.actor, cv.kind) {
                            g.add_on(db, e, &[cv.claim]);
                        }
                    }
                }
            }
            Answer::Find(_) => return Err(ExportError::NotASubgraph("find")),
            Answer::Central(_) => return Err(ExportError::NotASubgraph("central")),
            Answer::Stats(_) => return Err(ExportError::NotASubgraph("stats")),
            Answer::Help(_) => return Err(ExportError::NotASubgraph("help")),
        }
        Ok(g)
    }

    /// Adds claims on one edge (and the edge's two actors).
    fn add_on(&mut self, db: &Database, e: EdgeId, claims: &[ClaimId]) {
        let edge = db.graph.edge(e);
        self.actors.extend([edge.a, edge.b]);
        self.edges
            .entry(e)
            .or_default()
            .extend(claims.iter().copied());
    }

    /// Adds a claim on every edge it links (a mediation links its mediator to both parties).
    fn add_claim(&mut self, db: &Database, c: ClaimId) {
        let claim = db.claim(c);
        for (x, y) in claim.links() {
            if let Some(e) = db.graph.find(x, y, claim.kind()) {
                self.add_on(db, e, &[c]);
            }
        }
    }
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    Svg,
    Png,
    Pdf,
    Json,
    GraphMl,
    Csv,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Result<ExportFormat, ExportError> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "dot" | "gv" => ExportFormat::Dot,
            "svg" => ExportFormat::Svg,
            "png" => ExportFormat::Png,
            "pdf" => ExportFormat::Pdf,
            "json" => ExportFormat::Json,
            "graphml" => ExportFormat::GraphMl,
            "csv" => ExportFormat::Csv,
            other => return Err(ExportError::UnknownFormat(other.to_string())),
        })
    }

    /// The format a file name asks for: `.svg`, `.png` and `.pdf` render DOT; `.dot`/`.gv`
    /// write it; `.json` and `.graphml` write those. `None` for anything else.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?;
        ExportFormat::parse(ext)
            .ok()
            .filter(|f| *f != ExportFormat::Csv)
    }
}

// ---------------------------------------------------------------------------------------------
// DOT

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

fn q(s: &str) -> String {
    format!("\"{}\"", dot_escape(s))
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
        q(&g.title)
    );
    let _ = writeln!(
        s,
        "    node [fontname=\"Helvetica\", fontsize=11, style=\"filled\", color=\"#455a64\"];"
    );
    let _ = writeln!(s, "    edge [fontname=\"Helvetica\", fontsize=9];");

    // Group actors by the actor they roll up to; a group with members other than its principal
    // becomes a cluster.
    let mut groups: BTreeMap<ActorId, Vec<ActorId>> = BTreeMap::new();
    for &a in &g.actors {
        groups.entry(db.principal(a)).or_default().push(a);
    }
    let node = |s: &mut String, indent: &str, a: ActorId| {
        let x = db.actor(a);
        let mut tip = format!("{} — {}", x.name, x.kind.label());
        if !x.aliases.is_empty() {
            let _ = write!(tip, "; also {}", x.aliases.join(", "));
        }
        let heavy = if g.highlight.contains(&a) {
            ", penwidth=3, color=\"#f57f17\", fontname=\"Helvetica-Bold\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "{indent}{} [label={}, shape={}, fillcolor=\"{}\", tooltip={}{heavy}];",
            q(&x.id),
            q(&x.name),
            shape(x.kind),
            fill(x.kind),
            q(&tip)
        );
    };
    for (principal, members) in &groups {
        let clustered = members.iter().any(|m| m != principal);
        if clustered {
            let _ = writeln!(
                s,
                "    subgraph {} {{",
                q(&format!("cluster_{}", db.actor(*principal).id))
            );
            let _ = writeln!(
                s,
                "        label={}; style=\"rounded,dashed\"; color=\"#90a4ae\"; fontsize=10;",
                q(db.name(*principal))
            );
            for &m in members {
                node(&mut s, "        ", m);
            }
            let _ = writeln!(s, "    }}");
        } else {
            for &m in members {
                node(&mut s, "    ", m);
            }
        }
    }

    for (e, claims) in &g.edges {
        if claims.is_empty() {
            continue;
        }
        let edge = db.graph.edge(*e);
        let claims: Vec<ClaimId> = claims.iter().copied().collect();
        let (fwd, back) = directions(db, edge, &claims);
        // Write one-way edges source first, so that the layout reads left to right.
        let (tail, head) = if back && !fwd {
            (edge.b, edge.a)
        } else {
            (edge.a, edge.b)
        };
        let dir = match (fwd, back) {
            (true, true) => "both",
            (true, false) | (false, true) => "forward",
            (false, false) => "none",
        };
        let (color, style) = edge_style(edge.kind);
        let actions: Vec<&str> = answer::top_actions(db, &claims)
            .iter()
            .map(|a| a.as_str())
            .collect();
        let label = format!("{} ×{}", actions.join(", "), claims.len());
        let best = answer::claim_view(db, answer::strongest(db, &claims));
        let mut tip = format!(
            "{} {} ({}): “{}” [{}]",
            best.date,
            best.action.as_str(),
            best.certainty,
            best.quote,
            best.cite
        );
        if claims.len() > 1 {
            let _ = write!(
                tip,
                " — and {} more claim{}",
                claims.len() - 1,
                if claims.len() == 2 { "" } else { "s" }
            );
        }
        let width = 1.0 + (claims.len() as f64).log2().min(3.0);
        let _ = writeln!(
            s,
            "    {} -> {} [color=\"{color}\", fontcolor=\"{color}\", style={style}, dir={dir}, label={}, tooltip={}, penwidth={width:.1}];",
            q(&db.actor(tail).id),
            q(&db.actor(head).id),
            q(&label),
            q(&tip)
        );
    }
    legend(&mut s, db, g);
    let _ = writeln!(s, "}}");
    s
}

/// Which ways an edge's one-way claims go: `a → b`, `b → a`. Mutual claims count for neither.
fn directions(db: &Database, edge: &crate::graph::Edge, claims: &[ClaimId]) -> (bool, bool) {
    let one_way = || claims.iter().map(|c| db.claim(*c)).filter(|c| !c.mutual);
    (
        one_way().any(|c| c.goes(edge.a, edge.b)),
        one_way().any(|c| c.goes(edge.b, edge.a)),
    )
}

/// A legend for the kinds of actor and relation the diagram shows.
fn legend(s: &mut String, db: &Database, g: &Subgraph) {
    let kinds: BTreeSet<ActorKind> = g.actors.iter().map(|a| db.actor(*a).kind).collect();
    let rels: BTreeSet<RelationKind> = g.edges.keys().map(|e| db.graph.edge(*e).kind).collect();
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

/// Renders DOT to SVG, PNG or PDF with Graphviz's `dot`, returning the rendered bytes.
pub fn render(dot_text: &str, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    let t = match format {
        ExportFormat::Svg => "-Tsvg",
        ExportFormat::Png => "-Tpng",
        ExportFormat::Pdf => "-Tpdf",
        _ => unreachable!("only rendered formats reach render()"),
    };
    let mut child = match Command::new("dot")
        .arg(t)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ExportError::NoGraphviz),
        Err(e) => return Err(e.into()),
    };
    // Write on another thread: dot may fill its output pipe before reading all its input.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output()?;
    writer.join().expect("the writer thread does not panic")?;
    if !out.status.success() {
        return Err(ExportError::Graphviz(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    Ok(out.stdout)
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct GraphDoc {
    r#type: &'static str,
    title: String,
    nodes: Vec<NodeDoc>,
    edges: Vec<EdgeDoc>,
}

#[derive(Serialize)]
struct NodeDoc {
    #[serde(flatten)]
    actor: ActorRef,
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acts_for: Option<String>,
    highlight: bool,
}

#[derive(Serialize)]
struct EdgeDoc {
    a: String,
    b: String,
    kind: RelationKind,
    claims: Vec<ClaimView>,
}

/// The subgraph as one JSON document: nodes, and edges with every claim and its evidence, in
/// the same shapes `--format json` uses for actors and claims.
pub fn json(db: &Database, g: &Subgraph) -> String {
    let doc = GraphDoc {
        r#type: "graph",
        title: g.title.clone(),
        nodes: g
            .actors
            .iter()
            .map(|&a| {
                let x = db.actor(a);
                NodeDoc {
                    actor: answer::actor_ref(db, a),
                    aliases: x.aliases.clone(),
                    part_of: x.part_of.map(|p| db.actor(p).id.clone()),
                    acts_for: x.acts_for.map(|p| db.actor(p).id.clone()),
                    highlight: g.highlight.contains(&a),
                }
            })
            .collect(),
        edges: g
            .edges
            .iter()
            .map(|(e, claims)| {
                let edge = db.graph.edge(*e);
                EdgeDoc {
                    a: db.actor(edge.a).id.clone(),
                    b: db.actor(edge.b).id.clone(),
                    kind: edge.kind,
                    claims: claims.iter().map(|c| answer::claim_view(db, *c)).collect(),
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).expect("graph documents serialise")
}

// ---------------------------------------------------------------------------------------------
// GraphML

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

/// The subgraph as GraphML with typed attributes, for Gephi, Cytoscape and NetworkX.
///
/// The graph is undirected with one edge per (pair, kind), so tools read it as a multigraph;
/// `direction` says which way the edge's claims go (`mutual`, `a->b`, `b->a`, `both`), and
/// `weight` sums the claims' certainty weights.
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
    let data = |s: &mut String, key: &str, value: &str| {
        let _ = writeln!(s, "      <data key=\"{key}\">{}</data>", xml_escape(value));
    };
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
    for (e, claims) in &g.edges {
        let edge = db.graph.edge(*e);
        let claims: Vec<ClaimId> = claims.iter().copied().collect();
        if claims.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
            e.0,
            xml_escape(&db.actor(edge.a).id),
            xml_escape(&db.actor(edge.b).id)
        );
        let cs: Vec<&crate::model::Claim> = claims.iter().map(|c| db.claim(*c)).collect();
        let (fwd, back) = directions(db, edge, &claims);
        let direction = match (fwd, back) {
            (true, true) => "both",
            (true, false) => "a->b",
            (false, true) => "b->a",
            (false, false) => "mutual",
        };
        let actions: Vec<&str> = answer::top_actions(db, &claims)
            .iter()
            .map(|a| a.as_str())
            .collect();
        let docs: BTreeSet<&str> = cs.iter().map(|c| db.document(c.doc).id.as_str()).collect();
        let best = answer::claim_view(db, answer::strongest(db, &claims));
        let weight: f64 = cs.iter().map(|c| c.certainty.weight()).sum();
        data(&mut s, "e_kind", edge.kind.as_str());
        data(&mut s, "e_claims", &claims.len().to_string());
        data(&mut s, "e_weight", &format!("{weight:.2}"));
        data(&mut s, "e_actions", &actions.join("; "));
        data(&mut s, "e_direction", direction);
        data(
            &mut s,
            "e_first_date",
            &cs.iter()
                .map(|c| c.date)
                .min()
                .expect("non-empty")
                .to_string(),
        );
        data(
            &mut s,
            "e_last_date",
            &cs.iter()
                .map(|c| c.date)
                .max()
                .expect("non-empty")
                .to_string(),
        );
        data(
            &mut s,
            "e_best_certainty",
            cs.iter()
                .map(|c| c.certainty)
                .max()
                .expect("non-empty")
                .as_str(),
        );
        data(
            &mut s,
            "e_documents",
            &docs.into_iter().collect::<Vec<_>>().join("; "),
        );
        data(&mut s, "e_quote", &best.quote);
        data(&mut s, "e_cite", &best.cite);
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

// ---------------------------------------------------------------------------------------------
// CSV for Neo4j

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

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
        ":START_ID(Actor),:END_ID(Actor),:TYPE,claims:int,weight:double,actions:string[],first_date,last_date,best_certainty\n",
    );
    let mut claims_csv = String::from(
        ":START_ID(Actor),:END_ID(Actor),:TYPE,cite,kind,action,mutual:boolean,date,certainty,document,quote,note,between:string[]\n",
    );
    let mut seen_claims: BTreeSet<(ClaimId, ActorId)> = BTreeSet::new();
    for (e, claims) in &g.edges {
        let edge = db.graph.edge(*e);
        let ids: Vec<ClaimId> = claims.iter().copied().collect();
        if ids.is_empty() {
            continue;
        }
        let cs: Vec<&crate::model::Claim> = ids.iter().map(|c| db.claim(*c)).collect();
        let actions: Vec<&str> = answer::top_actions(db, &ids)
            .iter()
            .map(|a| a.as_str())
            .collect();
        relations.push_str(&csv_row(&[
            db.actor(edge.a).id.clone(),
            db.actor(edge.b).id.clone(),
            edge.kind.as_str().to_ascii_uppercase(),
            ids.len().to_string(),
            format!(
                "{:.2}",
                cs.iter().map(|c| c.certainty.weight()).sum::<f64>()
            ),
            actions.join(";"),
            cs.iter()
                .map(|c| c.date)
                .min()
                .expect("non-empty")
                .to_string(),
            cs.iter()
                .map(|c| c.date)
                .max()
                .expect("non-empty")
                .to_string(),
            cs.iter()
                .map(|c| c.certainty)
                .max()
                .expect("non-empty")
                .as_str()
                .into(),
        ]));
        for &c in &ids {
            let claim = db.claim(c);
            let v = answer::claim_view(db, c);
            // One row per link: a mediation appears once per party present in the subgraph.
            let other = edge.other(claim.from);
            let (start, end) = if claim.from == edge.a || claim.from == edge.b {
                (claim.from, other)
            } else {
                (edge.a, edge.b)
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

// ---------------------------------------------------------------------------------------------
// Files

/// Writes a subgraph to `path` in `format` (DOT, a rendered image, JSON or GraphML).
pub fn write_file(
    db: &Database,
    g: &Subgraph,
    format: ExportFormat,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = to_bytes(db, g, format)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

/// The bytes of a subgraph in a single-file format.
pub fn to_bytes(db: &Database, g: &Subgraph, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Dot => dot(db, g).into_bytes(),
        ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf => render(&dot(db, g), format)?,
        ExportFormat::Json => json(db, g).into_bytes(),
        ExportFormat::GraphMl => graphml(db, g).into_bytes(),
        ExportFormat::Csv => {
            return Err(ExportError::UnknownFormat("csv needs a directory".into()))
        }
    })
}

/// Writes the CSV files into `dir`, creating it if needed; returns the paths written.
pub fn write_csv_dir(
    db: &Database,
    g: &Subgraph,
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, ExportError> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in csv(db, g) {
        let p = dir.join(name);
        std::fs::write(&p, text)?;
        written.push(p);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_escape_handles_quotes_backslashes_and_newlines() {
        assert_eq!(dot_escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(dot_escape("x\ny\u{7}"), "x\\ny ");
        assert_eq!(dot_escape("<{}> Türkiye"), "<{}> Türkiye");
    }

    #[test]
    fn xml_escape_drops_what_xml_cannot_hold() {
        assert_eq!(xml_escape("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(
            ExportFormat::from_path(Path::new("x.svg")),
            Some(ExportFormat::Svg)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("x.GV")),
            Some(ExportFormat::Dot)
        );
        assert_eq!(ExportFormat::from_path(Path::new("x.txt")), None);
    }

    #[test]
    fn whole_graph_has_every_actor_and_edge() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db);
        assert_eq!(g.actors.len(), db.actors.len());
        assert_eq!(g.edges.len(), db.graph.edge_count());
        let text = dot(&db, &g);
        assert_eq!(
            text.matches(" -> ").count(),
            db.graph.edge_count() + legend_edges(&text)
        );
    }

    fn legend_edges(text: &str) -> usize {
        text.lines()
            .filter(|l| l.contains("\"legend_") && l.contains(" -> "))
            .count()
    }

    #[test]
    fn dot_is_deterministic() {
        let db = crate::load_embedded().unwrap();
        let a = crate::answer::run(&db, "mediators US Iran").unwrap();
        let g = Subgraph::of(&db, &a).unwrap();
        assert_eq!(dot(&db, &g), dot(&db, &Subgraph::of(&db, &a).unwrap()));
    }
}
