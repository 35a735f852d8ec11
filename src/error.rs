//! The library's error types. The binary wraps them in `anyhow` and prints them once.

use std::fmt;

use crate::store::locate::Pos;

/// What sort of problem a database has. Stable names (see [`ProblemKind::code`]) let scripts
/// and tests tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A file could not be read.
    Io,
    /// A file is not UTF-8.
    Encoding,
    /// RON syntax, or a value of the wrong shape (unknown field, missing field, bad variant).
    Syntax,
    /// An id that names no actor.
    UnknownActor,
    /// An id that names no document.
    UnknownDocument,
    /// Two actors or two documents share an id.
    DuplicateId,
    /// An id that is not lower-case letters, digits and `_`.
    BadId,
    /// A required text field is empty.
    EmptyField,
    /// One spelling resolves to two actors.
    AliasCollision,
    /// `part_of` / `acts_for` links that loop.
    RollupCycle,
    /// A quote that does not occur in its document.
    QuoteNotFound,
    /// A mediation without two distinct parties, or whose mediator is a party.
    BadMediation,
    /// A claim from an actor to itself.
    SelfRelation,
    /// A claim whose `kind` disagrees with its action, or whose fields do not fit its kind.
    KindMismatch,
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or is not a real day.
    BadDate,
    /// A document file listed by two documents.
    DuplicateFile,
    /// A document file that does not exist.
    MissingFile,
    /// A claims file not named after its document.
    MisnamedFile,
    /// The same claim twice in one document.
    DuplicateClaim,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        use ProblemKind::*;
        match self {
            Io => "io",
            Encoding => "encoding",
            Syntax => "syntax",
            UnknownActor => "unknown-actor",
            UnknownDocument => "unknown-document",
            DuplicateId => "duplicate-id",
            BadId => "bad-id",
            EmptyField => "empty-field",
            AliasCollision => "alias-collision",
            RollupCycle => "rollup-cycle",
            QuoteNotFound => "quote-not-found",
            BadMediation => "bad-mediation",
            SelfRelation => "self-relation",
            KindMismatch => "kind-mismatch",
            BadDate => "bad-date",
            DuplicateFile => "duplicate-file",
            MissingFile => "missing-file",
            MisnamedFile => "misnamed-file",
            DuplicateClaim => "duplicate-claim",
        }
    }
}

/// One problem in a database, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The file as the user would name it, e.g. `data/claims/iran_update.ron`.
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    /// A suggestion: "did you mean …", or what the valid values are.
    pub help: Option<String>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: ", self.file, p.line, p.col)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "error[{}]: {}", self.kind.code(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n    help: {help}")?;
        }
        Ok(())
    }
}

/// Everything wrong with a database, collected in one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// Sorted by file, then position.
    pub problems: Vec<Problem>,
}

impl LoadError {
    pub fn count(&self, kind: ProblemKind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        let n = self.problems.len();
        write!(
            f,
            "the database has {n} problem{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for LoadError {}
