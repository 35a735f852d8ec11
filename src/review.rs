//! Reviewing what `ingest` proposed, one proposal at a time, without a terminal.
//!
//! [`Review::show`] prints the proposal in its paragraph (the sentence marked with `»…«`), its
//! fields, the cue and hedge that shaped it, and its confidence; [`Review::step`] takes one
//! answer: `a` accepts (the claim is validated as `dyad check` validates it and appended to
//! `claims/<doc>.ron`), `r` rejects (remembered, so a re-run of `ingest` does not propose it
//! again), `s` skips, `FIELD VALUE` edits a field first (e.g. `action SUPPORT`,
//! `certainty reported`, `between qatar,israel`), `q` stops. Every decision is written at once
//! (atomically), so stopping anywhere loses nothing. The binary and the REPL drive it with
//! lines; tests drive it directly.

use crate::load::DirSource;

use crate::db::Database;
use crate::edit::{self, EditError};
use crate::store::{ProposalsFileRecord, Status};

/// What to do after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Show the next proposal and read an answer.
    More,
    /// Every proposal is decided, or the reviewer stopped.
    Done,
}

/// A review of one document's proposals.
pub struct Review {
    src: DirSource,
    file: ProposalsFileRecord,
    /// The proposal shown now.
    at: usize,
    /// Counts of this session's decisions.
    pub accepted: usize,
    /// Rejected this session.
    pub rejected: usize,
    /// Skipped this session.
    pub skipped: usize,
}

/// What `step` takes.
pub const HELP: &str = "a accept · r reject · s skip · FIELD VALUE edit (from, to, between, action, mutual, date, date_from, certainty, quote, note) · q quit";

impl Review {
    /// Opens the proposals of document `doc` in the database directory `src`.
    pub fn open(src: &DirSource, doc: &str) -> Result<Review, EditError> {
        let file = edit::read_proposals(src, doc)?;
        let mut r = Review {
            src: src.clone(),
            file,
            at: 0,
            accepted: 0,
            rejected: 0,
            skipped: 0,
        };
        r.at = r.next_pending(0).unwrap_or(r.file.proposals.len());
        Ok(r)
    }

    /// How many proposals are still pending.
    pub fn pending(&self) -> usize {
        self.file
            .proposals
            .iter()
            .filter(|p| p.status == Status::Pending)
            .count()
    }

    fn next_pending(&self, from: usize) -> Option<usize> {
        (from..self.file.proposals.len())
            .find(|&i| self.file.proposals[i].status == Status::Pending)
    }

    /// Whether a proposal is being shown.
    pub fn done(&self) -> bool {
        self.at >= self.file.proposals.len()
    }

    /// The proposal shown now, in its paragraph, with its fields and why it was proposed.
    pub fn show(&self, db: &Database) -> String {
        let Some(p) = self.file.proposals.get(self.at) else {
            return self.summary();
        };
        let c = &p.claim;
        let mut out = String::new();
        let total = self.file.proposals.len();
        out.push_str(&format!(
            "proposal {} of {total} · confidence {:.2}\n",
            self.at + 1,
            p.confidence
        ));
        if let Some(doc) = db.documents.iter().find(|d| d.id == self.file.document) {
            if let Some(at) = crate::text::locate_quote(&doc.text, &c.quote) {
                let para = crate::text::paragraph_around(&doc.text, at.clone());
                let t = &doc.text;
                out.push_str(&format!(
                    "\n  {}»{}«{}\n\n",
                    crate::text::terminal_safe(&t[para.start..at.start]),
                    crate::text::terminal_safe(&t[at.clone()]),
                    crate::text::terminal_safe(&t[at.end..para.end])
                ));
            }
        }
        let who = match (&c.to, &c.between) {
            (Some(t), _) => format!("{} → {}", c.from, t),
            (_, Some((a, b))) => format!("{} between {} and {}", c.from, a, b),
            _ => c.from.clone(),
        };
        out.push_str(&format!(
            "  {who}: {} {}{}\n",
            c.kind,
            c.action,
            if c.mutual { " (mutual)" } else { "" }
        ));
        out.push_str(&format!(
            "  date {}{} · certainty {}\n",
            c.date,
            if c.date_from.is_text() {
                ""
            } else {
                " (from the document)"
            },
            c.certainty
        ));
        out.push_str(&format!("  why: {}\n", p.why));
        out
    }

    /// What this session decided, and what is left.
    pub fn summary(&self) -> String {
        format!(
            "accepted {}, rejected {}, skipped {}; {} pending",
            self.accepted,
            self.rejected,
            self.skipped,
            self.pending()
        )
    }

    /// Takes one answer for the proposal shown. Returns what to do next, or why the answer was
    /// not taken (an invalid claim is not accepted; the proposal stays, so it can be edited).
    /// An accepted claim updates `db`, so the next query sees it.
    pub fn step(&mut self, db: &mut Database, line: &str) -> Result<Next, EditError> {
        let line = line.trim();
        if self.done() {
            return Ok(Next::Done);
        }
        match line {
            "a" | "accept" | "y" => {
                let claim = self.file.proposals[self.at].claim.clone();
                let applied = edit::add_claims(&self.src, &self.file.document, &[claim])?;
                *db = applied.db;
                self.decide(Status::Accepted)?;
                self.accepted += 1;
            }
            "r" | "reject" | "n" => {
                self.decide(Status::Rejected)?;
                self.rejected += 1;
            }
            "s" | "skip" | "" => {
                self.skipped += 1;
                self.at = self
                    .next_pending(self.at + 1)
                    .unwrap_or(self.file.proposals.len());
            }
            "q" | "quit" | ".quit" => return Ok(Next::Done),
            "?" | "h" | "help" => return Err(EditError::Usage(HELP.to_string())),
            _ => {
                let (field, value) = line
                    .split_once(char::is_whitespace)
                    .ok_or_else(|| EditError::Usage(format!("'{line}'? {HELP}")))?;
                let value = value.trim();
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                let mut claim = self.file.proposals[self.at].claim.clone();
                edit::set_claim_field(db, &mut claim, field, value)?;
                self.file.proposals[self.at].claim = claim;
                edit::write_proposals(&self.src, &self.file)?;
                return Ok(Next::More);
            }
        }
        Ok(if self.done() { Next::Done } else { Next::More })
    }

    fn decide(&mut self, status: Status) -> Result<(), EditError> {
        self.file.proposals[self.at].status = status;
        edit::write_proposals(&self.src, &self.file)?;
        self.at = self
            .next_pending(self.at + 1)
            .unwrap_or(self.file.proposals.len());
        Ok(())
    }
}
