//! README.md's query table is generated from the query spec, so the two cannot drift apart.
//! `UPDATE_SNAPSHOTS=1 cargo test --test readme` rewrites the table in place.

use dyad::query::spec::QUERIES;

fn table() -> String {
    let mut t = String::from("| query | what it answers |\n| --- | --- |\n");
    for q in QUERIES {
        let aliases = if q.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", q.aliases.join(", "))
        };
        t.push_str(&format!(
            "| `{}`{aliases} | {} |\n",
            q.syntax().replace('|', "\\|"),
            q.summary
        ));
    }
    t
}

#[test]
fn readme_query_table_matches_the_spec() {
    generated("queries", &table());
}

/// Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` with `want`, or
/// checks that it is `want`.
fn generated(name: &str, want: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start_marker = format!("<!-- {name}:start -->\n");
    let end_marker = format!("<!-- {name}:end -->");
    let start = text
        .find(&start_marker)
        .unwrap_or_else(|| panic!("README has the {name}:start marker"))
        + start_marker.len();
    let end = text
        .find(&end_marker)
        .unwrap_or_else(|| panic!("README has the {name}:end marker"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let updated = format!("{}{want}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        want,
        "README's {name} table differs from the code (UPDATE_SNAPSHOTS=1 rewrites it)"
    );
}

#[test]
fn readme_format_table_matches_the_formats() {
    let mut t =
        String::from("| format | reads | rows become | certainty |\n| --- | --- | --- | --- |\n");
    for f in dyad::dataset::FORMATS {
        t.push_str(&format!(
            "| `{}`: {} | {} | {} | `{}` |\n",
            f.name, f.title, f.layout, f.mapping, f.certainty
        ));
    }
    generated("formats", &t);
}

#[test]
fn readme_cameo_table_matches_the_mapping() {
    use dyad::dataset::cameo::{ROOTS, SPECIAL};
    let mut t = String::from(
        "| CAMEO | name | action | quad class (root), or why a code differs from its root |\n| --- | --- | --- | --- |\n",
    );
    const QUAD: [&str; 5] = [
        "",
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    ];
    for r in ROOTS {
        t.push_str(&format!(
            "| `{}` | {} | `{}` | {} |\n",
            r.code, r.name, r.action, QUAD[r.quad as usize]
        ));
        for s in SPECIAL.iter().filter(|s| s.code.starts_with(r.code)) {
            let name = dyad::dataset::cameo::event(s.code).map_or("", |e| e.0);
            t.push_str(&format!(
                "| `{}` | {name} | `{}` | {} |\n",
                s.code, s.action, s.why
            ));
        }
    }
    generated("cameo", &t);
}

#[test]
fn readme_ingest_quality_table_matches_the_proposer() {
    let db = dyad::load_embedded().unwrap();
    let rows = dyad::ingest::score::against_own_claims(&db);
    let mut total = dyad::ingest::score::Score::default();
    for (_, s) in &rows {
        total.add(s);
    }
    let head = "| document | coded | proposed | pair recall | kind | action | certainty | date | mediations | precision |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    generated(
        "ingest-quality",
        &format!("{head}{}", dyad::ingest::score::table_rows(&rows, &total)),
    );
}

#[test]
fn readme_lexicon_table_matches_the_lexicon() {
    use dyad::ingest::lexicon::{Role, CUES, HEDGES};
    let mut t = String::from("| action | cues |\n| --- | --- |\n");
    for a in dyad::model::Action::ALL {
        let cues: Vec<String> = CUES
            .iter()
            .filter(|c| c.action == a)
            .map(|c| {
                let role = match c.role {
                    Role::Relation => "",
                    Role::Mediator => " (mediator before)",
                    Role::Venue => " (host after)",
                    Role::Channel => " (channel after)",
                };
                // A `|` inside a table cell would end the cell.
                format!("`{}`{role}", c.pattern.replace('|', "\\|"))
            })
            .collect();
        t.push_str(&format!("| `{a}` | {} |\n", cues.join(", ")));
    }
    t.push_str("\n| certainty | hedges |\n| --- | --- |\n");
    for c in dyad::model::Certainty::ALL {
        let hedges: Vec<String> = HEDGES
            .iter()
            .filter(|h| h.certainty == c)
            .map(|h| format!("`{}`", h.pattern.replace('|', "\\|")))
            .collect();
        if !hedges.is_empty() {
            t.push_str(&format!("| `{c}` | {} |\n", hedges.join(", ")));
        }
    }
    generated("lexicon", &t);
}

#[test]
fn readme_confidence_table_matches_the_proposer() {
    let db = dyad::load_embedded().unwrap();
    let mut t = String::from(
        "| `--min-confidence` | proposed | pair recall | kind | certainty | mediations | precision |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for min in [0.0f32, 0.3, 0.4, 0.5] {
        let mut s = dyad::ingest::score::Score::default();
        for (_, one) in dyad::ingest::score::at_confidence(&db, min) {
            s.add(&one);
        }
        t.push_str(&format!(
            "| {min:.1} | {} | {:.1}% | {:.1}% | {:.1}% | {}/{} | {:.1}% |\n",
            s.proposed,
            s.pair_recall(),
            s.kind_accuracy(),
            s.certainty_accuracy(),
            s.mediations_found,
            s.mediations,
            s.precision()
        ));
    }
    generated("ingest-confidence", &t);
}

#[test]
fn readme_command_table_matches_the_commands() {
    let mut t = String::from("| command | also | what it does |\n| --- | --- | --- |\n");
    for c in dyad::repl::command::COMMANDS {
        let head = format!("{} {}", c.name, c.args)
            .trim_end()
            .replace('|', "\\|");
        let also: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
        t.push_str(&format!(
            "| `{head}` | {} | {} |\n",
            also.join(", "),
            c.help.replace('|', "\\|")
        ));
    }
    generated("commands", &t);
}
