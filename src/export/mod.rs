//! Exports: any answer that is a subgraph (or the whole graph) as Graphviz DOT, rendered
//! SVG/PNG/PDF, JSON, GraphML, or CSV files for Neo4j.
//!
//! ## Map
//!
//! - This file: [`Subgraph`] (what an export is of; [`Subgraph::of`] turns an answer into the
//!   actors, edges and claims it is about), [`ExportFormat`] (the one definition of the formats:
//!   names, aliases, extensions, descriptions and which writer produces each),
//!   [`EdgeSummary`] (the per-edge facts several formats show, computed in one place) and
//!   [`ExportError`].
//! - `dot.rs`, `json.rs`, `graphml.rs`, `csv.rs`: one writer per format, each with the
//!   escaping its format needs ([`dot()`], [`json()`], [`graphml()`], [`csv()`]).
//! - `graphviz.rs`: [`render`], which runs Graphviz's `dot` to turn DOT into an image.
//! - `files.rs`: [`write_to`], [`write_file`], [`write_csv_dir`] and [`to_bytes`], which put
//!   an export on disk.
//!
//! ## Invariants
//!
//! - **Writers are pure functions** from a database and a subgraph to text. They do no I/O
//!   and never fail: every string is escaped for its format, whatever it holds.
//! - **Only the file helpers and the Graphviz renderer do I/O.** Only [`render`] runs a
//!   program; only the helpers in `files.rs` touch the file system, and every file they write
//!   goes through [`crate::atomic::write`], so a failed export never leaves half a file.
//! - **Output is deterministic**: actors, edges and claims are written in a stable order, so
//!   exports of the same data are identical byte for byte and diff cleanly.
//! - **A format is defined once**, in [`ExportFormat`]'s table; the command line, the REPL and
//!   error messages read their lists of names from it.
//!
//! This module must not answer queries (it reads finished [`Answer`]s), must not know about
//! terminals or the command line, and its writers must not compute a per-edge fact that
//! [`EdgeSummary`] already holds.

mod csv;
mod dot;
mod files;
mod graphml;
mod graphviz;
mod html;
mod json;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::answer::{self, Answer, ClaimView, Grouping};
use crate::db::Database;
use crate::graph::algo::Walker;
use crate::model::{Action, ActorId, Certainty, ClaimId, EventDate, RelationKind};

pub use self::csv::{csv, csv_field, csv_with, defuse_formula, CsvCells};
pub use self::dot::{dot, dot_escape};
pub use self::files::{to_bytes, write_csv_dir, write_file, write_to, write_to_with};
pub use self::graphml::{graphml, xml_escape};
pub use self::graphviz::render;
pub use self::html::{html, view_data};
pub use self::json::json;

/// What an export is of: the actors to draw, the links between them with the claims that
/// support each, and the actors to highlight (a query's endpoints).
///
/// Actors are grouped as the answer grouped them (the one roll-up rule of [`crate::graph`]):
/// with roll-up on, a person's claims are drawn on the actor they act for, so an export shows
/// the nodes its answer spoke of. [`Subgraph::node`] gives the drawn actor for any actor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subgraph {
    /// A caption for the diagram, e.g. `Path from Turkey to SDF`.
    pub title: String,
    /// The actors to draw, in id order: both ends of every link, plus the answer's own actors
    /// even when no link reaches them (the ends of a path that was not found).
    pub actors: BTreeSet<ActorId>,
    /// The links to draw, in order, each with the claims (in id order) that support it in this
    /// export: the claims the answer rests on, usually those that passed its filter.
    pub edges: BTreeMap<Link, BTreeSet<ClaimId>>,
    /// The actors the query was about (a path's ends, a neighbourhood's centre), drawn heavier;
    /// each is also in `actors`.
    pub highlight: BTreeSet<ActorId>,
    /// For each actor, the actor drawn for it; empty when every actor is drawn as itself.
    nodes: Vec<ActorId>,
    /// What sort of picture this is, which decides how a diagram lays it out.
    pub picture: Picture,
    /// The layout engine the user chose (`--layout`); `None` lets the picture decide.
    pub layout: Option<Layout>,
    /// How many actors [`Subgraph::keep_top`] left out, to be said in the diagram.
    pub left_out: usize,
}

