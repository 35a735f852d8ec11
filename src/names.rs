//! Resolving what users type to actors: ids, names and aliases, case- and
//! diacritics-insensitively, with suggestions when nothing matches.

use std::fmt;

use crate::model::{Actor, ActorId};
use crate::text::{edit_distance, fold, typo_budget};

/// Folded spelling → actor. Built by the loader, which rejects a spelling that would resolve to
/// two actors, so every key here names exactly one.
#[derive(Debug, Default, Clone)]
pub struct NameIndex {
    map: crate::fx::FxHashMap<String, ActorId>,
    /// Every key with the spelling it came from, sorted by key, for fuzzy search and completion.
    spellings: Vec<(String, String, ActorId)>,
}

/// Two actors claim the same folded spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// The spelling as the second actor writes it (before folding).
    pub spelling: String,
    /// The actor that keeps the spelling: the earlier one in `actors.ron`.
    pub first: ActorId,
    /// The later actor, whose spelling is refused.
    pub second: ActorId,
}

/// A name that resolves to no actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Unresolved {
    /// The name as the user typed it.
    pub query: String,
    /// Plausible intended actors, best first, each with the spelling that matched.
    pub suggestions: Vec<(ActorId, String)>,
}

impl NameIndex {
    /// Indexes every actor's id, name and aliases. Spellings that collide are left with the first
    /// actor and reported.
    pub fn build(actors: &[Actor]) -> (NameIndex, Vec<Collision>) {
        let mut index = NameIndex::default();
        let mut collisions = Vec::new();
        for (i, a) in actors.iter().enumerate() {
            let id = ActorId(i as u32);
            // The display name first, so that completion offers "Iran" rather than the id.
            for spelling in std::iter::once(&a.name)
                .chain(std::iter::once(&a.id))
                .chain(&a.aliases)
            {
                let key = fold(spelling);
                if key.is_empty() {
                    continue;
                }
                match index.map.get(&key) {
                    Some(&other) if other != id => collisions.push(Collision {
                        spelling: spelling.clone(),
                        first: other,
                        second: id,
                    }),
                    Some(_) => {}
                    None => {
                        index.map.insert(key.clone(), id);
                        index.spellings.push((key, spelling.clone(), id));
                    }
                }
            }
        }
        index.spellings.sort_unstable();
        (index, collisions)
    }

    /// Adds a spelling for an actor unless it is empty or already names one; says whether it
    /// was added. The loader adds the actors an import creates this way, after
    /// [`NameIndex::build`], and then calls [`NameIndex::finish`].
    pub fn add(&mut self, spelling: &str, id: ActorId) -> bool {
        let key = fold(spelling);
        if key.is_empty() || self.map.contains_key(&key) {
            return false;
        }
        self.map.insert(key.clone(), id);
        self.spellings.push((key, spelling.to_string(), id));
        true
    }

    /// Restores the order fuzzy search relies on after [`NameIndex::add`].
    pub fn finish(&mut self) {
        self.spellings.sort_unstable();
    }

    /// The actor a spelling names exactly (after folding), if any.
    pub fn get(&self, name: &str) -> Option<ActorId> {
        self.map.get(&fold(name)).copied()
    }

    /// Resolves a spelling, or explains the failure with suggestions.
    pub fn resolve(&self, name: &str) -> Result<ActorId, Unresolved> {
        self.get(name).ok_or_else(|| Unresolved {
            query: name.to_string(),
            suggestions: self.suggest(name, 3),
        })
    }

