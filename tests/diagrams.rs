//! Diagrams as a reader sees them: each kind of picture laid out by the real Graphviz, and the
//! layout read back from `dot -Tjson` (node positions and sizes), so that the tests check what
//! is drawn where — the counts, the overlaps, the order of a mediators diagram — not the DOT
//! text alone.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use dyad::export::{self, ExportOptions, Layout, Subgraph};
use serde_json::Value;

/// A node Graphviz placed: its name, centre and size in points.
#[derive(Debug)]
struct Placed {
    name: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// A laid-out diagram: its actor nodes, its mediation points, and how many edges it has.
struct Laid {
    actors: Vec<Placed>,
    points: usize,
    edges: usize,
    dot: String,
}

impl Laid {
    fn at(&self, name: &str) -> &Placed {
        self.actors
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is not drawn"))
    }

    /// Pairs of actor nodes whose boxes overlap by more than a point.
    fn overlaps(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            for b in &self.actors[i + 1..] {
                let dx = (a.x - b.x).abs() - (a.w + b.w) / 2.0;
                let dy = (a.y - b.y).abs() - (a.h + b.h) / 2.0;
                if dx < -1.0 && dy < -1.0 {
                    out.push((a.name.clone(), b.name.clone()));
                }
            }
        }
        out
    }
}

