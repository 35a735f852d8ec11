//! The fuzz targets, run for a bounded number of executions on every `cargo test`.
//! `DYAD_FUZZ_EXECS=N` changes the count; `cargo run --release --example fuzz` runs long.

#[path = "fuzz/harness.rs"]
mod harness;

fn execs() -> u64 {
    std::env::var("DYAD_FUZZ_EXECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000)
}

#[track_caller]
fn run(name: &str, seed: u64) {
    let target = harness::TARGETS.iter().find(|t| t.name == name).unwrap();
    let r = harness::fuzz(target, execs(), seed);
    assert!(
        r.panics.is_empty(),
        "{name}: {} panics, first on {:?}: {}",
        r.panics.len(),
        String::from_utf8_lossy(&r.panics[0].0),
        r.panics[0].1
    );
    assert_eq!(r.execs, execs());
    // A fuzzer that only ever hits the error path, or only the happy path, is not testing
    // much: both must occur.
    assert!(
        r.accepted > 0 && (r.rejected > 0 || name == "export"),
        "{name}: {r:?}"
    );
}

#[test]
fn fuzz_loader() {
    run("loader", 1);
}

#[test]
fn fuzz_query_parser() {
    run("query", 2);
}

#[test]
fn fuzz_exporters() {
    run("export", 3);
}
