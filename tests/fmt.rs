//! `dyad fmt`: comments survive in every place people put them, formatting is idempotent, a
//! comment that cannot be kept stops the run, and a killed or starved `fmt` leaves every file
//! whole.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{dyad, Fixture};
use dyad::store::Comments;

fn fmt(dir: &Path) -> std::process::Output {
    dyad(&["fmt", "--data", dir.to_str().unwrap()], "")
}

/// The comments of a text, sorted, found by a plain scan that skips strings; extraction must
/// have found as many.
fn comment_texts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['/', '"']) {
        rest = &rest[i..];
        let end = if rest.starts_with('"') {
            let b = rest.as_bytes();
            let mut end = 1;
            while end < b.len() && b[end] != b'"' {
                end += if b[end] == b'\\' { 2 } else { 1 };
            }
            end + 1
        } else if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            end
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            out.push(rest[..end].to_string());
            end
        } else {
            1
        };
        rest = &rest[end.min(rest.len())..];
    }
    assert_eq!(Comments::extract(text).unwrap().len(), out.len(), "{text}");
    out.sort();
    out
}

/// Edits a fixture file, formats the database, and returns the file's new text after checking
/// that every comment is still there, that formatting again changes nothing, and that the
/// database still loads.
#[track_caller]
fn formatted(rel: &str, edits: &[(&str, &str)]) -> String {
    let fx = Fixture::new();
    for (old, new) in edits {
        fx.edit(rel, old, new);
    }
    let before = fx.read(rel);
    let out = fmt(fx.dir());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = fx.read(rel);
    assert_eq!(comment_texts(&after), comment_texts(&before), "{after}");
    let again = fmt(fx.dir());
    assert!(again.status.success());
    assert_eq!(fx.read(rel), after, "formatting twice changed {rel}");
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "",
        "second run wrote"
    );
    dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}\n{after}"));
    after
}

#[track_caller]
fn assert_has(text: &str, want: &str) {
    assert!(text.contains(want), "missing {want:?} in:\n{text}");
}

const FIDAN: &str = "    (\n        id: \"hakan_fidan\"";

#[test]
fn comment_before_a_record() {
    let t = formatted(
        "actors.ron",
        &[(FIDAN, &format!("    // reviewed by A. Editor\n{FIDAN}"))],
    );
    assert_has(
        &t,
        "// reviewed by A. Editor\n(\n    id: \"hakan_fidan\",\n",
    );
}

const FIDAN_RECORD: &str = "    (\n        id: \"hakan_fidan\",\n        name: \"Hakan Fidan\",\n        kind: person,\n        acts_for: \"turkey\",\n    ),\n";

#[test]
fn comment_before_a_record_moves_with_it_when_records_are_reordered() {
    let first = format!("[\n    // a person: canonical order puts people last\n{FIDAN_RECORD}");
    let t = formatted("actors.ron", &[(FIDAN_RECORD, ""), ("[\n", &first)]);
    assert_has(
        &t,
        "    ],\n),\n// a person: canonical order puts people last\n(\n    id: \"hakan_fidan\",",
    );
    assert!(t.starts_with("[\n(\n    id: \"iran\""), "{t}");
}

#[test]
fn comment_before_a_field() {
    let t = formatted(
        "claims/doc.ron",
        &[(
            "            quote: \"Iran informed",
            "            // checked against the PDF\n            quote: \"Iran informed",
        )],
    );
    assert_has(
        &t,
        "            // checked against the PDF\n            quote: \"Iran informed",
    );
}

#[test]
fn comment_before_a_field_follows_the_field_when_fields_are_reordered() {
    let t = formatted("claims/doc.ron", &[("            kind: cooperation,\n            action: CONSULT,\n            mutual: false,", "            mutual: false,\n            // the usual verb\n            action: CONSULT,\n            kind: cooperation,")]);
    assert_has(&t, "            kind: cooperation,\n            // the usual verb\n            action: CONSULT,\n            mutual: false,");
}

#[test]
fn comment_trailing_on_a_line() {
    let t = formatted(
        "claims/doc.ron",
        &[("mutual: true,", "mutual: true, // both sides confirm")],
    );
    assert_has(&t, "            mutual: true, // both sides confirm\n");
}

