//! The hierarchy of actors: who belongs to whom, one level up ([`crate::model::Actor::parent`]:
//! the actor a person acts for, else the actor a group is part of), laid out so that the
//! questions traversals ask about it cost `O(1)`.
//!
//! A [`Hierarchy`] is a forest over the actors `0..n`. It is built once, when a database or a
//! [`Sketch`](super::Sketch) is assembled, and then only read. Everything is precomputed:
//! each actor's parent, its top ancestor (its principal) and its depth, and one shared array
//! holding the actors in depth-first preorder, in which every actor's descendants sit in one
//! contiguous run right after it. So [`Hierarchy::descendants`] and [`Hierarchy::subtree`] are
//! slices of that one array (no allocation per actor), and "is `a` an ancestor of `x`" is two
//! comparisons.
//!
//! The hierarchy says who belongs to whom and nothing else; how traversals use it (the roll-up
//! rule) is defined once, in [`crate::graph`].
//!
//! What this module must not do:
//!
//! - **No walking without a bound.** The loader rejects cycles, but a hierarchy is built from
//!   whatever parents it is handed, so the build never follows parent links: it lays the forest
//!   out from its roots, visiting each actor at most once, and an actor it never reaches (one
//!   on a cycle, or below one) makes [`Hierarchy::new`] panic with that actor named. No method
//!   loops over parent links after that.
//! - **No policy.** It does not know which actors a query names or whether roll-up is on; the
//!   walker decides that (see [`crate::graph`]).
//! - **No names, no database.** It speaks [`ActorId`]s only.

use crate::model::ActorId;

/// No parent, in the packed parent array.
const NONE: u32 = u32::MAX;

/// The actors' hierarchy: a forest laid out in depth-first preorder, so that each actor's
/// parent, top ancestor, depth and descendants cost `O(1)` to read. It says who belongs to
/// whom; the roll-up rule that reads it is in [`crate::graph`].
///
/// ```
/// use dyad::graph::Hierarchy;
/// use dyad::model::ActorId;
///
/// // 1 and 2 belong to 0; 3 belongs to 2; 4 stands alone.
/// let a = ActorId;
/// let tree = Hierarchy::new(vec![None, Some(a(0)), Some(a(0)), Some(a(2)), None]);
/// assert_eq!(tree.top(a(3)), a(0));
/// assert_eq!(tree.depth(a(3)), 2);
/// assert_eq!(tree.descendants(a(0)), [a(1), a(2), a(3)]);
/// assert_eq!(tree.subtree(a(2)), [a(2), a(3)]);
/// assert!(tree.is_ancestor(a(0), a(3)) && !tree.is_ancestor(a(3), a(3)));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hierarchy {
    /// `parent[a]`, or [`NONE`].
    parent: Vec<u32>,
    /// The highest ancestor-or-self of each actor.
    top: Vec<u32>,
    /// Steps up to the top: 0 for an actor with no parent.
    depth: Vec<u32>,
    /// Every actor in depth-first preorder: roots in id order, each followed by its subtree,
    /// children in id order. An actor's subtree is `order[pos[a]..pos[a] + size[a]]`.
    order: Vec<ActorId>,
    /// Where each actor sits in `order`.
    pos: Vec<u32>,
    /// The size of each actor's subtree, itself included.
    size: Vec<u32>,
    /// Whether any actor has a parent (if not, every question has a trivial answer).
    nested: bool,
}