/// What sort of picture a subgraph makes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Picture {
    /// A network of alliances and feuds (a neighbourhood, a card, the whole graph): laid out
    /// by force, so that allies cluster and long ties do not cross the sheet.
    #[default]
    Network,
    /// A chain read from one end to the other (a path, a claim): laid out left to right.
    Flow,
    /// Who stands between `a` and `b`: `a` on the left, `b` on the right, and between them the
    /// sourced mediators ranked top to bottom, then the inferred brokers. Each entry is the
    /// drawn actor and the line of its label that says why it ranks where it does.
    Mediators {
        /// The first party, drawn on the left.
        a: ActorId,
        /// The second party, drawn on the right.
        b: ActorId,
        /// The sourced mediators, best first.
        sourced: Vec<(ActorId, String)>,
        /// The inferred brokers that are not also sourced, best first.
        brokers: Vec<(ActorId, String)>,
    },
}

/// A Graphviz layout engine, as `--layout` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Hierarchical, left to right: for paths and flows.
    Dot,
    /// Force-directed (stress majorisation): for networks of up to a few hundred actors.
    Neato,
    /// Force-directed and multilevel: for large networks.
    Sfdp,
    /// Circular: each component on a circle.
    Circo,
}

impl Layout {
    /// Every engine, in the order help lists them.
    pub const ALL: [Layout; 4] = [Layout::Dot, Layout::Neato, Layout::Sfdp, Layout::Circo];

    /// The engine's name, as Graphviz and `--layout` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Sfdp => "sfdp",
            Layout::Circo => "circo",
        }
    }

    /// What the engine suits, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::Dot => "hierarchical, left to right: paths and flows (paths' default)",
            Layout::Neato => "force-directed: networks up to a few hundred actors (their default)",
            Layout::Sfdp => "force-directed, multilevel: large networks (default past 300 actors)",
            Layout::Circo => "circular: each component on a circle",
        }
    }

    /// The engine a word names.
    pub fn parse(word: &str) -> Option<Layout> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(word))
    }
}

/// Past this many actors a network is laid out by `sfdp` rather than `neato`, whose stress
/// majorisation grows with the square of the actors.
pub const SFDP_FROM: usize = 300;

/// One drawn relation: a kind between two drawn actors, lower id first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Link {
    /// The endpoint with the lower id.
    pub a: ActorId,
    /// The endpoint with the higher id.
    pub b: ActorId,
    /// Cooperation, conflict or mediation.
    pub kind: RelationKind,
}

/// Choices an export is made with. The default suits a person opening the files: what a
/// spreadsheet would run is defused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// How the CSV writer treats a cell that a spreadsheet would run as a formula.
    pub csv_cells: CsvCells,
    /// The layout engine for a diagram (`--layout`); `None` lets the picture choose.
    pub layout: Option<Layout>,
    /// Keep only this many actors (`--top N`), by [`Subgraph::keep_top`].
    pub top: Option<usize>,
}

impl ExportOptions {
    /// Applies the choices that shape what is drawn (the layout and `--top`) to a subgraph,
    /// before any writer reads it: every format then shows the same actors.
    pub fn shape(&self, g: &mut Subgraph) {
        if let Some(n) = self.top {
            g.keep_top(n);
        }
        if self.layout.is_some() {
            g.layout = self.layout;
        }
    }
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    /// The answer (e.g. `stats`) is not a subgraph.
    NotASubgraph(&'static str),
    /// An output format this module does not know.
    UnknownFormat(String),
    /// [`render`] was asked for a format that Graphviz does not produce.
    NotRendered(ExportFormat),
    /// Rendering needs Graphviz's `dot`, which is not installed.
    NoGraphviz,
    /// `dot` ran and failed: what it printed on its standard error, or its exit status when it
    /// printed nothing.
    Graphviz(String),
    /// Talking to `dot` failed: it could not be started, or a pipe to or from it broke while it
    /// did not report an error of its own.
    GraphvizIo {
        /// What dyad was doing, as a sentence's start: `cannot start Graphviz's `dot``.
        doing: &'static str,
        /// The system's error.
        source: io::Error,
    },
    /// A directory for an export could not be created.
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// Why it could not be created.
        source: io::Error,
    },
    /// An export file could not be written.
    Write {
        /// The file that could not be written.
        path: PathBuf,
        /// Why it could not be written.
        source: io::Error,
    },
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
                "unknown export format '{x}': use {}",
                ExportFormat::names_in_prose()
            ),
            ExportError::NotRendered(format) => write!(
                f,
                "{} is written by dyad itself, not rendered by Graphviz",
                format.name()
            ),
            ExportError::NoGraphviz => write!(
                f,
                "rendering needs Graphviz's `dot`, which is not on PATH; install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) or write a .dot file instead"
            ),
            ExportError::Graphviz(msg) => write!(f, "Graphviz failed: {msg}"),
            ExportError::CreateDir { path, source } => {
                write!(f, "cannot create directory {}: {source}", path.display())
            }
            ExportError::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
            ExportError::GraphvizIo { doing, source } => write!(f, "{doing}: {source}"),
        }
    }
}

