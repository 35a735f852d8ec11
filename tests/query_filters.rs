//! The filters event data asks for — `via ACTION`, `code PREFIX`, `weight goldstein` — on a
//! small database whose dataset rows are written here, so every count is known.

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
