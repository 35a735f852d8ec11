//! The library's layering, checked from its source: which top-level module may use which.
//!
//! `src/lib.rs` describes the layers; this test keeps the description true. A module may use
//! modules of its own layer or below, never above, and no two modules may use each other, so
//! every layer can be built and tested without the ones above it. Only code counts: comments,
//! doc links and `#[cfg(test)]` modules may mention anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first. Every top-level module of the library must be listed.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &["model", "text", "fx", "rng", "atomic", "cancel", "progress"],
    ),
    ("records", &["store", "error", "dataset"]),
    ("structures", &["names", "graph"]),
    ("database", &["db"]),
    (
        "loading",
        &["load", "embedded", "snapshot", "synth", "import"],
    ),
    ("reading", &["ingest"]),
    ("editing", &["edit"]),
    ("language", &["query"]),
    ("answers", &["answer"]),
    ("views", &["render", "export"]),
    ("session", &["repl", "review"]),
];

/// Strips `//` comments (doc comments included) and everything from the first
/// `#[cfg(test)]` on, which by convention is the file's test module at its end.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal is rare in this code base and only ever hides part
            // of a line; a dependency hidden that way would still show elsewhere.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::…`, including grouped imports
/// such as `use crate::{a, b::c}`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = ident(part.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Each top-level module with the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let first = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let module = first.trim_end_matches(".rs").to_string();
            // The binary (main.rs, cli/) sits on top of everything; lib.rs only declares.
            if ["main", "cli", "lib"].contains(&module.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let used = uses(&code(&text));
            let entry = out.entry(module.clone()).or_default();
            entry.extend(used.into_iter().filter(|m| *m != module));
        }
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn every_module_has_a_layer() {
    for module in graph().keys() {
        assert!(
            layer_of(module).is_some(),
            "src/{module} is in no layer: add it to LAYERS here and to the map in src/lib.rs"
        );
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (module, used) in graph() {
        let Some(mine) = layer_of(&module) else {
            continue;
        };
        for u in used {
            match layer_of(&u) {
                Some(theirs) if theirs > mine => wrong.push(format!(
                    "{module} ({}) uses {u} ({})",
                    LAYERS[mine].0, LAYERS[theirs].0
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "layering violated:\n{}", wrong.join("\n"));
}

#[test]
fn no_two_modules_use_each_other() {
    let g = graph();
    // Depth-first search for a cycle, reporting the first one found.
    fn visit(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|x| x == m) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(g, next, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        if let Some(cycle) = visit(&g, m, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_model_is_a_leaf() {
    let g = graph();
    let used = g.get("model").cloned().unwrap_or_default();
    assert!(used.is_empty(), "model uses {used:?}");
}

#[test]
fn only_the_graph_module_sees_petgraph() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut seen = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.starts_with(src.join("graph"))
                && code(&std::fs::read_to_string(&path).unwrap()).contains("petgraph")
            {
                seen.push(path.display().to_string());
            }
        }
    }
    assert!(seen.is_empty(), "petgraph outside src/graph: {seen:?}");
}

#[test]
fn the_checker_sees_grouped_and_plain_imports() {
    let found = uses(&code(
        "use crate::{db::Database, graph};\nuse crate::model::Claim; // crate::answer\nfn f() { crate::text::fold(\"x\"); }\n#[cfg(test)]\nmod t { use crate::repl; }",
    ));
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["db", "graph", "model", "text"]);
}
