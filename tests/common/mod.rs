//! Shared test support: a small fixture database in a fresh directory, and running the binary.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const ACTORS: &str = r#"[
    (
        id: "iran",
        name: "Iran",
        kind: state,
    ),
    (
        id: "turkey",
        name: "Turkey",
        kind: state,
        aliases: [
            "Türkiye",
        ],
    ),
    (
        id: "united_states",
        name: "United States",
        kind: state,
        aliases: [
            "US",
        ],
    ),
    (
        id: "hakan_fidan",
        name: "Hakan Fidan",
        kind: person,
        acts_for: "turkey",
    ),
]
"#;

pub const DOCUMENTS: &str = r#"[
    (
        id: "doc",
        file: "seeds/doc.txt",
        title: "A test document",
        date: "2024-04",
        genre: news,
    ),
]
"#;

pub const CLAIMS: &str = r#"(
    document: "doc",
    claims: [
        (
            from: "iran",
            to: "turkey",
            kind: cooperation,
            action: CONSULT,
            mutual: false,
            date: "2024-04",
            certainty: reported,
            quote: "Iran informed Turkey in advance",
        ),
        (
            from: "turkey",
            kind: mediation,
            between: ("united_states", "iran"),
            action: MEDIATE,
            mutual: false,
            date: "2024-04",
            certainty: reported,
            quote: "The US conveyed to Iran through Turkey that any response must be \"within certain limits.\"",
        ),
        (
            from: "hakan_fidan",
            to: "united_states",
            kind: cooperation,
            action: CONSULT,
            mutual: true,
            date: "2024-04-10",
            certainty: stated,
            quote: "Hakan Fidan spoke to Antony Blinken",
        ),
    ],
)
"#;

pub const DOC_TEXT: &str = "Iran informed Turkey in advance. The US conveyed to Iran through Turkey that any\nresponse must be “within certain limits.” Hakan Fidan spoke to Antony Blinken – twice.\n";

/// A fixture database in its own directory, removed when dropped.
pub struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dyad-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let fx = Fixture { dir };
        fx.write("actors.ron", ACTORS);
        fx.write("documents.ron", DOCUMENTS);
        fx.write("claims/doc.ron", CLAIMS);
        fx.write("seeds/doc.txt", DOC_TEXT);
        fx
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap()
    }

    /// Replaces the first occurrence of `old` in a file; panics if it is absent, so a fixture edit
    /// can never silently do nothing.
    #[track_caller]
    pub fn edit(&self, rel: &str, old: &str, new: &str) {
        let text = self.read(rel);
        assert!(text.contains(old), "{old:?} is not in {rel}");
        self.write(rel, &text.replacen(old, new, 1));
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The shipped database directory.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Runs the `dyad` binary with `args`, feeding `stdin`.
pub fn dyad(args: &[&str], stdin: &str) -> Output {
    dyad_bytes(args, stdin.as_bytes())
}

/// Runs the `dyad` binary with `args`, feeding raw bytes (which need not be UTF-8) on stdin.
pub fn dyad_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Compares `actual` with the snapshot `tests/snapshots/<name>`. With `UPDATE_SNAPSHOTS=1` it
/// writes the snapshot instead, so a reviewer sees the change in the diff.
#[track_caller]
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "snapshot {name} differs (UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}

/// A copy of the seed database (`data/`) in a fresh directory, as `<tmp>/db`, with its
/// documents at `<tmp>/seeds`, where its `../seeds/` paths find them: a database a test may
/// change. `name` keeps tests apart.
pub fn seed_copy(name: &str) -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = std::env::temp_dir().join(format!("dyad-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&here.join("data"), &root.join("db"));
    copy_dir(&here.join("seeds"), &root.join("seeds"));
    root.join("db")
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
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