impl Hierarchy {
    /// The hierarchy in which `parents[a]` is actor `a`'s parent. `O(n)`.
    ///
    /// # Panics
    ///
    /// If a parent is out of range, or the parents form a cycle (an actor that is its own
    /// ancestor, itself included); the message names an actor concerned. The loader rejects
    /// both, so a loaded database never panics here. The build visits each actor at most once
    /// and never follows a parent link, so a malformed input cannot make it loop.
    pub fn new(parents: Vec<Option<ActorId>>) -> Hierarchy {
        let n = parents.len();
        assert!(
            n < NONE as usize,
            "a hierarchy holds fewer than {NONE} actors"
        );
        let parent: Vec<u32> = parents
            .iter()
            .enumerate()
            .map(|(i, p)| match p {
                Some(p) => {
                    assert!(
                        p.index() < n,
                        "actor {i}: parent {} is not one of the {n} actors",
                        p.0
                    );
                    p.0
                }
                None => NONE,
            })
            .collect();

        // Children grouped by parent, in id order: a counting sort into one array.
        let mut first_child = vec![0u32; n + 1];
        for &p in &parent {
            if p != NONE {
                first_child[p as usize + 1] += 1;
            }
        }
        for i in 0..n {
            first_child[i + 1] += first_child[i];
        }
        let mut children = vec![0u32; first_child[n] as usize];
        let mut fill = first_child.clone();
        for (i, &p) in parent.iter().enumerate() {
            if p != NONE {
                children[fill[p as usize] as usize] = i as u32;
                fill[p as usize] += 1;
            }
        }

        // Lay the forest out depth first from its roots. Each actor is pushed once, by its
        // parent, so this ends after at most `n` pushes whatever the input; actors on a cycle
        // are never reached from a root.
        let mut top = vec![NONE; n];
        let mut depth = vec![0u32; n];
        let mut order: Vec<ActorId> = Vec::with_capacity(n);
        let mut pos = vec![NONE; n];
        let mut stack: Vec<u32> = Vec::new();
        for root in (0..n).filter(|&i| parent[i] == NONE) {
            top[root] = root as u32;
            stack.push(root as u32);
            while let Some(a) = stack.pop() {
                let a = a as usize;
                pos[a] = order.len() as u32;
                order.push(ActorId(a as u32));
                let kids = &children[first_child[a] as usize..first_child[a + 1] as usize];
                // Reversed, so the lowest id is popped, and laid out, first.
                for &c in kids.iter().rev() {
                    top[c as usize] = top[a];
                    depth[c as usize] = depth[a] + 1;
                    stack.push(c);
                }
            }
        }
        if let Some(stuck) = pos.iter().position(|&p| p == NONE) {
            panic!("actor {stuck} is on or below a cycle of parents: it has no top ancestor");
        }

        // Subtree sizes, children before parents: the reverse of preorder.
        let mut size = vec![1u32; n];
        for a in order.iter().rev() {
            let p = parent[a.index()];
            if p != NONE {
                size[p as usize] += size[a.index()];
            }
        }
        Hierarchy {
            nested: parent.iter().any(|&p| p != NONE),
            parent,
            top,
            depth,
            order,
            pos,
            size,
        }
    }

    /// `n` actors, none with a parent.
    pub fn flat(n: usize) -> Hierarchy {
        Hierarchy::new(vec![None; n])
    }

    /// The number of actors.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// Whether there are no actors at all.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// Whether some actor has a parent. When none does, every actor is its own top and has no
    /// descendants, and traversals can skip the hierarchy altogether.
    pub fn is_nested(&self) -> bool {
        self.nested
    }

    /// The actor one level up from `a`, if any. `O(1)`.
    pub fn parent(&self, a: ActorId) -> Option<ActorId> {
        let p = self.parent[a.index()];
        (p != NONE).then_some(ActorId(p))
    }

    /// The highest ancestor-or-self of `a`: the principal it ultimately belongs to. `O(1)`.
    pub fn top(&self, a: ActorId) -> ActorId {
        ActorId(self.top[a.index()])
    }

    /// How many levels below its top `a` sits: 0 for an actor with no parent. `O(1)`.
    pub fn depth(&self, a: ActorId) -> usize {
        self.depth[a.index()] as usize
    }

    /// `a` and then all its descendants, in depth-first preorder (children in id order).
    /// `O(1)`: a slice of one array shared by every actor.
    pub fn subtree(&self, a: ActorId) -> &[ActorId] {
        let start = self.pos[a.index()] as usize;
        &self.order[start..start + self.size[a.index()] as usize]
    }

