//! The `dyad` command line: the only part of dyad that knows clap and rustyline.
//!
//! `dyad` on a terminal starts the REPL; `dyad -c QUERY` answers one query; a script on stdin
//! runs line by line. Errors are printed once, with `{:#}`, and map to exit codes: 0 ok,
//! 1 a query failed, 2 a usage or data error. A closed output pipe counts as success.

#[path = "cli/interactive.rs"]
mod interactive;
#[path = "cli/pager.rs"]
mod pager;
#[path = "cli/progress.rs"]
mod progress;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand};
use dyad::text::count;

use dyad::answer::QueryError;
use dyad::export::{CsvCells, ExportFormat, ExportOptions};
use dyad::load::{DirSource, EmbeddedSource, ReadPolicy, Source};
use dyad::render::{self, Format};
use dyad::repl::{EvalError, Flow, Session};

const EXIT_QUERY: u8 = 1;
const EXIT_DATA: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "dyad",
    version,
    about = "Who works with, against, and between whom: a graph database of sourced claims.",
    long_about = "Who works with, against, and between whom: a graph database of sourced claims.\n\n\
        With no arguments on a terminal, dyad opens a REPL over the built-in seed database \
        (or --data DIR). Every answer shows the claims, documents and quotes behind it.",
    after_help = "Examples:\n  \
        dyad                                      open the REPL\n  \
        dyad -c 'mediators \"United States\" Iran'   answer one query\n  \
        dyad -c 'path Turkey SDF via conflict' --format json\n  \
        echo 'evidence Turkey Israel' | dyad      run queries from a script\n  \
        dyad check --data ./data                  validate your own database\n  \
        dyad completions bash > /etc/bash_completion.d/dyad\n\n\
        Type `help` in the REPL (or `dyad -c help`) for the query language."
)]
struct Cli {
    /// A database directory (actors.ron, documents.ron, claims/). Default: the built-in seed
    /// database.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,

    /// The largest file dyad reads from a database, e.g. 512M or 2G (K, M, G, T are powers
    /// of 1024; a bare number is bytes).
    #[arg(long, global = true, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    max_file_size: u64,

    /// Let documents.ron name document files outside the database's root (the directory that
    /// holds the database directory), symlinks resolved.
    #[arg(long, global = true)]
    allow_outside: bool,

    /// Answer this query and exit; may be given more than once.
    #[arg(short = 'c', long = "command", value_name = "QUERY")]
    commands: Vec<String>,

    /// Lay text answers out for this many columns. Default: $COLUMNS when set, else 100; the
    /// REPL follows its terminal unless this is given.
    #[arg(long, value_name = "COLUMNS", value_parser = parse_width)]
    width: Option<usize>,

    /// Run the queries in FILE, one per line as a script on standard input, and exit.
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "commands"
    )]
    file: Option<PathBuf>,

    /// Output format. JSON prints one document per query, one per line, with no banners.
    #[arg(long, value_parser = output_format_parser(), default_value = "text")]
    format: Format,

    /// Stop at the first failing query (scripts on stdin and repeated -c).
    #[arg(long)]
    bail: bool,

    /// Stop any query that runs longer than this many seconds (fractions allowed), with an
    /// error; the query counts as failed. Each query gets the whole time.
    #[arg(long, value_name = "SECONDS", value_parser = parse_timeout)]
    timeout: Option<std::time::Duration>,

    /// Do not read or write the REPL's history file.
    #[arg(long)]
    no_history: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

/// The output formats, as the render module defines them: adding one there adds it here.
fn output_format_parser() -> impl TypedValueParser<Value = Format> {
    let values = Format::ALL.into_iter().map(|f| {
        PossibleValue::new(f.name())
            .aliases(f.aliases().iter().copied())
            .help(f.describe())
    });
    PossibleValuesParser::new(values).map(|s| Format::parse(&s).expect("a listed format"))
}

/// The layout engines, as the export module defines them.
fn layout_parser() -> impl TypedValueParser<Value = dyad::export::Layout> {
    use dyad::export::Layout;
    let values = Layout::ALL
        .into_iter()
        .map(|l| PossibleValue::new(l.name()).help(l.describe()));
    PossibleValuesParser::new(values).map(|s| Layout::parse(&s).expect("a listed layout"))
}

/// The `export` subcommand's formats, with their descriptions, as the export module defines
/// them: adding a format there adds it here.
fn export_format_parser() -> impl TypedValueParser<Value = ExportFormat> {
    let values = ExportFormat::ALL.into_iter().map(|f| {
        PossibleValue::new(f.name())
            .aliases(f.aliases().iter().copied())
            .help(f.describe())
    });
    PossibleValuesParser::new(values).try_map(|name| ExportFormat::parse(&name))
}

