//! `find`: fuzzy search of actor names and aliases.

use serde::Serialize;

use super::{ActorRef, Cx};

#[derive(Clone, Debug, Serialize)]
pub struct FindAnswer {
    pub query: String,
    pub matches: Vec<FoundActor>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FoundActor {
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
