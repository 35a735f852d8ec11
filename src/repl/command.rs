//! Session commands: the dot-commands of the REPL (`.mode`, `.read`, …) and `export`.
//!
//! Each command is defined once in [`COMMANDS`] (its words, arguments and help line); `.help`
//! and completion read that table. A line is first parsed into a [`Command`]
//! ([`Command::parse`], pure, testable without a session) and then run by the session
//! ([`crate::repl::Session::run`]). Queries are not commands: they go through
//! [`crate::query::parse`].
//!
//! This module must not run anything or touch files: parsing only.

use crate::answer::QueryError;
use crate::render::{Format, MIN_WIDTH};

/// What `.width` sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// Follow the terminal's width (the default in the REPL).
    Auto,
    /// This many columns, until `.width auto`.
    Columns(usize),
}

/// A parsed session command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `.mode` alone shows the output mode; with a mode it sets it.
    Mode(Option<Format>),
    /// `.read FILE`: run each line of a file.
    Read(String),
    /// `.output FILE` sends every answer to FILE (each rewrite atomic) until `.output`
    /// alone sends them back to standard output.
    Output(Option<String>),
    /// `.once FILE` sends the next answer to FILE.
    Once(String),
    /// `.timer` alone shows whether queries are timed; `.timer on|off` sets it.
    Timer(Option<bool>),
    /// `.pager` alone shows whether long answers go through a pager on a terminal;
    /// `.pager on|off` sets it.
    Pager(Option<bool>),
    /// `.width` alone shows the width; `.width N` lays text out for N columns until
    /// `.width auto` follows the terminal again.
    Width(Option<Width>),
    /// `.rollup` alone shows whether people and components roll up; with on or off it sets
    /// the session's default (a query's own `rollup on|off` wins).
    Rollup(Option<bool>),
    /// `.help`: the list of commands.
    Help,
    /// `.quit`: leave.
    Quit,
    /// `export [graph] [FORMAT] FILE`: write the last answer, or the whole graph.
    Export {
        /// The whole graph rather than the last answer.
        whole: bool,
        /// The format word, if given; else the file's extension decides.
        format: Option<String>,
        /// Where to write (a directory for csv).
        file: String,
        /// `layout NAME`: the diagram's layout engine.
        layout: Option<crate::export::Layout>,
        /// `top N`: keep only the N most relevant actors.
        top: Option<usize>,
    },
}

/// One session command's definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    /// The word as typed, with its dot (`.mode`), or `export`.
    pub name: &'static str,
    /// Other words for it.
    pub aliases: &'static [&'static str],
    /// Its arguments as help shows them, e.g. `table|json`.
    pub args: &'static str,
    /// What it does, in a line or two.
    pub help: &'static str,
}

/// Every session command, in the order `.help` lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: ".mode",
        aliases: &[],
        args: "text|json|csv|tsv|markdown|table",
        help: "how answers print; alone, the current mode. The tabular modes print each list in \
               an answer (evidence, neighbours, mediators, contested pairs, rankings, matches, \
               documents, the sections of `stats`) as a table: CSV with a header line, TSV, \
               markdown, or boxed columns fitted to the width, one record at a time when prose \
               would not fit",
    },
    CommandSpec {
        name: ".read",
        aliases: &[],
        args: "FILE",
        help: "run each line of FILE (quote a name with spaces); a file that reads itself is \
               refused",
    },
    CommandSpec {
        name: ".output",
        aliases: &[],
        args: "[FILE]",
        help: "send answers to FILE, rewritten atomically after each; alone, back to the screen",
    },
    CommandSpec {
        name: ".once",
        aliases: &[],
        args: "FILE",
        help: "send the next answer to FILE",
    },
    CommandSpec {
        name: ".timer",
        aliases: &[],
        args: "[on|off]",
        help: "print how long each query took; alone, whether it does",
    },
    CommandSpec {
        name: ".pager",
        aliases: &[],
        args: "[on|off]",
        help: "show answers longer than the terminal through $PAGER (else `less -FRX`); alone, \
               whether it does",
    },
    CommandSpec {
        name: ".width",
        aliases: &[],
        args: "[N|auto]",
        help: "lay text out for N columns (kept until `.width auto`); alone, the width",
    },
    CommandSpec {
        name: ".rollup",
        aliases: &[],
        args: "[on|off]",
        help: "roll people and components up to the actor they belong to (on by default); \
               alone, whether they do",
    },
    CommandSpec {
        name: ".help",
        // The habits of psql (`\?`) and of editors (`:help`).
        aliases: &["\\?", ":help", ":h"],
        args: "",
        help: "this list; `help` lists the queries",
    },
    CommandSpec {
        name: "export",
        aliases: &[],
        args: "[graph] [FORMAT] FILE [layout NAME] [top N]",
        help: "write the last answer (or the whole graph) in a FORMAT (csv writes a directory)",
    },
    CommandSpec {
        name: ".quit",
        aliases: &[".exit", ".q", "\\q", ":q", ":quit"],
        args: "",
        help: "leave (also Ctrl-D)",
    },
];

