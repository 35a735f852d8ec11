//! Edge lists: a CSV/TSV file with named columns, or a KONECT `out.*` file.
//!
//! An edge list states a tie, not an act: who is allied with or hostile to whom. Each row is
//! one claim between its two actors, two-sided (`mutual`) unless an action column says who
//! acted. Its kind comes from, in order, a kind column (`cooperation`, `conflict`), a sign
//! column (`+1`, `-1`, `+`, `-`), an action column (an action's kind), or what the user states
//! for the whole file (`--as cooperation`); with none of them the file cannot be read. Without
//! an action column a tie gets the most general action of its kind, the one that claims no
//! particular act: `SUPPORT` (backing, alliance) for cooperation, where `COOPERATE` would
//! claim joint action; and `PROTEST` (condemnation, hostile rhetoric) for conflict, where
//! `ACCUSE` would claim a particular charge, `REJECT` a refused proposal and anything further
//! down the scale an act of pressure or force. A mediation needs three actors, so an edge list
//! cannot state one: a `mediation` kind or `MEDIATE` action is a bad value, and
//! `--as mediation` makes the file unreadable. Edges are undated unless a date column dates
//! them (a day, month or year; anything else is a bad date); a weight column is kept as the
//! claim's weight. An edge list says nothing of what its actors are: every party is named as
//! written (trimmed), of kind `other`, in no country. Its record is `line N`.
//!
//! **CSV/TSV.** The header names the columns; the separator is the first of tab, `;` and `,`
//! the header holds. Columns are found by the names the mapping gives, else `source`/`from`
//! (or the first column) and `target`/`to` (or the second), and `kind`, `sign`, `action`,
//! `date`, `weight` when a column has that name.
//!
//! **KONECT.** The file starts with `%` lines (`% sym signed`, then `% edges nodes nodes`);
//! each further line is `from to [weight [time]]`, separated by spaces or tabs. Nodes are
//! numbered from 1; their names come from the mapping's `names` (node 1 is the first), else
//! they are `node 1`, `node 2`, … (a number past the names is a bad value). In a signed file
//! the weight's sign is the kind (a zero is a bad value); an unsigned file needs `--as`, and
//! its third column is a weight. A fourth column is a UNIX time and dates the edge. Every
//! KONECT edge is two-sided.
//!
//! Must not: register a party for a row that makes no event (the loader creates an actor for
//! every party).
//!
//! Must not: guess a kind the file does not give and the user did not state.

use super::{
    bad_byte, csv_records, lines, missing, parse_day, record_id, shown, split_csv, Builder, Event,
    Header, Parsed, Party, Rows, SkipReason,
};
use crate::fx::FxHashMap;
use crate::model::{Action, ActorKind, EventDate, PartialDate, RelationKind};

/// Parses an edge list in either layout.
pub(super) fn parse(rows: &Rows<'_>) -> Parsed {
    let first = lines(rows.text).find(|l| !l.text.trim().is_empty());
    match first {
        None => Parsed::unreadable(
            1,
            "the file is empty: an edge list starts with a header row".into(),
        ),
        Some(l) if l.text.trim_start().starts_with('%') => konect(rows),
        Some(_) => table(rows),
    }
}

/// The message for a file whose edges the user says are mediations.
const NO_MEDIATION: &str = "an edge list cannot state mediations: a mediation is between two \
                            parties other than the mediator, and an edge names two actors; \
                            say --as cooperation or --as conflict";

/// The message for a file that says nothing of its edges' kinds.
const NO_KIND: &str = "has no kind, sign or action column; say what its edges are with --as \
                       cooperation or --as conflict";

/// The most general action of a kind, for a tie no column names an act for.
fn general_action(kind: RelationKind) -> Option<Action> {
    match kind {
        RelationKind::Cooperation => Some(Action::Support),
        RelationKind::Conflict => Some(Action::Protest),
        RelationKind::Mediation => None,
    }
}

