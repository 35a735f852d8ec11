//! Putting an export on disk: one file, or a directory of files.
//!
//! Every file goes through [`crate::atomic::write`], so an export that fails half way leaves
//! whatever was there before, and every error names the file or directory it concerns.
//!
//! This file must not format anything itself: it asks the format's [`Writer`] for the text
//! (and [`render`] for images) and only decides where the bytes go.

use std::path::{Path, PathBuf};

use super::{csv, render, ExportError, ExportFormat, ExportOptions, Subgraph, Writer};
use crate::db::Database;

/// Writes a subgraph to `path` in `format`: one file, or for a format that writes a directory
/// (CSV), its files inside the directory `path`, created if missing. Returns the paths written.
/// The default [`ExportOptions`] apply; [`write_to_with`] chooses.
pub fn write_to(
    db: &Database,
    g: &Subgraph,
    format: ExportFormat,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    write_to_with(db, g, format, path, &ExportOptions::default())
}

/// [`write_to`], with the export's options.
pub fn write_to_with(
    db: &Database,
    g: &Subgraph,
    format: ExportFormat,
    path: &Path,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, ExportError> {
    match format.writer() {
        Writer::Directory(files) => write_dir(path, files(db, g, options)),
        Writer::Text(_) | Writer::Rendered { .. } => {
            write_file(db, g, format, path)?;
            Ok(vec![path.to_path_buf()])
        }
    }
}

/// Writes a subgraph to `path` in `format` (DOT, a rendered image, JSON or GraphML).
pub fn write_file(
    db: &Database,
    g: &Subgraph,
    format: ExportFormat,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = to_bytes(db, g, format)?;
    write(path, &bytes)
}

/// The bytes of a subgraph in a single-file format.
pub fn to_bytes(db: &Database, g: &Subgraph, format: ExportFormat) -> Result<Vec<u8>, ExportError> {
    match format.writer() {
        Writer::Text(write) => Ok(write(db, g).into_bytes()),
        Writer::Rendered { dot, .. } => render(&dot(db, g), format),
        Writer::Directory(_) => Err(ExportError::UnknownFormat(format!(
            "{} needs a directory",
            format.name()
        ))),
    }
}

/// Writes the CSV files into `dir`, creating it if needed; returns the paths written.
pub fn write_csv_dir(db: &Database, g: &Subgraph, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    write_dir(dir, csv(db, g))
}

/// Writes named files into `dir`, creating it if needed; returns the paths written.
fn write_dir(dir: &Path, files: Vec<(&'static str, String)>) -> Result<Vec<PathBuf>, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for (name, text) in files {
        let p = dir.join(name);
        write(&p, text.as_bytes())?;
        written.push(p);
    }
    Ok(written)
}

/// Replaces one file atomically; an error names the file.
fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::atomic::write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dyad-export-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn csv_creates_its_directory_and_writes_three_files() {
        let db = crate::load_embedded().unwrap();
        let dir = scratch("csv").join("nested");
        let written = write_csv_dir(&db, &Subgraph::whole(&db, false), &dir).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["actors.csv", "relations.csv", "claims.csv"]);
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_failed_write_names_its_file_and_leaves_no_partial_file() {
        let db = crate::load_embedded().unwrap();
        let dir = scratch("missing");
        let path = dir.join("no-such-dir").join("out.graphml");
        let err = write_file(
            &db,
            &Subgraph::whole(&db, false),
            ExportFormat::GraphMl,
            &path,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(&format!("cannot write {}: ", path.display())),
            "{err}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_csv_directory_that_cannot_be_made_is_named() {
        let db = crate::load_embedded().unwrap();
        let dir = scratch("blocked");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a-file");
        std::fs::write(&file, "not a directory").unwrap();
        let err = write_csv_dir(&db, &Subgraph::whole(&db, false), &file.join("csv"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "cannot create directory {}: ",
                file.join("csv").display()
            )),
            "{err}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn write_to_writes_a_file_or_a_directory_as_the_format_says() {
        let db = crate::load_embedded().unwrap();
        let g = Subgraph::whole(&db, false);
        let dir = scratch("write-to");
        let file = dir.join("g.json");
        std::fs::create_dir_all(&dir).unwrap();
        let written = write_to(&db, &g, ExportFormat::Json, &file).unwrap();
        assert_eq!(written, std::slice::from_ref(&file));
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            crate::export::json(&db, &g)
        );
        let csv_dir = dir.join("csv");
        assert_eq!(
            write_to(&db, &g, ExportFormat::Csv, &csv_dir).unwrap(),
            write_csv_dir(&db, &g, &csv_dir).unwrap()
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn csv_is_not_a_single_file_format() {
        let db = crate::load_embedded().unwrap();
        let err = to_bytes(&db, &Subgraph::whole(&db, false), ExportFormat::Csv).unwrap_err();
        assert!(matches!(err, ExportError::UnknownFormat(_)), "{err}");
    }
}