#[test]
fn comment_trailing_a_record_and_before_its_comma() {
    let t = formatted(
        "claims/doc.ron",
        &[(
            "quote: \"Iran informed Turkey in advance\",\n        ),",
            "quote: \"Iran informed Turkey in advance\" /* verbatim */\n        ), // first claim",
        )],
    );
    assert_has(
        &t,
        "quote: \"Iran informed Turkey in advance\", /* verbatim */\n        ), // first claim\n",
    );
}

#[test]
fn block_comment_on_lines_of_its_own() {
    let block = "/* keep states first;\n       people go last */";
    let t = formatted("actors.ron", &[("[\n", &format!("[\n    {block}\n"))]);
    assert_has(&t, &format!("[\n{block}\n(\n    id: \"iran\","));
}

#[test]
fn block_comment_between_fields_on_one_line() {
    let line = "    ),\n    (id: \"extra\", /* spelled as in the source */ name: \"Extra\", kind: state),\n]";
    let t = formatted("actors.ron", &[("    ),\n]", line)]);
    assert_has(
        &t,
        "(\n    id: \"extra\",\n    /* spelled as in the source */\n    name: \"Extra\",\n",
    );
}

#[test]
fn comment_on_the_line_of_an_opening_bracket() {
    let t = formatted(
        "claims/doc.ron",
        &[("claims: [", "claims: [ // in the order of the text")],
    );
    assert_has(&t, "    claims: [ // in the order of the text\n        (\n");
}

#[test]
fn comment_before_the_closing_bracket() {
    let t = formatted(
        "claims/doc.ron",
        &[(
            "        ),\n    ],",
            "        ),\n        // TODO: the second paragraph\n    ],",
        )],
    );
    assert_has(
        &t,
        "        ),\n        // TODO: the second paragraph\n    ],\n)\n",
    );
    let t = formatted(
        "actors.ron",
        &[("    ),\n]", "    ),\n    // more actors to come\n]")],
    );
    assert_has(&t, "),\n// more actors to come\n]\n");
}

#[test]
fn comment_before_a_record_closes() {
    let t = formatted("claims/doc.ron", &[("            quote: \"Hakan Fidan spoke to Antony Blinken\",\n", "            quote: \"Hakan Fidan spoke to Antony Blinken\",\n            // no note yet\n")]);
    assert_has(&t, "            quote: \"Hakan Fidan spoke to Antony Blinken\",\n            // no note yet\n        ),\n");
}

#[test]
fn comments_at_the_start_and_end_of_a_file() {
    let t = formatted(
        "claims/doc.ron",
        &[
            ("(\n    document", "// reviewed 2024-05\n(\n    document"),
            (
                "    ],\n)\n",
                "    ],\n) // the end\n// nothing after this\n",
            ),
        ],
    );
    assert!(
        t.starts_with("// reviewed 2024-05\n(\n    document: \"doc\",\n"),
        "{t}"
    );
    assert!(
        t.ends_with("    ],\n) // the end\n// nothing after this\n"),
        "{t}"
    );
}

#[test]
fn comment_of_a_field_fmt_leaves_out_stays_in_its_record() {
    let t = formatted(
        "claims/doc.ron",
        &[(
            "            certainty: stated,",
            "            date_from: text, // as printed\n            certainty: stated,",
        )],
    );
    assert_has(&t, "            date: \"2024-04-10\",\n            // as printed\n            certainty: stated,");
}

#[test]
fn comment_markers_inside_a_string_are_not_comments() {
    let t = formatted("claims/doc.ron", &[("            quote: \"Iran informed", "            note: \"see http://example.org /* sic */\",\n            quote: \"Iran informed")]);
    assert_has(
        &t,
        "            note: \"see http://example.org /* sic */\",\n",
    );
    assert!(Comments::extract(&t).unwrap().is_empty());
}

#[test]
fn double_slash_inside_a_quote_is_not_a_comment() {
    let fx = Fixture::new();
    fx.edit(
        "seeds/doc.txt",
        "twice.",
        "twice. Source: https://example.org/a//b.",
    );
    fx.edit(
        "claims/doc.ron",
        "\"Hakan Fidan spoke to Antony Blinken\"",
        "\"Source: https://example.org/a//b.\"",
    );
    fx.edit("claims/doc.ron", "    ],\n)\n", "    ],\n) // end\n");
    assert!(fmt(fx.dir()).status.success());
    let t = fx.read("claims/doc.ron");
    assert_has(
        &t,
        "            quote: \"Source: https://example.org/a//b.\",\n",
    );
    assert!(t.ends_with(") // end\n"), "{t}");
    assert_eq!(Comments::extract(&t).unwrap().len(), 1);
}

