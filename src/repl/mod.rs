//! The REPL's engine, without a terminal: [`Session::eval_line`] reads one line and writes its
//! answer to any `Write`. The binary wraps it in a rustyline loop; tests drive it directly.
//!
//! Besides queries, a session takes commands in the style of database shells (`.mode`,
//! `.read`, `.timer`, `.width`, `.help`, `.quit`, and `export`), defined and parsed in
//! [`command`] and run by [`Session::run`]. Completion and hints read the query spec
//! ([`crate::query::spec`]), so they offer what the parser accepts.
//!
//! A session must not know about terminals: the binary owns rustyline, history and colours.
//! It does carry a [`Cancel`] token, so that the binary can stop a running query (on Ctrl-C,
//! from another thread) and give every query a deadline ([`Session::timeout`]).

use std::fmt;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::answer::{self, Answer, QueryError};
use crate::cancel::Cancel;
use crate::db::Database;
use crate::model::{Certainty, Genre, RelationKind};
use crate::query::spec::{self, Operands, Value};
use crate::query::{self, Query};

pub mod command;

use crate::render::{self, Format};
pub use command::Command;

/// What the caller should do after a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Read the next line.
    Continue,
    /// End the session.
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

/// A line without its comment and its terminating `;`, trimmed: `#` at the start of a word
/// and outside double quotes starts a comment (so `cite iran_update#3` keeps its `#`), and a
/// trailing `;` ends the query, as database shells read them.
///
/// ```
/// use dyad::repl::strip;
/// assert_eq!(strip("stats;"), "stats");
/// assert_eq!(strip("stats  # how big"), "stats");
/// assert_eq!(strip("cite iran_update#3 ;"), "cite iran_update#3");
/// assert_eq!(strip("find \"#1 hit\"  # note"), "find \"#1 hit\"");
/// assert_eq!(strip("# only a comment"), "");
/// ```
pub fn strip(line: &str) -> &str {
    let mut quoted = false;
    let mut end = line.len();
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && prev_space => {
                end = i;
                break;
            }
            _ => {}
        }
        prev_space = c.is_whitespace();
    }
    let s = line[..end].trim();
    s.strip_suffix(';').map_or(s, str::trim_end)
}

/// The most actor names completion lists for a second Tab: a longer list helps no one, and
/// typing one more letter narrows it.
const MAX_LISTED_NAMES: usize = 200;

/// How many `.read` files may nest, each reading the next.
const MAX_READ_DEPTH: usize = 32;

/// A REPL session over one database.
pub struct Session {
    db: Database,
    /// How answers are printed: text or JSON.
    pub format: Format,
    /// Pretty-print JSON (the REPL does; `--format json` prints one line per answer).
    pub pretty_json: bool,
    /// Print how long each query took.
    pub timer: bool,
    /// Whether a front end on a terminal shows long answers through a pager (`.pager`). The
    /// session only keeps the setting: paging is the terminal front end's business.
    pub pager: bool,
    /// The width text answers are laid out for, in columns.
    pub width: usize,
    /// Whether the binary may follow the terminal's width (`.width auto`, the default), or the
    /// user fixed it (`.width N`).
    pub width_auto: bool,
    /// Whether queries roll people and components up unless they say otherwise (`.rollup`).
    pub rollup: bool,
    /// How long each query may run before it stops with an error; `None` for no limit. Every
    /// query gets the whole timeout, those of a `.read` script included.
    pub timeout: Option<Duration>,
    /// The token queries honour; [`Session::cancel_token`] hands out clones of it.
    cancel: Cancel,
    last: Option<Answer>,
    /// The `.read` files being run, outermost first, to refuse a file that reads itself
    /// (directly or through others) before it runs again.
    reading: Vec<std::path::PathBuf>,
    /// The database directory, when the session may change it (`add`, `retract`, `amend`,
    /// `review`); `None` for the built-in database.
    pub dir: Option<crate::load::DirSource>,
    /// The review under way, which takes every line until it ends.
    review: Option<crate::review::Review>,
    /// Where answers go instead of the output, if `.output` or `.once` said so.
    redirect: Option<Redirect>,
}

/// A file answers go to, with what it holds so far.
struct Redirect {
    path: std::path::PathBuf,
    /// Only the next answer (`.once`).
    once: bool,
    text: Vec<u8>,
}

