//! A deterministic generator of synthetic databases, for benchmarks at any size.
//!
//! It writes a complete database in dyad's own format (actors with aliases, documents whose
//! text contains every quote, claims with dates and certainties) and the same graph as a
//! tab-separated edge list for NetworkX. Degrees are hub-heavy: endpoints are drawn from a
//! Zipf-like distribution, so a few actors take part in a large share of the claims, as states
//! do in event data. The same seed gives the same bytes.
//!
//! It builds records and leaves their format to [`crate::store`]'s canonical writer; it
//! touches the file system only through [`store::write_file`] and [`store::write_file_with`],
//! so every file it writes is replaced atomically. Only `dyad synth` and the benchmarks call
//! [`generate`]. Its randomness comes from [`crate::rng::Rng`], seeded, so a seed fixes the bytes.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use crate::model::{Action, ActorKind, Certainty, DateSource, Genre};
use crate::rng::Rng;
use crate::store::{self, ActorRecord, ClaimRecord, ClaimsFileRecord, DocumentRecord};

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// How many actors to generate.
    pub actors: usize,
    /// How many claims to generate in all, spread over the documents.
    pub claims: usize,
    /// Claims per document (the last document may have fewer).
    pub claims_per_document: usize,
    /// The generator's seed: the same spec writes the same bytes.
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

/// The id of synthetic actor `i`.
pub fn actor_id(i: usize) -> String {
    format!("x{i}")
}

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
///
/// The RON is canonical (`dyad fmt` leaves it as it is). Each claims file is written as soon
/// as its document is generated, so memory stays flat however many claims are asked for.
pub fn generate(spec: &Spec, dir: &Path) -> io::Result<usize> {
    assert!(spec.actors >= 3, "a mediation needs three actors");
    let mut rng = Rng::new(spec.seed);

    // Actors: the first 2% are states (and so the hubs); people act for a state.
    let states = (spec.actors / 50).max(1);
    let actors: Vec<ActorRecord> = (0..spec.actors)
        .map(|i| {
            let kind = if i < states {
                ActorKind::State
            } else {
                // Agency, armed group, political group or person.
                ActorKind::ALL[1 + rng.below(4)]
            };
            let word = WORDS[i % WORDS.len()];
            let mut a = ActorRecord::new(actor_id(i), format!("Actor {i}"), kind);
            a.aliases = vec![format!("A{i}"), format!("{word} {i}")];
            if kind == ActorKind::Person {
                a.acts_for = Some(actor_id(rng.below(states)));
            }
            a
        })
        .collect();
    store::write_file(dir, "actors.ron", store::write_actors(&actors).as_bytes())?;
    drop(actors);

    let docs = spec.claims.div_ceil(spec.claims_per_document).max(1);
    let mut documents = Vec::with_capacity(docs);
    let mut rows = 0;
    store::write_file_with(dir, "edges.tsv", |edges| {
        writeln!(
            edges,
            "from\tto\tkind\taction\tdate\tcertainty\tdocument\tquote"
        )?;
        let mut made = 0;
        for d in 0..docs {
            let doc_id = format!("d{d:05}");
            let file = format!("seeds/{doc_id}.txt");
            documents.push(DocumentRecord {
                id: doc_id.clone(),
                file: file.clone(),
                title: format!("Synthetic report {d}"),
                author: None,
                publisher: Some("dyad synth".into()),
                date: Some("2026".into()),
                genre: Genre::News,
                note: None,
            });
            let n = spec.claims_per_document.min(spec.claims - made);
            let gens: Vec<Gen> = (0..n)
                .map(|k| generate_claim(spec, &mut rng, d, k))
                .collect();
            made += n;

            let mut text = String::with_capacity(n * 80);
            for g in &gens {
                text.push_str(&g.sentence);
                text.push(if rng.below(8) == 0 { '\n' } else { ' ' });
            }
            store::write_file(dir, &file, text.as_bytes())?;

            for g in &gens {
                for t in std::iter::once(g.to).chain(g.other) {
                    writeln!(
                        edges,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{doc_id}\t{}",
                        actor_id(g.from),
                        actor_id(t),
                        g.action.kind().as_str(),
                        g.action.as_str(),
                        g.date,
                        g.certainty.as_str(),
                        g.sentence
                    )?;
                    rows += 1;
                }
            }

            let claims = ClaimsFileRecord {
                document: doc_id,
                claims: gens.into_iter().map(Gen::into_record).collect(),
            };
            let rel = store::claims_path(&claims.document);
            store::write_file(dir, &rel, store::write_claims_file(&claims).as_bytes())?;
        }
        Ok(())
    })?;
    store::write_file(
        dir,
        "documents.ron",
        store::write_documents(&documents).as_bytes(),
    )?;
    Ok(rows)
}

/// Claim `k` of document `d`: endpoints drawn hub-heavy, then its action, date and certainty.
fn generate_claim(spec: &Spec, rng: &mut Rng, d: usize, k: usize) -> Gen {
    let action = pick_action(rng);
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
    let date = pick_date(rng);
    let certainty = pick_certainty(rng);
    let verb = action.as_str().to_ascii_lowercase();
    let sentence = match other {
        Some(o) => format!("In report {d}-{k}, Actor {from} moved to mediate between Actor {to} and Actor {o} on {date}."),
        None => format!("In report {d}-{k}, Actor {from} was said to {verb} Actor {to} on {date}."),
    };
    let mutual =
        matches!(action, Action::Agree | Action::Consult | Action::Cooperate) && rng.below(2) == 0;
    Gen {
        from,
        to,
        other,
        action,
        mutual,
        date,
        certainty,
        sentence,
    }
}

