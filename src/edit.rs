//! Changing a database directory without a text editor: adding actors, aliases, documents and
//! claims, retracting and amending claims, and `ingest`'s files.
//!
//! Every change is made the same way:
//!
//! 1. The new text of each file it touches is computed by **patching** the file's text: a new
//!    record is inserted before its list's closing bracket (or in its sorted place), an amended
//!    field's value is replaced where it stands. Every other byte, comments and the user's own
//!    formatting included, stays as it was.
//! 2. The whole database is **loaded from the patched texts** ([`Overlay`]), so a change is
//!    validated exactly as `dyad check` validates a directory; a change that would make the
//!    database invalid is refused with the loader's problems and nothing is written.
//! 3. Each file is replaced through [`crate::atomic`], and the snapshot is brought up to date,
//!    so the next query, here or in another process, sees the change.
//!
//! Invariants: this module writes only inside the database directory, only through
//! [`store::write_file`] and [`crate::atomic`]; it never writes a file it has not validated
//! as part of a loadable database (proposals files, which the loader does not read, excepted).

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;

use crate::db::Database;
use crate::error::LoadError;
use crate::load::{DirSource, Listing, ReadError, Role, Source};
use crate::model::{Action, Certainty, DateSource, Genre, RelationKind};
use crate::store::locate::{span, Seg};
use crate::store::{self, ActorRecord, ClaimRecord, DocumentRecord, ACTOR_FIELDS, CLAIM_FIELDS};

/// Why a change was not made. Nothing was written.
#[derive(Debug)]
pub enum EditError {
    /// The change would leave the database invalid: the loader's problems with it.
    Invalid(LoadError),
    /// What the user asked for is wrong (an unknown citation, field or value).
    Usage(String),
    /// Reading or writing failed.
    Io(io::Error),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Invalid(e) => write!(f, "the change was not made:\n{e}"),
            EditError::Usage(m) => f.write_str(m),
            EditError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for EditError {}

impl From<io::Error> for EditError {
    fn from(e: io::Error) -> Self {
        EditError::Io(e)
    }
}

fn usage(m: impl Into<String>) -> EditError {
    EditError::Usage(m.into())
}

/// A database directory's files with some replaced by new texts: what the loader reads to
/// validate a change before it is written.
pub struct Overlay<'a> {
    base: &'a DirSource,
    files: BTreeMap<String, Vec<u8>>,
}

impl<'a> Overlay<'a> {
    /// The directory as it is.
    pub fn new(base: &'a DirSource) -> Self {
        Overlay {
            base,
            files: BTreeMap::new(),
        }
    }

    /// Replaces (or adds) one file's text.
    pub fn set(&mut self, rel: impl Into<String>, text: impl Into<Vec<u8>>) {
        self.files.insert(rel.into(), text.into());
    }

    /// A file's text: the replaced one, or what the directory holds (`None` when absent),
    /// read under the directory's rules like any database file.
    pub fn text(&self, rel: &str) -> io::Result<Option<String>> {
        let bytes = match self.files.get(rel) {
            Some(b) => b.clone(),
            None => match self.base.read(rel, Role::Data) {
                Ok(b) => b,
                Err(ReadError::NotFound) => return Ok(None),
                Err(e) => return Err(io::Error::other(format!("{}: {e}", self.base.display(rel)))),
            },
        };
        String::from_utf8(bytes).map(Some).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: not valid UTF-8", self.base.display(rel)),
            )
        })
    }
}

impl Source for Overlay<'_> {
    fn read(&self, rel: &str, role: Role) -> Result<Vec<u8>, ReadError> {
        match self.files.get(rel) {
            Some(b) => Ok(b.clone()),
            None => self.base.read(rel, role),
        }
    }
    fn claims_files(&self) -> io::Result<Listing> {
        let mut listing = self.base.claims_files()?;
        for rel in self.files.keys() {
            let claims = rel.starts_with("claims/")
                && rel.ends_with(".ron")
                && !rel.ends_with(crate::load::PROPOSED_SUFFIX);
            if claims && !listing.files.contains(rel) {
                listing.files.push(rel.clone());
            }
        }
        listing.files.sort();
        Ok(listing)
    }
    fn display(&self, rel: &str) -> String {
        self.base.display(rel)
    }
}

/// What a change did.
#[derive(Debug)]
pub struct Applied {
    /// The database as it now is.
    pub db: Database,
    /// The files written, relative to the database directory.
    pub files: Vec<String>,
    /// One line on what changed, e.g. `added claim iran_update#157`.
    pub summary: String,
}