impl Session {
    /// A session over `db`: text output, 100 columns, no timer.
    pub fn new(db: Database) -> Session {
        Session {
            db,
            format: Format::Text,
            pretty_json: true,
            timer: false,
            pager: true,
            width: 100,
            width_auto: true,
            rollup: true,
            timeout: None,
            cancel: Cancel::new(),
            last: None,
            reading: Vec::new(),
            dir: None,
            review: None,
            redirect: None,
        }
    }

    /// The database the session answers from.
    pub fn db(&self) -> &Database {
        &self.db
    }

    /// A handle on the session's token: [`Cancel::cancel`] on it, from any thread, stops the
    /// query running now with a "cancelled" error. Each query clears the token when it starts,
    /// so a trip between queries stops nothing.
    ///
    /// ```
    /// use dyad::repl::{EvalError, Session};
    ///
    /// let mut session = Session::new(dyad::load_embedded().unwrap());
    /// let stop = session.cancel_token();
    /// // Tripped before the query starts, the token is cleared and the query runs.
    /// stop.cancel();
    /// assert!(session.eval_line("central", &mut Vec::new()).is_ok());
    /// ```
    pub fn cancel_token(&self) -> Cancel {
        self.cancel.clone()
    }

    /// Makes queries honour `cancel` instead of the session's own token (a token the binary
    /// already shares with its Ctrl-C handler, say). A [`Session::timeout`] replaces any
    /// deadline the token carries, query by query.
    pub fn set_cancel(&mut self, cancel: Cancel) {
        self.cancel = cancel;
    }

    /// The last successful answer, for exports.
    pub fn last_answer(&self) -> Option<&Answer> {
        self.last.as_ref()
    }

    /// Evaluates one line: a query, a dot-command, a `#` comment or blank (both ignored).
    pub fn eval_line(&mut self, line: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let trimmed = strip(line);
        if self.review.is_some() {
            return self.review_line(trimmed, out);
        }
        if trimmed.is_empty() {
            return Ok(Flow::Continue);
        }
        if crate::edit::is_change(trimmed) || trimmed == "review" || trimmed.starts_with("review ")
        {
            return self.change(trimmed, out);
        }
        if Command::is_command(trimmed) {
            let cmd = Command::parse(trimmed)?;
            return self.run(cmd, out);
        }
        let mut q = query::parse(trimmed).map_err(QueryError::from)?;
        if let Some(opts) = q.opts_mut() {
            opts.rollup.get_or_insert(self.rollup);
        }
        if q == Query::Quit {
            return Ok(Flow::Quit);
        }
        let started = Instant::now();
        // A fresh start for every query: a trip meant for the one before is forgotten, and the
        // deadline counts from now.
        self.cancel.reset();
        let token = match self.timeout {
            Some(t) => self.cancel.with_timeout(t),
            None => self.cancel.clone(),
        };
        let a = answer::answer_within(&self.db, &q, &token).map_err(QueryError::from)?;
        let elapsed = started.elapsed();
        // An answer sent to a file (`.output`, `.once`) is added to what the file holds, and
        // the file is replaced whole, so that it is never half written.
        let mut redirect = self.redirect.take();
        let mut buffer = Vec::new();
        let sink: &mut dyn Write = match redirect.as_mut() {
            Some(_) => &mut buffer,
            None => out,
        };
        let mut sink = sink;
        self.write_answer(&a, &mut sink)?;
        if self.timer {
            let ms = elapsed.as_secs_f64() * 1e3;
            self.notice(
                &mut sink,
                serde_json::json!({"type": "timer", "ms": ms}),
                &format!("time: {ms:.3} ms"),
            )?;
        }
        if let Some(mut r) = redirect {
            r.text.extend_from_slice(&buffer);
            crate::atomic::write(&r.path, &r.text).map_err(|e| {
                command_error(
                    format!("cannot write {}: {e}", r.path.display()),
                    "answers go to the screen again; `.output FILE` tries another file",
                )
            })?;
            if !r.once {
                self.redirect = Some(r);
            }
        }
        self.last = Some(a);
        Ok(Flow::Continue)
    }

    /// Whether a review is under way (the binary shows its prompt).
    pub fn reviewing(&self) -> bool {
        self.review.is_some()
    }

