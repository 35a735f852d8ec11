//! The proposer, up close: its figures on the seed documents, what it misses, and what it makes
//! of a sentence of your own.
//!
//! ```sh
//! cargo run --release --example ingest_score            # the table the README shows
//! cargo run --release --example ingest_score -- -v      # and every curated claim it misses
//! cargo run --release --example ingest_score -- -f      # and every proposal that finds none
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
    let (misses, wrong) = (
        args.iter().any(|a| a == "-v"),
        args.iter().any(|a| a == "-f"),
    );
    if !misses && !wrong {
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
                println!("  {} {} | {}", actors(c).join(" "), c.action, c.quote);
            }
        }
    }
}
