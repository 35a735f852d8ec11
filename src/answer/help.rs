//! `help`: the overview, one query's help, or a topic (filters, actions).

use serde::Serialize;

use super::QueryError;
use crate::model::Action;
use crate::query::spec;

/// The answer to `help`: a text for people.
#[derive(Clone, Debug, Serialize)]
pub struct HelpAnswer {
    /// The topic asked about, as typed (e.g. `path` or `filters`); `null` for the overview.
    pub topic: Option<String>,
    /// The help text, already laid out in lines.
    pub text: String,
}

/// Help for a query or topic, or the overview. The texts come from the query spec
/// ([`crate::query::spec`]), so help never disagrees with what the parser accepts.
pub fn help(topic: Option<&str>) -> Result<HelpAnswer, QueryError> {
    let text =
        match topic {
            None => spec::overview(),
            Some(t) => {
                if let Some(q) = spec::query(t) {
                    if q.name == "help" {
                        spec::overview()
                    } else {
                        q.help_text()
                    }
                } else {
                    match spec::topic(t) {
                        Some("filters") => spec::filters_help(),
                        Some("actions") => actions_help(),
                        _ => {
                            let names: Vec<&str> = spec::QUERIES.iter().map(|q| q.name).collect();
                            let topics: Vec<&str> = spec::TOPICS.iter().map(|(n, _)| *n).collect();
                            return Err(QueryError::new(format!("no help on '{t}'")).help(
                                format!("topics: {}, {}", names.join(", "), topics.join(", ")),
                            ));
                        }
                    }
                }
            }
        };
    Ok(HelpAnswer {
        topic: topic.map(str::to_string),
        text,
    })
}

fn actions_help() -> String {
    let mut s = String::from("Actions (PLOVER-aligned) and the relation kind each belongs to:\n");
    for a in Action::ALL {
        s.push_str(&format!(
            "  {:<10} {:<12} {}\n",
            a.as_str(),
            a.kind().as_str(),
            a.gloss()
        ));
    }
    s.push_str("\nCertainty, firmest first: stated, reported, alleged, opinion, speculative.");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_topic_exists() {
        for c in crate::query::spec::query_words() {
            assert!(help(Some(c)).is_ok(), "{c}");
        }
        assert!(help(Some("kinds")).unwrap().text.contains("MEDIATE"));
        assert!(help(Some("filters")).is_ok());
        assert!(help(Some("nonsense")).is_err());
    }
}