/// The mode words `.mode` accepts: the output formats' names ([`Format::ALL`]).
pub fn modes() -> impl Iterator<Item = &'static str> {
    Format::ALL.into_iter().map(Format::name)
}

/// The `.help` text, from [`COMMANDS`].
pub fn help_text() -> String {
    let formats = crate::export::ExportFormat::usage_names();
    // Rows are indented with two spaces before the description, the layout
    // [`crate::render::help_laid_out`] wraps to the width.
    let rows: Vec<String> = COMMANDS
        .iter()
        .map(|c| {
            let args = if c.name == "export" {
                format!("[graph] [{formats}] FILE [layout dot|neato|sfdp|circo] [top N]")
            } else {
                c.args.to_string()
            };
            let head = format!("{} {args}", c.name);
            let head = head.trim_end();
            if head.chars().count() > 18 {
                format!("  {head}\n  {:18}  {}", "", c.help)
            } else {
                format!("  {head:<18}  {}", c.help)
            }
        })
        .collect();
    let changes: Vec<String> = crate::edit::CHANGE_SYNTAX
        .lines()
        .map(|l| format!("  {l}"))
        .collect();
    format!(
        "Commands:\n{}\n\nChanging the database (started with --data DIR):\n{}\n  review DOC  walk \
         the claims `dyad ingest` proposed from a document",
        rows.join("\n"),
        changes.join("\n")
    )
}

/// The usage line `export` errors show.
pub fn export_usage() -> String {
    format!(
        "usage: export [graph] [{}] FILE — e.g. `export dot path.dot`, `export mediators.svg`, `export graph graphml dyad.graphml`",
        crate::export::ExportFormat::usage_names()
    )
}

fn error(message: impl Into<String>, help: impl Into<String>) -> QueryError {
    QueryError {
        message: message.into(),
        column: None,
        help: Some(help.into()),
    }
}

impl Command {
    /// Whether a line is a session command rather than a query.
    pub fn is_command(line: &str) -> bool {
        let t = line.trim_start();
        t.starts_with(['.', '\\', ':']) || t == "export" || t.starts_with("export ")
    }

