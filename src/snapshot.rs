//! A binary snapshot of a validated database, cached beside its RON files.
//!
//! Parsing and checking a million claims takes seconds; reading them back from a compact binary
//! form takes a fraction of that. [`load_dir`] uses the snapshot `DIR/.dyad-snapshot` when it is
//! fresh and otherwise loads the RON, validates it, and writes a new snapshot.
//!
//! Freshness: the snapshot records the size and modification time of every file the database
//! was built from (`actors.ron`, `documents.ron`, each claims file and each document), plus
//! dyad's version. If any of them differs, or a claims file was added or removed, the snapshot
//! is stale and ignored. A snapshot only ever holds a database that passed every check, so
//! using it is equivalent to validating the unchanged files again. `dyad check` always
//! validates the RON itself.
//!
//! The snapshot is replaced through [`crate::atomic::write`], so a reader sees the old one or
//! the new one, never half of either.
//!
//! The format is private to this module and versioned; any decoding problem (truncation, a
//! bad tag, another version) makes the snapshot stale rather than an error.

use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::db::Database;
use crate::error::LoadError;
use crate::load::{DirSource, Source};
use crate::model::{
    Action, Actor, ActorId, ActorKind, Certainty, Claim, DateSource, DocId, Document, EventDate,
    Genre, PartialDate, Quote, RelationKind, Target,
};
use crate::names::NameIndex;

/// The snapshot's file name inside a database directory.
pub const FILE_NAME: &str = ".dyad-snapshot";
/// The format's name and version: bump the digit whenever the encoding changes (version 2:
/// event dates in every form, `date_from`, and the actions `CONCEDE`, `RETREAT`, `DEMAND`).
const MAGIC: &[u8; 8] = b"DYADSNP2";
/// How long an input must have been unmodified before a snapshot records it: 2 s.
const SETTLE_NANOS: u128 = 2_000_000_000;

/// Loads a database directory through its snapshot when fresh; otherwise from the RON, then
/// writes the snapshot (silently skipping that if the directory is read-only).
pub fn load_dir(root: impl Into<PathBuf>) -> Result<Database, LoadError> {
    let root = root.into();
    let src = DirSource::new(&root);
    if let Some(db) = read(&root, &src) {
        return Ok(db);
    }
    let db = crate::load::load(&src)?;
    let _ = write(&root, &src, &db);
    Ok(db)
}

/// The files a database was built from, with their sizes and modification times.
fn fingerprint(root: &Path, src: &DirSource, docs: &[String]) -> Option<Vec<(String, u64, u128)>> {
    let mut files: Vec<String> = vec!["actors.ron".into(), "documents.ron".into()];
    files.extend(src.claims_files().ok()?.files);
    files.extend(docs.iter().cloned());
    files
        .into_iter()
        .map(|rel| {
            let meta = std::fs::metadata(root.join(&rel)).ok()?;
            let mtime = meta
                .modified()
                .ok()?
                .duration_since(UNIX_EPOCH)
                .ok()?
                .as_nanos();
            Some((rel, meta.len(), mtime))
        })
        .collect()
}

/// Writes the snapshot of `db`, which was just loaded from `root`.
pub fn write(root: &Path, src: &DirSource, db: &Database) -> io::Result<()> {
    let docs: Vec<String> = db.documents.iter().map(|d| d.file.clone()).collect();
    let Some(print) = fingerprint(root, src, &docs) else {
        return Ok(());
    };
    // A file modified moments ago may be modified again within the file system's timestamp
    // granularity, leaving size and time unchanged; only snapshot inputs that have settled.
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    if print
        .iter()
        .any(|(_, _, mtime)| now.saturating_sub(*mtime) < SETTLE_NANOS)
    {
        return Ok(());
    }
    let mut w = Enc(Vec::with_capacity(db.claims.len() * 48 + (1 << 20)));
    w.0.extend_from_slice(MAGIC);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u32(docs.len() as u32);
    for d in &docs {
        w.str(d);
    }
    w.u32(print.len() as u32);
    for (rel, size, mtime) in &print {
        w.str(rel);
        w.u64(*size);
        w.u128(*mtime);
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
        w.str(&d.text);
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
        w.u8(u8::from(c.mutual));
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
    }
    // A checksum over everything, so damage is detected rather than decoded into wrong data.
    let sum = checksum(&w.0);
    w.u64(sum);
    // Replaced atomically: a reader never sees half a snapshot.
    crate::atomic::write(&root.join(FILE_NAME), &w.0)
}

