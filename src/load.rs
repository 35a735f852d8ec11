//! Loading and validating a database: RON records in, a [`Database`] or *every* problem out.
//!
//! The loader never stops at the first problem. It parses every file it can, checks every
//! record, and collects what is wrong (unknown ids with suggestions, duplicates, colliding
//! aliases, quotes missing from their documents, malformed dates, bad mediations) with file,
//! line and column, so one run of `dyad check` shows a curator the whole list.
//!
//! Files come from a [`Source`]: a directory on disk, or the seed database compiled into the
//! binary. Loading does no other I/O.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use crate::db::Database;
use crate::error::{LoadError, Problem, ProblemKind};
use crate::model::{
    Actor, ActorId, Claim, DocId, Document, PartialDate, Quote, RelationKind, Target,
};
use crate::names::{join_or, NameIndex};
use crate::store::locate::{Locator, Pos, Seg};
use crate::store::{self, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord};
use crate::text::{edit_distance, normalize_quote, typo_budget};

/// Where a database's files come from. Paths are relative to the database directory and use `/`.
pub trait Source: Sync {
    /// Reads a file's bytes.
    fn read(&self, rel: &str) -> io::Result<Vec<u8>>;
    /// The claims files (`claims/*.ron`), sorted.
    fn claims_files(&self) -> io::Result<Vec<String>>;
    /// How to name a file to the user, e.g. `data/actors.ron`.
    fn display(&self, rel: &str) -> String;
}

/// A database directory on disk.
#[derive(Clone, Debug)]
pub struct DirSource {
    root: PathBuf,
}

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSource { root: root.into() }
    }
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Source for DirSource {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.root.join(rel))
    }
    fn claims_files(&self) -> io::Result<Vec<String>> {
        let dir = self.root.join("claims");
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            // A database may have no claims yet.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".ron") {
                out.push(format!("claims/{name}"));
            }
        }
        out.sort();
        Ok(out)
    }
    fn display(&self, rel: &str) -> String {
        self.root.join(rel).display().to_string()
    }
}

/// The seed database compiled into the binary (see [`crate::embedded`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct EmbeddedSource;

impl Source for EmbeddedSource {
    fn read(&self, rel: &str) -> io::Result<Vec<u8>> {
        let key = normalize_rel(&format!("data/{rel}"));
        crate::embedded::FILES
            .iter()
            .find(|(path, _)| *path == key)
            .map(|(_, text)| text.as_bytes().to_vec())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the built-in database"))
    }
    fn claims_files(&self) -> io::Result<Vec<String>> {
        let mut out: Vec<String> = crate::embedded::FILES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("data/"))
            .filter(|p| p.starts_with("claims/") && p.ends_with(".ron"))
            .map(str::to_string)
            .collect();
        out.sort();
        Ok(out)
    }
    fn display(&self, rel: &str) -> String {
        format!("<built-in>/{}", normalize_rel(&format!("data/{rel}")))
    }
}

/// Resolves `.` and `..` in a `/`-separated relative path, lexically.
fn normalize_rel(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Loads the built-in seed database.
pub fn load_embedded() -> Result<Database, LoadError> {
    load(&EmbeddedSource)
}

/// Loads a database directory.
pub fn load_dir(root: impl Into<PathBuf>) -> Result<Database, LoadError> {
    load(&DirSource::new(root))
}

/// Loads and validates a database, reporting every problem at once.
pub fn load(src: &dyn Source) -> Result<Database, LoadError> {
    let mut cx = Loader {
        src,
        problems: Vec::new(),
    };
    let db = cx.run();
    if cx.problems.is_empty() {
        Ok(db.expect("a database when there are no problems"))
    } else {
        let mut problems = cx.problems;
        problems.sort_by(|a, b| (&a.file, a.pos).cmp(&(&b.file, b.pos)));
        problems.dedup();
        Err(LoadError { problems })
    }
}

/// Reads a file as UTF-8 text and parses it, or says what went wrong. A free function so that
/// parser threads can call it.
fn read_and_parse<T: for<'de> serde::Deserialize<'de>>(
    src: &dyn Source,
    rel: &str,
) -> Result<Parsed<T>, Problem> {
    let file = src.display(rel);
    let problem = |kind, pos, message: String, help: Option<&str>| Problem {
        kind,
        file: file.clone(),
        pos,
        message,
        help: help.map(str::to_string),
    };
    let text = match src.read(rel) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
                return Err(problem(
                    ProblemKind::Encoding,
                    Some(Pos::of_offset(&valid, at)),
                    format!("the file is not valid UTF-8 (byte {at})"),
                    Some("save the file as UTF-8"),
                ));
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(problem(
                ProblemKind::MissingFile,
                None,
                "the file does not exist".into(),
                None,
            ))
        }
        Err(e) => {
            return Err(problem(
                ProblemKind::Io,
                None,
                format!("cannot read: {e}"),
                None,
            ))
        }
    };
    match store::parse::<T>(&text) {
        Ok(value) => Ok(Parsed { file, text, value }),
        Err(e) => Err(problem(
            ProblemKind::Syntax,
            Some(Pos {
                line: e.line,
                col: e.col,
            }),
            e.message,
            None,
        )),
    }
}