/// `dyad import`'s arguments.
#[derive(clap::Args, Debug)]
struct ImportArgs {
    /// The file's format.
    #[arg(value_parser = dataset_format_parser())]
    format: dyad::dataset::Format,
    /// The file to import.
    file: PathBuf,
    /// The dataset's id in citations (default: from the file's name).
    #[arg(long)]
    id: Option<String>,
    /// Reference the file where it is instead of copying it into the database.
    #[arg(long)]
    in_place: bool,
    /// A title for the dataset.
    #[arg(long)]
    title: Option<String>,
    /// Who publishes the data.
    #[arg(long)]
    publisher: Option<String>,
    /// The data's licence or terms.
    #[arg(long)]
    licence: Option<String>,
    /// Where the data comes from.
    #[arg(long)]
    url: Option<String>,
    /// gdelt: a GDELT 2.0 Mentions file whose rows are further reports of the events.
    #[arg(long, value_name = "FILE")]
    mentions: Option<PathBuf>,
    /// edges: the column naming the source actor (default: `source` or `from`, else the
    /// first).
    #[arg(long, value_name = "COLUMN")]
    source: Option<String>,
    /// edges: the column naming the target actor (default: `target` or `to`, else the
    /// second).
    #[arg(long, value_name = "COLUMN")]
    target: Option<String>,
    /// edges: a column giving each edge's kind (cooperation or conflict).
    #[arg(long = "kind-column", value_name = "COLUMN")]
    kind_column: Option<String>,
    /// edges: a column giving each edge's sign (+1 cooperation, -1 conflict).
    #[arg(long = "sign-column", value_name = "COLUMN")]
    sign_column: Option<String>,
    /// edges: a column giving each edge's action (SUPPORT, ASSAULT, ...).
    #[arg(long = "action-column", value_name = "COLUMN")]
    action_column: Option<String>,
    /// edges: a column giving each edge's date.
    #[arg(long = "date-column", value_name = "COLUMN")]
    date_column: Option<String>,
    /// edges: a column giving each edge's weight.
    #[arg(long = "weight-column", value_name = "COLUMN")]
    weight_column: Option<String>,
    /// edges: what every edge is, for a file with no kind, sign or action column.
    #[arg(long = "as", value_name = "KIND", value_parser = ["cooperation", "conflict"])]
    as_kind: Option<String>,
    /// edges (KONECT): the node names in order, comma-separated, or @FILE with one per line.
    #[arg(long, value_name = "NAMES")]
    names: Option<String>,
}

