//! Answering queries: resolve names, run the algorithms, and assemble each answer as plain data.
//!
//! Answers know nothing of how they will be shown. They serialise to the JSON that
//! `--format json` prints (the shape is documented in README.md and kept stable), and
//! [`crate::render`] turns them into text. Answering never does I/O.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::db::Database;
use crate::graph::algo::Walker;
use crate::graph::{Direction, EdgeId, Filter};
use crate::model::{
    Action, ActorId, ActorKind, Certainty, Claim, ClaimId, KindSet, PartialDate, RelationKind,
    Target,
};
use crate::query::{Names, Opts, PathMode, Query};

/// How many paths `path … all` lists at most (it always counts them all).
pub const MAX_LISTED_PATHS: usize = 50;
/// How many candidate brokers `mediators` lists unless `limit` says otherwise.
pub const DEFAULT_BROKERS: usize = 10;

/// A query that could not be answered: an unknown name, a wrong number of actors, a bad option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryError {
    pub message: String,
    /// Where in the line the problem is (1-based), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl QueryError {
    fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
            column: None,
            help: None,
        }
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    fn at(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

impl From<crate::query::ParseError> for QueryError {
    fn from(e: crate::query::ParseError) -> Self {
        QueryError {
            message: e.message,
            column: Some(e.column),
            help: e.help,
        }
    }
}

/// An actor as answers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(skip)]
    pub actor: ActorId,
}

/// A claim with its evidence, as answers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimView {
    /// `document#n`: the n-th claim of the document's claims file.
    pub cite: String,
    pub from: ActorRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<[ActorRef; 2]>,
    pub kind: RelationKind,
    pub action: Action,
    pub mutual: bool,
    pub date: String,
    pub certainty: Certainty,
    pub document: String,
    pub quote: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub claim: ClaimId,
}

/// Every answer. Serialised with a `"type"` tag naming the query.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    Path(PathAnswer),
    Neighbors(NeighborsAnswer),
    Mediators(MediatorsAnswer),
    Evidence(EvidenceAnswer),
    Actor(Box<ActorCard>),
    Contested(ContestedAnswer),
    Central(CentralAnswer),
    Find(FindAnswer),
    Stats(StatsAnswer),
    Help(HelpAnswer),
}

#[derive(Clone, Debug, Serialize)]
pub struct PathAnswer {
    pub from: ActorRef,
    pub to: ActorRef,
    /// `shortest`, `all` or `k`.
    pub mode: String,
    /// The filter in words, e.g. `["via conflict", "directed"]`.
    pub filter: Vec<String>,
    /// How many shortest paths exist (for `all`), as a decimal string since it may exceed
    /// what JSON numbers hold exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    pub paths: Vec<PathView>,
    /// Why there is no path, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_path: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PathView {
    pub actors: Vec<ActorRef>,
    pub hops: Vec<HopView>,
}

