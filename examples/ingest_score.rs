//! Scores `ingest`'s proposals on the four seed documents against their curated claims, and
//! prints what it missed with `-v`.

use dyad::ingest::{propose, score::score, Meta};

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let db = dyad::load_embedded().expect("the seed database loads");
    let records = dyad::load::to_records(&db);
    let mut total = dyad::ingest::score::Score::default();
    if let Some(pos) = std::env::args().position(|a| a == "-s") {
        let text = std::env::args().nth(pos + 1).unwrap();
        let meta = Meta {
            id: "x".into(),
            genre: dyad::model::Genre::News,
            date: "2026-02-04".parse().ok(),
        };
        let w = dyad::ingest::words::words(&text, 0..text.len());
        let g = dyad::ingest::words::Gazetteer::new(&db);
        for m in g.mentions(&w) {
            println!("mention {} {:?}", db.actor(m.actor).id, &text[m.range]);
        }
        for p in propose(&db, &text, &meta).proposals {
            println!(
                "{} {:?} {:?} {} {} [{}]",
                p.claim.from, p.claim.to, p.claim.between, p.claim.action, p.confidence, p.why
            );
        }
        return;
    }
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
        let s = score(&doc.text, &file.claims, &found.proposals);
        println!(
            "{:<16} coded {:>3} proposed {:>3} recall {:>5.1} kind {:>5.1} action {:>5.1} certainty {:>5.1} date {:>5.1} mediation {}/{} precision {:>5.1}",
            doc.id, s.coded, s.proposed, s.pair_recall(), s.kind_accuracy(), s.action_accuracy(),
            s.certainty_accuracy(), s.date_accuracy(), s.mediations_found, s.mediations, s.precision()
        );
        total.add(&s);
        for c in file
            .claims
            .iter()
            .filter(|c| c.kind == dyad::model::RelationKind::Mediation)
        {
            let one = score(&doc.text, std::slice::from_ref(c), &found.proposals);
            if one.mediations_found == 0 {
                println!("  SCOREMISS {} {:?} | {}", c.from, c.between, c.quote);
            }
        }
        if std::env::args().any(|a| a == "-c") {
            for c in &file.claims {
                let Some(at) = dyad::text::locate_quote(&doc.text, &c.quote) else {
                    continue;
                };
                let same = |p: &dyad::ingest::Proposal| {
                    let mut a = vec![p.claim.from.clone()];
                    a.extend(p.claim.to.clone());
                    if let Some((x, y)) = &p.claim.between {
                        a.push(x.clone());
                        a.push(y.clone());
                    }
                    let mut b = vec![c.from.clone()];
                    b.extend(c.to.clone());
                    if let Some((x, y)) = &c.between {
                        b.push(x.clone());
                        b.push(y.clone());
                    }
                    a.sort();
                    b.sort();
                    a == b && p.sentence.start < at.end && at.start < p.sentence.end
                };
                let mut cands: Vec<_> = found.proposals.iter().filter(|p| same(p)).collect();
                cands.sort_by(|a, b| {
                    (b.claim.kind == c.kind)
                        .cmp(&(a.claim.kind == c.kind))
                        .then(b.confidence.total_cmp(&a.confidence))
                });
                if let Some(p) = cands.first() {
                    println!(
                        "  CMP gold {} {} {} | got {} {} {} [{}] | {}",
                        c.action,
                        c.certainty,
                        c.date,
                        p.claim.action,
                        p.claim.certainty,
                        p.claim.date,
                        p.why,
                        c.quote
                    );
                }
            }
        }
        if std::env::args().any(|a| a == "-f") {
            for p in &found.proposals {
                let hit = file.claims.iter().any(|c| {
                    let Some(at) = dyad::text::locate_quote(&doc.text, &c.quote) else {
                        return false;
                    };
                    let mut a = vec![p.claim.from.clone()];
                    a.extend(p.claim.to.clone());
                    if let Some((x, y)) = &p.claim.between {
                        a.push(x.clone());
                        a.push(y.clone());
                    }
                    let mut b = vec![c.from.clone()];
                    b.extend(c.to.clone());
                    if let Some((x, y)) = &c.between {
                        b.push(x.clone());
                        b.push(y.clone());
                    }
                    a.sort();
                    b.sort();
                    a == b && p.sentence.start < at.end && at.start < p.sentence.end
                });
                if !hit {
                    println!(
                        "  FP {} {:?} {:?} {} {} | {}",
                        p.claim.from,
                        p.claim.to,
                        p.claim.between,
                        p.claim.action,
                        p.cue,
                        &doc.text[p.sentence.clone()]
                            .chars()
                            .take(150)
                            .collect::<String>()
                    );
                }
            }
        }
        if verbose {
            for c in &file.claims {
                let hit = found.proposals.iter().any(|p| {
                    let ov = dyad::text::locate_quote(&doc.text, &c.quote)
                        .is_some_and(|at| p.sentence.start < at.end && at.start < p.sentence.end);
                    ov && {
                        let mut a = vec![p.claim.from.clone()];
                        a.extend(p.claim.to.clone());
                        if let Some((x, y)) = &p.claim.between {
                            a.push(x.clone());
                            a.push(y.clone());
                        }
                        let mut b = vec![c.from.clone()];
                        b.extend(c.to.clone());
                        if let Some((x, y)) = &c.between {
                            b.push(x.clone());
                            b.push(y.clone());
                        }
                        a.sort();
                        b.sort();
                        a == b
                    }
                });
                if !hit {
                    println!(
                        "  MISS {} {:?} {:?} {} | {}",
                        c.from, c.to, c.between, c.action, c.quote
                    );
                }
            }
        }
    }
    let s = total;
    println!(
        "{:<16} coded {:>3} proposed {:>3} recall {:>5.1} kind {:>5.1} action {:>5.1} certainty {:>5.1} date {:>5.1} mediation {}/{} precision {:>5.1}",
        "all", s.coded, s.proposed, s.pair_recall(), s.kind_accuracy(), s.action_accuracy(),
        s.certainty_accuracy(), s.date_accuracy(), s.mediations_found, s.mediations, s.precision()
    );
}

#[allow(dead_code)]
fn unused() {}
