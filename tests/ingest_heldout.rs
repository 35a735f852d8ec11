//! The held-out check of `ingest`: sentences that other people coded by hand, never used to
//! write or tune the cue lexicon.
//!
//! PLOVER's gold-standard records (`../shared/data/plover/PLOVER_GSR_CAMEO.json`, CC BY-SA
//! 4.0, the Open Event Data Alliance) are 322 example sentences from the CAMEO manual, each
//! coded with its source and target actors and its PLOVER event type. They are read from
//! `../shared` where they are published, not copied into the project. The actors are given:
//! one per country or organisation code, with every spelling the coders marked as an alias, so
//! the figures measure finding and typing relations, not finding names. The records carry no
//! certainty and placeholder dates, so neither is scored.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dyad::ingest::{propose, score::score, Meta};
use dyad::model::{Action, ActorKind, DateSource, Genre};
use dyad::store::{self, ActorRecord, ClaimRecord, DocumentRecord};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data")
}

/// The GSR's event types, in the PLOVER 0.5 names it uses, as dyad's actions. Later PLOVER
/// versions merged DISAPPROVE into ACCUSE and FIGHT into ASSAULT, and dropped INVESTIGATE,
/// whose examples are arrests and inquiries (dyad's COERCE); the rest are dyad's own names.
fn action(event: &str) -> Option<Action> {
    match event {
        "DISAPPROVE" => Some(Action::Accuse),
        "FIGHT" => Some(Action::Assault),
        "INVESTIGATE" => Some(Action::Coerce),
        other => Action::parse(other),
    }
}

