//! The loader's inverse: a validated database back to the records its files hold.

use crate::db::Database;
use crate::model::Target;
use crate::store::{ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord, Records};

/// The records of `db`: one per actor and document, and one claims file per document that has
/// claims, each with its claims in database order. Ids are written back as text, dates in their
/// canonical form and quotes as their words.
///
/// Only what the RON files hold is returned: actors an import created, datasets' documents and
/// the claims made from their rows are the datasets', which stay the source of truth, so they
/// are left out.
///
/// [`crate::store::save`] of the result reproduces a canonical database's files byte for byte;
/// loading them gives `db` again.
pub fn to_records(db: &Database) -> Records {
    let id = |a| db.actor(a).id.clone();
    let actors = db
        .actors
        .iter()
        .filter(|a| a.origin.is_none())
        .map(|a| ActorRecord {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            aliases: a.aliases.clone(),
            part_of: a.part_of.map(id),
            acts_for: a.acts_for.map(id),
            description: a.description.clone(),
        })
        .collect();
    let documents = db
        .documents
        .iter()
        .filter(|d| d.genre != crate::model::Genre::Data)
        .map(|d| DocumentRecord {
            id: d.id.clone(),
            file: d.file.clone(),
            title: d.title.clone(),
            author: d.author.clone(),
            publisher: d.publisher.clone(),
            date: d.date.map(|x| x.to_string()),
            genre: d.genre,
            note: d.note.clone(),
        })
        .collect();
    // Group claims by document once, keeping database order within each.
    let mut files: Vec<ClaimsFileRecord> = db
        .documents
        .iter()
        .map(|d| ClaimsFileRecord {
            document: d.id.clone(),
            claims: Vec::new(),
        })
        .collect();
    for c in db.claims.iter().filter(|c| c.coded.is_none()) {
        let (to, between) = match c.target {
            Target::Actor(t) => (Some(id(t)), None),
            Target::Between(a, b) => (None, Some((id(a), id(b)))),
        };
        files[c.doc.index()].claims.push(ClaimRecord {
            retracted: c.retracted,
            from: id(c.from),
            to,
            kind: c.kind(),
            between,
            action: c.action,
            mutual: c.mutual,
            date: c.date.to_string(),
            date_from: c.date_from,
            certainty: c.certainty,
            quote: db.quote(c).to_string(),
            note: c.note.as_deref().map(str::to_string),
        });
    }
    // A dataset's document has no claims left here, so it gets no claims file.
    files.retain(|f| !f.claims.is_empty());
    Records {
        actors,
        documents,
        claims: files,
    }
}
