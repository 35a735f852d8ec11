//! A deterministic generator of synthetic databases, for benchmarks at any size.
//!
//! It writes a complete database in dyad's own format (actors with aliases, documents whose
//! text contains every quote, claims with dates and certainties) and the same graph as a
//! tab-separated edge list for NetworkX. Degrees are hub-heavy: endpoints are drawn from a
//! Zipf-like distribution, so a few actors take part in a large share of the claims, as states
//! do in event data. The same seed gives the same bytes.
//!
//! This module writes files; nothing else in the library calls it.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::model::{Action, Certainty};
use crate::store::quote;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub actors: usize,
    pub claims: usize,
    /// Claims per document (the last document may have fewer).
    pub claims_per_document: usize,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            actors: 1_000,
            claims: 10_000,
            claims_per_document: 1_000,
            seed: 42,
        }
    }
}

/// SplitMix64: small, fast, and good enough for synthetic data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A hub-heavy index in `0..n`: `n · u³`, so index 0 is drawn far more often than the last.
    pub fn hubby(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((n as f64) * u * u * u) as usize % n
    }
}

/// The id of synthetic actor `i`.
pub fn actor_id(i: usize) -> String {
    format!("x{i}")
}

const KIND_WORDS: [&str; 5] = [
    "state",
    "agency",
    "armed_group",
    "political_group",
    "person",
];
const WORDS: [&str; 16] = [
    "north", "river", "cedar", "falcon", "harbor", "granite", "ember", "willow", "summit", "delta",
    "meadow", "copper", "lantern", "orchid", "saffron", "tundra",
];

/// A generated claim's endpoints and action, for the edge list.
struct Gen {
    from: usize,
    to: usize,
    /// The second party of a mediation.
    other: Option<usize>,
    action: Action,
    mutual: bool,
    date: String,
    certainty: Certainty,
    sentence: String,
}

fn pick_action(rng: &mut Rng) -> Action {
    let r = rng.unit();
    let pool: &[Action] = if r < 0.45 {
        &Action::ALL[0..6]
    } else if r < 0.85 {
        &Action::ALL[6..14]
    } else {
        &Action::ALL[14..15]
    };
    pool[rng.below(pool.len())]
}

fn pick_certainty(rng: &mut Rng) -> Certainty {
    match rng.below(10) {
        0..=3 => Certainty::Stated,
        4..=6 => Certainty::Reported,
        7 => Certainty::Alleged,
        8 => Certainty::Opinion,
        _ => Certainty::Speculative,
    }
}