/// The `import` subcommand's formats, as the dataset module defines them.
fn dataset_format_parser() -> impl TypedValueParser<Value = dyad::dataset::Format> {
    let values = dyad::dataset::FORMATS
        .iter()
        .map(|f| PossibleValue::new(f.name).help(f.title));
    PossibleValuesParser::new(values).try_map(|name| {
        dyad::dataset::Format::parse(&name).ok_or_else(|| format!("no format '{name}'"))
    })
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
    /// Export the whole graph, or one query's answer, as a diagram or for other tools.
    ///
    /// Images are rendered with Graphviz's `dot`, and so is DOT written to a file whose
    /// extension names an image format (`dot -o dyad.svg`). The other formats carry every
    /// claim.
    #[command(after_help = "Examples:\n  \
        dyad export dot -o dyad.svg\n  \
        dyad export dot -c 'mediators \"United States\" Iran' -o mediators.png\n  \
        dyad export graphml -o dyad.graphml\n  \
        dyad export csv -o csv/                  (for spreadsheets)\n  \
        dyad export csv --csv-raw -o neo4j-import/")]
    Export {
        /// What to write.
        #[arg(value_parser = export_format_parser())]
        format: ExportFormat,
        /// Export this query's answer instead of the whole graph.
        #[arg(short = 'c', long = "command", value_name = "QUERY")]
        query: Option<String>,
        /// Where to write (a directory for csv). Default: standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// For the whole graph: roll people and components up into the actors they belong to
        /// (on), or draw every actor (off). A query's own `rollup` decides for its answer.
        #[arg(long, value_name = "on|off", default_value = "on", value_parser = ["on", "off"])]
        rollup: String,
        /// For csv: write every cell exactly as it is, for Neo4j import. By default a cell that
        /// begins with =, +, -, @, a tab or a carriage return gets a leading ', so that a
        /// spreadsheet shows it as text instead of running it as a formula.
        #[arg(long)]
        csv_raw: bool,
        /// How a diagram is laid out. By default a path reads left to right (dot), a network is
        /// laid out by force (neato; sfdp past 300 actors), and a mediators diagram puts the
        /// mediators between the two parties.
        #[arg(long, value_parser = layout_parser())]
        layout: Option<dyad::export::Layout>,
        /// Keep only the N most relevant actors: the answer's own ranking where it has one
        /// (mediators), else the most connected. The diagram says how many were left out.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        top: Option<u32>,
    },
    /// Bring an event dataset or edge list into a database: its rows become claims, each
    /// citing its file and line.
    ///
    /// The file is checked in full, copied unchanged to DIR/datasets/ (or, with --in-place,
    /// referenced where it is), and named in DIR/datasets.ron; its rows become claims every
    /// time the database loads. Importing the same file again changes nothing; importing a
    /// newer version replaces its claims. Nothing is skipped silently: the report lists rows
    /// skipped by reason, and every malformed row as file:line.
    #[command(after_help = "Examples:\n  \
        dyad import icews events.2018.sample.tab --data mydb\n  \
        dyad import gdelt 20180101000000.export.CSV --mentions 20180101000000.mentions.CSV --data mydb\n  \
        dyad import edges allies.csv --as cooperation --data mydb\n  \
        dyad import edges out.ucidata-gama --names @tribes.txt --data mydb")]
    Import(Box<ImportArgs>),
    /// Read a new document and propose the claims it seems to make, for review.
    ///
    /// The text is copied unchanged to DIR/documents/, named in documents.ron, and its
    /// proposals written to DIR/claims/<id>.proposed.ron, never to the accepted claims. Each
    /// proposal carries its quote, the cue that triggered it and a confidence; `dyad review ID`
    /// walks them. Running ingest again keeps every decision already made.
    #[command(after_help = "Examples:\n  \
        dyad ingest readout.txt --data mydb --genre news --date 2023-11-06\n  \
        dyad review readout --data mydb")]
    Ingest {
        /// The text file (UTF-8).
        file: PathBuf,
        /// The document's id; default: from the file's name.
        #[arg(long)]
        id: Option<String>,
        /// The title; default: the text's first line.
        #[arg(long)]
        title: Option<String>,
        /// The author.
        #[arg(long)]
        author: Option<String>,
        /// The publisher.
        #[arg(long)]
        publisher: Option<String>,
        /// The publication date, YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// news, analysis or opinion (default news).
        #[arg(long, value_parser = ["news", "analysis", "opinion"])]
        genre: Option<String>,
        /// Write only proposals of at least this confidence (0 to 1): fewer to review, more of
        /// them right, some true claims left out (the README gives the trade-off).
        #[arg(long, value_name = "C", default_value_t = 0.0, value_parser = parse_confidence)]
        min_confidence: f32,
    },
    /// Review a document's proposals one by one: accept, edit a field, reject, skip.
    Review {
        /// The document's id.
        id: String,
    },
    /// Add an actor, an alias or a claim, validated first and written atomically.
    #[command(after_help = "Examples:\n  \
        dyad add actor antony_blinken \"Antony Blinken\" kind=person acts_for=united_states alias=Blinken --data mydb\n  \
        dyad add alias turkey \"Republic of Turkiye\" --data mydb\n  \
        dyad add claim readout from=turkey to=iran action=CONSULT mutual=true date=2026-02 certainty=stated quote=\"…\" --data mydb")]
    Add {
        /// actor ID NAME kind=KIND … | alias ACTOR ALIAS | claim DOC FIELD=VALUE …
        #[arg(required = true)]
        args: Vec<String>,
    },
    /// Retract a claim: it keeps its citation, the reason goes in its note, and queries no
    /// longer count it.
    Retract {
        /// The claim, as DOC#N.
        cite: String,
        /// Why.
        #[arg(required = true)]
        reason: Vec<String>,
    },
    /// Change fields of a claim in place: `amend DOC#N FIELD VALUE [FIELD VALUE]…`.
    Amend {
        /// The claim, as DOC#N.
        cite: String,
        /// FIELD VALUE pairs.
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// Write a synthetic database for benchmarks (hidden: a developer tool).
    #[command(hide = true)]
    Synth {
        #[arg(long, default_value_t = 100_000)]
        actors: usize,
        #[arg(long, default_value_t = 1_000_000)]
        claims: usize,
        #[arg(long, default_value_t = 1_000)]
        per_document: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// A `--width` value: a number of columns, at least the narrowest layout.
fn parse_width(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(w) if w >= render::MIN_WIDTH => Ok(w),
        _ => Err(format!(
            "'{s}' is not a width: give a number of columns, at least {}",
            render::MIN_WIDTH
        )),
    }
}

/// A `--min-confidence` value: a number from 0 to 1.
fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok(c),
        _ => Err(format!("'{s}' is not a confidence from 0 to 1")),
    }
}

