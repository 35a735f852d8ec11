//! What the per-kind checks share: the table of ids that records are checked against, the rules
//! for ids, and the placing of findings in a file.
//!
//! Every rule is written once, as a function returning a [`Finding`]; the loader and the public
//! per-record checks both call it. Nothing here reads files.

use crate::error::{Finding, Problem, ProblemKind};
use crate::names::join_or;
use crate::store::locate::{Locator, Seg};
use crate::text::{edit_distance, fold, typo_budget};

/// The ids of one kind of record (actors or documents), each with its index, and "did you
/// mean" over them. The first record with an id owns it.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    index: crate::fx::FxHashMap<String, usize>,
    ids: Vec<String>,
}

impl Ids {
    /// The table of `ids`, indexed in order; a repeated id keeps its first index.
    pub fn new<'s>(ids: impl IntoIterator<Item = &'s str>) -> Ids {
        let mut table = Ids::default();
        for (i, id) in ids.into_iter().enumerate() {
            table.insert(id, i);
        }
        table
    }

    /// Records an id at index `i`; returns the earlier index if it was already present.
    pub fn insert(&mut self, id: &str, i: usize) -> Option<usize> {
        if let Some(&first) = self.index.get(id) {
            return Some(first);
        }
        self.index.insert(id.to_string(), i);
        self.ids.push(id.to_string());
        None
    }

    /// The index of `id`, if it is known.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Suggests the closest ids, by typo distance or a shared word, as "did you mean …?".
    pub fn did_you_mean(&self, id: &str) -> Option<String> {
        let q = fold(id);
        let budget = typo_budget(q.chars().count());
        let mut scored: Vec<(usize, &str)> = self
            .ids
            .iter()
            .filter_map(|cand| {
                let c = fold(cand);
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

/// An id must be lower-case letters, digits and `_`. `what` is "actor" or "document".
pub(super) fn check_id(id: &str, what: &str) -> Option<Finding> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    (!ok).then(|| {
        Finding::new(
            ProblemKind::BadId,
            format!("{what} id '{id}' must be lower-case letters, digits and '_'"),
        )
        .at("id")
    })
}

/// The second record with an id, where the first is on line `first_line` of the same file.
pub(super) fn duplicate_id(what: &str, id: &str, first_line: usize) -> Finding {
    Finding::new(
        ProblemKind::DuplicateId,
        format!("duplicate {what} id '{id}'"),
    )
    .at("id")
    .help(format!("first defined at line {first_line}"))
}

/// Places the findings about one file's records in that file, each at its record's path.
/// Positions are only looked up for findings, so a clean file costs nothing here.
pub(super) struct Placer<'a> {
    file: &'a str,
    loc: Locator<'a>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> Placer<'a> {
    pub(super) fn new(file: &'a str, text: &'a str, problems: &'a mut Vec<Problem>) -> Self {
        Placer {
            file,
            loc: Locator::new(text),
            problems,
        }
    }

    /// Reports a finding about the record at `record` (empty: the file's top-level value).
    pub(super) fn push(&mut self, record: &[Seg<'_>], finding: Finding) {
        let problem = finding.place(self.file, &self.loc, record);
        self.problems.push(problem);
    }

    /// Reports every finding about the record at `record`.
    pub(super) fn extend(&mut self, record: &[Seg<'_>], findings: Vec<Finding>) {
        for f in findings {
            self.push(record, f);
        }
    }

    /// The line of the value at `path`, for help that points at an earlier record.
    pub(super) fn line(&self, path: &[Seg<'_>]) -> usize {
        self.loc.at(path).line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_and_words() {
        let t = Ids::new(["turkey", "united_states", "hakan_fidan"]);
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

    #[test]
    fn the_first_record_owns_a_repeated_id() {
        let mut t = Ids::new(["a", "b", "a"]);
        assert_eq!(t.get("a"), Some(0));
        assert_eq!(t.insert("b", 7), Some(1));
    }
}