fn pick_date(rng: &mut Rng) -> String {
    let year = 2000 + rng.below(27);
    match rng.below(4) {
        0 => format!("{year}"),
        1 => format!("{year}-{:02}", 1 + rng.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

/// Writes a synthetic database into `dir` (created if needed): `actors.ron`, `documents.ron`,
/// `claims/*.ron`, `seeds/*.txt`, and `edges.tsv` for NetworkX (one row per claim link, with
/// the claim's attributes and quote). Returns the number of edge-list rows.
pub fn generate(spec: &Spec, dir: &Path) -> io::Result<usize> {
    assert!(spec.actors >= 3, "a mediation needs three actors");
    std::fs::create_dir_all(dir.join("claims"))?;
    std::fs::create_dir_all(dir.join("seeds"))?;
    let mut rng = Rng::new(spec.seed);

    // Actors: the first 2% are states (and so the hubs); people act for a state.
    let states = (spec.actors / 50).max(1);
    let mut w = BufWriter::new(std::fs::File::create(dir.join("actors.ron"))?);
    writeln!(w, "[")?;
    for i in 0..spec.actors {
        let kind = if i < states {
            "state"
        } else {
            KIND_WORDS[1 + rng.below(4)]
        };
        let word = WORDS[i % WORDS.len()];
        writeln!(w, "    (")?;
        writeln!(w, "        id: \"{}\",", actor_id(i))?;
        writeln!(w, "        name: \"Actor {i}\",")?;
        writeln!(w, "        kind: {kind},")?;
        writeln!(w, "        aliases: [")?;
        writeln!(w, "            \"A{i}\",")?;
        writeln!(w, "            \"{word} {i}\",")?;
        writeln!(w, "        ],")?;
        if kind == "person" {
            writeln!(w, "        acts_for: \"{}\",", actor_id(rng.below(states)))?;
        }
        writeln!(w, "    ),")?;
    }
    writeln!(w, "]")?;
    w.flush()?;

    let docs = spec.claims.div_ceil(spec.claims_per_document).max(1);
    let mut dw = BufWriter::new(std::fs::File::create(dir.join("documents.ron"))?);
    writeln!(dw, "[")?;
    let mut edges = BufWriter::new(std::fs::File::create(dir.join("edges.tsv"))?);
    writeln!(
        edges,
        "from\tto\tkind\taction\tdate\tcertainty\tdocument\tquote"
    )?;
    let mut rows = 0;
    let mut made = 0;
    for d in 0..docs {
        let doc_id = format!("d{d:05}");
        let file = format!("seeds/{doc_id}.txt");
        writeln!(dw, "    (")?;
        writeln!(dw, "        id: \"{doc_id}\",")?;
        writeln!(dw, "        file: \"{file}\",")?;
        writeln!(dw, "        title: \"Synthetic report {d}\",")?;
        writeln!(dw, "        publisher: \"dyad synth\",")?;
        writeln!(dw, "        date: \"2026\",")?;
        writeln!(dw, "        genre: news,")?;
        writeln!(dw, "    ),")?;
        let n = spec.claims_per_document.min(spec.claims - made);
        let mut gens = Vec::with_capacity(n);
        for k in 0..n {
            let action = pick_action(&mut rng);
            let from = rng.hubby(spec.actors);
            let mut to = rng.hubby(spec.actors);
            while to == from {
                to = rng.below(spec.actors);
            }
            let other = (action == Action::Mediate).then(|| {
                let mut o = rng.below(spec.actors);
                while o == from || o == to {
                    o = rng.below(spec.actors);
                }
                o
            });
            let date = pick_date(&mut rng);
            let certainty = pick_certainty(&mut rng);
            let verb = action.as_str().to_ascii_lowercase();
            let sentence = match other {
                Some(o) => format!("In report {d}-{k}, Actor {from} moved to mediate between Actor {to} and Actor {o} on {date}."),
                None => format!("In report {d}-{k}, Actor {from} was said to {verb} Actor {to} on {date}."),
            };
            let mutual = matches!(action, Action::Agree | Action::Consult | Action::Cooperate)
                && rng.below(2) == 0;
            gens.push(Gen {
                from,
                to,
                other,
                action,
                mutual,
                date,
                certainty,
                sentence,
            });
        }
        made += n;

        let mut text = String::with_capacity(n * 80);
        for g in &gens {
            text.push_str(&g.sentence);
            text.push(if rng.below(8) == 0 { '\n' } else { ' ' });
        }
        std::fs::write(dir.join(&file), text)?;

        let mut cw = BufWriter::new(std::fs::File::create(
            dir.join(format!("claims/{doc_id}.ron")),
        )?);
        writeln!(cw, "(")?;
        writeln!(cw, "    document: \"{doc_id}\",")?;
        writeln!(cw, "    claims: [")?;
        let mut buf = String::new();
        for g in &gens {
            buf.clear();
            let kind = g.action.kind().as_str();
            let _ = writeln!(buf, "        (");
            let _ = writeln!(buf, "            from: \"{}\",", actor_id(g.from));
            match g.other {
                Some(o) => {
                    let _ = writeln!(buf, "            kind: {kind},");
                    let _ = writeln!(
                        buf,
                        "            between: (\"{}\", \"{}\"),",
                        actor_id(g.to),
                        actor_id(o)
                    );
                }
                None => {
                    let _ = writeln!(buf, "            to: \"{}\",", actor_id(g.to));
                    let _ = writeln!(buf, "            kind: {kind},");
                }
            }
            let _ = writeln!(buf, "            action: {},", g.action.as_str());
            let _ = writeln!(buf, "            mutual: {},", g.mutual);
            let _ = writeln!(buf, "            date: \"{}\",", g.date);
            let _ = writeln!(buf, "            certainty: {},", g.certainty.as_str());
            let _ = writeln!(buf, "            quote: {},", quote(&g.sentence));
            let _ = writeln!(buf, "        ),");
            cw.write_all(buf.as_bytes())?;

            let targets: Vec<usize> = std::iter::once(g.to).chain(g.other).collect();
            for t in targets {
                writeln!(
                    edges,
                    "{}\t{}\t{kind}\t{}\t{}\t{}\t{doc_id}\t{}",
                    actor_id(g.from),
                    actor_id(t),
                    g.action.as_str(),
                    g.date,
                    g.certainty.as_str(),
                    g.sentence
                )?;
                rows += 1;
            }
        }
        writeln!(cw, "    ],")?;
        writeln!(cw, ")")?;
        cw.flush()?;
    }
    writeln!(dw, "]")?;
    dw.flush()?;
    edges.flush()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_databases_load_and_are_deterministic() {
        let base = std::env::temp_dir().join(format!("dyad-synth-{}", std::process::id()));
        let spec = Spec {
            actors: 200,
            claims: 2_500,
            claims_per_document: 1_000,
            seed: 7,
        };
        let (a, b) = (base.join("a"), base.join("b"));
        let rows = generate(&spec, &a).unwrap();
        generate(&spec, &b).unwrap();
        for f in [
            "actors.ron",
            "documents.ron",
            "claims/d00002.ron",
            "seeds/d00001.txt",
            "edges.tsv",
        ] {
            assert_eq!(
                std::fs::read(a.join(f)).unwrap(),
                std::fs::read(b.join(f)).unwrap(),
                "{f}"
            );
        }
        let db = crate::load_dir(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(db.actors.len(), 200);
        assert_eq!(db.claims.len(), 2_500);
        assert_eq!(db.documents.len(), 3);
        let links: usize = db.claims.iter().map(|c| c.links().count()).sum();
        assert_eq!(rows, links);
        // Hub-heavy: the best-connected actor has far more relations than the median one.
        let mut degrees: Vec<usize> = db.actor_ids().map(|x| db.graph.degree(x)).collect();
        degrees.sort_unstable();
        assert!(
            degrees[199] > 10 * degrees[100].max(1),
            "{:?}",
            &degrees[190..]
        );
        std::fs::remove_dir_all(&base).unwrap();
    }
}
