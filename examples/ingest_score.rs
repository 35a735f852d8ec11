//! The proposer, up close: its figures on the seed documents, what it misses, and what it makes
//! of a sentence of your own.
//!
//! ```sh
//! cargo run --release --example ingest_score            # the table the README shows
//! cargo run --release --example ingest_score -- -v      # and every curated claim it misses
//! cargo run --release --example ingest_score -- -f      # and every proposal that finds none
//! cargo run --release --example ingest_score -- -c      # and every certainty it gets wrong
//! cargo run --release --example ingest_score -- -s "Oman hosted talks between Iran and the US."
//! ```

use dyad::ingest::{propose, score, Meta};
use dyad::model::Genre;
use dyad::store::ClaimRecord;

/// The actors a claim names, sorted.
fn actors(c: &ClaimRecord) -> Vec<String> {
    let mut v = vec![c.from.clone()];
    v.extend(c.to.clone());
    if let Some((a, b)) = &c.between {
        v.extend([a.clone(), b.clone()]);
    }
    v.sort();
    v
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = dyad::load_embedded().expect("the seed database loads");
    if let Some(i) = args.iter().position(|a| a == "-s") {
        let text = args.get(i + 1).expect("-s takes a sentence");
        let meta = Meta {
            id: "sentence".into(),
            genre: Genre::News,
            date: None,
        };
        for p in propose(&db, text, &meta).proposals {
            println!(
                "{} {:?} {:?} {} ({:.2}): {}",
                p.claim.from, p.claim.to, p.claim.between, p.claim.action, p.confidence, p.why
            );
        }
        return;
    }
    let rows = score::against_own_claims(&db);
    let mut total = score::Score::default();
    for (_, s) in &rows {
        total.add(s);
    }
    print!("{}", score::table_rows(&rows, &total));
    let (misses, wrong, certainty) = (
        args.iter().any(|a| a == "-v"),
        args.iter().any(|a| a == "-f"),
        args.iter().any(|a| a == "-c"),
    );
    if !misses && !wrong && !certainty {
        return;
    }
    let records = dyad::load::to_records(&db);
    for doc in &db.documents {
        let Some(file) = records.claims.iter().find(|f| f.document == doc.id) else {
            continue;
        };
        let meta = Meta {
            id: doc.id.clone(),
            genre: doc.genre,
            date: doc.date,
        };
        let found = propose(&db, &doc.text, &meta);
        let finds = |p: &dyad::ingest::Proposal, c: &ClaimRecord| {
            dyad::text::locate_quote(&doc.text, &c.quote)
                .is_some_and(|at| p.sentence.start < at.end && at.start < p.sentence.end)
                && actors(&p.claim) == actors(c)
        };
        if wrong {
            println!("\n{}: proposals that find no curated claim", doc.id);
            for p in &found.proposals {
                if !file.claims.iter().any(|c| finds(p, c)) {
                    let quote: String = p.claim.quote.chars().take(120).collect();
                    println!(
                        "  {} {} ({:.2}) | {quote}",
                        actors(&p.claim).join(" "),
                        p.claim.action,
                        p.confidence
                    );
                }
            }
        }
        if certainty {
            println!(
                "\n{}: certainty of found claims, curated → proposed",
                doc.id
            );
            for c in &file.claims {
                let best = found
                    .proposals
                    .iter()
                    .filter(|p| finds(p, c))
                    .max_by(|a, b| {
                        (a.claim.kind == c.kind)
                            .cmp(&(b.claim.kind == c.kind))
                            .then(a.confidence.total_cmp(&b.confidence))
                    });
                if let Some(p) = best.filter(|p| p.claim.certainty != c.certainty) {
                    let quote: String = c.quote.chars().take(100).collect();
                    println!(
                        "  {} → {} [{}] | {quote}",
                        c.certainty, p.claim.certainty, p.why
                    );
                }
            }
        }
        if !misses {
            continue;
        }
        println!("\n{}: curated claims no proposal finds", doc.id);
        for c in &file.claims {
            let at = dyad::text::locate_quote(&doc.text, &c.quote);
            let hit = found.proposals.iter().any(|p| {
                at.as_ref()
                    .is_some_and(|at| p.sentence.start < at.end && at.start < p.sentence.end)
                    && actors(&p.claim) == actors(c)
            });
            if !hit {
                // Whether the sentence names every actor of the claim at all.
                let named = at.as_ref().is_some_and(|at| {
                    let sentence = dyad::text::sentences(&doc.text)
                        .into_iter()
                        .find(|r| r.start <= at.start && at.start < r.end)
                        .unwrap_or(at.clone());
                    let words = dyad::ingest::words::words(&doc.text, sentence);
                    let g = dyad::ingest::words::Gazetteer::new(&db);
                    let ids: Vec<String> = g
                        .mentions(&words)
                        .iter()
                        .map(|m| db.actor(m.actor).id.clone())
                        .collect();
                    actors(c).iter().all(|a| ids.contains(a))
                });
                let tag = if named { "named" } else { "unnamed" };
                println!(
                    "  [{tag}] {} {} | {}",
                    actors(c).join(" "),
                    c.action,
                    c.quote
                );
            }
        }
    }
}