    /// `add`, `retract`, `amend` and `review`: changes to the database directory.
    fn change(&mut self, line: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let edit_error = |e: crate::edit::EditError| {
            command_error(
                e.to_string(),
                crate::edit::CHANGE_SYNTAX.lines().next().unwrap_or(""),
            )
        };
        let Some(dir) = self.dir.clone() else {
            return Err(command_error(
                "the built-in seed database cannot be changed",
                "start dyad with --data DIR (a copy of data/ will do)",
            ));
        };
        let words = crate::edit::split_words(line).map_err(edit_error)?;
        if words[0] == "review" {
            let [_, doc] = words.as_slice() else {
                return Err(command_error(
                    "`review` takes a document id",
                    "e.g. `review readout`",
                ));
            };
            let r = crate::review::Review::open(&dir, doc).map_err(edit_error)?;
            writeln!(out, "{} pending · {}", r.pending(), crate::review::HELP)?;
            if r.done() {
                writeln!(out, "nothing to review")?;
                return Ok(Flow::Continue);
            }
            writeln!(out, "\n{}", r.show(&self.db))?;
            self.review = Some(r);
            return Ok(Flow::Continue);
        }
        let change = crate::edit::Change::parse(&words)
            .map_err(|e| command_error(e.to_string(), "see `help` for the database commands"))?;
        let applied = change
            .apply(&dir, &self.db)
            .map_err(|e| command_error(e.to_string(), "nothing was written"))?;
        self.db = applied.db;
        self.notice(
            out,
            serde_json::json!({"type": "change", "summary": applied.summary, "wrote": applied.files}),
            &applied.summary,
        )?;
        Ok(Flow::Continue)
    }

    /// One answer to the review under way.
    fn review_line(&mut self, line: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let r = self.review.as_mut().expect("a review under way");
        let step = r.step(&mut self.db, line);
        if let Err(e) = &step {
            writeln!(out, "{e}")?;
        }
        if matches!(step, Ok(crate::review::Next::Done)) || r.done() {
            let r = self.review.take().expect("a review under way");
            writeln!(out, "{}", r.summary())?;
        } else {
            writeln!(out, "\n{}", r.show(&self.db))?;
        }
        Ok(Flow::Continue)
    }

    /// A message that is not an answer (a setting, a timing, a file written): a line of text,
    /// or in JSON mode a JSON document with its `type`, so that every line a JSON session
    /// prints is JSON.
    fn notice(&self, out: &mut impl Write, json: serde_json::Value, text: &str) -> io::Result<()> {
        match self.format {
            Format::Json => writeln!(out, "{json}"),
            _ => writeln!(out, "{text}"),
        }
    }

    fn write_answer(&self, a: &Answer, out: &mut impl Write) -> io::Result<()> {
        out.write_all(render::output(a, self.format, self.width, self.pretty_json).as_bytes())
    }

    /// Runs a parsed session command.
    pub fn run(&mut self, cmd: Command, out: &mut impl Write) -> Result<Flow, EvalError> {
        match cmd {
            Command::Quit => return Ok(Flow::Quit),
            Command::Help => {
                let text = command::help_text();
                let shown = render::help_laid_out(&text, self.width);
                self.notice(
                    out,
                    serde_json::json!({"type": "commands", "text": text}),
                    shown.trim_end(),
                )?;
            }
            Command::Mode(None) => {
                let m = self.format.name();
                self.notice(
                    out,
                    serde_json::json!({"type": "mode", "mode": m}),
                    &format!("mode: {m}"),
                )?;
            }
            Command::Mode(Some(f)) => self.format = f,
            Command::Timer(None) => {
                let on = if self.timer { "on" } else { "off" };
                self.notice(
                    out,
                    serde_json::json!({"type": "timer", "timer": on}),
                    &format!("timer: {on}"),
                )?;
            }
            Command::Timer(Some(on)) => self.timer = on,
            Command::Pager(None) => {
                let on = if self.pager { "on" } else { "off" };
                self.notice(
                    out,
                    serde_json::json!({"type": "pager", "pager": on}),
                    &format!("pager: {on}"),
                )?;
            }
            Command::Pager(Some(on)) => self.pager = on,
            Command::Width(None) => {
                let how = if self.width_auto { " (auto)" } else { "" };
                let text = format!("width: {}{how}", self.width);
                let json = serde_json::json!({"type": "width", "width": self.width, "auto": self.width_auto});
                self.notice(out, json, &text)?;
            }
            Command::Width(Some(command::Width::Auto)) => self.width_auto = true,
            Command::Width(Some(command::Width::Columns(w))) => {
                self.width = w;
                self.width_auto = false;
            }
            Command::Rollup(None) => {
                let on = if self.rollup { "on" } else { "off" };
                self.notice(
                    out,
                    serde_json::json!({"type": "rollup", "rollup": on}),
                    &format!("rollup: {on}"),
                )?;
            }
            Command::Rollup(Some(on)) => self.rollup = on,
            Command::Read(path) => return self.read(&path, out),
            Command::Output(None) => self.redirect = None,
            Command::Output(Some(path)) => {
                self.redirect = Some(Redirect {
                    path: path.into(),
                    once: false,
                    text: Vec::new(),
                });
            }
            Command::Once(path) => {
                self.redirect = Some(Redirect {
                    path: path.into(),
                    once: true,
                    text: Vec::new(),
                });
            }
            Command::Export {
                whole,
                format,
                file,
                layout,
                top,
            } => {
                let options = crate::export::ExportOptions {
                    layout,
                    top,
                    ..Default::default()
                };
                return self.export(whole, format.as_deref(), &file, &options, out);
            }
        }
        Ok(Flow::Continue)
    }

