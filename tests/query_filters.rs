//! The filters event data asks for — `via ACTION`, `code PREFIX` — and the list options —
//! `limit N` with its totals, `weight claims|evidence|goldstein` — on small databases whose
//! dataset rows are written here, so every count is known; and where their parse errors point.

mod common;

use common::{dyad, Fixture};
use serde_json::Value;

const HEAD: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\n";

/// The fixture database plus six coded events: Turkey and Iran consult (040) twice on
/// different days, Iran attacks Turkey (190) and threatens it (138), Turkey criticises the US
/// (111), and Iran and the US sign an agreement (057).
fn database() -> Fixture {
    let fx = Fixture::new();
    let rows = [
        "1\t2024-04-01\tTurkey\tNA\tTurkey\t040\t1\tIran\tNA\tIran\ts1",
        "2\t2024-04-02\tTurkey\tNA\tTurkey\t040\t1\tIran\tNA\tIran\ts2",
        "3\t2024-04-03\tIran\tNA\tIran\t190\t-10\tTurkey\tNA\tTurkey\ts3",
        "4\t2024-04-03\tIran\tNA\tIran\t138\t-7\tTurkey\tNA\tTurkey\ts3",
        "5\t2024-04-04\tTurkey\tNA\tTurkey\t111\t-2\tUnited States\tNA\tUnited States\ts4",
        "6\t2024-04-05\tIran\tNA\tIran\t057\t8\tUnited States\tNA\tUnited States\ts5",
    ];
    fx.write("ev.tab", &format!("{HEAD}{}\n", rows.join("\n")));
    fx.write(
        "datasets.ron",
        "[(id: \"ev\", file: \"ev.tab\", format: icews, title: \"test events\")]\n",
    );
    fx
}

/// Runs one query on the database as JSON.
fn answer(fx: &Fixture, q: &str) -> Value {
    let out = dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "--format",
            "json",
            "-c",
            q,
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{q}: {e}: {text}"))
}

/// The records of the dataset claims an evidence query lists, sorted.
fn records(fx: &Fixture, q: &str) -> Vec<String> {
    let a = answer(fx, q);
    let mut out: Vec<String> = a["claims"]
        .as_array()
        .unwrap_or_else(|| panic!("{q}: {a}"))
        .iter()
        .filter_map(|c| c["row"]["record"].as_str().map(str::to_string))
        .collect();
    out.sort();
    out
}

#[track_caller]
fn check(q: &str, want: &[&str]) {
    let fx = database();
    assert_eq!(records(&fx, q), want, "{q}");
}

#[test]
fn via_an_action_keeps_only_that_action() {
    check("evidence Turkey Iran via ASSAULT", &["3"]);
}

#[test]
fn via_actions_of_two_kinds() {
    check(
        "evidence Turkey Iran via CONSULT,THREATEN",
        &["1", "2", "4"],
    );
}

#[test]
fn via_a_kind_and_an_action_mixed() {
    check(
        "evidence Iran via cooperation ASSAULT",
        &["1", "2", "3", "6"],
    );
}

#[test]
fn code_keeps_claims_whose_code_starts_with_the_prefix() {
    check("evidence Turkey Iran code 19", &["3"]);
}

#[test]
fn code_takes_several_prefixes() {
    check("evidence Iran code 13,04", &["1", "2", "4"]);
}

