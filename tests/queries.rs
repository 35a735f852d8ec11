//! The query language on the seed graph, driven through `Session::eval_line` (no terminal).

mod common;

use dyad::repl::{EvalError, Flow, Session};
use serde_json::Value;

fn session() -> Session {
    Session::new(dyad::load_embedded().unwrap())
}

/// Runs `line` and asserts the text output contains every fragment.
#[track_caller]
fn check(line: &str, fragments: &[&str]) {
    let mut s = session();
    let mut out = Vec::new();
    s.eval_line(line, &mut out)
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    let out = String::from_utf8(out).unwrap();
    for f in fragments {
        assert!(out.contains(f), "{line}: expected {f:?} in:\n{out}");
    }
}

/// Runs `line` and asserts it fails with every fragment in the message (and help).
#[track_caller]
fn check_err(line: &str, fragments: &[&str]) {
    let mut s = session();
    let mut out = Vec::new();
    match s.eval_line(line, &mut out) {
        Err(EvalError::Query(e)) => {
            let msg = e.to_string();
            for f in fragments {
                assert!(msg.contains(f), "{line}: expected {f:?} in: {msg}");
            }
        }
        other => panic!("{line}: expected a query error, got {other:?}"),
    }
}

/// Runs `line` in JSON mode and returns the answer.
#[track_caller]
fn json(line: &str) -> Value {
    let mut s = session();
    s.format = dyad::render::Format::Json;
    let mut out = Vec::new();
    s.eval_line(line, &mut out)
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    serde_json::from_slice(&out).unwrap()
}

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[field]["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn sourced_mediators_between_us_and_iran_include_hosts_and_message_carriers() {
    let a = json("mediators \"United States\" Iran");
    let sourced = ids(&a["sourced"], "actor");
    // Turkey carried messages (and hosted planned talks); Oman hosts the February talks; Parsi
    // names Egypt, Qatar and Saudi Arabia working behind the scenes.
    for id in ["turkey", "oman", "egypt", "qatar", "saudi_arabia"] {
        assert!(sourced.contains(&id.to_string()), "{id} in {sourced:?}");
    }
    assert_eq!(sourced[0], "turkey", "Turkey has the most documents");
    let turkey = &a["sourced"][0];
    assert!(turkey["via"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == "hakan_fidan"));
    assert_eq!(turkey["documents"], 3);
}

#[test]
fn mediators_between_israel_and_turkey_include_the_host_of_their_talks() {
    let a = json("mediators Israel Turkey");
    let sourced = ids(&a["sourced"], "actor");
    assert!(sourced.contains(&"azerbaijan".to_string()), "{sourced:?}");
    let az = a["sourced"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["actor"]["id"] == "azerbaijan")
        .unwrap();
    assert!(
        az["via"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["id"] == "ilham_aliyev"),
        "Aliyev rolls up to Azerbaijan"
    );
    assert!(az["why"].as_str().unwrap().starts_with("first"));
}

#[test]
fn mediators_roll_parties_up_too() {
    // Russia brought Erdoğan and Assad together: that counts between Turkey and the Assad
    // government, which Assad acts for (the later Syrian state is a separate actor).
    let a = json("mediators Turkey \"Assad government\"");
    assert!(ids(&a["sourced"], "actor").contains(&"russia".to_string()));
}

#[test]
fn brokers_are_explained() {
    let a = json("mediators US Iran");
    let brokers = a["brokers"].as_array().unwrap();
    assert!(!brokers.is_empty());
    for b in brokers {
        let why = b["why"].as_str().unwrap();
        assert!(
            why.contains("cooperation with") || why.contains("shortest path"),
            "{why}"
        );
    }
}

#[test]
fn conflict_only_path_from_turkey_to_the_sdf() {
    let a = json("path Turkey SDF via conflict");
    let path = &a["paths"][0];
    assert_eq!(path["actors"][0]["id"], "turkey");
    assert_eq!(
        path["actors"].as_array().unwrap().last().unwrap()["id"],
        "sdf"
    );
    for hop in path["hops"].as_array().unwrap() {
        assert_eq!(hop["kind"], "conflict");
        assert!(hop["strongest"]["quote"].as_str().unwrap().len() > 10);
    }
}

