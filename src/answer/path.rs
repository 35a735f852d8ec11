//! `path`: the shortest path, every shortest path, or the k shortest paths between two
//! actors, each hop with the claims behind it; and, when there is none, why.

use serde::Serialize;

use super::{ActorRef, AnswerError, ClaimView, Cx, Grouping, QueryError};
use crate::cancel::Stopped;
use crate::graph::algo::Walker;
use crate::graph::{Direction, Filter};
use crate::model::{Action, ActorId, ClaimId, RelationKind};
use crate::query::{Names, Opts, PathMode};
use crate::text::count;

/// How many paths `path … all` lists at most (it always counts them all).
pub const MAX_LISTED_PATHS: usize = 50;

/// Which paths a `path` query asks for, as its answer reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PathSearch {
    /// One shortest path.
    Shortest,
    /// Every shortest path (the answer lists up to [`MAX_LISTED_PATHS`] and counts them all).
    All,
    /// The k shortest simple paths.
    K,
}

/// The answer to `path A B`: one or more paths between two actors, each hop with the claim that
/// best supports it, or why there is none.
#[derive(Clone, Debug, Serialize)]
pub struct PathAnswer {
    /// The actor the paths start from.
    pub from: ActorRef,
    /// The actor the paths end at.
    pub to: ActorRef,
    /// Which paths were asked for.
    pub mode: PathSearch,
    /// With `k N`, the N asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k: Option<usize>,
    /// The filter in words, e.g. `["via conflict", "directed"]`.
    pub filter: Vec<String>,
    /// How many shortest paths exist, for `all` only (absent otherwise; 0 when there is none).
    /// A JSON number; it can exceed 2^53, where readers that parse numbers as doubles lose
    /// exactness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u128>,
    /// The paths found, in the order the search gives them: at most one for a shortest path, at
    /// most [`MAX_LISTED_PATHS`] for `all` (lowest actor ids first), at most N for `k N` (shortest
    /// first). Empty when there is none.
    pub paths: Vec<PathView>,
    /// Why there is no path, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_path: Option<String>,
    /// How actors were grouped (for exports).
    #[serde(skip)]
    pub grouping: Grouping,
}

/// One path: its actors in order, and the hops between them.
#[derive(Clone, Debug, Serialize)]
pub struct PathView {
    /// The actors along the path, from `from` to `to` inclusive.
    pub actors: Vec<ActorRef>,
    /// One hop per pair of consecutive actors: always one fewer than `actors`.
    pub hops: Vec<HopView>,
}

/// One step of a path: the relation used, and the claim that best supports it.
#[derive(Clone, Debug, Serialize)]
pub struct HopView {
    /// The actor the hop leaves, in path order.
    pub from: ActorRef,
    /// The actor the hop reaches.
    pub to: ActorRef,
    /// The relation the hop uses: of the kinds between the two that pass the filter, the one with
    /// the most passing claims (cooperation, then conflict, then mediation on a tie).
    pub kind: RelationKind,
    /// The action of the strongest claim.
    pub action: Action,
    /// The date of the strongest claim, e.g. `2026-02-06`.
    pub date: String,
    /// Claims on this relation that pass the filter.
    pub claims: usize,
    /// The claim that best supports the hop: firmest certainty, then most recent, then earliest
    /// cited.
    pub strongest: ClaimView,
    /// Other kinds of relation between the same two actors that pass the filter.
    pub also: Vec<KindCount>,
    /// People and components rolled up into the hop's two actors whose claims support it
    /// ("Turkey — incl. Hakan Fidan"); empty (and absent from the JSON) when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub through: Vec<ActorRef>,
    /// Every passing claim of the hop, of every kind, in id order (for exports).
    #[serde(skip)]
    pub claim_ids: Vec<ClaimId>,
}

/// Another kind of relation on a hop, with its claim count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// The other kind: `cooperation`, `conflict` or `mediation`.
    pub kind: RelationKind,
    /// How many claims of that kind between the hop's two actors pass the filter.
    pub claims: usize,
}

