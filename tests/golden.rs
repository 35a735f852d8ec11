//! Golden JSON: one file per answer type under `tests/snapshots/json/`, pinning the field names,
//! types and meanings that README.md promises to keep stable for `--format json`.
//!
//! The answers come from a small database built here from records, not from the seed graph, so
//! a correction to the curated data does not rewrite the API's golden files; a change to one of
//! these files is a change to the JSON interface and is made on purpose, with
//! `UPDATE_SNAPSHOTS=1`.

mod common;

use dyad::model::{Action, ActorKind, Certainty, Genre, RelationKind};
use dyad::render;
use dyad::store::{self, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord, Records};

/// The document every claim quotes from.
const TEXT: &str = "\
Turkish Foreign Minister Hakan Fidan met his Iranian counterpart in Ankara on 3 March. \
Oman hosted talks between the United States and Iran in Muscat. \
Turkey conveyed a US message to Tehran, officials said. \
Turkey launched strikes on SDF positions in northern Syria. \
The United States continued to arm the SDF. \
Iran accused the United States of sabotage. \
The United States and Iran agreed to a prisoner exchange, according to diplomats.\n";

fn actor(id: &str, name: &str, kind: ActorKind) -> ActorRecord {
    ActorRecord::new(id, name, kind)
}

#[allow(clippy::too_many_arguments)]
fn claim(
    from: &str,
    to: &str,
    action: Action,
    mutual: bool,
    date: &str,
    certainty: Certainty,
    quote: &str,
    note: Option<&str>,
) -> ClaimRecord {
    ClaimRecord {
        retracted: false,
        from: from.into(),
        to: Some(to.into()),
        kind: action.kind(),
        between: None,
        action,
        mutual,
        date: date.into(),
        date_from: Default::default(),
        certainty,
        quote: quote.into(),
        note: note.map(str::to_string),
    }
}

fn mediation(from: &str, a: &str, b: &str, date: &str, c: Certainty, quote: &str) -> ClaimRecord {
    ClaimRecord {
        retracted: false,
        from: from.into(),
        to: None,
        kind: RelationKind::Mediation,
        between: Some((a.into(), b.into())),
        action: Action::Mediate,
        mutual: false,
        date: date.into(),
        date_from: Default::default(),
        certainty: c,
        quote: quote.into(),
        note: None,
    }
}

/// The golden database: six actors, one document, seven claims of every kind.
fn database() -> (common::Fixture, dyad::Database) {
    use Certainty::*;
    let mut fidan = actor("hakan_fidan", "Hakan Fidan", ActorKind::Person);
    fidan.acts_for = Some("turkey".into());
    let mut turkey = actor("turkey", "Turkey", ActorKind::State);
    turkey.aliases = vec!["Türkiye".into()];
    let records = Records {
        actors: vec![
            turkey,
            actor("iran", "Iran", ActorKind::State),
            actor("united_states", "United States", ActorKind::State),
            actor("oman", "Oman", ActorKind::State),
            actor("sdf", "SDF", ActorKind::ArmedGroup),
            fidan,
        ],
        documents: vec![DocumentRecord {
            id: "brief".into(),
            file: "seeds/brief.txt".into(),
            title: "A briefing".into(),
            author: None,
            publisher: Some("A publisher".into()),
            date: Some("2025-03".into()),
            genre: Genre::News,
            note: None,
        }],
        claims: vec![ClaimsFileRecord {
            document: "brief".into(),
            claims: vec![
                claim(
                    "hakan_fidan",
                    "iran",
                    Action::Consult,
                    true,
                    "2025-03-03",
                    Stated,
                    "Hakan Fidan met his Iranian counterpart in Ankara on 3 March",
                    None,
                ),
                mediation(
                    "oman",
                    "united_states",
                    "iran",
                    "2025-03",
                    Stated,
                    "Oman hosted talks between the United States and Iran in Muscat",
                ),
                mediation(
                    "turkey",
                    "united_states",
                    "iran",
                    "2025-03",
                    Reported,
                    "Turkey conveyed a US message to Tehran, officials said",
                ),
                claim(
                    "turkey",
                    "sdf",
                    Action::Assault,
                    false,
                    "2025-02",
                    Stated,
                    "Turkey launched strikes on SDF positions in northern Syria",
                    None,
                ),
                claim(
                    "united_states",
                    "sdf",
                    Action::Aid,
                    false,
                    "2025",
                    Stated,
                    "The United States continued to arm the SDF",
                    Some("Ongoing support; no single date."),
                ),
                claim(
                    "iran",
                    "united_states",
                    Action::Accuse,
                    false,
                    "2025-03",
                    Alleged,
                    "Iran accused the United States of sabotage",
                    None,
                ),
                claim(
                    "united_states",
                    "iran",
                    Action::Agree,
                    true,
                    "2025-03",
                    Reported,
                    "The United States and Iran agreed to a prisoner exchange",
                    None,
                ),
            ],
        }],
    };
    let fx = common::Fixture::new();
    // Replace the fixture's own database with this one, file by file.
    std::fs::remove_dir_all(fx.dir().join("claims")).unwrap();
    for (rel, text) in store::save(&records) {
        fx.write(&rel, &text);
    }
    fx.write("seeds/brief.txt", TEXT);
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    (fx, db)
}