    /// `export [graph] [FORMAT] FILE`: writes the last answer (or with `graph`, the whole
    /// graph) as DOT, a rendered SVG/PNG/PDF, JSON, GraphML, or CSV files in a directory. The
    /// format is the word given, or else the file's extension.
    fn export(
        &mut self,
        whole: bool,
        format: Option<&str>,
        file: &str,
        options: &crate::export::ExportOptions,
        out: &mut impl Write,
    ) -> Result<Flow, EvalError> {
        use crate::export::{self, ExportFormat, Subgraph};
        let usage = command::export_usage();
        let by_extension = ExportFormat::from_path(std::path::Path::new(file));
        let format = match format {
            Some(word) => {
                let f =
                    ExportFormat::parse(word).map_err(|e| command_error(e.to_string(), &usage))?;
                // `export dot x.svg` renders, as the extension asks.
                match by_extension {
                    Some(by_ext) if f == ExportFormat::Dot && by_ext.is_rendered() => by_ext,
                    _ => f,
                }
            }
            None => by_extension.ok_or_else(|| {
                command_error(
                    format!("cannot tell the format of '{file}' from its extension"),
                    &usage,
                )
            })?,
        };
        let mut g = if whole {
            Subgraph::whole(&self.db, self.rollup)
        } else {
            let last = self.last.as_ref().ok_or_else(|| {
                command_error(
                    "there is no answer to export yet",
                    "run a query first, or `export graph FILE` for the whole graph",
                )
            })?;
            Subgraph::of(&self.db, last).map_err(|e| command_error(e.to_string(), &usage))?
        };
        options.shape(&mut g);
        let path = std::path::Path::new(file);
        let result = export::write_to(&self.db, &g, format, path).map(|files| {
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        });
        match result {
            Ok(written) => {
                let text = format!(
                    "wrote {} ({}, {})",
                    crate::text::terminal_safe(&written),
                    crate::text::count(g.actors.len(), "actor"),
                    crate::text::count(g.edges.len(), "relation")
                );
                let json = serde_json::json!({
                    "type": "export",
                    "wrote": written,
                    "actors": g.actors.len(),
                    "relations": g.edges.len(),
                });
                self.notice(out, json, &text)?;
                Ok(Flow::Continue)
            }
            Err(e) => Err(command_error(e.to_string(), &usage)),
        }
    }

