//! Exports: every DOT renders with the real Graphviz, GraphML loads in NetworkX with the counts
//! and attributes dyad reports, escaping survives adversarial names, and snapshots pin the DOT.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use dyad::export::{self, ExportFormat, Subgraph, Writer};
use dyad::Database;

/// Runs `dot -Tsvg` on `text` and asserts it succeeds. A missing `dot` fails the test: CI
/// installs Graphviz (`.ci/setup`), and a skipped check would prove nothing.
#[track_caller]
fn assert_renders(text: &str, what: &str) {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("Graphviz's `dot` is required for this test (run .ci/setup): {e}")
        });
    let mut stdin = child.stdin.take().unwrap();
    let input = text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "dot rejected the {what} diagram: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("<svg"),
        "{what}"
    );
}

fn seed() -> Database {
    dyad::load_embedded().unwrap()
}

fn diagram(db: &Database, query: &str) -> String {
    let a = dyad::answer::run(db, query).unwrap_or_else(|e| panic!("{query}: {e}"));
    export::dot(db, &Subgraph::of(db, &a).unwrap())
}

#[test]
fn every_kind_of_answer_renders_with_graphviz() {
    let db = seed();
    for q in [
        "path Turkey SDF via conflict",
        "path Oman Israel all",
        "path Turkey SDF k 3",
        "neighbors Iran depth 2",
        "mediators \"United States\" Iran",
        "mediators Israel Turkey",
        "evidence Turkey Israel",
        "evidence Hakan Fidan",
        "show Turkey",
        "contested",
    ] {
        assert_renders(&diagram(&db, q), q);
    }
    assert_renders(
        &export::dot(&db, &Subgraph::whole(&db, false)),
        "whole graph",
    );
}

#[test]
fn non_graph_answers_are_refused_with_a_reason() {
    let db = seed();
    let a = dyad::answer::run(&db, "stats").unwrap();
    let err = Subgraph::of(&db, &a).unwrap_err().to_string();
    assert!(
        err.contains("a stats answer is not a graph to export"),
        "{err}"
    );
}

#[test]
fn diagram_shows_kinds_direction_and_highlights() {
    let db = seed();
    let text = diagram(&db, "mediators \"United States\" Iran");
    // One party on the left, the other on the right, the mediators ranked between them.
    assert!(text.contains("{ rank=min; \"united_states\"; }"), "{text}");
    assert!(text.contains("{ rank=max; \"iran\"; }"), "{text}");
    assert!(text.contains("\"united_states\" -> \"oman\""), "{text}");
    assert!(text.contains("\"oman\" -> \"iran\""), "{text}");
    assert!(
        text.contains("label=<1. Turkey<br/>"),
        "ranked labels: {text}"
    );
    assert!(
        text.contains("\"turkey\" -> \"oman\" -> \"egypt\""),
        "the middle column is stacked in rank order: {text}"
    );
    assert!(text.contains("style=dashed"), "mediation is dashed");
    assert!(
        text.contains("color=\"#2e7d32\""),
        "a broker's cooperation is green"
    );
    assert!(text.contains("inferred: cooperates with both"), "{text}");
    assert!(
        text.contains("\"united_states\" [label=\"United States\", shape=box")
            && text.contains("penwidth=3")
    );
    assert!(
        !text.contains("\"hakan_fidan\" ["),
        "Hakan Fidan's claims are drawn on Turkey, the actor he acts for"
    );
    let apart = diagram(&db, "mediators \"United States\" Iran rollup off");
    assert!(
        apart.contains("\"hakan_fidan\" ["),
        "with roll-up off Hakan Fidan is drawn"
    );
    assert!(
        text.contains("tooltip=\"before 2026-02-04 MEDIATE (stated): “"),
        "tooltips carry quotes"
    );
}

