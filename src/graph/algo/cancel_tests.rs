//! Cancellation: every algorithm that honours a token stops with its error, at once, when the
//! token is already tripped or its deadline already passed, on graphs small and large; and a
//! walker without a token, or with one that is never tripped, answers as before.

use std::time::{Duration, Instant};

use super::testkit::{actors, random_sketch, Rng};
use super::Walker;
use crate::cancel::{Cancel, Stopped};
use crate::graph::{Direction, Filter, Sketch};
use crate::model::ActorId;

/// Runs each cancellable algorithm once on `w` from `s` to `t`, returning each one's error.
fn every_algorithm(
    w: &Walker<'_>,
    s: ActorId,
    t: ActorId,
    n: usize,
) -> Vec<(&'static str, Option<Stopped>)> {
    let all: Vec<ActorId> = actors(n).collect();
    vec![
        ("k_shortest_paths", w.k_shortest_paths(s, t, 50, None).err()),
        (
            "all_shortest_paths",
            w.all_shortest_paths(s, t, None, 50).err(),
        ),
        (
            "neighborhood",
            w.neighborhood(s, usize::MAX, Direction::Both).err(),
        ),
        ("component_size", w.component_size(s).err()),
        ("betweenness", w.betweenness(&all).err()),
    ]
}

/// A connected random graph: a ring with random chords.
fn ring(rng: &mut Rng, n: usize, chords: usize) -> Sketch {
    let mut sketch = random_sketch(rng, n, chords);
    for i in 0..n as u32 {
        sketch.tie(i, (i + 1) % n as u32, crate::model::Action::Consult);
    }
    sketch
}

#[test]
fn a_tripped_token_stops_every_algorithm_at_once() {
    let mut rng = Rng::new(77);
    for n in [3, 40, 3000] {
        let sketch = ring(&mut rng, n, 3 * n);
        let filter = Filter::default();
        let token = Cancel::new();
        token.cancel();
        let w = Walker::new(sketch.net(), &filter).with_cancel(&token);
        let started = Instant::now();
        for (name, err) in every_algorithm(&w, ActorId(0), ActorId(n as u32 / 2), n) {
            assert_eq!(err, Some(Stopped::Cancelled), "{name} on {n} actors");
        }
        // Nothing ran: five searches over 3,000 actors and betweenness from all of them would
        // take far longer than this in any build.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        // The searches that always finish still answer.
        assert!(w.shortest_path(ActorId(0), ActorId(1), None).is_some());
        assert!(w.shortest_path_interiors(ActorId(0), ActorId(1)).is_some());
        assert_eq!(w.degrees().len(), n);
    }
}

#[test]
fn a_passed_deadline_stops_every_algorithm_with_the_timeout() {
    let sketch = ring(&mut Rng::new(78), 200, 600);
    let filter = Filter::default();
    let token = Cancel::new().with_timeout(Duration::ZERO);
    let w = Walker::new(sketch.net(), &filter).with_cancel(&token);
    for (name, err) in every_algorithm(&w, ActorId(0), ActorId(100), 200) {
        assert_eq!(err, Some(Stopped::TimedOut(Duration::ZERO)), "{name}");
    }
}

#[test]
fn an_untripped_token_changes_no_answer() {
    let mut rng = Rng::new(79);
    for _ in 0..20 {
        let n = rng.between(3, 30);
        let sketch = ring(&mut rng, n, 2 * n);
        let filter = Filter::default();
        let token = Cancel::new().with_timeout(Duration::from_secs(3600));
        let plain = Walker::new(sketch.net(), &filter);
        let held = Walker::new(sketch.net(), &filter).with_cancel(&token);
        let (s, t) = (ActorId(0), ActorId(n as u32 - 1));
        let all: Vec<ActorId> = actors(n).collect();
        assert_eq!(
            plain.k_shortest_paths(s, t, 9, None),
            held.k_shortest_paths(s, t, 9, None)
        );
        assert_eq!(
            plain
                .all_shortest_paths(s, t, None, 9)
                .unwrap()
                .map(|a| a.paths),
            held.all_shortest_paths(s, t, None, 9)
                .unwrap()
                .map(|a| a.paths)
        );
        assert_eq!(
            plain.neighborhood(s, 3, Direction::Out),
            held.neighborhood(s, 3, Direction::Out)
        );
        assert_eq!(plain.component_size(t), held.component_size(t));
        assert_eq!(plain.betweenness(&all), held.betweenness(&all));
    }
}

#[test]
fn a_token_tripped_mid_run_stops_betweenness_on_every_thread() {
    // Large enough that exact betweenness takes seconds in a debug build.
    let n = 6000;
    let sketch = ring(&mut Rng::new(80), n, 4 * n);
    let filter = Filter::default();
    let token = Cancel::new();
    let w = Walker::new(sketch.net(), &filter).with_cancel(&token);
    let all: Vec<ActorId> = actors(n).collect();
    let stop = token.clone();
    let trip = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        stop.cancel();
    });
    let started = Instant::now();
    assert_eq!(w.betweenness(&all), Err(Stopped::Cancelled));
    let took = started.elapsed();
    trip.join().unwrap();
    assert!(took < Duration::from_secs(2), "stopped after {took:?}");
}