/// Interns a party by name: a name seen before costs no allocation.
struct Names {
    index: FxHashMap<String, u32>,
}

impl Names {
    fn get(&mut self, b: &mut Builder, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = b.party(Party {
            name: name.into(),
            code: None,
            country: None,
            kind: ActorKind::Other,
        });
        self.index.insert(name.to_string(), i);
        i
    }
}

/// A sign as edge lists write it: `1`, `+1`, `-1`, `+`, `-` (and decimals, by their sign).
fn sign(field: &str) -> Option<RelationKind> {
    let f = field.trim();
    match f {
        "+" => return Some(RelationKind::Cooperation),
        "-" => return Some(RelationKind::Conflict),
        _ => {}
    }
    let x: f64 = f.parse().ok()?;
    if x > 0.0 {
        Some(RelationKind::Cooperation)
    } else if x < 0.0 {
        Some(RelationKind::Conflict)
    } else {
        None
    }
}

/// A CSV, TSV or semicolon-separated edge list with a header.
fn table(rows: &Rows<'_>) -> Parsed {
    let m = rows.mapping;
    let mut records = csv_records(rows.text).filter(|l| !l.text.trim().is_empty());
    let head = records.next().expect("the file has a non-blank line");
    let sep = [b'\t', b';', b',']
        .into_iter()
        .find(|s| head.text.as_bytes().contains(s))
        .unwrap_or(b',');
    let mut names = Vec::new();
    if split_csv(head.text, sep, &mut names).is_none() {
        return Parsed::unreadable(head.number, "the header has an unclosed quote".into());
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let header = Header::new(refs);
    let listed = || header.names().join(", ");
    // A column the mapping names must exist; a default one may be absent.
    let named = |given: &Option<String>, defaults: &[&str]| -> Result<Option<usize>, String> {
        match given {
            Some(name) => header
                .find(name)
                .map(Some)
                .ok_or_else(|| format!("the header has no column '{name}'; it has {}", listed())),
            None => Ok(defaults.iter().find_map(|d| header.find(d))),
        }
    };
    let columns = (|| -> Result<_, String> {
        let source = named(&m.source, &["source", "from"])?.unwrap_or(0);
        let target = named(&m.target, &["target", "to"])?.unwrap_or(1);
        Ok((
            source,
            target,
            named(&m.kind, &["kind"])?,
            named(&m.sign, &["sign"])?,
            named(&m.action, &["action"])?,
            named(&m.date, &["date"])?,
            named(&m.weight, &["weight"])?,
        ))
    })();
    let (source, target, kind_col, sign_col, action_col, date_col, weight_col) = match columns {
        Ok(c) => c,
        Err(message) => return Parsed::unreadable(head.number, message),
    };
    if header.len() < 2 || source == target || source >= header.len() || target >= header.len() {
        return Parsed::unreadable(
            head.number,
            format!(
                "an edge list needs a source and a target column; the header has {}",
                listed()
            ),
        );
    }
    if kind_col.is_none() && sign_col.is_none() && action_col.is_none() && m.as_kind.is_none() {
        return Parsed::unreadable(head.number, format!("the edge list {NO_KIND}"));
    }
    if m.as_kind == Some(RelationKind::Mediation) {
        return Parsed::unreadable(head.number, NO_MEDIATION.into());
    }
    let col_name = |i: usize| header.names()[i].trim().to_string();

    let mut b = Builder::new();
    let mut parties = Names {
        index: FxHashMap::default(),
    };
    let mut fields = Vec::new();
    for rec in records {
        let n = rec.number;
        let split = split_csv(rec.text, sep, &mut fields);
        if !b.checked(rows, n, split.map(|()| fields.len()), header.len()) {
            continue;
        }
        let field = |i: usize| fields[i].trim();
        // The kind, and the action when a column names one.
        let mut action = None;
        if let Some(c) = action_col {
            match Action::parse(field(c)) {
                Some(Action::Mediate) => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "{} {}: an edge list cannot say who a mediation is between",
                            col_name(c),
                            shown(field(c))
                        )),
                    );
                    continue;
                }
                Some(a) => action = Some(a),
                None if missing(field(c)) => {}
                None => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "{} {} is not an action",
                            col_name(c),
                            shown(field(c))
                        )),
                    );
                    continue;
                }
            }
        }
        let kind = if let Some(c) = kind_col {
            let k = field(c);
            if k.eq_ignore_ascii_case("cooperation") {
                RelationKind::Cooperation
            } else if k.eq_ignore_ascii_case("conflict") {
                RelationKind::Conflict
            } else if k.eq_ignore_ascii_case("mediation") {
                b.skip(
                    n,
                    SkipReason::Value,
                    Some(format!(
                        "{} {}: an edge list cannot say who a mediation is between",
                        col_name(c),
                        shown(k)
                    )),
                );
                continue;
            } else {
                b.skip(
                    n,
                    SkipReason::Value,
                    Some(format!(
                        "{} {} is not cooperation or conflict",
                        col_name(c),
                        shown(k)
                    )),
                );
                continue;
            }
        } else if let Some(c) = sign_col {
            match sign(field(c)) {
                Some(k) => k,
                None => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "{} {} is not a sign (+1 or -1)",
                            col_name(c),
                            shown(field(c))
                        )),
                    );
                    continue;
                }
            }
        } else if let Some(a) = action {
            a.kind()
        } else if let Some(k) = m.as_kind {
            k
        } else {
            b.skip(
                n,
                SkipReason::Value,
                Some("the row gives no action, and the file states no kind".into()),
            );
            continue;
        };
        let action = match action {
            Some(a) if a.kind() == kind => a,
            Some(a) => {
                b.skip(
                    n,
                    SkipReason::Value,
                    Some(format!("action {} is not {kind}", a.as_str())),
                );
                continue;
            }
            None => match general_action(kind) {
                Some(a) => a,
                None => {
                    b.skip(n, SkipReason::Value, Some(NO_MEDIATION.into()));
                    continue;
                }
            },
        };
        let date = match date_col.map(field) {
            None => EventDate::Unknown,
            Some(d) if missing(d) => EventDate::Unknown,
            Some(d) => match parse_day(d) {
                Some(day) => EventDate::On(day),
                None => {
                    b.skip(
                        n,
                        SkipReason::Date,
                        Some(format!(
                            "{} {} is not a date",
                            col_name(date_col.unwrap_or(0)),
                            shown(d)
                        )),
                    );
                    continue;
                }
            },
        };
        let weight = match weight_col.map(field) {
            None => None,
            Some(w) if missing(w) => None,
            Some(w) => match w.parse::<f32>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "{} {} is not a number",
                            col_name(weight_col.unwrap_or(0)),
                            shown(w)
                        )),
                    );
                    continue;
                }
            },
        };
        let (s, t) = (field(source), field(target));
        if missing(s) {
            b.skip(n, SkipReason::NoSource, None);
            continue;
        }
        if missing(t) {
            b.skip(n, SkipReason::NoTarget, None);
            continue;
        }
        if s == t {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let from = parties.get(&mut b, s);
        let to = parties.get(&mut b, t);
        b.event(Event {
            line: n,
            start: rec.start,
            len: rec.text.len() as u32,
            record: record_id("", n),
            from,
            to,
            action,
            mutual: action_col.is_none(),
            date,
            code: None,
            goldstein: None,
            quad: None,
            weight,
            story: None,
        });
    }
    b.finish()
}

