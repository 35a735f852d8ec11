//! `dyad import`: adding a dataset to a database directory, or bringing a newer version of one
//! in.
//!
//! Importing writes two things and nothing else: the dataset file, copied unchanged to
//! `DIR/datasets/` (unless it is referenced where it is), and its entry in `DIR/datasets.ron`.
//! The claims are not written anywhere: the loader makes them from the rows on every load (and
//! the snapshot caches them), so the dataset stays the source of truth.
//!
//! The order makes a failed import harmless. The database must load before anything is
//! written; the file's first lines are parsed, so a file that cannot be read as its format at
//! all (no header, a missing column) is refused with its line; only then is the copy written
//! (atomically, and only if its bytes differ), then `datasets.ron` (atomically, and only if its
//! text differs). The database is then loaded through its snapshot, which writes a fresh one,
//! and the dataset's [`Report`] from that load is the answer — the same figures `stats` and
//! `dyad check` give afterwards. Importing the same file again writes nothing.
//!
//! Must not: write claims or actors into RON, or modify the file it imports.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::dataset::{self, DatasetRecord, Format, Mapping, Report, Rows};
use crate::db::Database;
use crate::error::LoadError;
use crate::load::{DirSource, ReadPolicy, DATASETS_FILE};

/// Where imported files are copied, inside the database directory.
pub const COPY_DIR: &str = "datasets";

/// What to import.
#[derive(Clone, Debug)]
pub struct Request {
    /// The database directory; created, with empty `actors.ron` and `documents.ron`, if it does
    /// not exist.
    pub dir: PathBuf,
    /// The file's format.
    pub format: Format,
    /// The file to import.
    pub file: PathBuf,
    /// The dataset's id; by default the one an earlier import of a file of the same name got,
    /// else one made from the file's name.
    pub id: Option<String>,
    /// Reference the file where it is instead of copying it.
    pub in_place: bool,
    /// A title; by default the format's and the file's name.
    pub title: Option<String>,
    /// Who publishes the data.
    pub publisher: Option<String>,
    /// The data's licence or terms.
    pub licence: Option<String>,
    /// Where the data comes from.
    pub url: Option<String>,
    /// The format's options.
    pub mapping: Mapping,
    /// For a GDELT Mentions file given with the events (`mapping.mentions` names it as given):
    /// it is copied (or referenced) the same way.
    pub mentions: Option<PathBuf>,
}

/// What an import did.
#[derive(Debug)]
pub struct Outcome {
    /// The dataset's id.
    pub id: String,
    /// Whether the dataset was new to the database (rather than a newer version or the same).
    pub added: bool,
    /// The files written, relative to the database directory; empty when the import changed
    /// nothing.
    pub written: Vec<String>,
    /// What loading the dataset found.
    pub report: Report,
    /// The database as it now loads.
    pub db: Database,
}