    /// Parses a session command line (`.mode json`, `export graph x.svg`, `.read "a b.dyad"`).
    pub fn parse(line: &str) -> Result<Command, QueryError> {
        // Double quotes group a file name with spaces: `.read "my queries.dyad"`.
        let split = crate::edit::split_words(line)
            .map_err(|e| error(e.to_string(), "close the quote: `.read \"my file.dyad\"`"))?;
        let mut words = split.iter().map(String::as_str);
        let head = words.next().unwrap_or("");
        let args: Vec<&str> = words.collect();
        let Some(spec) = spec_of(head) else {
            return Err(error(
                format!("unknown command '{head}'"),
                "`.help` lists the commands",
            ));
        };
        Ok(match (spec.name, args.as_slice()) {
            (".quit", []) => Command::Quit,
            (".help", []) => Command::Help,
            (".mode", []) => Command::Mode(None),
            (".mode", [word]) if Format::parse(word).is_some() => {
                Command::Mode(Format::parse(word))
            }
            (".mode", [other]) => {
                return Err(error(
                    format!("unknown mode '{other}'"),
                    format!("modes are {}", modes().collect::<Vec<_>>().join(", ")),
                ))
            }
            (".pager", []) => Command::Pager(None),
            (".pager", ["on"]) => Command::Pager(Some(true)),
            (".pager", ["off"]) => Command::Pager(Some(false)),
            (".pager", _) => return Err(error("`.pager` takes on or off", "e.g. `.pager off`")),
            (".timer", []) => Command::Timer(None),
            (".timer", ["on"]) => Command::Timer(Some(true)),
            (".timer", ["off"]) => Command::Timer(Some(false)),
            (".timer", _) => return Err(error("`.timer` takes on or off", "e.g. `.timer on`")),
            (".width", []) => Command::Width(None),
            (".width", ["auto"]) => Command::Width(Some(Width::Auto)),
            (".width", [n]) => match n.parse::<usize>() {
                Ok(w) if w >= MIN_WIDTH => Command::Width(Some(Width::Columns(w))),
                _ => {
                    return Err(error(
                        format!("`.width` needs a number of columns, at least {MIN_WIDTH}"),
                        "e.g. `.width 120`",
                    ))
                }
            },
            (".width", _) => {
                return Err(error(
                    format!("`.width` needs a number of columns, at least {MIN_WIDTH}"),
                    "e.g. `.width 120`",
                ))
            }
            (".rollup", []) => Command::Rollup(None),
            (".rollup", ["on"]) => Command::Rollup(Some(true)),
            (".rollup", ["off"]) => Command::Rollup(Some(false)),
            (".rollup", _) => return Err(error("`.rollup` takes on or off", "e.g. `.rollup off`")),
            (".read", [path]) => Command::Read(path.to_string()),
            (".output", []) => Command::Output(None),
            (".output", [path]) => Command::Output(Some(path.to_string())),
            (".once", [path]) => Command::Once(path.to_string()),
            (".output" | ".once", _) => {
                return Err(error(
                    format!("`{}` takes one file name", spec.name),
                    "e.g. `.once answer.txt`",
                ))
            }
            (".read", _) => {
                return Err(error(
                    "`.read` needs one file name",
                    "e.g. `.read queries.dyad`",
                ))
            }
            ("export", rest) => {
                let mut rest = rest.to_vec();
                let whole = rest.first() == Some(&"graph");
                if whole {
                    rest.remove(0);
                }
                // `layout NAME` and `top N` may follow the file, as on the command line.
                let mut layout = None;
                let mut top = None;
                while rest.len() >= 2 {
                    let (word, value) = (rest[rest.len() - 2], rest[rest.len() - 1]);
                    match word {
                        "layout" => {
                            layout =
                                Some(crate::export::Layout::parse(value).ok_or_else(|| {
                                    let names: Vec<&str> = crate::export::Layout::ALL
                                        .iter()
                                        .map(|l| l.name())
                                        .collect();
                                    error(
                                        format!("unknown layout '{value}'"),
                                        format!("layouts are {}", names.join(", ")),
                                    )
                                })?);
                        }
                        "top" => {
                            top = Some(value.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(
                                || error("`top` needs a positive number", "e.g. `top 30`"),
                            )?);
                        }
                        _ => break,
                    }
                    rest.truncate(rest.len() - 2);
                }
                let (format, file) = match rest.as_slice() {
                    [format, file] => (Some(format.to_string()), file.to_string()),
                    [file] => (None, file.to_string()),
                    _ => return Err(error("`export` needs a file", export_usage())),
                };
                Command::Export {
                    whole,
                    format,
                    file,
                    layout,
                    top,
                }
            }
            (name, _) => {
                return Err(error(
                    format!("`{name}` takes no arguments"),
                    "`.help` lists the commands",
                ))
            }
        })
    }
}

/// The definition a command word names, by name or alias (`\\q` is `.quit`).
pub fn spec_of(word: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|c| c.name == word || c.aliases.contains(&word))
}