/// Validates the overlay's files as a whole database, then writes them and refreshes the
/// snapshot.
fn commit(src: &DirSource, overlay: Overlay<'_>, summary: String) -> Result<Applied, EditError> {
    crate::load::load(&overlay).map_err(EditError::Invalid)?;
    let mut files = Vec::new();
    for (rel, text) in &overlay.files {
        let unchanged = std::fs::read(src.root().join(rel)).is_ok_and(|old| &old == text);
        if !unchanged {
            store::write_file(src.root(), rel, text)?;
            files.push(rel.clone());
        }
    }
    let db = crate::snapshot::load_source(src).map_err(EditError::Invalid)?;
    Ok(Applied { db, files, summary })
}

/// A citation `doc#n` split into its document and 1-based number.
pub fn parse_cite(cite: &str) -> Result<(&str, usize), EditError> {
    let bad = || {
        usage(format!(
            "'{cite}' is not a citation: write DOCUMENT#N, e.g. iran_update#3"
        ))
    };
    let (doc, n) = cite.split_once('#').ok_or_else(bad)?;
    let n: usize = n.parse().map_err(|_| bad())?;
    if doc.is_empty() || n == 0 {
        return Err(bad());
    }
    Ok((doc, n))
}

/// The claims of a document's claims file and its text.
fn claims_file(
    overlay: &Overlay<'_>,
    doc: &str,
) -> Result<(String, store::ClaimsFileRecord), EditError> {
    let rel = store::claims_path(doc);
    let text = overlay.text(&rel)?.ok_or_else(|| {
        usage(format!(
            "document '{doc}' has no claims ({rel} does not exist)"
        ))
    })?;
    let file: store::ClaimsFileRecord = store::parse(&text)
        .map_err(|e| usage(format!("{rel}:{}:{}: {}", e.line, e.col, e.message)))?;
    Ok((text, file))
}