#[test]
fn mutual_relations_have_no_arrowheads() {
    let db = seed();
    let text = diagram(&db, "path Israel Turkey via cooperation");
    let line = text
        .lines()
        .find(|l| l.contains("\"israel\" -> \"turkey\"") || l.contains("\"turkey\" -> \"israel\""))
        .unwrap();
    // Israel–Turkey cooperation mixes mutual and one-way claims; the diagram must say which.
    assert!(line.contains("dir="), "{line}");
    let all_mutual = diagram(&db, "path Russia Ukraine via cooperation");
    let line = all_mutual
        .lines()
        .find(|l| l.contains(" -> \"ukraine\"") || l.contains("\"ukraine\" -> "))
        .unwrap();
    assert!(line.contains("dir=none"), "{line}");
}

/// Every export of a subgraph, in every format, as (what, bytes). Rendered formats are
/// represented by the DOT they render plus the SVG Graphviz makes of it; PNG and PDF are left
/// to Graphviz, and a PDF carries its creation time, so its bytes could not be compared.
fn every_export(db: &Database, g: &Subgraph) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for f in ExportFormat::ALL {
        match f.writer() {
            Writer::Text(write) => out.push((f.to_string(), write(db, g).into_bytes())),
            Writer::Rendered { dot, .. } => {
                out.push((format!("{f} (its DOT)"), dot(db, g).into_bytes()));
                if f == ExportFormat::Svg {
                    out.push((f.to_string(), export::to_bytes(db, g, f).unwrap()));
                }
            }
            Writer::Directory(files) => {
                for (name, text) in files(db, g, &Default::default()) {
                    out.push((format!("{f} {name}"), text.into_bytes()));
                }
            }
        }
    }
    out
}

/// Two databases loaded independently, one compiled into the binary and one read from
/// `data/`, give byte-identical exports in every format: of the whole graph, and of answers
/// computed separately from each. (The test this replaces exported one answer twice, which
/// could not fail.)
#[test]
fn exports_of_independently_loaded_databases_are_identical_in_every_format() {
    let embedded = seed();
    let from_disk = dyad::load_dir(common::data_dir()).unwrap_or_else(|e| panic!("{e}"));
    let subgraph = |db: &Database, query: Option<&str>| match query {
        None => Subgraph::whole(db, false),
        Some(q) => Subgraph::of(db, &dyad::answer::run(db, q).unwrap()).unwrap(),
    };
    for query in [
        None,
        Some("neighbors Turkey depth 2"),
        Some("mediators \"United States\" Iran"),
        Some("path Turkey SDF k 3"),
        Some("evidence Turkey Israel"),
        Some("show Turkey"),
        Some("contested"),
    ] {
        let a = every_export(&embedded, &subgraph(&embedded, query));
        let b = every_export(&from_disk, &subgraph(&from_disk, query));
        assert_eq!(a.len(), b.len());
        for ((what, x), (_, y)) in a.iter().zip(&b) {
            assert!(
                x == y,
                "{what} of {} differs between two loads of the same data",
                query.unwrap_or("the whole graph")
            );
        }
    }
}

/// Exporting to files goes through the same writers: what `write_to` puts on disk is what the
/// writer returns, for a file and for a directory of files.
#[test]
fn written_files_hold_the_writers_bytes() {
    let db = seed();
    let g = Subgraph::whole(&db, false);
    let fx = common::Fixture::new();
    for f in ExportFormat::ALL.into_iter().filter(|f| !f.is_rendered()) {
        let path = fx.dir().join(format!("out-{f}"));
        let written = export::write_to(&db, &g, f, &path).unwrap();
        let on_disk: Vec<Vec<u8>> = written.iter().map(|p| std::fs::read(p).unwrap()).collect();
        let expected: Vec<Vec<u8>> = match f.writer() {
            Writer::Text(write) => vec![write(&db, &g).into_bytes()],
            Writer::Directory(files) => files(&db, &g, &Default::default())
                .into_iter()
                .map(|(_, text)| text.into_bytes())
                .collect(),
            Writer::Rendered { .. } => unreachable!("filtered out"),
        };
        assert!(on_disk == expected, "{f}");
    }
}

