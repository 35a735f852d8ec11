//! The interactive REPL: rustyline around [`Session`], with history, completion and hints.

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use dyad::render;
use dyad::repl::{EvalError, Flow, Session};

use crate::pager;

/// Completion and hints come from the session, so they know the database's names.
struct DyadHelper {
    session: Session,
}

impl Completer for DyadHelper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.session.complete(line, pos))
    }
}

impl Hinter for DyadHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, _: &Context<'_>) -> Option<String> {
        (pos == line.len())
            .then(|| self.session.hint(line))
            .flatten()
    }
}

impl Highlighter for DyadHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        // Dim, so the hint reads as a suggestion rather than typed text.
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }
}

impl Validator for DyadHelper {}
impl Helper for DyadHelper {}

/// Where history lives: `$XDG_DATA_HOME/dyad/history`, else `~/.local/share/dyad/history`.
fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("dyad").join("history"))
}

pub fn repl(session: Session, use_history: bool) -> Result<ExitCode> {
    let config = Config::builder()
        // Lines are added by hand: a multi-line paste is one history entry per line.
        .auto_add_history(false)
        // Like a shell: complete the common prefix, list the choices on a second Tab.
        .completion_type(CompletionType::List)
        .history_ignore_dups(true)?
        .history_ignore_space(true)
        .build();
    let mut rl: Editor<DyadHelper, DefaultHistory> = Editor::with_config(config)?;
    let history = use_history.then(history_path).flatten();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        // A missing history file is the normal first run.
        let _ = rl.load_history(path);
    }
    let (actors, claims, docs) = {
        let db = session.db();
        (db.actors.len(), db.claims.len(), db.documents.len())
    };
    // Ctrl-C while a query runs stops that query, not dyad: the terminal sends SIGINT only
    // outside the line editor (rustyline reads Ctrl-C as a key while it edits), so the handler
    // trips the session's token, the query returns "cancelled", and the prompt comes back.
    let stop = session.cancel_token();
    if let Err(e) = ctrlc::set_handler(move || stop.cancel()) {
        eprintln!("warning: Ctrl-C will end dyad rather than a query: {e}");
    }
    rl.set_helper(Some(DyadHelper { session }));
    println!(
        "dyad {} — {actors} actors, {claims} claims from {docs} documents. Type `help`, or Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    let mut interrupted = false;
    loop {
        // During a review, a line is an answer to the proposal shown, not a query.
        let reviewing = rl.helper().is_some_and(|h| h.session.reviewing());
        match rl.readline(if reviewing { "review> " } else { "dyad> " }) {
            Ok(text) => {
                interrupted = false;
                // The terminal's size, read when the line is entered (rustyline asks the
                // terminal each time), so that an answer after a resize fits the new width.
                let size = rl.dimensions();
                let width = size.map(|(w, _)| w as usize);
                let rows = size.map(|(_, h)| h as usize);
                // A bracketed paste of several lines arrives as one text with line breaks:
                // each line is a query of its own, run in order, shown and kept in history as
                // if typed one by one.
                let lines: Vec<&str> = text
                    .split(['\n', '\r'])
                    .filter(|l| !l.trim().is_empty())
                    .collect();
                let several = lines.len() > 1;
                for line in lines {
                    let _ = rl.add_history_entry(line);
                    // Appended at once, so that a killed or crashed session loses no line.
                    if let Some(path) = &history {
                        if let Err(e) = rl.append_history(path) {
                            eprintln!("warning: cannot save history to {}: {e}", path.display());
                        }
                    }
                    let helper = rl.helper_mut().expect("the helper is set above");
                    if several {
                        // An earlier line of the paste may have started a review.
                        let prompt = if helper.session.reviewing() {
                            "review> "
                        } else {
                            "dyad> "
                        };
                        println!("{prompt}{line}");
                    }
                    // The terminal's width, read before every line so a resize applies at
                    // once, unless `.width N` fixed it.
                    if let Some(w) = width.filter(|_| helper.session.width_auto) {
                        helper.session.width = w.max(render::MIN_WIDTH);
                    }
                    // The answer is gathered first, so that one longer than the terminal can
                    // go through the pager whole.
                    let mut out = Vec::new();
                    let result = helper.session.eval_line(line, &mut out);
                    let paging = helper.session.pager;
                    pager::show(&out, rows.filter(|_| paging))?;
                    match result {
                        Ok(Flow::Quit) => return Ok(ExitCode::SUCCESS),
                        Ok(Flow::Continue) => {}
                        Err(EvalError::Query(e)) => {
                            eprintln!("{}", render::error_text(Some(line), &e));
                        }
                        Err(EvalError::Io(e)) => return Err(e.into()),
                    }
                }
            }
            // Ctrl-C abandons the line being typed; a second in a row says how to leave, as
            // database shells do; Ctrl-D leaves.
            Err(ReadlineError::Interrupted) => {
                if interrupted {
                    eprintln!("(Ctrl-D or .quit leaves dyad)");
                }
                interrupted = true;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