/// Reads the snapshot if it exists and is fresh.
pub fn read(root: &Path, src: &DirSource) -> Option<Database> {
    let bytes = std::fs::read(root.join(FILE_NAME)).ok()?;
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = Dec { b: body, at: 0 };
    if r.take(8)? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let docs: Vec<String> = (0..r.u32()?)
        .map(|_| r.str().map(str::to_string))
        .collect::<Option<_>>()?;
    let n = r.u32()? as usize;
    let mut print = Vec::with_capacity(n);
    for _ in 0..n {
        print.push((r.str()?.to_string(), r.u64()?, r.u128()?));
    }
    if fingerprint(root, src, &docs)? != print {
        return None;
    }
    let n = r.u32()? as usize;
    let mut actors = Vec::with_capacity(n);
    for _ in 0..n {
        actors.push(Actor {
            id: r.string()?,
            name: r.string()?,
            kind: *ActorKind::ALL.get(r.u8()? as usize)?,
            aliases: (0..r.u32()?).map(|_| r.string()).collect::<Option<_>>()?,
            part_of: r.opt_id(n)?,
            acts_for: r.opt_id(n)?,
            description: r.opt_string()?,
        });
    }
    let n_docs = r.u32()? as usize;
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
            genre: *[Genre::News, Genre::Analysis, Genre::Opinion].get(r.u8()? as usize)?,
            note: r.opt_string()?,
            text: r.string()?,
        });
    }
    let n_claims = r.u32()? as usize;
    let mut claims = Vec::with_capacity(n_claims);
    let actor = |i: u32| (i as usize) < n;
    for _ in 0..n_claims {
        let from = r.u32()?;
        let target = match r.u8()? {
            0 => Target::Actor(ActorId(r.u32()?)),
            1 => Target::Between(ActorId(r.u32()?), ActorId(r.u32()?)),
            _ => return None,
        };
        let action = *Action::ALL.get(r.u8()? as usize)?;
        let mutual = r.u8()? != 0;
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
        // Ids must index their tables and spans their documents; anything else is corruption.
        let targets_ok = match target {
            Target::Actor(t) => actor(t.0),
            Target::Between(a, b) => actor(a.0) && actor(b.0),
        };
        let doc_ok = (doc as usize) < n_docs;
        let span_ok = match &quote {
            Quote::Span { start, len } => {
                doc_ok
                    && documents[doc as usize]
                        .text
                        .get(*start as usize..(*start + *len) as usize)
                        .is_some()
            }
            Quote::Text(_) => true,
        };
        if !(actor(from) && targets_ok && doc_ok && span_ok) {
            return None;
        }
        claims.push(Claim {
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
    if r.at != body.len() {
        return None;
    }
    let (names, collisions) = NameIndex::build(&actors);
    if !collisions.is_empty() {
        return None;
    }
    Some(Database::new(actors, documents, claims, names))
}

// The kinds' `as u8` values index their `ALL` arrays; this keeps the two in step.
const _: () = {
    assert!(ActorKind::Other as usize == ActorKind::ALL.len() - 1);
    assert!(Action::Mediate as usize == Action::ALL.len() - 1);
    assert!(Certainty::Speculative as usize == Certainty::ALL.len() - 1);
    assert!(RelationKind::Mediation as usize == 2);
};

fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fx::FxHasher::default();
    h.write(bytes);
    h.finish()
}

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
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
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
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
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
