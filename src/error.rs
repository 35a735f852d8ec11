//! The library's error types. The binary wraps them in `anyhow` and prints them once.
//!
//! A [`Problem`] is something wrong with a database, placed in a file. A [`Finding`] is the same
//! thing found in one record before it is placed: the per-record checks in [`crate::load`](mod@crate::load)
//! return findings with paths inside the record, and the loader turns them into problems at a
//! file, line and column. Both have short builders so that each rule reads as one line.

use std::fmt;

use crate::store::locate::{Locator, Pos, Seg};

/// What sort of problem a database has. Stable names (see [`ProblemKind::code`]) let scripts
/// and tests tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A file could not be read.
    Io,
    /// A path names a directory, FIFO, device or socket rather than a regular file.
    NotAFile,
    /// A file larger than the reading limit.
    TooLarge,
    /// A document file outside the database's root.
    OutsideRoot,
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
    /// A date in none of the written forms of [`crate::model::EventDate`], a day that does not
    /// exist, or a range that ends before it starts.
    BadDate,
    /// `date_from: document` on a claim whose document has no date, or whose date is not the
    /// document's.
    BadDateSource,
    /// A document file listed by two documents.
    DuplicateFile,
    /// A document file that does not exist.
    MissingFile,
    /// A claims file not named after its document.
    MisnamedFile,
    /// The same claim twice in one document.
    DuplicateClaim,
    /// A `datasets.ron` entry that cannot be used: an option its format does not take, an id
    /// another document has, a file that cannot be read as its format at all.
    BadDataset,
    /// An `actor-map.ron` entry that names no actor, or gives neither a name nor a code.
    BadActorMap,
}

impl ProblemKind {
    /// The problem's stable name, as `dyad check` prints it in `error[…]` and scripts match on it,
    /// e.g. `unknown-actor`.
    pub fn code(self) -> &'static str {
        use ProblemKind::*;
        match self {
            Io => "io",
            NotAFile => "not-a-file",
            TooLarge => "too-large",
            OutsideRoot => "outside-root",
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
            BadDateSource => "bad-date-source",
            DuplicateFile => "duplicate-file",
            MissingFile => "missing-file",
            MisnamedFile => "misnamed-file",
            DuplicateClaim => "duplicate-claim",
            BadDataset => "bad-dataset",
            BadActorMap => "bad-actor-map",
        }
    }
}

/// One problem in a database, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What sort of problem it is; its [`ProblemKind::code`] names it in `dyad check` output.
    pub kind: ProblemKind,
    /// The file as the user would name it, e.g. `data/claims/iran_update.ron`.
    pub file: String,
    /// Where in the file: the 1-based line and column of the offending value. `None` when the
    /// problem concerns the file as a whole, such as a file that could not be read.
    pub pos: Option<Pos>,
    /// What is wrong, in one sentence, without the file or position.
    pub message: String,
    /// A suggestion: "did you mean …", or what the valid values are.
    pub help: Option<String>,
}

impl Problem {
    /// A problem with no position (yet) and no help.
    pub fn new(kind: ProblemKind, file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            file: file.into(),
            pos: None,
            message: message.into(),
            help: None,
        }
    }

    /// The same problem at `pos`.
    pub fn at(mut self, pos: Pos) -> Problem {
        self.pos = Some(pos);
        self
    }

    /// The same problem with a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
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
    /// How many of the problems are of `kind`.
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

/// A problem found in one record, with where inside the record it is.
///
/// The per-record checks ([`crate::load::check_actor`], [`crate::load::check_document`],
/// [`crate::load::check_claim`]) return these. [`Finding::place`] puts one in a file, at the
/// record's own path there, giving the [`Problem`] that `dyad check` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What sort of problem it is; the [`Problem`] it becomes keeps it.
    pub kind: ProblemKind,
    /// The path of the offending value inside the record, e.g. `[Field("between"), Index(1)]`;
    /// empty when the record as a whole is at fault.
    pub path: Vec<Seg<'static>>,
    /// What is wrong, in one sentence, without the file or position.
    pub message: String,
    /// A suggestion: "did you mean …", or what the valid values are.
    pub help: Option<String>,
}

impl Finding {
    /// A finding about the whole record, with no help.
    pub fn new(kind: ProblemKind, message: impl Into<String>) -> Finding {
        Finding {
            kind,
            path: Vec::new(),
            message: message.into(),
            help: None,
        }
    }

    /// The same finding at a field of the record.
    pub fn at(mut self, field: &'static str) -> Finding {
        self.path = vec![Seg::Field(field)];
        self
    }

    /// The same finding at any path inside the record.
    pub fn at_path(mut self, path: &[Seg<'static>]) -> Finding {
        self.path = path.to_vec();
        self
    }

    /// The same finding with a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// The same finding with a suggestion, if there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Finding {
        self.help = help;
        self
    }

    /// The problem this finding is in `file`, whose record sits at `record` in the text that
    /// `loc` reads.
    pub fn place(self, file: &str, loc: &Locator<'_>, record: &[Seg<'_>]) -> Problem {
        let mut path: Vec<Seg<'_>> = Vec::with_capacity(record.len() + self.path.len());
        path.extend_from_slice(record);
        path.extend_from_slice(&self.path);
        Problem {
            kind: self.kind,
            file: file.to_string(),
            pos: Some(loc.at(&path)),
            message: self.message,
            help: self.help,
        }
    }
}

impl fmt::Display for Finding {
    /// `between[1]: error[unknown-actor]: …`, with the help on its own line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.path.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(k) => write!(f, "[{k}]")?,
            }
        }
        if !self.path.is_empty() {
            write!(f, ": ")?;
        }
        write!(f, "error[{}]: {}", self.kind.code(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n    help: {help}")?;
        }
        Ok(())
    }
}
