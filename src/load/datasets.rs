//! Datasets to claims: `datasets.ron` and `actor-map.ron` read, each dataset file parsed
//! ([`crate::dataset`]), its parties matched to actors, and its events made claims.
//!
//! The rules, in the order they apply:
//!
//! 1. **Parties to actors.** An `actor-map.ron` entry for the party's name or code (scoped to
//!    this dataset, or to all) wins; else an actor whose id, name or alias is the party's name;
//!    else the party's code as an id or alias; else a new actor, with an id made from its name
//!    (`Government (Turkey)` → `government_turkey`, a suffix when taken), the kind the data
//!    suggests, the dataset's code as an alias, `origin` set to the dataset, and `part_of` the
//!    actor of the country the row places it in (matched by name, or created as a state), so that
//!    roll-up gathers a country's agencies under it.
//! 2. **One event, many reports.** For the formats that report one event in many stories
//!    (ICEWS, GDELT, POLECAT, edge lists: [`crate::dataset::FormatSpec::merges`]), rows with the
//!    same source, target, code and date are one claim; the first row is its quote and the rest
//!    its [`crate::model::Report`]s. A two-sided event matches with its sides either way round.
//!    UCDP and ACLED rows are events already, so each is a claim.
//! 3. **Mediation.** A CAMEO `045` row names the mediator and one party. The second party is
//!    the target of another `045` row of the same mediator in the same story, else the actor
//!    most often on the other side of the first party in that story; with neither, the claim
//!    keeps its one party (a [`crate::model::Target::Actor`] with action `MEDIATE`), and
//!    answers say the other side is unknown.
//! 4. **Mentions.** A GDELT Mentions file's rows are reports of the events whose
//!    `GLOBALEVENTID` they give.
//!
//! A malformed row never fails the load: it is skipped and listed in the dataset's
//! [`crate::dataset::Report`], which `dyad check` and `dyad import` print. What fails the load is
//! what would in any RON file: a `datasets.ron` or `actor-map.ron` that does not parse, an entry
//! that names a missing file, an id taken, an option the format does not take, an actor-map entry
//! naming no actor.

use crate::dataset::{
    self, ActorMapRecord, DatasetRecord, Event, FileReport, Party, Report, Rows, SkipReason,
    Skipped,
};
use crate::error::{Finding, Problem, ProblemKind};
use crate::fx::FxHashMap;
use crate::model::{
    Action, Actor, ActorId, ActorKind, Claim, Coded, DateSource, DocId, Document, EventDate, Genre,
    Quote, Report as Row, Target,
};
use crate::names::NameIndex;
use crate::store::locate::Seg;

use super::source::{ReadError, Role, Source};
use super::validate::{check_id, Placer};
use super::{parse, problem_kind, Parsed as RonFile};

/// The datasets file's name in a database directory.
pub const DATASETS_FILE: &str = "datasets.ron";
/// The actor map's name in a database directory.
pub const ACTOR_MAP_FILE: &str = "actor-map.ron";

/// What the datasets add to a database.
#[derive(Default)]
pub(super) struct Added {
    pub documents: Vec<Document>,
    pub claims: Vec<Claim>,
    pub reports: Vec<Report>,
}

