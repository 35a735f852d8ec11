//! dyad at scale, side by side with NetworkX.
//!
//! ```sh
//! cargo bench --bench scale                                  # 100k actors, 1M claims
//! cargo bench --bench scale -- --actors 10000 --claims 100000 --skip-betweenness
//! ```
//!
//! Generates (once) a synthetic database with `dyad::synth`, measures loading in a fresh
//! process (time and peak memory), times each query on the same actor pairs, runs
//! `benches/networkx_bench.py` on the same graph in the same run, and prints a table of
//! medians and ratios against the targets.

mod support;

use std::path::{Path, PathBuf};

use std::process::Command;
use std::time::Instant;
use support::peak_mb;

use dyad::graph::algo::Walker;
use dyad::graph::Filter;
use dyad::model::ActorId;

struct Args {
    actors: usize,
    claims: usize,
    pairs: usize,
    dir: PathBuf,
    networkx: bool,
    betweenness: bool,
}

fn args() -> Args {
    let mut a = Args {
        actors: 100_000,
        claims: 1_000_000,
        pairs: 20,
        dir: PathBuf::new(),
        networkx: true,
        betweenness: true,
    };
    let mut dir = None;
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let value = || argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--actors" => a.actors = value().parse().expect("--actors N"),
            "--claims" => a.claims = value().parse().expect("--claims N"),
            "--pairs" => a.pairs = value().parse().expect("--pairs N"),
            "--dir" => dir = Some(PathBuf::from(value())),
            "--skip-networkx" => {
                a.networkx = false;
                i -= 1;
            }
            "--skip-betweenness" => {
                a.betweenness = false;
                i -= 1;
            }
            // cargo bench passes --bench; ignore what is not ours.
            _ => i -= 1,
        }
        i += 2;
    }
    a.dir = dir.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/dyad-bench")
            .join(format!("{}x{}", a.actors, a.claims))
    });
    a
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median seconds of `f` over `repeat` runs.
fn time(repeat: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..repeat)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn main() {
    let a = args();
    if let Some(mode) = std::env::var_os("DYAD_BENCH_CHILD") {
        // Measured in a fresh process so that the peak is the load's alone.
        let t = Instant::now();
        let db = if mode == "ron" {
            dyad::load_dir(&a.dir)
        } else {
            dyad::snapshot::load_dir(&a.dir)
        }
        .expect("the synthetic database loads");
        let secs = t.elapsed().as_secs_f64();
        println!("{secs} {} {}", peak_mb(), db.claims.len());
        return;
    }
    if !a.dir.join("actors.ron").exists() {
        eprintln!("generating {} …", a.dir.display());
        let spec = dyad::synth::Spec {
            actors: a.actors,
            claims: a.claims,
            claims_per_document: 1_000,
            seed: 42,
        };
        dyad::synth::generate(&spec, &a.dir).expect("generate the synthetic database");
    }

    // Load: fresh processes, median time and the peak memory of the median run. "ron" parses
    // and validates every file; "snapshot" reads the binary snapshot (written by the first
    // snapshot run if it is missing).
    let load = |mode: &str| {
        let mut runs = Vec::new();
        for _ in 0..3 {
            let out = Command::new(std::env::current_exe().unwrap())
                .args([
                    "--actors",
                    &a.actors.to_string(),
                    "--claims",
                    &a.claims.to_string(),
                ])
                .args(["--dir", a.dir.to_str().unwrap()])
                .env("DYAD_BENCH_CHILD", mode)
                .output()
                .expect("run the load child");
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let v: Vec<f64> = text
                .split_whitespace()
                .map(|x| x.parse().unwrap())
                .collect();
            runs.push((v[0], v[1]));
        }
        runs.sort_by(|x, y| x.0.total_cmp(&y.0));
        runs[1]
    };
    let (ron_s, ron_mb) = load("ron");
    let _ = load("snapshot"); // writes the snapshot if it is missing or stale
    let (load_s, load_mb) = load("snapshot");

    let db = dyad::load_dir(&a.dir).expect("the synthetic database loads");
    let n = db.actors.len();
    let open = Filter::default();
    let w = Walker::new(db.net(), &open);
    // The same pairs for both tools: random actors that are connected.
    let mut rng = dyad::rng::Rng::new(7);
    let mut pairs: Vec<(ActorId, ActorId)> = Vec::new();
    while pairs.len() < a.pairs {
        let (x, y) = (ActorId(rng.below(n) as u32), ActorId(rng.below(n) as u32));
        if x != y && w.shortest_path(x, y, None).is_some() {
            pairs.push((x, y));
        }
    }
    let id = |x: ActorId| db.actor(x).id.clone();
    let pairs_file = a.dir.join("bench-pairs.tsv");
    let listing: String = pairs
        .iter()
        .map(|(x, y)| format!("{}\t{}\n", id(*x), id(*y)))
        .collect();
    std::fs::write(&pairs_file, listing).unwrap();

    let per_pair = |repeat: usize, q: &dyn Fn(ActorId, ActorId)| {
        median(
            pairs
                .iter()
                .map(|&(x, y)| time(repeat, || q(x, y)))
                .collect(),
        )
    };
    let run = |line: String| {
        dyad::answer::run(&db, &line).unwrap_or_else(|e| panic!("{line}: {e}"));
    };
    let path_search = per_pair(20, &|x, y| {
        std::hint::black_box(w.shortest_path(x, y, None));
    });
    let path_query = per_pair(20, &|x, y| run(format!("path {} {}", id(x), id(y))));
    let all_query = per_pair(3, &|x, y| run(format!("path {} {} all", id(x), id(y))));
    let neighbors_query = median(
        pairs
            .iter()
            .take(5)
            .map(|(x, _)| time(3, || run(format!("neighbors {} depth 2", id(*x)))))
            .collect(),
    );
    let mediators_query = per_pair(5, &|x, y| run(format!("mediators {} {}", id(x), id(y))));
    let central_query = if a.betweenness {
        time(1, || run("central by betweenness sample 100".into()))
    } else {
        f64::NAN
    };
    let start = time(20, || {
        let s = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["-c", "help"])
            .output()
            .expect("run dyad");
        assert!(s.status.success());
    });

    let nx: Option<serde_json::Value> = a.networkx.then(|| {
        eprintln!("running NetworkX on the same graph …");
        let mut cmd = Command::new("python3");
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/networkx_bench.py"))
            .args(["--edges", a.dir.join("edges.tsv").to_str().unwrap()])
            .args(["--pairs", pairs_file.to_str().unwrap()]);
        if !a.betweenness {
            cmd.arg("--skip-betweenness");
        }
        let out = cmd.output().expect("run python3 benches/networkx_bench.py");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("NetworkX results")
    });
    let nxf = |k: &str| nx.as_ref().and_then(|v| v[k].as_f64()).unwrap_or(f64::NAN);

    println!();
    println!(
        "dyad vs NetworkX {} — {} actors, {} claims, {} relations; medians over {} pairs",
        nx.as_ref()
            .and_then(|v| v["networkx"].as_str().map(str::to_string))
            .unwrap_or_else(|| "(skipped)".into()),
        n,
        db.claims.len(),
        db.graph.edge_count(),
        pairs.len()
    );
    println!();
    println!("| what | dyad | NetworkX | ratio | target |");
    println!("| --- | ---: | ---: | ---: | --- |");
    let ms = |s: f64| {
        if s.is_nan() {
            "–".to_string()
        } else if s >= 1.0 {
            format!("{s:.2} s")
        } else if s >= 1e-3 {
            format!("{:.2} ms", s * 1e3)
        } else {
            format!("{:.1} µs", s * 1e6)
        }
    };
    let ratio = |ours: f64, theirs: f64| {
        if ours.is_nan() || theirs.is_nan() {
            "–".to_string()
        } else {
            format!("{:.1}×", theirs / ours)
        }
    };
    let row = |what: &str, ours: f64, theirs: f64, target: &str| {
        println!(
            "| {what} | {} | {} | {} | {target} |",
            ms(ours),
            ms(theirs),
            ratio(ours, theirs)
        );
    };
    row(
        "load the snapshot into a queryable graph (NetworkX: build from edge list)",
        load_s,
        nxf("build_s"),
        "≤ 3 s, ≥ 4×",
    );
    row(
        "load, parse and validate the RON (no snapshot)",
        ron_s,
        nxf("build_s"),
        "(≤ 3 s, ≥ 4×)",
    );
    let mem = |ours: f64| {
        if nxf("peak_mb").is_nan() {
            "–".to_string()
        } else {
            format!("{:.0}%", 100.0 * ours / nxf("peak_mb"))
        }
    };
    println!(
        "| peak memory after loading the snapshot | {load_mb:.0} MB | {:.0} MB | {} | ≤ 50% |",
        nxf("peak_mb"),
        mem(load_mb)
    );
    println!(
        "| peak memory after loading the RON | {ron_mb:.0} MB | {:.0} MB | {} | (≤ 50%) |",
        nxf("peak_mb"),
        mem(ron_mb)
    );
    row(
        "`path A B`: the search (NetworkX: bidirectional_shortest_path)",
        path_search,
        nxf("path_s"),
        "≥ 5×",
    );
    row(
        "`path A B`: the whole query, with evidence per hop",
        path_query,
        nxf("path_s"),
        "≥ 5×",
    );
    row(
        "`path A B all` (NetworkX: list(all_shortest_paths))",
        all_query,
        nxf("all_paths_s"),
        "≥ 20×",
    );
    row(
        "`neighbors A depth 2` (NetworkX: ego_graph radius 2)",
        neighbors_query,
        nxf("ego2_s"),
        "≥ 50×",
    );
    row("`mediators A B`", mediators_query, f64::NAN, "≤ 5 ms");
    row(
        "`central by betweenness sample 100` (NetworkX: k=100)",
        central_query,
        nxf("betweenness_s"),
        "≥ 20×",
    );
    row(
        "start, load the seed graph, answer `help`, exit (bounds REPL start)",
        start,
        f64::NAN,
        "≤ 20 ms",
    );
}