/// One step of a path: the relation used, and the claim that best supports it.
#[derive(Clone, Debug, Serialize)]
pub struct HopView {
    pub from: ActorRef,
    pub to: ActorRef,
    pub kind: RelationKind,
    /// The action of the strongest claim.
    pub action: Action,
    pub date: String,
    /// Claims on this relation that pass the filter.
    pub claims: usize,
    pub strongest: ClaimView,
    /// Other kinds of relation between the same two actors that pass the filter.
    pub also: Vec<KindCount>,
    /// Every usable edge of the hop with its passing claims, main edge first (for exports).
    #[serde(skip)]
    pub edges: Vec<(EdgeId, Vec<ClaimId>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: RelationKind,
    pub claims: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct NeighborsAnswer {
    pub center: ActorRef,
    pub depth: usize,
    pub direction: String,
    pub filter: Vec<String>,
    /// How many actors the neighbourhood holds in all.
    pub total: usize,
    /// Whether `limit` cut the list.
    pub cut: bool,
    pub rings: Vec<Ring>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Ring {
    pub distance: usize,
    pub actors: Vec<Neighbor>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Neighbor {
    pub actor: ActorRef,
    /// The actor it was reached from (the centre, at distance 1).
    pub via: ActorRef,
    pub relations: Vec<Relation>,
}

/// A summary of one edge: its kind, how many claims pass, and its most frequent actions.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    pub kind: RelationKind,
    pub claims: usize,
    pub actions: Vec<Action>,
    #[serde(skip)]
    pub edge: EdgeId,
    /// The claims that pass the query's filter (for exports).
    #[serde(skip)]
    pub claim_ids: Vec<ClaimId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MediatorsAnswer {
    pub a: ActorRef,
    pub b: ActorRef,
    pub filter: Vec<String>,
    /// Actors with mediation claims between A and B, best evidence first.
    pub sourced: Vec<SourcedMediator>,
    /// Actors the graph suggests could broker between A and B, strongest ties first.
    pub brokers: Vec<Broker>,
    /// How many brokers qualified before `limit`.
    pub brokers_total: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourcedMediator {
    pub rank: usize,
    pub actor: ActorRef,
    /// People or components whose claims rolled up to this actor.
    pub via: Vec<ActorRef>,
    pub documents: usize,
    pub best_certainty: Certainty,
    pub latest: String,
    pub claims: Vec<ClaimView>,
    /// Why it sits at its rank.
    pub why: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Broker {
    pub rank: usize,
    pub actor: ActorRef,
    /// Cooperation with A (claims, and the actions they report).
    pub with_a: TieView,
    pub with_b: TieView,
    /// Conflict claims with A and with B, which weaken a broker's standing.
    pub conflict_a: usize,
    pub conflict_b: usize,
    /// Whether it lies on a shortest path between A and B.
    pub on_shortest_path: bool,
    /// Whether it is also a sourced mediator.
    pub sourced: bool,
    pub why: String,
    #[serde(skip)]
    pub tie_claims: Vec<ClaimId>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TieView {
    pub claims: usize,
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EvidenceAnswer {
    pub a: ActorRef,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<ActorRef>,
    pub filter: Vec<String>,
    /// Sorted by date, then document order.
    pub claims: Vec<ClaimView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorCard {
    pub actor: ActorRef,
    pub kind_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActorRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<ActorRef>,
    /// The top-level actor this one rolls up to, if not itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolls_up_to: Option<ActorRef>,
    /// Actors that are part of, or act for, this one.
    pub members: Vec<ActorRef>,
    pub counts: Vec<KindTally>,
    pub partners: Vec<Counterpart>,
    pub adversaries: Vec<Counterpart>,
    /// Pairs it mediates between, and who mediates for it.
    pub mediates_between: Vec<[ActorRef; 2]>,
    pub mediated_by: Vec<ActorRef>,
    pub documents: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KindTally {
    pub kind: RelationKind,
    pub relations: usize,
    pub claims: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counterpart {
    pub actor: ActorRef,
    pub claims: usize,
    pub best_certainty: Certainty,
    pub actions: Vec<Action>,
    #[serde(skip)]
    pub edge: EdgeId,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContestedAnswer {
    pub filter: Vec<String>,
    pub pairs: Vec<ContestedPair>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContestedPair {
    pub a: ActorRef,
    pub b: ActorRef,
    pub cooperation: Vec<ClaimView>,
    pub conflict: Vec<ClaimView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CentralAnswer {
    /// `betweenness` or `degree`.
    pub by: String,
    pub filter: Vec<String>,
    /// Whether every actor was a source (exact) or a seeded sample was (an estimate).
    pub exact: bool,
    /// How many sources the betweenness estimate used, and the seed that chose them.
    pub sources: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    pub actors: usize,
    pub top: Vec<CentralEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CentralEntry {
    pub rank: usize,
    pub actor: ActorRef,
    /// Normalised betweenness, or degree (distinct neighbours) divided by `n − 1`.
    pub score: f64,
    /// Distinct neighbours under the filter.
    pub degree: usize,
}

/// Above this many actors, `central by betweenness` samples sources unless told otherwise.
pub const EXACT_BETWEENNESS_LIMIT: usize = 5_000;
/// How many sources the default sample uses.
pub const DEFAULT_SAMPLE: usize = 200;
/// The default seed for choosing sampled sources.
pub const DEFAULT_SEED: u64 = 42;

#[derive(Clone, Debug, Serialize)]
pub struct FindAnswer {
    pub query: String,
    pub matches: Vec<FoundActor>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FoundActor {
    pub actor: ActorRef,
    /// The spelling that matched.
    pub matched: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct StatsAnswer {
    pub actors: usize,
    pub documents: usize,
    pub claims: usize,
    pub edges: usize,
    pub actors_by_kind: BTreeMap<String, usize>,
    pub claims_by_kind: BTreeMap<String, usize>,
    pub claims_by_certainty: BTreeMap<String, usize>,
    pub claims_by_document: BTreeMap<String, usize>,
    pub components: usize,
    pub largest_component: usize,
    /// The most connected actors: (actor, relations, claims).
    pub most_connected: Vec<(ActorRef, usize, usize)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct HelpAnswer {
    pub topic: Option<String>,
    pub text: String,
}

/// Answers a parsed query. `Query::Quit` is for front ends to handle and is an error here.
pub fn answer(db: &Database, q: &Query) -> Result<Answer, QueryError> {
    let cx = Cx { db };
    match q {
        Query::Path { actors, opts } => cx.path(actors, opts).map(Answer::Path),
        Query::Neighbors { actor, opts } => cx.neighbors(actor, opts).map(Answer::Neighbors),
        Query::Mediators { actors, opts } => cx.mediators(actors, opts).map(Answer::Mediators),
        Query::Evidence { actors, opts } => cx.evidence(actors, opts).map(Answer::Evidence),
        Query::Show { actor } => cx.show(actor).map(|c| Answer::Actor(Box::new(c))),
        Query::Contested { actor, opts } => cx.contested(actor, opts).map(Answer::Contested),
        Query::Central { opts } => cx.central(opts).map(Answer::Central),
        Query::Find { text } => Ok(Answer::Find(cx.find(text))),
        Query::Stats => Ok(Answer::Stats(cx.stats())),
        Query::Help { topic } => help(topic.as_deref()).map(Answer::Help),
        Query::Quit => Err(QueryError::new(
            "`quit` ends a session; there is nothing to answer",
        )),
    }
}

/// Parses and answers one line.
pub fn run(db: &Database, line: &str) -> Result<Answer, QueryError> {
    let q = crate::query::parse(line)?;
    answer(db, &q)
}

/// An actor as answers and exports show it.
pub fn actor_ref(db: &Database, a: ActorId) -> ActorRef {
    Cx { db }.actor_ref(a)
}

/// A claim with its evidence, as answers and exports show it.
pub fn claim_view(db: &Database, c: ClaimId) -> ClaimView {
    Cx { db }.claim_view(c)
}

/// The most frequent actions among claims, most frequent first, at most three.
pub fn top_actions(db: &Database, claims: &[ClaimId]) -> Vec<Action> {
    Cx { db }.top_actions(claims)
}

/// The strongest of some claims: firmest certainty, then most recent, then earliest cited.
pub fn strongest(db: &Database, claims: &[ClaimId]) -> ClaimId {
    Cx { db }.strongest(claims)
}

struct Cx<'a> {
    db: &'a Database,
}

impl Cx<'_> {
    fn actor_ref(&self, a: ActorId) -> ActorRef {
        let x = self.db.actor(a);
        ActorRef {
            id: x.id.clone(),
            name: x.name.clone(),
            kind: x.kind,
            actor: a,
        }
    }

    fn claim_view(&self, id: ClaimId) -> ClaimView {
        let c = self.db.claim(id);
        let doc = self.db.document(c.doc);
        let (to, between) = match c.target {
            Target::Actor(t) => (Some(self.actor_ref(t)), None),
            Target::Between(a, b) => (None, Some([self.actor_ref(a), self.actor_ref(b)])),
        };
        ClaimView {
            cite: format!("{}#{}", doc.id, c.seq),
            from: self.actor_ref(c.from),
            to,
            between,
            kind: c.kind(),
            action: c.action,
            mutual: c.mutual,
            date: c.date.to_string(),
            certainty: c.certainty,
            document: doc.id.clone(),
            quote: self.db.quote(c).to_string(),
            note: c.note.as_deref().map(str::to_string),
            claim: id,
        }
    }

    /// Resolves names to exactly `n` actors (or `n_min..=n` when a second is optional).
    fn bind(
        &self,
        names: &Names,
        min: usize,
        max: usize,
        what: &str,
    ) -> Result<Vec<ActorId>, QueryError> {
        if names.is_empty() {
            return Err(QueryError::new(what).at(names.column));
        }
        let ids = names.bind(&self.db.names).map_err(|e| {
            let message = match &e.unresolved {
                Some(u) => u.describe(|id| self.db.name(id).to_string()),
                None => e.message.clone(),
            };
            QueryError::new(message).at(e.column).help(
                "`find TEXT` searches names and aliases; quote names that contain option words",
            )
        })?;
        if ids.len() < min || ids.len() > max {
            let got: Vec<String> = ids.iter().map(|a| self.db.name(*a).to_string()).collect();
            return Err(QueryError::new(format!(
                "{what}; '{}' names {} actor{}{}",
                names.text(),
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                if got.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", got.join(", "))
                }
            ))
            .at(names.column)
            .help("quote multi-word names, e.g. \"United States\""));
        }
        Ok(ids)
    }

    fn filter(&self, opts: &Opts) -> Result<Filter, QueryError> {
        let avoid = if opts.avoid.is_empty() {
            Vec::new()
        } else {
            self.bind(&opts.avoid, 1, usize::MAX, "`avoid` needs actors")?
        };
        if let (Some(s), Some(u)) = (opts.since, opts.until) {
            if !s.may_be_on_or_before(u) {
                return Err(QueryError::new(format!(
                    "`since {s}` is after `until {u}`: no claim can match"
                )));
            }
        }
        Ok(Filter {
            kinds: opts.kinds.unwrap_or(KindSet::ALL),
            min_certainty: opts.certainty,
            since: opts.since,
            until: opts.until,
            directed: opts.directed,
            avoid,
        })
    }

    fn describe_filter(&self, f: &Filter) -> Vec<String> {
        let mut out = Vec::new();
        if !f.kinds.is_all() {
            let kinds: Vec<&str> = f.kinds.iter().map(RelationKind::as_str).collect();
            out.push(format!("via {}", kinds.join(" ")));
        }
        if f.directed {
            out.push("directed".into());
        }
        if let Some(c) = f.min_certainty {
            out.push(format!("certainty {c} or firmer"));
        }
        if let Some(d) = f.since {
            out.push(format!("since {d}"));
        }
        if let Some(d) = f.until {
            out.push(format!("until {d}"));
        }
        if !f.avoid.is_empty() {
            let names: Vec<&str> = f.avoid.iter().map(|a| self.db.name(*a)).collect();
            out.push(format!("avoiding {}", names.join(", ")));
        }
        out
    }

    /// The strongest of some claims: firmest certainty, then most recent, then earliest cited.
    fn strongest(&self, claims: &[ClaimId]) -> ClaimId {
        *claims
            .iter()
            .max_by(|a, b| {
                let (x, y) = (self.db.claim(**a), self.db.claim(**b));
                x.certainty
                    .cmp(&y.certainty)
                    .then(x.date.cmp(&y.date))
                    .then(b.cmp(a))
            })
            .expect("an edge has claims")
    }

    /// The most frequent actions among claims, most frequent first, at most three.
    fn top_actions(&self, claims: &[ClaimId]) -> Vec<Action> {
        let mut counts: BTreeMap<Action, usize> = BTreeMap::new();
        for c in claims {
            *counts.entry(self.db.claim(*c).action).or_default() += 1;
        }
        let mut v: Vec<(Action, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(3).map(|(a, _)| a).collect()
    }

    fn path(&self, actors: &Names, opts: &Opts) -> Result<PathAnswer, QueryError> {
        let ids = self.bind(actors, 2, 2, "path needs two actors")?;
        let (s, t) = (ids[0], ids[1]);
        let filter = self.filter(opts)?;
        for end in [s, t] {
            if filter.avoid.contains(&end) {
                return Err(QueryError::new(format!(
                    "cannot avoid {}: it is an end of the path",
                    self.db.name(end)
                )));
            }
        }
        let w = Walker::new(self.db.net(), &filter);
        let (paths, total, mode) = match opts.mode {
            PathMode::Shortest => (
                w.shortest_path(s, t, opts.max).into_iter().collect(),
                None,
                "shortest",
            ),
            PathMode::All => match w.all_shortest_paths(s, t, opts.max, MAX_LISTED_PATHS) {
                Some(all) => (all.paths, Some(all.total.to_string()), "all"),
                None => (Vec::new(), Some("0".into()), "all"),
            },
            PathMode::K(k) => (w.k_shortest_paths(s, t, k, opts.max), None, "k"),
        };
        let no_path = paths
            .is_empty()
            .then(|| self.explain_no_path(&filter, s, t, opts.max));
        let paths = paths
            .iter()
            .map(|p| self.path_view(&w, &filter, p))
            .collect();
        Ok(PathAnswer {
            from: self.actor_ref(s),
            to: self.actor_ref(t),
            mode: mode.into(),
            filter: self.describe_filter(&filter),
            total,
            paths,
            no_path,
        })
    }

    fn path_view(&self, w: &Walker<'_>, filter: &Filter, path: &[ActorId]) -> PathView {
        let hops = path
            .windows(2)
            .map(|pair| {
                let (u, v) = (pair[0], pair[1]);
                // Per usable edge, the claims that pass (and go u → v when directed).
                let mut edges: Vec<(EdgeId, Vec<ClaimId>)> = w
                    .step_edges(u, v)
                    .into_iter()
                    .map(|e| {
                        let claims = filter
                            .passing(self.db.net(), self.db.graph.edge(e))
                            .filter(|c| !filter.directed || self.db.claim(*c).goes(u, v))
                            .collect();
                        (e, claims)
                    })
                    .collect();
                edges.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
                let (edge, claims) = edges[0].clone();
                let strongest = self.strongest(&claims);
                let c = self.db.claim(strongest);
                HopView {
                    from: self.actor_ref(u),
                    to: self.actor_ref(v),
                    kind: self.db.graph.edge(edge).kind,
                    action: c.action,
                    date: c.date.to_string(),
                    claims: claims.len(),
                    strongest: self.claim_view(strongest),
                    also: edges[1..]
                        .iter()
                        .map(|(e, cs)| KindCount {
                            kind: self.db.graph.edge(*e).kind,
                            claims: cs.len(),
                        })
                        .collect(),
                    edges,
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
    ) -> String {
        let (sn, tn) = (self.db.name(s), self.db.name(t));
        let w = Walker::new(self.db.net(), filter);
        if let Some(m) = max {
            if let Some(p) = w.shortest_path(s, t, None) {
                return format!(
                    "no path within {m} hop{}: the shortest under this filter has {} hops",
                    if m == 1 { "" } else { "s" },
                    p.len() - 1
                );
            }
        }
        if filter.directed {
            let undirected = Filter {
                directed: false,
                ..filter.clone()
            };
            if let Some(p) = Walker::new(self.db.net(), &undirected).shortest_path(s, t, None) {
                return format!(
                    "no directed path from {sn} to {tn}: every route walks some relation against the direction of its claims; ignoring direction, the shortest path has {} hops",
                    p.len() - 1
                );
            }
        }
        let (cs, ct) = (w.component_size(s), w.component_size(t));
        let open = Filter::default();
        if !filter.is_open() {
            if let Some(p) = Walker::new(self.db.net(), &open).shortest_path(s, t, None) {
                return format!(
                    "{sn} and {tn} are in different components under this filter ({sn} reaches {} actor{}, {tn} {}); without the filter the shortest path has {} hops",
                    cs - 1,
                    if cs == 2 { "" } else { "s" },
                    ct - 1,
                    p.len() - 1
                );
            }
        }
        format!(
            "{sn} and {tn} are in different components of the graph ({sn}'s has {cs} actor{}, {tn}'s {ct})",
            if cs == 1 { "" } else { "s" }
        )
    }

    fn relations(&self, filter: &Filter, u: ActorId, v: ActorId, dir: Direction) -> Vec<Relation> {
        self.db
            .graph
            .between(u, v)
            .into_iter()
            .filter_map(|e| {
                let edge = self.db.graph.edge(e);
                if !filter.kinds.contains(edge.kind) {
                    return None;
                }
                let claims: Vec<ClaimId> = filter
                    .passing(self.db.net(), edge)
                    .filter(|c| {
                        let c = self.db.claim(*c);
                        match dir {
                            Direction::Both => true,
                            Direction::Out => c.goes(u, v),
                            Direction::In => c.goes(v, u),
                        }
                    })
                    .collect();
                (!claims.is_empty()).then(|| Relation {
                    kind: edge.kind,
                    claims: claims.len(),
                    actions: self.top_actions(&claims),
                    edge: e,
                    claim_ids: claims,
                })
            })
            .collect()
    }

    fn neighbors(&self, actor: &Names, opts: &Opts) -> Result<NeighborsAnswer, QueryError> {
        let s = self.bind(actor, 1, 1, "neighbors needs one actor")?[0];
        let filter = self.filter(opts)?;
        if filter.avoid.contains(&s) {
            return Err(QueryError::new(format!(
                "cannot avoid {}: it is the centre",
                self.db.name(s)
            )));
        }
        let depth = opts.depth.unwrap_or(1);
        let dir = opts.dir.unwrap_or_default();
        let reached = Walker::new(self.db.net(), &filter).neighborhood(s, depth, dir);
        let mut entries: Vec<(usize, Neighbor)> = reached
            .iter()
            .map(|r| {
                (
                    r.distance,
                    Neighbor {
                        actor: self.actor_ref(r.actor),
                        via: self.actor_ref(r.via),
                        relations: self.relations(&filter, r.via, r.actor, dir),
                    },
                )
            })
            .collect();
        // Strongest ties first within a ring; the cut-off keeps the strongest, reproducibly.
        let weight = |n: &Neighbor| n.relations.iter().map(|r| r.claims).sum::<usize>();
        entries.sort_by(|(da, a), (db, b)| {
            da.cmp(db)
                .then(weight(b).cmp(&weight(a)))
                .then(a.actor.name.cmp(&b.actor.name))
        });
        let total = entries.len();
        let cut = opts.limit.is_some_and(|l| l < total);
        entries.truncate(opts.limit.unwrap_or(total));
        let mut rings: Vec<Ring> = Vec::new();
        for (d, n) in entries {
            match rings.last_mut() {
                Some(r) if r.distance == d => r.actors.push(n),
                _ => rings.push(Ring {
                    distance: d,
                    actors: vec![n],
                }),
            }
        }
        let mut described = self.describe_filter(&filter);
        described.retain(|d| d != "directed");
        Ok(NeighborsAnswer {
            center: self.actor_ref(s),
            depth,
            direction: match dir {
                Direction::Both => "both",
                Direction::Out => "out",
                Direction::In => "in",
            }
            .into(),
            filter: described,
            total,
            cut,
            rings,
        })
    }

    /// Every claim on an edge of one of `actors`, each once, in database order. Every claim
    /// that involves an actor, in any role, lies on one of its edges.
    fn claims_at(&self, actors: &[ActorId]) -> Vec<ClaimId> {
        let mut out: Vec<ClaimId> = actors
            .iter()
            .flat_map(|&a| self.db.graph.links(a))
            .flat_map(|l| self.db.graph.claims(l.data).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The actors that roll up to `x`, `x` included (see [`Database::family`]).
    fn family(&self, x: ActorId) -> Vec<ActorId> {
        self.db.family(x)
    }

    fn mediators(&self, actors: &Names, opts: &Opts) -> Result<MediatorsAnswer, QueryError> {
        let ids = self.bind(actors, 2, 2, "mediators needs two actors")?;
        let (a, b) = (ids[0], ids[1]);
        if a == b {
            return Err(QueryError::new("mediators needs two different actors"));
        }
        let filter = self.filter(opts)?;
        let (fam_a, fam_b) = (self.family(a), self.family(b));
        let (set_a, set_b): (HashSet<ActorId>, HashSet<ActorId>) = (
            fam_a.iter().copied().collect(),
            fam_b.iter().copied().collect(),
        );
        let (top_a, top_b) = (self.db.principal(a), self.db.principal(b));

        // (1) Sourced: mediation claims whose parties are A and B (or act for them). Walk the
        // mediation edges at A's family rather than every claim.
        let mut by_mediator: BTreeMap<ActorId, BTreeSet<ClaimId>> = BTreeMap::new();
        for &x in &fam_a {
            for link in self.db.graph.links(x) {
                if link.data.kind != RelationKind::Mediation {
                    continue;
                }
                for cid in filter.passing(self.db.net(), link.data) {
                    let c = self.db.claim(cid);
                    let Some((p, q)) = c.parties() else { continue };
                    let pair_ok = (set_a.contains(&p) && set_b.contains(&q))
                        || (set_b.contains(&p) && set_a.contains(&q));
                    let m = self.db.principal(c.from);
                    if pair_ok && m != top_a && m != top_b {
                        by_mediator.entry(m).or_default().insert(cid);
                    }
                }
            }
        }
        struct Sourced {
            actor: ActorId,
            claims: Vec<ClaimId>,
            docs: usize,
            best: Certainty,
            latest: PartialDate,
        }
        let mut sourced: Vec<Sourced> = by_mediator
            .into_iter()
            .map(|(m, claims)| {
                let claims: Vec<ClaimId> = claims.into_iter().collect();
                let docs: BTreeSet<_> = claims.iter().map(|c| self.db.claim(*c).doc).collect();
                Sourced {
                    actor: m,
                    docs: docs.len(),
                    best: claims
                        .iter()
                        .map(|c| self.db.claim(*c).certainty)
                        .max()
                        .expect("non-empty"),
                    latest: claims
                        .iter()
                        .map(|c| self.db.claim(*c).date)
                        .max()
                        .expect("non-empty"),
                    claims,
                }
            })
            .collect();
        sourced.sort_by(|x, y| {
            y.docs
                .cmp(&x.docs)
                .then(y.best.cmp(&x.best))
                .then(y.claims.len().cmp(&x.claims.len()))
                .then(y.latest.cmp(&x.latest))
                .then(self.db.name(x.actor).cmp(self.db.name(y.actor)))
        });
        let sourced_ids: HashSet<ActorId> = sourced.iter().map(|s| s.actor).collect();
        let sourced_views: Vec<SourcedMediator> = sourced
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let why = match i.checked_sub(1).map(|p| &sourced[p]) {
                    None => format!(
                        "first: {} document{}, best certainty {}, {} claim{}, latest {}",
                        s.docs,
                        plural(s.docs),
                        s.best,
                        s.claims.len(),
                        plural(s.claims.len()),
                        s.latest
                    ),
                    Some(p) => {
                        let above = self.db.name(p.actor);
                        if s.docs != p.docs {
                            format!("below {above}: fewer documents ({} vs {})", s.docs, p.docs)
                        } else if s.best != p.best {
                            format!("below {above}: same documents, weaker best certainty ({} vs {})", s.best, p.best)
                        } else if s.claims.len() != p.claims.len() {
                            format!(
                                "below {above}: same documents and certainty, fewer claims ({} vs {})",
                                s.claims.len(),
                                p.claims.len()
                            )
                        } else if s.latest != p.latest {
                            format!("below {above}: same documents, certainty and claims, older evidence ({} vs {})", s.latest, p.latest)
                        } else {
                            format!("level with {above} on documents, certainty, claims and date; ordered by name")
                        }
                    }
                };
                let mut via: Vec<ActorId> = s
                    .claims
                    .iter()
                    .map(|c| self.db.claim(*c).from)
                    .filter(|f| *f != s.actor)
                    .collect();
                via.sort();
                via.dedup();
                let mut claims = s.claims.clone();
                claims.sort_by_key(|c| (self.db.claim(*c).date, *c));
                SourcedMediator {
                    rank: i + 1,
                    actor: self.actor_ref(s.actor),
                    via: via.into_iter().map(|v| self.actor_ref(v)).collect(),
                    documents: s.docs,
                    best_certainty: s.best,
                    latest: s.latest.to_string(),
                    claims: claims.into_iter().map(|c| self.claim_view(c)).collect(),
                    why,
                }
            })
            .collect();

        // (2) Candidate brokers: cooperative ties to both sides, and actors on shortest paths.
        let ties = |fam: &[ActorId], kind: RelationKind| -> HashMap<ActorId, BTreeSet<ClaimId>> {
            let mut out: HashMap<ActorId, BTreeSet<ClaimId>> = HashMap::new();
            for &x in fam {
                for link in self.db.graph.links(x) {
                    if link.data.kind != kind {
                        continue;
                    }
                    let c = self.db.principal(link.other);
                    if c == top_a
                        || c == top_b
                        || set_a.contains(&link.other)
                        || set_b.contains(&link.other)
                    {
                        continue;
                    }
                    let passing: Vec<ClaimId> = filter.passing(self.db.net(), link.data).collect();
                    if !passing.is_empty() {
                        out.entry(c).or_default().extend(passing);
                    }
                }
            }
            out
        };
        let coop_a = ties(&fam_a, RelationKind::Cooperation);
        let coop_b = ties(&fam_b, RelationKind::Cooperation);
        let conf_a = ties(&fam_a, RelationKind::Conflict);
        let conf_b = ties(&fam_b, RelationKind::Conflict);
        let path_filter = Filter {
            kinds: KindSet::ALL,
            ..filter.clone()
        };
        let on_path: HashSet<ActorId> = Walker::new(self.db.net(), &path_filter)
            .shortest_path_interiors(a, b)
            .map(|(_, interiors)| {
                interiors
                    .into_iter()
                    .map(|x| self.db.principal(x))
                    .filter(|x| *x != top_a && *x != top_b)
                    .collect()
            })
            .unwrap_or_default();
        let mut candidates: BTreeSet<ActorId> = coop_a
            .keys()
            .filter(|c| coop_b.contains_key(c))
            .copied()
            .collect();
        candidates.extend(on_path.iter().copied());
        let tie = |m: &HashMap<ActorId, BTreeSet<ClaimId>>, c: ActorId| -> TieView {
            let claims: Vec<ClaimId> = m
                .get(&c)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            TieView {
                claims: claims.len(),
                actions: self.top_actions(&claims),
            }
        };
        let mut brokers: Vec<Broker> = candidates
            .into_iter()
            .map(|c| {
                let with_a = tie(&coop_a, c);
                let with_b = tie(&coop_b, c);
                let conflict_a = conf_a.get(&c).map_or(0, BTreeSet::len);
                let conflict_b = conf_b.get(&c).map_or(0, BTreeSet::len);
                let mut tie_claims: Vec<ClaimId> = coop_a
                    .get(&c)
                    .into_iter()
                    .chain(coop_b.get(&c))
                    .flatten()
                    .copied()
                    .collect();
                tie_claims.sort();
                tie_claims.dedup();
                Broker {
                    rank: 0,
                    actor: self.actor_ref(c),
                    with_a,
                    with_b,
                    conflict_a,
                    conflict_b,
                    on_shortest_path: on_path.contains(&c),
                    sourced: sourced_ids.contains(&c),
                    why: String::new(),
                    tie_claims,
                }
            })
            .collect();
        let key = |x: &Broker| {
            let both = x.with_a.claims > 0 && x.with_b.claims > 0;
            (
                both,
                x.with_a.claims.min(x.with_b.claims),
                x.with_a.claims + x.with_b.claims,
                x.on_shortest_path,
                std::cmp::Reverse(x.conflict_a + x.conflict_b),
            )
        };
        brokers.sort_by(|x, y| key(y).cmp(&key(x)).then(x.actor.name.cmp(&y.actor.name)));
        let (an, bn) = (self.db.name(a).to_string(), self.db.name(b).to_string());
        for (i, br) in brokers.iter_mut().enumerate() {
            br.rank = i + 1;
            let mut parts = Vec::new();
            let describe = |t: &TieView, who: &str| {
                let actions: Vec<&str> = t.actions.iter().map(|a| a.as_str()).collect();
                format!(
                    "cooperation with {who}: {} claim{} ({})",
                    t.claims,
                    plural(t.claims),
                    actions.join(", ")
                )
            };
            if br.with_a.claims > 0 {
                parts.push(describe(&br.with_a, &an));
            } else {
                parts.push(format!("no cooperation with {an}"));
            }
            if br.with_b.claims > 0 {
                parts.push(describe(&br.with_b, &bn));
            } else {
                parts.push(format!("no cooperation with {bn}"));
            }
            if br.on_shortest_path {
                parts.push(format!("on a shortest path between {an} and {bn}"));
            }
            if br.conflict_a + br.conflict_b > 0 {
                parts.push(format!(
                    "but conflict with {an}: {}, with {bn}: {}",
                    br.conflict_a, br.conflict_b
                ));
            }
            if br.sourced {
                parts.push("also a sourced mediator".into());
            }
            br.why = parts.join("; ");
        }
        let brokers_total = brokers.len();
        brokers.truncate(opts.limit.unwrap_or(DEFAULT_BROKERS));
        Ok(MediatorsAnswer {
            a: self.actor_ref(a),
            b: self.actor_ref(b),
            filter: self.describe_filter(&filter),
            sourced: sourced_views,
            brokers,
            brokers_total,
        })
    }

    fn evidence(&self, actors: &Names, opts: &Opts) -> Result<EvidenceAnswer, QueryError> {
        let ids = self.bind(actors, 1, 2, "evidence needs one or two actors")?;
        let filter = self.filter(opts)?;
        let fam_a: HashSet<ActorId> = self.family(ids[0]).into_iter().collect();
        let fam_b: Option<HashSet<ActorId>> =
            ids.get(1).map(|b| self.family(*b).into_iter().collect());
        let involves = |c: &Claim, fam: &HashSet<ActorId>| fam.iter().any(|x| c.involves(*x));
        // Every claim that involves an actor lies on one of its edges, so A's family's edges
        // hold every candidate: no scan of the whole claim list.
        let fam_a_list: Vec<ActorId> = fam_a.iter().copied().collect();
        let mut claims: Vec<ClaimId> = self
            .claims_at(&fam_a_list)
            .into_iter()
            .filter(|id| {
                let c = self.db.claim(*id);
                filter.kinds.contains(c.kind())
                    && filter.claim_ok(c)
                    && involves(c, &fam_a)
                    && fam_b.as_ref().is_none_or(|fb| {
                        // A and B on different sides: one acts, the other is acted on or a party.
                        let sides = |x: &HashSet<ActorId>, y: &HashSet<ActorId>| {
                            x.contains(&c.from)
                                && match c.target {
                                    Target::Actor(t) => y.contains(&t),
                                    Target::Between(p, q) => y.contains(&p) || y.contains(&q),
                                }
                        };
                        let between = match c.target {
                            Target::Between(p, q) => {
                                (fam_a.contains(&p) && fb.contains(&q))
                                    || (fb.contains(&p) && fam_a.contains(&q))
                            }
                            Target::Actor(_) => false,
                        };
                        sides(&fam_a, fb) || sides(fb, &fam_a) || between
                    })
            })
            .collect();
        claims.sort_by_key(|c| (self.db.claim(*c).date, *c));
        Ok(EvidenceAnswer {
            a: self.actor_ref(ids[0]),
            b: ids.get(1).map(|b| self.actor_ref(*b)),
            filter: self.describe_filter(&filter),
            claims: claims.into_iter().map(|c| self.claim_view(c)).collect(),
        })
    }

    fn show(&self, actor: &Names) -> Result<ActorCard, QueryError> {
        let a = self.bind(actor, 1, 1, "show needs one actor")?[0];
        let x = self.db.actor(a);
        let members: Vec<ActorRef> = self
            .db
            .actor_ids()
            .filter(|&m| {
                let y = self.db.actor(m);
                y.part_of == Some(a) || y.acts_for == Some(a)
            })
            .map(|m| self.actor_ref(m))
            .collect();
        let mut counts = Vec::new();
        let mut partners = Vec::new();
        let mut adversaries = Vec::new();
        for kind in RelationKind::ALL {
            let links: Vec<_> = self
                .db
                .graph
                .links(a)
                .filter(|l| l.data.kind == kind)
                .collect();
            let claims: usize = links.iter().map(|l| l.data.claim_count()).sum();
            counts.push(KindTally {
                kind,
                relations: links.len(),
                claims,
            });
            let mut list: Vec<Counterpart> = links
                .iter()
                .map(|l| Counterpart {
                    actor: self.actor_ref(l.other),
                    claims: l.data.claim_count(),
                    best_certainty: l.data.best,
                    actions: self.top_actions(self.db.graph.claims(l.data)),
                    edge: l.edge,
                })
                .collect();
            list.sort_by(|p, q| {
                q.claims
                    .cmp(&p.claims)
                    .then(q.best_certainty.cmp(&p.best_certainty))
                    .then(p.actor.name.cmp(&q.actor.name))
            });
            list.truncate(8);
            match kind {
                RelationKind::Cooperation => partners = list,
                RelationKind::Conflict => adversaries = list,
                RelationKind::Mediation => {}
            }
        }
        let mut mediates: BTreeSet<(ActorId, ActorId)> = BTreeSet::new();
        let mut mediated_by: BTreeSet<ActorId> = BTreeSet::new();
        let mut documents: BTreeSet<&str> = BTreeSet::new();
        for id in self.claims_at(&[a]) {
            let c = self.db.claim(id);
            documents.insert(&self.db.document(c.doc).id);
            if let Some((p, q)) = c.parties() {
                if c.from == a {
                    mediates.insert((p.min(q), p.max(q)));
                }
                if p == a || q == a {
                    mediated_by.insert(c.from);
                }
            }
        }
        let principal = self.db.principal(a);
        Ok(ActorCard {
            actor: self.actor_ref(a),
            kind_label: x.kind.label().into(),
            description: x.description.clone(),
            aliases: x.aliases.clone(),
            part_of: x.part_of.map(|p| self.actor_ref(p)),
            acts_for: x.acts_for.map(|p| self.actor_ref(p)),
            rolls_up_to: (principal != a && Some(principal) != x.parent())
                .then(|| self.actor_ref(principal)),
            members,
            counts,
            partners,
            adversaries,
            mediates_between: mediates
                .into_iter()
                .map(|(p, q)| [self.actor_ref(p), self.actor_ref(q)])
                .collect(),
            mediated_by: mediated_by.into_iter().map(|m| self.actor_ref(m)).collect(),
            documents: documents.into_iter().map(str::to_string).collect(),
        })
    }

    fn contested(&self, actor: &Names, opts: &Opts) -> Result<ContestedAnswer, QueryError> {
        let only = if actor.is_empty() {
            None
        } else {
            Some(self.bind(actor, 1, 1, "contested takes at most one actor")?[0])
        };
        let filter = self.filter(opts)?;
        let mut pairs = Vec::new();
        for (_, edge) in self.db.graph.edges() {
            if edge.kind != RelationKind::Cooperation {
                continue;
            }
            if only.is_some_and(|o| edge.a != o && edge.b != o) {
                continue;
            }
            let Some(conflict) = self.db.graph.find(edge.a, edge.b, RelationKind::Conflict) else {
                continue;
            };
            let mut coop: Vec<ClaimId> = filter.passing(self.db.net(), edge).collect();
            let mut conf: Vec<ClaimId> = filter
                .passing(self.db.net(), self.db.graph.edge(conflict))
                .collect();
            if coop.is_empty() || conf.is_empty() {
                continue;
            }
            coop.sort_by_key(|c| (self.db.claim(*c).date, *c));
            conf.sort_by_key(|c| (self.db.claim(*c).date, *c));
            pairs.push(ContestedPair {
                a: self.actor_ref(edge.a),
                b: self.actor_ref(edge.b),
                cooperation: coop.into_iter().map(|c| self.claim_view(c)).collect(),
                conflict: conf.into_iter().map(|c| self.claim_view(c)).collect(),
            });
        }
        // Most evenly contested first: both sides well attested.
        pairs.sort_by(|p, q| {
            let k = |x: &ContestedPair| {
                (
                    x.cooperation.len().min(x.conflict.len()),
                    x.cooperation.len() + x.conflict.len(),
                )
            };
            k(q).cmp(&k(p))
                .then((&p.a.name, &p.b.name).cmp(&(&q.a.name, &q.b.name)))
        });
        Ok(ContestedAnswer {
            filter: self.describe_filter(&filter),
            pairs,
        })
    }

    fn central(&self, opts: &Opts) -> Result<CentralAnswer, QueryError> {
        use crate::query::Centrality;
        let filter = self.filter(opts)?;
        let w = Walker::new(self.db.net(), &filter);
        let n = self.db.actors.len();
        let degrees = w.degrees();
        let by = opts.by.unwrap_or(Centrality::Betweenness);
        let (scores, exact, sources, seed) = match by {
            Centrality::Degree => {
                let denom = (n.max(2) - 1) as f64;
                (
                    degrees
                        .iter()
                        .map(|d| *d as f64 / denom)
                        .collect::<Vec<f64>>(),
                    true,
                    0,
                    None,
                )
            }
            Centrality::Betweenness => {
                let k = match opts.sample {
                    Some(k) => k.min(n),
                    None if n > EXACT_BETWEENNESS_LIMIT => DEFAULT_SAMPLE,
                    None => n,
                };
                let all: Vec<ActorId> = self.db.actor_ids().collect();
                if k >= n {
                    (w.betweenness(&all), true, n, None)
                } else {
                    // A seeded partial Fisher–Yates shuffle picks k distinct sources.
                    let seed = opts.seed.unwrap_or(DEFAULT_SEED);
                    let mut rng = crate::synth::Rng::new(seed);
                    let mut pool = all;
                    for i in 0..k {
                        let j = i + rng.below(n - i);
                        pool.swap(i, j);
                    }
                    pool.truncate(k);
                    (w.betweenness(&pool), false, k, Some(seed))
                }
            }
        };
        let mut order: Vec<ActorId> = self.db.actor_ids().collect();
        order.sort_by(|a, b| {
            scores[b.index()]
                .total_cmp(&scores[a.index()])
                .then(degrees[b.index()].cmp(&degrees[a.index()]))
                .then(a.cmp(b))
        });
        let top = order
            .into_iter()
            .take(opts.top.unwrap_or(10))
            .enumerate()
            .map(|(i, a)| CentralEntry {
                rank: i + 1,
                actor: self.actor_ref(a),
                score: scores[a.index()],
                degree: degrees[a.index()],
            })
            .collect();
        Ok(CentralAnswer {
            by: match by {
                Centrality::Betweenness => "betweenness",
                Centrality::Degree => "degree",
            }
            .into(),
            filter: self.describe_filter(&filter),
            exact,
            sources,
            seed,
            actors: n,
            top,
        })
    }

    fn find(&self, text: &str) -> FindAnswer {
        FindAnswer {
            query: text.to_string(),
            matches: self
                .db
                .names
                .find(text, 20)
                .into_iter()
                .map(|(a, matched)| FoundActor {
                    actor: self.actor_ref(a),
                    matched,
                })
                .collect(),
        }
    }

    fn stats(&self) -> StatsAnswer {
        let db = self.db;
        let mut actors_by_kind = BTreeMap::new();
        for a in &db.actors {
            *actors_by_kind
                .entry(a.kind.as_str().to_string())
                .or_insert(0) += 1;
        }
        let mut claims_by_kind = BTreeMap::new();
        let mut claims_by_certainty = BTreeMap::new();
        let mut claims_by_document = BTreeMap::new();
        for c in &db.claims {
            *claims_by_kind
                .entry(c.kind().as_str().to_string())
                .or_insert(0) += 1;
            *claims_by_certainty
                .entry(c.certainty.as_str().to_string())
                .or_insert(0) += 1;
            *claims_by_document
                .entry(db.document(c.doc).id.clone())
                .or_insert(0) += 1;
        }
        let filter = Filter::default();
        let w = Walker::new(db.net(), &filter);
        let mut seen = vec![false; db.actors.len()];
        let (mut components, mut largest) = (0, 0);
        for a in db.actor_ids() {
            if seen[a.index()] {
                continue;
            }
            components += 1;
            let members = w.neighborhood(a, usize::MAX, Direction::Both);
            seen[a.index()] = true;
            for r in &members {
                seen[r.actor.index()] = true;
            }
            largest = largest.max(members.len() + 1);
        }
        let mut degree: Vec<(ActorId, usize, usize)> = db
            .actor_ids()
            .map(|a| {
                let links: Vec<_> = db.graph.links(a).collect();
                (
                    a,
                    links.len(),
                    links.iter().map(|l| l.data.claim_count()).sum(),
                )
            })
            .collect();
        degree.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
        StatsAnswer {
            actors: db.actors.len(),
            documents: db.documents.len(),
            claims: db.claims.len(),
            edges: db.graph.edge_count(),
            actors_by_kind,
            claims_by_kind,
            claims_by_certainty,
            claims_by_document,
            components,
            largest_component: largest,
            most_connected: degree
                .into_iter()
                .take(10)
                .map(|(a, d, c)| (self.actor_ref(a), d, c))
                .collect(),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Help for a query, or the overview.
pub fn help(topic: Option<&str>) -> Result<HelpAnswer, QueryError> {
    let text = match topic {
        None => HELP_OVERVIEW.to_string(),
        Some(t) => match t {
            "path" | "paths" => HELP_PATH,
            "neighbors" | "neighbours" | "nb" => HELP_NEIGHBORS,
            "mediators" | "mediator" | "brokers" => HELP_MEDIATORS,
            "evidence" | "timeline" | "claims" => HELP_EVIDENCE,
            "show" | "card" | "actor" => HELP_SHOW,
            "contested" => HELP_CONTESTED,
            "find" | "search" => HELP_FIND,
            "stats" => HELP_STATS,
            "central" | "centrality" => HELP_CENTRAL,
            "filters" | "options" => HELP_FILTERS,
            "actions" | "kinds" => {
                return Ok(HelpAnswer {
                    topic: Some(t.to_string()),
                    text: actions_help(),
                })
            }
            "help" | "quit" => HELP_OVERVIEW,
            other => {
                return Err(
                    QueryError::new(format!("no help on '{other}'")).help(format!(
                        "topics: {}, filters, actions",
                        crate::query::COMMANDS.join(", ")
                    )),
                )
            }
        }
        .to_string(),
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

const HELP_OVERVIEW: &str = "\
Queries (names resolve through aliases, ignoring case and accents; quote multi-word names
when they are ambiguous or contain an option word):

  path A B [options]          shortest path(s) between two actors, each hop with its evidence
  neighbors A [options]       actors within N hops, grouped by distance
  mediators A B [options]     who mediates between A and B: sourced, then inferred brokers
  evidence A [B] [options]    every claim about A (or between A and B), by date; alias: timeline
  show A                      the actor card: kind, aliases, links, partners and adversaries
  contested [A]               pairs with both cooperation and conflict claims
  central [by KIND] [top N]   the most central actors: betweenness (Brandes) or degree
  find TEXT                   fuzzy search of names and aliases
  stats                       counts, components, most connected actors
  help [QUERY|filters|actions]
  quit

REPL commands: .mode table|json, .read FILE, .timer on|off, .width N, .help, .quit,
  export [graph] [dot|svg|png|pdf|json|graphml|csv] FILE   (the last answer, or the graph)
Examples:
  path Turkey SDF via conflict
  path \"United States\" Iran all max 3
  mediators US Iran
  neighbors Hakan Fidan depth 2 limit 10
  evidence Turkey Israel since 2025";

const HELP_PATH: &str = "\
path A B [via KIND…] [directed] [all | k N] [max N] [since DATE] [until DATE]
         [certainty LEVEL] [avoid ACTOR…]

The shortest path between two actors in hops. Each hop shows the relation used, the action
and date of its strongest claim (firmest certainty, then most recent), how many claims
support it, and that claim's quote. Filters apply during the search, not afterwards:

  via KIND…        only cooperation, conflict and/or mediation relations
  directed         walk a relation only the way its claims go (mutual claims go both ways;
                   a mediation goes from the mediator to each party)
  all              every shortest path (lists up to 50, counts them all)
  k N              the N shortest simple paths (Yen's algorithm)
  max N            at most N hops
  since / until    only claims whose date may fall in the range (partial dates overlap)
  certainty LEVEL  only claims at least this firm
  avoid ACTOR…     never pass through these actors

When there is no path, the answer says why: the hop limit, the direction, the filter, or
separate components.

Examples: path Turkey SDF via conflict · path US Iran k 3 · path Oman Israel directed";

const HELP_NEIGHBORS: &str = "\
neighbors A [depth N] [via KIND…] [in | out | both] [limit N] [since …] [until …]
            [certainty LEVEL] [avoid ACTOR…]

The actors within N hops (default 1) of A, grouped by distance. Each shows the actor it was
reached from and the relations between them (kind, claims, main actions). `out` follows
claims A's side made, `in` claims made towards it, `both` (default) either. With `limit N`
the list keeps the N nearest, strongest-tied actors (ties by name) and says it was cut.

Example: neighbors Iran depth 2 via cooperation limit 15";

const HELP_MEDIATORS: &str = "\
mediators A B [since …] [until …] [certainty LEVEL] [limit N]

Who mediates between A and B, in two parts:

1. Sourced mediators: actors with mediation claims between A and B (or people acting for
   them). People roll up to the actor they act for (a foreign minister's mediation counts
   for the state) and the answer names them. Ranked by distinct documents, then best
   certainty, then claim count, then most recent date; each line says why it is where it is.
2. Candidate brokers, inferred from the graph: actors with cooperation ties to both A and B,
   and actors on the shortest A–B paths. Ranked by the weaker of the two ties, then total
   ties, then being on a shortest path, then fewer conflict claims. `limit N` (default 10).

Example: mediators United States Iran";

const HELP_EVIDENCE: &str = "\
evidence A [B] [via KIND…] [since …] [until …] [certainty LEVEL]     (alias: timeline)

Every claim about A, or between A and B, sorted by date: kind, action, certainty, the
document it cites, and the verbatim quote. Claims by people or components that roll up to A
or B are included and marked.

Example: evidence Turkey Israel via conflict";

const HELP_SHOW: &str = "\
show A

The actor card: kind, description, aliases, part_of / acts_for (and who rolls up to it),
relations by kind, strongest partners and adversaries, mediation roles, and the documents
that mention it.";

const HELP_CONTESTED: &str = "\
contested [A] [since …] [until …] [certainty LEVEL]

Pairs of actors with both cooperation and conflict claims, most evenly attested first, with
the evidence on each side. With A, only pairs that include A.";

const HELP_FIND: &str = "\
find TEXT

Fuzzy lookup of actors by id, name or alias: exact matches first, then prefixes, then
substrings, then near misses. Case and accents do not matter.";

const HELP_CENTRAL: &str = "\
central [by betweenness|degree] [via KIND…] [top N] [sample K] [seed S] [since …] [until …]
        [certainty LEVEL]

The most central actors. Betweenness (the default) counts how often an actor lies on the
shortest paths between others (Brandes' algorithm, direction ignored, normalised as NetworkX
does); degree counts distinct neighbours. Betweenness is exact up to 5,000 actors; on larger
graphs, and whenever `sample K` is given, it is estimated from K source actors chosen with a
seeded shuffle (`seed S`, default 42), so the same query gives the same answer. `top N`
(default 10) sets how many are listed.

Example: central by betweenness via cooperation top 5";

const HELP_STATS: &str = "\
stats

Counts of actors, documents, claims and relations by kind and certainty, the number of
connected components, and the most connected actors.";

const HELP_FILTERS: &str = "\
Filters shared by several queries:

  via KIND…        cooperation, conflict, mediation (one or more; commas allowed)
  since DATE       claims whose date may fall on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)
  until DATE       claims whose date may fall on or before DATE
  certainty LEVEL  stated > reported > alleged > opinion > speculative; keeps LEVEL and firmer
  avoid ACTOR…     (path, neighbors) never enter these actors
  directed         (path) follow the direction of claims";

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Database {
        crate::load_embedded().unwrap()
    }

    #[test]
    fn every_help_topic_exists() {
        for c in crate::query::COMMANDS {
            assert!(help(Some(c)).is_ok(), "{c}");
        }
        assert!(help(Some("filters")).is_ok());
        assert!(help(Some("nonsense")).is_err());
    }

    #[test]
    fn claims_at_an_actor_are_exactly_the_claims_that_involve_it() {
        let db = db();
        let cx = Cx { db: &db };
        for a in db.actor_ids() {
            let scanned: Vec<ClaimId> = db
                .claim_ids()
                .filter(|c| db.claim(*c).involves(a))
                .collect();
            assert_eq!(cx.claims_at(&[a]), scanned, "{}", db.actor(a).id);
        }
    }

    #[test]
    fn families_include_people_and_components() {
        let db = db();
        let cx = Cx { db: &db };
        let turkey = db.names.get("turkey").unwrap();
        let fam: Vec<&str> = cx
            .family(turkey)
            .iter()
            .map(|a| db.actor(*a).id.as_str())
            .collect();
        assert!(fam.contains(&"hakan_fidan") && fam.contains(&"mit") && fam.contains(&"turkey"));
    }
}