#[test]
fn comments_everywhere_at_once_format_idempotently() {
    let messy = "// head\n[ /* open */\n  // lead iran\n  (id: \"iran\", name: \"Iran\", // trailing name\n   kind: state),\n  ( // hakan\n    id: \"hakan_fidan\", name: \"Hakan Fidan\", kind: person, /* why */ acts_for: \"turkey\",\n    // close hakan\n  ), // after hakan\n  (id: \"turkey\", name: \"Turkey\", kind: state, aliases: [\"Türkiye\"]),\n  (id: \"united_states\", name: \"United States\", kind: state, aliases: [\"US\"], description: \"a /* string */\"),\n  // close\n] // tail\n/* end */\n";
    let t = formatted("actors.ron", &[(common::ACTORS, messy)]);
    assert!(t.starts_with("// head\n[ /* open */\n// lead iran\n(\n    id: \"iran\",\n    name: \"Iran\", // trailing name\n"), "{t}");
    assert!(t.ends_with("// close\n] // tail\n/* end */\n"), "{t}");
}

#[test]
fn files_without_comments_format_as_before() {
    // The shipped database is canonical and has no comments: fmt --check finds nothing to do.
    let out = dyad(
        &[
            "fmt",
            "--check",
            "--data",
            common::data_dir().to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_comment_inside_a_value_stops_fmt_and_names_its_line() {
    let fx = Fixture::new();
    fx.edit(
        "actors.ron",
        "            \"Türkiye\",",
        "            \"Türkiye\", // the Turkish spelling",
    );
    let before: Vec<String> = ["actors.ron", "documents.ron", "claims/doc.ron"]
        .iter()
        .map(|rel| fx.read(rel))
        .collect();
    let out = fmt(fx.dir());
    assert_eq!(out.status.code(), Some(2));
    let dir = fx.dir().display();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: cannot format {dir} without losing comments, so nothing was written:\n\
             {dir}/actors.ron:12:24: a comment inside the value of `aliases` cannot be kept \
             where it is; move it onto its own line above `aliases:`\n"
        )
    );
    for (rel, text) in ["actors.ron", "documents.ron", "claims/doc.ron"]
        .iter()
        .zip(before)
    {
        assert_eq!(fx.read(rel), text, "{rel} was written");
    }
    let check = dyad(
        &["fmt", "--check", "--data", fx.dir().to_str().unwrap()],
        "",
    );
    assert_eq!(check.status.code(), Some(2));
}

// ---- The kill test: `fmt` is replaced file by file, never truncated in place. ----

/// The RON files of a database directory, by relative path.
fn ron_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for rel in ["actors.ron", "documents.ron"] {
        out.insert(rel.to_string(), std::fs::read(dir.join(rel)).unwrap());
    }
    for entry in std::fs::read_dir(dir.join("claims")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".ron") {
            let rel = format!("claims/{name}");
            out.insert(rel.clone(), std::fs::read(dir.join(&rel)).unwrap());
        }
    }
    out
}

/// Temporary files left beside the database's files by a write that was cut short.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    [dir.to_path_buf(), dir.join("claims")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".dyad-tmp."))
        .collect()
}

fn write_files(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in files {
        std::fs::write(dir.join(rel), bytes).unwrap();
    }
}

/// Each file is the original or the formatted text, never anything between; returns how many
/// are formatted.
#[track_caller]
fn whole(
    dir: &Path,
    original: &BTreeMap<String, Vec<u8>>,
    formatted: &BTreeMap<String, Vec<u8>>,
) -> usize {
    let now = ron_files(dir);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        original.keys().collect::<Vec<_>>()
    );
    let mut done = 0;
    for (rel, bytes) in &now {
        if *bytes == formatted[rel] {
            done += 1;
        } else {
            assert!(
                *bytes == original[rel],
                "{rel} is neither the original nor the formatted text ({} bytes; original {}, formatted {})",
                bytes.len(),
                original[rel].len(),
                formatted[rel].len()
            );
        }
    }
    done
}