/// Reads `datasets.ron` (if the database has one) and every dataset it names, adding actors to
/// `actors` and `names`; documents get ids from `first_doc` on.
pub(super) fn load(
    src: &dyn Source,
    actors: &mut Vec<Actor>,
    names: &mut NameIndex,
    doc_ids: &super::Ids,
    first_doc: usize,
    progress: &dyn crate::progress::Progress,
    problems: &mut Vec<Problem>,
) -> Added {
    let mut added = Added::default();
    let Some(file) = optional::<Vec<DatasetRecord>>(src, DATASETS_FILE, problems) else {
        return added;
    };
    let map = optional::<Vec<ActorMapRecord>>(src, ACTOR_MAP_FILE, problems);
    let map = map
        .map(|m| ActorMap::new(&m, names, problems))
        .unwrap_or_default();

    let before = problems.len();
    let mut seen = super::Ids::default();
    {
        let mut p = Placer::new(&file.file, &file.text, problems);
        for (i, rec) in file.value.iter().enumerate() {
            let record = [Seg::Index(i)];
            for f in check_dataset(rec) {
                p.push(&record, f);
            }
            if doc_ids.get(&rec.id).is_some() {
                p.push(
                    &record,
                    Finding::new(
                        ProblemKind::DuplicateId,
                        format!(
                            "dataset id '{}' is a document's id in documents.ron",
                            rec.id
                        ),
                    )
                    .at("id"),
                );
            }
            if let Some(first) = seen.insert(&rec.id, i) {
                let line = p.line(&[Seg::Index(first), Seg::Field("id")]);
                p.push(
                    &record,
                    super::validate::duplicate_id("dataset", &rec.id, line),
                );
            }
        }
    }
    if problems.len() > before {
        return added;
    }

    let mut resolver = Resolver {
        actors,
        names,
        map: &map,
        slugs: FxHashMap::default(),
    };
    for (i, rec) in file.value.iter().enumerate() {
        let doc = DocId((first_doc + added.documents.len()) as u32);
        let record = [Seg::Index(i)];
        let fail = |finding: Finding, problems: &mut Vec<Problem>| {
            Placer::new(&file.file, &file.text, problems).push(&record, finding);
        };
        progress.stage(&format!("reading {}", rec.file), None);
        let Some((text, bad)) = read(src, &rec.file, &mut |f| fail(f, problems)) else {
            continue;
        };
        progress.stage(&format!("parsing {}", rec.file), Some(text.len() as u64));
        let mut parsed = dataset::parse(
            rec.format,
            &Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &rec.mapping,
            },
        );
        if parsed.rows == 0 && parsed.events.is_empty() {
            if let Some(s) = parsed.skipped.first().filter(|s| s.reason.is_error()) {
                let message = format!(
                    "{}:{}: cannot read as {}: {}",
                    src.display(&rec.file),
                    s.line,
                    rec.format,
                    s.detail.as_deref().unwrap_or(s.reason.label())
                );
                fail(
                    Finding::new(ProblemKind::BadDataset, message).at("file"),
                    problems,
                );
                continue;
            }
        }
        let mentions = match &rec.mapping.mentions {
            Some(m) => match read(src, m, &mut |f| {
                fail(f.at_path(&[Seg::Field("mapping")]), problems)
            }) {
                Some(t) => Some((m.clone(), t)),
                None => continue,
            },
            None => None,
        };
        progress.advance(text.len() as u64);
        progress.stage(
            &format!("matching the actors of {}", rec.id),
            Some(parsed.parties.len() as u64),
        );
        let mut build = Build::new(rec, doc, &parsed, &mut resolver);
        progress.stage(
            &format!("making claims of {}", rec.id),
            Some(parsed.events.len() as u64),
        );
        let events = std::mem::take(&mut parsed.events);
        build.claims(events, rec.mapping.mentions.is_some());
        let mut files = vec![FileReport::new(
            rec.file.clone(),
            parsed.rows,
            &merge_skips(&parsed.skipped, &mut build.skipped),
        )];
        added.documents.push(document(rec, text));
        if let Some((file, (text, bad))) = mentions {
            let mdoc = DocId(doc.0 + 1);
            let m = dataset::parse_mentions(&Rows {
                text: &text,
                bad_utf8: &bad,
                mapping: &rec.mapping,
            });
            let mut skipped = m.skipped.clone();
            build.mentions(&m.mentions, mdoc, &mut skipped);
            skipped.sort_by_key(|s| s.line);
            files.push(FileReport::new(file.clone(), m.rows, &skipped));
            let mut d = document(rec, text);
            d.id = format!("{}_mentions", rec.id);
            d.file = file;
            d.title = format!("{} (Mentions)", rec.title);
            added.documents.push(d);
        }
        let (claims, mut report) = build.finish();
        report.files = files;
        added.claims.extend(claims);
        added.reports.push(report);
    }
    resolver.names.finish();
    added
}

