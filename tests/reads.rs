//! Bounded, regular reads: whatever a database names — a FIFO, a device, a directory, a huge
//! file, a path out of the root — dyad answers at once with a located error naming the file
//! and what it is. Every run has a deadline, so a hang fails the test instead of blocking the
//! suite (the deadline is generous for a loaded machine; the runs take milliseconds).

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;
use dyad::snapshot::FILE_NAME;

const DEADLINE: Duration = Duration::from_secs(10);

/// Runs the binary with `args` and no stdin; kills it and fails if it outlives the deadline.
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dyad {args:?} did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    }
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// `dyad check` and a query on the fixture, each of which must fail with exit status 2 and
/// report `expected` (a fragment of the located message); returns the check's report.
#[track_caller]
fn refused(fx: &Fixture, extra: &[&str], expected: &str) -> String {
    let data = fx.dir().to_str().unwrap();
    let mut args = vec!["check", "--data", data];
    args.extend_from_slice(extra);
    let check = run(&args);
    let report = String::from_utf8_lossy(&check.stdout).into_owned();
    assert_eq!(check.status.code(), Some(2), "{report}");
    assert!(
        report.contains(expected),
        "expected {expected:?} in:\n{report}"
    );
    let mut args = vec!["--data", data, "-c", "stats"];
    args.extend_from_slice(extra);
    let query = run(&args);
    let stderr = String::from_utf8_lossy(&query.stderr);
    assert_eq!(query.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in:\n{stderr}"
    );
    report
}

/// Points the fixture's one document at `file`.
fn document_at(fx: &Fixture, file: &str) {
    fx.edit("documents.ron", "\"seeds/doc.txt\"", &format!("{file:?}"));
}

#[test]
fn a_fifo_as_a_document_is_refused_without_blocking() {
    let fx = Fixture::new();
    mkfifo(&fx.dir().join("seeds/pipe.txt"));
    document_at(&fx, "seeds/pipe.txt");
    refused(
        &fx,
        &[],
        "documents.ron:4:15: error[not-a-file]: cannot read document file 'seeds/pipe.txt'",
    );
    refused(&fx, &[], "it is a FIFO (named pipe), not a regular file");
}

#[test]
fn a_fifo_as_a_database_file_is_refused_without_blocking() {
    for rel in ["actors.ron", "documents.ron", "claims/doc.ron"] {
        let fx = Fixture::new();
        std::fs::remove_file(fx.dir().join(rel)).unwrap();
        mkfifo(&fx.dir().join(rel));
        refused(
            &fx,
            &[],
            &format!("{rel}: error[not-a-file]: it is a FIFO (named pipe), not a regular file"),
        );
    }
}

#[test]
fn a_fifo_as_the_snapshot_is_ignored_without_blocking() {
    let fx = Fixture::new();
    mkfifo(&fx.dir().join(FILE_NAME));
    let out = run(&["--data", fx.dir().to_str().unwrap(), "-c", "stats"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn dev_zero_and_dev_urandom_as_documents_are_refused() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let fx = Fixture::new();
        document_at(&fx, device);
        // Outside the root, so refused before its type is even looked at …
        refused(&fx, &[], "documents.ron:4:15: error[outside-root]");
        // … and with the root lifted, refused for what it is.
        refused(
            &fx,
            &["--allow-outside"],
            "it is a character device, not a regular file",
        );
    }
}

#[test]
fn a_symlink_to_a_device_inside_the_root_is_refused() {
    let fx = Fixture::new();
    std::os::unix::fs::symlink("/dev/zero", fx.dir().join("seeds/zero.txt")).unwrap();
    document_at(&fx, "seeds/zero.txt");
    refused(
        &fx,
        &[],
        "it resolves to /dev/zero, outside the database's root",
    );
}

#[test]
fn a_directory_as_a_document_is_refused() {
    let fx = Fixture::new();
    document_at(&fx, "seeds");
    refused(
        &fx,
        &[],
        "documents.ron:4:15: error[not-a-file]: cannot read document file 'seeds'",
    );
    refused(&fx, &[], "it is a directory, not a regular file");
}

#[test]
fn an_oversized_document_is_refused_naming_the_limit() {
    let fx = Fixture::new();
    // A sparse file larger than the default limit: refused from its size, never read.
    let big = std::fs::File::create(fx.dir().join("seeds/big.txt")).unwrap();
    big.set_len(300 << 20).unwrap();
    document_at(&fx, "seeds/big.txt");
    let report = refused(
        &fx,
        &[],
        "documents.ron:4:15: error[too-large]: cannot read document file 'seeds/big.txt'",
    );
    assert!(
        report.contains("the file is 300 MiB, larger than the limit of 256 MiB"),
        "{report}"
    );
    assert!(report.contains("--max-file-size"), "{report}");
}

#[test]
fn the_size_limit_applies_to_database_files_and_can_be_raised() {
    let fx = Fixture::new();
    let size = std::fs::metadata(fx.dir().join("actors.ron"))
        .unwrap()
        .len();
    assert!(
        size > 300 && size < 1024,
        "the fixture's actors.ron is {size} bytes"
    );
    refused(
        &fx,
        &["--max-file-size", "300"],
        "actors.ron: error[too-large]: the file is",
    );
    refused(&fx, &["--max-file-size", "300"], "limit of 300 bytes");
    let ok = run(&[
        "check",
        "--data",
        fx.dir().to_str().unwrap(),
        "--max-file-size",
        "1K",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{ok:?}");
}

#[test]
fn a_document_out_of_the_root_is_refused_unless_allowed() {
    let fx = Fixture::new();
    document_at(&fx, "../../../../../../../../etc/passwd");
    refused(
        &fx,
        &[],
        "documents.ron:4:15: error[outside-root]: cannot read document file '../../../../../../../../etc/passwd'",
    );
    refused(
        &fx,
        &[],
        "it resolves to /etc/passwd, outside the database's root",
    );
    // Allowed explicitly, the file is read (and the quotes are, of course, not in it).
    let data = fx.dir().to_str().unwrap();
    let out = run(&["check", "--data", data, "--allow-outside"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("error[quote-not-found]"), "{report}");
    assert!(!report.contains("outside-root"), "{report}");
}

#[test]
fn the_readme_layout_with_documents_beside_the_database_is_inside_the_root() {
    // `project/data/documents.ron` naming `../seeds/…`: the project directory is the root.
    let fx = Fixture::new();
    let project = fx.dir().join("project");
    let data = project.join("data");
    for rel in [
        "actors.ron",
        "documents.ron",
        "claims/doc.ron",
        "seeds/doc.txt",
    ] {
        let to = if rel.starts_with("seeds/") {
            project.join(rel)
        } else {
            data.join(rel)
        };
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(fx.dir().join(rel), to).unwrap();
    }
    let documents = data.join("documents.ron");
    let docs = std::fs::read_to_string(&documents).unwrap();
    std::fs::write(
        &documents,
        docs.replace("seeds/doc.txt", "../seeds/doc.txt"),
    )
    .unwrap();
    let out = run(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // One level further up, beside the project, is outside.
    std::fs::write(fx.dir().join("above.txt"), common::DOC_TEXT).unwrap();
    let docs = std::fs::read_to_string(&documents).unwrap();
    std::fs::write(
        &documents,
        docs.replace("../seeds/doc.txt", "../../above.txt"),
    )
    .unwrap();
    let out = run(&["check", "--data", data.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("error[outside-root]"), "{report}");
    assert!(
        report.contains(&format!(
            "outside the database's root {}",
            project.display()
        )),
        "{report}"
    );
}