#[test]
fn snapshot_path_diagram() {
    common::snapshot(
        "path_turkey_sdf_conflict.dot",
        &diagram(&seed(), "path Turkey SDF via conflict"),
    );
}

#[test]
fn snapshot_mediators_diagram() {
    common::snapshot(
        "mediators_israel_turkey.dot",
        &diagram(&seed(), "mediators Israel Turkey"),
    );
}

/// A database whose names, aliases, titles and quotes hold everything that breaks naive writers.
fn adversarial() -> common::Fixture {
    let fx = common::Fixture::new();
    let evil = r#"Evil \"Quote\" \\ back\\slash\n<b>{x}</b> & Ünïcödé ✓ 'apostrophe' ; comma,"#;
    fx.edit(
        "actors.ron",
        "name: \"Turkey\"",
        &format!("name: \"{evil}\""),
    );
    fx.edit("actors.ron", "\"Türkiye\"", "\"Tür\\\"kiye <x>\"");
    fx.edit(
        "documents.ron",
        "title: \"A test document\"",
        "title: \"Title with \\\"quotes\\\" and \\\\ and \\n newline\"",
    );
    fx.edit(
        "seeds/doc.txt",
        "Iran informed Turkey in advance.",
        "Iran informed Turkey in advance, \"quietly\" \\ <via> {back} channels;.",
    );
    fx.edit(
        "claims/doc.ron",
        "quote: \"Iran informed Turkey in advance\"",
        "quote: \"Iran informed Turkey in advance, \\\"quietly\\\" \\\\ <via> {back} channels;\"",
    );
    fx
}

#[test]
fn adversarial_names_never_break_any_format() {
    let fx = adversarial();
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(db
        .actors
        .iter()
        .any(|a| a.name.contains('\n') && a.name.contains('"') && a.name.contains('\\')));
    let g = Subgraph::whole(&db, false);

    let dot = export::dot(&db, &g);
    assert_renders(&dot, "adversarial");
    for q in ["mediators US Iran", "evidence Iran", "show Iran"] {
        let a = dyad::answer::run(&db, q).unwrap();
        assert_renders(&export::dot(&db, &Subgraph::of(&db, &a).unwrap()), q);
    }

    let json: serde_json::Value = serde_json::from_str(&export::json(&db, &g)).unwrap();
    assert!(json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"].as_str().unwrap().contains("<b>{x}</b>")));

    let path = fx.dir().join("g.graphml");
    std::fs::write(&path, export::graphml(&db, &g)).unwrap();
    let out = networkx(&format!(
        "G = nx.read_graphml({:?}); print(json.dumps(sorted(d['name'] for _, d in G.nodes(data=True))))",
        path.to_str().unwrap()
    ));
    let names: Vec<String> = serde_json::from_str(&out).unwrap();
    assert!(
        names
            .iter()
            .any(|n| n.contains("Evil \"Quote\" \\ back\\slash\n<b>{x}</b> & Ünïcödé")),
        "{names:?}"
    );

    let dir = fx.dir().join("csv");
    export::write_csv_dir(&db, &g, &dir).unwrap();
    let out = python(&format!(
        "import csv; rows = list(csv.reader(open({:?}, encoding='utf-8'))); print(json.dumps(rows))",
        dir.join("actors.csv").to_str().unwrap()
    ));
    let rows: Vec<Vec<String>> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 1 + db.actors.len());
    assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every row has every column"
    );
    assert!(rows
        .iter()
        .any(|r| r[1].contains("comma,") && r[1].contains('\n')));
}

