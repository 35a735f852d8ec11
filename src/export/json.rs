//! The JSON writer: a subgraph as one JSON document.
//!
//! Actors and claims take the same shapes as in `--format json` answers ([`ActorRef`],
//! [`ClaimView`]), so a tool that reads one reads the other. Edges carry every claim rather
//! than a summary: JSON is for programs, which can aggregate as they like.
//!
//! This file must not do I/O: it returns text.

use serde::Serialize;

use super::Subgraph;
use crate::answer::{self, ActorRef, ClaimView};
use crate::db::Database;
use crate::model::RelationKind;

#[derive(Serialize)]
struct GraphDoc {
    r#type: &'static str,
    title: String,
    nodes: Vec<NodeDoc>,
    edges: Vec<EdgeDoc>,
}

#[derive(Serialize)]
struct NodeDoc {
    #[serde(flatten)]
    actor: ActorRef,
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acts_for: Option<String>,
    highlight: bool,
}

#[derive(Serialize)]
struct EdgeDoc {
    a: String,
    b: String,
    kind: RelationKind,
    claims: Vec<ClaimView>,
}

/// The subgraph as one JSON document: nodes, and edges with every claim and its evidence, in
/// the same shapes `--format json` uses for actors and claims.
pub fn json(db: &Database, g: &Subgraph) -> String {
    let doc = GraphDoc {
        r#type: "graph",
        title: g.title.clone(),
        nodes: g
            .actors
            .iter()
            .map(|&a| {
                let x = db.actor(a);
                NodeDoc {
                    actor: answer::actor_ref(db, a),
                    aliases: x.aliases.clone(),
                    part_of: x.part_of.map(|p| db.actor(p).id.clone()),
                    acts_for: x.acts_for.map(|p| db.actor(p).id.clone()),
                    highlight: g.highlight.contains(&a),
                }
            })
            .collect(),
        edges: g
            .edges
            .iter()
            .map(|(link, claims)| EdgeDoc {
                a: db.actor(link.a).id.clone(),
                b: db.actor(link.b).id.clone(),
                kind: link.kind,
                claims: claims.iter().map(|c| answer::claim_view(db, *c)).collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).expect("graph documents serialise")
}