/// The message says everything: an [`io::Error`] is not exposed as a source, because a
/// broken pipe to `dot` is a failed export, not the closed standard output that a command
/// line rightly ignores.
impl std::error::Error for ExportError {}

impl Subgraph {
    /// An empty subgraph whose actors are grouped as `grouping` says.
    fn grouped(db: &Database, grouping: &Grouping) -> Subgraph {
        let filter = grouping.filter();
        let w = Walker::new(db.net(), &filter);
        let nodes: Vec<ActorId> = if grouping.rollup && db.tree.is_nested() {
            db.actor_ids().map(|a| w.rep(a)).collect()
        } else {
            Vec::new()
        };
        Subgraph {
            nodes,
            ..Subgraph::default()
        }
    }

    /// The actor drawn for `x`: `x` itself, or the actor it rolls up to.
    pub fn node(&self, x: ActorId) -> ActorId {
        self.nodes.get(x.index()).copied().unwrap_or(x)
    }

    /// The layout a diagram of this subgraph uses: the user's choice, else the picture's own
    /// (left to right for flows and mediators, force-directed for networks).
    pub fn layout(&self) -> Layout {
        self.layout.unwrap_or(match self.picture {
            Picture::Flow | Picture::Mediators { .. } => Layout::Dot,
            Picture::Network if self.actors.len() > SFDP_FROM => Layout::Sfdp,
            Picture::Network => Layout::Neato,
        })
    }

    /// Keeps the `n` most relevant actors and the links among them, and counts the rest in
    /// [`Subgraph::left_out`]. Relevance is the answer's own ranking where it has one (a
    /// mediators answer's parties, then its mediators, then its brokers); otherwise the
    /// query's own actors first, then the most connected (distinct neighbours, then evidence),
    /// then by id. `O(E + A log A)` for A actors and E links.
    ///
    /// ```
    /// let db = dyad::load_embedded().unwrap();
    /// let mut g = dyad::export::Subgraph::whole(&db, true);
    /// let before = g.actors.len();
    /// g.keep_top(10);
    /// assert_eq!(g.actors.len(), 10);
    /// assert_eq!(g.left_out, before - 10);
    /// ```
    pub fn keep_top(&mut self, n: usize) {
        if self.actors.len() <= n {
            return;
        }
        let ranked: Vec<ActorId> = match &self.picture {
            Picture::Mediators {
                a,
                b,
                sourced,
                brokers,
            } => [*a, *b]
                .into_iter()
                .chain(sourced.iter().chain(brokers).map(|(x, _)| *x))
                .collect(),
            _ => {
                let mut neighbours: BTreeMap<ActorId, BTreeSet<ActorId>> = BTreeMap::new();
                let mut evidence: BTreeMap<ActorId, usize> = BTreeMap::new();
                for (l, claims) in &self.edges {
                    neighbours.entry(l.a).or_default().insert(l.b);
                    neighbours.entry(l.b).or_default().insert(l.a);
                    *evidence.entry(l.a).or_default() += claims.len();
                    *evidence.entry(l.b).or_default() += claims.len();
                }
                let mut v: Vec<ActorId> = self.actors.iter().copied().collect();
                v.sort_by_key(|x| {
                    (
                        !self.highlight.contains(x),
                        std::cmp::Reverse(neighbours.get(x).map_or(0, BTreeSet::len)),
                        std::cmp::Reverse(evidence.get(x).copied().unwrap_or(0)),
                        *x,
                    )
                });
                v
            }
        };
        let keep: BTreeSet<ActorId> = ranked
            .into_iter()
            .filter(|x| self.actors.contains(x))
            .take(n)
            .collect();
        self.left_out += self.actors.len() - keep.len();
        self.edges
            .retain(|l, _| keep.contains(&l.a) && keep.contains(&l.b));
        self.highlight.retain(|x| keep.contains(x));
        if let Picture::Mediators {
            sourced, brokers, ..
        } = &mut self.picture
        {
            sourced.retain(|(x, _)| keep.contains(x));
            brokers.retain(|(x, _)| keep.contains(x));
        }
        self.actors = keep;
    }

