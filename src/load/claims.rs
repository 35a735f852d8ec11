//! Claims: the check of one claim record, and of a claims file as a whole (its name, its
//! document, claims repeated within it).

use super::validate::{Ids, Placer};
use super::Parsed;
use crate::error::{Finding, Problem, ProblemKind::*};
use crate::model::{
    Action, ActorId, Claim, DateSource, DocId, Document, EventDate, Quote, RelationKind, Target,
};
use crate::store::locate::Seg;
use crate::store::{ClaimRecord, ClaimsFileRecord};
use crate::text::normalize_quote;

/// Checks one claim record against the actor ids of its database and the document it cites:
/// that its actors exist, its kind fits its action and its fields, a mediation has two distinct
/// parties other than the mediator, its date is real, and its quote occurs in the document.
/// With no document, the quote is only checked for being non-empty.
///
/// A claim repeated within one file is found when a whole claims file is loaded.
pub fn check_claim(rec: &ClaimRecord, actors: &Ids, document: Option<&Document>) -> Vec<Finding> {
    claim(rec, Some(actors), document, &mut QuoteSearch::default()).0
}

/// A claim's references, resolved.
struct Resolved {
    from: ActorId,
    target: Target,
    date: EventDate,
    quote: Quote,
}

/// The findings about one claim and, when there are none, what it resolves to. With no actor
/// table (`actors.ron` did not load), actor ids are not checked and nothing resolves.
fn claim(
    rec: &ClaimRecord,
    actors: Option<&Ids>,
    doc: Option<&Document>,
    search: &mut QuoteSearch,
) -> (Vec<Finding>, Option<Resolved>) {
    let mut out = Vec::new();
    let mut resolve = |id: &str, path: &[Seg<'static>]| -> Option<ActorId> {
        let ids = actors?;
        let found = ids.get(id).map(|j| ActorId(j as u32));
        if found.is_none() {
            let unknown = Finding::new(UnknownActor, format!("unknown actor id '{id}'"));
            out.push(unknown.at_path(path).maybe_help(ids.did_you_mean(id)));
        }
        found
    };
    let from = resolve(&rec.from, &[Seg::Field("from")]);
    let to = rec
        .to
        .as_ref()
        .and_then(|t| resolve(t, &[Seg::Field("to")]));
    let between = rec.between.as_ref().map(|(a, b)| {
        let a = resolve(a, &[Seg::Field("between"), Seg::Index(0)]);
        (a, resolve(b, &[Seg::Field("between"), Seg::Index(1)]))
    });

    if rec.action.kind() != rec.kind {
        let message = format!(
            "action {} is a {} action, but the claim's kind is {}",
            rec.action,
            rec.action.kind(),
            rec.kind
        );
        let fitting: Vec<&str> = Action::ALL
            .iter()
            .filter(|a| a.kind() == rec.kind)
            .map(|a| a.as_str())
            .collect();
        let help = format!("{} actions: {}", rec.kind, fitting.join(", "));
        out.push(Finding::new(KindMismatch, message).at("action").help(help));
    }

    let target = match rec.kind {
        RelationKind::Mediation => {
            if rec.to.is_some() {
                let message = "a mediation names its parties in `between`, not `to`";
                out.push(
                    Finding::new(KindMismatch, message)
                        .at("to")
                        .help("write between: (\"party_a\", \"party_b\") and drop `to`"),
                );
            }
            match between {
                None => {
                    let help = "add between: (\"party_a\", \"party_b\")";
                    out.push(
                        Finding::new(BadMediation, "a mediation must name its two parties")
                            .help(help),
                    );
                    None
                }
                Some((Some(a), Some(b))) => {
                    if a == b {
                        let party = rec.between.as_ref().map_or("", |b| b.0.as_str());
                        let message =
                            format!("a mediation needs two distinct parties, not '{party}' twice");
                        out.push(Finding::new(BadMediation, message).at("between"));
                    }
                    if from.is_some_and(|f| f == a || f == b) {
                        let message = format!(
                            "the mediator '{}' is one of the parties it mediates between",
                            rec.from
                        );
                        let help = "a party's own contacts with the other are cooperation or conflict claims";
                        out.push(Finding::new(BadMediation, message).at("from").help(help));
                    }
                    Some(Target::Between(a, b))
                }
                Some(_) => None,
            }
        }
        RelationKind::Cooperation | RelationKind::Conflict => {
            if rec.between.is_some() {
                let message = format!("only mediation claims take `between`; this is {}", rec.kind);
                out.push(Finding::new(KindMismatch, message).at("between"));
            }
            match (rec.to.as_ref(), to) {
                (None, _) => {
                    out.push(Finding::new(
                        KindMismatch,
                        format!("a {} claim must name its `to` actor", rec.kind),
                    ));
                    None
                }
                (Some(_), Some(t)) => {
                    if from == Some(t) {
                        out.push(
                            Finding::new(
                                SelfRelation,
                                format!("a claim from '{}' to itself", rec.from),
                            )
                            .at("to"),
                        );
                    }
                    Some(Target::Actor(t))
                }
                (Some(_), None) => None,
            }
        }
    };

    let date = match rec.date.parse::<EventDate>() {
        Ok(d) => Some(d),
        Err(e) => {
            out.push(Finding::new(BadDate, e.0).at("date"));
            None
        }
    };
    if let (DateSource::Document, Some(date), Some(doc)) = (rec.date_from, date, doc) {
        if let Some(f) = check_date_from(date, doc) {
            out.push(f);
        }
    }

    let mut quote = None;
    if rec.quote.trim().is_empty() {
        let help = "every claim quotes the words of its document that support it";
        out.push(
            Finding::new(EmptyField, "the quote is empty")
                .at("quote")
                .help(help),
        );
    } else if let Some(d) = doc {
        match search.find(&d.text, &rec.quote) {
            Ok(q) => quote = Some(q),
            Err(help) => {
                let message = format!("the quote does not occur in document '{}'", d.id);
                out.push(Finding::new(QuoteNotFound, message).at("quote").help(help));
            }
        }
    }

    let resolved = match (from, target, date, quote) {
        (Some(from), Some(target), Some(date), Some(quote)) if out.is_empty() => Some(Resolved {
            from,
            target,
            date,
            quote,
        }),
        _ => None,
    };
    (out, resolved)
}

