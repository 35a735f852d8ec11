//! Measuring proposals against claims a person coded from the same text.
//!
//! A coded claim is *found* when a proposal names the same actors (for a mediation: the same
//! mediator and the same two parties, proposed as a mediation) in a sentence that overlaps the
//! claim's quote. Of the proposals that find it, the one of the same kind is compared, the
//! most confident first; kind, action, certainty and date accuracy are over found claims. A
//! proposal is *right* (precision) when it finds some coded claim.
//!
//! This module reads a database to score it ([`against_own_claims`]), so it sits with the
//! proposer, above the loader's records.

use crate::model::RelationKind;
use crate::store::ClaimRecord;
use crate::text::locate_quote;

use super::Proposal;

/// The figures of one document, or of several added up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Claims coded by hand.
    pub coded: usize,
    /// Claims proposed.
    pub proposed: usize,
    /// Coded claims some proposal found.
    pub found: usize,
    /// Found claims whose best proposal has the coded kind.
    pub kind: usize,
    /// … the coded action.
    pub action: usize,
    /// … the coded certainty.
    pub certainty: usize,
    /// … the coded date.
    pub date: usize,
    /// Coded mediations.
    pub mediations: usize,
    /// Coded mediations found as mediations.
    pub mediations_found: usize,
    /// Proposals that found a coded claim.
    pub right: usize,
}

impl Score {
    /// Adds another document's figures.
    pub fn add(&mut self, o: &Score) {
        self.coded += o.coded;
        self.proposed += o.proposed;
        self.found += o.found;
        self.kind += o.kind;
        self.action += o.action;
        self.certainty += o.certainty;
        self.date += o.date;
        self.mediations += o.mediations;
        self.mediations_found += o.mediations_found;
        self.right += o.right;
    }

    /// `part / whole` as a percentage (100 when `whole` is 0).
    pub fn pct(part: usize, whole: usize) -> f64 {
        if whole == 0 {
            100.0
        } else {
            100.0 * part as f64 / whole as f64
        }
    }

    /// Coded claims found, in percent.
    pub fn pair_recall(&self) -> f64 {
        Self::pct(self.found, self.coded)
    }
    /// Kind right on found claims, in percent.
    pub fn kind_accuracy(&self) -> f64 {
        Self::pct(self.kind, self.found)
    }
    /// Action right on found claims, in percent.
    pub fn action_accuracy(&self) -> f64 {
        Self::pct(self.action, self.found)
    }
    /// Certainty right on found claims, in percent.
    pub fn certainty_accuracy(&self) -> f64 {
        Self::pct(self.certainty, self.found)
    }
    /// Date right on found claims, in percent.
    pub fn date_accuracy(&self) -> f64 {
        Self::pct(self.date, self.found)
    }
    /// Coded mediations proposed as mediations, in percent.
    pub fn mediation_recall(&self) -> f64 {
        Self::pct(self.mediations_found, self.mediations)
    }
    /// Proposals that found a coded claim, in percent.
    pub fn precision(&self) -> f64 {
        Self::pct(self.right, self.proposed)
    }
}

/// The actors a claim is about, sorted: `from` and `to`, or the mediator and both parties.
fn actors(c: &ClaimRecord) -> Vec<&str> {
    let mut v = vec![c.from.as_str()];
    v.extend(c.to.as_deref());
    if let Some((a, b)) = &c.between {
        v.extend([a.as_str(), b.as_str()]);
    }
    if c.kind != RelationKind::Mediation {
        v.sort_unstable();
    } else {
        v[1..].sort_unstable();
    }
    v
}

/// Whether proposal `p` finds coded claim `c`, whose quote lies at `at` in the text.
fn finds(p: &Proposal, c: &ClaimRecord, at: &std::ops::Range<usize>) -> bool {
    let overlap = p.sentence.start < at.end && at.start < p.sentence.end;
    let mediation = c.kind == RelationKind::Mediation;
    overlap
        && (p.claim.kind == RelationKind::Mediation) == mediation
        && actors(&p.claim) == actors(c)
}

/// Scores `proposals` made from `text` against the claims `coded` from it.
pub fn score(text: &str, coded: &[ClaimRecord], proposals: &[Proposal]) -> Score {
    let mut s = Score {
        coded: coded.len(),
        proposed: proposals.len(),
        ..Score::default()
    };
    let places: Vec<Option<std::ops::Range<usize>>> =
        coded.iter().map(|c| locate_quote(text, &c.quote)).collect();
    for (c, at) in coded.iter().zip(&places) {
        if c.kind == RelationKind::Mediation {
            s.mediations += 1;
        }
        let Some(at) = at else { continue };
        let best = proposals.iter().filter(|p| finds(p, c, at)).max_by(|a, b| {
            (a.claim.kind == c.kind)
                .cmp(&(b.claim.kind == c.kind))
                .then(a.confidence.total_cmp(&b.confidence))
        });
        let Some(p) = best else { continue };
        s.found += 1;
        s.mediations_found += usize::from(c.kind == RelationKind::Mediation);
        s.kind += usize::from(p.claim.kind == c.kind);
        s.action += usize::from(p.claim.action == c.action);
        s.certainty += usize::from(p.claim.certainty == c.certainty);
        s.date += usize::from(p.claim.date == c.date);
    }
    s.right = proposals
        .iter()
        .filter(|p| {
            coded
                .iter()
                .zip(&places)
                .any(|(c, at)| at.as_ref().is_some_and(|at| finds(p, c, at)))
        })
        .count();
    s
}

/// Scores `ingest` on every curated document of `db` against that document's own claims, as if
/// they had not been coded yet: the measure of the proposer on text a person has already read.
/// Returns each document's id and score, in the database's order.
pub fn against_own_claims(db: &crate::db::Database) -> Vec<(String, Score)> {
    at_confidence(db, 0.0)
}

/// Like [`against_own_claims`], keeping only proposals of at least `min` confidence (what
/// `dyad ingest --min-confidence` writes): fewer proposals, more of them right.
pub fn at_confidence(db: &crate::db::Database, min: f32) -> Vec<(String, Score)> {
    let records = crate::load::to_records(db);
    db.documents
        .iter()
        .filter_map(|doc| {
            let file = records.claims.iter().find(|f| f.document == doc.id)?;
            let meta = super::Meta {
                id: doc.id.clone(),
                genre: doc.genre,
                date: doc.date,
            };
            let mut found = super::propose(db, &doc.text, &meta);
            found.proposals.retain(|p| p.confidence >= min);
            Some((
                doc.id.clone(),
                score(&doc.text, &file.claims, &found.proposals),
            ))
        })
        .collect()
}

/// The Markdown rows of a table of scores, one per document and one for `total`, as the
/// README shows them.
pub fn table_rows(rows: &[(String, Score)], total: &Score) -> String {
    let row = |name: &str, s: &Score| {
        format!(
            "| {name} | {} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% | {:.1}% | {}/{} | {:.1}% |\n",
            s.coded,
            s.proposed,
            s.pair_recall(),
            s.kind_accuracy(),
            s.action_accuracy(),
            s.certainty_accuracy(),
            s.date_accuracy(),
            s.mediations_found,
            s.mediations,
            s.precision()
        )
    };
    let mut out = String::new();
    for (name, s) in rows {
        out.push_str(&row(name, s));
    }
    out.push_str(&row("all four", total));
    out
}