/// A `--timeout` value: a positive, finite number of seconds.
fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if !secs.is_finite() || secs <= 0.0 {
        return Err(format!(
            "the timeout must be more than 0 seconds, not '{s}'"
        ));
    }
    std::time::Duration::try_from_secs_f64(secs)
        .map_err(|_| format!("'{s}' seconds is too long a timeout"))
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", dyad::text::terminal_safe(&format!("{err:#}")));
            ExitCode::from(EXIT_DATA)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<EvalError>().is_some_and(
                |e| matches!(e, EvalError::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

/// A size as `--max-file-size` takes it: digits, then optionally `K`, `M`, `G` or `T` (powers
/// of 1024, with or without a trailing `B` or `iB`).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("'{s}' is not a size; write e.g. 512M or 2G"))?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(format!("'{s}' is not a size; write e.g. 512M or 2G")),
    };
    n.checked_mul(1 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("'{s}' is not a usable size"))
}

/// The limits `--max-file-size` and `--allow-outside` set.
fn policy(cli: &Cli) -> ReadPolicy {
    ReadPolicy {
        max_file_size: cli.max_file_size,
        allow_outside: cli.allow_outside,
        ..ReadPolicy::default()
    }
}

/// The directory `--data` names, read under the command line's limits.
fn dir_source(cli: &Cli, dir: &std::path::Path) -> DirSource {
    DirSource::with_policy(dir, policy(cli))
}

/// Where `check` reads: `--data DIR`, or the built-in database.
fn source(cli: &Cli) -> Box<dyn Source> {
    match &cli.data {
        Some(dir) => Box::new(dir_source(cli, dir)),
        None => Box::new(EmbeddedSource),
    }
}

/// The database queries and exports read: `--data DIR` through its snapshot (a user's
/// database may be large), or the built-in database.
fn open_database(cli: &Cli) -> Result<dyad::Database, dyad::LoadError> {
    match &cli.data {
        Some(dir) => dyad::snapshot::load_source_with(&dir_source(cli, dir), &progress::Bar::new()),
        None => dyad::load_embedded(),
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Check) => return check(&cli),
        Some(Command::Fmt { check }) => return fmt(&cli, *check),
        Some(Command::Export {
            format,
            query,
            output,
            rollup,
            csv_raw,
            layout,
            top,
        }) => {
            let options = ExportOptions {
                csv_cells: if *csv_raw {
                    CsvCells::Raw
                } else {
                    CsvCells::Spreadsheet
                },
                layout: *layout,
                top: top.map(|n| n as usize),
            };
            return export(
                &cli,
                *format,
                query.as_deref(),
                output.as_deref(),
                rollup == "on",
                &options,
            );
        }
        Some(Command::Synth {
            actors,
            claims,
            per_document,
            seed,
            output,
        }) => {
            // The generator's own preconditions, as usage errors rather than panics.
            if *actors < 3 {
                anyhow::bail!("--actors must be at least 3 (a mediation needs three actors)");
            }
            if *per_document == 0 {
                anyhow::bail!("--per-document must be at least 1");
            }
            let spec = dyad::synth::Spec {
                actors: *actors,
                claims: *claims,
                claims_per_document: *per_document,
                seed: *seed,
            };
            let rows = dyad::synth::generate(&spec, output)
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!(
                "wrote {} ({actors} actors, {claims} claims, {rows} edge-list rows)",
                output.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Import(_)) => return import(&cli),
        Some(Command::Ingest {
            file,
            id,
            title,
            author,
            publisher,
            date,
            genre,
            min_confidence,
        }) => {
            let meta = dyad::edit::NewDocument {
                min_confidence: *min_confidence,
                id: id.clone(),
                title: title.clone(),
                author: author.clone(),
                publisher: publisher.clone(),
                date: date.clone(),
                genre: genre.as_deref().and_then(dyad::model::Genre::parse),
            };
            return ingest(&cli, file, &meta);
        }
        Some(Command::Review { id }) => return review(&cli, id),
        Some(Command::Add { args }) => {
            let words: Vec<String> = std::iter::once("add".to_string())
                .chain(args.iter().cloned())
                .collect();
            return change(&cli, &words);
        }
        Some(Command::Retract { cite, reason }) => {
            let words = vec!["retract".to_string(), cite.clone(), reason.join(" ")];
            return change(&cli, &words);
        }
        Some(Command::Amend { cite, changes }) => {
            let words: Vec<String> = ["amend".to_string(), cite.clone()]
                .into_iter()
                .chain(changes.iter().cloned())
                .collect();
            return change(&cli, &words);
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Cli::command(), "dyad", &mut io::stdout());
            return Ok(ExitCode::SUCCESS);
        }
        None => {}
    }

    let db = match open_database(&cli) {
        Ok(db) => db,
        Err(e) => {
            let which = cli
                .data
                .as_ref()
                .map_or("the built-in database".to_string(), |d| {
                    d.display().to_string()
                });
            eprintln!("{}", dyad::text::terminal_safe(&e.to_string()));
            eprintln!("error: cannot load {which}; run `dyad check` for the same report");
            return Ok(ExitCode::from(EXIT_DATA));
        }
    };
    let mut session = Session::new(db);
    session.dir = cli.data.as_ref().map(|d| dir_source(&cli, d));
    session.timeout = cli.timeout;
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| parse_width(&c).ok());
    session.width = cli.width.or(columns).unwrap_or(session.width);
    session.width_auto = cli.width.is_none();
    session.format = cli.format;
    if cli.format == Format::Json {
        // One JSON document per line, so that a script reads answers line by line.
        session.pretty_json = false;
    }

    if !cli.commands.is_empty() {
        let lines = cli.commands.iter().map(|c| Ok(Line::Text(c.clone())));
        return run_lines(&mut session, lines, cli.bail, false);
    }
    if let Some(path) = &cli.file {
        let file =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let lines = io::BufReader::new(file)
            .split(b'\n')
            .map(|bytes| bytes.map(Line::from_bytes));
        return run_lines(&mut session, lines, cli.bail, true);
    }
    if io::stdin().is_terminal() {
        return interactive::repl(session, !cli.no_history);
    }
    // A script is read a line at a time, as bytes: answers come out as their lines are read,
    // and a line that is not UTF-8 fails on its own, with its number, instead of the script.
    let lines = io::stdin()
        .lock()
        .split(b'\n')
        .map(|bytes| bytes.map(Line::from_bytes));
    run_lines(&mut session, lines, cli.bail, true)
}

