//! Roll-up across every algorithm: on hundreds of small random graphs with random hierarchies
//! and random kept actors, each algorithm's answer is compared with a brute-force one over the
//! quotient graph that [`testkit::reference`](super::testkit::reference) builds from the
//! definition; then hand-built cases pin what roll-up is for.

use super::testkit::{
    arcs, brute_betweenness, distances, filters, ids, nodes_of, passes, path_reference,
    random_nested_sketch, random_parents, random_sketch, reference, rep_of, shortest_paths,
    simple_paths, Rng, Way,
};
use super::Walker;
use crate::graph::{Direction, Filter, Net, Sketch};
use crate::model::{Action, ActorId, ClaimId, KindSet, RelationKind};

/// The filters of [`filters`], each with random kept actors, rolled up and not.
fn rollup_filters(n: usize, rng: &mut Rng) -> Vec<Filter> {
    let mut out = Vec::new();
    for f in filters(n, rng) {
        let keep: Vec<ActorId> = (0..rng.below(4))
            .map(|_| ActorId(rng.below(n) as u32))
            .collect();
        out.push(Filter {
            rollup: false,
            keep: keep.clone(),
            ..f.clone()
        });
        out.push(Filter {
            keep: Vec::new(),
            ..f.clone()
        });
        out.push(Filter { keep, ..f });
    }
    out
}

/// The claims behind the step `u → v` between nodes, from the definition: those that pass the
/// filter and have an arc read `way` from an actor of `u` to an actor of `v`.
fn brute_step_claims(
    net: Net<'_>,
    filter: &Filter,
    u: ActorId,
    v: ActorId,
    way: Way,
) -> Vec<ClaimId> {
    let rep = rep_of(net, filter);
    (0..net.claims.len() as u32)
        .map(ClaimId)
        .filter(|&c| {
            let claim = net.claim(c);
            passes(filter, claim)
                && arcs(claim, way)
                    .iter()
                    .any(|(x, y)| rep[x.index()] == u && rep[y.index()] == v)
        })
        .collect()
}

fn assert_close(got: &[f64], expected: &[f64], why: &str) {
    for (i, (g, e)) in got.iter().zip(expected).enumerate() {
        assert!((g - e).abs() < 1e-9, "{why}: actor {i}: {g} vs {e}");
    }
}

