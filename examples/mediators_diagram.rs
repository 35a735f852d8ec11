//! Builds the diagram of who mediates between the United States and Iran, through the library
//! API: load the built-in database, answer the query, take the answer's subgraph, write DOT.
//!
//! ```sh
//! cargo run --example mediators_diagram                          # DOT on standard output
//! cargo run --example mediators_diagram -- examples/mediators_us_iran.svg   # rendered
//! ```

use std::path::Path;

use anyhow::{Context, Result};
use dyad::export::{self, ExportFormat, Subgraph};

fn main() -> Result<()> {
    let db = dyad::load_embedded()?;
    let answer = dyad::answer::run(&db, "mediators \"United States\" Iran")?;
    let diagram = Subgraph::of(&db, &answer)?;
    match std::env::args().nth(1) {
        None => print!("{}", export::dot(&db, &diagram)),
        Some(out) => {
            let path = Path::new(&out);
            let format = ExportFormat::from_path(path)
                .with_context(|| format!("name the output {}", file_extensions()))?;
            export::write_file(&db, &diagram, format, path)?;
            eprintln!("wrote {out}");
        }
    }
    Ok(())
}

/// The preferred extension of every single-file format, as prose: `.dot, .svg, ... or .graphml`.
fn file_extensions() -> String {
    let exts: Vec<String> = ExportFormat::ALL
        .iter()
        .filter_map(|f| f.extensions().first())
        .map(|e| format!(".{e}"))
        .collect();
    match exts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => exts.concat(),
    }
}