/// The skips a parser found and those the loader added (same actor after matching), in line
/// order.
fn merge_skips(parsed: &[Skipped], mine: &mut Vec<Skipped>) -> Vec<Skipped> {
    let mut all: Vec<Skipped> = parsed.iter().cloned().chain(mine.drain(..)).collect();
    all.sort_by_key(|s| s.line);
    all
}

/// The document a dataset file is: genre `data`, its text the file's.
fn document(rec: &DatasetRecord, text: String) -> Document {
    Document {
        id: rec.id.clone(),
        file: rec.file.clone(),
        title: rec.title.clone(),
        author: None,
        publisher: rec.publisher.clone(),
        date: None,
        genre: Genre::Data,
        note: rec.licence.as_ref().map(|l| format!("Licence: {l}")),
        text,
    }
}

/// Checks one `datasets.ron` entry on its own: its id, a title, and options its format takes.
pub fn check_dataset(rec: &DatasetRecord) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(f) = check_id(&rec.id, "dataset") {
        out.push(f);
    }
    if rec.title.trim().is_empty() {
        out.push(Finding::new(ProblemKind::EmptyField, "a dataset needs a title").at("title"));
    }
    if rec.file.trim().is_empty() {
        out.push(Finding::new(ProblemKind::EmptyField, "a dataset needs a file").at("file"));
    }
    let spec = rec.format.spec();
    for option in rec.mapping.set() {
        if !spec.options.contains(&option) {
            let takes = if spec.options.is_empty() {
                "takes no mapping options".to_string()
            } else {
                format!("takes {}", spec.options.join(", "))
            };
            out.push(
                Finding::new(
                    ProblemKind::BadDataset,
                    format!(
                        "the {} format has no option '{option}'; it {takes}",
                        rec.format
                    ),
                )
                .at_path(&[Seg::Field("mapping"), Seg::Field(option)]),
            );
        }
    }
    out
}

/// Reads and parses an optional RON file: `None` when it does not exist (or cannot be used;
/// then the problem is recorded).
fn optional<T: for<'de> serde::Deserialize<'de>>(
    src: &dyn Source,
    rel: &str,
    problems: &mut Vec<Problem>,
) -> Option<RonFile<T>> {
    match src.read(rel, Role::Data) {
        Err(ReadError::NotFound) => None,
        _ => parse::<T>(src, rel, problems),
    }
}

/// Reads a dataset file as text (see [`dataset::decode`]), or reports why it cannot.
fn read(
    src: &dyn Source,
    rel: &str,
    fail: &mut dyn FnMut(Finding),
) -> Option<(String, Vec<(u32, u32)>)> {
    let path = super::document_path(rel);
    match src.read(&path, Role::Dataset) {
        Ok(bytes) => Some(dataset::decode(bytes)),
        Err(e) => {
            let kind = problem_kind(&e);
            let message = match e {
                ReadError::NotFound => {
                    format!(
                        "dataset file '{rel}' does not exist ({})",
                        src.display(&path)
                    )
                }
                ref other => format!(
                    "cannot read dataset file '{rel}' ({}): {other}",
                    src.display(&path)
                ),
            };
            let help = e
                .help()
                .unwrap_or_else(|| "dataset paths are relative to the database directory".into());
            fail(Finding::new(kind, message).at("file").help(help));
            None
        }
    }
}

/// `actor-map.ron`, resolved: (dataset or `None`, folded name or code) → actor.
#[derive(Default)]
struct ActorMap {
    by_name: FxHashMap<(Option<String>, String), ActorId>,
    by_code: FxHashMap<(Option<String>, String), ActorId>,
}