#[test]
fn every_algorithm_walks_the_quotient_graph_on_random_hierarchies() {
    // How often the hierarchy mattered, so the comparison cannot pass by being vacuous.
    let (mut grouped, mut long, mut split) = (0, 0, 0);
    for seed in 0..250 {
        let mut rng = Rng::new(9000 + seed);
        let n = rng.between(2, 8);
        let ties = rng.between(n, 3 * n);
        let sketch = random_nested_sketch(&mut rng, n, ties);
        let net = sketch.net();
        for filter in rollup_filters(n, &mut rng) {
            let why = format!("seed {seed}, {:?}, {filter:?}", sketch.tree());
            let w = Walker::new(net, &filter);
            let rep = rep_of(net, &filter);
            let nodes = nodes_of(net, &filter);
            let all: Vec<ActorId> = (0..n as u32).map(ActorId).collect();

            // The walker's nodes and members are the definition's.
            for &x in &all {
                assert_eq!(w.rep(x), rep[x.index()], "{why}: rep of {x:?}");
                assert_eq!(w.is_node(x), rep[x.index()] == x, "{why}: {x:?}");
            }
            assert_eq!(w.nodes().collect::<Vec<_>>(), nodes, "{why}");
            for &r in &nodes {
                let members: Vec<ActorId> = w.members(r).collect();
                let mut expected: Vec<ActorId> = all
                    .iter()
                    .copied()
                    .filter(|x| rep[x.index()] == r)
                    .collect();
                assert_eq!(members[0], r, "{why}");
                let mut sorted = members.clone();
                sorted.sort();
                expected.sort();
                assert_eq!(sorted, expected, "{why}: members of {r:?}");
                grouped += usize::from(members.len() > 1);
            }
            split += usize::from(
                filter.rollup && nodes.iter().any(|r| sketch.tree().parent(*r).is_some()),
            );

            let open: Vec<ActorId> = nodes
                .iter()
                .copied()
                .filter(|a| !filter.avoid.contains(a))
                .collect();
            let adj = path_reference(net, &filter);
            for &s in &open {
                let dist = distances(&adj, s);
                for &t in &open {
                    let why = format!("{why}, {s:?} -> {t:?}");
                    let expected = shortest_paths(&adj, s, t);
                    let one = w.shortest_path(s, t, None);
                    assert_eq!(one.as_ref().map(|p| p.len() - 1), dist[t.index()], "{why}");
                    let all_paths = w.all_shortest_paths(s, t, None, usize::MAX).unwrap();
                    let interiors = w.shortest_path_interiors(s, t);
                    if expected.is_empty() {
                        assert_eq!(all_paths, None, "{why}");
                        assert_eq!(interiors, None, "{why}");
                        continue;
                    }
                    let one = one.expect("reachable");
                    assert!(expected.contains(&one), "{why}: {one:?}");
                    let hops = one.len() - 1;
                    long += usize::from(hops > 1);
                    let got = all_paths.unwrap_or_else(|| panic!("{why}: no paths"));
                    assert_eq!((got.hops, &got.paths), (hops, &expected), "{why}");
                    let mut inner: Vec<ActorId> = expected
                        .iter()
                        .flat_map(|p| p.iter().skip(1).take(hops.saturating_sub(1)))
                        .copied()
                        .collect();
                    inner.sort();
                    inner.dedup();
                    assert_eq!(interiors, Some((hops, inner)), "{why}");
                    // Every step of a path has edges and claims behind it, the way it goes.
                    let way = if filter.directed {
                        Direction::Out
                    } else {
                        Direction::Both
                    };
                    for step in one.windows(2) {
                        assert!(!w.step_edges(step[0], step[1]).is_empty(), "{why}");
                        assert!(!w.step_claims(step[0], step[1], way).is_empty(), "{why}");
                    }
                    // Yen's paths are simple paths of the quotient graph, shortest first.
                    let every = simple_paths(&adj, s, t, n);
                    let k = w.k_shortest_paths(s, t, 4, None).unwrap();
                    assert_eq!(k.len(), every.len().min(4), "{why}");
                    for (i, p) in k.iter().enumerate() {
                        assert!(every.contains(p), "{why}: {p:?}");
                        assert_eq!(p.len(), every[i].len(), "{why}: {k:?}");
                    }
                }
                // An actor that is not a node counts as its node.
                for &x in &all {
                    let r = rep[x.index()];
                    if r != x && !filter.avoid.contains(&r) {
                        assert_eq!(
                            w.shortest_path(x, s, None),
                            w.shortest_path(r, s, None),
                            "{why}"
                        );
                    }
                }
            }

            // Neighbourhoods each way, and components.
            for (dir, way) in [
                (Direction::Out, Way::Along),
                (Direction::In, Way::Against),
                (Direction::Both, Way::Either),
            ] {
                let adj = reference(net, &filter, way);
                for &s in &open {
                    let dist = distances(&adj, s);
                    let got = w.neighborhood(s, 3, dir).unwrap();
                    let mut seen: Vec<(ActorId, usize)> =
                        got.iter().map(|r| (r.actor, r.distance)).collect();
                    seen.sort_by_key(|&(a, d)| (d, a));
                    let mut expected: Vec<(ActorId, usize)> = nodes
                        .iter()
                        .filter_map(|&a| Some((a, dist[a.index()]?)))
                        .filter(|&(a, d)| a != s && d <= 3)
                        .collect();
                    expected.sort_by_key(|&(a, d)| (d, a));
                    assert_eq!(seen, expected, "{why}, {dir:?} from {s:?}");
                    for r in &got {
                        assert!(adj[r.via.index()].contains(&r.actor), "{why}: {r:?}");
                    }
                    // The claims behind each first step go the way asked.
                    for r in got.iter().filter(|r| r.distance == 1) {
                        assert_eq!(
                            w.step_claims(s, r.actor, dir),
                            brute_step_claims(net, &filter, s, r.actor, way),
                            "{why}: {dir:?} {s:?} -> {:?}",
                            r.actor
                        );
                    }
                    if dir == Direction::Both {
                        let size = dist.iter().flatten().count();
                        assert_eq!(w.component_size(s).unwrap(), size, "{why}: {s:?}");
                    }
                }
            }

            // Every pair of nodes: the claims between them, each way.
            for &u in &nodes {
                for &v in nodes.iter().filter(|&&v| v != u) {
                    for (dir, way) in [
                        (Direction::Out, Way::Along),
                        (Direction::In, Way::Against),
                        (Direction::Both, Way::Either),
                    ] {
                        assert_eq!(
                            w.step_claims(u, v, dir),
                            brute_step_claims(net, &filter, u, v, way),
                            "{why}: {dir:?} {u:?} -> {v:?}"
                        );
                    }
                }
            }

            // Centrality over nodes, indexed by actor, direction ignored.
            let either = reference(net, &filter, Way::Either);
            let expected: Vec<usize> = either.iter().map(Vec::len).collect();
            assert_eq!(w.degrees(), expected, "{why}");
            let exact = brute_betweenness(&either, &nodes, &nodes);
            assert_close(&w.betweenness(&nodes).unwrap(), &exact, &why);
            // Every actor as a source is every node once: exact again.
            assert_close(&w.betweenness(&all).unwrap(), &exact, &why);
            let sample: Vec<ActorId> = all.iter().copied().filter(|_| rng.chance(1, 2)).collect();
            let mut sample_nodes: Vec<ActorId> = Vec::new();
            for x in &sample {
                if !sample_nodes.contains(&rep[x.index()]) {
                    sample_nodes.push(rep[x.index()]);
                }
            }
            assert_close(
                &w.betweenness(&sample).unwrap(),
                &brute_betweenness(&either, &nodes, &sample_nodes),
                &why,
            );
        }
    }
    assert!(
        grouped > 2_000 && long > 2_000 && split > 500,
        "too few telling cases: {grouped} groups, {long} longer paths, {split} split principals"
    );
}

