//! README.md's query table is generated from the query spec, so the two cannot drift apart.
//! `UPDATE_SNAPSHOTS=1 cargo test --test readme` rewrites the table in place.

use dyad::query::spec::QUERIES;

const START: &str = "<!-- queries:start -->\n";
const END: &str = "<!-- queries:end -->";

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
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(START)
        .expect("README has the queries:start marker")
        + START.len();
    let end = text.find(END).expect("README has the queries:end marker");
    let want = table();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let updated = format!("{}{want}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        want,
        "README's query table differs from the spec (UPDATE_SNAPSHOTS=1 rewrites it)"
    );
}
