//! Where a database's files come from: a directory on disk, or the seed database compiled into
//! the binary. This is the loader's only I/O; it reads and lists, and never writes.
//!
//! Reading a directory is bounded and regular ([`DirSource`]): only regular files are opened
//! (a FIFO, device, socket or directory is refused from its metadata, before any `open`, so it
//! can never block or stream forever), no file larger than [`ReadPolicy::max_file_size`] is
//! read, and a document file must lie inside the database's root (see [`DirSource`]) after
//! symlinks are resolved, unless [`ReadPolicy::allow_outside`] says otherwise. Every refusal is
//! a [`ReadError`] saying what the file is, which the loader places at the file or at the
//! `file:` field that names it.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The default for [`ReadPolicy::max_file_size`]: 256 MiB, far above any hand-edited file and
/// above a claims file of a quarter of a million claims.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

/// The default limit on a dataset file's size: 16 GiB. Event exports are large (a year of
/// GDELT is tens of gigabytes), but a file past this is more likely a mistake than a dataset
/// a machine can hold in memory.
pub const DEFAULT_MAX_DATASET_SIZE: u64 = 16 << 30;

/// What a file is for, which decides the rules it is read under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// One of the database's own RON files: `actors.ron`, `documents.ron`, `claims/*.ron`.
    /// These sit at fixed names in the database directory; they may be symlinks to anywhere,
    /// since whoever made the link owns the directory.
    Data,
    /// A source document named by a `file:` field of `documents.ron`. Its path comes from the
    /// data, so it must stay inside the database's root.
    Document,
    /// A dataset file named by `datasets.ron` (or its Mentions file). Like a document its path
    /// comes from the data and must stay inside the root; its size limit is
    /// [`ReadPolicy::max_dataset_size`], since event files are routinely gigabytes.
    Dataset,
}

/// Why a file could not be read. Each names what the file is, so that the loader's problem
/// says so without knowing how it was read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing exists at the path (or a dangling symlink).
    NotFound,
    /// Something exists but is not a regular file: `what` is "a directory", "a FIFO (named
    /// pipe)", "a character device", "a block device", "a socket" or "not a regular file".
    NotAFile {
        /// What the path is, with its article.
        what: &'static str,
    },
    /// The file is larger than the limit.
    TooLarge {
        /// The file's size in bytes (at least; it may still be growing).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A document file that resolves to a path outside the database's root.
    OutsideRoot {
        /// Where the path leads once `..` and symlinks are resolved.
        resolved: PathBuf,
        /// The root it had to stay inside.
        root: PathBuf,
    },
    /// Any other failure of the file system, such as a permission error.
    Io(io::Error),
}

impl ReadError {
    /// A suggestion for the user, where there is one to make.
    pub fn help(&self) -> Option<String> {
        match self {
            ReadError::NotAFile { .. } => {
                Some("dyad reads only regular files; point the path at one".into())
            }
            ReadError::TooLarge { .. } => {
                Some("split the file, or raise the limit with --max-file-size".into())
            }
            ReadError::OutsideRoot { .. } => Some(
                "document files must lie in the database directory or the directory that holds it; \
                 move the file there, or pass --allow-outside to read it anyway"
                    .into(),
            ),
            ReadError::NotFound | ReadError::Io(_) => None,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "the file does not exist"),
            ReadError::NotAFile { what } => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {}, larger than the limit of {}",
                human_size(*size),
                human_size(*limit)
            ),
            ReadError::OutsideRoot { resolved, root } => write!(
                f,
                "it resolves to {}, outside the database's root {}",
                resolved.display(),
                root.display()
            ),
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound
        } else {
            ReadError::Io(e)
        }
    }
}