    /// The whole database, people and components rolled up into the actors they belong to
    /// when `rollup` is on.
    pub fn whole(db: &Database, rollup: bool) -> Subgraph {
        let grouping = Grouping {
            rollup,
            keep: Vec::new(),
        };
        let mut g = Subgraph::grouped(db, &grouping);
        g.title = "dyad: the whole graph".into();
        g.actors = db.actor_ids().map(|a| g.node(a)).collect();
        for c in db.claim_ids() {
            g.add_claim(db, c);
        }
        g
    }

    /// The subgraph an answer is about.
    pub fn of(db: &Database, a: &Answer) -> Result<Subgraph, ExportError> {
        let mut g = match a.grouping() {
            Some(grouping) => Subgraph::grouped(db, grouping),
            None => Subgraph::default(),
        };
        match a {
            Answer::Path(p) => {
                g.title = titled(
                    format!("Path from {} to {}", p.from.name, p.to.name),
                    &p.filter,
                );
                g.picture = Picture::Flow;
                g.highlight.extend([p.from.actor, p.to.actor]);
                g.actors.extend([p.from.actor, p.to.actor]);
                for path in &p.paths {
                    for hop in &path.hops {
                        g.add_claims(db, &hop.claim_ids);
                    }
                }
            }
            Answer::Neighbors(n) => {
                g.title = titled(
                    format!("Neighbourhood of {} (depth {})", n.center.name, n.depth),
                    &n.filter,
                );
                g.highlight.insert(n.center.actor);
                g.actors.insert(n.center.actor);
                for ring in &n.rings {
                    for x in &ring.actors {
                        for r in &x.relations {
                            g.add_claims(db, &r.claim_ids);
                        }
                    }
                }
            }
            Answer::Mediators(m) => {
                g.title = titled(
                    format!("Mediators between {} and {}", m.a.name, m.b.name),
                    &m.filter,
                );
                g.highlight.extend([m.a.actor, m.b.actor]);
                g.actors.extend([m.a.actor, m.b.actor]);
                for s in &m.sourced {
                    for c in &s.claims {
                        g.add_claim(db, c.claim);
                    }
                }
                for b in &m.brokers {
                    g.actors.insert(b.actor.actor);
                    g.add_claims(db, &b.tie_claims);
                }
                let sourced: Vec<(ActorId, String)> = m
                    .sourced
                    .iter()
                    .map(|s| {
                        (
                            g.node(s.actor.actor),
                            format!(
                                "{} · {}",
                                crate::text::count(s.documents, "document"),
                                crate::text::count(s.quotes, "sentence")
                            ),
                        )
                    })
                    .collect();
                let brokers = m
                    .brokers
                    .iter()
                    .map(|b| (g.node(b.actor.actor), b))
                    .filter(|(x, _)| !sourced.iter().any(|(s, _)| s == x))
                    .map(|(x, b)| {
                        (
                            x,
                            format!(
                                "inferred: cooperates with both ({} · {})",
                                b.with_a.claims, b.with_b.claims
                            ),
                        )
                    })
                    .collect();
                g.picture = Picture::Mediators {
                    a: g.node(m.a.actor),
                    b: g.node(m.b.actor),
                    sourced,
                    brokers,
                };
            }
            Answer::Evidence(e) => {
                g.title = titled(
                    match &e.b {
                        Some(b) => format!("Evidence on {} and {}", e.a.name, b.name),
                        None => format!("Evidence on {}", e.a.name),
                    },
                    &e.filter,
                );
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
                g.title = titled(card.actor.name.clone(), &card.filter);
                g.highlight.insert(card.actor.actor);
                g.actors.insert(card.actor.actor);
                for c in card.partners.iter().chain(&card.adversaries) {
                    g.add_claims(db, &c.claim_ids);
                }
            }
            Answer::Contested(c) => {
                g.title = titled("Contested pairs".into(), &c.filter);
                for p in &c.pairs {
                    for cv in p.cooperation.list.iter().chain(&p.conflict.list) {
                        g.add_claim(db, cv.claim);
                    }
                }
            }
            Answer::Find(_) => return Err(ExportError::NotASubgraph("find")),
            Answer::Central(_) => return Err(ExportError::NotASubgraph("central")),
            Answer::Stats(_) => return Err(ExportError::NotASubgraph("stats")),
            Answer::Cite(c) => {
                g.title = format!("Claim {}", c.claim.cite);
                g.picture = Picture::Flow;
                g.highlight.insert(c.claim.from.actor);
                g.add_claim(db, c.claim.claim);
            }
            Answer::Documents(_) => return Err(ExportError::NotASubgraph("documents")),
            Answer::Help(_) => return Err(ExportError::NotASubgraph("help")),
        }
        Ok(g)
    }

