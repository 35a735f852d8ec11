//! The CAMEO event codes and how they map to dyad's actions: one table, read by every CAMEO
//! format (ICEWS, GDELT), by `help cameo` and by the README.
//!
//! CAMEO's twenty root codes split as the issue of relation kinds needs: roots `01`–`08` are
//! cooperation and `09`–`20` conflict. Each root maps to one action ([`ROOTS`]), and the few
//! codes whose meaning differs from their root's are listed apart ([`SPECIAL`]): `045`
//! "Mediate" is a mediation, `046` "Engage in negotiation" a consultation, `057` "Sign formal
//! agreement" an agreement, and so on. The most specific entry wins: `0871` is looked up as
//! `0871`, then `087`, then its root `08`.
//!
//! The quad class follows CAMEO's own grouping (GDELT's QuadClass): roots `01`–`05` verbal
//! cooperation, `06`–`08` material cooperation, `09`–`13` verbal conflict, `14`–`20` material
//! conflict. Names and Goldstein scores are GDELT's ([`EVENTS`]).

use crate::model::Action;

pub use super::cameo_codes::{COUNTRIES, EVENTS, GROUPS, TYPES};

/// A CAMEO root code and the action its events are.
#[derive(Clone, Copy, Debug)]
pub struct Root {
    /// The two-digit root, e.g. `04`.
    pub code: &'static str,
    /// CAMEO's name for it.
    pub name: &'static str,
    /// The action its codes map to, unless [`SPECIAL`] says otherwise.
    pub action: Action,
    /// The quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4
    /// material conflict.
    pub quad: u8,
}

/// The twenty roots.
pub const ROOTS: [Root; 20] = [
    root("01", "Make public statement", Action::Consult, 1),
    root("02", "Appeal", Action::Request, 1),
    root("03", "Express intent to cooperate", Action::Agree, 1),
    root("04", "Consult", Action::Consult, 1),
    root("05", "Engage in diplomatic cooperation", Action::Support, 1),
    root("06", "Engage in material cooperation", Action::Cooperate, 2),
    root("07", "Provide aid", Action::Aid, 2),
    root("08", "Yield", Action::Concede, 2),
    root("09", "Investigate", Action::Accuse, 3),
    root("10", "Demand", Action::Demand, 3),
    root("11", "Disapprove", Action::Accuse, 3),
    root("12", "Reject", Action::Reject, 3),
    root("13", "Threaten", Action::Threaten, 3),
    root("14", "Protest", Action::Protest, 4),
    root("15", "Exhibit force posture", Action::Mobilize, 4),
    root("16", "Reduce relations", Action::Sanction, 4),
    root("17", "Coerce", Action::Coerce, 4),
    root("18", "Assault", Action::Assault, 4),
    root("19", "Fight", Action::Assault, 4),
    root("20", "Use unconventional mass violence", Action::Assault, 4),
];

const fn root(code: &'static str, name: &'static str, action: Action, quad: u8) -> Root {
    Root {
        code,
        name,
        action,
        quad,
    }
}

/// A code (and the codes under it) whose action differs from its root's, and why.
#[derive(Clone, Copy, Debug)]
pub struct Special {
    /// The code, e.g. `045`.
    pub code: &'static str,
    /// Its action.
    pub action: Action,
    /// Why it is not its root's.
    pub why: &'static str,
}

/// The codes whose action is not their root's.
pub const SPECIAL: &[Special] = &[
    Special {
        code: "018",
        action: Action::Support,
        why: "an empathetic comment is backing, not talk",
    },
    Special {
        code: "019",
        action: Action::Agree,
        why: "expressing accord is agreeing",
    },
    Special {
        code: "045",
        action: Action::Mediate,
        why: "mediation: the row names one party; the other is found in the same story",
    },
    Special {
        code: "057",
        action: Action::Agree,
        why: "signing a formal agreement is an agreement",
    },
    Special {
        code: "087",
        action: Action::Retreat,
        why: "de-escalating military engagement is a withdrawal",
    },
    Special {
        code: "111",
        action: Action::Protest,
        why: "criticising or denouncing is condemnation",
    },
    Special {
        code: "175",
        action: Action::Assault,
        why: "violent repression is violence (PLOVER crosswalk)",
    },
    Special {
        code: "191",
        action: Action::Coerce,
        why: "a blockade restricts rather than fights (PLOVER crosswalk)",
    },
    Special {
        code: "192",
        action: Action::Coerce,
        why: "occupying territory is coercion (PLOVER crosswalk)",
    },
];

/// Codes whose events are two-sided: consultations and negotiations (`04`, except `045`
/// mediation), signed agreements (`057`) and material cooperation (`06`). A dataset that codes
/// such an event from both sides reports one event twice.
const MUTUAL: &[&str] = &["04", "057", "06"];

/// What a CAMEO code maps to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapped {
    /// The action.
    pub action: Action,
    /// Whether the event is two-sided.
    pub mutual: bool,
    /// The quad class.
    pub quad: u8,
    /// GDELT's Goldstein score for the code.
    pub goldstein: f32,
}

/// The name and Goldstein score of a code, if CAMEO has it. Codes are strings: `010` ≠ `10`.
pub fn event(code: &str) -> Option<(&'static str, f32)> {
    EVENTS
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .ok()
        .map(|i| (EVENTS[i].1, EVENTS[i].2))
}