#[track_caller]
fn check_passes(dir: &Path) {
    let out = dyad(&["check", "--data", dir.to_str().unwrap()], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A synthetic database (one large claims file) whose every RON file `fmt` must rewrite: its
/// indentation is halved, and it carries comments that must be carried over.
fn messy_database(dir: &Path) {
    let out = dyad(
        &[
            "synth",
            "--actors",
            "1500",
            "--claims",
            "15000",
            "--per-document",
            "15000",
            "-o",
            dir.to_str().unwrap(),
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(dir.join("edges.tsv")).unwrap();
    for (rel, bytes) in ron_files(dir) {
        let text = String::from_utf8(bytes).unwrap();
        let mut lines: Vec<String> = text.lines().map(|l| l.replacen("    ", "  ", 1)).collect();
        let first = 1 + lines[1..].iter().position(|l| l.trim() == "(").unwrap();
        lines.insert(first, "// the first record".to_string());
        let text = format!(
            "// {rel}: messed up by the kill test\n{}\n",
            lines.join("\n")
        );
        std::fs::write(dir.join(rel), text).unwrap();
    }
}

fn spawn_fmt(dir: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["fmt", "--data", dir.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// When to kill `fmt`: after a delay, or as soon as a temporary file for `target` appears
/// (plus a delay, to cut the write short).
#[derive(Debug, Clone, Copy)]
enum KillAt {
    After(Duration),
    TempOf(&'static str, Duration),
}

#[test]
fn fmt_killed_at_any_moment_leaves_every_file_whole() {
    let started = Instant::now();
    let root = scratch("kill");
    let db = root.join("db");
    messy_database(&db);
    let original = ron_files(&db);
    check_passes(&db);

    // The formatted bytes, from a run left to finish on a copy.
    let done = root.join("done");
    std::fs::create_dir_all(done.join("claims")).unwrap();
    std::fs::create_dir_all(done.join("seeds")).unwrap();
    for entry in std::fs::read_dir(db.join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, done.join("seeds").join(p.file_name().unwrap())).unwrap();
    }
    write_files(&done, &original);
    let t0 = Instant::now();
    assert!(fmt(&done).status.success());
    let full = t0.elapsed();
    let formatted = ron_files(&done);
    check_passes(&done);
    for (rel, text) in &formatted {
        assert_ne!(text, &original[rel], "{rel} needs formatting");
        let text = std::str::from_utf8(text).unwrap();
        assert!(text.starts_with(&format!("// {rel}: messed up by the kill test\n")));
        assert_eq!(Comments::extract(text).unwrap().len(), 2, "{rel}");
    }

    let ms = Duration::from_millis;
    let points = [
        KillAt::After(ms(5)),
        KillAt::After(ms(50)),
        KillAt::After(ms(200)),
        KillAt::After(full / 2),
        KillAt::TempOf("actors.ron", ms(0)),
        KillAt::TempOf("d00000.ron", ms(0)),
        KillAt::TempOf("d00000.ron", ms(3)),
    ];
    let mut report = Vec::new();
    for point in points {
        write_files(&db, &original);
        for t in temp_files(&db) {
            std::fs::remove_file(t).unwrap();
        }
        let mut child = spawn_fmt(&db);
        let t = Instant::now();
        match point {
            KillAt::After(d) => std::thread::sleep(d),
            KillAt::TempOf(name, d) => {
                let needle = format!(".{name}.dyad-tmp.");
                while !temp_files(&db)
                    .iter()
                    .any(|p| p.to_string_lossy().contains(&needle))
                {
                    if child.try_wait().unwrap().is_some() || t.elapsed() > full * 10 {
                        break;
                    }
                }
                std::thread::sleep(d);
            }
        }
        let exited = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        let at = t.elapsed();
        let n = whole(&db, &original, &formatted);
        let strays = temp_files(&db).len();
        check_passes(&db);
        report.push(format!(
            "{point:?}: killed at {at:?}{}, {n}/{} files formatted, {strays} temporary file(s) left",
            if exited { " (had already exited)" } else { "" },
            original.len()
        ));
    }
    eprintln!(
        "fmt of {} bytes takes {full:?} in full; kills:\n  {}\n(total {:?})",
        original.values().map(Vec::len).sum::<usize>(),
        report.join("\n  "),
        started.elapsed()
    );
    full_disk(&root, &original, &formatted);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Unmounts a scratch file system when dropped, even if the test fails.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// `fmt` on a disk too small for the formatted files fails with a clear error and leaves the
/// originals as they were. Needs permission to mount a tmpfs; skipped with a note otherwise.
fn full_disk(
    root: &Path,
    original: &BTreeMap<String, Vec<u8>>,
    formatted: &BTreeMap<String, Vec<u8>>,
) {
    let mnt = root.join("small");
    std::fs::create_dir_all(&mnt).unwrap();
    // Room for the originals (each file takes whole pages) and the seed text, and little more.
    let seeds: Vec<PathBuf> = std::fs::read_dir(root.join("db/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let pages = |n: u64| n.div_ceil(4096) * 4096;
    let used: u64 = original
        .values()
        .map(|b| pages(b.len() as u64))
        .sum::<u64>()
        + seeds
            .iter()
            .map(|p| pages(std::fs::metadata(p).unwrap().len()))
            .sum::<u64>();
    let size_kb = (used + 64 * 1024) / 1024;
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size_kb}k"), "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("note: cannot mount a tmpfs here (not permitted); the full-disk case is skipped");
        return;
    }
    let _guard = Mounted(mnt.clone());
    std::fs::create_dir_all(mnt.join("claims")).unwrap();
    std::fs::create_dir_all(mnt.join("seeds")).unwrap();
    for p in &seeds {
        std::fs::copy(p, mnt.join("seeds").join(p.file_name().unwrap())).unwrap();
    }
    write_files(&mnt, original);
    let out = fmt(&mnt);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot format {}: ", mnt.display()))
            && stderr.contains("No space left on device"),
        "{stderr}"
    );
    let n = whole(&mnt, original, formatted);
    assert!(temp_files(&mnt).is_empty(), "a temporary file was left");
    check_passes(&mnt);
    eprintln!(
        "full disk ({size_kb} KiB tmpfs): fmt failed with {:?}; {n}/{} files formatted, the rest intact",
        stderr.trim_end(),
        original.len()
    );
}

// ---- Comments inserted anywhere: kept, or refused; never lost. ----

/// A small deterministic generator, so the test replays exactly.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Byte offsets between tokens of `text` (after a bracket, comma, colon or line break, or
/// before a closing bracket), outside strings.
fn gaps(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'(' | b'[' | b',' | b':' | b'\n' if !in_string => out.push(i + 1),
            b')' | b']' if !in_string => out.push(i),
            _ => {}
        }
        i += 1;
    }
    out
}

/// One file's records written back with their comments, checked: the comments are all there,
/// the records are the same, and writing the result again changes nothing.
fn kept<T>(text: &str, rel: &str, records: impl Fn(T) -> dyad::store::Records) -> bool
where
    T: for<'de> serde::Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let value: T = dyad::store::parse(text).unwrap();
    let Ok(comments) = Comments::extract(text) else {
        return false;
    };
    let write = |value: T, comments: Comments| {
        let files = dyad::store::CommentsByFile::from([(rel.to_string(), comments)]);
        let saved = dyad::store::save_with_comments(&records(value), &files);
        saved.into_iter().find(|(p, _)| p == rel).unwrap().1
    };
    let out = write(value, comments);
    assert_eq!(
        comment_texts(&out),
        comment_texts(text),
        "{text}\n---\n{out}"
    );
    let back: T = dyad::store::parse(&out).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
    assert_eq!(back, dyad::store::parse::<T>(text).unwrap());
    let again = write(back, Comments::extract(&out).unwrap());
    assert_eq!(again, out, "not idempotent:\n{text}\n---\n{out}");
    true
}

#[test]
fn comments_inserted_anywhere_are_kept_or_refused_never_lost() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut ok, mut refused) = (0, 0);
    for round in 0..400 {
        let (base, rel) = if round % 2 == 0 {
            (common::ACTORS, "actors.ron")
        } else {
            (common::CLAIMS, "claims/doc.ron")
        };
        let mut text = base.to_string();
        for k in 0..1 + rng.below(4) {
            let at = gaps(&text)[rng.below(gaps(&text).len())];
            let comment = match rng.below(3) {
                0 => format!("// c{round}.{k}\n"),
                1 => format!("/* c{round}.{k} */"),
                _ => format!(" /* c{round}\n.{k} */ "),
            };
            text.insert_str(at, &comment);
        }
        let kept = if rel == "actors.ron" {
            kept(&text, rel, |actors| dyad::store::Records {
                actors,
                ..Default::default()
            })
        } else {
            kept(&text, rel, |file| dyad::store::Records {
                claims: vec![file],
                ..Default::default()
            })
        };
        if kept {
            ok += 1;
        } else {
            refused += 1;
        }
    }
    assert!(ok > 100 && refused > 20, "{ok} kept, {refused} refused");
}