/// The actors a record names in `field`: `(code, spelling)` for each.
fn actors(r: &serde_json::Value, field: &str) -> Vec<(String, String)> {
    r.get(field)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    Some((
                        x.get("code")?.as_str()?.to_string(),
                        x.get("actorText")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn ingest_on_held_out_sentences_coded_by_plover() {
    let path = shared().join("plover/PLOVER_GSR_CAMEO.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared data sits beside the project)",
            path.display()
        )
    });
    let records: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let labels: BTreeMap<String, String> =
        std::fs::read_to_string(shared().join("gdelt/lookups/cameoCountry.txt"))
            .unwrap()
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect();

    // The document: one sentence per paragraph; the claims: source to target, or the two
    // sources with each other when the coders marked a compound actor and no target.
    let mut doc = String::new();
    let mut coded: Vec<ClaimRecord> = Vec::new();
    let mut spellings: BTreeMap<String, String> = BTreeMap::new();
    let mut codes: BTreeMap<String, ()> = BTreeMap::new();
    let mut sentences = 0;
    for r in records.iter().skip(1) {
        let (Some(event), Some(sentence)) = (r["event"].as_str(), r["text"].as_str()) else {
            continue;
        };
        let Some(action) = action(event) else {
            continue;
        };
        let (sources, targets) = (actors(r, "source"), actors(r, "target"));
        for (code, spelling) in sources.iter().chain(&targets) {
            codes.insert(code.clone(), ());
            spellings
                .entry(dyad::text::fold(spelling))
                .or_insert_with(|| code.clone());
            if spellings[&dyad::text::fold(spelling)] != *code {
                spellings.insert(dyad::text::fold(spelling), String::new());
            }
        }
        doc.push_str(sentence);
        doc.push_str("\n\n");
        sentences += 1;
        let claim = |from: &str, to: &str, mutual: bool| ClaimRecord {
            from: from.to_lowercase(),
            to: Some(to.to_lowercase()),
            kind: action.kind(),
            between: None,
            action,
            mutual,
            date: "unknown".into(),
            date_from: DateSource::Text,
            certainty: dyad::model::Certainty::Stated,
            quote: sentence.to_string(),
            note: None,
            retracted: false,
        };
        match (sources.as_slice(), targets.as_slice()) {
            (s, t) if !t.is_empty() => {
                for (a, _) in s {
                    for (b, _) in t {
                        if a != b {
                            coded.push(claim(a, b, false));
                        }
                    }
                }
            }
            ([(a, _), (b, _)], []) if a != b => coded.push(claim(a, b, true)),
            _ => {}
        }
    }
    // Spellings that two codes share name neither.
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in records.iter().skip(1) {
        for (code, spelling) in actors(r, "source").into_iter().chain(actors(r, "target")) {
            if spellings.get(&dyad::text::fold(&spelling)) == Some(&code) {
                let list = aliases.entry(code).or_default();
                if !list
                    .iter()
                    .any(|s| dyad::text::fold(s) == dyad::text::fold(&spelling))
                {
                    list.push(spelling);
                }
            }
        }
    }
    let actor_records: Vec<ActorRecord> = codes
        .keys()
        .map(|code| {
            let mut a = ActorRecord::new(
                code.to_lowercase(),
                labels.get(code).cloned().unwrap_or_else(|| code.clone()),
                ActorKind::State,
            );
            let name = dyad::text::fold(&a.name);
            a.aliases = aliases
                .get(code)
                .into_iter()
                .flatten()
                .filter(|s| {
                    dyad::text::fold(s) != name && spellings.get(&name).is_none_or(|c| c == code)
                })
                .cloned()
                .collect();
            a
        })
        .collect();

    let root = std::env::temp_dir().join(format!("dyad-heldout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    // A name that is also another actor's alias would make the database invalid; such an
    // alias is dropped.
    let names: BTreeMap<String, String> = actor_records
        .iter()
        .map(|a| (dyad::text::fold(&a.name), a.id.clone()))
        .collect();
    let actor_records: Vec<ActorRecord> = actor_records
        .into_iter()
        .map(|mut a| {
            let id = a.id.clone();
            a.aliases.retain(|s| {
                names.get(&dyad::text::fold(s)).is_none_or(|o| *o == id)
                    && dyad::text::fold(s) != id.replace('_', " ")
            });
            a
        })
        .collect();
    std::fs::write(root.join("actors.ron"), store::write_actors(&actor_records)).unwrap();
    std::fs::write(root.join("gsr.txt"), &doc).unwrap();
    let document = DocumentRecord {
        id: "plover_gsr".into(),
        file: "gsr.txt".into(),
        title: "PLOVER gold-standard records".into(),
        author: None,
        publisher: Some("Open Event Data Alliance".into()),
        date: None,
        genre: Genre::News,
        note: None,
    };
    std::fs::write(
        root.join("documents.ron"),
        store::write_documents(&[document]),
    )
    .unwrap();
    let db = match dyad::load_dir(&root) {
        Ok(db) => db,
        Err(e) => panic!("{e}"),
    };
    let doc_text = &db.documents[0].text;
    let found = propose(
        &db,
        doc_text,
        &Meta {
            id: "plover_gsr".into(),
            genre: Genre::News,
            date: None,
        },
    );
    let s = score(doc_text, &coded, &found.proposals);
    let row = format!(
        "| PLOVER gold-standard records | {sentences} | {} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% |",
        s.coded,
        s.proposed,
        s.pair_recall(),
        s.kind_accuracy(),
        s.action_accuracy(),
        s.precision()
    );
    println!("{row}");
    // The README reports these figures whatever they are; this keeps them true.
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(
        readme.contains(&row),
        "README's held-out row differs from the measured one:\n{row}"
    );
    assert_eq!(sentences, 322);
    assert_eq!(s.coded, 238, "{s:?}");
    // A little below what was measured (80.3%, 86.9%, 61.2%), so that a change to the lexicon
    // that loses quality on text it was never tuned on fails here. Raising these after tuning
    // on these sentences would defeat the check.
    assert!(s.pair_recall() >= 75.0, "{s:?}");
    assert!(s.kind_accuracy() >= 75.0, "{s:?}");
    assert!(s.precision() >= 55.0, "{s:?}");
    let _ = std::fs::remove_dir_all(&root);
}