/// Inserts `element` (canonical text of one record, lines ending in `\n`) into the list at
/// `path` of `src`, before the element at `before` (or at the end when `None`).
fn insert_element(
    src: &str,
    path: &[Seg<'_>],
    len: usize,
    before: Option<usize>,
    element: &str,
) -> Result<String, EditError> {
    let list = span(src, path).ok_or_else(|| usage("the file has no list to add to"))?;
    let mut out = String::with_capacity(src.len() + element.len() + 2);
    match before {
        Some(i) if i < len => {
            let mut p = path.to_vec();
            p.push(Seg::Index(i));
            let at = span(src, &p)
                .expect("an element the record parse saw")
                .start;
            // Insert at the start of the element's line, so its indentation stays its own.
            let line = src[..at].rfind('\n').map_or(0, |n| n + 1);
            let at = if src[line..at].trim().is_empty() {
                line
            } else {
                at
            };
            out.push_str(&src[..at]);
            out.push_str(element);
            out.push_str(&src[at..]);
        }
        _ if len > 0 => {
            // After the last element and the rest of its line (its comma, a comment at the
            // end of it): a comment on lines of its own before the closing bracket stays there,
            // as `fmt` keeps it.
            let mut p = path.to_vec();
            p.push(Seg::Index(len - 1));
            let last = span(src, &p).expect("the last element");
            let close = list.end - 1;
            let mut at = last.end;
            let mut comma = false;
            let rest = &src[at..close];
            let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            if rest[skipped..].starts_with(',') {
                at += skipped + 1;
                comma = true;
            }
            let eol = src[at..close].find('\n').map(|i| at + i + 1);
            out.push_str(&src[..last.end]);
            if !comma {
                out.push(',');
            }
            match eol {
                Some(eol) => {
                    out.push_str(&src[last.end..eol]);
                    out.push_str(element);
                    out.push_str(&src[eol..]);
                }
                None => {
                    // The closing bracket is on the last element's line.
                    out.push_str(&src[last.end..at]);
                    out.push('\n');
                    out.push_str(element);
                    out.push_str(&src[at..]);
                }
            }
        }
        _ => {
            // An empty list: the element goes on lines of its own before the closing bracket,
            // which keeps its line's indentation.
            let close = list.end - 1;
            let mut head = src[..close].to_string();
            let line = head.rfind('\n').map_or(0, |n| n + 1);
            if head[line..].trim().is_empty() {
                head.truncate(line);
            } else {
                head.push('\n');
            }
            out.push_str(&head);
            out.push_str(element);
            let indent_start = src[..close].rfind('\n').map_or(0, |n| n + 1);
            let line = &src[indent_start..close];
            out.push_str(&line[..line.len() - line.trim_start().len()]);
            out.push_str(&src[close..]);
        }
    }
    Ok(out)
}

/// Replaces, adds or removes the fields of the record at `path` of `src` whose canonical text
/// differs between `old` and `new` (each the canonical text of the record, from the writer), in
/// the order `fields` lists them. Only those values change; everything else stays.
fn patch_fields(src: &str, path: &[Seg<'_>], fields: &[&str], old: &str, new: &str) -> String {
    let value = |text: &str, f: &str| span(text, &[Seg::Field(f)]).map(|r| text[r].to_string());
    let mut out = src.to_string();
    // Work from the last field back, so earlier offsets stay valid.
    for (k, f) in fields.iter().enumerate().rev() {
        let (was, now) = (value(old, f), value(new, f));
        if was == now {
            continue;
        }
        let mut p = path.to_vec();
        p.push(Seg::Field(f));
        let here = span(&out, &p);
        match (here, now) {
            (Some(r), Some(v)) => out.replace_range(r, &v),
            (Some(r), None) => {
                // Remove `name: value,` and its line when it stands alone.
                let line = out[..r.start].rfind('\n').map_or(0, |n| n + 1);
                let name_at = out[line..r.start].find(f).map_or(r.start, |i| line + i);
                let mut end = r.end;
                let rest = &out[end..];
                if let Some(stripped) = rest.strip_prefix(',') {
                    end += 1;
                    if stripped.starts_with('\n') {
                        end += 1;
                    }
                }
                let start = if out[line..name_at].trim().is_empty() && out[..end].ends_with('\n') {
                    line
                } else {
                    name_at
                };
                out.replace_range(start..end, "");
            }
            (None, Some(v)) => {
                // After the nearest field before it that the record has.
                let prev = fields[..k].iter().rev().find_map(|g| {
                    let mut q = path.to_vec();
                    q.push(Seg::Field(g));
                    span(&out, &q)
                });
                if let Some(r) = prev {
                    let mut at = r.end;
                    if out[at..].starts_with(',') {
                        at += 1;
                    }
                    let line = out[..r.start].rfind('\n').map_or(0, |n| n + 1);
                    let indent: String = out[line..]
                        .chars()
                        .take_while(|c| *c == ' ' || *c == '\t')
                        .collect();
                    let eol = out[at..].find('\n').map(|i| at + i);
                    match eol {
                        Some(e)
                            if out[at..e].trim().is_empty()
                                || out[at..e].trim_start().starts_with("//") =>
                        {
                            out.insert_str(e + 1, &format!("{indent}{f}: {v},\n"));
                        }
                        _ => out.insert_str(at, &format!(" {f}: {v},")),
                    }
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// A claim record's canonical text as a standalone value, for [`patch_fields`].
fn claim_text(c: &ClaimRecord) -> String {
    store::write_claim(c)
        .trim()
        .trim_end_matches(',')
        .to_string()
}

fn actor_text(a: &ActorRecord) -> String {
    store::write_actor(a)
        .trim()
        .trim_end_matches(',')
        .to_string()
}

/// Sets one field of a claim from what a user typed. Setting `action` sets the kind it
/// belongs to; `to` and `between` take actor ids or names (resolved through `db`).
pub fn set_claim_field(
    db: &Database,
    c: &mut ClaimRecord,
    field: &str,
    value: &str,
) -> Result<(), EditError> {
    let actor = |v: &str| -> Result<String, EditError> {
        db.names
            .resolve(v.trim())
            .map(|id| db.actor(id).id.clone())
            .map_err(|u| {
                let hint = u
                    .suggestions
                    .first()
                    .map(|(_, s)| format!(" (did you mean '{s}'?)"))
                    .unwrap_or_default();
                usage(format!("no actor '{}'{hint}", v.trim()))
            })
    };
    let none = matches!(value.trim(), "" | "none" | "-");
    match field {
        "from" => c.from = actor(value)?,
        "to" => {
            c.to = if none { None } else { Some(actor(value)?) };
            if c.to.is_some() && c.kind == RelationKind::Mediation {
                return Err(usage(
                    "a mediation names its parties in `between`; set action first",
                ));
            }
        }
        "between" => {
            if none {
                c.between = None;
            } else {
                let (a, b) = value.split_once(',').ok_or_else(|| {
                    usage(
                        "`between` takes two actors separated by a comma, e.g. united_states,iran",
                    )
                })?;
                c.between = Some((actor(a)?, actor(b)?));
            }
        }
        "action" => {
            let a = Action::parse(value.trim()).ok_or_else(|| {
                let all: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
                usage(format!(
                    "no action '{}' (actions: {})",
                    value.trim(),
                    all.join(", ")
                ))
            })?;
            let was = c.kind;
            c.action = a;
            c.kind = a.kind();
            if was != c.kind {
                if c.kind == RelationKind::Mediation {
                    if let Some(t) = c.to.take() {
                        c.between = Some((t, String::new()));
                    }
                } else if let Some((x, _)) = c.between.take() {
                    c.to = Some(x);
                }
                c.mutual = c.mutual && c.kind != RelationKind::Mediation;
            }
        }
        "kind" => {
            let k = match value.trim() {
                "cooperation" => RelationKind::Cooperation,
                "conflict" => RelationKind::Conflict,
                "mediation" => RelationKind::Mediation,
                other => {
                    return Err(usage(format!(
                        "no kind '{other}' (cooperation, conflict or mediation)"
                    )))
                }
            };
            if k != c.kind {
                return Err(usage("set `action` instead: the kind follows from it"));
            }
        }
        "mutual" => {
            c.mutual = match value.trim() {
                "true" | "yes" | "on" => true,
                "false" | "no" | "off" => false,
                other => return Err(usage(format!("`mutual` is true or false, not '{other}'"))),
            }
        }
        "date" => {
            value
                .trim()
                .parse::<crate::model::EventDate>()
                .map_err(|e| usage(e.0))?;
            c.date = value.trim().to_string();
        }
        "date_from" => {
            c.date_from = match value.trim() {
                "text" => DateSource::Text,
                "document" => DateSource::Document,
                other => {
                    return Err(usage(format!(
                        "`date_from` is text or document, not '{other}'"
                    )))
                }
            }
        }
        "certainty" => {
            c.certainty = Certainty::ALL
                .into_iter()
                .find(|x| x.as_str() == value.trim())
                .ok_or_else(|| {
                    let all: Vec<&str> = Certainty::ALL.iter().map(|x| x.as_str()).collect();
                    usage(format!(
                        "no certainty '{}' ({})",
                        value.trim(),
                        all.join(", ")
                    ))
                })?
        }
        "quote" => c.quote = value.to_string(),
        "note" => c.note = if none { None } else { Some(value.to_string()) },
        other => {
            return Err(usage(format!(
                "a claim has no field '{other}' (fields: {})",
                CLAIM_FIELDS[..CLAIM_FIELDS.len() - 1].join(", ")
            )))
        }
    }
    Ok(())
}

/// Amends fields of the claim `cite` (`doc#n`): each `(field, value)` as
/// [`set_claim_field`] reads it. The claim is rewritten in place; its other fields, comments
/// and the rest of the file stay as they were.
pub fn amend(
    src: &DirSource,
    db: &Database,
    cite: &str,
    changes: &[(String, String)],
) -> Result<Applied, EditError> {
    let (doc, n) = parse_cite(cite)?;
    let mut applied = amend_record(src, doc, n, |c| {
        changes
            .iter()
            .try_for_each(|(f, v)| set_claim_field(db, c, f, v))
    })?;
    let fields: Vec<&str> = changes.iter().map(|(f, _)| f.as_str()).collect();
    applied.summary = format!("amended {cite}: {}", fields.join(", "));
    Ok(applied)
}

/// Retracts the claim `cite`: `retracted: true`, with the reason and date at the head of its
/// note. The claim keeps its place, so no citation moves; queries no longer count it.
pub fn retract(
    src: &DirSource,
    cite: &str,
    reason: &str,
    today: &str,
) -> Result<Applied, EditError> {
    let (doc, n) = parse_cite(cite)?;
    if reason.trim().is_empty() {
        return Err(usage(
            "say why the claim is retracted: the reason is kept in its note",
        ));
    }
    let mut a = amend_record(src, doc, n, |c| {
        if c.retracted {
            return Err(usage(format!("{cite} is already retracted")));
        }
        let mut note = format!("Retracted {today}: {}", reason.trim());
        if let Some(was) = &c.note {
            note.push_str(" | ");
            note.push_str(was);
        }
        c.retracted = true;
        c.note = Some(note);
        Ok(())
    })?;
    a.summary = format!("retracted {cite}");
    Ok(a)
}

/// Rewrites claim `n` of `doc` with `f`, patching only what changed.
fn amend_record(
    src: &DirSource,
    doc: &str,
    n: usize,
    f: impl FnOnce(&mut ClaimRecord) -> Result<(), EditError>,
) -> Result<Applied, EditError> {
    let mut overlay = Overlay::new(src);
    let (text, file) = claims_file(&overlay, doc)?;
    let old = file.claims.get(n - 1).cloned().ok_or_else(|| {
        usage(format!(
            "{doc} has {} claims; there is no {doc}#{n}",
            file.claims.len()
        ))
    })?;
    let mut new = old.clone();
    f(&mut new)?;
    let path = [Seg::Field("claims"), Seg::Index(n - 1)];
    let patched = patch_fields(
        &text,
        &path,
        &CLAIM_FIELDS,
        &claim_text(&old),
        &claim_text(&new),
    );
    overlay.set(store::claims_path(doc), patched);
    commit(src, overlay, format!("changed {doc}#{n}"))
}

/// Appends claims to a document's claims file (creating it when the document has none yet).
/// Returns their citations in the summary.
pub fn add_claims(
    src: &DirSource,
    doc: &str,
    claims: &[ClaimRecord],
) -> Result<Applied, EditError> {
    let mut overlay = Overlay::new(src);
    add_claims_to(&mut overlay, doc, claims)?;
    let first = claims_count(&overlay, doc)? - claims.len() + 1;
    let cites: Vec<String> = (first..first + claims.len())
        .map(|i| format!("{doc}#{i}"))
        .collect();
    commit(src, overlay, format!("added {}", cites.join(", ")))
}

fn claims_count(overlay: &Overlay<'_>, doc: &str) -> Result<usize, EditError> {
    Ok(claims_file(overlay, doc)?.1.claims.len())
}

fn add_claims_to(
    overlay: &mut Overlay<'_>,
    doc: &str,
    claims: &[ClaimRecord],
) -> Result<(), EditError> {
    let rel = store::claims_path(doc);
    let text = match overlay.text(&rel)? {
        Some(text) => {
            let file: store::ClaimsFileRecord = store::parse(&text)
                .map_err(|e| usage(format!("{rel}:{}:{}: {}", e.line, e.col, e.message)))?;
            let mut text = text;
            for (len, c) in (file.claims.len()..).zip(claims) {
                text = insert_element(
                    &text,
                    &[Seg::Field("claims")],
                    len,
                    None,
                    &store::write_claim(c),
                )?;
            }
            text
        }
        None => store::write_claims_file(&store::ClaimsFileRecord {
            document: doc.to_string(),
            claims: claims.to_vec(),
        }),
    };
    overlay.set(rel, text);
    Ok(())
}

/// Adds an actor to `actors.ron`, in its canonical place (by kind, then id).
pub fn add_actor(src: &DirSource, actor: &ActorRecord) -> Result<Applied, EditError> {
    let mut overlay = Overlay::new(src);
    let text = overlay
        .text("actors.ron")?
        .unwrap_or_else(|| "[\n]\n".to_string());
    let actors: Vec<ActorRecord> = store::parse(&text)
        .map_err(|e| usage(format!("actors.ron:{}:{}: {}", e.line, e.col, e.message)))?;
    let before = actors
        .iter()
        .position(|a| (a.kind, &a.id) > (actor.kind, &actor.id));
    let text = insert_element(&text, &[], actors.len(), before, &store::write_actor(actor))?;
    overlay.set("actors.ron", text);
    commit(
        src,
        overlay,
        format!("added actor {} ({})", actor.id, actor.name),
    )
}

/// Adds an alias to an actor (named by id, name or alias).
pub fn add_alias(
    src: &DirSource,
    db: &Database,
    actor: &str,
    alias: &str,
) -> Result<Applied, EditError> {
    let id = db
        .names
        .resolve(actor)
        .map_err(|_| usage(format!("no actor '{actor}'")))?;
    let id = db.actor(id).id.clone();
    let alias = alias.trim();
    if alias.is_empty() {
        return Err(usage("the alias is empty"));
    }
    if let Some(other) = db.names.get(alias) {
        return Err(usage(format!(
            "'{alias}' already names {}",
            db.actor(other).id
        )));
    }
    let mut overlay = Overlay::new(src);
    let text = overlay
        .text("actors.ron")?
        .ok_or_else(|| usage("the database has no actors.ron"))?;
    let actors: Vec<ActorRecord> = store::parse(&text)
        .map_err(|e| usage(format!("actors.ron:{}:{}: {}", e.line, e.col, e.message)))?;
    let i = actors
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| usage(format!("{id} is not in actors.ron (an import created it)")))?;
    let old = &actors[i];
    let mut new = old.clone();
    new.aliases.push(alias.to_string());
    let patched = patch_fields(
        &text,
        &[Seg::Index(i)],
        &ACTOR_FIELDS,
        &actor_text(old),
        &actor_text(&new),
    );
    overlay.set("actors.ron", patched);
    commit(src, overlay, format!("added alias '{alias}' to {id}"))
}

/// What `ingest` is told about a document besides its text.
#[derive(Clone, Debug, Default)]
pub struct NewDocument {
    /// The id; from the file's name when `None`.
    pub id: Option<String>,
    /// The title; the text's first line when `None`.
    pub title: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The publication date, `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// The genre; news when `None`.
    pub genre: Option<Genre>,
    /// Proposals below this confidence are not written (0 keeps every one).
    pub min_confidence: f32,
}

/// What `ingest` did.
#[derive(Debug)]
pub struct Ingested {
    /// The document's id.
    pub id: String,
    /// The database with the document.
    pub db: Database,
    /// What the proposer found.
    pub found: crate::ingest::Ingested,
    /// The proposals file, relative to the database directory.
    pub proposals_file: String,
    /// Proposals written for review (new or still pending).
    pub pending: usize,
    /// Proposals left out because a reviewer already decided them.
    pub decided: usize,
    /// Whether the document was added now (false on a re-run).
    pub added: bool,
}

/// An id from a file name: lower case, runs of anything but letters and digits as `_`.
pub fn id_from_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut id = String::new();
    for c in crate::text::fold(&stem).chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('_') && !id.is_empty() {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_').to_string();
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("doc_{id}")
    } else {
        id
    }
}

/// `dyad ingest`: copies `file` into the database's `documents/` (unchanged), adds its entry
/// to `documents.ron`, and writes the claims it seems to make to `claims/<id>.proposed.ron`,
/// never to the accepted claims. Run again on the same text, it keeps every decision made in
/// review and proposes nothing a reviewer accepted or rejected.
pub fn ingest(
    src: &DirSource,
    db: &Database,
    file: &Path,
    meta: &NewDocument,
) -> Result<Ingested, EditError> {
    let bytes = std::fs::read(file)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
    let text = String::from_utf8(bytes.clone()).map_err(|e| {
        usage(format!(
            "{}: not UTF-8 text (byte {}); save it as UTF-8",
            file.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(usage(format!("{}: the file is empty", file.display())));
    }
    let id = meta.id.clone().unwrap_or_else(|| id_from_name(file));
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or("txt");
    let rel_text = format!("documents/{id}.{ext}");
    let mut overlay = Overlay::new(src);
    let existing = db.documents.iter().find(|d| d.id == id);
    let added = match existing {
        Some(d) if d.text == text => false,
        Some(d) => {
            return Err(usage(format!(
                "a document '{id}' already exists ({}) with other text; give the new one --id",
                d.file
            )))
        }
        None => {
            let title = meta.title.clone().unwrap_or_else(|| {
                let first = text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or("");
                crate::text::clip(first, 120).into_owned()
            });
            let rec = DocumentRecord {
                id: id.clone(),
                file: rel_text.clone(),
                title,
                author: meta.author.clone(),
                publisher: meta.publisher.clone(),
                date: meta.date.clone(),
                genre: meta.genre.unwrap_or(Genre::News),
                note: None,
            };
            let docs_text = overlay
                .text("documents.ron")?
                .unwrap_or_else(|| "[\n]\n".to_string());
            let docs: Vec<DocumentRecord> = store::parse(&docs_text)
                .map_err(|e| usage(format!("documents.ron:{}:{}: {}", e.line, e.col, e.message)))?;
            let before = docs.iter().position(|d| d.id > id);
            let docs_text = insert_element(
                &docs_text,
                &[],
                docs.len(),
                before,
                &store::write_document(&rec),
            )?;
            overlay.set("documents.ron", docs_text);
            overlay.set(rel_text.clone(), bytes);
            true
        }
    };
    let db = if added {
        commit(src, overlay, format!("added document {id}"))?.db
    } else {
        crate::snapshot::load_source(src).map_err(EditError::Invalid)?
    };
    let doc = db
        .documents
        .iter()
        .find(|d| d.id == id)
        .expect("the document just added");
    let found = crate::ingest::propose(
        &db,
        &doc.text,
        &crate::ingest::Meta {
            id: id.clone(),
            genre: doc.genre,
            date: doc.date,
        },
    );
    let rel = store::proposals_path(&id);
    let old: Option<store::ProposalsFileRecord> =
        match std::fs::read_to_string(src.root().join(&rel)) {
            Ok(t) => Some(
                store::parse(&t)
                    .map_err(|e| usage(format!("{rel}:{}:{}: {}", e.line, e.col, e.message)))?,
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
    let mut decided: Vec<store::ProposalRecord> = old
        .map(|o| {
            o.proposals
                .into_iter()
                .filter(|p| p.status != store::Status::Pending)
                .collect()
        })
        .unwrap_or_default();
    // A claim already accepted by hand counts as decided too.
    let accepted: Vec<String> = crate::load::to_records(&db)
        .claims
        .into_iter()
        .filter(|f| f.document == id)
        .flat_map(|f| f.claims)
        .map(|c| crate::ingest::key(&c))
        .collect();
    let mut pending = Vec::new();
    let mut skipped = 0;
    for p in found
        .proposals
        .iter()
        .filter(|p| p.confidence >= meta.min_confidence)
    {
        if decided.iter().any(|d| d.key == p.key) || accepted.contains(&p.key) {
            skipped += 1;
            continue;
        }
        pending.push(store::ProposalRecord {
            key: p.key.clone(),
            status: store::Status::Pending,
            confidence: p.confidence,
            cue: p.cue.clone(),
            why: p.why.clone(),
            claim: p.claim.clone(),
        });
    }
    let n_pending = pending.len();
    decided.extend(pending);
    let file_rec = store::ProposalsFileRecord {
        document: id.clone(),
        proposals: decided,
        actors: found
            .actors
            .iter()
            .map(|a| store::ProposedActorRecord {
                name: a.name.clone(),
                count: a.count,
                line: a.line,
            })
            .collect(),
    };
    store::write_file(
        src.root(),
        &rel,
        store::write_proposals_file(&file_rec).as_bytes(),
    )?;
    Ok(Ingested {
        id,
        db,
        found,
        proposals_file: rel,
        pending: n_pending,
        decided: skipped,
        added,
    })
}

/// Reads a document's proposals file.
pub fn read_proposals(src: &DirSource, doc: &str) -> Result<store::ProposalsFileRecord, EditError> {
    let rel = store::proposals_path(doc);
    let text = std::fs::read_to_string(src.root().join(&rel)).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            usage(format!(
                "no proposals for '{doc}' ({rel} does not exist): run `dyad ingest` first"
            ))
        } else {
            EditError::Io(io::Error::new(e.kind(), format!("{rel}: {e}")))
        }
    })?;
    store::parse(&text).map_err(|e| usage(format!("{rel}:{}:{}: {}", e.line, e.col, e.message)))
}

/// Writes a document's proposals file.
pub fn write_proposals(
    src: &DirSource,
    file: &store::ProposalsFileRecord,
) -> Result<(), EditError> {
    let rel = store::proposals_path(&file.document);
    store::write_file(
        src.root(),
        &rel,
        store::write_proposals_file(file).as_bytes(),
    )?;
    Ok(())
}

/// Today's date as `YYYY-MM-DD` (UTC), for a retraction's note.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::model::PartialDate::of_unix(secs as i64)
        .map_or_else(|| "unknown".into(), |d| d.to_string())
}

/// A change, as typed after `dyad` or at the REPL's prompt: one syntax for both.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `add actor ID NAME kind=KIND [alias=A]… [part_of=X] [acts_for=X] [description=D]`
    AddActor(ActorRecord),
    /// `add alias ACTOR ALIAS`
    AddAlias {
        /// The actor, by id, name or alias.
        actor: String,
        /// The new spelling.
        alias: String,
    },
    /// `add claim DOC from=A (to=B | between=B,C) action=ACTION date=DATE certainty=C
    /// quote=TEXT [mutual=true] [date_from=document] [note=TEXT]`
    AddClaim {
        /// The document the claim cites.
        doc: String,
        /// Each `field=value` as typed.
        fields: Vec<(String, String)>,
    },
    /// `retract CITE REASON…`
    Retract {
        /// `doc#n`.
        cite: String,
        /// Why; kept in the claim's note.
        reason: String,
    },
    /// `amend CITE FIELD VALUE [FIELD VALUE]…`
    Amend {
        /// `doc#n`.
        cite: String,
        /// The fields and their new values.
        fields: Vec<(String, String)>,
    },
}

/// The syntax of the changes, for `help` and errors.
pub const CHANGE_SYNTAX: &str = "\
add actor ID \"NAME\" kind=KIND [alias=\"A\"]… [part_of=ID] [acts_for=ID] [description=\"…\"]
add alias ACTOR \"ALIAS\"
add claim DOC from=A to=B|between=B,C action=ACTION date=DATE certainty=LEVEL quote=\"…\" [mutual=true] [date_from=document] [note=\"…\"]
retract DOC#N REASON…
amend DOC#N FIELD VALUE [FIELD VALUE]…";

/// Whether a line is a change (its first word is `add`, `retract` or `amend`).
pub fn is_change(line: &str) -> bool {
    matches!(
        line.split_whitespace().next(),
        Some("add" | "retract" | "amend")
    )
}

/// Splits a line into words: white space separates, double quotes group (with `\"` inside).
pub fn split_words(line: &str) -> Result<Vec<String>, EditError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if quoted {
        return Err(usage("a quote is not closed"));
    }
    if in_word {
        out.push(cur);
    }
    Ok(out)
}

fn pairs(words: &[String]) -> Result<Vec<(String, String)>, EditError> {
    words
        .iter()
        .map(|w| {
            w.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| usage(format!("'{w}' is not FIELD=VALUE")))
        })
        .collect()
}

impl Change {
    /// Parses the words of a change (as [`split_words`] gives them, or as the shell passed
    /// them to `dyad`).
    pub fn parse(words: &[String]) -> Result<Change, EditError> {
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let syntax = || usage(format!("usage:\n{CHANGE_SYNTAX}"));
        match w.as_slice() {
            ["add", "actor", id, name, rest @ ..] => {
                let mut a = ActorRecord::new(*id, *name, crate::model::ActorKind::Other);
                let mut kind = None;
                for (k, v) in pairs(&words[4..])? {
                    let _ = rest;
                    match k.as_str() {
                        "kind" => {
                            kind = Some(
                                crate::model::ActorKind::ALL
                                    .into_iter()
                                    .find(|x| x.as_str() == v)
                                    .ok_or_else(|| {
                                        let all: Vec<&str> = crate::model::ActorKind::ALL
                                            .iter()
                                            .map(|x| x.as_str())
                                            .collect();
                                        usage(format!("no actor kind '{v}' ({})", all.join(", ")))
                                    })?,
                            )
                        }
                        "alias" => a.aliases.push(v),
                        "part_of" => a.part_of = Some(v),
                        "acts_for" => a.acts_for = Some(v),
                        "description" => a.description = Some(v),
                        other => return Err(usage(format!("an actor has no field '{other}'"))),
                    }
                }
                a.kind =
                    kind.ok_or_else(|| usage("say what the actor is: kind=state, kind=person, …"))?;
                Ok(Change::AddActor(a))
            }
            ["add", "alias", actor, alias] => Ok(Change::AddAlias {
                actor: actor.to_string(),
                alias: alias.to_string(),
            }),
            ["add", "claim", doc, ..] => Ok(Change::AddClaim {
                doc: doc.to_string(),
                fields: pairs(&words[3..])?,
            }),
            ["retract", cite, reason @ ..] if !reason.is_empty() => Ok(Change::Retract {
                cite: cite.to_string(),
                reason: reason.join(" "),
            }),
            ["amend", cite, rest @ ..] if !rest.is_empty() && rest.len() % 2 == 0 => {
                Ok(Change::Amend {
                    cite: cite.to_string(),
                    fields: rest
                        .chunks(2)
                        .map(|p| (p[0].to_string(), p[1].to_string()))
                        .collect(),
                })
            }
            _ => Err(syntax()),
        }
    }

    /// Makes the change in the database directory `root`, validated first, written
    /// atomically.
    pub fn apply(&self, src: &DirSource, db: &Database) -> Result<Applied, EditError> {
        match self {
            Change::AddActor(a) => add_actor(src, a),
            Change::AddAlias { actor, alias } => add_alias(src, db, actor, alias),
            Change::AddClaim { doc, fields } => {
                let mut c = ClaimRecord {
                    retracted: false,
                    from: String::new(),
                    to: None,
                    kind: RelationKind::Cooperation,
                    between: None,
                    action: Action::Consult,
                    mutual: false,
                    date: "unknown".into(),
                    date_from: DateSource::Text,
                    certainty: Certainty::Stated,
                    quote: String::new(),
                    note: None,
                };
                // The action first, so that `to` and `between` are read for its kind.
                let mut ordered: Vec<&(String, String)> =
                    fields.iter().filter(|(k, _)| k == "action").collect();
                ordered.extend(fields.iter().filter(|(k, _)| k != "action"));
                for (k, v) in ordered {
                    set_claim_field(db, &mut c, k, v)?;
                }
                for (need, have) in [
                    ("from", !c.from.is_empty()),
                    ("quote", !c.quote.is_empty()),
                    ("action", fields.iter().any(|(k, _)| k == "action")),
                ] {
                    if !have {
                        return Err(usage(format!("a claim needs {need}=…")));
                    }
                }
                add_claims(src, doc, &[c])
            }
            Change::Retract { cite, reason } => retract(src, cite, reason, &today()),
            Change::Amend { cite, fields } => amend(src, db, cite, fields),
        }
    }
}
