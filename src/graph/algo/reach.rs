//! Reaching out from one actor: who lies within a few steps, and how large its component is.
//! Both walk the walker's nodes: the start counts as its node, and every actor reached is one.

use petgraph::visit::EdgeRef;

use super::Walker;
use crate::cancel::Stopped;
#[cfg(doc)]
use crate::graph::Filter;
use crate::graph::{actor, node, Direction};
use crate::model::ActorId;

impl Walker<'_> {
    /// The nodes within `depth` usable steps of `s`'s node, walking `dir` (ignoring
    /// [`Filter::directed`]) judged on each claim's actual actors, in breadth-first order: by
    /// distance, and within a distance in the order they were reached. `s`'s node itself is
    /// not included, nor are its members (they are inside it, not next to it).
    ///
    /// Each entry names the node it was first reached from. Cost: `O(V + E)` at most, and
    /// only the part of the graph within `depth` hops is touched (plus `O(V)` to mark what has
    /// been seen).
    ///
    /// With a token ([`Walker::with_cancel`]) it checks every thousand-odd nodes expanded, and
    /// once at the start, and returns [`Stopped`] rather than the nodes reached so far.
    ///
    /// ```
    /// use dyad::graph::algo::{Reached, Walker};
    /// use dyad::graph::{Direction, Filter, Sketch};
    /// use dyad::model::{Action, ActorId};
    ///
    /// // 0 threatens 1, 1 aids 2, and 3 strikes 0.
    /// let ties = [(0, 1, Action::Threaten), (1, 2, Action::Aid), (3, 0, Action::Assault)];
    /// let sketch = Sketch::new(4, &ties);
    /// let filter = Filter::default();
    /// let w = Walker::new(sketch.net(), &filter);
    /// let reached = |dir| -> Vec<(u32, usize)> {
    ///     w.neighborhood(ActorId(0), 2, dir).unwrap().iter().map(|r| (r.actor.0, r.distance)).collect()
    /// };
    /// assert_eq!(reached(Direction::Both), [(1, 1), (3, 1), (2, 2)]);
    /// assert_eq!(reached(Direction::Out), [(1, 1), (2, 2)]);
    /// assert_eq!(reached(Direction::In), [(3, 1)]);
    /// let two = w.neighborhood(ActorId(0), 2, Direction::Out).unwrap()[1];
    /// assert_eq!(two, Reached { actor: ActorId(2), distance: 2, via: ActorId(1) });
    /// ```
    pub fn neighborhood(
        &self,
        s: ActorId,
        depth: usize,
        dir: Direction,
    ) -> Result<Vec<Reached>, Stopped> {
        let mut ticker = self.ticker();
        let s = self.rep(s);
        let mut seen = vec![false; self.n()];
        seen[s.index()] = true;
        let mut out = Vec::new();
        let mut front = vec![s];
        for d in 1..=depth {
            let mut next = Vec::new();
            for &u in &front {
                ticker.tick()?;
                let mut step: Vec<ActorId> = self
                    .group(u)
                    .iter()
                    .flat_map(|&m| {
                        self.graph.g.edges(node(m)).filter_map(move |e| {
                            let x = actor(e.target());
                            let v = self.rep(x);
                            (v != u
                                && !self.avoid[v.index()]
                                && self.filter.step_dir_ok(self.net, e.weight(), m, x, dir))
                            .then_some(v)
                        })
                    })
                    .collect();
                // Visit neighbours in id order so that cut-offs are reproducible.
                step.sort();
                for v in step {
                    if !seen[v.index()] {
                        seen[v.index()] = true;
                        out.push(Reached {
                            actor: v,
                            distance: d,
                            via: u,
                        });
                        next.push(v);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            front = next;
        }
        Ok(out)
    }

    /// The number of nodes reachable from `s`'s node under the filter, that node included,
    /// direction ignored; avoided nodes are neither entered nor counted (except `s`'s own), and
    /// an avoided start reaches nothing.
    ///
    /// A plain breadth-first search over nodes, reading the graph in place. Cost: `O(V + E)`.
    /// With a token it checks as [`Walker::neighborhood`] does.
    ///
    /// ```
    /// use dyad::graph::algo::Walker;
    /// use dyad::graph::{Filter, Sketch};
    /// use dyad::model::{Action, ActorId, Certainty};
    ///
    /// // 0 – 1 – 2 firmly, and 2 – 3 only by allegation; 4 stands alone.
    /// let mut sketch = Sketch::new(5, &[(0, 1, Action::Consult), (2, 1, Action::Consult)]);
    /// sketch.tie(3, 2, Action::Aid).certainty(Certainty::Alleged);
    /// let open = Filter::default();
    /// assert_eq!(Walker::new(sketch.net(), &open).component_size(ActorId(0)), Ok(4));
    /// let firm = Filter { min_certainty: Some(Certainty::Reported), ..Filter::default() };
    /// assert_eq!(Walker::new(sketch.net(), &firm).component_size(ActorId(0)), Ok(3));
    /// assert_eq!(Walker::new(sketch.net(), &firm).component_size(ActorId(4)), Ok(1));
    /// ```
    pub fn component_size(&self, s: ActorId) -> Result<usize, Stopped> {
        let mut ticker = self.ticker();
        ticker.tick()?;
        let s = self.rep(s);
        if self.avoid[s.index()] {
            return Ok(1);
        }
        let mut seen = vec![false; self.n()];
        seen[s.index()] = true;
        let mut queue = vec![s];
        let mut head = 0;
        while let Some(&u) = queue.get(head) {
            head += 1;
            ticker.tick()?;
            for &m in self.group(u) {
                for e in self.graph.g.edges(node(m)) {
                    let v = self.rep(actor(e.target()));
                    if seen[v.index()]
                        || self.avoid[v.index()]
                        || !self.filter.edge_ok(self.net, e.weight())
                    {
                        continue;
                    }
                    seen[v.index()] = true;
                    queue.push(v);
                }
            }
        }
        Ok(queue.len())
    }
}

/// A node reached by [`Walker::neighborhood`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reached {
    /// An actor the walk reached; never the start itself.
    pub actor: ActorId,
    /// How far it is from the start, in hops: 1 for a direct neighbour. The start itself is never
    /// listed.
    pub distance: usize,
    /// The node it was first reached from.
    pub via: ActorId,
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{
        actors, distances, filters, ids, random_sketch, reference, Rng, Way,
    };
    use super::*;
    use crate::graph::{Filter, Sketch};
    use crate::model::{Action, Certainty};

    #[test]
    fn neighborhoods_match_plain_bfs_each_way_on_small_random_graphs() {
        let mut far = 0;
        for seed in 0..200 {
            let mut rng = Rng::new(2000 + seed);
            let n = rng.between(2, 9);
            let ties = rng.between(0, 2 * n);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let w = Walker::new(sketch.net(), &filter);
                for (dir, way) in [
                    (Direction::Out, Way::Along),
                    (Direction::In, Way::Against),
                    (Direction::Both, Way::Either),
                ] {
                    let adj = reference(sketch.net(), &filter, way);
                    for s in actors(n).filter(|a| !filter.avoid.contains(a)) {
                        let dist = distances(&adj, s);
                        for depth in 0..4 {
                            let why =
                                format!("seed {seed}, {filter:?}, {dir:?} from {s:?} to {depth}");
                            let got = w.neighborhood(s, depth, dir).unwrap();
                            let mut expected: Vec<(ActorId, usize)> = actors(n)
                                .filter_map(|a| Some((a, dist[a.index()]?)))
                                .filter(|&(a, d)| a != s && d <= depth)
                                .collect();
                            expected.sort_by_key(|&(a, d)| (d, a));
                            let mut seen: Vec<(ActorId, usize)> =
                                got.iter().map(|r| (r.actor, r.distance)).collect();
                            // Breadth-first: distances never decrease.
                            assert!(seen.windows(2).all(|p| p[0].1 <= p[1].1), "{why}");
                            seen.sort_by_key(|&(a, d)| (d, a));
                            assert_eq!(seen, expected, "{why}");
                            for r in &got {
                                let from = dist[r.via.index()].expect("via was reached");
                                assert_eq!(from + 1, r.distance, "{why}: {r:?}");
                                assert!(adj[r.via.index()].contains(&r.actor), "{why}: {r:?}");
                            }
                            far += got.iter().filter(|r| r.distance >= 2).count();
                        }
                    }
                }
            }
        }
        assert!(
            far > 10_000,
            "only {far} actors reached at two steps or more"
        );
    }

    #[test]
    fn component_sizes_match_plain_bfs_on_small_random_graphs() {
        let mut sizes = std::collections::BTreeSet::new();
        for seed in 0..200 {
            let mut rng = Rng::new(3000 + seed);
            let n = rng.between(1, 10);
            let ties = rng.between(0, 2 * n);
            let sketch = random_sketch(&mut rng, n, ties);
            for filter in filters(n, &mut rng) {
                let adj = reference(sketch.net(), &filter, Way::Either);
                let w = Walker::new(sketch.net(), &filter);
                for s in actors(n).filter(|a| !filter.avoid.contains(a)) {
                    let expected = distances(&adj, s).iter().flatten().count();
                    assert_eq!(
                        w.component_size(s).unwrap(),
                        expected,
                        "seed {seed}, {filter:?}, {s:?}"
                    );
                    sizes.insert(expected);
                }
            }
        }
        assert_eq!(sizes, (1..=10).collect());
    }

    #[test]
    fn neighborhood_stops_at_the_depth_and_walks_around_avoided_actors() {
        // A ring 0 – 1 – 2 – 3 – 4 – 0, of talks.
        let ties = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0)].map(|(a, b)| (a, b, Action::Consult));
        let sketch = Sketch::new(5, &ties);
        let reached = |filter: &Filter, depth| -> Vec<(u32, usize, u32)> {
            Walker::new(sketch.net(), filter)
                .neighborhood(ActorId(0), depth, Direction::Both)
                .unwrap()
                .iter()
                .map(|r| (r.actor.0, r.distance, r.via.0))
                .collect()
        };
        let open = Filter::default();
        assert_eq!(reached(&open, 0), []);
        assert_eq!(reached(&open, 1), [(1, 1, 0), (4, 1, 0)]);
        assert_eq!(
            reached(&open, 2),
            [(1, 1, 0), (4, 1, 0), (2, 2, 1), (3, 2, 4)]
        );
        let avoid = Filter {
            avoid: ids(&[1]),
            ..Filter::default()
        };
        assert_eq!(
            reached(&avoid, usize::MAX),
            [(4, 1, 0), (3, 2, 4), (2, 3, 3)]
        );
        assert_eq!(
            Walker::new(sketch.net(), &avoid)
                .component_size(ActorId(0))
                .unwrap(),
            4
        );
    }

    #[test]
    fn neighborhood_ignores_the_directed_flag_and_follows_its_own_direction() {
        // 0 strikes 1; 2 strikes 0.
        let sketch = Sketch::new(3, &[(0, 1, Action::Assault), (2, 0, Action::Assault)]);
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        let w = Walker::new(sketch.net(), &directed);
        let actors_of = |dir| -> Vec<ActorId> {
            w.neighborhood(ActorId(0), 1, dir)
                .unwrap()
                .iter()
                .map(|r| r.actor)
                .collect()
        };
        assert_eq!(actors_of(Direction::Both), ids(&[1, 2]));
        assert_eq!(actors_of(Direction::Out), ids(&[1]));
        assert_eq!(actors_of(Direction::In), ids(&[2]));
    }

    #[test]
    fn component_size_reads_certainty_and_dates() {
        let mut sketch = Sketch::new(4, &[]);
        sketch.tie(0, 1, Action::Aid).date("2020");
        sketch
            .tie(1, 2, Action::Aid)
            .certainty(Certainty::Speculative);
        sketch.tie(2, 3, Action::Aid).date("2025-02");
        let size = |filter: Filter| {
            Walker::new(sketch.net(), &filter)
                .component_size(ActorId(1))
                .unwrap()
        };
        assert_eq!(size(Filter::default()), 4);
        assert_eq!(
            size(Filter {
                min_certainty: Some(Certainty::Opinion),
                ..Filter::default()
            }),
            2
        );
        let since_2021 = Filter {
            since: Some("2021".parse().unwrap()),
            ..Filter::default()
        };
        assert_eq!(size(since_2021), 3);
        let until_2024 = Filter {
            until: Some("2024".parse().unwrap()),
            ..Filter::default()
        };
        assert_eq!(size(until_2024), 3);
    }
}