/// Answers `line` on the golden database and compares its pretty JSON with `json/<name>.json`.
#[track_caller]
fn check(name: &str, line: &str) {
    let (_fx, db) = database();
    let json = match dyad::answer::run(&db, line) {
        Ok(answer) => render::json(&answer, true),
        // An error is pinned as `--format json` prints it: one compact line.
        Err(e) => render::json_error(line, &e),
    };
    common::snapshot(&format!("json/{name}.json"), &(json + "\n"));
}

#[test]
fn golden_path() {
    check("path", "path Oman SDF");
}

#[test]
fn golden_path_all() {
    check("path_all", "path Oman SDF all");
}

#[test]
fn golden_path_k() {
    check("path_k", "path Iran SDF k 2 via cooperation mediation");
}

#[test]
fn golden_path_none() {
    check("path_none", "path Oman SDF via conflict");
}

#[test]
fn golden_neighbors() {
    check("neighbors", "neighbors Iran depth 2 out");
}

#[test]
fn golden_mediators() {
    check("mediators", "mediators \"United States\" Iran");
}

#[test]
fn golden_evidence() {
    check("evidence", "evidence Turkey Iran");
}

#[test]
fn golden_actor() {
    check("actor", "show Türkiye");
}

#[test]
fn golden_contested() {
    check("contested", "contested");
}

#[test]
fn golden_central() {
    check("central", "central by betweenness top 3");
}

#[test]
fn golden_central_degree() {
    check("central_degree", "central by degree top 2");
}

#[test]
fn golden_find() {
    check("find", "find tur");
}

#[test]
fn golden_stats() {
    check("stats", "stats");
}

#[test]
fn golden_documents() {
    check("documents", "documents");
}

#[test]
fn golden_cite() {
    check("cite", "cite brief#3");
}

#[test]
fn golden_help() {
    check("help", "help find");
}

#[test]
fn golden_error() {
    check("error", "path Oman Narnia");
}

/// A bishop who acts for Syria mediates between its president and the opposition, both Syrian
/// too: under roll-up all three belong to Syria, and the mediation must still be found.
#[test]
fn mediation_among_members_of_one_principal_is_kept_where_its_parties_differ() {
    let mut president = actor("president", "The President", ActorKind::Person);
    president.acts_for = Some("syria".into());
    let mut opposition = actor("opposition", "The Opposition", ActorKind::PoliticalGroup);
    opposition.part_of = Some("syria".into());
    let mut bishop = actor("bishop", "The Bishop", ActorKind::Person);
    bishop.acts_for = Some("syria".into());
    let text = "The Bishop carried messages between the President and the Opposition.\n";
    let records = Records {
        actors: vec![
            actor("syria", "Syria", ActorKind::State),
            president,
            opposition,
            bishop,
        ],
        documents: vec![DocumentRecord {
            id: "report".into(),
            file: "seeds/report.txt".into(),
            title: "A report".into(),
            author: None,
            publisher: None,
            date: Some("2025".into()),
            genre: Genre::News,
            note: None,
        }],
        claims: vec![ClaimsFileRecord {
            document: "report".into(),
            claims: vec![mediation(
                "bishop",
                "president",
                "opposition",
                "2025",
                Certainty::Stated,
                "The Bishop carried messages between the President and the Opposition",
            )],
        }],
    };
    let fx = common::Fixture::new();
    std::fs::remove_dir_all(fx.dir().join("claims")).unwrap();
    for (rel, text) in store::save(&records) {
        fx.write(&rel, &text);
    }
    fx.write("seeds/report.txt", text);
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    let answer = |line: &str| match dyad::answer::run(&db, line).unwrap() {
        dyad::answer::Answer::Mediators(m) => m,
        other => panic!("{other:?}"),
    };
    let m = answer("mediators president opposition");
    assert_eq!(m.sourced.len(), 1, "{m:?}");
    assert_eq!(m.sourced[0].actor.id, "bishop");
    let m = answer("mediators president opposition rollup off");
    assert_eq!(m.sourced[0].actor.id, "bishop");
}
