//! Atomic file writes: the one way dyad replaces a file.
//!
//! A write goes to a temporary file created exclusively (`O_CREAT | O_EXCL`, so a planted file
//! or symlink of that name is never opened) in the target's own directory, is flushed and
//! fsynced, and is then renamed over the target, after which the directory is fsynced so the
//! rename itself survives a crash. Readers see either the old file or the new one, never a
//! mix; on any error — a full disk, a failing writer, a panic — the target is untouched and the
//! temporary file is removed. A process killed mid-write leaves the target intact and, at
//! worst, one stray `.NAME.dyad-tmp.*` file beside it, which the next write of that file
//! removes once the process that made it is gone.
//!
//! When the target is a symlink, the file it points to is replaced and the link kept, so a
//! database directory that links its files elsewhere stays linked. A new file gets the default
//! permissions; a replaced one keeps its own.
//!
//! This module must not know what it writes: formats live with their writers (RON in
//! [`crate::store`], exports in [`crate::export`], the snapshot in [`crate::snapshot`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Replaces `path` with `contents`, atomically.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("dyad-atomic-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("notes.txt");
/// dyad::atomic::write(&file, b"first").unwrap();
/// dyad::atomic::write(&file, b"second").unwrap();
/// assert_eq!(std::fs::read(&file).unwrap(), b"second");
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_with(path, |w| w.write_all(contents))
}

/// Replaces `path` with whatever `fill` writes, atomically. `fill` writes to a buffered
/// temporary file; if it fails, the target is left as it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, |file| {
        let mut w = BufWriter::new(file);
        fill(&mut w)?;
        w.flush()
    })
}

/// Replaces `path` with a copy of the file `from`, as [`write()`] replaces a file: the copy is
/// made in a temporary file beside it (by the kernel, where it can, without passing the bytes
/// through dyad), synced, and renamed over `path`. Returns the bytes copied.
pub fn copy(from: &Path, path: &Path) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let mut copied = 0;
    replace(path, |mut file| {
        copied = io::copy(&mut source, &mut file)?;
        Ok(())
    })?;
    Ok(copied)
}

/// The one way a file is replaced: `fill` writes the temporary file, which is synced and
/// renamed over `path`, and the directory synced; on any failure the temporary file is removed
/// and `path` is as it was.
fn replace(path: &Path, fill: impl FnOnce(&File) -> io::Result<()>) -> io::Result<()> {
    let target = resolve_target(path)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", path.display()),
        )
    })?;
    let (file, temp) = create_temp(&dir, &name.to_string_lossy())?;
    let guard = RemoveOnDrop(Some(temp));
    if let Ok(meta) = fs::metadata(&target) {
        // Keep the permissions of the file being replaced (a read-only-for-others file stays so).
        file.set_permissions(meta.permissions())?;
    }
    fill(&file)?;
    file.sync_all()?;
    drop(file);
    let temp = guard.path();
    fs::rename(temp, &target)?;
    guard.disarm();
    sync_dir(&dir);
    remove_stale_temps(&dir, &name.to_string_lossy());
    Ok(())
}

/// Removes temporary files a killed writer left beside the target: those whose process is no
/// longer running. Only where `/proc` tells which processes run (Linux); elsewhere they stay,
/// harmless, since nothing reads them.
fn remove_stale_temps(dir: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let prefix = format!(".{name}.dyad-tmp.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !proc.join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a write to `path` should replace: `path` itself, or what it links to.
fn resolve_target(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(real) => Ok(real),
            // A dangling link: write where it points, relative to the link's directory.
            Err(_) => {
                let link = fs::read_link(path)?;
                Ok(match path.parent() {
                    Some(p) if link.is_relative() => p.join(link),
                    _ => link,
                })
            }
        },
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is a directory, not a file", path.display()),
        )),
        _ => Ok(path.to_path_buf()),
    }
}

/// Numbers temporary files within this process.
static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Creates a fresh temporary file beside the target. The name carries the process id and a
/// counter, and `create_new` refuses anything already there, symlinks included.
fn create_temp(dir: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..64 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.dyad-tmp.{pid}.{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(f) => return Ok((f, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("could not create a temporary file")))
}

/// Makes a finished rename durable. Some file systems cannot sync a directory; the rename has
/// happened all the same, so a failure here is not reported.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary file unless the write completed.
struct RemoveOnDrop(Option<PathBuf>);

impl RemoveOnDrop {
    fn path(&self) -> &Path {
        self.0
            .as_deref()
            .expect("the guard is armed until disarmed")
    }
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dyad-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failing_writer_leaves_the_original_and_no_temporary_file() {
        let dir = scratch("fail");
        let file = dir.join("claims.ron");
        fs::write(&file, "original").unwrap();
        let err = write_with(&file, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&file).unwrap(), "original");
        assert_eq!(entries(&dir), ["claims.ron"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_planted_temporary_name_is_never_written_through() {
        let dir = scratch("planted");
        let victim = dir.join("victim");
        fs::write(&victim, "keep").unwrap();
        // Plant symlinks at the next temporary names this process will pick.
        let pid = std::process::id();
        let next = COUNTER.load(Ordering::Relaxed);
        for i in next..next + 8 {
            let planted = dir.join(format!(".out.dyad-tmp.{pid}.{i}"));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        write(&dir.join("out"), b"new").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(fs::read_to_string(dir.join("out")).unwrap(), "new");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn writing_through_a_symlink_replaces_its_target_and_keeps_the_link() {
        let dir = scratch("link");
        let real = dir.join("real.ron");
        fs::write(&real, "old").unwrap();
        let link = dir.join("link.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_killed_writers_temporary_file_is_removed_by_the_next_write() {
        let dir = scratch("stale");
        // No process has this id on Linux (pid_max is at most 2^22).
        let stale = dir.join(".out.dyad-tmp.4294967295.0");
        fs::write(&stale, "half").unwrap();
        write(&dir.join("out"), b"whole").unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        }
        assert_eq!(fs::read_to_string(dir.join("out")).unwrap(), "whole");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_copy_replaces_the_file_whole() {
        let dir = scratch("copy");
        let (from, to) = (dir.join("from"), dir.join("to"));
        fs::write(&from, b"new contents").unwrap();
        fs::write(&to, b"old").unwrap();
        assert_eq!(copy(&from, &to).unwrap(), 12);
        assert_eq!(fs::read(&to).unwrap(), b"new contents");
        assert!(copy(&dir.join("missing"), &to).is_err());
        assert_eq!(fs::read(&to).unwrap(), b"new contents");
        assert_eq!(entries(&dir), vec!["from", "to"]);
    }

    #[test]
    fn a_directory_is_not_replaced() {
        let dir = scratch("dir");
        let err = write(&dir, b"x").unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        fs::remove_dir_all(dir).unwrap();
    }
}