#[test]
fn with_rollup_off_a_hierarchy_changes_nothing() {
    let mut nested_count = 0;
    for seed in 0..100 {
        let mut rng = Rng::new(9500 + seed);
        let n = rng.between(2, 8);
        let ties = rng.between(n, 3 * n);
        // The same claims with and without a hierarchy.
        let flat = random_sketch(&mut rng, n, ties);
        let mut nested = flat.clone();
        for (child, parent) in random_parents(&mut rng, n).into_iter().enumerate() {
            if let Some(p) = parent {
                nested.part_of(child as u32, p.0);
            }
        }
        nested_count += usize::from(nested.tree().is_nested());
        for f in filters(n, &mut rng) {
            let off = Filter {
                rollup: false,
                keep: vec![ActorId(0)],
                ..f
            };
            let (a, b) = (
                Walker::new(nested.net(), &off),
                Walker::new(flat.net(), &off),
            );
            let why = format!("seed {seed}, {off:?}");
            for s in (0..n as u32).map(ActorId) {
                assert_eq!(
                    a.neighborhood(s, 9, Direction::Both).unwrap(),
                    b.neighborhood(s, 9, Direction::Both).unwrap(),
                    "{why}"
                );
                assert_eq!(
                    a.component_size(s).unwrap(),
                    b.component_size(s).unwrap(),
                    "{why}"
                );
                for t in (0..n as u32).map(ActorId) {
                    assert_eq!(
                        a.shortest_path(s, t, None),
                        b.shortest_path(s, t, None),
                        "{why}"
                    );
                    assert_eq!(
                        a.all_shortest_paths(s, t, None, 9).unwrap(),
                        b.all_shortest_paths(s, t, None, 9).unwrap(),
                        "{why}"
                    );
                    assert_eq!(a.step_edges(s, t), b.step_edges(s, t), "{why}");
                }
            }
            assert_eq!(a.degrees(), b.degrees(), "{why}");
        }
    }
    assert!(nested_count > 80, "only {nested_count} hierarchies");
}