impl ActorMap {
    fn new(
        file: &RonFile<Vec<ActorMapRecord>>,
        names: &NameIndex,
        problems: &mut Vec<Problem>,
    ) -> ActorMap {
        let mut map = ActorMap::default();
        let mut p = Placer::new(&file.file, &file.text, problems);
        for (i, rec) in file.value.iter().enumerate() {
            let record = [Seg::Index(i)];
            let Some(actor) = names.get(&rec.actor) else {
                let suggest = names.suggest(&rec.actor, 3);
                let help = (!suggest.is_empty()).then(|| {
                    let s: Vec<String> = suggest.iter().map(|(_, s)| format!("'{s}'")).collect();
                    format!("did you mean {}?", crate::names::join_or(&s))
                });
                p.push(
                    &record,
                    Finding::new(
                        ProblemKind::BadActorMap,
                        format!("'{}' names no actor of actors.ron", rec.actor),
                    )
                    .at("actor")
                    .maybe_help(help),
                );
                continue;
            };
            let scope = rec.dataset.clone();
            match (&rec.name, &rec.code) {
                (None, None) => p.push(
                    &record,
                    Finding::new(
                        ProblemKind::BadActorMap,
                        "an actor-map entry needs a `name` or a `code` to match",
                    ),
                ),
                (name, code) => {
                    if let Some(n) = name {
                        map.by_name
                            .insert((scope.clone(), crate::text::fold(n)), actor);
                    }
                    if let Some(c) = code {
                        map.by_code
                            .insert((scope.clone(), c.trim().to_string()), actor);
                    }
                }
            }
        }
        map
    }

    fn get(&self, dataset: &str, party: &Party) -> Option<ActorId> {
        let name = crate::text::fold(&party.name);
        let scoped = Some(dataset.to_string());
        let code = party.code.as_deref().map(str::trim);
        for scope in [&scoped, &None] {
            if let Some(c) = code {
                if let Some(&a) = self.by_code.get(&(scope.clone(), c.to_string())) {
                    return Some(a);
                }
            }
            if let Some(&a) = self.by_name.get(&(scope.clone(), name.clone())) {
                return Some(a);
            }
        }
        None
    }
}

/// Matches parties to actors, creating actors for those that match none.
struct Resolver<'a> {
    actors: &'a mut Vec<Actor>,
    names: &'a mut NameIndex,
    map: &'a ActorMap,
    /// Ids given to created actors, so that a suffix keeps them distinct.
    slugs: FxHashMap<String, u32>,
}

impl Resolver<'_> {
    /// The actor a party is, and whether it was created for it.
    fn resolve(&mut self, dataset: &str, doc: DocId, p: &Party) -> (ActorId, bool) {
        if let Some(a) = self.map.get(dataset, p) {
            return (a, false);
        }
        if let Some(a) = self.names.get(&p.name) {
            return (a, false);
        }
        if let Some(a) = p.code.as_deref().and_then(|c| self.names.get(c)) {
            return (a, false);
        }
        let parent = match p.country.as_deref() {
            Some(country) if crate::text::fold(country) != crate::text::fold(&p.name) => {
                let state = Party {
                    name: country.into(),
                    code: None,
                    country: None,
                    kind: ActorKind::State,
                };
                Some(self.resolve(dataset, doc, &state).0)
            }
            _ => None,
        };
        let id = self.fresh_id(&p.name);
        let actor = ActorId(self.actors.len() as u32);
        self.names.add(&p.name, actor);
        self.names.add(&id, actor);
        let mut aliases = Vec::new();
        if let Some(code) = p.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            if self.names.add(code, actor) {
                aliases.push(code.to_string());
            }
        }
        self.actors.push(Actor {
            id,
            name: p.name.to_string(),
            kind: p.kind,
            aliases,
            part_of: parent,
            acts_for: None,
            description: None,
            origin: Some(doc),
        });
        (actor, true)
    }

    /// An id for a created actor: its folded name in `lower_snake_case`, with `_2`, `_3`, … when
    /// another actor has it.
    fn fresh_id(&mut self, name: &str) -> String {
        let mut base: String = crate::text::fold(name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        while base.contains("__") {
            base = base.replace("__", "_");
        }
        let base = base.trim_matches('_');
        let base = if base.is_empty() { "actor" } else { base }.to_string();
        let mut n = *self.slugs.get(&base).unwrap_or(&1);
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}_{n}")
            };
            if self.names.get(&id).is_none() {
                self.slugs.insert(base, n + 1);
                return id;
            }
            n += 1;
        }
    }
}