/// Maps a CAMEO code, or `None` when CAMEO has no such code.
pub fn map(code: &str) -> Option<Mapped> {
    let (_, goldstein) = event(code)?;
    let root = ROOTS.iter().find(|r| code.starts_with(r.code))?;
    let action = SPECIAL
        .iter()
        .filter(|s| code.starts_with(s.code))
        .max_by_key(|s| s.code.len())
        .map_or(root.action, |s| s.action);
    let mutual = action != Action::Mediate && MUTUAL.iter().any(|m| code.starts_with(m));
    Some(Mapped {
        action,
        mutual,
        quad: root.quad,
        goldstein,
    })
}

/// Looks a code up in a sorted `(code, label)` table.
fn lookup(table: &'static [(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| table[i].1)
}

/// The name of a CAMEO country or region code, e.g. `TUR` → `Turkey`.
pub fn country(code: &str) -> Option<&'static str> {
    lookup(COUNTRIES, code)
}

/// The label of a CAMEO actor type code, e.g. `GOV` → `Government`.
pub fn actor_type(code: &str) -> Option<&'static str> {
    lookup(TYPES, code)
}

/// The name of a CAMEO known-group code, e.g. `HMS` → `Hamas`.
pub fn group(code: &str) -> Option<&'static str> {
    lookup(GROUPS, code)
}

/// Reads one of GDELT's CAMEO lookup files (`CODE<TAB>LABEL` with a header row) as GDELT
/// publishes them: a final line without a newline, a code listed twice (the first is kept), and
/// the line on which GDELT glued code 106 after the label of 1056
/// (`Demand de-escalation of military engagement106:[-5.0] Demand withdrawal`), which is read as
/// two entries. Returns the entries, and the 1-based lines that are not `CODE<TAB>LABEL`.
pub fn read_lookup(text: &str) -> (Vec<(String, String)>, Vec<u32>) {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut bad = Vec::new();
    for line in super::lines(text).skip(1) {
        if line.text.trim().is_empty() {
            continue;
        }
        let Some((code, label)) = line.text.split_once('\t') else {
            bad.push(line.number);
            continue;
        };
        let mut push = |code: &str, label: &str| {
            if !out.iter().any(|(c, _)| c == code) {
                out.push((code.to_string(), label.to_string()));
            }
        };
        match glued(label) {
            Some((first, code2, label2)) => {
                push(code, first);
                push(code2, label2);
            }
            None => push(code, label),
        }
    }
    (out, bad)
}

/// Splits `Label one106:[-5.0] Label two` into its two entries.
fn glued(label: &str) -> Option<(&str, &str, &str)> {
    let colon = label.find(":[")?;
    let digits_start = label[..colon]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    if digits_start == colon {
        return None;
    }
    let close = label[colon..].find("] ")? + colon;
    Some((
        &label[..digits_start],
        &label[digits_start..colon],
        &label[close + 2..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_one_to_eight_cooperate_and_nine_to_twenty_conflict() {
        use crate::model::RelationKind::*;
        for r in ROOTS {
            let n: u8 = r.code.parse().unwrap();
            let want = if n <= 8 { Cooperation } else { Conflict };
            assert_eq!(map(r.code).unwrap().action.kind(), want, "root {}", r.code);
        }
    }

    #[test]
    fn mediation_and_negotiation_are_what_the_issue_says() {
        assert_eq!(map("045").unwrap().action, Action::Mediate);
        assert!(!map("045").unwrap().mutual);
        assert_eq!(map("046").unwrap().action, Action::Consult);
        assert!(map("046").unwrap().mutual);
        assert_eq!(map("0871").unwrap().action, Action::Retreat);
        assert_eq!(map("190").unwrap().action, Action::Assault);
        assert!(!map("190").unwrap().mutual);
    }

    #[test]
    fn codes_are_strings_with_leading_zeros() {
        assert!(map("010").is_some());
        assert!(map("10").is_some()); // the root DEMAND
        assert_eq!(
            event("010").unwrap().0,
            "Make statement, not specified below"
        );
        assert_eq!(event("10").unwrap().0, "DEMAND");
        assert!(map("999").is_none());
        assert!(map("").is_none());
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(EVENTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TYPES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(GROUPS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(country("TUR"), Some("Turkey"));
        assert_eq!(actor_type("GOV"), Some("Government"));
    }

    #[test]
    fn colombia_is_spelt_as_its_people_spell_it() {
        // GDELT's country table writes `COL` as "Columbia", so a curated "Colombia" did not
        // match GDELT's rows by name.
        assert_eq!(country("COL"), Some("Colombia"));
    }

    #[test]
    fn the_glued_lookup_line_reads_as_two_codes() {
        let text = "CAMEOEVENTCODE\tEVENTDESCRIPTION\n1056\tDemand de-escalation of military engagement106:[-5.0] Demand withdrawal\n107\tDemand x";
        let (entries, bad) = read_lookup(text);
        assert!(bad.is_empty());
        assert_eq!(
            entries,
            vec![
                (
                    "1056".to_string(),
                    "Demand de-escalation of military engagement".to_string()
                ),
                ("106".to_string(), "Demand withdrawal".to_string()),
                ("107".to_string(), "Demand x".to_string()),
            ]
        );
    }
}