    /// Adds claims, each on every link it makes between drawn actors.
    fn add_claims(&mut self, db: &Database, claims: &[ClaimId]) {
        for &c in claims {
            self.add_claim(db, c);
        }
    }

    /// Adds a claim on every link it makes between drawn actors (a mediation links its mediator
    /// to both parties); a link inside one drawn actor is not drawn.
    fn add_claim(&mut self, db: &Database, c: ClaimId) {
        let claim = db.claim(c);
        for (x, y) in claim.links() {
            let (x, y) = (self.node(x), self.node(y));
            if x == y {
                continue;
            }
            self.actors.extend([x, y]);
            let link = Link {
                a: x.min(y),
                b: x.max(y),
                kind: claim.kind(),
            };
            self.edges.entry(link).or_default().insert(c);
        }
    }

    /// Whether a claim goes from drawn actor `u` to drawn actor `v` (see [`Claim::goes`]).
    fn goes(&self, c: &crate::model::Claim, u: ActorId, v: ActorId) -> bool {
        c.links().any(|(x, y)| {
            let (x, y) = (self.node(x), self.node(y));
            (x == u && y == v) || (c.mutual && x == v && y == u)
        })
    }
}

/// A diagram's title with the filter its answer applied, so that a picture says what it shows:
/// `Neighbourhood of Iran (depth 2) — via conflict, since 2025`.
fn titled(title: String, filter: &[String]) -> String {
    if filter.is_empty() {
        title
    } else {
        format!("{title} — {}", filter.join(", "))
    }
}

// ---------------------------------------------------------------------------------------------
// Formats

/// An export format. Everything about a format — its name, aliases, file extensions,
/// description, and the writer that produces it — is in one table read through the methods
/// below, so the command line, the REPL and error messages cannot disagree about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Graphviz DOT text (`.dot`, `.gv`), written by dyad.
    Dot,
    /// An SVG image (`.svg`), rendered from DOT by Graphviz's `dot`.
    Svg,
    /// A PNG image (`.png`), rendered from DOT by Graphviz's `dot`.
    Png,
    /// A PDF document (`.pdf`), rendered from DOT by Graphviz's `dot`.
    Pdf,
    /// One JSON document (`.json`): the actors, and the edges with every claim and its evidence.
    Json,
    /// GraphML (`.graphml`) with typed node and edge attributes, for Gephi, Cytoscape and NetworkX.
    GraphMl,
    /// Three CSV files for Neo4j's bulk import (`actors.csv`, `relations.csv`, `claims.csv`),
    /// written into a directory.
    Csv,
    /// One self-contained HTML page (`.html`) to explore the graph in a browser, offline.
    Html,
}

/// How a format is produced.
#[derive(Clone, Copy, Debug)]
pub enum Writer {
    /// One text file, written by this function.
    Text(fn(&Database, &Subgraph) -> String),
    /// An image: this function writes DOT, and Graphviz's `dot -T<graphviz>` renders it.
    Rendered {
        /// Writes the DOT text to render.
        dot: fn(&Database, &Subgraph) -> String,
        /// The output format Graphviz is asked for, as in `dot -Tsvg`: `svg`, `png` or `pdf`.
        graphviz: &'static str,
    },
    /// Several named files in a directory, written by this function as the options say.
    Directory(fn(&Database, &Subgraph, &ExportOptions) -> Vec<(&'static str, String)>),
}

/// One row of the format table.
struct FormatSpec {
    name: &'static str,
    /// Other words accepted for the format (never shown in lists of names).
    aliases: &'static [&'static str],
    /// The file extensions that ask for this format, preferred first; none for a directory.
    extensions: &'static [&'static str],
    description: &'static str,
    /// Whether the output is binary (not for a terminal).
    binary: bool,
    writer: Writer,
}

