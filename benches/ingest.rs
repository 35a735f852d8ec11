//! Reading new text: `ingest`'s proposer on reports of 10,000 to 100,000 words.
//!
//! ```sh
//! cargo bench --bench ingest
//! ```
//!
//! The reports are the four seed documents repeated until they reach each length, so every
//! sentence is a real one with the seed database's actors in it. For each length the table
//! gives the median of five runs of [`dyad::ingest::propose`] (sentences, names, cues, hedges,
//! dates, proposals), and of the whole `dyad ingest` command on a copy of the seed database
//! (reading the file, validating and writing the document's entry, loading the database,
//! proposing, and writing the proposals file), against the target: a 10,000-word report in
//! under a second.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

fn main() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let db = dyad::load_embedded().expect("the seed database");
    let mut seeds = String::new();
    for d in &db.documents {
        seeds.push_str(&d.text);
        seeds.push_str("\n\n");
    }
    let bin = here.join("target/release/dyad");
    let built = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .current_dir(here)
        .status()
        .is_ok_and(|s| s.success());
    println!("| words | sentences | proposals | propose (median of 5) | dyad ingest (median of 5) | words/s (propose) | target: 10,000 words < 1 s |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for target in [10_000usize, 30_000, 100_000] {
        let mut text = String::new();
        while text.split_whitespace().count() < target {
            text.push_str(&seeds);
        }
        let meta = dyad::ingest::Meta {
            id: "report".into(),
            genre: dyad::model::Genre::Analysis,
            date: None,
        };
        let mut times = Vec::new();
        let mut found = None;
        for _ in 0..5 {
            let t = Instant::now();
            found = Some(dyad::ingest::propose(&db, &text, &meta));
            times.push(t.elapsed().as_secs_f64());
        }
        let found = found.unwrap();
        let propose = median(times);
        // The whole command, on a fresh copy of the seed database each time.
        let mut whole = Vec::new();
        if built {
            for run in 0..5 {
                let dir = std::env::temp_dir()
                    .join(format!("dyad-bench-ingest-{}-{run}", std::process::id()));
                let _ = std::fs::remove_dir_all(&dir);
                copy_dir(&here.join("data"), &dir.join("db"));
                copy_dir(&here.join("seeds"), &dir.join("seeds"));
                let file = dir.join("report.txt");
                std::fs::write(&file, &text).unwrap();
                let t = Instant::now();
                let ok = Command::new(&bin)
                    .arg("ingest")
                    .arg(&file)
                    .arg("--data")
                    .arg(dir.join("db"))
                    .output()
                    .is_ok_and(|o| o.status.success());
                whole.push(if ok {
                    t.elapsed().as_secs_f64()
                } else {
                    f64::NAN
                });
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        let command = if whole.is_empty() {
            f64::NAN
        } else {
            median(whole)
        };
        let verdict = if target == 10_000 {
            if command < 1.0 {
                "met"
            } else {
                "missed"
            }
        } else {
            ""
        };
        println!(
            "| {} | {} | {} | {:.1} ms | {:.1} ms | {:.0} | {verdict} |",
            found.words,
            found.sentences,
            found.proposals.len(),
            propose * 1e3,
            command * 1e3,
            found.words as f64 / propose
        );
    }
}