fn python(script: &str) -> String {
    let out = Command::new("python3")
        .args(["-c", &format!("import json\n{script}")])
        .output()
        .unwrap_or_else(|e| panic!("python3 is required for this test (run .ci/setup): {e}"));
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn networkx(script: &str) -> String {
    python(&format!("import networkx as nx\n{script}"))
}

#[test]
fn graphml_loads_in_networkx_with_dyads_counts_and_attributes() {
    let db = seed();
    let fx = common::Fixture::new();
    let path = fx.dir().join("seed.graphml");
    std::fs::write(&path, export::graphml(&db, &Subgraph::whole(&db, false))).unwrap();
    let out = networkx(&format!(
        r#"
G = nx.read_graphml({path:?})
edges = {{}}
for u, v, key, d in G.edges(keys=True, data=True):
    edges[key] = [min(u, v), max(u, v), d['kind'], d['claims'], d['best_certainty'], d['direction'], d['weight']]
print(json.dumps({{
    'multigraph': G.is_multigraph(),
    'directed': G.is_directed(),
    'nodes': G.number_of_nodes(),
    'edges': G.number_of_edges(),
    'kinds': sorted(set(d['kind'] for _, d in G.nodes(data=True))),
    'fidan': G.nodes['hakan_fidan'],
    'edge_attrs': edges,
}}))
"#,
        path = path.to_str().unwrap()
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nodes"], db.actors.len());
    assert_eq!(v["edges"], db.graph.edge_count());
    assert_eq!(
        v["multigraph"], true,
        "several kinds between one pair are parallel edges"
    );
    assert_eq!(v["directed"], false);
    assert_eq!(v["fidan"]["acts_for"], "turkey");
    assert_eq!(v["fidan"]["principal"], "turkey");
    assert_eq!(v["fidan"]["kind"], "person");
    assert_eq!(v["fidan"]["highlight"], false, "typed boolean");
    for (e, edge) in db.graph.edges() {
        let got = &v["edge_attrs"][format!("e{}", e.0)];
        let (a, b) = (&db.actor(edge.a).id, &db.actor(edge.b).id);
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        assert_eq!(got[0], lo.as_str());
        assert_eq!(got[1], hi.as_str());
        assert_eq!(got[2], edge.kind.as_str());
        assert_eq!(got[3], edge.claim_count(), "claims is an int");
        assert_eq!(got[4], edge.best.as_str());
        assert!(got[6].as_f64().unwrap() > 0.0, "weight is a double");
    }
}

#[test]
fn csv_files_are_neo4j_import_shaped() {
    let db = seed();
    let files = export::csv(&db, &Subgraph::whole(&db, false));
    let get = |name: &str| files.iter().find(|(n, _)| *n == name).unwrap().1.clone();
    let actors = get("actors.csv");
    assert!(actors.starts_with("id:ID(Actor),name,kind,aliases:string[]"));
    assert!(actors.contains("\nturkey,Turkey,state,Türkiye;Turkiye;"));
    let relations = get("relations.csv");
    assert!(relations.starts_with(":START_ID(Actor),:END_ID(Actor),:TYPE,claims:int"));
    assert_eq!(relations.lines().count(), 1 + db.graph.edge_count());
    let claims = get("claims.csv");
    // One row per claim and link: mediations link the mediator to both parties.
    let links: usize = db.claims.iter().map(|c| c.links().count()).sum();
    let rows = python(&format!(
        "import csv, io; print(len(list(csv.reader(io.StringIO({claims:?})))) - 1)"
    ));
    assert_eq!(rows.trim().parse::<usize>().unwrap(), links);
}

#[test]
fn repl_exports_the_last_answer() {
    let fx = common::Fixture::new();
    let mut s = dyad::repl::Session::new(seed());
    let mut out = Vec::new();
    let err = s
        .eval_line(
            &format!("export dot {}", fx.dir().join("x.dot").display()),
            &mut out,
        )
        .unwrap_err();
    assert!(err.to_string().contains("no answer to export yet"), "{err}");
    s.eval_line("path Turkey SDF via conflict", &mut out)
        .unwrap();
    let svg = fx.dir().join("path.svg");
    s.eval_line(&format!("export dot {}", svg.display()), &mut out)
        .unwrap();
    assert!(
        std::fs::read_to_string(&svg).unwrap().contains("<svg"),
        "the extension asks for SVG"
    );
    let gml = fx.dir().join("all.graphml");
    s.eval_line(&format!("export graph {}", gml.display()), &mut out)
        .unwrap();
    assert!(std::fs::read_to_string(&gml).unwrap().contains("<graphml"));
    s.eval_line("stats", &mut out).unwrap();
    let err = s
        .eval_line(
            &format!("export dot {}", fx.dir().join("s.dot").display()),
            &mut out,
        )
        .unwrap_err();
    assert!(err.to_string().contains("not a graph to export"), "{err}");
}

#[test]
fn cli_export_renders_by_extension_and_explains_missing_graphviz() {
    let fx = common::Fixture::new();
    let png = fx.dir().join("m.png");
    let o = common::dyad(
        &[
            "export",
            "dot",
            "-c",
            "mediators US Iran",
            "-o",
            png.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");

    let o = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "export",
            "dot",
            "-o",
            fx.dir().join("x.svg").to_str().unwrap(),
        ])
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("install Graphviz") && err.contains("apt-get install graphviz"),
        "{err}"
    );

    let o = common::dyad(&["export", "dot", "-c", "path Turkey SDF via conflict"], "");
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("digraph dyad {"));
}

/// Pins every text format of one small answer from the seed database, so a change to a writer
/// shows up as a diff of its golden file.
#[test]
fn snapshot_mediators_in_every_text_format() {
    let db = seed();
    let a = dyad::answer::run(&db, "mediators Israel Turkey").unwrap();
    let g = Subgraph::of(&db, &a).unwrap();
    common::snapshot("mediators_israel_turkey.json", &export::json(&db, &g));
    common::snapshot("mediators_israel_turkey.graphml", &export::graphml(&db, &g));
    for (name, text) in export::csv(&db, &g) {
        common::snapshot(&format!("mediators_israel_turkey.{name}"), &text);
    }
}

/// Pins every text format of the adversarial database, so escaping cannot change unnoticed.
#[test]
fn snapshot_adversarial_graph_in_every_text_format() {
    let fx = adversarial();
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    let g = Subgraph::whole(&db, false);
    common::snapshot("adversarial.dot", &export::dot(&db, &g));
    common::snapshot("adversarial.json", &export::json(&db, &g));
    common::snapshot("adversarial.graphml", &export::graphml(&db, &g));
    for (name, text) in export::csv(&db, &g) {
        common::snapshot(&format!("adversarial.{name}"), &text);
    }
}

#[test]
fn cli_export_formats_and_their_help_come_from_the_format_table() {
    let o = common::dyad(&["export", "--help"], "");
    let help = String::from_utf8_lossy(&o.stdout);
    for f in export::ExportFormat::ALL {
        assert!(
            help.contains(&format!("- {}:", f.name())) && help.contains(f.describe()),
            "{f} is missing from the help:\n{help}"
        );
    }
    let o = common::dyad(&["export", "xls"], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    let names = export::ExportFormat::usage_names().replace('|', ", ");
    assert!(
        err.contains(&format!("[possible values: {names}]")),
        "{err}"
    );
}

#[test]
fn cli_export_errors_name_the_file_or_directory() {
    let fx = common::Fixture::new();
    let blocker = fx.dir().join("a-file");
    std::fs::write(&blocker, "").unwrap();
    let file = blocker.join("out.graphml");
    let o = common::dyad(&["export", "graphml", "-o", file.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("cannot write {}", file.display())),
        "{err}"
    );
    let dir = blocker.join("csv");
    let o = common::dyad(&["export", "csv", "-o", dir.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("cannot create directory {}", dir.display())),
        "{err}"
    );
}

/// A database with a 100 KB actor name, a 30 KB quote, a 120 KB document title and a 20 KB
/// actor id: each more than Graphviz takes in one quoted string (16,384 bytes).
fn huge_strings() -> (common::Fixture, String, String) {
    let fx = common::Fixture::new();
    let name = format!("Turkey {}", "and its very long name ".repeat(4_600));
    assert!(name.len() > 100_000);
    fx.edit(
        "actors.ron",
        "name: \"Turkey\"",
        &format!("name: \"{name}\""),
    );
    let quote = format!(
        "Iran informed Turkey in advance{}",
        " and again, \"quietly\" \\ and at length".repeat(850)
    );
    assert!(quote.len() > 30_000);
    let ron_quote = quote.replace('\\', "\\\\").replace('"', "\\\"");
    fx.edit(
        "seeds/doc.txt",
        "Iran informed Turkey in advance.",
        &format!("{quote}."),
    );
    fx.edit(
        "claims/doc.ron",
        "quote: \"Iran informed Turkey in advance\"",
        &format!("quote: \"{ron_quote}\""),
    );
    fx.edit(
        "documents.ron",
        "title: \"A test document\"",
        &format!("title: \"{}\"", "Title ".repeat(20_000)),
    );
    // Ids have no length limit either: one of 20,000 characters, used everywhere.
    let id = format!("turkey{}", "_x".repeat(10_000));
    for file in ["actors.ron", "claims/doc.ron"] {
        fx.write(
            file,
            &fx.read(file).replace("\"turkey\"", &format!("\"{id}\"")),
        );
    }
    (fx, name, quote)
}

#[test]
fn a_diagram_with_a_100_kb_name_and_a_30_kb_quote_renders_to_svg_that_parses() {
    let (fx, name, _quote) = huge_strings();
    let data = fx.dir().to_str().unwrap();
    let svg = fx.dir().join("big.svg");
    for query in [
        None,
        Some("evidence Türkiye"),
        Some("path Iran US"),
        Some("show Türkiye"),
    ] {
        let mut args = vec!["--data", data, "export", "dot", "-o", svg.to_str().unwrap()];
        if let Some(q) = query {
            args.extend(["-c", q]);
        }
        let o = common::dyad(&args, "");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{query:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = python(&format!(
            "import xml.etree.ElementTree as ET; root = ET.parse({:?}).getroot(); \
             print(json.dumps([t.text or '' for t in root.iter() if t.tag.endswith('}}text') or t.tag.endswith('}}title')]))",
            svg.to_str().unwrap()
        ));
        let texts: Vec<String> = serde_json::from_str(&out).unwrap();
        // The name is drawn cut, its start kept and the cut marked.
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Turkey and its very long name") && t.ends_with('…')),
            "{query:?}: {texts:?}"
        );
        assert!(texts.iter().all(|t| t.len() < name.len()), "{query:?}");
    }
    // The exports that carry every claim keep the whole strings.
    let db = dyad::load_dir(fx.dir()).unwrap();
    let json = export::json(&db, &Subgraph::whole(&db, false));
    assert!(json.contains(&name));
}

#[test]
fn a_failing_dot_is_reported_with_its_own_message_not_a_broken_pipe() {
    // An unterminated string makes `dot` stop reading at once; dyad is still writing the
    // megabytes after it, so its pipe breaks. The error must be dot's complaint.
    let text = format!("digraph {{ a [label=\"{}", "x".repeat(4_000_000));
    let err = export::render(&text, ExportFormat::Svg)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("Graphviz failed: "), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(err.contains("syntax error"), "{err}");
    assert!(err.chars().count() < 3_000, "dot's message is cut: {err}");
}

/// The fixture with names and a quote that spreadsheets would run as formulas.
fn formulas() -> common::Fixture {
    let fx = common::Fixture::new();
    fx.edit(
        "actors.ron",
        "name: \"Turkey\"",
        "name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"Turkey\\\")\"",
    );
    fx.edit(
        "actors.ron",
        "name: \"Iran\"",
        "name: \"@SUM(1+1)*cmd|' /C calc'!A0\"",
    );
    fx.edit("actors.ron", "name: \"Hakan Fidan\"", "name: \"+Hakan\"");
    fx.edit("actors.ron", "\"Türkiye\"", "\"-2+3\"");
    fx.edit(
        "actors.ron",
        "name: \"United States\"",
        "name: \"\\tUnited States\"",
    );
    fx
}

#[test]
fn csv_cells_that_would_run_as_spreadsheet_formulas_are_defused_by_default() {
    let fx = formulas();
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    let dir = fx.dir().join("csv");
    let o = common::dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "export",
            "csv",
            "--rollup",
            "off",
            "-o",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let rows = |file: &str| -> Vec<Vec<String>> {
        serde_json::from_str(&python(&format!(
            "import csv; print(json.dumps(list(csv.reader(open({:?}, encoding='utf-8')))))",
            dir.join(file).to_str().unwrap()
        )))
        .unwrap()
    };
    let actors = rows("actors.csv");
    let names: Vec<&str> = actors[1..].iter().map(|r| r[1].as_str()).collect();
    for (name, shown) in [
        (
            "=HYPERLINK",
            "'=HYPERLINK(\"http://evil.example\",\"Turkey\")",
        ),
        ("@SUM", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("+Hakan", "'+Hakan"),
        ("\tUnited", "'\tUnited States"),
    ] {
        assert!(names.contains(&shown), "{name}: {names:?}");
    }
    assert!(
        actors.iter().any(|r| r[3] == "'-2+3"),
        "aliases too: {actors:?}"
    );
    // No cell of any file begins like a formula.
    for file in ["actors.csv", "relations.csv", "claims.csv"] {
        for cell in rows(file).iter().flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{file}: {cell:?}"
            );
        }
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("actors.csv")).unwrap(),
        export::csv(&db, &Subgraph::whole(&db, false))[0].1,
        "the library's default is the command line's"
    );
}