/// The claims of one dataset, being built.
struct Build<'a> {
    rec: &'a DatasetRecord,
    doc: DocId,
    /// Each party's actor.
    actor_of: Vec<ActorId>,
    claims: Vec<Claim>,
    /// Reports of each claim beyond its first row.
    more: Vec<Vec<Row>>,
    /// The claim each record id made, for Mentions.
    by_record: FxHashMap<Box<str>, u32>,
    skipped: Vec<Skipped>,
    report: Report,
}

/// What makes two rows one event: the two actors (in order, or sorted for a two-sided event),
/// the mediation's second party, the code and the date.
/// The code is its index among the dataset's distinct codes, so that keys are copied and
/// compared without touching strings.
type EventKey = (ActorId, ActorId, Option<ActorId>, u32, EventDate, Action);

impl<'a> Build<'a> {
    fn new(
        rec: &'a DatasetRecord,
        doc: DocId,
        parsed: &dataset::Parsed,
        resolver: &mut Resolver<'_>,
    ) -> Build<'a> {
        let mut created = 0;
        let before = resolver.actors.len();
        let actor_of: Vec<ActorId> = parsed
            .parties
            .iter()
            .map(|p| resolver.resolve(&rec.id, doc, p).0)
            .collect();
        // Distinct actors matched: several parties (one name with two sector lists) can be
        // one actor.
        let mut distinct: Vec<ActorId> = actor_of
            .iter()
            .copied()
            .filter(|a| a.index() < before)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let matched = distinct.len();
        created += resolver.actors.len() - before;
        Build {
            rec,
            doc,
            actor_of,
            claims: Vec::new(),
            more: Vec::new(),
            by_record: FxHashMap::default(),
            skipped: Vec::new(),
            report: Report {
                id: rec.id.clone(),
                format: rec.format,
                doc,
                kinds: [0; 3],
                extra_reports: 0,
                one_sided_mediations: 0,
                actors_matched: matched as u32,
                actors_created: created as u32,
                files: Vec::new(),
            },
        }
    }

    /// Makes the claims of every event, taking the events' strings rather than copying them.
    /// `by_record` keeps each record id's claim, which only Mentions need.
    fn claims(&mut self, events: Vec<Event>, by_record: bool) {
        let merges = self.rec.format.spec().merges;
        let second = self.second_parties(&events);
        let mut seen: FxHashMap<EventKey, u32> = FxHashMap::default();
        let mut codes: FxHashMap<Box<str>, u32> = FxHashMap::default();
        for (i, e) in events.into_iter().enumerate() {
            let from = self.actor_of[e.from as usize];
            let to = self.actor_of[e.to as usize];
            if from == to {
                self.skipped.push(Skipped {
                    line: e.line,
                    reason: SkipReason::SameActor,
                    detail: None,
                });
                continue;
            }
            let other = second[i].filter(|&o| o != from && o != to);
            if merges {
                let (a, b, c) = match other {
                    Some(o) => (from, to.min(o), Some(to.max(o))),
                    None if e.mutual => (from.min(to), from.max(to), None),
                    None => (from, to, None),
                };
                let code = match e.code.as_deref() {
                    None => u32::MAX,
                    Some(code) => match codes.get(code) {
                        Some(&id) => id,
                        None => {
                            let id = codes.len() as u32;
                            codes.insert(code.into(), id);
                            id
                        }
                    },
                };
                let key = (a, b, c, code, e.date, e.action);
                if let Some(&claim) = seen.get(&key) {
                    self.more[claim as usize].push(Row {
                        doc: self.doc,
                        line: e.line,
                        start: e.start,
                        len: e.len,
                    });
                    self.report.extra_reports += 1;
                    if by_record {
                        self.by_record.entry(e.record).or_insert(claim);
                    }
                    continue;
                }
                seen.insert(key, self.claims.len() as u32);
            }
            if by_record {
                self.by_record
                    .entry(e.record.clone())
                    .or_insert(self.claims.len() as u32);
            }
            self.push(e, from, to, other);
        }
    }

    /// Adds the claim of one event.
    fn push(&mut self, e: Event, from: ActorId, to: ActorId, other: Option<ActorId>) {
        let target = match other {
            Some(o) => Target::Between(to, o),
            None => Target::Actor(to),
        };
        if e.action == Action::Mediate && other.is_none() {
            self.report.one_sided_mediations += 1;
        }
        let kind = e.action.kind();
        self.report.kinds[crate::model::RelationKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0)] += 1;
        self.claims.push(Claim {
            retracted: false,
            from,
            target,
            action: e.action,
            mutual: e.mutual,
            date: e.date,
            date_from: DateSource::Text,
            certainty: self.rec.format.spec().certainty,
            doc: self.doc,
            seq: e.line,
            quote: Quote::Span {
                start: e.start,
                len: e.len,
            },
            note: None,
            coded: Some(Box::new(Coded {
                record: e.record,
                code: e.code,
                goldstein: e.goldstein,
                quad: e.quad,
                weight: e.weight,
                reports: Box::new([]),
            })),
        });
        self.more.push(Vec::new());
    }

    /// For each event, the second party of a mediation when its story names one (see the
    /// module's rule 3); `None` for other events.
    fn second_parties(&self, events: &[Event]) -> Vec<Option<ActorId>> {
        let mut out = vec![None; events.len()];
        if !events.iter().any(|e| e.action == Action::Mediate) {
            return out;
        }
        // Only the stories that hold a mediation are indexed: a few among a million rows.
        let mut stories: FxHashMap<&str, Vec<usize>> = events
            .iter()
            .filter(|e| e.action == Action::Mediate)
            .filter_map(|e| e.story.as_deref())
            .map(|s| (s, Vec::new()))
            .collect();
        for (i, e) in events.iter().enumerate() {
            if let Some(list) = e.story.as_deref().and_then(|s| stories.get_mut(s)) {
                list.push(i);
            }
        }
        for (i, e) in events.iter().enumerate() {
            if e.action != Action::Mediate {
                continue;
            }
            let Some(story) = e.story.as_deref() else {
                continue;
            };
            let m = self.actor_of[e.from as usize];
            let t = self.actor_of[e.to as usize];
            let same = &stories[story];
            // Another mediation row of the same mediator naming another party.
            let paired = same.iter().map(|&j| &events[j]).find(|o| {
                o.action == Action::Mediate
                    && self.actor_of[o.from as usize] == m
                    && self.actor_of[o.to as usize] != t
                    && self.actor_of[o.to as usize] != m
            });
            if let Some(o) = paired {
                out[i] = Some(self.actor_of[o.to as usize]);
                continue;
            }
            // Else whoever is most often on the other side of the party in this story.
            let mut counts: Vec<(ActorId, u32, usize)> = Vec::new();
            for &j in same {
                let o = &events[j];
                let (a, b) = (self.actor_of[o.from as usize], self.actor_of[o.to as usize]);
                let other = if a == t {
                    b
                } else if b == t {
                    a
                } else {
                    continue;
                };
                if other == m || other == t {
                    continue;
                }
                match counts.iter_mut().find(|(x, _, _)| *x == other) {
                    Some(c) => c.1 += 1,
                    None => counts.push((other, 1, j)),
                }
            }
            out[i] = counts
                .iter()
                .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
                .map(|c| c.0);
        }
        out
    }

    /// Joins Mentions rows to the claims of the events they mention.
    fn mentions(&mut self, mentions: &[dataset::Mention], doc: DocId, skipped: &mut Vec<Skipped>) {
        for m in mentions {
            match self.by_record.get(&m.event) {
                Some(&claim) => {
                    self.more[claim as usize].push(Row {
                        doc,
                        line: m.line,
                        start: m.start,
                        len: m.len,
                    });
                    self.report.extra_reports += 1;
                }
                None => skipped.push(Skipped {
                    line: m.line,
                    reason: SkipReason::NoEvent,
                    detail: None,
                }),
            }
        }
    }

    fn finish(mut self) -> (Vec<Claim>, Report) {
        for (c, more) in self.claims.iter_mut().zip(self.more) {
            if !more.is_empty() {
                if let Some(coded) = c.coded.as_mut() {
                    coded.reports = more.into_boxed_slice();
                }
            }
        }
        (self.claims, self.report)
    }
}