/// A KONECT `out.*` file.
fn konect(rows: &Rows<'_>) -> Parsed {
    let m = rows.mapping;
    let mut b = Builder::new();
    // Parties by node number: a node seen before costs no allocation.
    let mut nodes: FxHashMap<usize, u32> = FxHashMap::default();
    let mut signed = None;
    let mut fields: Vec<&str> = Vec::with_capacity(4);
    for line in lines(rows.text) {
        let text = line.text.trim();
        let n = line.number;
        if text.is_empty() {
            continue;
        }
        if let Some(rest) = text.strip_prefix('%') {
            // The first header line says the network's format: `sym signed`, `asym unsigned`.
            if signed.is_none() {
                let is_signed = rest.split_whitespace().any(|w| w == "signed");
                signed = Some(is_signed);
                if m.as_kind == Some(RelationKind::Mediation) {
                    return Parsed::unreadable(n, NO_MEDIATION.into());
                }
                if !is_signed && m.as_kind.is_none() {
                    return Parsed::unreadable(
                        n,
                        format!("this KONECT file is not signed, so it {NO_KIND}"),
                    );
                }
            }
            continue;
        }
        b.row();
        if let Some(col) = bad_byte(rows.bad_utf8, n) {
            b.skip(
                n,
                SkipReason::Encoding,
                Some(format!("invalid UTF-8 at byte {col}")),
            );
            continue;
        }
        fields.clear();
        fields.extend(text.split_whitespace());
        if fields.len() < 2 || fields.len() > 4 {
            b.skip(
                n,
                SkipReason::Columns,
                Some(format!(
                    "{} columns; a KONECT edge is `from to [weight [time]]`",
                    fields.len()
                )),
            );
            continue;
        }
        let (from, to) = match (node(fields[0], m), node(fields[1], m)) {
            (Ok(a), Ok(t)) => (a, t),
            (Err(e), _) | (_, Err(e)) => {
                b.skip(n, SkipReason::Value, Some(e));
                continue;
            }
        };
        let kind = if signed == Some(true) {
            match fields.get(2).map(|w| sign(w)) {
                Some(Some(k)) => k,
                Some(None) => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!(
                            "weight {} is not a sign (+1 or -1)",
                            shown(fields[2])
                        )),
                    );
                    continue;
                }
                None => {
                    b.skip(
                        n,
                        SkipReason::Columns,
                        Some("a signed network's edge needs its sign".into()),
                    );
                    continue;
                }
            }
        } else {
            // An unsigned file without a stated kind was refused at its header.
            m.as_kind.unwrap_or(RelationKind::Cooperation)
        };
        let weight = match fields.get(2) {
            Some(w) if signed != Some(true) => match w.parse::<f32>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    b.skip(
                        n,
                        SkipReason::Value,
                        Some(format!("weight {} is not a number", shown(w))),
                    );
                    continue;
                }
            },
            _ => None,
        };
        let date = match fields.get(3) {
            None => EventDate::Unknown,
            Some(t) => match t.parse::<i64>().ok().and_then(PartialDate::of_unix) {
                Some(d) => EventDate::On(d),
                None => {
                    b.skip(
                        n,
                        SkipReason::Date,
                        Some(format!("time {} is not a UNIX time", shown(t))),
                    );
                    continue;
                }
            },
        };
        if from == to {
            b.skip(n, SkipReason::SameActor, None);
            continue;
        }
        let Some(action) = general_action(kind) else {
            b.skip(n, SkipReason::Value, Some(NO_MEDIATION.into()));
            continue;
        };
        // Nodes are registered only now, so that a row making no event adds no party.
        let mut party = |id: usize, b: &mut Builder| -> u32 {
            *nodes.entry(id).or_insert_with(|| {
                let name = match &m.names {
                    Some(names) => names[id - 1].trim().to_string(),
                    None => format!("node {id}"),
                };
                b.party(Party {
                    name: name.into(),
                    code: None,
                    country: None,
                    kind: ActorKind::Other,
                })
            })
        };
        let from = party(from, &mut b);
        let to = party(to, &mut b);
        b.event(Event {
            line: n,
            start: line.start,
            len: line.text.len() as u32,
            record: record_id("", n),
            from,
            to,
            action,
            mutual: true,
            date,
            code: None,
            goldstein: None,
            quad: None,
            weight,
            story: None,
        });
    }
    b.finish()
}