/// Why an import was refused. Nothing was written unless it says so.
#[derive(Debug)]
pub enum ImportError {
    /// The database directory does not load as it is.
    Database(LoadError),
    /// The file to import cannot be read.
    Read(PathBuf, std::io::Error),
    /// The file cannot be read as its format at all, or an option does not apply.
    Unusable(String),
    /// Writing failed; what was written before it is listed.
    Write(String, std::io::Error, Vec<String>),
    /// The database did not load after the files were written (its problems say why).
    After(LoadError, Vec<String>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Database(e) => {
                write!(
                    f,
                    "the database does not load, so nothing was imported:\n{e}"
                )
            }
            ImportError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            ImportError::Unusable(m) => write!(f, "{m}"),
            ImportError::Write(what, e, done) => {
                write!(f, "cannot write {what}: {e}")?;
                if !done.is_empty() {
                    write!(f, " (already written: {})", done.join(", "))?;
                }
                Ok(())
            }
            ImportError::After(e, done) => write!(
                f,
                "wrote {} but the database no longer loads:\n{e}",
                done.join(", ")
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports a dataset; see the module's documentation for the order of things.
pub fn import(
    req: &Request,
    policy: ReadPolicy,
    progress: &dyn crate::progress::Progress,
) -> Result<Outcome, ImportError> {
    let mut written = Vec::new();
    let fresh = !req.dir.join("actors.ron").exists() && !req.dir.join("documents.ron").exists();
    let existing: Vec<DatasetRecord> = if fresh {
        Vec::new()
    } else {
        let src = DirSource::with_policy(&req.dir, policy);
        let db =
            crate::snapshot::load_source_with(&src, progress).map_err(ImportError::Database)?;
        let curated: Vec<&str> = db
            .documents
            .iter()
            .filter(|d| d.genre != crate::model::Genre::Data)
            .map(|d| d.id.as_str())
            .collect();
        if let Some(id) = &req.id {
            if curated.contains(&id.as_str()) {
                return Err(ImportError::Unusable(format!(
                    "'{id}' is a document of documents.ron; give the dataset another --id"
                )));
            }
        }
        read_entries(&req.dir)?
    };

    let file_name = req
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| {
            ImportError::Unusable(format!(
                "{} has no file name dyad can use (it must be UTF-8)",
                req.file.display()
            ))
        })?
        .to_string();
    let rel = if req.in_place {
        let abs = absolute(&req.file)?;
        if !policy.allow_outside && !inside_root(&req.dir, Path::new(&abs)) {
            return Err(ImportError::Unusable(format!(
                "{abs} is outside the database's root (the directory that holds {}), so loading \
                 it would need --allow-outside every time; import it without --in-place to copy \
                 it into the database",
                req.dir.display()
            )));
        }
        abs
    } else {
        format!("{COPY_DIR}/{file_name}")
    };
    let id = match &req.id {
        Some(id) => id.clone(),
        None => existing
            .iter()
            .find(|e| e.file == rel)
            .map(|e| e.id.clone())
            .unwrap_or_else(|| id_from(&file_name)),
    };

    // A file that is not its format is refused before anything is written.
    progress.stage(&format!("reading {}", req.file.display()), None);
    let size = std::fs::metadata(&req.file)
        .map_err(|e| ImportError::Read(req.file.clone(), e))?
        .len();
    if size > policy.max_dataset_size {
        return Err(ImportError::Unusable(format!(
            "{} is {}, over the {} dataset limit",
            req.file.display(),
            crate::load::human_size(size),
            crate::load::human_size(policy.max_dataset_size)
        )));
    }
    let head =
        read_prefix(&req.file, PREFIX).map_err(|e| ImportError::Read(req.file.clone(), e))?;
    let mut mapping = req.mapping.clone();
    {
        progress.stage(&format!("checking {}", req.file.display()), None);
        // Whether the file can be read as its format at all is decided by its first lines
        // (the header, the layout); the whole file is parsed once, by the load below, which
        // reports every bad row.
        let (text, bad) = dataset::decode(head);
        let parsed = dataset::parse(
            req.format,
            &Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &mapping,
            },
        );
        if parsed.rows == 0 && parsed.events.is_empty() {
            if let Some(s) = parsed.skipped.first().filter(|s| s.reason.is_error()) {
                return Err(ImportError::Unusable(format!(
                    "{}:{}: cannot read as {}: {}",
                    req.file.display(),
                    s.line,
                    req.format,
                    s.detail.as_deref().unwrap_or(s.reason.label())
                )));
            }
        }
    }
    let mentions = match &req.mentions {
        Some(path) => {
            let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
                ImportError::Unusable(format!("{} has no usable file name", path.display()))
            })?;
            let mrel = if req.in_place {
                absolute(path)?
            } else {
                format!("{COPY_DIR}/{name}")
            };
            mapping.mentions = Some(mrel.clone());
            std::fs::metadata(path).map_err(|e| ImportError::Read(path.clone(), e))?;
            Some((mrel, path))
        }
        None => None,
    };
    let record = DatasetRecord {
        id: id.clone(),
        file: rel.clone(),
        format: req.format,
        title: req
            .title
            .clone()
            .unwrap_or_else(|| format!("{file_name}, {}", req.format.spec().title)),
        publisher: req.publisher.clone(),
        licence: req.licence.clone(),
        url: req.url.clone(),
        mapping,
    };
    let problems = crate::load::check_dataset(&record);
    if let Some(p) = problems.first() {
        return Err(ImportError::Unusable(p.message.clone()));
    }

    // Now write: the directory, the copies, then the entry.
    progress.stage("writing", None);
    if fresh {
        std::fs::create_dir_all(&req.dir)
            .map_err(|e| ImportError::Write(req.dir.display().to_string(), e, Vec::new()))?;
        for (name, text) in [("actors.ron", "[]\n"), ("documents.ron", "[]\n")] {
            write_if_changed(&req.dir, name, text.as_bytes(), &mut written)?;
        }
    }
    if !req.in_place {
        copy_if_changed(&req.file, &req.dir, &rel, &mut written)?;
        if let Some((mrel, path)) = &mentions {
            copy_if_changed(path, &req.dir, mrel, &mut written)?;
        }
    }
    let added = !existing.iter().any(|e| e.id == id);
    let mut entries = existing;
    match entries.iter_mut().find(|e| e.id == id) {
        Some(e) => *e = record,
        None => entries.push(record),
    }
    let text = write_entries(&entries);
    write_if_changed(&req.dir, DATASETS_FILE, text.as_bytes(), &mut written)?;

    let src = DirSource::with_policy(&req.dir, policy);
    let db =
        crate::snapshot::load_source(&src).map_err(|e| ImportError::After(e, written.clone()))?;
    let report = db
        .datasets
        .iter()
        .find(|d| d.id == id)
        .cloned()
        .expect("the loaded database has the dataset just imported");
    Ok(Outcome {
        id,
        added,
        written,
        report,
        db,
    })
}