/// A parsed file: its display name, text, and value.
struct Parsed<T> {
    file: String,
    text: String,
    value: T,
}

struct Loader<'a> {
    src: &'a dyn Source,
    problems: Vec<Problem>,
}

impl Loader<'_> {
    fn problem(
        &mut self,
        kind: ProblemKind,
        file: &str,
        pos: Option<Pos>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            kind,
            file: file.to_string(),
            pos,
            message: message.into(),
            help,
        });
    }

    fn parse_file<T: for<'de> serde::Deserialize<'de>>(&mut self, rel: &str) -> Option<Parsed<T>> {
        match read_and_parse(self.src, rel) {
            Ok(p) => Some(p),
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    fn run(&mut self) -> Option<Database> {
        let claim_files = match self.src.claims_files() {
            Ok(files) => files,
            Err(e) => {
                let shown = self.src.display("claims");
                self.problem(
                    ProblemKind::Io,
                    &shown,
                    None,
                    format!("cannot list: {e}"),
                    None,
                );
                Vec::new()
            }
        };
        // Claims files are parsed (the larger half of the work) on worker threads that start
        // at once, while this thread reads actors and documents; checking stays on this thread,
        // in file order. Each file's records are dropped once checked, and a worker waits when
        // it is a few files ahead, so memory stays flat however large the database.
        let mut claims = Vec::new();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8)
            .min(claim_files.len().max(1));
        let src = self.src;
        let (actors, documents) = std::thread::scope(|scope| {
            let mut receivers = Vec::new();
            for w in 0..workers {
                let (tx, rx) = std::sync::mpsc::sync_channel(8);
                receivers.push(rx);
                let files = &claim_files;
                scope.spawn(move || {
                    for rel in files.iter().skip(w).step_by(workers) {
                        if tx
                            .send(read_and_parse::<ClaimsFileRecord>(src, rel))
                            .is_err()
                        {
                            return;
                        }
                    }
                });
            }
            let actors = self
                .parse_file::<Vec<ActorRecord>>("actors.ron")
                .map(|a| self.check_actors(a));
            let documents = self
                .parse_file::<Vec<DocumentRecord>>("documents.ron")
                .map(|d| self.check_documents(d));
            for i in 0..claim_files.len() {
                match receivers[i % workers]
                    .recv()
                    .expect("each worker sends one result per file")
                {
                    Ok(file) => {
                        self.check_claims(&file, actors.as_ref(), documents.as_ref(), &mut claims)
                    }
                    Err(problem) => self.problems.push(problem),
                }
            }
            (actors, documents)
        });

        let (actors, _, names) = actors?;
        let (documents, _) = documents?;
        if !self.problems.is_empty() {
            return None;
        }
        Some(Database::new(actors, documents, claims, names))
    }

    /// Validates actors: ids, duplicates, spellings that collide, and `part_of`/`acts_for` links.
    fn check_actors(
        &mut self,
        parsed: Parsed<Vec<ActorRecord>>,
    ) -> (Vec<Actor>, IdTable, NameIndex) {
        let Parsed { file, text, value } = parsed;
        let loc = Locator::new(&text);
        let at = |path: &[Seg<'_>]| Some(loc.at(path));
        let mut table = IdTable::default();
        for (i, rec) in value.iter().enumerate() {
            self.register_id(&file, &loc, &mut table, i, &rec.id, "actor");
            if rec.name.trim().is_empty() {
                self.problem(
                    ProblemKind::EmptyField,
                    &file,
                    at(&[Seg::Index(i), Seg::Field("name")]),
                    format!("actor '{}' has an empty name", rec.id),
                    None,
                );
            }
        }

        // Resolve links now that every id is known.
        let mut actors: Vec<Actor> = Vec::with_capacity(value.len());
        for (i, rec) in value.iter().enumerate() {
            let mut link = |field: &'static str, target: &Option<String>| -> Option<ActorId> {
                let target = target.as_ref()?;
                let pos = || at(&[Seg::Index(i), Seg::Field(field)]);
                match table.get(target) {
                    Some(j) if j == i => {
                        self.problem(
                            ProblemKind::SelfRelation,
                            &file,
                            pos(),
                            format!("actor '{}' is its own {field}", rec.id),
                            None,
                        );
                        None
                    }
                    Some(j) => Some(ActorId(j as u32)),
                    None => {
                        let help = table.did_you_mean(target);
                        self.problem(
                            ProblemKind::UnknownActor,
                            &file,
                            pos(),
                            format!("{field} names unknown actor '{target}'"),
                            help,
                        );
                        None
                    }
                }
            };
            let part_of = link("part_of", &rec.part_of);
            let acts_for = link("acts_for", &rec.acts_for);
            actors.push(Actor {
                id: rec.id.clone(),
                name: rec.name.clone(),
                kind: rec.kind,
                aliases: rec.aliases.clone(),
                part_of,
                acts_for,
                description: rec.description.clone(),
            });
        }

        // Spellings that fold to the same key must belong to one actor.
        let (names, collisions) = NameIndex::build(&actors);
        for c in collisions {
            let second = &value[c.second.index()];
            let path: Vec<Seg<'_>> = match second.aliases.iter().position(|a| *a == c.spelling) {
                Some(k) => vec![
                    Seg::Index(c.second.index()),
                    Seg::Field("aliases"),
                    Seg::Index(k),
                ],
                None if second.name == c.spelling => {
                    vec![Seg::Index(c.second.index()), Seg::Field("name")]
                }
                None => vec![Seg::Index(c.second.index()), Seg::Field("id")],
            };
            self.problem(
                ProblemKind::AliasCollision,
                &file,
                Some(loc.at(&path)),
                format!(
                    "'{}' resolves to two actors: '{}' and '{}'",
                    c.spelling,
                    value[c.first.index()].id,
                    second.id
                ),
                Some("names are compared ignoring case and diacritics; keep the spelling on one actor".into()),
            );
        }

        // Roll-up links must end. Following `Actor::parent` from any actor may visit each actor
        // at most once.
        for start in 0..actors.len() {
            let mut seen = HashSet::new();
            let mut cur = start;
            seen.insert(cur);
            while let Some(next) = actors[cur].parent() {
                cur = next.index();
                if !seen.insert(cur) {
                    // Report each cycle once, at its smallest member.
                    if cur == start && seen.iter().all(|&s| s >= start) {
                        let mut names: Vec<&str> =
                            seen.iter().map(|&s| actors[s].id.as_str()).collect();
                        names.sort();
                        self.problem(
                            ProblemKind::RollupCycle,
                            &file,
                            at(&[Seg::Index(start), Seg::Field("id")]),
                            format!("part_of/acts_for links loop through {}", names.join(", ")),
                            Some("an actor must roll up to a top-level actor".into()),
                        );
                    }
                    break;
                }
            }
        }
        (actors, table, names)
    }

    /// Checks the spelling of the id of record `i` in a list file and records it in `table`,
    /// reporting a duplicate with where the first one is. Positions are only looked up when
    /// there is a problem.
    fn register_id(
        &mut self,
        file: &str,
        loc: &Locator<'_>,
        table: &mut IdTable,
        i: usize,
        id: &str,
        what: &str,
    ) {
        let at = |i: usize| loc.at(&[Seg::Index(i), Seg::Field("id")]);
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.problem(
                ProblemKind::BadId,
                file,
                Some(at(i)),
                format!("{what} id '{id}' must be lower-case letters, digits and '_'"),
                None,
            );
        }
        if let Some(first) = table.insert(id, i) {
            self.problem(
                ProblemKind::DuplicateId,
                file,
                Some(at(i)),
                format!("duplicate {what} id '{id}'"),
                Some(format!("first defined at line {}", at(first).line)),
            );
        }
    }

    /// Validates documents: ids, duplicates, dates, and that each file exists once.
    fn check_documents(&mut self, parsed: Parsed<Vec<DocumentRecord>>) -> (Vec<Document>, IdTable) {
        let Parsed { file, text, value } = parsed;
        let loc = Locator::new(&text);
        let at = |path: &[Seg<'_>]| Some(loc.at(path));
        let mut table = IdTable::default();
        let mut files: HashMap<String, usize> = HashMap::new();
        let mut docs = Vec::with_capacity(value.len());
        for (i, rec) in value.iter().enumerate() {
            self.register_id(&file, &loc, &mut table, i, &rec.id, "document");
            if rec.title.trim().is_empty() {
                self.problem(
                    ProblemKind::EmptyField,
                    &file,
                    at(&[Seg::Index(i), Seg::Field("title")]),
                    format!("document '{}' has an empty title", rec.id),
                    None,
                );
            }
            let date = rec
                .date
                .as_ref()
                .and_then(|d| match d.parse::<PartialDate>() {
                    Ok(d) => Some(d),
                    Err(e) => {
                        self.problem(
                            ProblemKind::BadDate,
                            &file,
                            at(&[Seg::Index(i), Seg::Field("date")]),
                            e.0,
                            None,
                        );
                        None
                    }
                });
            let rel = normalize_rel(&rec.file);
            let file_pos = || at(&[Seg::Index(i), Seg::Field("file")]);
            if let Some(first) = files.insert(rel.clone(), i) {
                self.problem(
                    ProblemKind::DuplicateFile,
                    &file,
                    file_pos(),
                    format!(
                        "'{}' is listed by two documents: '{}' and '{}'",
                        rec.file, value[first].id, rec.id
                    ),
                    Some("each source document is listed once".into()),
                );
            }
            let doc_text = match self.src.read(&rel) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(e) => {
                        self.problem(
                            ProblemKind::Encoding,
                            &file,
                            file_pos(),
                            format!(
                                "document file '{}' is not valid UTF-8 (byte {})",
                                rec.file,
                                e.utf8_error().valid_up_to()
                            ),
                            None,
                        );
                        String::new()
                    }
                },
                Err(e) => {
                    let (kind, message) = if e.kind() == io::ErrorKind::NotFound {
                        (
                            ProblemKind::MissingFile,
                            format!(
                                "document file '{}' does not exist ({})",
                                rec.file,
                                self.src.display(&rel)
                            ),
                        )
                    } else {
                        (ProblemKind::Io, format!("cannot read '{}': {e}", rec.file))
                    };
                    self.problem(
                        kind,
                        &file,
                        file_pos(),
                        message,
                        Some("document paths are relative to the database directory".into()),
                    );
                    String::new()
                }
            };
            docs.push(Document {
                id: rec.id.clone(),
                file: rec.file.clone(),
                title: rec.title.clone(),
                author: rec.author.clone(),
                publisher: rec.publisher.clone(),
                date,
                genre: rec.genre,
                note: rec.note.clone(),
                text: doc_text,
            });
        }
        (docs, table)
    }

    /// Validates one claims file and appends its claims.
    fn check_claims(
        &mut self,
        parsed: &Parsed<ClaimsFileRecord>,
        actors: Option<&(Vec<Actor>, IdTable, NameIndex)>,
        documents: Option<&(Vec<Document>, IdTable)>,
        out: &mut Vec<Claim>,
    ) {
        let Parsed { file, text, value } = parsed;
        let loc = Locator::new(text);
        let at = |path: &[Seg<'_>]| Some(loc.at(path));
        let file_name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let expected = format!("{}.ron", value.document);
        if file_name != expected {
            self.problem(
                ProblemKind::MisnamedFile,
                file,
                at(&[Seg::Field("document")]),
                format!(
                    "claims for document '{}' must be in claims/{expected}",
                    value.document
                ),
                None,
            );
        }
        let doc = match documents {
            Some((docs, table)) => match table.get(&value.document) {
                Some(i) => Some((DocId(i as u32), &docs[i])),
                None => {
                    let help = table.did_you_mean(&value.document);
                    self.problem(
                        ProblemKind::UnknownDocument,
                        file,
                        at(&[Seg::Field("document")]),
                        format!("unknown document id '{}'", value.document),
                        help.or(Some("add the document to documents.ron first".into())),
                    );
                    None
                }
            },
            None => None,
        };
        // Curators quote a document in the order of its text, so each search starts where the
        // previous quote was found and wraps around only when that fails: linear in the
        // document instead of quadratic. Most quotes occur verbatim; only the rest are compared
        // after normalising typography, and only then is the document normalised.
        let mut hint = 0usize;
        let mut normalized: Option<String> = None;
        let mut normalized_hint = 0usize;
        // Claims by a hash of what makes them the same; equal hashes are confirmed field by field.
        let mut seen: crate::fx::FxHashMap<u64, Vec<usize>> = Default::default();

        for (i, rec) in value.claims.iter().enumerate() {
            let field =
                |name: &'static str| [Seg::Field("claims"), Seg::Index(i), Seg::Field(name)];
            let mut ok = true;
            let resolve = |this: &mut Self, id: &str, path: &[Seg<'_>]| -> Option<ActorId> {
                let (_, table, _) = actors?;
                match table.get(id) {
                    Some(j) => Some(ActorId(j as u32)),
                    None => {
                        let help = table.did_you_mean(id);
                        this.problem(
                            ProblemKind::UnknownActor,
                            file,
                            Some(loc.at(path)),
                            format!("unknown actor id '{id}'"),
                            help,
                        );
                        None
                    }
                }
            };
            let from = resolve(self, &rec.from, &field("from"));
            let to = rec.to.as_ref().and_then(|t| resolve(self, t, &field("to")));
            let between = rec.between.as_ref().map(|(a, b)| {
                let pa = [
                    Seg::Field("claims"),
                    Seg::Index(i),
                    Seg::Field("between"),
                    Seg::Index(0),
                ];
                let pb = [
                    Seg::Field("claims"),
                    Seg::Index(i),
                    Seg::Field("between"),
                    Seg::Index(1),
                ];
                (resolve(self, a, &pa), resolve(self, b, &pb))
            });

            if rec.action.kind() != rec.kind {
                ok = false;
                self.problem(
                    ProblemKind::KindMismatch,
                    file,
                    at(&field("action")),
                    format!(
                        "action {} is a {} action, but the claim's kind is {}",
                        rec.action,
                        rec.action.kind(),
                        rec.kind
                    ),
                    Some(format!(
                        "{} actions: {}",
                        rec.kind,
                        crate::model::Action::ALL
                            .iter()
                            .filter(|a| a.kind() == rec.kind)
                            .map(|a| a.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }

            let target = match rec.kind {
                RelationKind::Mediation => {
                    if rec.to.is_some() {
                        ok = false;
                        self.problem(
                            ProblemKind::KindMismatch,
                            file,
                            at(&field("to")),
                            "a mediation names its parties in `between`, not `to`",
                            Some("write between: (\"party_a\", \"party_b\") and drop `to`".into()),
                        );
                    }
                    match between {
                        None => {
                            ok = false;
                            self.problem(
                                ProblemKind::BadMediation,
                                file,
                                at(&[Seg::Field("claims"), Seg::Index(i)]),
                                "a mediation must name its two parties",
                                Some("add between: (\"party_a\", \"party_b\")".into()),
                            );
                            None
                        }
                        Some((Some(a), Some(b))) => {
                            if a == b {
                                ok = false;
                                self.problem(
                                    ProblemKind::BadMediation,
                                    file,
                                    at(&field("between")),
                                    format!(
                                        "a mediation needs two distinct parties, not '{}' twice",
                                        rec.between.as_ref().map_or("", |b| b.0.as_str())
                                    ),
                                    None,
                                );
                            }
                            if from.is_some_and(|f| f == a || f == b) {
                                ok = false;
                                self.problem(
                                    ProblemKind::BadMediation,
                                    file,
                                    at(&field("from")),
                                    format!(
                                        "the mediator '{}' is one of the parties it mediates between",
                                        rec.from
                                    ),
                                    Some("a party's own contacts with the other are cooperation or conflict claims".into()),
                                );
                            }
                            Some(Target::Between(a, b))
                        }
                        Some(_) => None,
                    }
                }
                RelationKind::Cooperation | RelationKind::Conflict => {
                    if rec.between.is_some() {
                        ok = false;
                        self.problem(
                            ProblemKind::KindMismatch,
                            file,
                            at(&field("between")),
                            format!("only mediation claims take `between`; this is {}", rec.kind),
                            None,
                        );
                    }
                    match (rec.to.as_ref(), to) {
                        (None, _) => {
                            ok = false;
                            self.problem(
                                ProblemKind::KindMismatch,
                                file,
                                at(&[Seg::Field("claims"), Seg::Index(i)]),
                                format!("a {} claim must name its `to` actor", rec.kind),
                                None,
                            );
                            None
                        }
                        (Some(_), Some(t)) => {
                            if from == Some(t) {
                                ok = false;
                                self.problem(
                                    ProblemKind::SelfRelation,
                                    file,
                                    at(&field("to")),
                                    format!("a claim from '{}' to itself", rec.from),
                                    None,
                                );
                            }
                            Some(Target::Actor(t))
                        }
                        (Some(_), None) => None,
                    }
                }
            };

            let date = match rec.date.parse::<PartialDate>() {
                Ok(d) => Some(d),
                Err(e) => {
                    self.problem(ProblemKind::BadDate, file, at(&field("date")), e.0, None);
                    None
                }
            };

            let mut quote_text = None;
            if rec.quote.trim().is_empty() {
                ok = false;
                self.problem(
                    ProblemKind::EmptyField,
                    file,
                    at(&field("quote")),
                    "the quote is empty",
                    Some("every claim quotes the words of its document that support it".into()),
                );
            } else if let Some((_, d)) = doc {
                let verbatim = match d.text[hint..].find(rec.quote.as_str()) {
                    Some(p) => Some(hint + p),
                    None => d.text.find(rec.quote.as_str()),
                };
                if let Some(p) = verbatim {
                    hint = p;
                    quote_text = Some(Quote::Span {
                        start: p as u32,
                        len: rec.quote.len() as u32,
                    });
                } else {
                    let doc_text = normalized.get_or_insert_with(|| normalize_quote(&d.text));
                    let quote = normalize_quote(&rec.quote);
                    let found = match doc_text[normalized_hint..].find(&quote) {
                        Some(p) => Some(normalized_hint + p),
                        None => doc_text.find(&quote),
                    };
                    if let Some(p) = found {
                        normalized_hint = p;
                        quote_text = Some(Quote::Text(rec.quote.clone().into_boxed_str()));
                    } else {
                        ok = false;
                        self.problem(
                            ProblemKind::QuoteNotFound,
                            file,
                            at(&field("quote")),
                            format!("the quote does not occur in document '{}'", value.document),
                            Some(explain_missing_quote(&quote, doc_text)),
                        );
                    }
                }
            }

            let same = |a: &ClaimRecord, b: &ClaimRecord| {
                a.from == b.from
                    && a.to == b.to
                    && a.between == b.between
                    && a.action == b.action
                    && a.date == b.date
                    && a.quote == b.quote
            };
            let key = {
                use std::hash::{Hash, Hasher};
                let mut h = crate::fx::FxHasher::default();
                (
                    &rec.from,
                    &rec.to,
                    &rec.between,
                    rec.action,
                    &rec.date,
                    &rec.quote,
                )
                    .hash(&mut h);
                h.finish()
            };
            let earlier = seen.entry(key).or_default();
            if let Some(&first) = earlier.iter().find(|&&j| same(&value.claims[j], rec)) {
                let first_pos = loc.at(&[Seg::Field("claims"), Seg::Index(first)]);
                self.problem(
                    ProblemKind::DuplicateClaim,
                    file,
                    at(&[Seg::Field("claims"), Seg::Index(i)]),
                    "this claim repeats an earlier one in the same file",
                    Some(format!("the first is at line {}", first_pos.line)),
                );
            }
            earlier.push(i);

            if let (true, Some(from), Some(target), Some(date), Some((doc_id, _)), Some(quote)) =
                (ok, from, target, date, doc, quote_text)
            {
                out.push(Claim {
                    from,
                    target,
                    action: rec.action,
                    mutual: rec.mutual,
                    date,
                    certainty: rec.certainty,
                    doc: doc_id,
                    seq: i as u32 + 1,
                    quote,
                    note: rec.note.clone().map(String::into_boxed_str),
                });
            }
        }
    }
}

/// Says how much of a missing quote does occur, so a curator can find the changed word.
fn explain_missing_quote(quote: &str, doc: &str) -> String {
    let words: Vec<&str> = quote.split(' ').collect();
    // The longest prefix (in words) that occurs; `contains` is monotone in prefix length.
    let (mut lo, mut hi) = (0usize, words.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if doc.contains(&words[..mid].join(" ")) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        "not even its first word occurs; check the claim is in the right document".to_string()
    } else {
        let matched = words[..lo].join(" ");
        let shown: String = matched
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!(
            "the text matches up to \"…{shown}\" ({lo} of {} words); it differs at \"{}\"",
            words.len(),
            words[lo]
        )
    }
}

/// Ids of one kind, with "did you mean" over them.
#[derive(Default)]
struct IdTable {
    index: crate::fx::FxHashMap<String, usize>,
    ids: Vec<String>,
}

impl IdTable {
    /// Records an id; returns the earlier index if it was already present.
    fn insert(&mut self, id: &str, i: usize) -> Option<usize> {
        if let Some(&first) = self.index.get(id) {
            return Some(first);
        }
        self.index.insert(id.to_string(), i);
        self.ids.push(id.to_string());
        None
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Suggests the closest ids, by typo distance or a shared word.
    fn did_you_mean(&self, id: &str) -> Option<String> {
        let q = crate::text::fold(id);
        let budget = typo_budget(q.chars().count());
        let mut scored: Vec<(usize, &str)> = self
            .ids
            .iter()
            .filter_map(|cand| {
                let c = crate::text::fold(cand);
                let d = edit_distance(&q, &c);
                if d <= budget {
                    Some((d, cand.as_str()))
                } else if c.split(' ').any(|w| w == q)
                    || q.split(' ').any(|w| w.len() > 3 && c.contains(w))
                {
                    Some((budget + 1, cand.as_str()))
                } else {
                    None
                }
            })
            .collect();
        scored.sort();
        let list: Vec<String> = scored
            .iter()
            .take(3)
            .map(|(_, s)| format!("'{s}'"))
            .collect();
        (!list.is_empty()).then(|| format!("did you mean {}?", join_or(&list)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_rel_resolves_parents() {
        assert_eq!(normalize_rel("data/../seeds/a.txt"), "seeds/a.txt");
        assert_eq!(normalize_rel("./a//b"), "a/b");
        assert_eq!(normalize_rel("../x"), "../x");
    }

    #[test]
    fn missing_quote_explanation_points_at_the_changed_word() {
        let doc = "Turkey is holding technical talks with Israel";
        let msg = explain_missing_quote("Turkey is holding secret talks with Israel", doc);
        assert!(msg.contains("3 of 7 words"), "{msg}");
        assert!(msg.contains("\"secret\""), "{msg}");
    }

    #[test]
    fn did_you_mean_finds_typos_and_words() {
        let mut t = IdTable::default();
        for (i, id) in ["turkey", "united_states", "hakan_fidan"]
            .iter()
            .enumerate()
        {
            t.insert(id, i);
        }
        assert_eq!(
            t.did_you_mean("turky").as_deref(),
            Some("did you mean 'turkey'?")
        );
        assert_eq!(
            t.did_you_mean("fidan").as_deref(),
            Some("did you mean 'hakan_fidan'?")
        );
        assert_eq!(t.did_you_mean("narnia"), None);
    }
}