    /// Up to `limit` actors whose spellings are within a few typos of `name`, or start with it.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<(ActorId, String)> {
        self.ranked(name, limit, |key, q, budget| {
            // Cheap length filter first: the distance is at least the length difference.
            let d = if key.len().abs_diff(q.len()) > budget + 2 {
                usize::MAX
            } else {
                edit_distance(q, key)
            };
            if d <= budget {
                Some(d)
            } else if key.starts_with(q) || key.split(' ').any(|w| w == q) {
                Some(budget + 1)
            } else {
                None
            }
        })
    }

    /// Fuzzy lookup for `find`, at most `limit` actors: those any of whose spellings contain
    /// the folded query, or are within a few typos of it. Best first: exact, then prefix, then
    /// word prefix, then substring, then typo distance; ties by spelling.
    pub fn find(&self, text: &str, limit: usize) -> Vec<(ActorId, String)> {
        self.ranked(text, limit, |key, q, budget| {
            if key == q {
                Some(0)
            } else if key.starts_with(q) {
                Some(1)
            } else if key.split(' ').any(|w| w.starts_with(q)) {
                Some(2)
            } else if key.contains(q) {
                Some(3)
            } else {
                let d = edit_distance(q, key);
                (d <= budget).then_some(4 + d)
            }
        })
    }

    /// Scores every spelling against the folded `text` (lower is better, `None` drops it) and
    /// returns the best `limit` actors, each once, with the spelling that scored.
    fn ranked(
        &self,
        text: &str,
        limit: usize,
        score: impl Fn(&str, &str, usize) -> Option<usize>,
    ) -> Vec<(ActorId, String)> {
        let q = fold(text);
        if q.is_empty() {
            return Vec::new();
        }
        let budget = typo_budget(q.chars().count());
        let mut scored: Vec<(usize, &str, ActorId)> = self
            .spellings
            .iter()
            .filter_map(|(key, spelling, id)| {
                score(key, &q, budget).map(|s| (s, spelling.as_str(), *id))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        let mut taken = std::collections::HashSet::new();
        scored
            .into_iter()
            .filter(|(_, _, id)| taken.insert(*id))
            .take(limit)
            .map(|(_, spelling, id)| (id, spelling.to_string()))
            .collect()
    }

    /// Every spelling, sorted by its folded form.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, ActorId)> {
        self.spellings.iter().map(|(_, s, id)| (s.as_str(), *id))
    }

    /// The spellings whose folded form starts with `text` folded, in folded order. The
    /// spellings are sorted by their folded form, so they are one run found by binary search:
    /// `O(log n + k)` for k matches, which the REPL's hint can afford on every keystroke.
    ///
    /// ```
    /// let db = dyad::load_embedded().unwrap();
    /// let found: Vec<&str> = db.names.starting_with("turkm").map(|(s, _)| s).collect();
    /// assert_eq!(found, ["Turkmen", "Turkmenistan"]);
    /// ```
    pub fn starting_with(
        &self,
        text: &str,
    ) -> impl ExactSizeIterator<Item = (&str, ActorId)> + DoubleEndedIterator + Clone {
        let key = fold(text);
        let start = self
            .spellings
            .partition_point(|(k, _, _)| k.as_str() < key.as_str());
        let len = self.spellings[start..].partition_point(|(k, _, _)| k.starts_with(&key));
        self.spellings[start..start + len]
            .iter()
            .map(|(_, s, id)| (s.as_str(), *id))
    }

    /// Splits a run of words into actor names, longest match first from the left.
    ///
    /// `["united", "states", "iran"]` becomes `[United States, Iran]`. Returns the index of the
    /// first word that starts no known name on failure.
    pub fn split_words(&self, words: &[&str]) -> Result<Vec<(ActorId, usize)>, usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let found = (i + 1..=words.len())
                .rev()
                .find_map(|j| self.get(&words[i..j].join(" ")).map(|id| (id, j)));
            match found {
                Some((id, j)) => {
                    out.push((id, j - i));
                    i = j;
                }
                None => return Err(i),
            }
        }
        Ok(out)
    }
}

impl Unresolved {
    /// Renders the suggestions as "Turkey (Türkiye)", using `name` to label actors.
    pub fn describe(&self, name: impl Fn(ActorId) -> String) -> String {
        let mut s = format!("no actor '{}'", self.query);
        if !self.suggestions.is_empty() {
            let list: Vec<String> = self
                .suggestions
                .iter()
                .map(|(id, spelling)| {
                    let n = name(*id);
                    if fold(&n) == fold(spelling) {
                        n
                    } else {
                        format!("{n} ({spelling})")
                    }
                })
                .collect();
            s.push_str(" — did you mean ");
            s.push_str(&join_or(&list));
            s.push('?');
        }
        s
    }
}

/// "a", "a or b", "a, b or c".
pub fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no actor '{}'", self.query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorKind;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::State,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            part_of: None,
            acts_for: None,
            description: None,
            origin: None,
        }
    }

    fn index() -> NameIndex {
        let (i, c) = NameIndex::build(&[
            actor("turkey", "Turkey", &["Türkiye", "Ankara"]),
            actor("united_states", "United States", &["US", "Washington"]),
            actor("iran", "Iran", &["Tehran"]),
        ]);
        assert!(c.is_empty());
        i
    }

    #[test]
    fn resolves_ids_names_and_aliases_loosely() {
        let i = index();
        for s in [
            "turkey",
            "TURKEY",
            "Türkiye",
            "turkiye",
            "ankara",
            "U.S.",
            "united_states",
        ] {
            assert!(i.get(s).is_some(), "{s}");
        }
    }

    #[test]
    fn suggests_near_misses() {
        let i = index();
        let e = i.resolve("Turkei").unwrap_err();
        assert_eq!(e.suggestions[0].0, ActorId(0));
        let msg = e.describe(|id| ["Turkey", "United States", "Iran"][id.index()].to_string());
        assert_eq!(msg, "no actor 'Turkei' — did you mean Turkey?");
    }

    #[test]
    fn collisions_are_reported() {
        let (_, c) = NameIndex::build(&[
            actor("a", "Alpha", &["Shared"]),
            actor("b", "Beta", &["shared"]),
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].first, c[0].second), (ActorId(0), ActorId(1)));
    }

    #[test]
    fn split_words_takes_longest_names() {
        let i = index();
        let got = i.split_words(&["united", "states", "iran"]).unwrap();
        assert_eq!(got, vec![(ActorId(1), 2), (ActorId(2), 1)]);
        assert_eq!(i.split_words(&["iran", "narnia"]), Err(1));
    }
}