/// The entries of `DIR/datasets.ron`, or none when it does not exist.
fn read_entries(dir: &Path) -> Result<Vec<DatasetRecord>, ImportError> {
    let path = dir.join(DATASETS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => crate::store::parse::<Vec<DatasetRecord>>(&text).map_err(|e| {
            ImportError::Unusable(format!(
                "{}:{}:{}: {}",
                path.display(),
                e.line,
                e.col,
                e.message
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(ImportError::Read(path, e)),
    }
}

/// How much of a file the check before writing reads.
const PREFIX: usize = 1 << 20;

/// The first `max` bytes of a file, cut after the last full line within them (all of it when
/// shorter).
fn read_prefix(path: &Path, max: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(max.min(1 << 16));
    std::fs::File::open(path)?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > max {
        bytes.truncate(max);
        if let Some(i) = bytes.iter().rposition(|&b| b == b'\n') {
            bytes.truncate(i + 1);
        }
    }
    Ok(bytes)
}

/// Copies `from` to `rel` under `dir`, atomically, unless it already holds the same bytes
/// (compared a megabyte at a time, so that a large dataset is never held in memory).
fn copy_if_changed(
    from: &Path,
    dir: &Path,
    rel: &str,
    written: &mut Vec<String>,
) -> Result<(), ImportError> {
    let path = dir.join(rel);
    if same_contents(from, &path).unwrap_or(false) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| ImportError::Write(parent.display().to_string(), e, written.clone()))?;
    }
    crate::atomic::copy(from, &path)
        .map_err(|e| ImportError::Write(path.display().to_string(), e, written.clone()))?;
    written.push(rel.to_string());
    Ok(())
}

/// Whether two files hold the same bytes.
fn same_contents(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    if std::fs::metadata(a)?.len() != std::fs::metadata(b)?.len() {
        return Ok(false);
    }
    let (mut x, mut y) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    let (mut bx, mut by) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    loop {
        let n = x.read(&mut bx)?;
        if n == 0 {
            return Ok(true);
        }
        y.read_exact(&mut by[..n])?;
        if bx[..n] != by[..n] {
            return Ok(false);
        }
    }
}

/// `datasets.ron` as dyad writes it: a comment saying what the file is, then the entries.
pub fn write_entries(entries: &[DatasetRecord]) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let body =
        ron::ser::to_string_pretty(&entries, config).expect("dataset records always serialise");
    format!(
        "// Datasets whose rows are claims: `dyad import` writes this file; edit titles and\n\
         // mappings freely. Each file is read on every load; its rows are never copied into RON.\n\
         {body}\n"
    )
}

/// Writes `rel` under `dir` atomically unless it already holds `bytes`.
fn write_if_changed(
    dir: &Path,
    rel: &str,
    bytes: &[u8],
    written: &mut Vec<String>,
) -> Result<(), ImportError> {
    let path = dir.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| ImportError::Write(parent.display().to_string(), e, written.clone()))?;
    }
    crate::atomic::write(&path, bytes)
        .map_err(|e| ImportError::Write(path.display().to_string(), e, written.clone()))?;
    written.push(rel.to_string());
    Ok(())
}

/// Whether a file lies inside the root the loader reads datasets under: the directory that
/// holds the database directory (see [`DirSource`]).
fn inside_root(dir: &Path, file: &Path) -> bool {
    let real = std::fs::canonicalize(dir).or_else(|_| {
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(parent).map(|p| p.join("x"))
    });
    match real {
        Ok(real) => {
            let root = real.parent().map_or(real.clone(), Path::to_path_buf);
            file.starts_with(root)
        }
        Err(_) => false,
    }
}

/// An absolute, UTF-8 path for a file referenced in place.
fn absolute(p: &Path) -> Result<String, ImportError> {
    let abs = std::fs::canonicalize(p).map_err(|e| ImportError::Read(p.to_path_buf(), e))?;
    abs.to_str()
        .map(str::to_string)
        .ok_or_else(|| ImportError::Unusable(format!("{} is not a UTF-8 path", abs.display())))
}

/// A dataset id from a file name: `events.2018.sample.tab` → `events_2018_sample`.
pub fn id_from(file_name: &str) -> String {
    let stem = match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => stem,
        _ => file_name,
    };
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while id.contains("__") {
        id = id.replace("__", "_");
    }
    let id = id.trim_matches('_').to_string();
    if id.is_empty() {
        "dataset".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(id_from("events.2018.sample.tab"), "events_2018_sample");
        assert_eq!(id_from("out.ucidata-gama"), "out_ucidata_gama");
        assert_eq!(
            id_from("20180101000000.export.CSV"),
            "20180101000000_export"
        );
        assert_eq!(id_from("..."), "dataset");
    }
}