/// A size in bytes as people read it: `300 bytes`, `12.5 KiB`, `256 MiB`, `2.0 GiB`.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    let exact = n % (1u64 << (10 * (unit + 1))) == 0;
    if exact {
        format!("{v:.0} {}", UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// Where a database's files come from. Paths are relative to the database directory and use `/`.
pub trait Source: Sync {
    /// Reads a file's bytes, under the rules for its [`Role`].
    fn read(&self, rel: &str, role: Role) -> Result<Vec<u8>, ReadError>;
    /// The claims files (`claims/*.ron`), sorted.
    fn claims_files(&self) -> io::Result<Listing>;
    /// How to name a file to the user, e.g. `data/actors.ron`.
    fn display(&self, rel: &str) -> String;
}

/// The claims files a directory listing found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The files to load, as `claims/NAME.ron`, sorted.
    pub files: Vec<String>,
    /// Files ending in `.ron` whose names are not valid UTF-8 and so cannot be named in a
    /// database, shown with the invalid bytes replaced (`claims/bad\u{FFFD}.ron`).
    pub bad_names: Vec<String>,
}

/// Limits on what a [`DirSource`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadPolicy {
    /// The largest file, in bytes, that is read: database files and documents alike.
    pub max_file_size: u64,
    /// Whether a document or dataset file may lie outside the database's root.
    pub allow_outside: bool,
    /// The largest dataset file, in bytes, that is read.
    pub max_dataset_size: u64,
}

impl Default for ReadPolicy {
    fn default() -> ReadPolicy {
        ReadPolicy {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            allow_outside: false,
            max_dataset_size: DEFAULT_MAX_DATASET_SIZE,
        }
    }
}

/// A database directory on disk.
///
/// **The root.** A document file must resolve — after `..` and every symlink — to a path
/// inside the *root*: the directory that holds the database directory (the project
/// directory). That admits the database directory itself and its siblings, the layout the
/// README shows (`data/documents.ron` naming `../seeds/…`), and nothing above or beside the
/// project: `../../etc/passwd` and a symlink to `/dev/zero` are refused. Resolution uses the
/// real path of the database directory, so a database reached through a symlink has the root
/// its real location gives it, as the kernel resolves `..` there too. A database directory
/// with no parent (`/`) has itself as its root.
#[derive(Clone, Debug)]
pub struct DirSource {
    root: PathBuf,
    policy: ReadPolicy,
    /// The real path of the root, found on first use; `None` when it cannot be resolved (then
    /// no document is inside it).
    bounds: OnceLock<Option<PathBuf>>,
}

/// A file a [`DirSource`] has read: its bytes and the real path they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The path that was opened, with every symlink and `..` resolved.
    pub path: PathBuf,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

impl DirSource {
    /// A source reading the database directory `root` under the default [`ReadPolicy`].
    /// Nothing is read until the loader asks.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSource::with_policy(root, ReadPolicy::default())
    }

    /// A source reading the database directory `root` under `policy`.
    pub fn with_policy(root: impl Into<PathBuf>, policy: ReadPolicy) -> Self {
        DirSource {
            root: root.into(),
            policy,
            bounds: OnceLock::new(),
        }
    }

    /// The database directory this source reads.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The limits this source reads under.
    pub fn policy(&self) -> ReadPolicy {
        self.policy
    }

    /// The real path document files must stay inside (see [`DirSource`]), if the database
    /// directory exists.
    pub fn bounds(&self) -> Option<&Path> {
        self.bounds
            .get_or_init(|| {
                let real = fs::canonicalize(&self.root).ok()?;
                Some(real.parent().map_or(real.clone(), Path::to_path_buf))
            })
            .as_deref()
    }

    /// The path a relative name stands for: under the database directory, or itself when it
    /// is absolute.
    pub fn path_of(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads `rel` under the rules of `role` and this source's policy, returning the bytes and
    /// the real path they were read from.
    ///
    /// The checks run before the file is opened: its real path (symlinks resolved) must be
    /// inside the root when `role` is [`Role::Document`], its metadata must say it is a
    /// regular file, and its size must be within the limit. After opening, the open file is
    /// checked to be that same regular file, and at most one byte past the limit is read, so a
    /// file swapped or growing underneath is still refused.
    pub fn fetch(&self, rel: &str, role: Role) -> Result<Fetched, ReadError> {
        let path = fs::canonicalize(self.path_of(rel))?;
        if role != Role::Data && !self.policy.allow_outside {
            let root = self.bounds();
            if !root.is_some_and(|r| path.starts_with(r)) {
                return Err(ReadError::OutsideRoot {
                    root: root.map_or_else(|| self.root.clone(), Path::to_path_buf),
                    resolved: path,
                });
            }
        }
        let before = fs::metadata(&path)?;
        regular(&before)?;
        let limit = match role {
            Role::Dataset => self.policy.max_dataset_size,
            Role::Data | Role::Document => self.policy.max_file_size,
        };
        if before.len() > limit {
            return Err(ReadError::TooLarge {
                size: before.len(),
                limit,
            });
        }
        let file = File::open(&path)?;
        let after = file.metadata()?;
        regular(&after)?;
        if !same_file(&before, &after) {
            return Err(ReadError::Io(io::Error::other(
                "the file was replaced while it was being opened",
            )));
        }
        let mut bytes = Vec::with_capacity(after.len().min(limit) as usize);
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge {
                size: bytes.len() as u64,
                limit,
            });
        }
        Ok(Fetched { path, bytes })
    }
}

