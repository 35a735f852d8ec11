//! The date a sentence gives an event, read from its words.

use super::words::Word;
use crate::model::{PartialDate, MONTH_NAMES};

/// A date found in a sentence: the claim's `date` text and the words that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The date as a claim writes it, e.g. `2026-02-06`, `2011/2026-02`, `before 2026`.
    pub date: String,
    /// The words of the sentence it was read from, e.g. `on February 6`.
    pub words: String,
}

fn month(w: &Word) -> Option<u8> {
    if !w.capital {
        return None;
    }
    let f = w.folded.as_str();
    MONTH_NAMES
        .iter()
        .position(|m| *m == f || (f.len() >= 3 && f.len() <= 4 && m.starts_with(f) && f != "may"))
        .map(|i| i as u8 + 1)
}

fn day(w: &Word) -> Option<u8> {
    let digits = w.folded.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w.folded[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year(w: &Word) -> Option<u16> {
    (w.folded.len() == 4)
        .then(|| w.folded.parse::<u16>().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}

/// The first date the words of `text` give, read against the document's date (for a day without a year,
/// and for "last year"). Recognises `February 6`, `February 6, 2026`, `6 February 2026`,
/// `February 2026`, `in 2010`, `since 2011` (a range to the document's date), `before 2024`,
/// `after 2025`, `last year` and `years before`/`years ago` (before the document's year).
///
/// ```
/// use dyad::ingest::{dates::find, words::words};
/// use dyad::model::PartialDate;
/// let doc: PartialDate = "2026-02-04".parse().unwrap();
/// let date = |s: &str| find(s, &words(s, 0..s.len()), Some(doc)).map(|f| f.date);
/// assert_eq!(date("Talks began on February 6.").as_deref(), Some("2026-02-06"));
/// assert_eq!(date("The raid in July 2025 failed.").as_deref(), Some("2025-07"));
/// assert_eq!(date("Allies since 2011.").as_deref(), Some("2011/2026-02-04"));
/// assert_eq!(date("They met years before.").as_deref(), Some("before 2026"));
/// assert_eq!(date("They may meet."), None);
/// ```
pub fn find(text: &str, words: &[Word], doc: Option<PartialDate>) -> Option<Found> {
    // The words as the sentence writes them, for the proposal's reason.
    let text = |a: usize, b: usize| text[words[a].range.start..words[b - 1].range.end].to_string();
    for i in 0..words.len() {
        let w = &words[i];
        let prev = i.checked_sub(1).map(|p| words[p].folded.as_str());
        if let Some(m) = month(w) {
            // Month Day[, Year]
            if let Some(d) = words.get(i + 1).and_then(day) {
                let (y, end) = match words.get(i + 2).and_then(year) {
                    Some(y) => (Some(y), i + 3),
                    None => (None, i + 2),
                };
                if let Some(date) = on_day(y, m, d, doc) {
                    return Some(found(date, text(start(words, i), end)));
                }
            }
            // Day Month [Year]
            if let Some(d) = i.checked_sub(1).and_then(|p| day(&words[p])) {
                let y = words.get(i + 1).and_then(year);
                let end = if y.is_some() { i + 2 } else { i + 1 };
                if let Some(date) = on_day(y, m, d, doc) {
                    return Some(found(date, text(start(words, i - 1), end)));
                }
            }
            // Month Year
            if let Some(y) = words.get(i + 1).and_then(year) {
                return Some(found(
                    format!("{y:04}-{m:02}"),
                    text(start(words, i), i + 2),
                ));
            }
        }
        if let Some(y) = year(w) {
            let from = start(words, i);
            let said = text(from, i + 1);
            return Some(match prev {
                Some("since") => match doc {
                    Some(d) if d.year >= y => found(format!("{y:04}/{d}"), said),
                    _ => found(format!("after {y:04}"), said),
                },
                Some("before" | "until") => found(format!("before {y:04}"), said),
                Some("after") => found(format!("after {y:04}"), said),
                _ => found(format!("{y:04}"), said),
            });
        }
        let next = words.get(i + 1).map(|w| w.folded.as_str());
        match (w.folded.as_str(), next, doc) {
            ("last", Some("year"), Some(d)) if d.year > 1 => {
                return Some(found(format!("{:04}", d.year - 1), text(i, i + 2)));
            }
            ("years", Some("before" | "ago" | "earlier"), Some(d)) => {
                return Some(found(format!("before {:04}", d.year), text(i, i + 2)));
            }
            _ => {}
        }
    }
    None
}

/// The index of the preposition before word `i`, if it has one, so the quoted words read
/// "on February 6" rather than "February 6".
fn start(words: &[Word], i: usize) -> usize {
    match i.checked_sub(1).map(|p| words[p].folded.as_str()) {
        Some("on" | "in" | "since" | "by" | "until" | "before" | "after" | "from") => i - 1,
        _ => i,
    }
}

fn found(date: String, words: String) -> Found {
    Found { date, words }
}

/// A day, with the document's year when the text gives none: the latest such day not after
/// the document (a report dated 4 February that says "on December 30" means the December
/// before).
fn on_day(year: Option<u16>, m: u8, d: u8, doc: Option<PartialDate>) -> Option<String> {
    let y = match (year, doc) {
        (Some(y), _) => y,
        (None, Some(doc)) => {
            let later = doc.month.is_some_and(|dm| m > dm);
            if later {
                doc.year.checked_sub(1)?
            } else {
                doc.year
            }
        }
        (None, None) => return None,
    };
    PartialDate::day(y, m, d).map(|p| p.to_string())
}