/// Checks one claims file and appends its claims to `out`. `actors` and `documents` are absent
/// when their files did not load; `documents` comes with which documents' texts were read.
pub(super) fn check_claims(
    parsed: &Parsed<ClaimsFileRecord>,
    actors: Option<&Ids>,
    documents: Option<(&[Document], &Ids, &[bool])>,
    out: &mut Vec<Claim>,
    problems: &mut Vec<Problem>,
) {
    let Parsed { file, text, value } = parsed;
    let mut p = Placer::new(file, text, problems);
    let top: &[Seg<'_>] = &[];
    let file_name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let expected = format!("{}.ron", value.document);
    if file_name != expected {
        let message = format!(
            "claims for document '{}' must be in claims/{expected}",
            value.document
        );
        p.push(top, Finding::new(MisnamedFile, message).at("document"));
    }
    let doc = documents.and_then(|(docs, ids, read)| match ids.get(&value.document) {
        Some(i) => Some((DocId(i as u32), &docs[i], read[i])),
        None => {
            let help = ids
                .did_you_mean(&value.document)
                .unwrap_or_else(|| "add the document to documents.ron first".into());
            let message = format!("unknown document id '{}'", value.document);
            p.push(
                top,
                Finding::new(UnknownDocument, message)
                    .at("document")
                    .help(help),
            );
            None
        }
    });
    let mut search = QuoteSearch::default();
    // Claims by a hash of what makes them the same; equal hashes are confirmed field by field.
    let mut seen: crate::fx::FxHashMap<u64, Vec<usize>> = Default::default();

    for (i, rec) in value.claims.iter().enumerate() {
        let record = [Seg::Field("claims"), Seg::Index(i)];
        // A document that could not be read is reported once, at its `file:`; its claims are
        // checked as if it had no text, rather than each quote reported missing from it.
        let text = doc.and_then(|(_, d, read)| read.then_some(d));
        let (findings, resolved) = claim(rec, actors, text, &mut search);
        p.extend(&record, findings);

        let earlier = seen.entry(identity(rec)).or_default();
        if let Some(&first) = earlier.iter().find(|&&j| same_claim(&value.claims[j], rec)) {
            let line = p.line(&[Seg::Field("claims"), Seg::Index(first)]);
            let message = "this claim repeats an earlier one in the same file";
            p.push(
                &record,
                Finding::new(DuplicateClaim, message).help(format!("the first is at line {line}")),
            );
        }
        earlier.push(i);

        if let (Some(r), Some((doc_id, _, _))) = (resolved, doc) {
            out.push(Claim {
                coded: None,
                from: r.from,
                target: r.target,
                action: rec.action,
                mutual: rec.mutual,
                retracted: rec.retracted,
                date: r.date,
                date_from: rec.date_from,
                certainty: rec.certainty,
                doc: doc_id,
                seq: i as u32 + 1,
                quote: r.quote,
                note: rec.note.clone().map(String::into_boxed_str),
            });
        }
    }
}

/// Whether `date_from: document` is true of a claim dated `date` citing `doc`: the document
/// must have a date, and the claim's date must be exactly it.
fn check_date_from(date: EventDate, doc: &Document) -> Option<Finding> {
    let (message, help) = match doc.date {
        None => (
            format!("date_from: document, but document '{}' has no date", doc.id),
            "give the document its date in documents.ron, or date the claim from its text \
             (a range, a bound, or unknown) and drop date_from"
                .to_string(),
        ),
        Some(d) if date != EventDate::On(d) => (
            format!(
                "date_from: document, but the claim's date {date} is not document '{}''s date {d}",
                doc.id
            ),
            format!(
                "write date: \"{d}\" to take the document's date, or drop date_from if the text \
                 dates the event"
            ),
        ),
        Some(_) => return None,
    };
    Some(
        Finding::new(BadDateSource, message)
            .at("date_from")
            .help(help),
    )
}

/// Two claims are the same when they agree on who, whom, what, when and the words quoted.
fn same_claim(a: &ClaimRecord, b: &ClaimRecord) -> bool {
    a.from == b.from
        && a.to == b.to
        && a.between == b.between
        && a.action == b.action
        && a.date == b.date
        && a.quote == b.quote
}

/// A hash of the fields [`same_claim`] compares.
fn identity(rec: &ClaimRecord) -> u64 {
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
}

/// Finds the quotes of one document.
///
/// Curators quote a document in the order of its text, so each search starts where the
/// previous quote was found and wraps around only when that fails: linear in the document
/// instead of quadratic. Most quotes occur verbatim; only the rest are compared after
/// normalising typography, and only then is the document normalised.
#[derive(Default)]
struct QuoteSearch {
    hint: usize,
    normalized: Option<String>,
    normalized_hint: usize,
}

impl QuoteSearch {
    /// Where `quote` occurs in `doc`, or help saying how much of it does.
    fn find(&mut self, doc: &str, quote: &str) -> Result<Quote, String> {
        let verbatim = match doc[self.hint..].find(quote) {
            Some(p) => Some(self.hint + p),
            None => doc.find(quote),
        };
        if let Some(p) = verbatim {
            self.hint = p;
            return Ok(Quote::Span {
                start: p as u32,
                len: quote.len() as u32,
            });
        }
        let doc_text = self.normalized.get_or_insert_with(|| normalize_quote(doc));
        let wanted = normalize_quote(quote);
        let found = match doc_text[self.normalized_hint..].find(&wanted) {
            Some(p) => Some(self.normalized_hint + p),
            None => doc_text.find(&wanted),
        };
        match found {
            Some(p) => {
                self.normalized_hint = p;
                Ok(Quote::Text(quote.to_string().into_boxed_str()))
            }
            None => Err(explain_missing_quote(&wanted, doc_text)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_quote_explanation_points_at_the_changed_word() {
        let doc = "Turkey is holding technical talks with Israel";
        let msg = explain_missing_quote("Turkey is holding secret talks with Israel", doc);
        assert!(msg.contains("3 of 7 words"), "{msg}");
        assert!(msg.contains("\"secret\""), "{msg}");
    }
}
