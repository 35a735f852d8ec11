//! `find`: fuzzy search of actor names and aliases.

use serde::Serialize;

use super::{ActorRef, Cx};

/// The answer to `find`: actors whose id, name or alias matches some text.
#[derive(Clone, Debug, Serialize)]
pub struct FindAnswer {
    /// The text searched for, as typed.
    pub query: String,
    /// The matching actors, each once, at most 20, best first: exact matches, then prefixes,
    /// then word prefixes, then substrings, then near misses by typo distance; ties by spelling.
    pub matches: Vec<FoundActor>,
}

/// An actor `find` matched.
#[derive(Clone, Debug, Serialize)]
pub struct FoundActor {
    /// The actor one of whose spellings matched.
    pub actor: ActorRef,
    /// The spelling that matched.
    pub matched: String,
}

impl Cx<'_> {
    pub(super) fn find(&self, text: &str) -> FindAnswer {
        FindAnswer {
            query: text.to_string(),
            matches: self
                .db
                .names
                .find(text, 20)
                .into_iter()
                .map(|(a, matched)| FoundActor {
                    actor: self.actor_ref(a),
                    matched,
                })
                .collect(),
        }
    }
}
