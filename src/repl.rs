//! The REPL's engine, without a terminal: [`Session::eval_line`] reads one line and writes its
//! answer to any `Write`. The binary wraps it in a rustyline loop; tests drive it directly.
//!
//! Besides queries, a session takes dot-commands in the style of database shells:
//! `.mode table|json`, `.read FILE`, `.timer on|off`, `.width N`, `.help`, `.quit`.

use std::fmt;
use std::io::{self, Write};
use std::time::Instant;

use crate::answer::{self, Answer, QueryError};
use crate::db::Database;
use crate::model::{Certainty, RelationKind};
use crate::query::{self, Query, COMMANDS, OPTIONS};
use crate::render::{self, Format};

/// What the caller should do after a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// Why a line failed.
#[derive(Debug)]
pub enum EvalError {
    /// The query or command was wrong; the session goes on.
    Query(QueryError),
    /// Writing the output failed (a closed pipe, say).
    Io(io::Error),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Query(e) => e.fmt(f),
            EvalError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for EvalError {}

impl From<io::Error> for EvalError {
    fn from(e: io::Error) -> Self {
        EvalError::Io(e)
    }
}

impl From<QueryError> for EvalError {
    fn from(e: QueryError) -> Self {
        EvalError::Query(e)
    }
}

fn command_error(message: impl Into<String>, help: impl Into<String>) -> EvalError {
    EvalError::Query(QueryError {
        message: message.into(),
        column: None,
        help: Some(help.into()),
    })
}

/// A REPL session over one database.
pub struct Session {
    db: Database,
    pub format: Format,
    /// Pretty-print JSON (the REPL does; `--format json` prints one line per answer).
    pub pretty_json: bool,
    pub timer: bool,
    pub width: usize,
    last: Option<Answer>,
    /// How deep `.read` files nest, to stop a file that reads itself.
    depth: usize,
}

impl Session {
    pub fn new(db: Database) -> Session {
        Session {
            db,
            format: Format::Text,
            pretty_json: true,
            timer: false,
            width: 100,
            last: None,
            depth: 0,
        }
    }

    pub fn db(&self) -> &Database {
        &self.db
    }

    /// The last successful answer, for exports.
    pub fn last_answer(&self) -> Option<&Answer> {
        self.last.as_ref()
    }

    /// Evaluates one line: a query, a dot-command, a `#` comment or blank (both ignored).
    pub fn eval_line(&mut self, line: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(Flow::Continue);
        }
        if let Some(cmd) = trimmed.strip_prefix('.') {
            return self.dot(cmd, out);
        }
        if trimmed == "export" || trimmed.starts_with("export ") {
            return self.export(trimmed["export".len()..].trim(), out);
        }
        let q = query::parse(trimmed).map_err(QueryError::from)?;
        if q == Query::Quit {
            return Ok(Flow::Quit);
        }
        let started = Instant::now();
        let a = answer::answer(&self.db, &q)?;
        let elapsed = started.elapsed();
        self.write_answer(&a, out)?;
        if self.timer {
            writeln!(out, "time: {:.3} ms", elapsed.as_secs_f64() * 1e3)?;
        }
        self.last = Some(a);
        Ok(Flow::Continue)
    }

