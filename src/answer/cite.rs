//! `cite DOC#N`: one claim with the paragraph of its document that holds its quote.

use serde::Serialize;

use super::{ClaimView, Cx, QueryError};
use crate::model::ClaimId;

/// How many characters of context `cite` shows at most on each side of the quote, so a
/// document without paragraph breaks does not print whole.
pub const MAX_CONTEXT: usize = 600;

/// The answer to `cite`: a claim and where its quote stands in its document.
#[derive(Clone, Debug, Serialize)]
pub struct CiteAnswer {
    /// The claim, as every answer shows claims.
    pub claim: ClaimView,
    /// The document's title.
    pub title: String,
    /// The paragraph around the quote (cut to about 600 characters each side, with `…`).
    pub paragraph: String,
    /// Where the quote starts in `paragraph`, in characters; absent if it cannot be placed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_start: Option<usize>,
    /// Where the quote ends in `paragraph`, in characters (exclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_end: Option<usize>,
    /// For a dataset claim, every row that reports its event, its own first: the context of
    /// a row is the other rows of the same event. Absent for a curated claim.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<ReportView>,
}

/// One row reporting a dataset event.
#[derive(Clone, Debug, Serialize)]
pub struct ReportView {
    /// The file, as `datasets.ron` names it.
    pub file: String,
    /// The row's 1-based line.
    pub line: u32,
    /// The row, verbatim.
    pub row: String,
}

impl Cx<'_> {
    /// Resolves `doc#n` to a claim.
    fn claim_by_cite(&self, cite: &str) -> Result<ClaimId, QueryError> {
        let help =
            "cite a claim as DOCUMENT#N, e.g. `cite iran_update#49` (`documents` lists them)";
        let Some((doc, n)) = cite.trim().split_once('#') else {
            return Err(QueryError::new(format!("'{cite}' is not a citation")).help(help));
        };
        let Some(d) = self.db.documents.iter().position(|x| x.id == doc) else {
            let ids: Vec<&str> = self.db.documents.iter().map(|x| x.id.as_str()).collect();
            return Err(QueryError::new(format!("no document '{doc}'"))
                .help(format!("documents: {}", ids.join(", "))));
        };
        // A dataset claim is cited by the line of its first row.
        if self.db.documents[d].genre == crate::model::Genre::Data {
            let at = n.parse::<u32>().ok().and_then(|line| {
                self.db
                    .claims
                    .iter()
                    .position(|c| c.doc.index() == d && c.seq == line)
            });
            return at.map(|i| ClaimId(i as u32)).ok_or_else(|| {
                QueryError::new(format!(
                    "no claim of '{doc}' starts at line {n}: a dataset claim is cited by the line of its first row"
                ))
                .help("`evidence` shows each claim's citation")
            });
        }
        let count = self.db.claims.iter().filter(|c| c.doc.index() == d).count();
        let seq = n
            .parse::<u32>()
            .ok()
            .filter(|s| *s >= 1 && *s as usize <= count);
        let Some(seq) = seq else {
            return Err(
                QueryError::new(format!("'{doc}' has claims #1 to #{count}, not #{n}")).help(help),
            );
        };
        let at = self
            .db
            .claims
            .iter()
            .position(|c| c.doc.index() == d && c.seq == seq)
            .expect("a document's claims are numbered 1 to their count");
        Ok(ClaimId(at as u32))
    }

    pub(super) fn cite(&self, cite: &str) -> Result<CiteAnswer, QueryError> {
        let id = self.claim_by_cite(cite)?;
        let c = self.db.claim(id);
        let doc = self.db.document(c.doc);
        if let Some(k) = &c.coded {
            let own = crate::model::Report {
                doc: c.doc,
                line: c.seq,
                start: 0,
                len: 0,
            };
            let reports = std::iter::once(own)
                .chain(k.reports.iter().copied())
                .map(|r| {
                    let d = self.db.document(r.doc);
                    let row = if r.doc == c.doc && r.line == c.seq {
                        self.db.quote(c).to_string()
                    } else {
                        d.text[r.start as usize..(r.start + r.len) as usize].to_string()
                    };
                    ReportView {
                        file: d.file.clone(),
                        line: r.line,
                        row,
                    }
                })
                .collect();
            return Ok(CiteAnswer {
                claim: self.claim_view(id),
                title: doc.title.clone(),
                paragraph: self.db.quote(c).to_string(),
                quote_start: None,
                quote_end: None,
                reports,
            });
        }
        let text = doc.text.as_str();
        let (paragraph, quote_start, quote_end) =
            match crate::text::locate_quote(text, self.db.quote(c)) {
                Some(q) => {
                    let p = crate::text::paragraph_around(text, q.clone());
                    // Cut long paragraphs around the quote, at character boundaries.
                    let before: Vec<char> = text[p.start..q.start].chars().collect();
                    let after: Vec<char> = text[q.end..p.end].chars().collect();
                    let mut out = String::new();
                    let skip = before.len().saturating_sub(MAX_CONTEXT);
                    if skip > 0 {
                        out.push('…');
                    }
                    out.extend(&before[skip..]);
                    let start = out.chars().count();
                    out.push_str(&text[q.clone()]);
                    let end = out.chars().count();
                    out.extend(after.iter().take(MAX_CONTEXT));
                    if after.len() > MAX_CONTEXT {
                        out.push('…');
                    }
                    (out, Some(start), Some(end))
                }
                None => (self.db.quote(c).to_string(), None, None),
            };
        Ok(CiteAnswer {
            claim: self.claim_view(id),
            title: doc.title.clone(),
            paragraph,
            quote_start,
            quote_end,
            reports: Vec::new(),
        })
    }
}
