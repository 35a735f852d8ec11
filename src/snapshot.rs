//! A binary snapshot of a validated database, cached beside its RON files.
//!
//! Parsing and checking a million claims takes seconds; reading them back from a compact binary
//! form takes a fraction of that. [`load_dir`] uses the snapshot `DIR/.dyad-snapshot` when it is
//! fresh and otherwise loads the RON, validates it, and writes a new snapshot.
//!
//! **Freshness is decided by content.** While the RON is loaded, every byte the loader parses
//! passes through a recorder that hashes it (XXH3, 128 bits) on its way to the parser; the
//! snapshot stores, for every input (`actors.ron`, `documents.ron`, each claims file, each
//! document), the name the loader asked for, the real path it was read from, its length and
//! that hash, plus the list of claims files and dyad's version. Opening reads every input
//! again through the same [`DirSource`] — so under the same rules, limits and root — and uses
//! the snapshot only if every path, length and hash matches and the claims files are the same
//! list. Hence:
//!
//! - an edit is seen whatever it does to sizes and times (`touch -r`, `cp -p`, rsync, tar);
//! - a file replaced while the snapshot is being built cannot pair new contents with an old
//!   fingerprint, because the fingerprint is of the very bytes that were parsed;
//! - a RON file made invalid is never answered from an older snapshot: the hash differs, the
//!   RON is loaded, and its problems are the error;
//! - a snapshot carried to another database, or to another version of dyad, does not match.
//!
//! A snapshot only ever holds a database that passed every check, so using it is equivalent to
//! validating the unchanged files again. `dyad check` always validates the RON itself.
//!
//! **Document texts are not stored.** Opening must read every document to hash it anyway, so
//! the texts are taken from those reads; the snapshot keeps only each quote's span in its
//! document. A snapshot therefore never carries a copy of a source text, and it is about as
//! large as the claims it encodes.
//!
//! **What it does not defend against.** The snapshot is a cache with a checksum, not a
//! signature: whoever can write `.dyad-snapshot` could craft one that matches the RON's hashes
//! and holds other claims, just as they could edit the RON. Treat it like the RON files beside
//! it; to distrust a database received from elsewhere, delete its snapshot or run `dyad check`.
//! A snapshot path that is a symlink, or anything but a regular file, is neither read nor
//! written through, so a planted link cannot redirect the write to another file.
//!
//! The snapshot is replaced through [`crate::atomic::write`], so a reader sees the old one or
//! the new one, never half of either; a failed write leaves no temporary file.
//!
//! The format is private to this module and versioned; any decoding problem (truncation, a
//! bad tag, another version, counts that do not fit the bytes) makes the snapshot stale rather
//! than an error.

use std::fs;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

use crate::dataset::{FileReport, Report, SkipReason, Skipped, FORMATS};
use crate::db::Database;
use crate::error::LoadError;
use crate::load::{document_path, DirSource, Listing, ReadError, Role, Source};
use crate::model::{
    Action, Actor, ActorId, ActorKind, Certainty, Claim, Coded, DateSource, DocId, Document,
    EventDate, Genre, PartialDate, Quote, RelationKind, Report as Row, Target,
};

/// A decoded id checked against its table's length.
trait Valid: Sized {
    fn valid(self, len: usize) -> Option<Self>;
}

impl Valid for DocId {
    fn valid(self, len: usize) -> Option<DocId> {
        (self.index() < len).then_some(self)
    }
}
use crate::names::NameIndex;

/// The snapshot's file name inside a database directory.
pub const FILE_NAME: &str = ".dyad-snapshot";
/// The format's name and version: bump the digit whenever the encoding changes (version 4:
/// datasets: their actors, documents, coded claims and load reports; version 5: retracted
/// claims).
const MAGIC: &[u8; 8] = b"DYADSNP5";