/// A KONECT node number, checked against the names the mapping gives: the number, or what is
/// wrong with it.
fn node(field: &str, m: &super::Mapping) -> Result<usize, String> {
    let id: usize = field
        .parse()
        .ok()
        .filter(|&i| i >= 1)
        .ok_or_else(|| format!("node {} is not a number from 1", shown(field)))?;
    match &m.names {
        Some(names) if id > names.len() => Err(format!(
            "node {id}, but --names gives {} names",
            names.len()
        )),
        _ => Ok(id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Mapping;

    fn run(text: &str, m: &Mapping) -> Parsed {
        let (text, bad) = crate::dataset::decode(text.as_bytes().to_vec());
        parse(&Rows {
            text: &text,
            bad_utf8: &bad,
            mapping: m,
        })
    }

    fn as_kind(k: RelationKind) -> Mapping {
        Mapping {
            as_kind: Some(k),
            ..Mapping::default()
        }
    }

    #[test]
    fn a_two_column_list_is_what_the_user_states_undated() {
        let p = run(
            "source,target\nIran,Turkey\nTurkey,Qatar\n",
            &as_kind(RelationKind::Cooperation),
        );
        assert_eq!(p.events.len(), 2);
        assert!(p
            .events
            .iter()
            .all(|e| e.action == Action::Support && e.mutual));
        assert!(p.events.iter().all(|e| e.date == EventDate::Unknown));
        assert_eq!(p.events[0].record.as_ref(), "line 2");
    }

    #[test]
    fn without_a_stated_kind_the_file_is_unreadable() {
        let p = run("source,target\nIran,Turkey\n", &Mapping::default());
        assert_eq!(p.rows, 0);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("--as cooperation"));
    }

    #[test]
    fn signs_kinds_and_actions_give_the_kind() {
        let p = run(
            "from\tto\tsign\nA\tB\t+1\nA\tC\t-1\nA\tD\t0\n",
            &Mapping::default(),
        );
        assert_eq!(p.events[0].action.kind(), RelationKind::Cooperation);
        assert_eq!(p.events[1].action, Action::Protest);
        assert_eq!(p.skipped[0].reason, SkipReason::Value);
        let p = run(
            "a;b;action\nX;Y;assault\nX;Z;MEDIATE\n",
            &Mapping::default(),
        );
        assert_eq!(p.events[0].action, Action::Assault);
        assert!(!p.events[0].mutual);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("mediation"));
    }

    #[test]
    fn named_columns_dates_and_weights() {
        let m = Mapping {
            source: Some("who".into()),
            target: Some("whom".into()),
            date: Some("when".into()),
            weight: Some("w".into()),
            as_kind: Some(RelationKind::Conflict),
            ..Mapping::default()
        };
        let p = run(
            "when,who,whom,w\n2024-05-01,A,B,2.5\nMay,A,B,1\n2024-05-02,A,B,heavy\n",
            &m,
        );
        assert_eq!(p.events.len(), 1);
        assert_eq!(p.events[0].weight, Some(2.5));
        assert_eq!(p.events[0].date.to_string(), "2024-05-01");
        let reasons: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(reasons, vec![(3, SkipReason::Date), (4, SkipReason::Value)]);
        let bad = Mapping {
            source: Some("nope".into()),
            ..m
        };
        let p = run("when,who,whom,w\n", &bad);
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("no column 'nope'"));
    }

    #[test]
    fn quoted_names_keep_their_commas() {
        let p = run(
            "source,target\n\"Korea, Republic of\",Japan\n",
            &as_kind(RelationKind::Cooperation),
        );
        assert_eq!(
            p.parties[p.events[0].from as usize].name.as_ref(),
            "Korea, Republic of"
        );
    }

    #[test]
    fn konect_signed_files_use_names_in_order() {
        let m = Mapping {
            names: Some(vec!["A".into(), "B".into(), "C".into()]),
            ..Mapping::default()
        };
        let p = run("% sym signed\n% 3 3 3\n1 2 1\n1 3 -1\n2 4 1\n3 3 1\n", &m);
        assert_eq!(p.rows, 4);
        assert_eq!(p.events.len(), 2);
        assert_eq!(p.parties[p.events[1].to as usize].name.as_ref(), "C");
        assert_eq!(p.events[1].action.kind(), RelationKind::Conflict);
        let reasons: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            reasons,
            vec![(5, SkipReason::Value), (6, SkipReason::SameActor)]
        );
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("node 4, but --names gives 3 names"));
    }

    #[test]
    fn konect_unsigned_files_need_a_stated_kind_and_times_date_edges() {
        let p = run("% asym unsigned\n1 2\n", &Mapping::default());
        assert_eq!(p.rows, 0);
        let p = run(
            "% asym unsigned\n1 2 1 86400\n",
            &as_kind(RelationKind::Conflict),
        );
        assert_eq!(p.events[0].date.to_string(), "1970-01-02");
        assert_eq!(p.parties[0].name.as_ref(), "node 1");
    }

    #[test]
    fn kind_columns_signs_and_actions_each_give_the_kind() {
        let p = run(
            "source,target,kind\nA,B,Cooperation\nA,C,conflict\nA,D,mediation\nA,E,friendly\n",
            &Mapping::default(),
        );
        let kinds: Vec<RelationKind> = p.events.iter().map(|e| e.action.kind()).collect();
        assert_eq!(kinds, [RelationKind::Cooperation, RelationKind::Conflict]);
        assert!(p.events.iter().all(|e| e.mutual));
        let reasons: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            reasons,
            vec![(4, SkipReason::Value), (5, SkipReason::Value)]
        );
        assert!(p.skipped[0]
            .detail
            .as_deref()
            .unwrap()
            .contains("mediation"));
        assert_eq!(
            p.skipped[1].detail.as_deref(),
            Some("kind \"friendly\" is not cooperation or conflict")
        );
        let p = run(
            "from;to;sign\nA;B;+\nA;C;-\nA;D;1\nA;E;+1\nA;F;-1\nA;G;x\n",
            &Mapping::default(),
        );
        let kinds: Vec<RelationKind> = p.events.iter().map(|e| e.action.kind()).collect();
        use RelationKind::{Conflict as No, Cooperation as Yes};
        assert_eq!(kinds, [Yes, No, Yes, Yes, No]);
        assert_eq!(
            (p.skipped[0].line, p.skipped[0].reason),
            (7, SkipReason::Value)
        );
        // An action column names the act, which then says who acted.
        let p = run(
            "source,target,kind,action\nA,B,conflict,ASSAULT\nA,B,cooperation,ASSAULT\nA,B,,aid\n",
            &Mapping::default(),
        );
        assert_eq!(p.events.len(), 1);
        assert_eq!(
            (p.events[0].action, p.events[0].mutual),
            (Action::Assault, false)
        );
        let reasons: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            reasons,
            vec![(3, SkipReason::Value), (4, SkipReason::Value)]
        );
    }

    #[test]
    fn the_separator_is_the_first_of_tab_semicolon_and_comma_in_the_header() {
        for (text, name) in [
            ("a\tb\nX, Y\tZ\n", "X, Y"),
            ("a;b\nX, Y;Z\n", "X, Y"),
            ("a,b\n\" X \",Z\n", "X"),
        ] {
            let p = run(text, &as_kind(RelationKind::Conflict));
            assert_eq!(
                p.parties[p.events[0].from as usize].name.as_ref(),
                name,
                "{text:?}"
            );
            let party = &p.parties[0];
            assert_eq!(
                (party.kind, party.country.as_deref()),
                (ActorKind::Other, None)
            );
        }
    }

    #[test]
    fn mediation_cannot_be_stated_for_a_whole_file() {
        let m = as_kind(RelationKind::Mediation);
        for text in ["a,b\nX,Y\n", "% sym unsigned\n1 2\n"] {
            let p = run(text, &m);
            assert_eq!((p.rows, p.events.len()), (0, 0), "{text:?}");
            assert!(p.skipped[0]
                .detail
                .as_deref()
                .unwrap()
                .contains("cannot state mediations"));
        }
    }

    /// A row that makes no event must not leave a party behind: the loader would create an
    /// actor for it with no claim.
    #[test]
    fn a_skipped_konect_row_registers_no_party() {
        let p = run(
            "% sym signed\n7 8 0\n5 5 1\n9 2 x\n1 2 1\n",
            &Mapping::default(),
        );
        let names: Vec<&str> = p.parties.iter().map(|x| x.name.as_ref()).collect();
        assert_eq!(names, ["node 1", "node 2"]);
        assert_eq!(p.rows, 4);
        assert_eq!(p.events.len() + p.skipped.len(), 4);
    }

    #[test]
    fn konect_rows_of_the_wrong_shape_are_located() {
        let p = run(
            "% sym signed\n% 4 3 3\n1\n1 2 1 5 6\n1 2\n0 2 1\n1 2 1 soon\n\n1 3 -1\n",
            &Mapping::default(),
        );
        let reasons: Vec<_> = p.skipped.iter().map(|s| (s.line, s.reason)).collect();
        assert_eq!(
            reasons,
            vec![
                (3, SkipReason::Columns),
                (4, SkipReason::Columns),
                (5, SkipReason::Columns),
                (6, SkipReason::Value),
                (7, SkipReason::Date),
            ]
        );
        assert_eq!((p.events.len(), p.events[0].line, p.rows), (1, 9, 6));
        assert_eq!(p.events[0].record.as_ref(), "line 9");
    }

    #[test]
    fn unix_days_are_civil_dates() {
        assert_eq!(PartialDate::of_unix(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            PartialDate::of_unix(951_782_400).unwrap().to_string(),
            "2000-02-29"
        );
        assert!(PartialDate::of_unix(-1).is_none());
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut rng = crate::rng::Rng::new(7);
        let alphabet = b"ab,;\t\"%\n12-+ \r";
        for _ in 0..2000 {
            let len = rng.below(60);
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(20) == 0 {
                        0x80 + rng.below(0x80) as u8
                    } else {
                        alphabet[rng.below(alphabet.len())]
                    }
                })
                .collect();
            for m in [Mapping::default(), as_kind(RelationKind::Cooperation)] {
                let (text, bad) = crate::dataset::decode(bytes.clone());
                let p = parse(&Rows {
                    text: &text,
                    bad_utf8: &bad,
                    mapping: &m,
                });
                for e in &p.events {
                    assert!(text
                        .get(e.start as usize..(e.start + e.len) as usize)
                        .is_some());
                }
                if p.rows > 0 {
                    assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize);
                }
            }
        }
        let names = Mapping {
            names: Some(vec!["A".into(), "B".into()]),
            ..Mapping::default()
        };
        for whole in [
            "% sym signed\n% 2 2 2\n1 2 1\n2 1 -1 86400\n",
            "source;target;sign;date\n\"A; x\";B;-1;2024-05-01\nB;A;+1;\n",
        ] {
            for cut in 0..=whole.len() {
                let p = run(&whole[..cut], &names);
                if p.rows > 0 {
                    assert_eq!(p.events.len() + p.skipped.len(), p.rows as usize, "{cut}");
                }
            }
        }
    }
}
