//! dyad's fuzz targets and the mutation engine that drives them, on stable Rust.
//!
//! Three targets, each a function from bytes to an outcome that must never be a panic:
//!
//! - **loader**: a whole database (actors, documents, one claims file, one document text) held
//!   in memory, one or more of its files mutated, loaded with `dyad::load::load`; when it loads,
//!   a few queries are answered on it, so a database the loader accepts is one the rest can read.
//! - **query**: one line of the query language, mutated from the spec's examples and a grammar
//!   of options, parsed; every 64th line that parses is also answered on a small database.
//! - **export**: a small database generated from the bytes (names and quotes full of quotes,
//!   backslashes, newlines, control characters and markup), exported in every text format; the
//!   JSON must parse back and the DOT must hold no raw control character.
//!
//! The engine is a seeded mutation fuzzer (bit flips, byte and token insertions, deletions,
//! splices between inputs): without coverage feedback, so it explores less than a guided
//! fuzzer, but it needs no nightly toolchain and replays exactly from its seed. The bounded run
//! is a test (`tests/fuzz.rs`); long runs are `cargo run --release --example fuzz`.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use dyad::load::{Listing, ReadError, Role, Source};

/// A target: its name and the function that runs one input.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8], &mut Rng) -> Outcome,
}

/// What one execution did, for the statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The input was accepted (loaded, parsed, exported).
    Accepted,
    /// The input was rejected with an error, as bad input should be.
    Rejected,
}

/// Every target.
pub const TARGETS: &[Target] = &[
    Target {
        name: "loader",
        run: loader,
    },
    Target {
        name: "query",
        run: query,
    },
    Target {
        name: "export",
        run: export,
    },
];

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    pub execs: u64,
    pub accepted: u64,
    pub rejected: u64,
    /// Inputs that panicked, with the panic message (empty when all is well).
    pub panics: Vec<(Vec<u8>, String)>,
    /// The slowest single execution.
    pub slowest: Duration,
    pub elapsed: Duration,
}

/// Runs `target` on `execs` mutated inputs from `seed`.
pub fn fuzz(target: &Target, execs: u64, seed: u64) -> Report {
    let mut rng = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
    let corpus = seeds(target.name);
    let mut report = Report::default();
    let started = Instant::now();
    // Panics are expected to be caught, not printed: keep the output readable.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for _ in 0..execs {
        let base = &corpus[rng.below(corpus.len())];
        let other = &corpus[rng.below(corpus.len())];
        let input = mutate(base, other, &mut rng);
        let mut inner = Rng::new(rng.next_u64());
        let t = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| (target.run)(&input, &mut inner)));
        report.slowest = report.slowest.max(t.elapsed());
        report.execs += 1;
        match result {
            Ok(Outcome::Accepted) => report.accepted += 1,
            Ok(Outcome::Rejected) => report.rejected += 1,
            Err(p) => {
                let msg = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                if report.panics.len() < 10 {
                    report.panics.push((input, msg));
                }
            }
        }
    }
    std::panic::set_hook(hook);
    report.elapsed = started.elapsed();
    report
}

/// The library's seeded generator: a run replays from its seed.
pub use dyad::rng::Rng;

/// Fragments that matter to RON, the query language and the writers' escaping.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"r#\"",
    b"\xff",
    b"\n",
    b"\r\n",
    b"Some(",
    b"/*",
    b"*/",
    b"//",
    b"\xe2\x80\x9c",
    b"\xef\xbb\xbf",
    b"#",
    b"'",
    b" via ",
    b" since ",
    b" until ",
    b" k ",
    b" depth ",
    b" certainty ",
    b" avoid ",
    b" genre ",
    b" rollup off",
    b" limit ",
    b" all",
    b" directed",
    b"2025-13",
    b"before ",
    b"after ",
    b"/",
    b"unknown",
    b"\x1b[31m",
    b"\x00",
    b"\t",
    b"=cmd|",
    b"<",
    b">",
    b"&",
    b"{",
    b"}",
    b"9999999999999999999",
];

/// One input mutated a few times, sometimes spliced with another.
pub fn mutate(base: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = base.to_vec();
    // Mostly one or two mutations, so inputs stay near the valid ones and reach deep code.
    for _ in 0..1 + rng.below(2) + rng.below(2) * rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => {
                let end = (at + rng.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 | 2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, t.iter().copied());
            }
            3 => bytes.insert(at, rng.next_u64() as u8),
            4 => {
                if at < bytes.len() {
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            5 => {
                // Splice a run of the other input in.
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(64)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                // Duplicate a run, which grows nesting and repeats records.
                let end = (at + rng.below(64)).min(bytes.len());
                let run = bytes[at..end].to_vec();
                bytes.splice(at..at, run);
            }
        }
    }
    bytes.truncate(1 << 16);
    bytes
}