/// Refuses anything but a regular file, saying what it is.
fn regular(meta: &fs::Metadata) -> Result<(), ReadError> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    let what = if t.is_dir() {
        "a directory"
    } else {
        special_kind(&t)
    };
    Err(ReadError::NotAFile { what })
}

#[cfg(unix)]
fn special_kind(t: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "not a regular file"
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

impl Source for DirSource {
    fn read(&self, rel: &str, role: Role) -> Result<Vec<u8>, ReadError> {
        self.fetch(rel, role).map(|f| f.bytes)
    }
    fn claims_files(&self) -> io::Result<Listing> {
        let dir = self.root.join("claims");
        let mut out = Listing::default();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            // A database may have no claims yet.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let name = entry?.file_name();
            // `claims/<id>.proposed.ron` holds what `ingest` proposed, not accepted claims.
            let bytes = name.as_encoded_bytes();
            if !bytes.ends_with(b".ron") || bytes.ends_with(PROPOSED_SUFFIX.as_bytes()) {
                continue;
            }
            match name.to_str() {
                Some(name) => out.files.push(format!("claims/{name}")),
                None => out
                    .bad_names
                    .push(format!("claims/{}", name.to_string_lossy())),
            }
        }
        out.files.sort();
        out.bad_names.sort();
        Ok(out)
    }
    fn display(&self, rel: &str) -> String {
        self.path_of(rel).display().to_string()
    }
}

/// How a proposals file's name ends: `claims/<id>.proposed.ron`. The loader does not read it.
pub const PROPOSED_SUFFIX: &str = ".proposed.ron";

/// The seed database compiled into the binary (see [`crate::embedded`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct EmbeddedSource;

impl Source for EmbeddedSource {
    fn read(&self, rel: &str, _: Role) -> Result<Vec<u8>, ReadError> {
        let key = normalize_rel(&format!("data/{rel}"));
        crate::embedded::FILES
            .iter()
            .find(|(path, _)| *path == key)
            .map(|(_, text)| text.as_bytes().to_vec())
            .ok_or(ReadError::NotFound)
    }
    fn claims_files(&self) -> io::Result<Listing> {
        let mut files: Vec<String> = crate::embedded::FILES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("data/"))
            .filter(|p| p.starts_with("claims/") && p.ends_with(".ron"))
            .map(str::to_string)
            .collect();
        files.sort();
        Ok(Listing {
            files,
            bad_names: Vec::new(),
        })
    }
    fn display(&self, rel: &str) -> String {
        format!("<built-in>/{}", normalize_rel(&format!("data/{rel}")))
    }
}

/// Resolves `.` and `..` in a `/`-separated path, lexically. An absolute path stays absolute
/// (and `..` at its top stays at `/`), so that it names the file the loader will read.
pub(super) fn normalize_rel(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
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

    #[test]
    fn normalize_rel_keeps_an_absolute_path_absolute() {
        // It used to drop the leading `/`, so the loader read `DIR/etc/passwd` while the
        // snapshot watched `/etc/passwd`.
        assert_eq!(normalize_rel("/etc/passwd"), "/etc/passwd");
        assert_eq!(normalize_rel("/../etc/./passwd"), "/etc/passwd");
        assert_eq!(normalize_rel("/"), "/");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(300), "300 bytes");
        assert_eq!(human_size(DEFAULT_MAX_FILE_SIZE), "256 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 << 30), "3 GiB");
    }
}