/// Azerbaijan (0), Ilham Aliyev (1) who acts for it, and Turkey (2): Azerbaijan aids Turkey,
/// and Turkey's talks are with Aliyev.
fn azerbaijan() -> Sketch {
    let mut sketch = Sketch::new(3, &[(0, 2, Action::Aid), (2, 1, Action::Consult)]);
    sketch.part_of(1, 0);
    sketch
}

#[test]
fn a_person_acting_for_a_state_is_not_its_neighbour_at_depth_two() {
    let sketch = azerbaijan();
    let reached = |filter: Filter| -> Vec<(u32, usize)> {
        Walker::new(sketch.net(), &filter)
            .neighborhood(ActorId(0), 2, Direction::Both)
            .unwrap()
            .iter()
            .map(|r| (r.actor.0, r.distance))
            .collect()
    };
    let named = Filter {
        keep: ids(&[0]),
        ..Filter::default()
    };
    assert_eq!(reached(named.clone()), [(2, 1)]);
    assert_eq!(reached(Filter::default()), [(2, 1)]);
    assert_eq!(
        reached(Filter {
            rollup: false,
            ..named
        }),
        [(2, 1), (1, 2)]
    );
    // Rolled up, the talks with Aliyev count for Azerbaijan: both claims join 0 and 2.
    let rolled = Filter::default();
    let w = Walker::new(sketch.net(), &rolled);
    let both = w.step_claims(ActorId(0), ActorId(2), Direction::Both);
    assert_eq!(both, [ClaimId(0), ClaimId(1)]);
    assert_eq!(w.degrees(), [1, 0, 1]);
    // Naming Aliyev keeps him apart, and he is Turkey's neighbour again.
    let aliyev = Filter {
        keep: ids(&[1]),
        ..Filter::default()
    };
    let w = Walker::new(sketch.net(), &aliyev);
    assert_eq!(
        w.shortest_path(ActorId(0), ActorId(1), None),
        Some(ids(&[0, 2, 1]))
    );
}

#[test]
fn avoiding_a_state_avoids_the_people_who_act_for_it() {
    // 3 talks to 1 (Aliyev), and 1 to 2: with Azerbaijan avoided, 3 cannot reach 2 through him.
    let mut sketch = Sketch::new(4, &[(3, 1, Action::Consult), (1, 2, Action::Consult)]);
    sketch.part_of(1, 0);
    let avoid = Filter {
        avoid: ids(&[0]),
        ..Filter::default()
    };
    let w = Walker::new(sketch.net(), &avoid);
    assert_eq!(w.shortest_path(ActorId(3), ActorId(2), None), None);
    assert_eq!(w.component_size(ActorId(3)).unwrap(), 1);
    let off = Filter {
        rollup: false,
        ..avoid
    };
    let w = Walker::new(sketch.net(), &off);
    assert_eq!(
        w.shortest_path(ActorId(3), ActorId(2), None),
        Some(ids(&[3, 1, 2]))
    );
}

/// Syria (0); its president (1) acts for it; the opposition (2) and a council (3) are part of
/// it; an envoy (4) acts for the council and mediates between the president and the
/// opposition.
fn syria() -> Sketch {
    let mut sketch = Sketch::new(5, &[]);
    sketch
        .part_of(1, 0)
        .part_of(2, 0)
        .part_of(3, 0)
        .part_of(4, 3);
    sketch.mediation(4, 1, 2);
    sketch
}