/// Lays a subgraph out with the real Graphviz, as `export svg` would.
fn lay_out(db: &dyad::Database, g: &Subgraph) -> Laid {
    let text = export::dot(db, g);
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz's `dot` is installed (.ci/setup installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}\n{text}");
    // Graphviz reports what it could not do (an unsupported overlap mode, a failed spline
    // router) as warnings; a diagram should raise none.
    assert!(stderr.trim().is_empty(), "Graphviz warned: {stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut actors = Vec::new();
    let mut points = 0;
    for o in json["objects"].as_array().unwrap() {
        // Clusters are objects too; they list their nodes.
        if o.get("nodes").is_some() {
            continue;
        }
        let name = o["name"].as_str().unwrap().to_string();
        if name.starts_with("mediation:") {
            points += 1;
            continue;
        }
        let pos: Vec<f64> = o["pos"]
            .as_str()
            .unwrap()
            .split(',')
            .map(|v| v.parse().unwrap())
            .collect();
        let inches = |k: &str| o[k].as_str().unwrap().parse::<f64>().unwrap() * 72.0;
        actors.push(Placed {
            name,
            x: pos[0],
            y: pos[1],
            w: inches("width"),
            h: inches("height"),
        });
    }
    let edges = json["edges"].as_array().map_or(0, Vec::len);
    Laid {
        actors,
        points,
        edges,
        dot: text,
    }
}

fn seed() -> dyad::Database {
    dyad::load_embedded().unwrap()
}

fn answer(db: &dyad::Database, q: &str) -> Subgraph {
    let a = dyad::answer::run(db, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    Subgraph::of(db, &a).unwrap()
}

#[test]
fn the_whole_graph_is_laid_out_by_force_without_overlaps() {
    let db = seed();
    let g = Subgraph::whole(&db, true);
    assert_eq!(g.layout(), Layout::Neato);
    let laid = lay_out(&db, &g);
    // Every actor with a tie is drawn, once; the one without a tie is counted in the legend.
    let linked: std::collections::BTreeSet<_> = g.edges.keys().flat_map(|l| [l.a, l.b]).collect();
    assert_eq!(laid.actors.len(), linked.len());
    assert!(laid.dot.contains("1 actor without a drawn tie not shown"));
    assert_eq!(laid.overlaps(), Vec::<(String, String)>::new());
    assert!(laid.points > 0, "mediations are drawn through points");
}

#[test]
fn a_neighbourhood_is_laid_out_by_force_without_overlaps() {
    let db = seed();
    let g = answer(&db, "neighbors Turkey");
    let laid = lay_out(&db, &g);
    assert_eq!(laid.actors.len(), g.actors.len());
    assert_eq!(laid.overlaps(), Vec::<(String, String)>::new());
    // Israel and Turkey have both cooperation and conflict: one edge, two parallel colours.
    assert!(
        laid.dot
            .contains("\"turkey\" -> \"israel\" [color=\"#2e7d32:#c62828\"")
            || laid
                .dot
                .contains("\"israel\" -> \"turkey\" [color=\"#2e7d32:#c62828\""),
        "{}",
        laid.dot
    );
}

#[test]
fn every_layout_engine_lays_out_the_whole_graph_without_overlaps() {
    let db = seed();
    for layout in [Layout::Neato, Layout::Sfdp, Layout::Circo, Layout::Dot] {
        let mut g = Subgraph::whole(&db, true);
        ExportOptions {
            layout: Some(layout),
            ..Default::default()
        }
        .shape(&mut g);
        let laid = lay_out(&db, &g);
        assert!(laid.dot.contains(&format!("layout={}", layout.name())));
        assert_eq!(
            laid.overlaps(),
            Vec::<(String, String)>::new(),
            "{layout:?}"
        );
        assert!(laid.edges > 50, "{layout:?}");
    }
}

#[test]
fn the_mediators_diagram_puts_the_mediators_between_the_parties_in_rank_order() {
    let db = seed();
    let g = answer(&db, "mediators \"United States\" Iran");
    let laid = lay_out(&db, &g);
    let (us, iran) = (laid.at("united_states"), laid.at("iran"));
    let ranked = ["turkey", "oman", "egypt", "qatar", "saudi_arabia"];
    for m in ranked {
        let x = laid.at(m).x;
        assert!(us.x < x && x < iran.x, "{m} stands between the parties");
    }
    // Top to bottom in rank order (Graphviz's y grows upwards).
    for pair in ranked.windows(2) {
        assert!(
            laid.at(pair[0]).y > laid.at(pair[1]).y,
            "{} above {}",
            pair[0],
            pair[1]
        );
    }
    // Only the ties that explain the ranking: each mediator to each party, the broker's
    // cooperation with each; nothing between the parties themselves.
    // Six in the middle column (five mediators and Russia, the broker) are chained by five
    // invisible links that stack them.
    let invisible = ranked.len();
    assert_eq!(laid.edges - invisible, 2 * ranked.len() + 2);
    assert!(!laid.dot.contains("\"united_states\" -> \"iran\""));
    assert_eq!(laid.overlaps(), Vec::<(String, String)>::new());
}

#[test]
fn a_path_reads_left_to_right() {
    let db = seed();
    let g = answer(&db, "path Turkey SDF via conflict");
    assert_eq!(g.layout(), Layout::Dot);
    let laid = lay_out(&db, &g);
    assert!(laid.at("turkey").x < laid.at("kurds").x);
    assert_eq!(laid.actors.len(), 4);
}

#[test]
fn top_n_keeps_the_most_connected_and_says_what_it_left_out() {
    let db = seed();
    let mut g = Subgraph::whole(&db, true);
    let all = g.actors.len();
    g.keep_top(12);
    let laid = lay_out(&db, &g);
    assert_eq!(laid.actors.len(), 12);
    for hub in ["united_states", "iran", "israel", "turkey"] {
        laid.at(hub);
    }
    assert!(
        laid.dot.contains(&format!(
            "12 actors of {all} shown: the most connected; {} left out",
            all - 12
        )),
        "{}",
        laid.dot
    );
    // The mediators diagram keeps its own ranking: the parties, then the best mediators.
    let mut m = answer(&db, "mediators \"United States\" Iran");
    m.keep_top(4);
    let laid = lay_out(&db, &m);
    let mut names: Vec<&str> = laid.actors.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["iran", "oman", "turkey", "united_states"]);
}

#[test]
fn export_top_and_layout_from_the_command_line_render_through_graphviz() {
    let dir = std::env::temp_dir().join(format!("dyad-diagrams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("top.svg");
    let o = common::dyad(
        &[
            "export",
            "svg",
            "--top",
            "10",
            "--layout",
            "sfdp",
            "-o",
            svg.to_str().unwrap(),
        ],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml"), "an SVG");
    assert!(text.matches("class=\"node\"").count() >= 10);
    assert!(text.contains("left out"));
    std::fs::remove_dir_all(&dir).unwrap();
}