impl Cx<'_> {
    pub(super) fn path(&self, actors: &Names, opts: &Opts) -> Result<PathAnswer, AnswerError> {
        let ids = self.bind(actors, 2, 2, "path needs two actors")?;
        let (s, t) = (ids[0], ids[1]);
        let filter = self.filter(opts, &[s, t])?;
        for end in [s, t] {
            if filter.avoid.contains(&end) {
                return Err(QueryError::new(format!(
                    "cannot avoid {}: it is an end of the path",
                    self.db.name(end)
                ))
                .into());
            }
        }
        let w = self.walker(&filter);
        let (paths, total, mode) = match opts.mode {
            PathMode::Shortest => (
                w.shortest_path(s, t, opts.max).into_iter().collect(),
                None,
                PathSearch::Shortest,
            ),
            PathMode::All => match w.all_shortest_paths(s, t, opts.max, MAX_LISTED_PATHS)? {
                Some(all) => (all.paths, Some(all.total), PathSearch::All),
                None => (Vec::new(), Some(0), PathSearch::All),
            },
            PathMode::K(k) => (w.k_shortest_paths(s, t, k, opts.max)?, None, PathSearch::K),
        };
        let no_path = if paths.is_empty() {
            Some(self.explain_no_path(&filter, s, t, opts.max)?)
        } else {
            None
        };
        let paths = paths
            .iter()
            .map(|p| self.path_view(&w, &filter, p))
            .collect();
        Ok(PathAnswer {
            from: self.actor_ref(s),
            to: self.actor_ref(t),
            mode,
            k: match opts.mode {
                PathMode::K(k) => Some(k),
                _ => None,
            },
            filter: self.describe_filter(&filter),
            total,
            paths,
            no_path,
            grouping: Grouping::of(&filter),
        })
    }

    fn path_view(&self, w: &Walker<'_>, filter: &Filter, path: &[ActorId]) -> PathView {
        let dir = if filter.directed {
            Direction::Out
        } else {
            Direction::Both
        };
        let hops = path
            .windows(2)
            .map(|pair| {
                let (u, v) = (pair[0], pair[1]);
                // Every passing claim between the two groups (going u → v when directed), by
                // kind; the hop uses the kind with the most evidence.
                let claims = w.step_claims(u, v, dir);
                let mut by_kind: Vec<(RelationKind, Vec<ClaimId>)> = Vec::new();
                for kind in RelationKind::ALL {
                    let of_kind: Vec<ClaimId> = claims
                        .iter()
                        .copied()
                        .filter(|c| self.db.claim(*c).kind() == kind)
                        .collect();
                    if !of_kind.is_empty() {
                        by_kind.push((kind, of_kind));
                    }
                }
                by_kind.sort_by_key(|(kind, cs)| (std::cmp::Reverse(cs.len()), *kind));
                let (kind, main) = by_kind[0].clone();
                let strongest = self.strongest(&main);
                let c = self.db.claim(strongest);
                HopView {
                    from: self.actor_ref(u),
                    to: self.actor_ref(v),
                    kind,
                    action: c.action,
                    date: c.date.to_string(),
                    claims: main.len(),
                    strongest: self.claim_view(strongest),
                    also: by_kind[1..]
                        .iter()
                        .map(|(k, cs)| KindCount {
                            kind: *k,
                            claims: cs.len(),
                        })
                        .collect(),
                    through: self.through(w, &[u, v], &claims),
                    claim_ids: claims,
                }
            })
            .collect();
        PathView {
            actors: path.iter().map(|a| self.actor_ref(*a)).collect(),
            hops,
        }
    }

    /// Says why no path was found: the hop limit, direction, the filter, or the graph itself.
    fn explain_no_path(
        &self,
        filter: &Filter,
        s: ActorId,
        t: ActorId,
        max: Option<usize>,
    ) -> Result<String, Stopped> {
        let (sn, tn) = (self.db.name(s), self.db.name(t));
        let w = self.walker(filter);
        if let Some(m) = max {
            if let Some(p) = w.shortest_path(s, t, None) {
                return Ok(format!(
                    "no path within {}: the shortest under this filter has {}",
                    count(m, "hop"),
                    count(p.len() - 1, "hop")
                ));
            }
        }
        if filter.directed {
            let undirected = Filter {
                directed: false,
                ..filter.clone()
            };
            if let Some(p) = self.walker(&undirected).shortest_path(s, t, None) {
                return Ok(format!(
                    "no directed path from {sn} to {tn}: every route walks some relation against the direction of its claims; ignoring direction, the shortest path has {}",
                    count(p.len() - 1, "hop")
                ));
            }
        }
        let (cs, ct) = (w.component_size(s)?, w.component_size(t)?);
        let open = Filter {
            rollup: filter.rollup,
            keep: filter.keep.clone(),
            ..Filter::default()
        };
        // Whether the filter restricts anything beyond the grouping, which both share.
        let open_equals_filter = filter.kinds.is_all()
            && filter.min_certainty.is_none()
            && filter.since.is_none()
            && filter.until.is_none()
            && filter.documents.is_none()
            && !filter.directed
            && filter.avoid.is_empty();
        if !open_equals_filter {
            if let Some(p) = self.walker(&open).shortest_path(s, t, None) {
                return Ok(format!(
                    "{sn} and {tn} are in different components under this filter ({sn} reaches {} actor{}, {tn} {}); without the filter the shortest path has {}",
                    cs - 1,
                    if cs == 2 { "" } else { "s" },
                    ct - 1,
                    count(p.len() - 1, "hop")
                ));
            }
        }
        Ok(format!(
            "{sn} and {tn} are in different components of the graph ({sn}'s has {cs} actor{}, {tn}'s {ct})",
            if cs == 1 { "" } else { "s" }
        ))
    }
}
