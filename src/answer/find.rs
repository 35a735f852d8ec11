//! `find`: fuzzy search of actor names and aliases.

use serde::Serialize;

use super::{ActorRef, Cx};

/// The answer to `find`: actors whose id, name or alias matches some text.
#[derive(Clone, Debug, Serialize)]
pub struct FindAnswer {
    /// The text searched for, as typed.
    pub query: String,
    /// How many actors match in all, listed or not.
    pub total: usize,
    /// The matching actors, each once, at most `limit N` (20 by default), best first: exact
    /// matches, then prefixes, then word prefixes, then substrings, then near misses by typo
    /// distance; ties by spelling.
    pub matches: Vec<FoundActor>,
}

/// How many matches `find` lists unless `limit` says otherwise.
pub const DEFAULT_MATCHES: usize = 20;

/// An actor `find` matched.
#[derive(Clone, Debug, Serialize)]
pub struct FoundActor {
    /// The actor one of whose spellings matched.
    pub actor: ActorRef,
    /// The spelling that matched.
    pub matched: String,
}

impl Cx<'_> {
    pub(super) fn find(&self, text: &str, limit: Option<usize>) -> FindAnswer {
        // Every match is ranked anyway; asking for all of them costs only their ids.
        let found = self.db.names.find(text, usize::MAX);
        let total = found.len();
        FindAnswer {
            query: text.to_string(),
            total,
            matches: found
                .into_iter()
                .take(match limit {
                    Some(0) => usize::MAX,
                    Some(n) => n,
                    None => DEFAULT_MATCHES,
                })
                .map(|(a, matched)| FoundActor {
                    actor: self.actor_ref(a),
                    matched,
                })
                .collect(),
        }
    }
}
