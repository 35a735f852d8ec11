//! # dyad
//!
//! A relationship graph database of **sourced claims** about who cooperates with, fights, and
//! mediates between whom in world politics.
//!
//! ## Bird's-eye view
//!
//! Actors (states, agencies, armed and political groups, people) are nodes. Every edge is backed
//! by claims, and every claim cites a document and a verbatim quote from it, with the date of the
//! event and how certain the source is. A database is a directory of human-edited RON files; the
//! loader validates all of it at once and builds a [petgraph] graph that queries read.
//!
//! ```text
//!  data/*.ron ──store::parse──▶ records ──load──▶ model::Database ──▶ graph::RelGraph
//!  (RON text)                   (strings)        (validated ids)      (one edge per pair+kind)
//! ```
//!
//! ## Code map
//!
//! - [`store`]: the on-disk format. RON record structs (the only serde-facing types of the
//!   database), parsing, the canonical writer, and [`store::locate`], which finds the line and
//!   column of a value for error messages.
//! - [`load`](mod@load): turns records into the model, checking every reference, date, quote and
//!   mediation, and collecting *all* problems into one [`error::LoadError`].
//! - [`model`]: validated types: [`model::Actor`], [`model::Document`], [`model::Claim`],
//!   compact ids, the action vocabulary and its kinds, certainty levels, partial dates.
//! - [`graph`]: the petgraph graph over actors, one edge per (pair, kind) keeping its claims.
//! - [`graph::algo`]: traversals under a [`graph::Filter`]: bidirectional BFS, all shortest
//!   paths, Yen's k shortest paths, neighbourhoods, component sizes, Brandes betweenness and
//!   degree centrality.
//! - [`names`]: resolving what users type (ids, names, aliases) to actors, with suggestions.
//! - [`query`]: the query language; [`query::parse`] is a pure function from a line to a
//!   [`query::Query`], shared by the REPL, `dyad -c` and scripts.
//! - [`answer`]: answers a query against a database, as plain data ([`answer::Answer`]).
//! - [`render`]: answers as text (fitted to a width) or JSON.
//! - [`export`]: answers and the whole graph as Graphviz DOT (rendered with `dot` when asked),
//!   JSON, GraphML and Neo4j CSV. Writers are pure; only its file and render helpers do I/O.
//! - [`repl`]: a session without a terminal: [`repl::Session::eval_line`], dot-commands,
//!   completion and hints.
//! - [`text`]: name folding (case and diacritics) and quote normalisation.
//! - [`embedded`]: the seed database compiled into the binary.
//! - [`snapshot`]: a binary snapshot of a validated database, cached beside its RON and used
//!   while every input file is unchanged.
//! - [`synth`]: a deterministic generator of synthetic databases for benchmarks
//!   (`dyad synth`, hidden from `--help`; `benches/scale.rs`).
//! - [`fx`]: the fast hasher behind the loader's tables.
//! - `src/main.rs` and `src/cli/` (the binary): clap, rustyline, exit codes.
//!
//! ## Invariants
//!
//! - **Only [`load`](mod@load), [`store`] and [`snapshot`] do I/O on a database**; loading
//!   reads through a [`load::Source`].
//!   Everything downstream works on an in-memory [`model::Database`]; **queries never do I/O**
//!   (the REPL's `.read` is a session command, not a query).
//! - **Filters apply during traversal**: algorithms walk the graph through a
//!   [`graph::Filter`]; they never copy the graph or discard results afterwards.
//! - **Answering is separate from rendering**: an [`answer::Answer`] is complete data; text and
//!   JSON are two views of it.
//! - **A [`model::Database`] is valid**: ids index their tables, mediations have two distinct
//!   parties other than the mediator, every quote occurs in its document. Code past the loader
//!   does not re-check.
//! - **Only [`graph`] sees `NodeIndex`/`EdgeIndex`**; the rest speaks [`model::ActorId`] and
//!   [`graph::EdgeId`]. Node `i` is actor `i`.
//! - **Only the binary knows clap and rustyline**; the library has no command-line or terminal
//!   dependencies.
//! - **Saving is canonical**: [`store::save`] of a canonical database reproduces its files byte for
//!   byte, so `dyad fmt` output diffs cleanly.

#![warn(missing_docs)]

pub mod answer;
pub mod atomic;
pub mod db;
pub mod embedded;
pub mod error;
pub mod export;
pub mod fx;
pub mod graph;
pub mod load;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod repl;
pub mod snapshot;
pub mod store;
pub mod synth;
pub mod text;

pub use db::Database;
pub use error::{LoadError, Problem, ProblemKind};
pub use load::{load, load_dir, load_embedded};
