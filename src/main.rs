//! The `dyad` command line.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use dyad::load::{DirSource, EmbeddedSource, Source};

/// Exit codes: 0 ok, 1 a query failed, 2 usage or data error.
const EXIT_DATA: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "dyad",
    version,
    about = "Who works with, against, and between whom: a graph database of sourced claims.",
    after_help = "Examples:\n  dyad check                    validate the built-in seed database\n  dyad check --data ./data      validate your own database\n  dyad fmt --data ./data        rewrite a database in canonical form"
)]
struct Cli {
    /// A database directory (actors.ron, documents.ron, claims/). Default: the built-in seed
    /// database.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a database and report every problem, with file:line:column.
    Check,
    /// Rewrite a database's files in canonical form (stable order, four-space indents).
    Fmt {
        /// Report the files that would change, and fail if any would, without writing.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`dyad ... | head`) is the reader's choice, not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(EXIT_DATA)
        }
    }
}

fn source(cli: &Cli) -> Box<dyn Source> {
    match &cli.data {
        Some(dir) => Box::new(DirSource::new(dir)),
        None => Box::new(EmbeddedSource),
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    match &cli.command {
        Some(Command::Check) | None => {
            let src = source(&cli);
            match dyad::load(src.as_ref()) {
                Ok(db) => {
                    writeln!(
                        out,
                        "ok: {} actors, {} documents, {} claims, {} edges",
                        db.actors.len(),
                        db.documents.len(),
                        db.claims.len(),
                        db.graph.edge_count()
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    writeln!(out, "{e}")?;
                    Ok(ExitCode::from(EXIT_DATA))
                }
            }
        }
        Some(Command::Fmt { check }) => {
            let dir = cli
                .data
                .as_ref()
                .context("`dyad fmt` rewrites files, so it needs --data DIR")?;
            let db = dyad::load(&DirSource::new(dir))
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("cannot format {}: it does not load", dir.display()))?;
            let mut changed = 0;
            for (rel, text) in dyad::store::save(&db) {
                let path = dir.join(&rel);
                let old = std::fs::read_to_string(&path).unwrap_or_default();
                if old != text {
                    changed += 1;
                    if *check {
                        writeln!(out, "would reformat {}", path.display())?;
                    } else {
                        std::fs::write(&path, text)
                            .with_context(|| format!("cannot write {}", path.display()))?;
                        writeln!(out, "reformatted {}", path.display())?;
                    }
                }
            }
            if *check && changed > 0 {
                return Ok(ExitCode::from(EXIT_DATA));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
