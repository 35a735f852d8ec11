//! Long fuzzing runs on demand: `cargo run --release --example fuzz -- [TARGET] [EXECS] [SEED]`.
//! TARGET is loader, query, export or all (default); EXECS defaults to 1,000,000 per target.
//! Prints a table of executions, outcomes and speed; exits non-zero if any input panicked.

#[path = "../tests/fuzz/harness.rs"]
mod harness;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map(String::as_str).unwrap_or("all");
    let execs: u64 = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    println!("| target | executions | accepted | rejected | panics | slowest | execs/s |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut failed = false;
    for t in harness::TARGETS
        .iter()
        .filter(|t| which == "all" || t.name == which)
    {
        let r = harness::fuzz(t, execs, seed);
        println!(
            "| {} | {} | {} | {} | {} | {:.1} ms | {:.0} |",
            t.name,
            r.execs,
            r.accepted,
            r.rejected,
            r.panics.len(),
            r.slowest.as_secs_f64() * 1e3,
            r.execs as f64 / r.elapsed.as_secs_f64()
        );
        for (input, msg) in &r.panics {
            eprintln!(
                "{}: panic {msg:?} on {:?}",
                t.name,
                String::from_utf8_lossy(input)
            );
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