#[test]
fn code_never_passes_a_curated_claim() {
    let fx = database();
    let a = answer(&fx, "evidence Turkey Iran code 0");
    let claims = a["claims"].as_array().unwrap();
    assert!(claims.iter().all(|c| c["row"].is_object()), "{a}");
    let all = answer(&fx, "evidence Turkey Iran");
    assert!(
        all["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["row"].is_null()),
        "the fixture has curated Turkey–Iran claims"
    );
}

#[test]
fn the_follow_up_of_an_action_filter_lists_the_same_claims() {
    let fx = database();
    let n = answer(&fx, "neighbors Iran via ASSAULT,AGREE");
    let mut seen = 0;
    for ring in n["rings"].as_array().unwrap() {
        for a in ring["actors"].as_array().unwrap() {
            for r in a["relations"].as_array().unwrap() {
                let f = &r["evidence"];
                let listed = answer(&fx, f["query"].as_str().unwrap());
                assert_eq!(
                    listed["claims"].as_array().unwrap().len() as u64,
                    f["claims"].as_u64().unwrap(),
                    "{f}"
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 2, "{n}");
}

#[test]
fn weight_goldstein_ranks_the_most_intense_tie_first() {
    let fx = database();
    // Turkey's rows with Iran sum to an intensity of 1 + 1 + 10 + 7 = 19, the United States'
    // to 8; the conflict relation's signed sum is -10 + -7.
    let a = answer(&fx, "neighbors Iran weight goldstein rollup off");
    let names: Vec<&str> = a["rings"][0]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["actor"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"Turkey"), "{a}");
    let turkey = &a["rings"][0]["actors"][0]["relations"];
    let conflict = turkey
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "conflict")
        .unwrap();
    assert_eq!(conflict["goldstein"].as_f64(), Some(-17.0), "{conflict}");
    assert!(a["filter"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f == "weight goldstein"));
}

#[test]
fn certainty_reported_drops_coded_claims() {
    check("evidence Turkey Iran certainty reported", &[]);
    check("evidence Turkey Iran certainty coded via ASSAULT", &["3"]);
}

#[test]
fn documents_takes_a_limit_and_says_how_many_there_are() {
    let fx = database();
    let a = answer(&fx, "documents limit 1");
    assert_eq!(a["total"], 2, "{a}");
    assert_eq!(a["documents"].as_array().unwrap().len(), 1);
    assert_eq!(a["documents"][0]["id"], "doc");
}

/// The fixture database plus five coded events that weigh Iran's two ties differently: four
/// mild consultations with the United States (040, +1 each, on four days) and one fight with
/// Turkey (190, -10). With the fixture's two curated Iran–Turkey claims, the United States has
/// more claims (4 to 3) and Turkey the more intense tie (10 to 4).
fn weighted() -> Fixture {
    let fx = Fixture::new();
    let rows = [
        "11\t2024-04-01\tIran\tNA\tIran\t040\t1\tUnited States\tNA\tUnited States\ts1",
        "12\t2024-04-02\tIran\tNA\tIran\t040\t1\tUnited States\tNA\tUnited States\ts2",
        "13\t2024-04-03\tIran\tNA\tIran\t040\t1\tUnited States\tNA\tUnited States\ts3",
        "14\t2024-04-04\tIran\tNA\tIran\t040\t1\tUnited States\tNA\tUnited States\ts4",
        "15\t2024-04-05\tIran\tNA\tIran\t190\t-10\tTurkey\tNA\tTurkey\ts5",
    ];
    fx.write("ev.tab", &format!("{HEAD}{}\n", rows.join("\n")));
    fx.write(
        "datasets.ron",
        "[(id: \"ev\", file: \"ev.tab\", format: icews, title: \"test events\")]\n",
    );
    fx
}

/// Answers one query through the library on a fixture's directory, as JSON.
fn run(fx: &Fixture, q: &str) -> Value {
    let db = dyad::load_dir(fx.dir()).expect("the fixture loads");
    let a = dyad::answer::run(&db, q).unwrap_or_else(|e| panic!("{q}: {e}"));
    serde_json::to_value(a).unwrap()
}

/// The names a `neighbors` answer lists, nearest and strongest first.
fn ranked(fx: &Fixture, q: &str) -> Vec<String> {
    let a = run(fx, q);
    a["rings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["actors"].as_array().unwrap())
        .map(|n| n["actor"]["name"].as_str().unwrap().to_string())
        .collect()
}

/// The `central` ranking as `name score` pairs.
fn central(fx: &Fixture, q: &str) -> Vec<String> {
    let a = run(fx, q);
    a["top"]
        .as_array()
        .unwrap_or_else(|| panic!("{q}: {a}"))
        .iter()
        .map(|e| format!("{} {}", e["actor"]["name"].as_str().unwrap(), e["score"]))
        .collect()
}

/// The column and message of a line that must not parse.
#[track_caller]
fn rejected(q: &str, column: usize, needle: &str) {
    let e = dyad::query::parse(q).expect_err(q);
    assert_eq!(e.column, column, "{q}: {e}");
    assert!(e.to_string().contains(needle), "{q}: {e}");
}

/// A list's length and the total it reports: `(listed, total)` for the list at `key`.
fn listed(fx: &Fixture, q: &str, key: &str, total: &str) -> (usize, u64) {
    let a = run(fx, q);
    (
        a[key]
            .as_array()
            .unwrap_or_else(|| panic!("{q}: {a}"))
            .len(),
        a[total].as_u64().unwrap_or_else(|| panic!("{q}: {a}")),
    )
}

#[test]
fn via_an_action_of_a_kind_not_named_keeps_both() {
    // CONSULT is cooperation, ASSAULT conflict: naming both walks both kinds' edges.
    check("evidence Turkey Iran via CONSULT ASSAULT", &["1", "2", "3"]);
}

#[test]
fn via_a_kind_and_an_action_of_another_kind_in_one_word() {
    check("evidence Iran via conflict,AGREE", &["3", "4", "6"]);
}

#[test]
fn code_prefix_of_a_full_code_keeps_only_that_code() {
    check("evidence Iran code 057", &["6"]);
    check("evidence Iran code 0571", &[]);
}

#[test]
fn code_and_via_together_must_both_pass() {
    check("evidence Iran code 1 via THREATEN", &["4"]);
}

#[test]
fn a_code_filter_leaves_a_neighbourhood_only_coded_ties() {
    let fx = database();
    // Curated claims have no code, so a code filter walks only the coded rows: the agreement
    // (057) reaches the United States from Iran, the consultations (040) Turkey.
    assert_eq!(ranked(&fx, "neighbors Iran code 05"), ["United States"]);
    assert_eq!(ranked(&fx, "neighbors Iran code 04"), ["Turkey"]);
}

#[test]
fn evidence_limit_lists_the_first_and_reports_the_total() {
    let fx = weighted();
    assert_eq!(
        listed(&fx, "evidence Iran limit 2", "claims", "total"),
        (2, 7)
    );
    assert_eq!(listed(&fx, "evidence Iran", "claims", "total"), (7, 7));
}

#[test]
fn neighbors_limit_keeps_the_strongest_and_reports_the_total() {
    let fx = weighted();
    let a = run(&fx, "neighbors Iran limit 1 rollup off");
    assert_eq!(a["total"], 2, "{a}");
    assert_eq!(a["cut"], true);
    assert_eq!(
        ranked(&fx, "neighbors Iran limit 1 rollup off"),
        ["United States"]
    );
}

#[test]
fn find_limit_reports_every_match() {
    let fx = weighted();
    // "i" starts Iran and is in Hakan Fidan, United States and Türkiye's folded spellings.
    let (shown, total) = listed(&fx, "find i limit 1", "matches", "total");
    assert_eq!(shown, 1);
    assert!(total >= 2, "{total}");
}

#[test]
fn central_limit_and_top_say_the_same() {
    let fx = weighted();
    let a = run(&fx, "central by degree limit 2 rollup off");
    let b = run(&fx, "central by degree top 2 rollup off");
    assert_eq!(a["top"], b["top"]);
    assert_eq!(a["top"].as_array().unwrap().len(), 2);
    assert_eq!(a["total"], 4, "{a}");
}

#[test]
fn mediators_limit_cuts_each_list_and_counts_it() {
    let fx = weighted();
    let a = run(&fx, "mediators \"United States\" Iran limit 1");
    assert_eq!(a["sourced_total"], 1, "{a}");
    assert_eq!(a["sourced"].as_array().unwrap().len(), 1);
    assert!(a["adversaries_total"].is_u64(), "{a}");
}

#[test]
fn text_says_how_many_more_there_are() {
    let fx = weighted();
    let out = dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "-c",
            "evidence Iran limit 3",
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("7 claims"), "{text}");
    assert!(text.contains("… 4 more (limit 0 for all)"), "{text}");
}

#[test]
fn weight_orders_a_ring_by_claims_evidence_or_intensity() {
    let fx = weighted();
    let q = "neighbors Iran rollup off";
    assert_eq!(ranked(&fx, q), ["United States", "Turkey"]);
    assert_eq!(
        ranked(&fx, &format!("{q} weight claims")),
        ["United States", "Turkey"]
    );
    assert_eq!(
        ranked(&fx, &format!("{q} weight goldstein")),
        ["Turkey", "United States"]
    );
}

#[test]
fn weight_goldstein_shows_the_signed_sum_and_the_intensity() {
    let fx = weighted();
    let a = run(&fx, "neighbors Iran weight goldstein rollup off");
    assert_eq!(a["weight"], "goldstein");
    let turkey = &a["rings"][0]["actors"][0];
    assert_eq!(turkey["actor"]["name"], "Turkey");
    let conflict = turkey["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "conflict")
        .unwrap();
    assert_eq!(conflict["goldstein"].as_f64(), Some(-10.0));
    assert_eq!(conflict["intensity"].as_f64(), Some(10.0));
    // The curated cooperation has no score: it counts 0 and shows none.
    let coop = turkey["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "cooperation")
        .unwrap();
    assert!(coop.get("goldstein").is_none(), "{coop}");
}

#[test]
fn central_weighted_degree_sums_the_ties() {
    let fx = weighted();
    // Iran: 3 claims with Turkey, 4 with the United States. The United States: 4 with Iran,
    // Turkey's mediation, Hakan Fidan's talks. Turkey: 3 with Iran and its mediation.
    assert_eq!(
        central(&fx, "central weight claims rollup off"),
        [
            "Iran 7.0",
            "United States 6.0",
            "Turkey 4.0",
            "Hakan Fidan 1.0"
        ]
    );
    // Intensity: Iran 10 + 4, Turkey 10, the United States 4; unscored claims count 0.
    assert_eq!(
        central(&fx, "central by degree weight goldstein rollup off"),
        [
            "Iran 14.0",
            "Turkey 10.0",
            "United States 4.0",
            "Hakan Fidan 0.0"
        ]
    );
    let a = run(&fx, "central weight goldstein rollup off");
    assert_eq!(a["by"], "degree");
    assert_eq!(a["top"][0]["goldstein"].as_f64(), Some(-6.0), "{a}");
    // Plain degree is unchanged: distinct neighbours.
    assert_eq!(
        run(&fx, "central by degree rollup off")["top"][0]["degree"],
        3
    );
}

#[test]
fn parse_errors_point_at_the_word_at_fault() {
    rejected("path Turkey Iran via ASSUALT", 22, "did you mean ASSAULT?");
    rejected(
        "evidence Iran via conflict,ASSUALT",
        19,
        "unknown relation kind or action 'ASSUALT'",
    );
    rejected("evidence Iran code 1*9", 20, "'1*9' is not an event code");
    rejected("evidence Iran code", 19, "`code` needs an event code");
    rejected(
        "neighbors Iran weight heavy",
        23,
        "cannot weight by 'heavy'",
    );
    rejected(
        "central by betweenness weight claims",
        24,
        "betweenness counts hops",
    );
    rejected(
        "show Iran limit 3",
        11,
        "option 'limit' does not apply to show",
    );
}

#[test]
fn one_hop_is_one_hop_not_one_hops() {
    let fx = weighted();
    let out = dyad(
        &[
            "--data",
            fx.dir().to_str().unwrap(),
            "-c",
            "path Turkey Iran directed via conflict",
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the shortest path has 1 hop"), "{text}");
    assert!(!text.contains("1 hops"), "{text}");
}