    fn write_answer(&self, a: &Answer, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Text => out.write_all(render::text(a, self.width).as_bytes()),
            Format::Json => writeln!(out, "{}", render::json(a, self.pretty_json)),
        }
    }

    fn dot(&mut self, cmd: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let mut words = cmd.split_whitespace();
        let name = words.next().unwrap_or("");
        let arg: Vec<&str> = words.collect();
        match (name, arg.as_slice()) {
            ("quit" | "exit" | "q", []) => Ok(Flow::Quit),
            ("help", []) => {
                writeln!(out, "{DOT_HELP}")?;
                Ok(Flow::Continue)
            }
            ("mode", []) => {
                let m = if self.format == Format::Json {
                    "json"
                } else {
                    "table"
                };
                writeln!(out, "mode: {m}")?;
                Ok(Flow::Continue)
            }
            ("mode", ["table" | "text"]) => {
                self.format = Format::Text;
                Ok(Flow::Continue)
            }
            ("mode", ["json"]) => {
                self.format = Format::Json;
                Ok(Flow::Continue)
            }
            ("mode", [other]) => Err(command_error(
                format!("unknown mode '{other}'"),
                "modes are table and json",
            )),
            ("timer", ["on"]) => {
                self.timer = true;
                Ok(Flow::Continue)
            }
            ("timer", ["off"]) => {
                self.timer = false;
                Ok(Flow::Continue)
            }
            ("timer", _) => Err(command_error(
                "`.timer` takes on or off",
                "e.g. `.timer on`",
            )),
            ("width", [n]) => match n.parse::<usize>() {
                Ok(w) if w >= render::MIN_WIDTH => {
                    self.width = w;
                    Ok(Flow::Continue)
                }
                _ => Err(command_error(
                    format!(
                        "`.width` needs a number of columns, at least {}",
                        render::MIN_WIDTH
                    ),
                    "e.g. `.width 120`",
                )),
            },
            ("read", [path]) => self.read(path, out),
            ("read", _) => Err(command_error(
                "`.read` needs one file name",
                "e.g. `.read queries.dyad`",
            )),
            _ => Err(command_error(
                format!("unknown command '.{name}'"),
                "`.help` lists the commands",
            )),
        }
    }

    /// `export [graph] [FORMAT] FILE`: writes the last answer (or with `graph`, the whole
    /// graph) as DOT, a rendered SVG/PNG/PDF, JSON, GraphML, or CSV files in a directory. The
    /// format is the word given, or else the file's extension.
    fn export(&mut self, args: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        use crate::export::{self, ExportFormat, Subgraph};
        let usage = "usage: export [graph] [dot|svg|png|pdf|json|graphml|csv] FILE — e.g. `export dot path.dot`, `export mediators.svg`, `export graph graphml dyad.graphml`";
        let mut words: Vec<&str> = args.split_whitespace().collect();
        let whole = words.first() == Some(&"graph");
        if whole {
            words.remove(0);
        }
        let (format, file) = match words.as_slice() {
            [fmt, file] => {
                let mut f =
                    ExportFormat::parse(fmt).map_err(|e| command_error(e.to_string(), usage))?;
                // `export dot x.svg` renders, as the extension asks.
                if f == ExportFormat::Dot {
                    if let Some(by_ext) = ExportFormat::from_path(std::path::Path::new(file)) {
                        if matches!(
                            by_ext,
                            ExportFormat::Svg | ExportFormat::Png | ExportFormat::Pdf
                        ) {
                            f = by_ext;
                        }
                    }
                }
                (f, *file)
            }
            [file] => match ExportFormat::from_path(std::path::Path::new(file)) {
                Some(f) => (f, *file),
                None => {
                    return Err(command_error(
                        format!("cannot tell the format of '{file}' from its extension"),
                        usage,
                    ))
                }
            },
            _ => return Err(command_error("`export` needs a file", usage)),
        };
        let g = if whole {
            Subgraph::whole(&self.db)
        } else {
            let last = self.last.as_ref().ok_or_else(|| {
                command_error(
                    "there is no answer to export yet",
                    "run a query first, or `export graph FILE` for the whole graph",
                )
            })?;
            Subgraph::of(&self.db, last).map_err(|e| command_error(e.to_string(), usage))?
        };
        let path = std::path::Path::new(file);
        let result = if format == ExportFormat::Csv {
            export::write_csv_dir(&self.db, &g, path).map(|files| {
                files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        } else {
            export::write_file(&self.db, &g, format, path).map(|()| file.to_string())
        };
        match result {
            Ok(written) => {
                writeln!(
                    out,
                    "wrote {written} ({} actors, {} relations)",
                    g.actors.len(),
                    g.edges.len()
                )?;
                Ok(Flow::Continue)
            }
            Err(e) => Err(command_error(e.to_string(), usage)),
        }
    }

    /// Runs every line of a file; the first failing line stops it, naming the file and line.
    fn read(&mut self, path: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        if self.depth >= 8 {
            return Err(command_error(
                "`.read` nests too deeply",
                "a file may be reading itself",
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            command_error(
                format!("cannot read '{path}': {e}"),
                "give a path relative to the current directory",
            )
        })?;
        self.depth += 1;
        let result = (|| {
            for (i, line) in text.lines().enumerate() {
                match self.eval_line(line, out) {
                    Ok(Flow::Quit) => return Ok(Flow::Quit),
                    Ok(Flow::Continue) => {}
                    Err(EvalError::Query(mut e)) => {
                        e.message = format!("{path}:{}: {}", i + 1, e.message);
                        return Err(EvalError::Query(e));
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(Flow::Continue)
        })();
        self.depth -= 1;
        result
    }

    /// Completion candidates for the word that ends at `pos`: query words first, then options
    /// and actor names. Returns where the word starts and the candidates, sorted.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let head = &line[..pos];
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[start..];
        let folded = crate::text::fold(word);
        let before: Vec<&str> = head[..start].split_whitespace().collect();
        let mut out: Vec<String> = Vec::new();
        if before.is_empty() {
            if let Some(dot) = word.strip_prefix('.') {
                out.extend(
                    ["mode", "read", "timer", "width", "help", "quit"]
                        .iter()
                        .filter(|c| c.starts_with(dot))
                        .map(|c| format!(".{c}")),
                );
            } else {
                out.extend(
                    COMMANDS
                        .iter()
                        .filter(|c| c.starts_with(&word.to_ascii_lowercase()))
                        .map(|c| c.to_string()),
                );
            }
        } else {
            match before.last().map(|w| w.to_ascii_lowercase()) {
                Some(ref w) if w == "via" => out.extend(
                    RelationKind::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .filter(|k| k.starts_with(word))
                        .map(str::to_string),
                ),
                Some(ref w) if w == "certainty" => out.extend(
                    Certainty::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .filter(|k| k.starts_with(word))
                        .map(str::to_string),
                ),
                Some(ref w) if w == ".mode" => out.extend(
                    ["table", "json"]
                        .iter()
                        .filter(|k| k.starts_with(word))
                        .map(|k| k.to_string()),
                ),
                _ => {
                    if !word.is_empty() {
                        out.extend(
                            OPTIONS
                                .iter()
                                .filter(|o| o.starts_with(word))
                                .map(|o| o.to_string()),
                        );
                    }
                    let mut names: Vec<String> = self
                        .db
                        .names
                        .spellings()
                        .filter(|(s, _)| crate::text::fold(s).starts_with(&folded))
                        .map(|(s, _)| {
                            if s.contains(' ') {
                                format!("\"{s}\"")
                            } else {
                                s.to_string()
                            }
                        })
                        .collect();
                    // Sort as the names read, not by the quote that multi-word names carry.
                    names.sort_by(|a, b| a.trim_start_matches('"').cmp(b.trim_start_matches('"')));
                    names.dedup();
                    out.extend(names);
                }
            }
        }
        (start, out)
    }

    /// A hint shown greyed after the cursor: the rest of the query's syntax.
    pub fn hint(&self, line: &str) -> Option<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() != 1 || line.ends_with(' ') {
            return None;
        }
        let syntax = match words[0].to_ascii_lowercase().as_str() {
            "path" => " A B [via KIND…] [directed] [all | k N] [max N] [since D] [until D] [certainty L] [avoid X…]",
            "neighbors" | "neighbours" => " A [depth N] [via KIND…] [in|out|both] [limit N]",
            "mediators" => " A B [since D] [until D] [certainty L] [limit N]",
            "evidence" | "timeline" => " A [B] [via KIND…] [since D] [until D] [certainty L]",
            "show" => " A",
            "contested" => " [A]",
            "central" => " [by betweenness|degree] [via KIND…] [top N] [sample K] [seed S]",
            "find" => " TEXT",
            _ => return None,
        };
        Some(syntax.to_string())
    }
}

const DOT_HELP: &str = "\
.mode table|json   how answers are printed (table: text fitted to the terminal)
.read FILE         run each line of FILE as a query
.timer on|off      print how long each query took
.width N           lay text out for N columns
.help              this list; `help` lists the queries
export [graph] [FORMAT] FILE
                   write the last answer (or the whole graph) as dot, svg, png, pdf,
                   json, graphml, or csv (FILE is then a directory)
.quit              leave (also Ctrl-D)";

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::new(crate::load_embedded().unwrap())
    }

    fn eval(s: &mut Session, line: &str) -> Result<String, String> {
        let mut out = Vec::new();
        s.eval_line(line, &mut out).map_err(|e| e.to_string())?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn comments_and_blank_lines_do_nothing() {
        let mut s = session();
        assert_eq!(eval(&mut s, "").unwrap(), "");
        assert_eq!(eval(&mut s, "   # a comment").unwrap(), "");
    }

    #[test]
    fn mode_switches_to_json_and_back() {
        let mut s = session();
        eval(&mut s, ".mode json").unwrap();
        let out = eval(&mut s, "show Turkey").unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["type"], "actor");
        eval(&mut s, ".mode table").unwrap();
        assert!(eval(&mut s, "show Turkey")
            .unwrap()
            .starts_with("Turkey [turkey]"));
    }

    #[test]
    fn timer_prints_a_time() {
        let mut s = session();
        eval(&mut s, ".timer on").unwrap();
        assert!(eval(&mut s, "stats").unwrap().contains("time: "));
    }

    #[test]
    fn errors_leave_the_session_usable() {
        let mut s = session();
        assert!(eval(&mut s, "path Turkei Iran")
            .unwrap_err()
            .contains("did you mean Turkey"));
        assert!(eval(&mut s, ".mode xml")
            .unwrap_err()
            .contains("unknown mode"));
        assert!(eval(&mut s, "path Turkey Iran").is_ok());
    }

    #[test]
    fn quit_ends_the_session() {
        let mut s = session();
        let mut out = Vec::new();
        assert_eq!(s.eval_line("quit", &mut out).unwrap(), Flow::Quit);
        assert_eq!(s.eval_line(".quit", &mut out).unwrap(), Flow::Quit);
    }

    #[test]
    fn completion_offers_queries_options_and_names() {
        let s = session();
        assert_eq!(s.complete("me", 2), (0, vec!["mediators".to_string()]));
        let (start, c) = s.complete("path Turkey Ir", 14);
        assert_eq!(start, 12);
        assert!(
            c.contains(&"Iran".to_string()) && c.contains(&"Iraq".to_string()),
            "{c:?}"
        );
        let (_, c) = s.complete("path Turkey Iran via co", 23);
        assert_eq!(c, vec!["cooperation", "conflict"]);
        let (_, c) = s.complete("show Unit", 9);
        assert!(c.contains(&"\"United States\"".to_string()), "{c:?}");
        let (_, c) = s.complete("show erdog", 10);
        assert_eq!(
            c,
            vec!["Erdogan"],
            "an ASCII spelling completes an accented name"
        );
    }

    #[test]
    fn hints_show_syntax() {
        let s = session();
        assert!(s.hint("path").unwrap().contains("A B"));
        assert_eq!(s.hint("path Turkey"), None);
    }
}