#[test]
fn csv_raw_writes_every_cell_as_it_is_for_neo4j() {
    let fx = formulas();
    let dir = fx.dir().join("neo4j");
    let data = fx.dir().to_str().unwrap();
    let o = common::dyad(
        &[
            "--data",
            data,
            "export",
            "csv",
            "--csv-raw",
            "--rollup",
            "off",
            "-o",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let actors = std::fs::read_to_string(dir.join("actors.csv")).unwrap();
    assert!(
        actors.contains("\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Turkey\"\")\""),
        "{actors}"
    );
    assert!(
        actors.contains(",+Hakan,") && actors.contains(",-2+3,"),
        "{actors}"
    );
    assert!(!actors.contains("'="), "{actors}");

    let o = common::dyad(&["--data", data, "export", "json", "--csv-raw"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--csv-raw applies to csv exports only"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = common::dyad(&["export", "--help"], "");
    assert!(String::from_utf8_lossy(&o.stdout).contains("--csv-raw"));
}

#[test]
fn csv_export_errors_name_the_file_they_concern() {
    let fx = common::Fixture::new();
    let dir = fx.dir().join("csv");
    // A directory where claims.csv should go: the first two files are written, the third not.
    std::fs::create_dir_all(dir.join("claims.csv")).unwrap();
    let o = common::dyad(&["export", "csv", "-o", dir.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "cannot write {}",
            dir.join("claims.csv").display()
        )),
        "{err}"
    );
    // And in the REPL.
    let mut s = dyad::repl::Session::new(seed());
    let mut out = Vec::new();
    let e = s
        .eval_line(&format!("export graph csv {}", dir.display()), &mut out)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(&dir.join("claims.csv").display().to_string()),
        "{e}"
    );
}