impl ExportFormat {
    /// Every format, in the order lists of them are shown.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Dot,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Pdf,
        ExportFormat::Json,
        ExportFormat::GraphMl,
        ExportFormat::Csv,
        ExportFormat::Html,
    ];

    /// The format table: the one place a format is defined.
    fn spec(self) -> &'static FormatSpec {
        match self {
            ExportFormat::Dot => &FormatSpec {
                name: "dot",
                aliases: &["gv"],
                extensions: &["dot", "gv"],
                description: "Graphviz DOT (a .svg, .png or .pdf output file renders it instead)",
                binary: false,
                writer: Writer::Text(dot),
            },
            ExportFormat::Svg => &FormatSpec {
                name: "svg",
                aliases: &[],
                extensions: &["svg"],
                description: "an SVG image, rendered by Graphviz's `dot`",
                binary: false,
                writer: Writer::Rendered {
                    dot,
                    graphviz: "svg",
                },
            },
            ExportFormat::Png => &FormatSpec {
                name: "png",
                aliases: &[],
                extensions: &["png"],
                description: "a PNG image, rendered by Graphviz's `dot`",
                binary: true,
                writer: Writer::Rendered {
                    dot,
                    graphviz: "png",
                },
            },
            ExportFormat::Pdf => &FormatSpec {
                name: "pdf",
                aliases: &[],
                extensions: &["pdf"],
                description: "a PDF document, rendered by Graphviz's `dot`",
                binary: true,
                writer: Writer::Rendered {
                    dot,
                    graphviz: "pdf",
                },
            },
            ExportFormat::Json => &FormatSpec {
                name: "json",
                aliases: &[],
                extensions: &["json"],
                description:
                    "one JSON document: actors, and edges with every claim and its evidence",
                binary: false,
                writer: Writer::Text(json),
            },
            ExportFormat::GraphMl => &FormatSpec {
                name: "graphml",
                aliases: &[],
                extensions: &["graphml"],
                description: "GraphML with typed attributes, for Gephi, Cytoscape and NetworkX",
                binary: false,
                writer: Writer::Text(graphml),
            },
            ExportFormat::Csv => &FormatSpec {
                name: "csv",
                aliases: &[],
                extensions: &[],
                description: "three CSV files for Neo4j's bulk import, in the directory -o names",
                binary: false,
                writer: Writer::Directory(csv::csv_files),
            },
            ExportFormat::Html => &FormatSpec {
                name: "html",
                aliases: &["htm"],
                extensions: &["html", "htm"],
                description:
                    "one HTML page to explore in a browser, offline: search, filters, quotes",
                binary: false,
                writer: Writer::Text(html::html),
            },
        }
    }

    /// The format's name, as commands take it: `dot`, `graphml`, ...
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Other words accepted for the format (`gv` for DOT).
    pub fn aliases(self) -> &'static [&'static str] {
        self.spec().aliases
    }

    /// The file extensions that ask for this format, preferred first; empty for a format that
    /// writes a directory.
    pub fn extensions(self) -> &'static [&'static str] {
        self.spec().extensions
    }

    /// What the format is, in one line (for help texts).
    pub fn describe(self) -> &'static str {
        self.spec().description
    }

    /// Whether the output is binary, so it should not be written to a terminal.
    pub fn is_binary(self) -> bool {
        self.spec().binary
    }

    /// How the format is produced.
    pub fn writer(self) -> Writer {
        self.spec().writer
    }

    /// Whether Graphviz's `dot` renders this format (so it needs Graphviz installed).
    pub fn is_rendered(self) -> bool {
        matches!(self.writer(), Writer::Rendered { .. })
    }

    /// Whether the format writes several files into a directory rather than one file.
    pub fn writes_directory(self) -> bool {
        matches!(self.writer(), Writer::Directory(_))
    }

    /// The format a word names: a name or an alias, in any case.
    pub fn parse(s: &str) -> Result<ExportFormat, ExportError> {
        let word = s.to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name() == word || f.aliases().contains(&word.as_str()))
            .ok_or(ExportError::UnknownFormat(word))
    }

    /// The format a file name asks for by its extension, in any case: `.svg`, `.png` and `.pdf`
    /// render DOT; `.dot`/`.gv` write it; `.json` and `.graphml` write those. `None` for
    /// anything else (a directory format has no extension).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// The names of every format separated by `|`, for usage lines:
    /// `dot|svg|png|pdf|json|graphml|csv`.
    pub fn usage_names() -> String {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        names.join("|")
    }

    /// The names of every format as a list in prose: `dot, svg, ..., graphml or csv`.
    pub fn names_in_prose() -> String {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        match names.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// The per-edge summary

/// Which way an edge's one-way claims go, relative to the edge's endpoints `a` and `b` (lower
/// id first). Mutual claims count for neither way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// No one-way claims: every claim is mutual.
    Mutual,
    /// One-way claims go from `a` to `b` only.
    AToB,
    /// One-way claims go from `b` to `a` only.
    BToA,
    /// One-way claims go both ways.
    Both,
}

impl Direction {
    /// The direction of some claims on a drawn link, judged between the drawn actors.
    pub fn of(db: &Database, g: &Subgraph, link: Link, claims: &[ClaimId]) -> Direction {
        let one_way = || claims.iter().map(|c| db.claim(*c)).filter(|c| !c.mutual);
        let forward = one_way().any(|c| g.goes(c, link.a, link.b));
        let back = one_way().any(|c| g.goes(c, link.b, link.a));
        match (forward, back) {
            (true, true) => Direction::Both,
            (true, false) => Direction::AToB,
            (false, true) => Direction::BToA,
            (false, false) => Direction::Mutual,
        }
    }

