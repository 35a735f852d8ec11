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
//!  data/*.ron ──store::parse──▶ records ──load──▶ Database ──▶ query ──▶ answer ──▶ render / export
//!  (RON text)  ◀──store::save── records ◀──load::to_records──┘ (model + graph + names)
//! ```
//!
//! ## Layers
//!
//! Bottom to top; a module uses only its own layer and those below, and no two modules use
//! each other (`tests/architecture.rs` checks both from the source):
//!
//! | layer | modules | what it is |
//! | --- | --- | --- |
//! | leaves | [`model`], [`text`], [`fx`], [`rng`], [`atomic`], [`cancel`], [`progress`] | the validated types; text folding and terminal escaping; hashing; a seeded generator; atomic file replacement; cancellation; progress reports |
//! | records | [`store`], [`error`], [`dataset`] | the on-disk RON records, the canonical writer, located problems; dataset files read as events |
//! | structures | [`names`], [`graph`] | the name index; the graph, its filters and algorithms over a [`graph::Net`] |
//! | database | [`db`] | [`Database`]: the model with its graph, name index and roll-up |
//! | loading | [`load`](mod@load), [`embedded`], [`snapshot`], [`synth`], [`import`] | records and datasets to a validated database and back; the seed data; the binary cache; generated data; adding a dataset |
//! | reading | [`ingest`] | new text to proposed claims, and how good they are |
//! | editing | [`edit`] | changing a directory's files: patched, validated as a whole, written atomically |
//! | language | [`query`] | the query language: one spec table, a pure parser |
//! | answers | [`answer`] | a query against a database, as plain data |
//! | views | [`render`], [`export`] | answers as text, JSON or tables; as DOT, GraphML, CSV, JSON and HTML files |
//! | session | [`repl`], [`review`] | a REPL session without a terminal: queries, dot-commands and changes; reviewing proposals |
//!
//! The binary (`src/main.rs`, `src/cli/`) sits on top: clap, rustyline, exit codes.
//!
//! ## Code map
//!
//! - [`model`]: validated types — [`model::Actor`], [`model::Document`], [`model::Claim`],
//!   compact ids, the action vocabulary and its kinds, certainty levels, partial dates, and
//!   [`model::Actor::parent`], the one roll-up rule. A leaf: it uses nothing else in dyad.
//! - [`store`]: the RON record structs (where serde meets the database), parsing, and the one
//!   canonical writer ([`store::save`], [`store::save_dir`]); [`store::locate`] finds the line
//!   and column of a value for error messages.
//! - [`error`]: [`Problem`] (placed in a file) and [`Finding`] (found in one record).
//! - [`dataset`]: event datasets and edge lists (ICEWS, GDELT, UCDP, POLECAT, ACLED, CSV and
//!   KONECT): [`dataset::FORMATS`] defines each format once; a parser turns a file's text into
//!   parties, events (each pointing at its row) and skipped rows with reasons, knowing nothing
//!   of the database; [`dataset::cameo`] is the one CAMEO table. Must not read files.
//! - [`names`]: resolving what users type (ids, names, aliases) to actors, with suggestions.
//! - [`graph`]: the petgraph graph over actors, one edge per (pair, kind) keeping its claims;
//!   [`graph::Filter`]; [`graph::Sketch`] for small graphs in memory; [`graph::algo`] with
//!   paths (bidirectional BFS, all shortest, Yen), reach (neighbourhoods, components) and
//!   centrality (Brandes betweenness, degree).
//! - [`db`]: [`Database`] — actors, documents, claims, graph and name index, with
//!   [`Database::principal`] and [`Database::family`] for roll-up.
//! - [`load`](mod@load): records to a [`Database`], collecting *every* problem; per-record
//!   checks ([`load::check_actor`], [`load::check_document`], [`load::check_claim`]) shared by
//!   `dyad check` and anything that adds records; [`load::to_records`] for the way back.
//! - [`snapshot`]: a binary snapshot of a validated database, cached beside its RON and
//!   datasets.
//! - [`import`]: `dyad import`: copies a dataset into the database and names it in
//!   `datasets.ron`; the loader (`load/datasets.rs`) makes its rows claims on every load,
//!   matching parties to actors, merging repeated reports and pairing mediations.
//! - [`ingest`]: `dyad ingest`'s reader: sentences, the actors they name
//!   ([`ingest::words::Gazetteer`]), one cue lexicon ([`ingest::lexicon`]) for kind, action,
//!   certainty, and dates; proposals with their quote, cue and confidence; [`ingest::score`]
//!   measures them against hand-coded claims. Pure: no I/O, no network, no model weights.
//! - [`edit`]: every change to a directory (add an actor, alias, document or claim; retract;
//!   amend; ingest's files): the file's text is patched in place, the whole database is loaded
//!   from the patched texts to validate it, and only then are files replaced atomically and the
//!   snapshot refreshed. [`edit::Change`] is the one syntax of `add`/`retract`/`amend` for the
//!   CLI and the REPL.
//! - [`review`]: walking a document's proposals: accept, edit, reject, skip, each decision
//!   written at once.
//! - [`progress`]: how long work reports its stages; the binary draws them.
//! - [`embedded`]: the seed database compiled into the binary.
//! - [`synth`]: a deterministic generator of synthetic databases (`dyad synth`, benchmarks).
//! - [`query`]: the query language. [`query::spec`] defines every query and option once;
//!   [`query::parse`] is a pure function from a line to a [`query::Query`].
//! - [`answer`]: one file per query, each computing its answer type; shared views
//!   ([`answer::ActorRef`], [`answer::ClaimView`]) in its `mod.rs`.
//! - [`render`]: answers as text (fitted to a width, wrapped, never cut), JSON, or tables
//!   ([`render::tables`]: each list of an answer as one table, written as CSV, TSV, markdown
//!   or boxed columns); [`render::Format`] defines each output format once for `--format`
//!   and `.mode`.
//! - [`export`]: answers and the whole graph as DOT (rendered with `dot` when asked, laid out
//!   as its [`export::Picture`] suits), JSON, GraphML, Neo4j CSV and a self-contained HTML
//!   view (Cytoscape.js vendored); [`export::ExportFormat`] defines each format once.
//! - [`repl`]: [`repl::Session::eval_line`], dot-commands parsed into an enum and then run,
//!   completion and hints read from the query spec. What needs a terminal — rustyline,
//!   Ctrl-C, the pager (`src/cli/pager.rs`), pasted lines split into queries — lives in the
//!   binary's `src/cli/`, so everything a session does runs in tests without one.
//! - [`cancel`]: a cancellation token with an optional deadline, and the ticker long loops check
//!   it through; [`answer::answer_within`] answers under one, so `--timeout` and Ctrl-C stop a
//!   query with an error rather than a partial answer.
//! - [`atomic`], [`text`], [`fx`], [`rng`]: small leaves named above.
//!
//! ## Adding a query
//!
//! 1. One entry in [`query::spec`]: name, aliases, operands, options, syntax, help, examples
//!    (the parser, `help`, the REPL's hint and completion read it), and a [`query::Query`]
//!    variant it parses to.
//! 2. One file in `src/answer/` with the answer type and the method that computes it, and a
//!    variant of [`answer::Answer`] (which gives it its JSON `type`).
//! 3. One render function in [`render`] for its text, and one case in [`render::tables`] for
//!    its tables.
//! 4. If the answer is a subgraph, one case in [`export::Subgraph::of`], so every export format
//!    draws it.
//!
//! Then a golden JSON file (`tests/golden.rs`) and tests of its behaviour.
//!
//! ## Invariants
//!
//! - **Only [`load`](mod@load), [`store`], [`snapshot`], [`synth`], [`import`], [`edit`],
//!   [`review`] (through [`edit`]), [`export`]'s file helpers and [`atomic`] touch the file
//!   system.** Loading only reads, through a [`load::Source`];
//!   everything that writes replaces files through [`atomic::write`], never in place.
//!   Everything downstream works on an in-memory [`Database`]; **queries never do I/O** (the
//!   REPL's `.read` and `export` are session commands, not queries).
//! - **Filters apply during traversal**: algorithms walk the graph through a
//!   [`graph::Filter`]; they never copy the graph or discard results afterwards.
//! - **Algorithms take what they read**: a [`graph::Net`] (the graph and its claims), not a
//!   database, so they run on small graphs built in memory.
//! - **Answering is separate from rendering**: an [`answer::Answer`] is complete data; text and
//!   JSON are two views of it.
//! - **A [`Database`] is valid**: ids index their tables, a curated mediation has two distinct
//!   parties other than the mediator (a dataset's may name one, the other unknown), every quote
//!   occurs in its document (a dataset claim's quote is its row).
//! - **Datasets stay the source of truth**: their rows become claims at load time and are never
//!   written into RON; `fmt` and [`load::to_records`] leave dataset actors, documents and claims
//!   out. Code past the loader
//!   does not re-check.
//! - **A change is validated as a whole database before it is written**: [`edit`] loads the
//!   patched texts first and writes nothing when they do not load; proposals never enter the
//!   accepted claims except through a reviewer's accept. A retracted claim keeps its citation
//!   and is evidence for nothing (the graph leaves it out).
//! - **Only [`graph`] sees petgraph**; the rest speaks [`model::ActorId`] and [`graph::EdgeId`].
//!   Node `i` is actor `i`.
//! - **Only the binary knows clap and rustyline**; the library has no command-line or terminal
//!   dependencies.
//! - **Saving is canonical and loses nothing**: [`store::save`] of [`load::to_records`] of a
//!   canonical database reproduces its files byte for byte, so `dyad fmt` output diffs cleanly;
//!   [`store::Comments`] carry a file's comments through `fmt`, and the writer never drops one
//!   (`fmt` refuses a file whose comments it cannot place).
//! - **No unsafe code** (`#![deny(unsafe_code)]`).

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod answer;
pub mod atomic;
pub mod cancel;
pub mod dataset;
pub mod db;
pub mod edit;
pub mod embedded;
pub mod error;
pub mod export;
pub mod fx;
pub mod graph;
pub mod import;
pub mod ingest;
pub mod load;
pub mod model;
pub mod names;
pub mod progress;
pub mod query;
pub mod render;
pub mod repl;
pub mod review;
pub mod rng;
pub mod snapshot;
pub mod store;
pub mod synth;
pub mod text;

pub use db::Database;
pub use error::{Finding, LoadError, Problem, ProblemKind};
pub use load::{load, load_dir, load_embedded};