/// One line of input to run.
enum Line {
    /// A line of text.
    Text(String),
    /// A line of a script that is not UTF-8: the line as far as it can be shown, and why.
    NotUtf8(String, QueryError),
}

impl Line {
    /// A script's line from its bytes, without the line break (`\n` or `\r\n`).
    fn from_bytes(mut bytes: Vec<u8>) -> Line {
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        match String::from_utf8(bytes) {
            Ok(text) => Line::Text(text),
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let column = String::from_utf8_lossy(&bytes[..at]).chars().count() + 1;
                let error = QueryError {
                    message: format!(
                        "the line is not valid UTF-8: byte 0x{:02x} at column {column}",
                        bytes[at]
                    ),
                    column: Some(column),
                    help: Some("save the script as UTF-8".into()),
                };
                Line::NotUtf8(String::from_utf8_lossy(bytes).into_owned(), error)
            }
        }
    }
}

/// Runs queries non-interactively: answers to stdout, errors to stderr (or, in JSON mode, as
/// error documents on stdout so that every query gets exactly one document). Errors in a
/// script name their line; errors in `-c` queries point at the column. A failed line, one that
/// is not UTF-8 included, fails only itself, unless `bail` stops at it; failing to read the
/// input stops everything.
fn run_lines(
    session: &mut Session,
    lines: impl Iterator<Item = io::Result<Line>>,
    bail: bool,
    script: bool,
) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    let mut failed = false;
    for (i, line) in lines.enumerate() {
        // Answers of repeated -c are told apart by a blank line, as psql does.
        if i > 0 && !script && session.format != Format::Json {
            writeln!(out)?;
        }
        let (line, result) = match line.context("cannot read the queries")? {
            Line::Text(line) => {
                let result = session.eval_line(&line, &mut out);
                (line, result)
            }
            Line::NotUtf8(shown, e) => (shown, Err(EvalError::Query(e))),
        };
        match result {
            Ok(Flow::Quit) => break,
            Ok(Flow::Continue) => {}
            Err(EvalError::Io(e)) => return Err(e).context("cannot write the answer"),
            Err(EvalError::Query(e)) => {
                failed = true;
                if session.format == Format::Json {
                    writeln!(out, "{}", render::json_error(line.trim(), &e))?;
                } else {
                    // Answers already written go out before the error that follows them.
                    out.flush()?;
                    if script {
                        eprintln!("line {}: {}", i + 1, render::error_text(None, &e));
                    } else {
                        eprintln!("{}", render::error_text(Some(&line), &e));
                    }
                }
                if bail {
                    break;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(EXIT_QUERY)
    } else {
        ExitCode::SUCCESS
    })
}

fn check(cli: &Cli) -> Result<ExitCode> {
    let mut out = io::stdout().lock();
    let src = source(cli);
    let loaded = dyad::load::load_with(src.as_ref(), &progress::Bar::new());
    match loaded {
        Ok(db) => {
            let retracted = db.claims.iter().filter(|c| c.retracted).count();
            let retracted = if retracted > 0 {
                format!(" ({retracted} retracted)")
            } else {
                String::new()
            };
            writeln!(
                out,
                "ok: {}, {}, {}{retracted}, {}",
                count(db.actors.len(), "actor"),
                count(db.documents.len(), "document"),
                count(db.claims.len(), "claim"),
                count(db.graph.edge_count(), "relation")
            )?;
            // Datasets load with their malformed rows skipped; check lists every one.
            for r in &db.datasets {
                writeln!(out, "dataset {} ({}):", r.id, r.format)?;
                let display = |rel: &str| src.display(&dyad::load::document_path(rel));
                write!(out, "{}", render::dataset_report(r, &display))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            writeln!(out, "{}", dyad::text::terminal_safe(&e.to_string()))?;
            Ok(ExitCode::from(EXIT_DATA))
        }
    }
}

fn import(cli: &Cli) -> Result<ExitCode> {
    let Some(Command::Import(args)) = &cli.command else {
        unreachable!("import is called for the import subcommand")
    };
    let ImportArgs {
        format,
        file,
        id,
        in_place,
        title,
        publisher,
        licence,
        url,
        mentions,
        source,
        target,
        kind_column,
        sign_column,
        action_column,
        date_column,
        weight_column,
        as_kind,
        names,
    } = args.as_ref();
    let dir = cli.data.as_ref().context(
        "`dyad import` adds to a database directory: give --data DIR (a new directory is created)",
    )?;
    let names = match names.as_deref() {
        None => None,
        Some(list) => Some(match list.strip_prefix('@') {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the names file {path}"))?
                .lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
            None => list.split(',').map(|n| n.trim().to_string()).collect(),
        }),
    };
    let mapping = dyad::dataset::Mapping {
        source: source.clone(),
        target: target.clone(),
        kind: kind_column.clone(),
        sign: sign_column.clone(),
        action: action_column.clone(),
        date: date_column.clone(),
        weight: weight_column.clone(),
        as_kind: as_kind.as_deref().and_then(|k| k.parse().ok()),
        names,
        mentions: None,
    };
    let request = dyad::import::Request {
        dir: dir.clone(),
        format: *format,
        file: file.clone(),
        id: id.clone(),
        in_place: *in_place,
        title: title.clone(),
        publisher: publisher.clone(),
        licence: licence.clone(),
        url: url.clone(),
        mapping,
        mentions: mentions.clone(),
    };
    let outcome = dyad::import::import(&request, policy(cli), &progress::Bar::new())
        .map_err(|e| anyhow!("{e}"))?;
    let mut out = io::stdout().lock();
    let what = if outcome.written.is_empty() {
        "unchanged: the same file and options are already imported; nothing was written"
    } else if outcome.added {
        "added"
    } else {
        "updated: its claims are now this file's"
    };
    writeln!(
        out,
        "{} {}: {what}",
        outcome.id,
        dyad::text::terminal_safe(&file.display().to_string())
    )?;
    let src = dir_source(cli, dir);
    let display = |rel: &str| src.display(&dyad::load::document_path(rel));
    write!(out, "{}", render::dataset_report(&outcome.report, &display))?;
    writeln!(
        out,
        "database {}: {}, {}, {}",
        dyad::text::terminal_safe(&dir.display().to_string()),
        count(outcome.db.actors.len(), "actor"),
        count(outcome.db.claims.len(), "claim"),
        count(outcome.db.graph.edge_count(), "relation")
    )?;
    Ok(ExitCode::SUCCESS)
}

fn fmt(cli: &Cli, check: bool) -> Result<ExitCode> {
    let dir = cli
        .data
        .as_ref()
        .context("`dyad fmt` rewrites files, so it needs --data DIR")?;
    let src = dir_source(cli, dir);
    let db = dyad::load(&src)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("cannot format {}: it does not load", dir.display()))?;
    let records = dyad::load::to_records(&db);
    // Every comment is written back beside the record or field it was attached to. One that
    // has no such place stops the whole run before anything is written: a comment is never
    // dropped, and a database is never left half formatted on purpose.
    let mut comments = dyad::store::CommentsByFile::new();
    let mut refused = Vec::new();
    for rel in dyad::store::file_paths(&records) {
        let path = dir.join(&rel);
        // Read as the loader reads: regular files only, within the size limit.
        let text = match src.fetch(&rel, dyad::load::Role::Data) {
            Ok(f) => String::from_utf8_lossy(&f.bytes).into_owned(),
            Err(dyad::load::ReadError::NotFound) => continue,
            Err(e) => return Err(anyhow!("cannot read {}: {e}", path.display())),
        };
        match dyad::store::Comments::extract(&text) {
            Ok(found) if found.is_empty() => {}
            Ok(found) => {
                comments.insert(rel, found);
            }
            Err(e) => refused.push(format!("{}:{e}", path.display())),
        }
    }
    if !refused.is_empty() {
        return Err(anyhow!(
            "cannot format {} without losing comments, so nothing was written:\n{}",
            dir.display(),
            refused.join("\n")
        ));
    }
    let mut out = io::stdout().lock();
    if check {
        let changes = dyad::store::changes_with_comments(dir, &records, &comments);
        for (rel, _) in &changes {
            writeln!(out, "would reformat {}", dir.join(rel).display())?;
        }
        return Ok(if changes.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_DATA)
        });
    }
    // Each file is replaced atomically, and only if its text changes.
    let written = dyad::store::save_dir_with_comments(dir, &records, &comments)
        .with_context(|| format!("cannot format {}", dir.display()))?;
    for rel in written {
        writeln!(out, "reformatted {}", dir.join(rel).display())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn export(
    cli: &Cli,
    mut format: ExportFormat,
    query: Option<&str>,
    output: Option<&std::path::Path>,
    rollup: bool,
    options: &ExportOptions,
) -> Result<ExitCode> {
    use dyad::export::{self, Subgraph};
    use dyad::text::terminal_safe;
    if options.csv_cells == CsvCells::Raw && format != ExportFormat::Csv {
        anyhow::bail!("--csv-raw applies to csv exports only, not {format}");
    }
    let loaded = open_database(cli);
    let db = loaded
        .map_err(|e| anyhow!("{e}"))
        .context("cannot load the database")?;
    let mut g = match query {
        None => Subgraph::whole(&db, rollup),
        Some(q) => match dyad::answer::run(&db, q) {
            Ok(a) => Subgraph::of(&db, &a)?,
            Err(e) => {
                eprintln!("{}", render::error_text(Some(q), &e));
                return Ok(ExitCode::from(EXIT_QUERY));
            }
        },
    };
    options.shape(&mut g);
    // `export dot -o x.svg` renders, as the file name asks.
    if format == ExportFormat::Dot {
        if let Some(f) = output
            .and_then(ExportFormat::from_path)
            .filter(|f| f.is_rendered())
        {
            format = f;
        }
    }
    if format.writes_directory() {
        let dir = output.with_context(|| {
            format!(
                "{} export writes three files: give a directory with -o DIR",
                format.name()
            )
        })?;
        for p in export::write_to_with(&db, &g, format, dir, options)? {
            eprintln!("wrote {}", terminal_safe(&p.display().to_string()));
        }
        return Ok(ExitCode::SUCCESS);
    }
    match output {
        Some(path) => {
            // The export's own error names the file, so it needs no context here.
            export::write_file(&db, &g, format, path)?;
            eprintln!(
                "wrote {} ({}, {})",
                terminal_safe(&path.display().to_string()),
                count(g.actors.len(), "actor"),
                count(g.edges.len(), "relation")
            );
        }
        None => {
            let bytes = export::to_bytes(&db, &g, format)?;
            if format.is_binary() && io::stdout().is_terminal() {
                anyhow::bail!("refusing to write a binary image to the terminal: give -o FILE or redirect the output");
            }
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The database directory a command that writes needs.
fn writable_dir(cli: &Cli) -> Result<&Path> {
    match &cli.data {
        Some(d) if d.is_dir() => Ok(d),
        Some(d) => anyhow::bail!("{} is not a database directory", d.display()),
        None => anyhow::bail!(
            "the built-in seed database cannot be changed; give --data DIR (a copy of data/ will do)"
        ),
    }
}

/// The database a change starts from, or the exit code after saying why it does not load.
fn open_to_change(cli: &Cli) -> Result<dyad::Database, ExitCode> {
    open_database(cli).map_err(|e| {
        eprintln!("{}", dyad::text::terminal_safe(&e.to_string()));
        eprintln!("error: the database does not load; fix it (`dyad check`) before changing it");
        ExitCode::from(EXIT_DATA)
    })
}

/// Prints why a change was refused and returns the exit code for it.
fn refused(e: dyad::edit::EditError) -> Result<ExitCode> {
    eprintln!("error: {}", dyad::text::terminal_safe(&e.to_string()));
    Ok(ExitCode::from(match e {
        dyad::edit::EditError::Invalid(_) => EXIT_DATA,
        dyad::edit::EditError::Io(_) => 1,
        dyad::edit::EditError::Usage(_) => 2,
    }))
}

/// `dyad add`, `retract`, `amend`.
fn change(cli: &Cli, words: &[String]) -> Result<ExitCode> {
    let root = writable_dir(cli)?;
    let db = match open_to_change(cli) {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let applied =
        match dyad::edit::Change::parse(words).and_then(|c| c.apply(&dir_source(cli, root), &db)) {
            Ok(a) => a,
            Err(e) => return refused(e),
        };
    if cli.format == Format::Json {
        let files: Vec<_> = applied.files.iter().map(|f| root.join(f)).collect();
        println!(
            "{}",
            serde_json::json!({"type": "change", "summary": applied.summary, "wrote": files})
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", applied.summary);
    for f in &applied.files {
        eprintln!("wrote {}", root.join(f).display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `dyad ingest`.
fn ingest(cli: &Cli, file: &Path, meta: &dyad::edit::NewDocument) -> Result<ExitCode> {
    let root = writable_dir(cli)?;
    let db = match open_to_change(cli) {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let started = std::time::Instant::now();
    let done = match dyad::edit::ingest(&dir_source(cli, root), &db, file, meta) {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    let f = &done.found;
    let below = f
        .proposals
        .iter()
        .filter(|p| p.confidence < meta.min_confidence)
        .count();
    if cli.format == Format::Json {
        // One document for scripts: what was read, proposed, left out and written.
        let mut by_kind = serde_json::Map::new();
        for p in &f.proposals {
            let n = by_kind
                .entry(p.claim.kind.as_str())
                .or_insert(serde_json::json!(0));
            *n = serde_json::json!(n.as_u64().unwrap_or(0) + 1);
        }
        let actors: Vec<serde_json::Value> = f
            .actors
            .iter()
            .map(|a| serde_json::json!({"name": a.name, "count": a.count, "line": a.line}))
            .collect();
        let doc = serde_json::json!({
            "type": "ingest",
            "document": done.id,
            "added": done.added,
            "words": f.words,
            "sentences": f.sentences,
            "sentences_with_pairs": f.with_pairs,
            "proposed": f.proposals.len(),
            "proposed_by_kind": by_kind,
            "to_review": done.pending,
            "already_decided": done.decided,
            "below_min_confidence": below,
            "unknown_names": actors,
            "proposals_file": root.join(&done.proposals_file),
        });
        println!("{doc}");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} {}: {}, {}, {} naming two or more actors",
        if done.added { "added" } else { "read again" },
        done.id,
        count(f.words, "word"),
        count(f.sentences, "sentence"),
        f.with_pairs
    );
    let mut by_kind = std::collections::BTreeMap::new();
    for p in &f.proposals {
        *by_kind.entry(p.claim.kind.as_str()).or_insert(0) += 1;
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "proposed {} ({}); {} to review, {} already decided",
        count(f.proposals.len(), "claim"),
        kinds.join(", "),
        done.pending,
        done.decided
    );
    if below > 0 {
        println!(
            "left out {below} below --min-confidence {}",
            meta.min_confidence
        );
    }
    if !f.actors.is_empty() {
        let names: Vec<String> = f
            .actors
            .iter()
            .take(10)
            .map(|a| format!("{} ({}×)", a.name, a.count))
            .collect();
        println!(
            "names that match no actor: {}",
            dyad::text::terminal_safe(&names.join(", "))
        );
    }
    println!(
        "wrote {} in {:.0} ms",
        root.join(&done.proposals_file).display(),
        started.elapsed().as_secs_f64() * 1e3
    );
    println!("next: dyad review {} --data {}", done.id, root.display());
    Ok(ExitCode::SUCCESS)
}

/// `dyad review`: one proposal at a time, answers from standard input.
fn review(cli: &Cli, id: &str) -> Result<ExitCode> {
    use std::io::BufRead;
    let root = writable_dir(cli)?;
    let mut db = match open_to_change(cli) {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let mut r = match dyad::review::Review::open(&dir_source(cli, root), id) {
        Ok(r) => r,
        Err(e) => return refused(e),
    };
    println!("{} pending · {}", r.pending(), dyad::review::HELP);
    let stdin = io::stdin();
    let mut lines = stdin.lock().lines();
    while !r.done() {
        print!("\n{}review> ", r.show(&db));
        io::stdout().flush()?;
        let Some(line) = lines.next() else { break };
        match r.step(&mut db, &line?) {
            Ok(dyad::review::Next::Done) => break,
            Ok(dyad::review::Next::More) => {}
            Err(e) => eprintln!("{}", dyad::text::terminal_safe(&e.to_string())),
        }
    }
    println!("\n{}", r.summary());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_size_limit_is_the_librarys() {
        let cli = Cli::parse_from(["dyad"]);
        assert_eq!(cli.max_file_size, dyad::load::DEFAULT_MAX_FILE_SIZE);
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1500"), Ok(1500));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999T").is_err());
    }
}