    /// `mutual`, `a->b`, `b->a` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Mutual => "mutual",
            Direction::AToB => "a->b",
            Direction::BToA => "b->a",
            Direction::Both => "both",
        }
    }
}

/// What the claims on one edge of a subgraph add up to: the facts the DOT, GraphML and CSV
/// writers show for an edge, computed once by [`EdgeSummary::of`].
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeSummary {
    /// Whether the edge is a cooperation, conflict or mediation relation.
    pub kind: RelationKind,
    /// The endpoints, lower id first (as in [`Link`]).
    pub a: ActorId,
    /// The endpoint with the higher id.
    pub b: ActorId,
    /// How many of the edge's claims the subgraph holds.
    pub claims: usize,
    /// Distinct sentences the claims quote (see [`Database::support`]): the evidence count
    /// diagrams and rankings use, so a sentence coded as several claims counts once.
    pub quotes: usize,
    /// The evidence weight: each distinct sentence once, at the firmest certainty among its
    /// claims (see [`crate::db::Support::weight`]).
    pub weight: f64,
    /// The most frequent actions, most frequent first, at most three.
    pub actions: Vec<Action>,
    /// Which way the edge's one-way claims go, between `a` and `b`.
    pub direction: Direction,
    /// The first claim's date in timeline order ([`EventDate`]'s `Ord`).
    pub first_date: EventDate,
    /// The most recent claim's date ([`EventDate::cmp_recency`]).
    pub last_date: EventDate,
    /// The firmest certainty among the claims.
    pub best_certainty: Certainty,
    /// The ids of the documents the claims cite, sorted, each once.
    pub documents: Vec<String>,
    /// The strongest claim (firmest, then most recent), whose quote and cite stand for the edge.
    pub strongest: ClaimView,
}

impl EdgeSummary {
    /// Summarises `claims` (in the subgraph's order) on edge `e`; `None` when there are none,
    /// since an edge without claims has nothing to show.
    pub fn of(db: &Database, g: &Subgraph, link: Link, claims: &[ClaimId]) -> Option<EdgeSummary> {
        let cs: Vec<&crate::model::Claim> = claims.iter().map(|c| db.claim(*c)).collect();
        let first_date = cs.iter().map(|c| c.date).min()?;
        let last_date = cs
            .iter()
            .map(|c| c.date)
            .max_by(|x, y| x.cmp_recency(y).then(x.cmp(y)))?;
        let best_certainty = cs.iter().map(|c| c.certainty).max()?;
        let documents: BTreeSet<&str> = cs.iter().map(|c| db.document(c.doc).id.as_str()).collect();
        let support = db.support(claims);
        Some(EdgeSummary {
            kind: link.kind,
            a: link.a,
            b: link.b,
            claims: claims.len(),
            quotes: support.quotes,
            weight: support.weight,
            actions: answer::top_actions(db, claims),
            direction: Direction::of(db, g, link, claims),
            first_date,
            last_date,
            best_certainty,
            documents: documents.into_iter().map(str::to_string).collect(),
            strongest: answer::claim_view(db, answer::strongest(db, claims)),
        })
    }