    /// Runs every line of a file; the first failing line stops it, naming the file and line.
    fn read(&mut self, path: &str, out: &mut impl Write) -> Result<Flow, EvalError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            command_error(
                format!("cannot read '{path}': {e}"),
                "give a path relative to the current directory",
            )
        })?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
        if self.reading.contains(&canonical) {
            return Err(command_error(
                format!("`.read {path}` inside itself"),
                "a script that reads itself would never end; remove the `.read` line",
            ));
        }
        if self.reading.len() >= MAX_READ_DEPTH {
            return Err(command_error(
                format!("`.read` nests more than {MAX_READ_DEPTH} files deep"),
                "flatten the scripts",
            ));
        }
        self.reading.push(canonical);
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
        self.reading.pop();
        result
    }

    /// Completion candidates for the word that ends at `pos`, from the query spec: query and
    /// command words at the start of a line; after an option word, the values its spec allows
    /// (kinds after `via`, levels after `certainty`, measures after `by`); after `help`, the
    /// topics; elsewhere the options the query accepts and actor names. Returns where the word
    /// starts and the candidates.
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let head = &line[..pos];
        // The word under the cursor starts after the last space outside quotes, or at an open
        // quote: in `mediators "United St` it is `"United St`, one name.
        let (start, quoted) = word_start(head);
        if let Some(q) = quoted {
            let before: Vec<String> = crate::edit::split_words(&head[..start]).unwrap_or_default();
            let first = before.first().map(String::as_str).unwrap_or("");
            let text = &head[start + q.len_utf8()..];
            if first.starts_with(['.', '\\', ':']) || first == "export" {
                return (start, complete_file(text, true));
            }
            return (start, self.names_completing(text, true));
        }
        let word = &head[start..];
        let lower = word.to_ascii_lowercase();
        let before_owned: Vec<String> =
            crate::edit::split_words(&head[..start]).unwrap_or_default();
        let before: Vec<&str> = before_owned.iter().map(String::as_str).collect();
        let starting = |cands: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            cands
                .filter(|c| c.to_ascii_lowercase().starts_with(&lower))
                .map(str::to_string)
                .collect()
        };
        let Some(first) = before.first() else {
            let out = if word.starts_with('.') {
                starting(&mut command::command_words().filter(|w| w.starts_with('.')))
            } else {
                let mut v = starting(&mut spec::QUERIES.iter().map(|q| q.name));
                v.extend(starting(&mut std::iter::once("export")));
                v
            };
            return (start, out);
        };
        if command::Command::is_command(first) {
            let name = command::spec_of(first).map_or("", |c| c.name);
            let out = match name {
                ".mode" if before.len() == 1 => starting(&mut command::modes()),
                ".timer" | ".rollup" | ".pager" if before.len() == 1 => {
                    starting(&mut ["on", "off"].into_iter())
                }
                ".width" if before.len() == 1 => starting(&mut std::iter::once("auto")),
                ".read" | ".output" | ".once" if before.len() == 1 => complete_file(word, false),
                "export" => {
                    // `export [graph] [FORMAT] FILE`: the words it takes, then a file name.
                    let mut v = Vec::new();
                    if before.len() == 1 {
                        v.extend(starting(&mut std::iter::once("graph")));
                    }
                    if before.len() == 1 || (before.len() == 2 && before[1] == "graph") {
                        v.extend(starting(
                            &mut crate::export::ExportFormat::ALL
                                .into_iter()
                                .map(|f| f.name()),
                        ));
                    }
                    v.extend(complete_file(word, false));
                    v
                }
                _ => Vec::new(),
            };
            return (start, out);
        }
        let Some(q) = spec::query(first) else {
            return (start, Vec::new());
        };
        let kinds = || {
            RelationKind::ALL
                .iter()
                .map(|k| k.as_str())
                .chain(crate::model::Action::ALL.iter().map(|a| a.as_str()))
        };
        let previous = before.last().and_then(|w| spec::option(w));
        // `via` takes a list: after `via conflict ` or within `via conflict,AS` more kinds and
        // actions may come, so the list's words continue it.
        let is_kind = |w: &str| {
            w.split(',').filter(|p| !p.is_empty()).all(|p| {
                p.parse::<RelationKind>().is_ok() || crate::model::Action::parse(p).is_some()
            })
        };
        let list_start = before.iter().rposition(|w| !is_kind(w));
        let in_via = previous.is_none()
            && list_start
                .is_some_and(|i| i + 1 < before.len() && before[i].eq_ignore_ascii_case("via"));
        if previous.is_some_and(|o| o.value == Value::Kinds) || in_via {
            if let Some(comma) = word.rfind(',') {
                let part = word[comma + 1..].to_ascii_lowercase();
                let out = kinds()
                    .filter(|c| c.to_ascii_lowercase().starts_with(&part))
                    .map(str::to_string)
                    .collect();
                return (start + comma + 1, out);
            }
            if in_via {
                let mut out = starting(&mut kinds());
                if !word.is_empty() {
                    out.extend(starting(&mut q.options.iter().copied()));
                }
                return (start, out);
            }
        }
        let out = match (q.operands, previous.map(|o| o.value)) {
            (Operands::Topic, _) => {
                let mut v = starting(&mut spec::QUERIES.iter().map(|q| q.name));
                v.extend(starting(&mut spec::TOPICS.iter().map(|(n, _)| *n)));
                v
            }
            (_, Some(Value::Kinds)) => starting(&mut kinds()),
            (_, Some(Value::Certainty)) => starting(&mut Certainty::ALL.iter().map(|c| c.as_str())),
            (_, Some(Value::Ranking)) => starting(&mut ["betweenness", "degree"].into_iter()),
            (_, Some(Value::Weighting)) => {
                starting(&mut crate::query::Weighting::ALL.iter().map(|w| w.as_str()))
            }
            (_, Some(Value::Switch)) => starting(&mut ["on", "off"].into_iter()),
            (_, Some(Value::Genres)) => starting(&mut Genre::ALL.iter().map(|g| g.as_str())),
            (_, Some(Value::Number | Value::Date | Value::Codes)) => Vec::new(),
            (Operands::Text, _) => Vec::new(),
            _ => {
                let mut out = Vec::new();
                if !word.is_empty() {
                    out.extend(starting(&mut q.options.iter().copied()));
                }
                if q.operands.takes_actors() || q.accepts("avoid") {
                    out.extend(self.names_completing(word, false));
                }
                out
            }
        };
        (start, out)
    }

    /// Names completing `word`, as completion should insert them. One match comes whole,
    /// quoted when it has a space (or the user opened a quote), with its closing quote. Several
    /// matches that share more than was typed come as that shared part, so that Tab extends
    /// `SD` to `SDF` even though `"SDF fighters"` needs a quote; otherwise every match, for the
    /// list a second Tab shows.
    fn names_completing(&self, word: &str, quoted: bool) -> Vec<String> {
        let quote = |s: &str, close: bool| {
            if quoted || s.contains(' ') {
                format!("\"{s}{}", if close { "\"" } else { "" })
            } else {
                s.to_string()
            }
        };
        // The matches are one run of the index, sorted by folded spelling, so what they all
        // share is what its first and last share: no need to read the run, which on a large
        // database can hold a hundred thousand names and is asked for on every keystroke.
        let matches = self.db.names.starting_with(word);
        let n = matches.len();
        let (Some(first), Some(last)) = (matches.clone().next(), matches.clone().next_back())
        else {
            return Vec::new();
        };
        if n == 1 {
            return vec![quote(first.0, true)];
        }
        let shared = common_prefix(&[first.0.to_string(), last.0.to_string()]);
        if shared.chars().count() > word.chars().count() {
            return vec![quote(&shared, false)];
        }
        let mut names: Vec<String> = matches
            .take(MAX_LISTED_NAMES)
            .map(|(s, _)| {
                if quoted {
                    quote(s, true)
                } else {
                    s.to_string()
                }
            })
            .collect();
        names.sort();
        names
    }

    /// A hint shown greyed after the cursor, at every point of the line: the rest of a word
    /// when only one completion fits it, the value an option wants (`since ` → `DATE`), else
    /// the rest of the query's syntax from the spec (`path Turkey ` → `B [via KIND…] …`).
    pub fn hint(&self, line: &str) -> Option<String> {
        if line.trim().is_empty() {
            return None;
        }
        let words = crate::edit::split_words(line).ok()?;
        let first = words.first()?.as_str();
        let (start, _) = word_start(line);
        if start < line.len() {
            // Within a word: the rest of the only completion.
            let typed = &line[start..];
            let (at, c) = self.complete(line, line.len());
            if let [one] = c.as_slice() {
                let typed_len = line[at..].chars().count();
                let folded = crate::text::fold(one);
                if one.chars().count() > typed_len
                    && folded.starts_with(&crate::text::fold(&line[at..]))
                {
                    return Some(one.chars().skip(typed_len).collect());
                }
            }
            // A whole query or command word: what it takes.
            if words.len() == 1 && typed == first {
                if let Some(q) = spec::query(first) {
                    let tail = q.syntax_tail();
                    return (!tail.is_empty()).then(|| format!(" {tail}"));
                }
                if let Some(c) = command::spec_of(first) {
                    return (!c.args.is_empty()).then(|| format!(" {}", c.args));
                }
            }
            return None;
        }
        if let Some(c) = command::spec_of(first) {
            return (words.len() == 1 && !c.args.is_empty()).then(|| c.args.to_string());
        }
        let q = spec::query(first)?;
        let rest = &words[1..];
        if let Some(o) = rest.last().and_then(|w| spec::option(w)) {
            if o.value != Value::Flag {
                return Some(o.placeholder.to_string());
            }
        }
        let used: Vec<&str> = rest
            .iter()
            .filter_map(|w| spec::option(w))
            .map(|o| o.word)
            .collect();
        let names = rest.iter().take_while(|w| spec::option(w).is_none());
        let typed = if q.operands.takes_actors() {
            let names: Vec<&str> = names.map(String::as_str).collect();
            if names.is_empty() {
                0
            } else {
                self.db.names.split_words(&names).ok()?.len()
            }
        } else {
            names.count()
        };
        let tail = q.syntax_rest(typed, &used);
        (!tail.is_empty()).then_some(tail)
    }
}