/// The inputs each target starts from.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "loader" => vec![pack(&fixture_files())],
        "query" => {
            let mut v: Vec<Vec<u8>> = dyad::query::spec::QUERIES
                .iter()
                .flat_map(|q| q.examples.iter())
                .map(|e| e.as_bytes().to_vec())
                .collect();
            v.push(
                b"path Iran Turkey via conflict since 2025 until 2026-02 certainty alleged"
                    .to_vec(),
            );
            v.push(b"neighbors \"United States\" depth 3 out limit 2 avoid Iran".to_vec());
            v
        }
        _ => vec![
            b"Turkey \"quoted\" \\ back\nslash".to_vec(),
            b"<b>&amp;</b> =SUM(A1) +1 -1 @x".to_vec(),
            "Türkiye’s “red line” — \u{1b}[2J".as_bytes().to_vec(),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// The loader target

/// A small valid database: the files the loader reads, by path.
pub fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let text = "Iran informed Turkey in advance. The US conveyed to Iran through Turkey that any response must be “within certain limits.” Hakan Fidan spoke to Antony Blinken.\n";
    vec![
        (
            "actors.ron".into(),
            br#"[
    (id: "iran", name: "Iran", kind: state),
    (id: "turkey", name: "Turkey", kind: state, aliases: ["T\xc3\xbcrkiye"]),
    (id: "united_states", name: "United States", kind: state, aliases: ["US"]),
    (id: "hakan_fidan", name: "Hakan Fidan", kind: person, acts_for: "turkey"),
]"#
            .to_vec(),
        ),
        (
            "documents.ron".into(),
            br#"[(id: "doc", file: "seeds/doc.txt", title: "A document", date: "2024-04", genre: news)]"#
                .to_vec(),
        ),
        (
            "claims/doc.ron".into(),
            br#"(document: "doc", claims: [
    (from: "iran", to: "turkey", kind: cooperation, action: CONSULT, date: "2024-04", certainty: reported, quote: "Iran informed Turkey in advance"),
    (from: "turkey", kind: mediation, between: ("united_states", "iran"), action: MEDIATE, date: "before 2024-05", certainty: reported, quote: "The US conveyed to Iran through Turkey"),
    (from: "hakan_fidan", to: "united_states", kind: cooperation, action: CONSULT, mutual: true, date: "2024-04", date_from: document, certainty: stated, quote: "Hakan Fidan spoke to Antony Blinken"),
])"#
            .to_vec(),
        ),
        ("seeds/doc.txt".into(), text.as_bytes().to_vec()),
    ]
}

/// Several files as one input: each prefixed by its length, so mutations stay inside files
/// most of the time but can also cross into the next one.
fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (_, bytes) in files {
        out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

fn unpack(input: &[u8]) -> Vec<(String, Vec<u8>)> {
    let names = fixture_files();
    let mut at = 0;
    let mut out = Vec::new();
    for (name, _) in names {
        let len = input
            .get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap()) as usize);
        at += 4;
        let end = (at + len).min(input.len());
        out.push((name, input.get(at.min(end)..end).unwrap_or(&[]).to_vec()));
        at = end;
    }
    out
}

/// A database held in memory.
pub struct MemSource(pub HashMap<String, Vec<u8>>);

impl Source for MemSource {
    fn read(&self, rel: &str, _: Role) -> Result<Vec<u8>, ReadError> {
        self.0.get(rel).cloned().ok_or(ReadError::NotFound)
    }
    fn claims_files(&self) -> io::Result<Listing> {
        let mut files: Vec<String> = self
            .0
            .keys()
            .filter(|k| k.starts_with("claims/") && k.ends_with(".ron"))
            .cloned()
            .collect();
        files.sort();
        Ok(Listing {
            files,
            bad_names: Vec::new(),
        })
    }
    fn display(&self, rel: &str) -> String {
        format!("mem/{rel}")
    }
}