/// Loads a database directory through its snapshot when fresh; otherwise from the RON, then
/// writes the snapshot (silently skipping that if the directory is read-only). Reads under the
/// default [`crate::load::ReadPolicy`].
pub fn load_dir(root: impl Into<PathBuf>) -> Result<Database, LoadError> {
    load_source(&DirSource::new(root))
}

/// Like [`load_dir`], for a directory source with its own [`crate::load::ReadPolicy`]: the
/// snapshot's inputs are read again under that policy, so a file it refuses makes the
/// snapshot unusable and the RON load reports it.
pub fn load_source(src: &DirSource) -> Result<Database, LoadError> {
    load_source_with(src, &crate::progress::Silent)
}

/// Like [`load_source`], reporting its stages to `progress`: checking the snapshot, and when
/// it is stale, loading the RON and datasets and writing the new one.
pub fn load_source_with(
    src: &DirSource,
    progress: &dyn crate::progress::Progress,
) -> Result<Database, LoadError> {
    progress.stage("checking the snapshot", None);
    if let Some(db) = read(src) {
        return Ok(db);
    }
    let recorder = Recorder {
        src,
        seen: Mutex::new(Inputs::default()),
    };
    let db = crate::load::load_with(&recorder, progress);
    let db = db?;
    let inputs = recorder
        .seen
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    progress.stage("writing the snapshot", None);
    let _ = write(src, &db, inputs);
    Ok(db)
}

/// The length recorded for a file the loader asked for and did not find.
const ABSENT: u64 = u64::MAX;

/// One file the database was built from, as the snapshot fingerprints it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Input {
    role: Role,
    /// The name the loader asked for (relative to the database directory, or absolute).
    rel: String,
    /// The real path it was read from, as the operating system's bytes.
    path: Vec<u8>,
    len: u64,
    hash: u128,
}

/// Everything the loader read: the claims files it listed and every file's fingerprint.
#[derive(Clone, Debug, Default)]
struct Inputs {
    claims_files: Vec<String>,
    files: Vec<Input>,
}

/// A source that passes reads through to a directory and fingerprints the bytes it hands to
/// the loader, so that the snapshot describes exactly what was parsed.
struct Recorder<'a> {
    src: &'a DirSource,
    seen: Mutex<Inputs>,
}

impl Source for Recorder<'_> {
    fn read(&self, rel: &str, role: Role) -> Result<Vec<u8>, ReadError> {
        let fetched = match self.src.fetch(rel, role) {
            Ok(f) => f,
            // The optional files (`datasets.ron`, `actor-map.ron`) are asked for whether or not
            // they exist; that one did not is part of what the database was built from, so
            // the snapshot is stale once it appears.
            Err(ReadError::NotFound) => {
                self.lock().files.push(Input {
                    role,
                    rel: rel.to_string(),
                    path: Vec::new(),
                    len: ABSENT,
                    hash: 0,
                });
                return Err(ReadError::NotFound);
            }
            Err(e) => return Err(e),
        };
        let input = Input {
            role,
            rel: rel.to_string(),
            path: fetched.path.as_os_str().as_encoded_bytes().to_vec(),
            len: fetched.bytes.len() as u64,
            hash: xxh3_128(&fetched.bytes),
        };
        self.lock().files.push(input);
        Ok(fetched.bytes)
    }
    fn claims_files(&self) -> io::Result<Listing> {
        let listing = self.src.claims_files()?;
        self.lock().claims_files = listing.files.clone();
        Ok(listing)
    }
    fn display(&self, rel: &str) -> String {
        self.src.display(rel)
    }
}

