//! Where a database's files come from: a directory on disk, or the seed database compiled into
//! the binary. This is the loader's only I/O; it reads and lists, and never writes.

use std::io;
use std::path::{Path, PathBuf};

/// Where a database's files come from. Paths are relative to the database directory and use `/`.
pub trait Source: Sync {
    /// Reads a file's bytes.
    fn read(&self, rel: &str) -> io::Result<Vec<u8>>;
    /// The claims files (`claims/*.ron`), sorted.
    fn claims_files(&self) -> io::Result<Vec<String>>;
    /// How to name a file to the user, e.g. `data/actors.ron`.
    fn display(&self, rel: &str) -> String;
}

/// A database directory on disk.
#[derive(Clone, Debug)]
pub struct DirSource {
    root: PathBuf,
}

impl DirSource {
    /// A source reading the database directory `root`. Nothing is read until the loader asks.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSource { root: root.into() }
    }
    /// The database directory this source reads.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Source for DirSource {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.root.join(rel))
    }
    fn claims_files(&self) -> io::Result<Vec<String>> {
        let dir = self.root.join("claims");
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            // A database may have no claims yet.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".ron") {
                out.push(format!("claims/{name}"));
            }
        }
        out.sort();
        Ok(out)
    }
    fn display(&self, rel: &str) -> String {
        self.root.join(rel).display().to_string()
    }
}

/// The seed database compiled into the binary (see [`crate::embedded`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct EmbeddedSource;

impl Source for EmbeddedSource {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        let key = normalize_rel(&format!("data/{rel}"));
        crate::embedded::FILES
            .iter()
            .find(|(path, _)| *path == key)
            .map(|(_, text)| text.as_bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the built-in database"))
    }
    fn claims_files(&self) -> io::Result<Vec<String>> {
        let mut out: Vec<String> = crate::embedded::FILES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("data/"))
            .filter(|p| p.starts_with("claims/") && p.ends_with(".ron"))
            .map(str::to_string)
            .collect();
        out.sort();
        Ok(out)
    }
    fn display(&self, rel: &str) -> String {
        format!("<built-in>/{}", normalize_rel(&format!("data/{rel}")))
    }
}

/// Resolves `.` and `..` in a `/`-separated relative path, lexically.
pub(super) fn normalize_rel(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_rel_resolves_parents() {
        assert_eq!(normalize_rel("data/../seeds/a.txt"), "seeds/a.txt");
        assert_eq!(normalize_rel("./a//b"), "a/b");
        assert_eq!(normalize_rel("../x"), "../x");
    }
}