#[test]
fn two_named_members_of_one_principal_keep_a_mediation_between_them_visible() {
    let sketch = syria();
    let named = Filter {
        keep: ids(&[1, 2]),
        ..Filter::default()
    };
    let w = Walker::new(sketch.net(), &named);
    // Syria stands alone; the council stands for its envoy, the highest level below Syria.
    assert_eq!(w.nodes().collect::<Vec<_>>(), ids(&[0, 1, 2, 3]));
    assert_eq!(w.members(ActorId(3)).collect::<Vec<_>>(), ids(&[3, 4]));
    assert_eq!(w.members(ActorId(0)).collect::<Vec<_>>(), ids(&[0]));
    let (president, opposition) = (ActorId(1), ActorId(2));
    assert_eq!(
        w.shortest_path(president, opposition, None),
        Some(ids(&[1, 3, 2]))
    );
    assert_eq!(
        w.shortest_path_interiors(president, opposition),
        Some((2, ids(&[3])))
    );
    // The mediation went from the envoy to each party: out of the council, into the parties.
    assert_eq!(
        w.step_claims(ActorId(3), president, Direction::Out),
        [ClaimId(0)]
    );
    assert!(w
        .step_claims(ActorId(3), president, Direction::In)
        .is_empty());
    // Nothing named: everything is Syria, and the mediation is inside it.
    let rolled = Filter::default();
    let w = Walker::new(sketch.net(), &rolled);
    assert_eq!(w.nodes().collect::<Vec<_>>(), ids(&[0]));
    assert_eq!(
        w.shortest_path(president, opposition, None),
        Some(ids(&[0]))
    );
    assert!(w
        .neighborhood(president, 3, Direction::Both)
        .unwrap()
        .is_empty());
    assert_eq!(w.degrees(), [0; 5]);
}

#[test]
fn a_directed_step_is_judged_by_the_member_who_acted() {
    // Turkey (0), Hakan Fidan (1) who acts for it, Israel (2). Israel strikes Fidan; Fidan
    // consults a third state (3), which aids Turkey.
    let mut sketch = Sketch::new(4, &[(2, 1, Action::Assault), (1, 3, Action::Consult)]);
    sketch.tie(3, 0, Action::Aid);
    sketch.part_of(1, 0);
    let directed = Filter {
        directed: true,
        keep: ids(&[0, 2]),
        ..Filter::default()
    };
    let w = Walker::new(sketch.net(), &directed);
    let (turkey, israel, third) = (ActorId(0), ActorId(2), ActorId(3));
    // The strike goes from Israel to Turkey's minister, not the other way.
    assert_eq!(w.shortest_path(israel, turkey, None), Some(ids(&[2, 0])));
    assert_eq!(w.shortest_path(turkey, israel, None), None);
    // Fidan's talks go from Turkey to the third state; its aid comes back to Turkey itself.
    assert_eq!(w.shortest_path(turkey, third, None), Some(ids(&[0, 3])));
    assert_eq!(w.shortest_path(third, turkey, None), Some(ids(&[3, 0])));
    assert_eq!(w.step_claims(turkey, third, Direction::Out), [ClaimId(1)]);
    assert_eq!(w.step_claims(turkey, third, Direction::In), [ClaimId(2)]);
    assert_eq!(w.step_claims(turkey, israel, Direction::Out), []);
    assert_eq!(w.step_claims(turkey, israel, Direction::In), [ClaimId(0)]);
    let out: Vec<ActorId> = w
        .neighborhood(turkey, 1, Direction::Out)
        .unwrap()
        .iter()
        .map(|r| r.actor)
        .collect();
    assert_eq!(out, [third]);
    let conflict = Filter {
        kinds: KindSet::only(RelationKind::Conflict),
        ..directed
    };
    let w = Walker::new(sketch.net(), &conflict);
    assert_eq!(w.step_edges(israel, turkey).len(), 1);
    assert!(w.step_edges(turkey, israel).is_empty());
}

#[test]
fn the_seed_database_rolls_hakan_fidan_up_to_turkey() {
    let db = crate::load_embedded().unwrap();
    let id = |s: &str| db.names.get(s).unwrap_or_else(|| panic!("{s}"));
    let (fidan, turkey) = (id("hakan_fidan"), id("turkey"));
    assert_eq!(db.tree.top(fidan), turkey);
    assert!(db.tree.descendants(turkey).contains(&fidan));
    for a in db.actor_ids() {
        assert_eq!(db.tree.top(a), db.principal(a), "{}", db.name(a));
    }
    let rolled = Filter::default();
    let w = Walker::new(db.net(), &rolled);
    assert_eq!(w.rep(fidan), turkey);
    let named = Filter {
        keep: vec![fidan],
        ..Filter::default()
    };
    assert_eq!(Walker::new(db.net(), &named).rep(fidan), fidan);
}
