//! Exports never destroy the file they replace: `dyad export … -o FILE` killed with SIGKILL at
//! any moment, or stopped by a full disk, leaves the old file byte for byte (or, killed after
//! it finished, the complete new one), never a partial file.
//!
//! The kills run the real binary over a generated database large enough that every exporter
//! spends a while writing, and each format is killed at several moments: while the database
//! loads, while the export is formatted or rendered, and the instant its temporary file appears
//! beside the target, which is mid-write by construction. The full-disk test mounts a small
//! tmpfs, which needs root; without it, it prints a note and passes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("dyad-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dyad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
    c.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Runs `dyad` to the end and returns its standard error, asserting it succeeded.
#[track_caller]
fn run_ok(args: &[&str]) -> Duration {
    let started = Instant::now();
    let o = dyad().args(args).output().unwrap();
    assert!(
        o.status.success(),
        "dyad {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    started.elapsed()
}

/// One export to kill: its arguments and the files it replaces.
struct Case {
    what: &'static str,
    args: Vec<String>,
    targets: Vec<PathBuf>,
}

/// When to kill.
#[derive(Clone, Copy, Debug)]
enum Moment {
    /// This long after the start.
    After(Duration),
    /// As soon as a temporary file appears beside a target: in the middle of writing it.
    MidWrite,
}

/// The temporary files the atomic writer leaves beside `target` when killed.
fn temporaries(target: &Path) -> Vec<PathBuf> {
    let dir = target.parent().unwrap();
    let prefix = format!(
        ".{}.dyad-tmp.",
        target.file_name().unwrap().to_string_lossy()
    );
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Starts the export and kills it at `moment`. Returns whether it was killed while running
/// (rather than having finished first) and, for a mid-write kill, whether a temporary file was
/// there when the signal was sent.
fn kill_at(case: &Case, moment: Moment) -> (bool, bool) {
    let mut child: Child = dyad().args(&case.args).spawn().unwrap();
    let started = Instant::now();
    let mut saw_temporary = false;
    loop {
        if child.try_wait().unwrap().is_some() {
            return (false, false);
        }
        let now = match moment {
            Moment::After(d) => started.elapsed() >= d,
            Moment::MidWrite => {
                saw_temporary = case.targets.iter().any(|t| !temporaries(t).is_empty());
                saw_temporary
            }
        };
        if now {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} never reached {moment:?}",
            case.what
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    // `Child::kill` sends SIGKILL on Unix: no handler, no clean-up, as with `kill -9`.
    let killed = child.kill().is_ok();
    let status = child.wait().unwrap();
    (killed && !status.success(), saw_temporary)
}

#[test]
fn every_exporter_killed_at_any_moment_leaves_the_file_it_replaces_intact() {
    let scratch = Scratch::new("export-kill");
    let db = scratch.0.join("db");
    let out = scratch.0.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let db_arg = db.to_str().unwrap().to_string();
    // Large enough that JSON is ~8 MB and every export takes a good part of a second.
    run_ok(&[
        "synth", "--actors", "1500", "--claims", "12000", "-o", &db_arg,
    ]);

    let file = |name: &str| out.join(name);
    let export = |format: &str, extra: &[&str], target: &Path| -> Vec<String> {
        let mut args = vec!["--data".to_string(), db_arg.clone(), "export".into()];
        args.push(format.into());
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(["-o".into(), target.to_str().unwrap().to_string()]);
        args
    };
    let csv_dir = file("csv");
    let cases = vec![
        Case {
            what: "dot",
            args: export("dot", &[], &file("g.dot")),
            targets: vec![file("g.dot")],
        },
        Case {
            what: "json",
            args: export("json", &[], &file("g.json")),
            targets: vec![file("g.json")],
        },
        Case {
            what: "graphml",
            args: export("graphml", &[], &file("g.graphml")),
            targets: vec![file("g.graphml")],
        },
        Case {
            what: "csv",
            args: export("csv", &[], &csv_dir),
            targets: ["actors.csv", "relations.csv", "claims.csv"]
                .iter()
                .map(|n| csv_dir.join(n))
                .collect(),
        },
        Case {
            what: "svg (rendered by dot)",
            args: export("dot", &["-c", "neighbors x3"], &file("n.svg")),
            targets: vec![file("n.svg")],
        },
    ];

    let mut report = Vec::new();
    for case in &cases {
        // The complete export, to compare with; the first run also builds the snapshot.
        let took = run_ok(&case.args.iter().map(String::as_str).collect::<Vec<_>>());
        let complete: Vec<Vec<u8>> = case
            .targets
            .iter()
            .map(|t| std::fs::read(t).unwrap())
            .collect();
        let moments = [
            Moment::After(took / 5),
            Moment::After(took / 2),
            Moment::After(took * 4 / 5),
            Moment::MidWrite,
            Moment::MidWrite,
        ];
        let mut intact_mid_write = 0;
        for (round, &moment) in moments.iter().enumerate() {
            let original: Vec<String> = case
                .targets
                .iter()
                .map(|t| format!("the {} file before round {round}\n", t.display()))
                .collect();
            for (t, text) in case.targets.iter().zip(&original) {
                std::fs::create_dir_all(t.parent().unwrap()).unwrap();
                std::fs::write(t, text).unwrap();
            }
            let (killed, mid_write) = kill_at(case, moment);
            for ((t, before), after) in case.targets.iter().zip(&original).zip(&complete) {
                let now = std::fs::read(t).unwrap_or_else(|e| {
                    panic!("{}: {} is gone after a kill: {e}", case.what, t.display())
                });
                assert!(
                    now == before.as_bytes() || now == *after,
                    "{} killed at {moment:?}: {} is neither the old file nor the new one \
                     ({} bytes; old {}, new {})",
                    case.what,
                    t.display(),
                    now.len(),
                    before.len(),
                    after.len()
                );
                if killed && mid_write && now == before.as_bytes() {
                    intact_mid_write += 1;
                }
                // A kill leaves at most a temporary file of its own beside the target.
                for temp in temporaries(t) {
                    std::fs::remove_file(temp).unwrap();
                }
            }
            report.push(format!(
                "{} at {moment:?}: {}",
                case.what,
                if killed { "killed" } else { "had finished" }
            ));
        }
        assert!(
            intact_mid_write > 0,
            "{}: no kill landed while its temporary file was being written ({report:?})",
            case.what
        );
        // Whatever the kills left behind, the next export writes the complete file.
        run_ok(&case.args.iter().map(String::as_str).collect::<Vec<_>>());
        for (t, after) in case.targets.iter().zip(&complete) {
            assert_eq!(std::fs::read(t).unwrap(), *after, "{}", t.display());
        }
    }
    println!("{}", report.join("\n"));
}

/// A small tmpfs mounted for one test, unmounted when dropped.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    /// Mounts a tmpfs of `size` at `dir`, or `None` where this machine does not allow it.
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk {
            dir: dir.to_path_buf(),
        })
    }

    /// Fills the disk, then frees `room` bytes, so the next large write fails part way.
    fn fill_leaving(&self, room: u64) {
        use std::io::Write;
        let filler = self.dir.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![b'x'; 4096];
        while f.write_all(&chunk).is_ok() {}
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(room)).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn an_export_onto_a_full_disk_fails_naming_its_file_and_leaves_the_old_one() {
    let scratch = Scratch::new("export-full-disk");
    let Some(disk) = SmallDisk::mount(&scratch.0.join("disk"), "2m") else {
        println!("note: cannot mount a small tmpfs here (needs root); full-disk test skipped");
        return;
    };
    let file = |name: &str| disk.dir.join(name);
    let csv_dir = file("csv");
    std::fs::create_dir_all(&csv_dir).unwrap();
    let mut targets: Vec<(Vec<&str>, PathBuf)> = ["g.dot", "g.svg", "g.json", "g.graphml"]
        .into_iter()
        .map(|n| (vec!["export", "dot"], file(n)))
        .collect();
    targets[2].0[1] = "json";
    targets[3].0[1] = "graphml";
    let csv_files: Vec<PathBuf> = ["actors.csv", "relations.csv", "claims.csv"]
        .iter()
        .map(|n| csv_dir.join(n))
        .collect();
    let mut originals = Vec::new();
    for t in targets.iter().map(|(_, t)| t).chain(&csv_files) {
        let text = format!("the old {}\n", t.display());
        std::fs::write(t, &text).unwrap();
        originals.push((t.clone(), text));
    }
    // Room for a few small writes but none of the exports of the seed database (60 KB and up).
    disk.fill_leaving(16 * 1024);

    let mut runs: Vec<(Vec<&str>, PathBuf)> = targets.clone();
    runs.push((vec!["export", "csv", "--rollup", "off"], csv_dir.clone()));
    for (args, target) in &runs {
        let o = dyad().args(args).arg("-o").arg(target).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("No space left on device") && err.contains("cannot write "),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&target.display().to_string()),
            "the error names the file: {err}"
        );
    }
    for (t, text) in &originals {
        let now = std::fs::read_to_string(t).unwrap();
        assert!(
            now == *text || t.starts_with(&csv_dir),
            "{} was changed by a failed export: {} bytes",
            t.display(),
            now.len()
        );
        assert!(
            temporaries(t).is_empty(),
            "a temporary file was left beside {}",
            t.display()
        );
    }
    // A CSV export replaces its files one by one: whichever failed kept its old text, and
    // claims.csv, the largest, is one of them.
    assert_eq!(
        std::fs::read_to_string(&csv_files[2]).unwrap(),
        originals.last().unwrap().1
    );
    drop(disk);
}