    /// The actions' names joined with `sep`.
    pub fn actions_joined(&self, sep: &str) -> String {
        let names: Vec<&str> = self.actions.iter().map(|a| a.as_str()).collect();
        names.join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            ExportFormat::from_path(Path::new("x.csv")),
            None,
            "csv writes a directory"
        );
    }

    #[test]
    fn formats_parse_by_name_and_alias_in_any_case() {
        for f in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(f.name()).unwrap(), f);
            assert_eq!(
                ExportFormat::parse(&f.name().to_ascii_uppercase()).unwrap(),
                f
            );
            for alias in f.aliases() {
                assert_eq!(ExportFormat::parse(alias).unwrap(), f);
            }
        }
        let err = ExportFormat::parse("XLS").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown export format 'xls': use dot, svg, png, pdf, json, graphml, csv or html"
        );
    }

    #[test]
    fn all_lists_every_format_once_in_declaration_order() {
        // Html is the last variant, so its discriminant counts the variants.
        assert_eq!(ExportFormat::ALL.len(), ExportFormat::Html as usize + 1);
        for (i, f) in ExportFormat::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i, "{f}");
        }
    }

    #[test]
    fn name_lists_come_from_the_table() {
        assert_eq!(
            ExportFormat::usage_names(),
            "dot|svg|png|pdf|json|graphml|csv|html"
        );
        assert_eq!(
            ExportFormat::names_in_prose(),
            "dot, svg, png, pdf, json, graphml, csv or html"
        );
    }

    #[test]
    fn extensions_and_writers_agree() {
        for f in ExportFormat::ALL {
            assert_eq!(f.writes_directory(), f.extensions().is_empty(), "{f}");
            if !f.writes_directory() {
                assert_eq!(
                    ExportFormat::from_path(Path::new(&format!("x.{}", f.extensions()[0]))),
                    Some(f)
                );
            }
        }
        let rendered: Vec<ExportFormat> = ExportFormat::ALL
            .into_iter()
            .filter(|f| f.is_rendered())
            .collect();
        assert_eq!(
            rendered,
            [ExportFormat::Svg, ExportFormat::Png, ExportFormat::Pdf]
        );
    }

    #[test]
    fn whole_graph_has_every_actor_and_edge() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db, false);
        assert_eq!(g.actors.len(), db.actors.len());
        assert_eq!(g.edges.len(), db.graph.edge_count());
        let text = dot(&db, &g);
        // One edge per pair of actors with cooperation or conflict between them.
        let pairs: BTreeSet<(ActorId, ActorId)> = g
            .edges
            .keys()
            .filter(|l| l.kind != RelationKind::Mediation)
            .map(|l| (l.a, l.b))
            .collect();
        let drawn_pairs = text
            .lines()
            .filter(|l| l.contains(" -> ") && !l.contains("mediation:"))
            .count();
        // (The seed graph's mediations all name both parties, so each is drawn with a point.)
        assert_eq!(drawn_pairs, pairs.len());
        // Every mediation point has three lines: from its mediator, and to each party.
        let points = text.lines().filter(|l| l.contains("shape=point")).count();
        let point_lines = text
            .lines()
            .filter(|l| l.contains(" -> ") && l.contains("mediation:"))
            .count();
        assert!(points > 0);
        assert_eq!(point_lines, 3 * points);
    }

    #[test]
    fn an_edge_without_claims_has_no_summary() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db, false);
        let link = *g.edges.keys().next().unwrap();
        assert_eq!(EdgeSummary::of(&db, &g, link, &[]), None);
    }

    #[test]
    fn summary_of_an_edge_agrees_with_the_graph() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db, false);
        for (_, edge) in db.graph.edges() {
            let claims = db.graph.claims(edge);
            let link = Link {
                a: edge.a,
                b: edge.b,
                kind: edge.kind,
            };
            assert_eq!(
                g.edges[&link].iter().copied().collect::<Vec<_>>(),
                claims,
                "roll-up off draws the graph's own edges"
            );
            let s = EdgeSummary::of(&db, &g, link, claims).unwrap();
            assert_eq!(s.claims, edge.claim_count());
            assert_eq!(s.best_certainty, edge.best);
            assert!(s.first_date <= s.last_date || s.first_date.is_approximate());
            assert!(claims
                .iter()
                .any(|c| answer::claim_view(&db, *c) == s.strongest));
        }
    }
}

#[cfg(test)]
mod rollup_tests {
    use super::*;

    #[test]
    fn the_whole_graph_rolled_up_draws_only_top_actors_and_keeps_every_cross_group_claim() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db, true);
        for a in &g.actors {
            assert_eq!(db.principal(*a), *a, "{} is drawn", db.actor(*a).id);
        }
        let drawn: BTreeSet<ClaimId> = g.edges.values().flatten().copied().collect();
        for c in db.claim_ids() {
            let crosses = db
                .claim(c)
                .links()
                .any(|(x, y)| db.principal(x) != db.principal(y));
            assert_eq!(drawn.contains(&c), crosses, "{c:?}");
        }
    }

    #[test]
    fn an_answer_is_drawn_with_the_nodes_it_spoke_of() {
        let db = crate::load_embedded().unwrap();
        let a = crate::answer::run(&db, "neighbors Azerbaijan depth 2").unwrap();
        let g = Subgraph::of(&db, &a).unwrap();
        let aliyev = db.names.get("Ilham Aliyev").unwrap();
        assert!(!g.actors.contains(&aliyev), "Aliyev is drawn as Azerbaijan");
        let a = crate::answer::run(&db, "neighbors Azerbaijan depth 2 rollup off").unwrap();
        let g = Subgraph::of(&db, &a).unwrap();
        assert!(
            g.actors.contains(&aliyev),
            "with roll-up off he is his own node"
        );
    }
}