    /// All of `a`'s descendants (not `a`), in depth-first preorder. `O(1)`.
    pub fn descendants(&self, a: ActorId) -> &[ActorId] {
        &self.subtree(a)[1..]
    }

    /// Whether `a` is a strict ancestor of `x` (`a != x`). `O(1)`.
    pub fn is_ancestor(&self, a: ActorId, x: ActorId) -> bool {
        let (pa, px) = (self.pos[a.index()], self.pos[x.index()]);
        pa < px && px < pa + self.size[a.index()]
    }

    /// `a`'s strict ancestors, nearest first. `O(depth)`.
    pub fn ancestors(&self, a: ActorId) -> impl Iterator<Item = ActorId> + '_ {
        std::iter::successors(self.parent(a), move |&p| self.parent(p))
    }

    /// The actors with no parent, in id order.
    pub fn roots(&self) -> impl Iterator<Item = ActorId> + '_ {
        (0..self.len() as u32)
            .map(ActorId)
            .filter(move |&a| self.parent[a.index()] == NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(i: u32) -> ActorId {
        ActorId(i)
    }

    #[test]
    fn a_forest_is_laid_out_so_each_subtree_is_one_run() {
        // 0 belongs to 5; 1 and 3 to 0; 4 and 6 to 1; 2 stands alone.
        let parents = vec![
            Some(a(5)),
            Some(a(0)),
            None,
            Some(a(0)),
            Some(a(1)),
            None,
            Some(a(1)),
        ];
        let t = Hierarchy::new(parents);
        assert!(t.is_nested());
        assert_eq!(t.roots().collect::<Vec<_>>(), [a(2), a(5)]);
        assert_eq!(t.subtree(a(5)), [a(5), a(0), a(1), a(4), a(6), a(3)]);
        assert_eq!(t.descendants(a(1)), [a(4), a(6)]);
        assert_eq!(t.descendants(a(2)), []);
        for (x, top, depth) in [(4, 5, 3), (3, 5, 2), (2, 2, 0), (5, 5, 0)] {
            assert_eq!((t.top(a(x)), t.depth(a(x))), (a(top), depth), "actor {x}");
        }
        assert_eq!(t.ancestors(a(4)).collect::<Vec<_>>(), [a(1), a(0), a(5)]);
        // is_ancestor agrees with walking the parents.
        for x in 0..7 {
            for y in 0..7 {
                let walked = t.ancestors(a(y)).any(|p| p == a(x));
                assert_eq!(t.is_ancestor(a(x), a(y)), walked, "{x} above {y}");
            }
        }
    }

    #[test]
    fn a_flat_hierarchy_has_no_structure() {
        let t = Hierarchy::flat(3);
        assert!(!t.is_nested());
        assert_eq!(t.len(), 3);
        for x in 0..3 {
            assert_eq!(t.top(a(x)), a(x));
            assert_eq!(t.subtree(a(x)), [a(x)]);
            assert_eq!(t.parent(a(x)), None);
        }
        assert!(Hierarchy::flat(0).is_empty());
    }

    #[test]
    #[should_panic(expected = "actor 1 is on or below a cycle of parents")]
    fn a_cycle_of_parents_panics_instead_of_looping() {
        // 0 is a root; 1 and 2 are each other's parent; 3 hangs below the cycle.
        Hierarchy::new(vec![None, Some(a(2)), Some(a(1)), Some(a(1))]);
    }

    #[test]
    #[should_panic(expected = "actor 0 is on or below a cycle of parents")]
    fn an_actor_that_is_its_own_parent_panics() {
        Hierarchy::new(vec![Some(a(0))]);
    }

    #[test]
    #[should_panic(expected = "parent 7 is not one of the 2 actors")]
    fn a_parent_out_of_range_panics() {
        Hierarchy::new(vec![None, Some(a(7))]);
    }
}
