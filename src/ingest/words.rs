//! Words of a sentence, and the actors they name.

use std::ops::Range;

use crate::db::Database;
use crate::fx::FxHashMap;
use crate::model::ActorId;
use crate::text::fold;

/// One word of a text: where it is, and its folded forms.
#[derive(Clone, Debug)]
pub struct Word {
    /// The word's bytes in the document.
    pub range: Range<usize>,
    /// The word folded as names are ([`crate::text::fold`]).
    pub folded: String,
    /// For a possessive (`Turkey's`), the folded word without its `'s`.
    pub bare: Option<String>,
    /// Whether the word starts with a capital letter.
    pub capital: bool,
    /// Whether every letter of the word is a capital (an acronym such as `SDF` or `U.S.`).
    pub upper: bool,
}

/// The words of `doc[range]`: runs of letters and digits, keeping the dots of an abbreviation
/// (`U.S.`) and an apostrophe followed by a letter (`Turkey's`); hyphens and dashes separate
/// words, as [`fold`] reads them. `O(length)`.
pub fn words(doc: &str, range: Range<usize>) -> Vec<Word> {
    let text = &doc[range.clone()];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let inner = match c {
            c if c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c) => true,
            '.' => {
                start.is_some()
                    && next.is_some_and(|n| n.is_alphabetic() && n.is_uppercase())
                    && chars[k - 1].1.is_uppercase()
            }
            '\'' | '’' => start.is_some() && next.is_some_and(char::is_alphabetic),
            _ => false,
        };
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(word(doc, range.start + s..range.start + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(word(doc, range.start + s..range.end));
    }
    out
}

fn word(doc: &str, range: Range<usize>) -> Word {
    let raw = &doc[range.clone()];
    let folded = fold(raw);
    let bare = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|p| raw.strip_suffix(p))
        .map(fold);
    // An acronym keeps its capitals in the possessive: "SDF’s".
    let stem = ["'s", "’s"]
        .iter()
        .find_map(|p| raw.strip_suffix(p))
        .unwrap_or(raw);
    let letters = || stem.chars().filter(|c| c.is_alphabetic());
    Word {
        range,
        capital: raw.chars().next().is_some_and(char::is_uppercase),
        upper: letters().count() >= 2 && letters().all(char::is_uppercase),
        folded,
        bare,
    }
}

/// How a spelling must be written in a text to name its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Any case: the spelling is written in lower case (`the regime`).
    Any,
    /// Starting with a capital, as proper names are (`Turkey`, `Iranian`).
    Capital,
    /// In capitals, as the acronym is (`US`, `SDF`), so that the word "us" names nobody.
    Upper,
}

/// The actors' names and aliases as word sequences, for finding them in running text.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    map: FxHashMap<String, (ActorId, Case)>,
    longest: usize,
}

/// An actor named in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The actor.
    pub actor: ActorId,
    /// The first and one-past-last word of the mention in its sentence.
    pub words: Range<usize>,
    /// The bytes of the mention in the document.
    pub range: Range<usize>,
}

impl Gazetteer {
    /// The names and aliases of every curated actor of `db` (the actors an import created are
    /// left out: their names are dataset codes, not words a text uses). `O(spellings)`.
    ///
    /// Besides its spellings, an actor is found by the short forms a text uses once it has
    /// named it in full: a person by the last word of their name ("Hamo" for Sipan Hamo), and a
    /// group by "the" and the last word of its name ("the framework" for the Shia Coordination
    /// Framework), each only where no other actor's name gives the same short form.
    pub fn new(db: &Database) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut short: FxHashMap<String, Option<(ActorId, String)>> = FxHashMap::default();
        for (i, a) in db.actors.iter().enumerate() {
            if a.origin.is_some() {
                continue;
            }
            let id = crate::model::ActorId(i as u32);
            let words: Vec<&str> = a.name.split_whitespace().collect();
            let form = match (a.kind, words.as_slice()) {
                (crate::model::ActorKind::Person, [.., last]) if words.len() >= 2 => {
                    Some(last.to_string())
                }
                (crate::model::ActorKind::Person | crate::model::ActorKind::State, _) => None,
                (_, [.., last]) if words.len() >= 2 && last.len() >= 4 => {
                    Some(format!("the {}", last.to_lowercase()))
                }
                _ => None,
            };
            if let Some(form) = form {
                let slot = short.entry(fold(&form)).or_insert(Some((id, form)));
                if slot.as_ref().is_some_and(|(o, _)| *o != id) {
                    *slot = None;
                }
            }
        }
        for (i, a) in db.actors.iter().enumerate() {
            if a.origin.is_some() {
                continue;
            }
            for spelling in std::iter::once(&a.name).chain(&a.aliases) {
                let key = fold(spelling);
                if key.is_empty() {
                    continue;
                }
                let letters = || spelling.chars().filter(|c| c.is_alphabetic());
                let case = if letters().count() >= 2 && letters().all(char::is_uppercase) {
                    Case::Upper
                } else if spelling.chars().next().is_some_and(char::is_uppercase) {
                    Case::Capital
                } else {
                    Case::Any
                };
                g.longest = g.longest.max(key.split(' ').count());
                g.map
                    .entry(key)
                    .or_insert((crate::model::ActorId(i as u32), case));
            }
        }
        // Short forms last, so that they never displace a spelling an actor lists.
        for (key, found) in short {
            if let Some((id, form)) = found {
                let case = if form.starts_with("the ") {
                    Case::Any
                } else {
                    Case::Capital
                };
                g.map.entry(key).or_insert((id, case));
            }
        }
        g
    }

    /// The actors named in `words`, longest spelling first, left to right, without overlaps.
    /// `O(words × longest name)`.
    pub fn mentions(&self, words: &[Word]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        'next: while i < words.len() {
            for n in (1..=self.longest.min(words.len() - i)).rev() {
                key.clear();
                for (k, w) in words[i..i + n].iter().enumerate() {
                    if k > 0 {
                        key.push(' ');
                    }
                    key.push_str(&w.folded);
                }
                let last = &words[i + n - 1];
                let mut found = self.map.get(&key);
                if found.is_none() {
                    if let Some(bare) = &last.bare {
                        key.truncate(key.len() - last.folded.len());
                        key.push_str(bare);
                        found = self.map.get(&key);
                    }
                }
                let Some(&(actor, case)) = found else {
                    continue;
                };
                let first = &words[i];
                let fits = match case {
                    Case::Any => true,
                    Case::Capital => first.capital,
                    Case::Upper => words[i..i + n]
                        .iter()
                        .all(|w| w.upper || w.folded.len() < 2),
                };
                if fits {
                    out.push(Mention {
                        actor,
                        words: i..i + n,
                        range: first.range.start..last.range.end,
                    });
                    i += n;
                    continue 'next;
                }
            }
            i += 1;
        }
        out
    }
}