impl Recorder<'_> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inputs> {
        // A panic elsewhere cannot leave the list half-pushed; keep using it.
        self.seen.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether the snapshot path may be read and replaced: it is absent, or a regular file (not a
/// symlink, FIFO, device or directory).
fn snapshot_path_is_ours(src: &DirSource) -> bool {
    match fs::symlink_metadata(src.root().join(FILE_NAME)) {
        Ok(meta) => meta.file_type().is_file(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

/// Writes the snapshot of `db`, which was just loaded from `src` reading `inputs`.
fn write(src: &DirSource, db: &Database, mut inputs: Inputs) -> io::Result<()> {
    if !snapshot_path_is_ours(src) {
        return Ok(());
    }
    inputs
        .files
        .sort_by(|a, b| (a.role, &a.rel).cmp(&(b.role, &b.rel)));
    let mut w = Enc(Vec::with_capacity(db.claims.len() * 40 + (1 << 20)));
    w.0.extend_from_slice(MAGIC);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u32(inputs.claims_files.len() as u32);
    for f in &inputs.claims_files {
        w.str(f);
    }
    w.u32(inputs.files.len() as u32);
    for f in &inputs.files {
        w.u8(match f.role {
            Role::Data => 0,
            Role::Document => 1,
            Role::Dataset => 2,
        });
        w.str(&f.rel);
        w.bytes(&f.path);
        w.u64(f.len);
        w.u128(f.hash);
    }
    w.u32(db.actors.len() as u32);
    for a in &db.actors {
        w.str(&a.id);
        w.str(&a.name);
        w.u8(a.kind as u8);
        w.u32(a.aliases.len() as u32);
        for x in &a.aliases {
            w.str(x);
        }
        w.opt_id(a.part_of);
        w.opt_id(a.acts_for);
        w.opt_str(a.description.as_deref());
        w.u32(a.origin.map_or(u32::MAX, |d| d.0));
    }
    w.u32(db.documents.len() as u32);
    for d in &db.documents {
        w.str(&d.id);
        w.str(&d.file);
        w.str(&d.title);
        w.opt_str(d.author.as_deref());
        w.opt_str(d.publisher.as_deref());
        match d.date {
            Some(x) => {
                w.u8(1);
                w.date(x);
            }
            None => w.u8(0),
        }
        w.u8(d.genre as u8);
        w.opt_str(d.note.as_deref());
    }
    w.u32(db.claims.len() as u32);
    for c in &db.claims {
        w.u32(c.from.0);
        match c.target {
            Target::Actor(t) => {
                w.u8(0);
                w.u32(t.0);
            }
            Target::Between(a, b) => {
                w.u8(1);
                w.u32(a.0);
                w.u32(b.0);
            }
        }
        w.u8(c.action as u8);
        w.u8(u8::from(c.mutual) | (u8::from(c.retracted) << 1));
        w.event_date(c.date);
        w.u8(c.date_from as u8);
        w.u8(c.certainty as u8);
        w.u32(c.doc.0);
        w.u32(c.seq);
        match &c.quote {
            Quote::Span { start, len } => {
                w.u8(0);
                w.u32(*start);
                w.u32(*len);
            }
            Quote::Text(t) => {
                w.u8(1);
                w.str(t);
            }
        }
        w.opt_str(c.note.as_deref());
        match c.coded.as_deref() {
            None => w.u8(0),
            Some(k) => {
                w.u8(1);
                w.str(&k.record);
                w.opt_str(k.code.as_deref());
                w.opt_f32(k.goldstein);
                w.u8(k.quad.unwrap_or(0));
                w.opt_f32(k.weight);
                w.u32(k.reports.len() as u32);
                for r in k.reports.iter() {
                    w.u32(r.doc.0);
                    w.u32(r.line);
                    w.u32(r.start);
                    w.u32(r.len);
                }
            }
        }
    }
    w.u32(db.datasets.len() as u32);
    for d in &db.datasets {
        w.dataset(d);
    }
    // A checksum over everything, so damage is detected rather than decoded into wrong data.
    let sum = xxh3_64(&w.0);
    w.u64(sum);
    // Replaced atomically: a reader never sees half a snapshot.
    crate::atomic::write(&src.root().join(FILE_NAME), &w.0)
}

/// Reads the snapshot of `src`'s directory if it exists, is intact, and matches every input
/// as `src` reads it now; `None` otherwise.
pub fn read(src: &DirSource) -> Option<Database> {
    if !snapshot_path_is_ours(src) {
        return None;
    }
    let bytes = read_regular(&src.root().join(FILE_NAME))?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = Dec { b: body, at: 0 };
    if r.take(8)? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let n = r.count(4)?;
    let claims_files: Vec<String> = (0..n).map(|_| r.string()).collect::<Option<_>>()?;
    let n = r.count(30)?;
    let mut inputs = Vec::with_capacity(n);
    for _ in 0..n {
        inputs.push(Input {
            role: match r.u8()? {
                0 => Role::Data,
                1 => Role::Document,
                2 => Role::Dataset,
                _ => return None,
            },
            rel: r.string()?,
            path: r.bytes()?.to_vec(),
            len: r.u64()?,
            hash: r.u128()?,
        });
    }
    // Checked before decoding the rest: a claims file added or removed is the cheapest change
    // to see.
    let listing = src.claims_files().ok()?;
    if listing.files != claims_files || !listing.bad_names.is_empty() {
        return None;
    }
    // Every input is read and hashed again on worker threads while this thread decodes; the
    // first mismatch stops them all, since the RON must then be loaded anyway.
    let stale = AtomicBool::new(false);
    let verified = std::thread::scope(|scope| {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        let chunk = inputs.len().div_ceil(workers).max(1);
        let stale = &stale;
        let handles: Vec<_> = inputs
            .chunks(chunk)
            .map(|part| scope.spawn(move || verify(src, part, stale)))
            .collect();
        let decoded = decode(&mut r, stale);
        let mut texts: Vec<(String, String)> = Vec::new();
        for h in handles {
            texts.extend(h.join().ok()??);
        }
        Some((decoded?, texts))
    });
    let ((actors, mut documents, claims), texts) = verified?;
    let n = r.count(8)?;
    let datasets: Vec<Report> = (0..n)
        .map(|_| r.dataset(documents.len()))
        .collect::<Option<_>>()?;
    if r.at != body.len() {
        return None;
    }
    let texts: std::collections::HashMap<String, String> = texts.into_iter().collect();
    for d in &mut documents {
        d.text = texts.get(&document_path(&d.file))?.clone();
    }
    // Spans must lie within their documents' texts; anything else is corruption.
    for c in &claims {
        if let Quote::Span { start, len } = c.quote {
            let end = start.checked_add(len)? as usize;
            documents[c.doc.index()].text.get(start as usize..end)?;
        }
        for row in c.coded.iter().flat_map(|k| k.reports.iter()) {
            let end = row.start.checked_add(row.len)? as usize;
            documents
                .get(row.doc.index())?
                .text
                .get(row.start as usize..end)?;
        }
    }
    if actors
        .iter()
        .any(|a| a.origin.is_some_and(|d| d.index() >= documents.len()))
    {
        return None;
    }
    let (names, collisions) = NameIndex::build(&actors);
    if !collisions.is_empty() {
        return None;
    }
    Some(Database::new(actors, documents, claims, names, datasets))
}

/// Reads a snapshot file that is a regular file, refusing anything that changed into
/// something else between the check and the open.
fn read_regular(path: &std::path::Path) -> Option<Vec<u8>> {
    let file = fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(meta.len()).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Reads each input again and compares it with its fingerprint; the texts of the documents
/// among them, by name, when all match. Raises `stale` on a mismatch, and gives up when
/// another thread has raised it.
fn verify(src: &DirSource, inputs: &[Input], stale: &AtomicBool) -> Option<Vec<(String, String)>> {
    let mut texts = Vec::new();
    for input in inputs {
        if stale.load(Ordering::Relaxed) {
            return None;
        }
        if input.len == ABSENT {
            if !matches!(src.fetch(&input.rel, input.role), Err(ReadError::NotFound)) {
                stale.store(true, Ordering::Relaxed);
                return None;
            }
            continue;
        }
        let matching = src.fetch(&input.rel, input.role).ok().filter(|f| {
            f.path.as_os_str().as_encoded_bytes() == input.path.as_slice()
                && f.bytes.len() as u64 == input.len
                && xxh3_128(&f.bytes) == input.hash
        });
        let Some(fetched) = matching else {
            stale.store(true, Ordering::Relaxed);
            return None;
        };
        match input.role {
            Role::Document => {
                texts.push((input.rel.clone(), String::from_utf8(fetched.bytes).ok()?));
            }
            // Read as the loader read it, invalid bytes replaced one for one, so that spans
            // into it hold.
            Role::Dataset => {
                texts.push((input.rel.clone(), crate::dataset::decode(fetched.bytes).0))
            }
            Role::Data => {}
        }
    }
    Some(texts)
}

/// The actors, documents (with empty texts) and claims a snapshot holds.
type Decoded = (Vec<Actor>, Vec<Document>, Vec<Claim>);

/// Decodes the tables after the fingerprints, checking that every id indexes its table. Gives
/// up when `stale` is raised.
fn decode(r: &mut Dec<'_>, stale: &AtomicBool) -> Option<Decoded> {
    let n = r.count(19)?;
    let mut actors = Vec::with_capacity(n);
    for _ in 0..n {
        actors.push(Actor {
            id: r.string()?,
            name: r.string()?,
            kind: *ActorKind::ALL.get(r.u8()? as usize)?,
            aliases: (0..r.count(4)?)
                .map(|_| r.string())
                .collect::<Option<_>>()?,
            part_of: r.opt_id(n)?,
            acts_for: r.opt_id(n)?,
            description: r.opt_string()?,
            origin: match r.u32()? {
                u32::MAX => None,
                d => Some(DocId(d)),
            },
        });
    }
    let n_docs = r.count(17)?;
    let mut documents = Vec::with_capacity(n_docs);
    for _ in 0..n_docs {
        documents.push(Document {
            id: r.string()?,
            file: r.string()?,
            title: r.string()?,
            author: r.opt_string()?,
            publisher: r.opt_string()?,
            date: match r.u8()? {
                0 => None,
                _ => Some(r.date()?),
            },
            genre: *Genre::ALL.get(r.u8()? as usize)?,
            note: r.opt_string()?,
            text: String::new(),
        });
    }
    let n_claims = r.count(25)?;
    let mut claims = Vec::with_capacity(n_claims);
    let actor = |i: u32| (i as usize) < n;
    for i in 0..n_claims {
        if i % 4096 == 0 && stale.load(Ordering::Relaxed) {
            return None;
        }
        let from = r.u32()?;
        let target = match r.u8()? {
            0 => Target::Actor(ActorId(r.u32()?)),
            1 => Target::Between(ActorId(r.u32()?), ActorId(r.u32()?)),
            _ => return None,
        };
        let action = *Action::ALL.get(r.u8()? as usize)?;
        let flags = r.u8()?;
        if flags > 3 {
            return None;
        }
        let (mutual, retracted) = (flags & 1 != 0, flags & 2 != 0);
        let date = r.event_date()?;
        let date_from = match r.u8()? {
            0 => DateSource::Text,
            1 => DateSource::Document,
            _ => return None,
        };
        let certainty = *Certainty::ALL.get(r.u8()? as usize)?;
        let doc = r.u32()?;
        let seq = r.u32()?;
        let quote = match r.u8()? {
            0 => Quote::Span {
                start: r.u32()?,
                len: r.u32()?,
            },
            1 => Quote::Text(r.string()?.into_boxed_str()),
            _ => return None,
        };
        let note = r.opt_string()?.map(String::into_boxed_str);
        let coded = match r.u8()? {
            0 => None,
            1 => Some(Box::new(Coded {
                record: r.string()?.into_boxed_str(),
                code: r.opt_string()?.map(String::into_boxed_str),
                goldstein: r.opt_f32()?,
                quad: Some(r.u8()?).filter(|&q| q != 0),
                weight: r.opt_f32()?,
                reports: (0..r.count(16)?)
                    .map(|_| {
                        Some(Row {
                            doc: DocId(r.u32()?).valid(n_docs)?,
                            line: r.u32()?,
                            start: r.u32()?,
                            len: r.u32()?,
                        })
                    })
                    .collect::<Option<_>>()?,
            })),
            _ => return None,
        };
        // Ids must index their tables; anything else is corruption. Spans are checked once the
        // documents' texts are read.
        let targets_ok = match target {
            Target::Actor(t) => actor(t.0),
            Target::Between(a, b) => actor(a.0) && actor(b.0),
        };
        if !(actor(from) && targets_ok && (doc as usize) < n_docs) {
            return None;
        }
        claims.push(Claim {
            coded,
            retracted,
            from: ActorId(from),
            target,
            action,
            mutual,
            date,
            date_from,
            certainty,
            doc: DocId(doc),
            seq,
            quote,
            note,
        });
    }
    Some((actors, documents, claims))
}

// The kinds' `as u8` values index their `ALL` arrays; this keeps the two in step.
const _: () = {
    assert!(ActorKind::Other as usize == ActorKind::ALL.len() - 1);
    assert!(Action::Mediate as usize == Action::ALL.len() - 1);
    assert!(Certainty::Speculative as usize == Certainty::ALL.len() - 1);
    assert!(RelationKind::Mediation as usize == 2);
    assert!(Genre::Data as usize == Genre::ALL.len() - 1);
    assert!(SkipReason::NoEvent as usize == SkipReason::ALL.len() - 1);
};

struct Enc(Vec<u8>);

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }
    fn opt_id(&mut self, a: Option<ActorId>) {
        self.u32(a.map_or(u32::MAX, |a| a.0));
    }
    fn opt_f32(&mut self, v: Option<f32>) {
        match v {
            Some(x) => {
                self.u8(1);
                self.0.extend_from_slice(&x.to_le_bytes());
            }
            None => self.u8(0),
        }
    }
    fn skipped(&mut self, s: &Skipped) {
        self.u32(s.line);
        self.u8(s.reason as u8);
        self.opt_str(s.detail.as_deref());
    }
    fn dataset(&mut self, d: &Report) {
        self.str(&d.id);
        self.u8(d.format as u8);
        self.u32(d.doc.0);
        for k in d.kinds {
            self.u32(k);
        }
        self.u32(d.extra_reports);
        self.u32(d.one_sided_mediations);
        self.u32(d.actors_matched);
        self.u32(d.actors_created);
        self.u32(d.files.len() as u32);
        for f in &d.files {
            self.str(&f.file);
            self.u32(f.rows);
            self.u32(f.skipped.len() as u32);
            for (reason, n) in &f.skipped {
                self.u8(*reason as u8);
                self.u32(*n);
            }
            for list in [&f.errors, &f.examples] {
                self.u32(list.len() as u32);
                for s in list {
                    self.skipped(s);
                }
            }
        }
    }
    fn date(&mut self, d: PartialDate) {
        self.0.extend_from_slice(&d.year.to_le_bytes());
        self.u8(d.month.unwrap_or(0));
        self.u8(d.day.unwrap_or(0));
    }
    /// A tag (0 on, 1 range, 2 before, 3 after, 4 unknown), then the dates it holds.
    fn event_date(&mut self, d: EventDate) {
        match d {
            EventDate::On(x) => {
                self.u8(0);
                self.date(x);
            }
            EventDate::Range(a, b) => {
                self.u8(1);
                self.date(a);
                self.date(b);
            }
            EventDate::Before(x) => {
                self.u8(2);
                self.date(x);
            }
            EventDate::After(x) => {
                self.u8(3);
                self.date(x);
            }
            EventDate::Unknown => self.u8(4),
        }
    }
}

struct Dec<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Dec<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    /// A count of items that each take at least `min_bytes`: refused if the rest of the
    /// snapshot could not hold them, so a damaged count never reserves memory it cannot use.
    fn count(&mut self, min_bytes: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n.checked_mul(min_bytes)? <= self.b.len() - self.at).then_some(n)
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }
    fn opt_f32(&mut self) -> Option<Option<f32>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))),
            _ => None,
        }
    }
    fn skipped(&mut self) -> Option<Skipped> {
        Some(Skipped {
            line: self.u32()?,
            reason: *SkipReason::ALL.get(self.u8()? as usize)?,
            detail: self.opt_string()?.map(String::into_boxed_str),
        })
    }
    fn dataset(&mut self, n_docs: usize) -> Option<Report> {
        let id = self.string()?;
        let format = FORMATS.get(self.u8()? as usize)?.format;
        let doc = DocId(self.u32()?).valid(n_docs)?;
        let kinds = [self.u32()?, self.u32()?, self.u32()?];
        let extra_reports = self.u32()?;
        let one_sided_mediations = self.u32()?;
        let actors_matched = self.u32()?;
        let actors_created = self.u32()?;
        let files = (0..self.count(12)?)
            .map(|_| {
                Some(FileReport {
                    file: self.string()?,
                    rows: self.u32()?,
                    skipped: (0..self.count(5)?)
                        .map(|_| Some((*SkipReason::ALL.get(self.u8()? as usize)?, self.u32()?)))
                        .collect::<Option<_>>()?,
                    errors: (0..self.count(6)?)
                        .map(|_| self.skipped())
                        .collect::<Option<_>>()?,
                    examples: (0..self.count(6)?)
                        .map(|_| self.skipped())
                        .collect::<Option<_>>()?,
                })
            })
            .collect::<Option<_>>()?;
        Some(Report {
            id,
            format,
            doc,
            kinds,
            extra_reports,
            one_sided_mediations,
            actors_matched,
            actors_created,
            files,
        })
    }
    fn opt_id(&mut self, actors: usize) -> Option<Option<ActorId>> {
        match self.u32()? {
            u32::MAX => Some(None),
            i if (i as usize) < actors => Some(Some(ActorId(i))),
            _ => None,
        }
    }
    fn date(&mut self) -> Option<PartialDate> {
        let year = u16::from_le_bytes(self.take(2)?.try_into().ok()?);
        let (month, day) = (self.u8()?, self.u8()?);
        let ok = month <= 12 && day <= 31 && (day == 0 || month != 0);
        ok.then_some(PartialDate {
            year,
            month: (month != 0).then_some(month),
            day: (day != 0).then_some(day),
        })
    }
    fn event_date(&mut self) -> Option<EventDate> {
        Some(match self.u8()? {
            0 => EventDate::On(self.date()?),
            1 => EventDate::Range(self.date()?, self.date()?),
            2 => EventDate::Before(self.date()?),
            3 => EventDate::After(self.date()?),
            4 => EventDate::Unknown,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_date_form_round_trips_through_the_encoding() {
        let forms = [
            "2024",
            "2024-12",
            "2024-12-01",
            "2011/2024-06",
            "before 2024-12",
            "after 2025-07",
            "unknown",
        ];
        let mut w = Enc(Vec::new());
        for f in forms {
            w.event_date(f.parse().unwrap());
        }
        let mut r = Dec { b: &w.0, at: 0 };
        let back: Vec<String> = forms
            .iter()
            .map(|_| r.event_date().unwrap().to_string())
            .collect();
        assert_eq!(back, forms);
        assert_eq!(r.at, w.0.len());
        assert_eq!(
            Dec { b: &[9], at: 0 }.event_date(),
            None,
            "a bad tag is stale"
        );
    }
}