/// Where the word under the cursor starts (a byte offset into `head`), and the quote it opened
/// if it is an unclosed quoted name or file name.
fn word_start(head: &str) -> (usize, Option<char>) {
    let mut start = 0;
    let mut open: Option<char> = None;
    let mut prev_space = true;
    for (i, c) in head.char_indices() {
        match open {
            Some(q) if c == q || (q == '“' && c == '”') => open = None,
            Some(_) => {}
            None if c.is_whitespace() => {
                prev_space = true;
                continue;
            }
            None if prev_space && matches!(c, '"' | '\'' | '“') => {
                open = Some(c);
                start = i;
            }
            None if prev_space => start = i,
            None => {}
        }
        prev_space = false;
    }
    if prev_space && open.is_none() {
        return (head.len(), None);
    }
    (start, open)
}

/// The longest prefix all `items` share, compared ignoring case and accents, as the first
/// item spells it.
fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut len = first.len();
    for other in &items[1..] {
        let shared = first
            .char_indices()
            .zip(other.chars())
            .take_while(|((_, a), b)| {
                crate::text::fold(&a.to_string()) == crate::text::fold(&b.to_string())
            })
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        len = len.min(shared);
    }
    first[..len].to_string()
}

/// File names completing `typed` (a path as typed, relative to the working directory):
/// directories with a trailing `/`, names with spaces quoted (`quoted` when the user opened
/// the quote already). Hidden files only when asked for with a leading dot.
fn complete_file(typed: &str, quoted: bool) -> Vec<String> {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let read_from = if dir.is_empty() { "." } else { dir };
    let Ok(entries) = std::fs::read_dir(read_from) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            let path = format!("{dir}{name}{slash}");
            Some(if quoted || path.contains(' ') {
                // A directory stays open for the next part of the path.
                let close = if slash.is_empty() { "\"" } else { "" };
                format!("\"{path}{close}")
            } else {
                path
            })
        })
        .collect();
    out.sort();
    out
}

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
        eval(&mut s, ".mode text").unwrap();
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
        assert_eq!(
            c,
            vec![
                "cooperation",
                "conflict",
                "CONSULT",
                "COOPERATE",
                "CONCEDE",
                "COERCE"
            ]
        );
        let (_, c) = s.complete("show erdog", 10);
        assert_eq!(
            c,
            vec!["Erdogan"],
            "an ASCII spelling completes an accented name"
        );
    }

    #[test]
    fn every_example_in_the_query_spec_answers_on_the_seed_database() {
        let mut s = session();
        for q in spec::QUERIES {
            for e in q.examples {
                eval(&mut s, e).unwrap_or_else(|err| panic!("{e}: {err}"));
            }
        }
    }

    #[test]
    fn completion_reads_the_grammar() {
        let s = session();
        let (start, c) = s.complete("path A B via conflict,ASS", 25);
        assert_eq!((start, c), (22, vec!["ASSAULT".to_string()]));
        let (_, c) = s.complete("path A B via conflict me", 24);
        assert_eq!(c, ["mediation", "MEDIATE"]);
        let (_, c) = s.complete("neighbors A weight g", 20);
        assert_eq!(c, ["goldstein"]);
        let (_, c) = s.complete("central by b", 12);
        assert_eq!(c, ["betweenness"], "after `by` only the measures");
        let (_, c) = s.complete("path A B certainty re", 21);
        assert_eq!(c, ["reported"]);
        let (_, c) = s.complete("help pa", 7);
        assert_eq!(c, ["path"], "topics after help, not actor names");
        let (_, c) = s.complete("help fi", 7);
        assert_eq!(c, ["find", "filters"]);
        let (_, c) = s.complete(".mo", 3);
        assert_eq!(c, [".mode"]);
        let (_, c) = s.complete(".mode j", 7);
        assert_eq!(c, ["json"]);
        let (_, c) = s.complete("path Turkey Iran d", 18);
        assert!(c.contains(&"directed".to_string()), "{c:?}");
        assert!(
            !c.contains(&"depth".to_string()),
            "path takes no `depth`: {c:?}"
        );
    }

    #[test]
    fn hints_show_syntax() {
        let s = session();
        assert!(s.hint("path").unwrap().contains("A B"));
        assert_eq!(
            s.hint("timeline").unwrap(),
            " A [B] [via KIND…] [code CODE…] [since DATE] [until DATE] [certainty LEVEL] [genre GENRE…] [rollup on|off] [limit N]"
        );
        assert_eq!(s.hint("path Turkey"), None);
    }

    #[test]
    fn completion_keeps_a_quoted_multi_word_name_whole() {
        let s = session();
        // Before, this became `mediators "United "St`.
        let line = "mediators \"United St";
        assert_eq!(
            s.complete(line, line.len()),
            (10, vec!["\"United States\"".to_string()])
        );
        let line = "path Turkey \"Hakan";
        assert_eq!(s.complete(line, line.len()).1, ["\"Hakan Fidan\""]);
    }

    #[test]
    fn completion_extends_to_what_the_matches_share_even_when_some_need_quotes() {
        let s = session();
        let (_, c) = s.complete("show SD", 7);
        assert_eq!(c, ["SDF"], "SD extends to SDF");
        let (_, c) = s.complete("show Unit", 9);
        assert_eq!(c, ["\"United "], "a shared part with a space opens a quote");
    }

    #[test]
    fn completion_offers_file_names_after_read_output_once_and_export() {
        let s = session();
        let dir = std::env::temp_dir().join(format!("dyad-complete-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("my queries.dyad"), "stats\n").unwrap();
        std::fs::write(dir.join("mine.dyad"), "stats\n").unwrap();
        let d = dir.to_str().unwrap();
        let line = format!(".read {d}/my");
        let (start, c) = s.complete(&line, line.len());
        assert_eq!(start, 6);
        assert_eq!(c, [format!("\"{d}/my queries.dyad\"")]);
        let line = format!("export graph {d}/s");
        assert_eq!(s.complete(&line, line.len()).1, [format!("{d}/sub/")]);
        let line = format!(".once \"{d}/mi");
        assert_eq!(
            s.complete(&line, line.len()).1,
            [format!("\"{d}/mine.dyad\"")]
        );
        let (_, c) = s.complete("export gr", 9);
        assert_eq!(c, ["graph", "graphml"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_hint_shows_what_comes_next_at_every_point() {
        let s = session();
        assert!(
            s.hint("path Turkey ").unwrap().starts_with("B [via KIND…]"),
            "{:?}",
            s.hint("path Turkey ")
        );
        assert!(s
            .hint("path Turkey Iran ")
            .unwrap()
            .starts_with("[via KIND…]"));
        assert_eq!(s.hint("path Turkey Iran since ").unwrap(), "DATE");
        let after_via = s.hint("neighbors Iran via conflict ").unwrap();
        assert!(!after_via.contains("via KIND"), "{after_via}");
        assert!(after_via.contains("[since DATE]"), "{after_via}");
        assert_eq!(
            s.hint("path Turkm").unwrap(),
            "en",
            "Turkmen and Turkmenistan share it"
        );
        assert_eq!(s.hint("path Hakan F").unwrap(), "idan");
        assert_eq!(s.hint(".pager").unwrap(), " [on|off]");
        assert_eq!(
            s.hint(".mode ").unwrap(),
            "text|json|csv|tsv|markdown|table"
        );
    }
}
