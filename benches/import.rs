//! Importing event data at scale: a million GDELT-format rows.
//!
//! ```sh
//! cargo bench --bench import                      # 1,000,000 rows
//! cargo bench --bench import -- --rows 100000
//! ```
//!
//! Generates (once) a GDELT 2.0 events file with `dyad::synth::write_gdelt`, then measures,
//! each in a fresh process so that its peak memory is its own:
//!
//! - **parse**: reading and parsing the file alone (rows per second);
//! - **import**: `dyad import gdelt` into a new database directory — checking the whole file,
//!   copying it, loading the database (parsing again, matching actors, merging reports, building
//!   the graph) and writing its snapshot; rows per second over the whole of it;
//! - **reload**: opening that database again from its snapshot and answering a first query.
//!
//! Each step runs three times; the table gives the median run.
//!
//! and prints a table against the targets: import ≥ 500,000 rows/s, import's peak memory at
//! most twice the peak of the reloaded database, and the first answer after a reload within
//! the scale table's load target (3 s).

mod support;

use std::path::{Path, PathBuf};

use std::process::Command;
use std::time::Instant;
use support::peak_mb;

struct Args {
    rows: usize,
    dir: PathBuf,
}

fn args() -> Args {
    let mut rows = 1_000_000;
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        if argv[i] == "--rows" {
            rows = argv
                .get(i + 1)
                .and_then(|v| v.parse().ok())
                .expect("--rows N");
            i += 1;
        }
        i += 1;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/dyad-bench")
        .join(format!("gdelt-{rows}"));
    Args { rows, dir }
}

const FILE: &str = "events.export.CSV";

/// One measured step, run in this process when the benchmark calls itself as a child.
fn child(mode: &str, a: &Args) {
    let file = a.dir.join(FILE);
    let db = a.dir.join("db");
    let t = Instant::now();
    let detail = match mode {
        "parse" => {
            let bytes = std::fs::read(&file).expect("read the events file");
            let (text, bad) = dyad::dataset::decode(bytes);
            let mapping = dyad::dataset::Mapping::default();
            let p = dyad::dataset::parse(
                dyad::dataset::Format::Gdelt,
                &dyad::dataset::Rows {
                    text: &text,
                    bad_utf8: &bad,
                    mapping: &mapping,
                },
            );
            format!("{} {}", p.rows, p.events.len())
        }
        "import" => {
            let _ = std::fs::remove_dir_all(&db);
            let req = dyad::import::Request {
                dir: db.clone(),
                format: dyad::dataset::Format::Gdelt,
                file,
                id: None,
                in_place: false,
                title: None,
                publisher: None,
                licence: None,
                url: None,
                mapping: Default::default(),
                mentions: None,
            };
            let out = dyad::import::import(
                &req,
                dyad::load::ReadPolicy::default(),
                &dyad::progress::Silent,
            )
            .expect("the import succeeds");
            format!("{} {}", out.report.files[0].rows, out.db.claims.len())
        }
        _ => {
            let loaded = dyad::snapshot::load_dir(&db).expect("the database loads");
            let answer = dyad::answer::run(&loaded, "neighbors USA")
                .or_else(|_| dyad::answer::run(&loaded, "stats"))
                .expect("a first answer");
            let _ = dyad::render::text(&answer, 100);
            format!("{} {}", loaded.claims.len(), loaded.actors.len())
        }
    };
    println!("{} {} {detail}", t.elapsed().as_secs_f64(), peak_mb());
}

/// The median of three runs of a step (by time), each in a fresh process: one run on a busy
/// machine says little.
fn median_run(mode: &str, a: &Args) -> (f64, f64, String) {
    let mut runs: Vec<(f64, f64, String)> = (0..3).map(|_| run(mode, a)).collect();
    runs.sort_by(|x, y| x.0.total_cmp(&y.0));
    runs.swap_remove(1)
}

fn run(mode: &str, a: &Args) -> (f64, f64, String) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("DYAD_IMPORT_BENCH_CHILD", mode)
        .args(["--rows", &a.rows.to_string()])
        .output()
        .expect("run the child");
    assert!(
        out.status.success(),
        "{mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut parts = text.split_whitespace();
    let secs: f64 = parts.next().unwrap().parse().unwrap();
    let mb: f64 = parts.next().unwrap().parse().unwrap();
    (secs, mb, parts.collect::<Vec<_>>().join(" "))
}

fn main() {
    let a = args();
    if let Ok(mode) = std::env::var("DYAD_IMPORT_BENCH_CHILD") {
        child(&mode, &a);
        return;
    }
    if !a.dir.join(FILE).exists() {
        eprintln!("generating {} rows in {} …", a.rows, a.dir.display());
        dyad::synth::write_gdelt(&a.dir, FILE, a.rows, 42).expect("write the events file");
    }
    let size = std::fs::metadata(a.dir.join(FILE)).unwrap().len();
    let (parse_s, parse_mb, parsed) = median_run("parse", &a);
    let (import_s, import_mb, imported) = median_run("import", &a);
    let (reload_s, reload_mb, reloaded) = median_run("reload", &a);
    let rows = a.rows as f64;
    println!(
        "\n{} GDELT 2.0 rows, {:.0} MB; parse: {parsed} (rows, events); import: {imported} (rows, claims); reload: {reloaded} (claims, actors)\n",
        a.rows,
        size as f64 / 1e6
    );
    println!("| what | figure | target |");
    println!("| --- | ---: | --- |");
    println!(
        "| parse the file (rows/s) | {:.0} ({:.2} s) | |",
        rows / parse_s,
        parse_s
    );
    println!(
        "| `dyad import gdelt` into a new database, snapshot written (rows/s) | {:.0} ({:.2} s) | ≥ 500,000 |",
        rows / import_s,
        import_s
    );
    println!("| peak memory: parse alone | {parse_mb:.0} MB | |");
    println!(
        "| peak memory: import / reloaded database | {import_mb:.0} MB / {reload_mb:.0} MB = {:.2}× | ≤ 2× |",
        import_mb / reload_mb
    );
    println!("| reload from the snapshot and answer a first query | {reload_s:.2} s | ≤ 3 s |");
}
