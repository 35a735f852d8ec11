//! The `central` query end to end, through the library and the binary: ranking, the fields of
//! its answer, sampling with a seed, and the filter it reports.
//!
//! Whether the numbers are right is the algorithms' business and is tested where they live, on
//! graphs built in memory: Brandes betweenness against a brute-force count and the published
//! karate club values, and degree, in `src/graph/algo/centrality.rs`. Here the karate club is a
//! database on disk, so that the query reads it the way a user's would.

mod common;

use dyad::model::{Action, ActorKind, Certainty, RelationKind};
use dyad::store::{self, ActorRecord, ClaimRecord, ClaimsFileRecord};

/// Zachary's karate club (Zachary 1977): 34 members, 78 friendships, members numbered 0–33.
const KARATE: &[(u32, u32)] = &[
    (0, 1),
    (0, 2),
    (0, 3),
    (0, 4),
    (0, 5),
    (0, 6),
    (0, 7),
    (0, 8),
    (0, 10),
    (0, 11),
    (0, 12),
    (0, 13),
    (0, 17),
    (0, 19),
    (0, 21),
    (0, 31),
    (1, 2),
    (1, 3),
    (1, 7),
    (1, 13),
    (1, 17),
    (1, 19),
    (1, 21),
    (1, 30),
    (2, 3),
    (2, 7),
    (2, 8),
    (2, 9),
    (2, 13),
    (2, 27),
    (2, 28),
    (2, 32),
    (3, 7),
    (3, 12),
    (3, 13),
    (4, 6),
    (4, 10),
    (5, 6),
    (5, 10),
    (5, 16),
    (6, 16),
    (8, 30),
    (8, 32),
    (8, 33),
    (9, 33),
    (13, 33),
    (14, 32),
    (14, 33),
    (15, 32),
    (15, 33),
    (18, 32),
    (18, 33),
    (19, 33),
    (20, 32),
    (20, 33),
    (22, 32),
    (22, 33),
    (23, 25),
    (23, 27),
    (23, 29),
    (23, 32),
    (23, 33),
    (24, 25),
    (24, 27),
    (24, 31),
    (25, 31),
    (26, 29),
    (26, 33),
    (27, 33),
    (28, 31),
    (28, 33),
    (29, 32),
    (29, 33),
    (30, 32),
    (30, 33),
    (31, 32),
    (31, 33),
    (32, 33),
];

/// The karate club as a dyad database: members are actors, friendships mutual cooperation,
/// written through the store's canonical writer as any tool that makes a database would.
fn karate() -> (common::Fixture, dyad::Database) {
    let fx = common::Fixture::new();
    let actors: Vec<ActorRecord> = (0..34)
        .map(|i| ActorRecord::new(format!("m{i}"), format!("Member {i}"), ActorKind::Person))
        .collect();
    let claims: Vec<ClaimRecord> = KARATE
        .iter()
        .map(|(a, b)| ClaimRecord {
            retracted: false,
            from: format!("m{a}"),
            to: Some(format!("m{b}")),
            kind: RelationKind::Cooperation,
            between: None,
            action: Action::Cooperate,
            mutual: true,
            date: "1977".into(),
            date_from: Default::default(),
            certainty: Certainty::Stated,
            quote: format!("Member {a} and member {b} are friends."),
            note: None,
        })
        .collect();
    let text: String = claims.iter().map(|c| format!("{}\n", c.quote)).collect();
    let file = ClaimsFileRecord {
        document: "doc".into(),
        claims,
    };
    fx.write("actors.ron", &store::write_actors(&actors));
    fx.write(&store::claims_path("doc"), &store::write_claims_file(&file));
    fx.write("seeds/doc.txt", &text);
    let db = dyad::load_dir(fx.dir()).unwrap_or_else(|e| panic!("{e}"));
    (fx, db)
}

#[test]
fn central_ranks_the_karate_club_by_exact_betweenness() {
    let (_fx, db) = karate();
    let a = dyad::answer::run(&db, "central by betweenness top 5").unwrap();
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["exact"], true);
    // The published normalised betweenness of the five most central members (e.g. the values
    // NetworkX documents for karate_club_graph), in rank order.
    let expected = [
        ("m0", 0.437_635),
        ("m33", 0.304_075),
        ("m32", 0.145_247),
        ("m2", 0.143_657),
        ("m31", 0.138_276),
    ];
    let top = v["top"].as_array().unwrap();
    assert_eq!(top.len(), 5);
    for (entry, (id, score)) in top.iter().zip(expected) {
        assert_eq!(entry["actor"]["id"], id);
        let got = entry["score"].as_f64().unwrap();
        assert!((got - score).abs() < 1e-5, "{id}: {got} vs {score}");
    }
}

#[test]
fn sampling_every_source_equals_exact_and_samples_are_seeded() {
    let (_fx, db) = karate();
    let exact = serde_json::to_value(dyad::answer::run(&db, "central top 34").unwrap()).unwrap();
    let all =
        serde_json::to_value(dyad::answer::run(&db, "central top 34 sample 34").unwrap()).unwrap();
    assert_eq!(exact["top"], all["top"]);
    let s1 =
        serde_json::to_value(dyad::answer::run(&db, "central sample 10 seed 3").unwrap()).unwrap();
    let s2 =
        serde_json::to_value(dyad::answer::run(&db, "central sample 10 seed 3").unwrap()).unwrap();
    assert_eq!(s1, s2, "the same seed gives the same estimate");
    assert_eq!(s1["exact"], false);
    assert_eq!(s1["sources"], 10);
}

#[test]
fn central_by_degree_ranks_by_distinct_neighbours() {
    let (_fx, db) = karate();
    let v =
        serde_json::to_value(dyad::answer::run(&db, "central by degree top 1").unwrap()).unwrap();
    assert_eq!(v["top"][0]["actor"]["id"], "m33");
    assert_eq!(v["top"][0]["degree"], 17);
}

#[test]
fn central_on_the_seed_graph_ranks_the_united_states_first() {
    let db = dyad::load_embedded().unwrap();
    let v = serde_json::to_value(dyad::answer::run(&db, "central").unwrap()).unwrap();
    assert_eq!(v["top"][0]["actor"]["id"], "united_states");
    let conflict =
        serde_json::to_value(dyad::answer::run(&db, "central via conflict top 3").unwrap())
            .unwrap();
    assert!(conflict["filter"][0]
        .as_str()
        .unwrap()
        .contains("via conflict"));
}

#[test]
fn central_from_the_command_line_prints_the_ranking() {
    let (fx, _db) = karate();
    let dir = fx.dir().to_str().unwrap();
    let o = common::dyad(&["--data", dir, "-c", "central top 2"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    assert_eq!(
        lines,
        [
            "Most central actors by betweenness (exact):",
            "1. Member 0   0.4376  (16 neighbours)",
            "2. Member 33  0.3041  (17 neighbours)",
        ]
    );
}