fn loader(input: &[u8], _: &mut Rng) -> Outcome {
    let src = MemSource(unpack(input).into_iter().collect());
    match dyad::load::load(&src) {
        Ok(db) => {
            for line in ["stats", "contested", "central", "documents"] {
                let _ = dyad::answer::run(&db, line);
            }
            if let Some(a) = db.actors.first() {
                let _ = dyad::answer::run(&db, &format!("evidence \"{}\"", a.id));
                let _ = dyad::answer::run(&db, &format!("show \"{}\"", a.id));
            }
            Outcome::Accepted
        }
        Err(e) => {
            // Every problem is located in a file the database has.
            for p in &e.problems {
                assert!(!p.file.is_empty(), "a problem without a file: {p:?}");
            }
            Outcome::Rejected
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The query target

thread_local! {
    static SMALL: dyad::Database = {
        let src = MemSource(fixture_files().into_iter().collect());
        dyad::load::load(&src).expect("the fixture loads")
    };
}

fn query(input: &[u8], rng: &mut Rng) -> Outcome {
    let line = String::from_utf8_lossy(input);
    match dyad::query::parse(&line) {
        Ok(q) => {
            if rng.below(64) == 0 {
                SMALL.with(|db| {
                    let _ = dyad::answer::answer(db, &q);
                });
            }
            Outcome::Accepted
        }
        Err(e) => {
            assert!(e.column >= 1, "columns are 1-based: {e:?}");
            Outcome::Rejected
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The export target

/// A database made from the input: actor names and quotes cut from its bytes.
fn generated(input: &[u8], rng: &mut Rng) -> Option<dyad::Database> {
    use dyad::model::{Action, ActorKind, Certainty, DateSource, Genre, RelationKind};
    use dyad::store::{self, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord, Records};
    let text = String::from_utf8_lossy(input).replace('\u{fffd}', "?");
    let pieces: Vec<&str> = text
        .split(['|', ';'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = 2 + rng.below(4);
    let name = |i: usize| -> String {
        let p = pieces.get(i % pieces.len().max(1)).copied().unwrap_or("x");
        format!("{}{i}", p.chars().take(200).collect::<String>())
    };
    let actors: Vec<ActorRecord> = (0..n)
        .map(|i| ActorRecord::new(format!("a{i}"), name(i), ActorKind::ALL[i % 7]))
        .collect();
    let mut doc = String::new();
    let mut claims = Vec::new();
    for i in 0..n * 2 {
        let (a, b) = (rng.below(n), rng.below(n));
        if a == b {
            continue;
        }
        let quote = format!("{} says {}", name(i + 3), i);
        doc.push_str(&quote);
        doc.push_str(". ");
        let action = [Action::Consult, Action::Assault, Action::Aid][rng.below(3)];
        claims.push(ClaimRecord {
            retracted: false,
            from: format!("a{a}"),
            to: Some(format!("a{b}")),
            kind: action.kind(),
            between: None,
            action,
            mutual: rng.below(2) == 0,
            date: "2025".into(),
            date_from: DateSource::Text,
            certainty: Certainty::ALL[rng.below(5)],
            quote,
            note: Some(name(i + 7)),
        });
        let _ = RelationKind::Mediation;
    }
    let records = Records {
        actors,
        documents: vec![DocumentRecord {
            id: "doc".into(),
            file: "seeds/doc.txt".into(),
            title: name(1),
            author: None,
            publisher: Some(name(2)),
            date: Some("2025".into()),
            genre: Genre::News,
            note: None,
        }],
        claims: vec![ClaimsFileRecord {
            document: "doc".into(),
            claims,
        }],
    };
    let mut files: HashMap<String, Vec<u8>> = store::save(&records)
        .into_iter()
        .map(|(p, t)| (p, t.into_bytes()))
        .collect();
    files.insert("seeds/doc.txt".into(), doc.into_bytes());
    dyad::load::load(&MemSource(files)).ok()
}

fn export(input: &[u8], rng: &mut Rng) -> Outcome {
    use dyad::export::{self, Subgraph};
    let Some(db) = generated(input, rng) else {
        return Outcome::Rejected;
    };
    let g = Subgraph::whole(&db, rng.below(2) == 0);
    let dot = export::dot(&db, &g);
    assert!(
        !dot.chars().any(|c| c.is_control() && c != '\n'),
        "raw control character in DOT"
    );
    let json = export::json(&db, &g);
    serde_json::from_str::<serde_json::Value>(&json).expect("export JSON parses");
    let gml = export::graphml(&db, &g);
    assert!(
        gml.starts_with("<?xml"),
        "GraphML starts with its declaration"
    );
    for (_, csv) in export::csv(&db, &g) {
        assert!(csv.ends_with('\n'), "CSV rows end with a newline");
    }
    Outcome::Accepted
}
