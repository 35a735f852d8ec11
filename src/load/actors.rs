//! Actors: the check of one actor record, and of `actors.ron` as a whole (duplicate ids,
//! spellings that collide, roll-up links that loop).

use std::collections::HashSet;

use super::validate::{check_id, duplicate_id, Ids, Placer};
use super::Parsed;
use crate::error::{Finding, Problem, ProblemKind::*};
use crate::model::{Actor, ActorId};
use crate::names::NameIndex;
use crate::store::locate::Seg;
use crate::store::ActorRecord;

/// Checks one actor record against the actor ids of its database (`actors`, which may include
/// the record itself): the spelling of its id, a non-empty name, and that `part_of` and
/// `acts_for` name another actor that exists.
///
/// What needs every actor at once (duplicate ids, colliding spellings, loops of links) is
/// checked when a whole `actors.ron` is loaded.
pub fn check_actor(rec: &ActorRecord, actors: &Ids) -> Vec<Finding> {
    let mut out: Vec<Finding> = check_id(&rec.id, "actor").into_iter().collect();
    if rec.name.trim().is_empty() {
        out.push(
            Finding::new(EmptyField, format!("actor '{}' has an empty name", rec.id)).at("name"),
        );
    }
    for (field, target) in [("part_of", &rec.part_of), ("acts_for", &rec.acts_for)] {
        let Some(target) = target else { continue };
        if *target == rec.id {
            out.push(
                Finding::new(
                    SelfRelation,
                    format!("actor '{}' is its own {field}", rec.id),
                )
                .at(field),
            );
        } else if actors.get(target).is_none() {
            let message = format!("{field} names unknown actor '{target}'");
            out.push(
                Finding::new(UnknownActor, message)
                    .at(field)
                    .maybe_help(actors.did_you_mean(target)),
            );
        }
    }
    out
}

/// Checks `actors.ron` and builds its actors, their id table and their name index.
pub(super) fn check_actors(
    parsed: Parsed<Vec<ActorRecord>>,
    problems: &mut Vec<Problem>,
) -> (Vec<Actor>, Ids, NameIndex) {
    let Parsed { file, text, value } = parsed;
    let mut p = Placer::new(&file, &text, problems);
    let record = |i: usize| [Seg::Index(i)];

    // Every id is known before any link is checked, so links may point forwards.
    let mut ids = Ids::default();
    let firsts: Vec<Option<usize>> = value
        .iter()
        .enumerate()
        .map(|(i, rec)| ids.insert(&rec.id, i))
        .collect();
    let mut actors: Vec<Actor> = Vec::with_capacity(value.len());
    for (i, rec) in value.iter().enumerate() {
        p.extend(&record(i), check_actor(rec, &ids));
        if let Some(first) = firsts[i] {
            let line = p.line(&[Seg::Index(first), Seg::Field("id")]);
            p.push(&record(i), duplicate_id("actor", &rec.id, line));
        }
        // An actor's link to itself was reported above; leaving it out keeps it from also
        // counting as a loop.
        let link = |target: &Option<String>| {
            let target = target.as_ref().filter(|t| **t != rec.id)?;
            ids.get(target).map(|j| ActorId(j as u32))
        };
        actors.push(Actor {
            origin: None,
            id: rec.id.clone(),
            name: rec.name.clone(),
            kind: rec.kind,
            aliases: rec.aliases.clone(),
            part_of: link(&rec.part_of),
            acts_for: link(&rec.acts_for),
            description: rec.description.clone(),
        });
    }

    // Spellings that fold to the same key must belong to one actor.
    let (names, collisions) = NameIndex::build(&actors);
    for c in collisions {
        let second = &value[c.second.index()];
        let path: &[Seg<'static>] = match second.aliases.iter().position(|a| *a == c.spelling) {
            Some(k) => &[Seg::Field("aliases"), Seg::Index(k)],
            None if second.name == c.spelling => &[Seg::Field("name")],
            None => &[Seg::Field("id")],
        };
        let message = format!(
            "'{}' resolves to two actors: '{}' and '{}'",
            c.spelling,
            value[c.first.index()].id,
            second.id
        );
        let help =
            "names are compared ignoring case and diacritics; keep the spelling on one actor";
        p.push(
            &record(c.second.index()),
            Finding::new(AliasCollision, message)
                .at_path(path)
                .help(help),
        );
    }

    // Roll-up links must end. Following `Actor::parent` from any actor may visit each actor at
    // most once.
    for start in 0..actors.len() {
        let mut seen = HashSet::new();
        let mut cur = start;
        seen.insert(cur);
        while let Some(next) = actors[cur].parent() {
            cur = next.index();
            if !seen.insert(cur) {
                // Report each cycle once, at its smallest member.
                if cur == start && seen.iter().all(|&s| s >= start) {
                    let mut names: Vec<&str> =
                        seen.iter().map(|&s| actors[s].id.as_str()).collect();
                    names.sort();
                    let message =
                        format!("part_of/acts_for links loop through {}", names.join(", "));
                    let help = "an actor must roll up to a top-level actor";
                    p.push(
                        &record(start),
                        Finding::new(RollupCycle, message).at("id").help(help),
                    );
                }
                break;
            }
        }
    }
    (actors, ids, names)
}