#[test]
fn every_hop_cites_its_strongest_claim() {
    check(
        "path Turkey SDF via conflict",
        &[
            "Shortest path from Turkey to SDF",
            "(via conflict)",
            "claim",
            "[iran_update#",
        ],
    );
}

#[test]
fn all_shortest_paths_counts_and_lists() {
    let a = json("path Oman Israel all");
    let total = a["total"].as_u64().expect("total is a number") as usize;
    assert_eq!(a["mode"], "all");
    let paths = a["paths"].as_array().unwrap();
    assert_eq!(total, paths.len());
    assert!(
        total >= 2,
        "Oman reaches Israel through both the US and Iran"
    );
    let hops = paths[0]["hops"].as_array().unwrap().len();
    assert!(paths
        .iter()
        .all(|p| p["hops"].as_array().unwrap().len() == hops));
}

#[test]
fn k_shortest_paths_are_distinct_and_ordered() {
    let a = json("path Turkey SDF k 4");
    let paths = a["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 4);
    let lens: Vec<usize> = paths
        .iter()
        .map(|p| p["hops"].as_array().unwrap().len())
        .collect();
    assert!(lens.windows(2).all(|w| w[0] <= w[1]), "{lens:?}");
}

#[test]
fn avoid_is_applied_during_the_search() {
    // Avoiding the actor Turkey's shortest route to the SDF runs through must find a detour
    // that never enters it, not no path at all.
    let open = json("path Turkey SDF");
    let via = open["paths"][0]["actors"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let a = json(&format!("path Turkey SDF avoid {via}"));
    let paths = a["paths"].as_array().unwrap();
    assert!(!paths.is_empty(), "{}", a["no_path"]);
    for p in paths {
        for x in p["actors"].as_array().unwrap() {
            assert!(x["id"] != via.as_str(), "{x} is avoided");
        }
    }
}

#[test]
fn no_path_over_the_hop_limit_says_so() {
    check(
        "path Oman SDF max 1",
        &["No path from Oman to SDF", "no path within 1 hop", "hops"],
    );
}

#[test]
fn no_path_under_a_filter_says_which_filter() {
    let a = json("path Oman Israel via conflict");
    let why = a["no_path"].as_str().unwrap();
    assert!(
        why.contains("different components under this filter"),
        "{why}"
    );
    assert!(
        why.contains("without the filter the shortest path has 2 hops"),
        "{why}"
    );
}

#[test]
fn directed_paths_follow_claims() {
    // Oman only mediates (mediator → parties), so nothing leads *into* Oman along claims.
    let a = json("path Israel Oman directed");
    assert!(a["paths"].as_array().unwrap().is_empty());
    assert!(a["no_path"].as_str().unwrap().contains("no directed path"));
    assert!(!json("path Oman Israel directed")["paths"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn date_filters_apply_during_the_search() {
    // The alliance the 2010 raid ended is dated "before 2011", which `until 2010` keeps.
    let a = json("path Israel Turkey until 2010");
    let hop = &a["paths"][0]["hops"][0];
    assert_eq!(hop["date"], "before 2011");
    assert!(json("path Israel Turkey since 2027")["paths"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn certainty_is_a_minimum() {
    let weaker = |a: &Value| {
        a["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["certainty"] != "stated" && c["certainty"] != "reported")
            .count()
    };
    let all = json("evidence Turkey Israel");
    assert!(
        weaker(&all) > 0,
        "the unfiltered evidence has weaker claims"
    );
    let a = json("evidence Turkey Israel certainty reported");
    let kept = a["claims"].as_array().unwrap();
    assert_eq!(
        kept.len() + weaker(&all),
        all["claims"].as_array().unwrap().len()
    );
    for c in kept {
        assert!(
            c["certainty"] == "stated" || c["certainty"] == "reported",
            "{c}"
        );
    }
}

#[test]
fn neighbors_group_by_distance_and_cut_deterministically() {
    let a = json("neighbors Iran depth 2 limit 10");
    assert_eq!(a["cut"], true);
    let shown: usize = a["rings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["actors"].as_array().unwrap().len())
        .sum();
    assert_eq!(shown, 10);
    assert!(a["total"].as_u64().unwrap() > 10);
    assert_eq!(
        a,
        json("neighbors Iran depth 2 limit 10"),
        "same cut every time"
    );
    check(
        "neighbors Iran depth 2 limit 10",
        &["… 25 more (limit 0 for all); the nearest and most strongly tied are shown."],
    );
}

#[test]
fn neighbors_direction_out_uses_only_claims_made_outwards() {
    let a = json("neighbors Oman in");
    assert_eq!(a["total"], 0, "no claim is made towards Oman");
    assert!(json("neighbors Oman out")["total"].as_u64().unwrap() >= 2);
}

#[test]
fn evidence_is_sorted_by_date_and_includes_rolled_up_people() {
    let a = json("evidence Turkey Israel");
    let claims = a["claims"].as_array().unwrap();
    let dates: Vec<&str> = claims.iter().map(|c| c["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|d| d.parse::<dyad::model::EventDate>().unwrap());
    assert_eq!(dates, sorted);
    assert!(
        claims
            .iter()
            .any(|c| c["from"]["id"] == "recep_tayyip_erdogan"),
        "Erdoğan's claims count for Turkey"
    );
}

#[test]
fn contested_lists_turkey_and_israel() {
    let a = json("contested");
    let pairs = a["pairs"].as_array().unwrap();
    assert!(pairs.iter().any(|p| {
        let ends = [
            p["a"]["id"].as_str().unwrap(),
            p["b"]["id"].as_str().unwrap(),
        ];
        ends.contains(&"turkey") && ends.contains(&"israel")
    }));
    check(
        "contested",
        &["Israel – Turkey", "cooperation:", "conflict:"],
    );
}

#[test]
fn show_gives_the_actor_card() {
    check(
        "show Hakan Fidan",
        &[
            "Hakan Fidan [hakan_fidan] — person",
            "acts for: Turkey",
            "Mediates between: Iran and United States",
        ],
    );
    check(
        "show Turkey",
        &[
            "Strongest partners (8 of ",
            "Strongest adversaries:",
            "acting for or part of it:",
            "incl. the claims of MIT, Hakan Fidan",
            "claims from ",
        ],
    );
    check("show YPG", &["part of: SDF"]);
}

#[test]
fn names_resolve_through_aliases_and_multiple_words() {
    check(
        "path Türkiye Tehran",
        &["Shortest path from Turkey to Iran"],
    );
    check(
        "path United States Islamic Republic of Iran",
        &["from United States to Iran"],
    );
    check("show erdogan", &["Recep Tayyip Erdoğan"]);
}

#[test]
fn find_is_fuzzy() {
    check("find turk", &["Turkey", "Turkmenistan"]);
    check("find mosad", &["Mossad"]);
}

#[test]
fn stats_count_the_database() {
    // Count the records in the shipped files directly, independently of the loader.
    let dir = common::data_dir();
    let actors = std::fs::read_to_string(dir.join("actors.ron"))
        .unwrap()
        .matches("\n    id: ")
        .count();
    let mut claims = 0;
    for entry in std::fs::read_dir(dir.join("claims")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        claims += text.matches("\n            quote: ").count();
    }
    let a = json("stats");
    assert_eq!(a["actors"], actors);
    assert_eq!(a["claims"], claims);
    let by_kind: u64 = a["claims_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, claims as u64);
}

#[test]
fn help_covers_each_query() {
    check("help", &["path A B", "mediators A B", "`.help`"]);
    check(
        "help mediators",
        &["Sourced mediators", "Candidate brokers"],
    );
    check("help actions", &["MEDIATE", "conflict"]);
}

#[test]
fn unknown_actor_suggests_a_spelling() {
    check_err(
        "path Turkei Iran",
        &["no actor 'Turkei' — did you mean Turkey"],
    );
    check_err("show Narnia", &["no actor 'Narnia'"]);
}

#[test]
fn bad_options_are_explained() {
    check_err(
        "path Turkey Iran depth 2",
        &["option 'depth' does not apply to path", "path takes: via"],
    );
    check_err(
        "neighbors Iran via friendship",
        &["unknown relation kind or action 'friendship'"],
    );
    check_err(
        "path Turkey",
        &["path needs two actors", "names 1 actor (Turkey)"],
    );
    check_err("path Turkey Iran avoid Turkey", &["cannot avoid Turkey"]);
    check_err("evidence Turkey since 2026 until 2025", &["is after"]);
}

#[test]
fn empty_input_is_not_an_error_in_a_session() {
    let mut s = session();
    let mut out = Vec::new();
    assert!(s.eval_line("", &mut out).is_ok());
    assert!(out.is_empty());
}

#[test]
fn snapshot_small_path() {
    let mut s = session();
    s.width = 100;
    let mut out = Vec::new();
    s.eval_line("path Turkey SDF via conflict", &mut out)
        .unwrap();
    common::snapshot(
        "path_turkey_sdf_conflict.txt",
        &String::from_utf8(out).unwrap(),
    );
}

#[test]
fn snapshot_mediators() {
    let mut s = session();
    s.width = 100;
    let mut out = Vec::new();
    s.eval_line("mediators Israel Turkey", &mut out).unwrap();
    common::snapshot(
        "mediators_israel_turkey.txt",
        &String::from_utf8(out).unwrap(),
    );
}

#[test]
fn read_runs_a_file_and_names_the_failing_line() {
    let fx = common::Fixture::new();
    fx.write("q.dyad", "# a script\nshow Turkey\npath Turkey Narnia\n");
    let mut s = session();
    let mut out = Vec::new();
    let path = fx.dir().join("q.dyad");
    let err = s
        .eval_line(&format!(".read {}", path.display()), &mut out)
        .unwrap_err();
    assert!(
        err.to_string().contains("q.dyad:3: no actor 'Narnia'"),
        "{err}"
    );
    assert!(String::from_utf8(out)
        .unwrap()
        .starts_with("Turkey [turkey]"));
}

#[test]
fn headers_list_the_filter_once_in_one_pair_of_parentheses() {
    check(
        "neighbors SDF via conflict depth 2",
        &["Neighbourhood of SDF (depth 2, via conflict): "],
    );
    check(
        "central via cooperation top 1",
        &["Most central actors by betweenness (exact, via cooperation):"],
    );
    check(
        "central by degree top 1",
        &["Most central actors by degree:"],
    );
}

#[test]
fn cite_shows_the_quote_in_its_paragraph() {
    let a = json("cite iran_update#49");
    assert_eq!(a["claim"]["cite"], "iran_update#49");
    let paragraph: Vec<char> = a["paragraph"].as_str().unwrap().chars().collect();
    let (s, e) = (
        a["quote_start"].as_u64().unwrap() as usize,
        a["quote_end"].as_u64().unwrap() as usize,
    );
    let quoted: String = paragraph[s..e].iter().collect();
    assert_eq!(quoted, a["claim"]["quote"].as_str().unwrap());
    assert!(
        paragraph.len() > quoted.chars().count() + 100,
        "context around the quote"
    );
    check(
        "cite iran_update#49",
        &["In context:", "‹‹the end of the government’s"],
    );
}

#[test]
fn cite_errors_say_what_exists() {
    check_err("cite iran_update#0", &["has claims #1 to #118"]);
    check_err("cite nowhere#3", &["no document 'nowhere'", "iran_update"]);
    check_err("cite iran_update", &["is not a citation"]);
}

#[test]
fn documents_count_what_each_source_contributes() {
    let a = json("documents");
    let docs = a["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 4);
    // The counts per document add up to the claims in the database, and per kind to each total.
    let total: u64 = docs.iter().map(|d| d["claims"].as_u64().unwrap()).sum();
    assert_eq!(total, json("stats")["claims"].as_u64().unwrap());
    for d in docs {
        let by_kind: u64 = d["by_kind"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["claims"].as_u64().unwrap())
            .sum();
        assert_eq!(by_kind, d["claims"].as_u64().unwrap(), "{}", d["id"]);
    }
    check(
        "documents",
        &["iran_update — Iran Update, February 4, 2026", "CTP-ISW"],
    );
}

/// Every `{"query", "claims"}` object in an answer: a follow-up the answer suggests, with the
/// count it promises.
fn follow_ups(v: &Value, out: &mut Vec<(String, u64)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(q)), Some(Value::Number(n))) =
                (m.get("query"), m.get("claims"))
            {
                if q.starts_with("evidence ") {
                    out.push((q.clone(), n.as_u64().unwrap()));
                }
            }
            m.values().for_each(|x| follow_ups(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| follow_ups(x, out)),
        _ => {}
    }
}

#[test]
fn every_count_equals_what_its_suggested_follow_up_returns() {
    let db = dyad::load_embedded().unwrap();
    let mut lines: Vec<String> = vec![
        "contested limit 100".into(),
        "contested since 2025 limit 100".into(),
        "contested certainty reported limit 100".into(),
        "contested genre analysis limit 100".into(),
        "contested rollup off limit 100".into(),
        "contested Turkey".into(),
        "mediators \"United States\" Iran".into(),
        "mediators Israel Turkey since 2025".into(),
        "neighbors Turkey depth 2".into(),
        "neighbors Iran depth 2 rollup off".into(),
        "neighbors Syria certainty reported".into(),
    ];
    for a in &db.actors {
        lines.push(format!("show \"{}\"", a.id));
        lines.push(format!("show \"{}\" rollup off", a.id));
    }
    let mut checked = 0;
    for line in &lines {
        let mut found = Vec::new();
        follow_ups(&json(line), &mut found);
        for (q, n) in found {
            let got = json(&q)["total"].as_u64().unwrap();
            assert_eq!(
                got, n,
                "`{line}` promises {n} claims from `{q}`, which returns {got}"
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} follow-ups were checked");
}

#[test]
fn roll_up_is_one_rule_for_every_query() {
    // A coalition whose claims are all its leader's has relations once he rolls up into it.
    let card = json("show \"State of Law Coalition\"");
    let relations: u64 = card["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["relations"].as_u64().unwrap())
        .sum();
    assert!(relations > 0, "{card}");
    assert_eq!(card["through"][0]["id"], "nouri_al_maliki");
    assert_eq!(
        json("show \"State of Law Coalition\" rollup off")["counts"][0]["relations"],
        0
    );
    // A person does not stand apart from the state he acts for, unless roll-up is off.
    let ids_at = |line: &str| -> Vec<String> {
        json(line)["rings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["actors"].as_array().unwrap().iter())
            .map(|n| n["actor"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!ids_at("neighbors Azerbaijan depth 2").contains(&"ilham_aliyev".to_string()));
    assert!(ids_at("neighbors Azerbaijan depth 2 rollup off").contains(&"ilham_aliyev".to_string()));
    // The card, the mediators and the path agree on who Turkey is.
    let card = json("show Turkey");
    assert!(card["mediated_by"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["id"] != "ilham_aliyev"));
    let path = json("path \"State of Law Coalition\" Iran");
    assert!(
        !path["paths"].as_array().unwrap().is_empty(),
        "{}",
        path["no_path"]
    );
    // The session's `.rollup off` applies to queries that do not say otherwise.
    let mut s = session();
    let mut out = Vec::new();
    s.eval_line(".rollup off", &mut out).unwrap();
    s.format = dyad::render::Format::Json;
    s.eval_line("neighbors Azerbaijan depth 2", &mut out)
        .unwrap();
    assert!(String::from_utf8(out).unwrap().contains("\"ilham_aliyev\""));
}

#[test]
fn contested_orders_by_evenness_then_volume_and_takes_a_limit() {
    let a = json("contested limit 100");
    let pairs = a["pairs"].as_array().unwrap();
    assert!(pairs.len() >= 2);
    let key = |p: &Value| {
        (
            p["evenness"].as_f64().unwrap(),
            p["cooperation"]["quotes"].as_u64().unwrap()
                + p["conflict"]["quotes"].as_u64().unwrap(),
        )
    };
    for w in pairs.windows(2) {
        let (x, y) = (key(&w[0]), key(&w[1]));
        assert!(
            x.0 > y.0 || (x.0 == y.0 && x.1 >= y.1),
            "{x:?} before {y:?}"
        );
    }
    let cut = json("contested limit 2");
    assert_eq!(cut["pairs"].as_array().unwrap().len(), 2);
    assert_eq!(cut["total"], a["total"]);
}

#[test]
fn brokers_exclude_common_adversaries() {
    for line in [
        "mediators \"United States\" Iran",
        "mediators Israel Turkey",
        "mediators Turkey SDF",
    ] {
        let a = json(line);
        for b in a["brokers"].as_array().unwrap() {
            let coop =
                b["with_a"]["claims"].as_u64().unwrap() + b["with_b"]["claims"].as_u64().unwrap();
            assert!(
                coop > 0,
                "{line}: {} is tied to both sides by conflict alone",
                b["actor"]["id"]
            );
        }
        for x in a["common_adversaries"].as_array().unwrap() {
            assert!(
                x["with_a"]["claims"].as_u64().unwrap() > 0
                    && x["with_b"]["claims"].as_u64().unwrap() > 0
            );
        }
    }
}

#[test]
fn genre_filters_every_query() {
    let all = json("evidence Turkey");
    let news = json("evidence Turkey genre opinion");
    assert!(news["total"].as_u64().unwrap() < all["total"].as_u64().unwrap());
    for c in news["claims"].as_array().unwrap() {
        let doc = c["document"].as_str().unwrap();
        assert!(
            ["ankara_channel", "turkiye_iran"].contains(&doc),
            "{doc} is not an opinion piece"
        );
    }
    check_err("evidence Turkey genre rumour", &["unknown genre 'rumour'"]);
    let docs = json("documents genre analysis");
    assert!(docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["genre"] == "analysis"));
}

#[test]
fn undated_assad_era_events_stay_out_of_a_window_after_his_fall() {
    let a = json("evidence Turkey Syria via conflict since 2025-01");
    assert_eq!(a["total"], 0, "{a}");
    // The Assad-era claims exist, on the Assad government and dated before his fall.
    let before = json("evidence Turkey \"Assad government\" via conflict");
    assert!(before["total"].as_u64().unwrap() > 0);
    for c in before["claims"].as_array().unwrap() {
        let d: dyad::model::EventDate = c["date"].as_str().unwrap().parse().unwrap();
        assert!(!d.may_be_on_or_after("2025-01".parse().unwrap()), "{c}");
    }
}

#[test]
fn coercive_demands_do_not_make_partners() {
    let card = json("show Syria");
    let partners = ids(&card["partners"], "actor");
    for id in ["israel", "hikmat_al_hijri", "hijri_camp"] {
        assert!(!partners.contains(&id.to_string()), "{id} in {partners:?}");
    }
    assert!(ids(&card["adversaries"], "actor").contains(&"israel".to_string()));
}

// The habits of other database shells: a trailing `;`, `#` comments, psql's and editors'
// ways to ask for help and to leave, and `.timer` alone showing its state.

#[test]
fn a_trailing_semicolon_ends_a_query() {
    check("stats;", &["83 actors"]);
}

#[test]
fn a_hash_starts_a_comment_anywhere_outside_quotes_but_not_inside_a_citation() {
    check("stats # counts", &["83 actors"]);
    check(
        "cite iran_update#3; # the third claim",
        &["[iran_update#3]"],
    );
}

#[test]
fn backslash_question_and_colon_help_list_the_commands() {
    check("\\?", &[".mode", ".quit"]);
    check(":help", &[".mode", ".quit"]);
}

#[test]
fn backslash_q_and_colon_q_leave() {
    let mut s = session();
    assert_eq!(s.eval_line("\\q", &mut Vec::new()).unwrap(), Flow::Quit);
    assert_eq!(s.eval_line(":q", &mut Vec::new()).unwrap(), Flow::Quit);
}

#[test]
fn timer_alone_shows_its_state() {
    let mut s = session();
    let mut out = Vec::new();
    s.eval_line(".timer", &mut out).unwrap();
    s.eval_line(".timer on", &mut out).unwrap();
    s.eval_line(".timer", &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("timer: off\n") && text.ends_with("timer: on\n"),
        "{text}"
    );
}

#[test]
fn width_alone_shows_it_and_auto_follows_the_terminal_again() {
    let mut s = session();
    let mut out = Vec::new();
    for line in [".width", ".width 120", ".width", ".width auto", ".width"] {
        s.eval_line(line, &mut out).unwrap();
    }
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text, "width: 100 (auto)\nwidth: 120\nwidth: 120 (auto)\n",
        "{text}"
    );
}

#[test]
fn once_sends_the_next_answer_to_a_file_and_output_sends_all_until_reset() {
    let dir = std::env::temp_dir().join(format!("dyad-output-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (once, all) = (dir.join("once.txt"), dir.join("all.txt"));
    let mut s = session();
    let mut out = Vec::new();
    s.eval_line(&format!(".once {}", once.display()), &mut out)
        .unwrap();
    s.eval_line("show Iran", &mut out).unwrap();
    s.eval_line("stats", &mut out).unwrap();
    let screen = String::from_utf8(std::mem::take(&mut out)).unwrap();
    let file = std::fs::read_to_string(&once).unwrap();
    assert!(
        file.contains("Iran [iran]") && !file.contains("83 actors"),
        "{file}"
    );
    assert!(
        screen.contains("83 actors") && !screen.contains("Iran [iran]"),
        "{screen}"
    );
    s.eval_line(&format!(".output {}", all.display()), &mut out)
        .unwrap();
    s.eval_line("show Iran", &mut out).unwrap();
    s.eval_line("stats", &mut out).unwrap();
    s.eval_line(".output", &mut out).unwrap();
    s.eval_line("show Oman", &mut out).unwrap();
    let file = std::fs::read_to_string(&all).unwrap();
    assert!(
        file.contains("Iran [iran]") && file.contains("83 actors") && !file.contains("Oman [oman]")
    );
    assert!(String::from_utf8(out).unwrap().contains("Oman [oman]"));
    // A file that cannot be written is an error, and answers come back to the screen.
    let mut out = Vec::new();
    s.eval_line(".once /nonexistent/dir/x.txt", &mut out)
        .unwrap();
    let err = s.eval_line("stats", &mut out).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot write /nonexistent/dir/x.txt"),
        "{err}"
    );
    s.eval_line("stats", &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("83 actors"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `line` at `width` columns and returns the text.
fn text_at(width: usize, line: &str) -> String {
    let mut s = session();
    s.width = width;
    s.width_auto = false;
    let mut out = Vec::new();
    s.eval_line(line, &mut out)
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    String::from_utf8(out).unwrap()
}

/// Every line fits in `width` columns unless it is one unbreakable word after its indent.
#[track_caller]
fn fits(text: &str, width: usize) {
    for l in text.lines() {
        let n = l.chars().count();
        assert!(
            n <= width || !l.trim().contains(' '),
            "{n} columns > {width}: {l:?}\nin:\n{text}"
        );
    }
}

/// The text with its line breaks and runs of spaces made single spaces, so that a fragment
/// wrapped across lines still matches.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn neighbors_at_60_columns_wraps_and_drops_no_relation() {
    let text = text_at(60, "neighbors Turkey");
    fits(&text, 60);
    assert!(!text.contains('…'), "{text}");
    let a = json("neighbors Turkey");
    for n in a["rings"][0]["actors"].as_array().unwrap() {
        for r in n["relations"].as_array().unwrap() {
            let label = format!("{} {}", r["kind"].as_str().unwrap(), r["claims"]);
            assert!(flat(&text).contains(&label), "{label} in:\n{text}");
        }
    }
}

#[test]
fn a_mediation_line_keeps_both_parties_at_60_columns() {
    let text = flat(&text_at(
        60,
        "evidence Turkey \"United States\" via mediation",
    ));
    assert!(
        text.contains("Turkey between United States and Iran (stated)"),
        "{text}"
    );
}

#[test]
fn evidence_keeps_its_certainty_at_the_end_of_a_long_head() {
    let text = text_at(60, "evidence Turkey Syria");
    fits(&text, 60);
    assert!(
        flat(&text).contains("Turkey → Syrian army (reported)"),
        "{text}"
    );
}

#[test]
fn help_wraps_to_the_width() {
    for q in ["help", "help path", "help filters", "help actions"] {
        let text = text_at(60, q);
        fits(&text, 60);
    }
    let overview = flat(&text_at(60, "help"));
    assert!(overview.contains("when they are ambiguous or contain an option word"));
}

#[test]
fn the_caret_points_at_the_name_that_failed_not_the_first() {
    let mut s = session();
    match s.eval_line("mediators US Irn", &mut Vec::new()) {
        Err(EvalError::Query(e)) => assert_eq!(e.column, Some(14)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_misspelt_option_is_suggested_as_the_option() {
    check_err(
        "path Turkey Iran sinse 2025",
        &["no actor 'sinse'", "did you mean the option `since`?"],
    );
    check_err("neighbors Turkey via confilct", &["did you mean conflict?"]);
}

#[test]
fn capped_lists_say_how_many_more_and_limit_0_lists_all() {
    check("evidence Iran limit 3", &["… ", " more (limit 0 for all)"]);
    let all = json("evidence Iran limit 0");
    assert_eq!(
        all["claims"].as_array().unwrap().len() as u64,
        all["total"].as_u64().unwrap()
    );
    let capped = json("neighbors Iran depth 3");
    let shown: usize = capped["rings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["actors"].as_array().unwrap().len())
        .sum();
    assert!(shown <= dyad::answer::DEFAULT_NEIGHBORS);
}

/// Runs `line` in a tabular mode at 100 columns.
fn in_mode(mode: &str, line: &str) -> String {
    let mut s = session();
    s.width = 100;
    s.width_auto = false;
    let mut out = Vec::new();
    s.eval_line(&format!(".mode {mode}"), &mut out).unwrap();
    assert!(out.is_empty(), "setting a mode prints nothing");
    s.eval_line(line, &mut out)
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    String::from_utf8(out).unwrap()
}

/// Splits CSV text into records of fields, as RFC 4180 reads them.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

/// Every list answer, one query each.
const LISTS: &[&str] = &[
    "evidence Turkey Syria",
    "neighbors Turkey depth 2",
    "contested",
    "central",
    "find turk",
    "documents",
    "stats",
    "mediators \"United States\" Iran",
    "show Turkey",
    "path Turkey SDF",
    "cite iran_update#3",
];

#[test]
fn csv_mode_prints_every_list_answer_as_sections_of_equal_rows() {
    for q in LISTS {
        let out = in_mode("csv", q);
        for section in out.split("\n\n") {
            let records = csv_records(&format!("{}\n", section.trim_end_matches('\n')));
            assert!(!records.is_empty(), "{q}: a header in:\n{section}");
            let n = records[0].len();
            assert!(n >= 2, "{q}: {:?}", records[0]);
            for r in &records {
                assert_eq!(r.len(), n, "{q}: {r:?} against {:?}", records[0]);
            }
        }
    }
}

#[test]
fn csv_mode_find_has_one_row_per_match() {
    let out = in_mode("csv", "find turk");
    let records = csv_records(&out);
    assert_eq!(records[0], ["actor", "id", "kind", "matched"]);
    assert_eq!(records.len(), 5, "{out}");
    assert!(records.iter().any(|r| r[1] == "recep_tayyip_erdogan"));
}

#[test]
fn tsv_mode_keeps_every_row_on_one_line() {
    let out = in_mode("tsv", "evidence Turkey Syria");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines.iter().all(|l| l.split('\t').count() == 8), "{out}");
}

#[test]
fn markdown_mode_prints_a_table_per_section() {
    let out = in_mode("markdown", "mediators \"United States\" Iran");
    assert!(out.contains("**Sourced mediators between United States and Iran**"));
    assert!(out.contains("| rank | mediator |"), "{out}");
    assert!(
        out.contains("| 1 | Turkey | Hakan Fidan, Recep Tayyip Erdoğan |"),
        "{out}"
    );
}

#[test]
fn table_mode_prints_boxed_tables_within_the_width_not_prose() {
    for q in LISTS {
        let out = in_mode("table", q);
        assert!(out.contains('│'), "{q}: a table in:\n{out}");
        fits(&out, 100);
    }
    let out = in_mode("table", "central");
    assert!(out.contains("│    1 │ United States"), "{out}");
}

#[test]
fn tabular_modes_fall_back_to_text_for_help() {
    assert!(in_mode("table", "help path").contains("The shortest path between two actors"));
}