impl Gen {
    /// The claim as its claims file records it: a mediation names its parties in `between`.
    fn into_record(self) -> ClaimRecord {
        let (to, between) = match self.other {
            Some(o) => (None, Some((actor_id(self.to), actor_id(o)))),
            None => (Some(actor_id(self.to)), None),
        };
        ClaimRecord {
            retracted: false,
            from: actor_id(self.from),
            to,
            kind: self.action.kind(),
            between,
            action: self.action,
            mutual: self.mutual,
            date: self.date,
            date_from: DateSource::Text,
            certainty: self.certainty,
            quote: self.sentence,
            note: None,
        }
    }
}

/// Writes `rows` synthetic GDELT 2.0 event rows (61 tab-separated columns, no header, the
/// codebook's order) to `dir/rel`, for the import benchmark. Returns the bytes written.
///
/// The rows look like GDELT's: actors are CAMEO codes built from a country (hub-heavy, so a
/// few countries take most events) and often a role (`GOV`, `MIL`, `REB`, …); about a fifth
/// of the rows name no second actor, as in real exports; event codes are drawn from CAMEO's
/// table with its Goldstein scores and quad classes; three rows share each source URL, which
/// is the story a mediation's second party is found in; a few rows repeat an earlier event
/// (same actors, code and day) from another article. The same seed gives the same bytes.
pub fn write_gdelt(dir: &Path, rel: &str, rows: usize, seed: u64) -> io::Result<u64> {
    use crate::dataset::cameo;
    use std::io::Write as _;
    const TYPES: [&str; 8] = ["", "", "GOV", "MIL", "REB", "COP", "OPP", "BUS"];
    let countries: Vec<(&str, &str)> = cameo::COUNTRIES
        .iter()
        .filter(|(c, _)| c.len() == 3)
        .copied()
        .collect();
    // Leaf codes only (three or four digits), as events are coded.
    let codes: Vec<&(&str, &str, f32)> = cameo::EVENTS.iter().filter(|e| e.0.len() >= 3).collect();
    let mut written = 0u64;
    store::write_file_with(dir, rel, |w| {
        let mut w = io::BufWriter::with_capacity(1 << 20, w);
        let mut rng = Rng::new(seed);
        let mut line = String::with_capacity(512);
        let mut last: Option<(String, String, String, String)> = None;
        for i in 0..rows {
            line.clear();
            let actor = |rng: &mut Rng| {
                let (cc, name) = countries[rng.hubby(countries.len())];
                let t = TYPES[rng.below(TYPES.len())];
                (
                    format!("{cc}{t}"),
                    name.to_uppercase(),
                    cc.to_string(),
                    t.to_string(),
                )
            };
            let (a1, n1, c1, t1) = actor(&mut rng);
            let (a2, n2, c2, t2) = if rng.below(5) == 0 {
                Default::default()
            } else {
                actor(&mut rng)
            };
            let (code, _, goldstein) = *codes[rng.below(codes.len())];
            let root: u8 = code[..2].parse().unwrap_or(1);
            let quad = match root {
                1..=5 => 1,
                6..=8 => 2,
                9..=13 => 3,
                _ => 4,
            };
            let day = 1 + rng.below(28);
            let month = 1 + rng.below(12);
            let date = format!("2018{month:02}{day:02}");
            // Now and then the same event again, from another article.
            let (a1, n1, a2, n2, code, date) = match (&last, rng.below(20)) {
                (Some((la1, la2, lcode, ldate)), 0) => (
                    la1.clone(),
                    n1,
                    la2.clone(),
                    n2,
                    lcode.clone(),
                    ldate.clone(),
                ),
                _ => (a1, n1, a2, n2, code.to_string(), date),
            };
            last = Some((a1.clone(), a2.clone(), code.clone(), date.clone()));
            let id = 800_000_000 + i;
            let story = i / 3;
            let _ = write!(
                line,
                "{id}\t{date}\t{}\t{}\t{}.{:04}\t{a1}\t{n1}\t{c1}\t\t\t\t\t{t1}\t\t\t{a2}\t{n2}\t{c2}\t\t\t\t\t{t2}\t\t\t1\t{code}\t{}\t{}\t{quad}\t{goldstein}\t{}\t1\t{}\t{:.2}\t",
                &date[..6],
                &date[..4],
                &date[..4],
                ((month - 1) * 30 + day) * 10_000 / 365,
                &code[..3.min(code.len())],
                &code[..2],
                1 + rng.below(20),
                1 + rng.below(10),
                rng.unit() * 20.0 - 10.0,
            );
            // Three geography blocks (type, name, country, ADM1, ADM2, lat, long, feature).
            for _ in 0..3 {
                let _ = write!(line, "1\tSomewhere\tXX\tXX\t\t0.0\t0.0\tXX\t");
            }
            let _ = writeln!(line, "{date}000000\thttps://news.example/{story}");
            w.write_all(line.as_bytes())?;
            written += line.len() as u64;
        }
        w.flush()
    })?;
    Ok(written)
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
        // What synth writes is canonical: `dyad fmt` would change nothing.
        let records = crate::load::to_records(&db);
        assert_eq!(store::changes(&a, &records), Vec::<(String, String)>::new());
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