/// Every command word, names and aliases.
pub fn command_words() -> impl Iterator<Item = &'static str> {
    COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(line: &str, want: Command) {
        assert_eq!(Command::parse(line), Ok(want), "{line}");
    }

    #[track_caller]
    fn check_err(line: &str, fragment: &str) {
        let e = Command::parse(line).expect_err(line);
        assert!(e.to_string().contains(fragment), "{line}: {e}");
    }

    #[test]
    fn mode_alone_shows() {
        check(".mode", Command::Mode(None));
    }
    #[test]
    fn mode_json() {
        check(".mode json", Command::Mode(Some(Format::Json)));
    }
    #[test]
    fn mode_text_is_text_and_table_is_a_table() {
        check(".mode text", Command::Mode(Some(Format::Text)));
        check(".mode table", Command::Mode(Some(Format::Table)));
        check(".mode csv", Command::Mode(Some(Format::Csv)));
        check(".mode TSV", Command::Mode(Some(Format::Tsv)));
        check(".mode md", Command::Mode(Some(Format::Markdown)));
    }
    #[test]
    fn the_mode_syntax_lists_every_format() {
        let spec = COMMANDS.iter().find(|c| c.name == ".mode").unwrap();
        assert_eq!(spec.args, modes().collect::<Vec<_>>().join("|"));
    }
    #[test]
    fn mode_unknown() {
        check_err(".mode xml", "unknown mode 'xml'");
    }
    #[test]
    fn timer_on() {
        check(".timer on", Command::Timer(Some(true)));
        check(".timer", Command::Timer(None));
        check(".pager", Command::Pager(None));
        check(".pager off", Command::Pager(Some(false)));
        check_err(".pager less", "`.pager` takes on or off");
    }
    #[test]
    fn timer_needs_on_or_off() {
        check_err(".timer maybe", "takes on or off");
    }
    #[test]
    fn width_sets_columns() {
        check(".width 120", Command::Width(Some(Width::Columns(120))));
        check(".width auto", Command::Width(Some(Width::Auto)));
        check(".width", Command::Width(None));
    }
    #[test]
    fn width_too_narrow() {
        check_err(".width 10", "at least 40");
    }
    #[test]
    fn rollup_switch() {
        check(".rollup off", Command::Rollup(Some(false)));
        check(".rollup", Command::Rollup(None));
        check_err(".rollup maybe", "takes on or off");
    }
    #[test]
    fn read_a_file() {
        check(".read q.dyad", Command::Read("q.dyad".into()));
    }
    #[test]
    fn read_needs_a_file() {
        check_err(".read", "needs one file name");
    }
    #[test]
    fn quit_and_its_aliases() {
        check(".quit", Command::Quit);
        check(".q", Command::Quit);
        check(".exit", Command::Quit);
    }
    #[test]
    fn help_takes_no_arguments() {
        check_err(".help me", "takes no arguments");
    }
    #[test]
    fn unknown_command() {
        check_err(".frobnicate", "unknown command '.frobnicate'");
    }
    #[test]
    fn export_by_extension() {
        check(
            "export m.svg",
            Command::Export {
                whole: false,
                format: None,
                file: "m.svg".into(),
                layout: None,
                top: None,
            },
        );
    }
    #[test]
    fn export_takes_a_layout_and_a_top() {
        check(
            "export graph whole.svg layout sfdp top 30",
            Command::Export {
                whole: true,
                format: None,
                file: "whole.svg".into(),
                layout: Some(crate::export::Layout::Sfdp),
                top: Some(30),
            },
        );
        check_err("export m.svg layout spring", "unknown layout 'spring'");
        check_err("export m.svg top 0", "`top` needs a positive number");
    }
    #[test]
    fn export_whole_graph_with_format() {
        check(
            "export graph graphml g.xml",
            Command::Export {
                whole: true,
                format: Some("graphml".into()),
                file: "g.xml".into(),
                layout: None,
                top: None,
            },
        );
    }
    #[test]
    fn export_needs_a_file() {
        check_err("export", "needs a file");
    }
    #[test]
    fn help_lists_every_command() {
        let h = help_text();
        for c in COMMANDS {
            assert!(h.contains(c.name), "{}", c.name);
        }
        assert!(h.contains("dot|svg|png|pdf|json|graphml|csv"));
    }
    #[test]
    fn queries_are_not_commands() {
        assert!(!Command::is_command("path Turkey Iran"));
        assert!(!Command::is_command("exporter"));
        assert!(Command::is_command(".mode"));
        assert!(Command::is_command("export x.dot"));
    }
}
