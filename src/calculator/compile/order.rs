//! A depth-first topological sort: the nodes of a graph in an order where each comes after
//! every node it depends on, and the cycles that make such an order impossible. Outputs are
//! evaluated in this order; a cycle among them is an error.

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    New,
    Visiting,
    Done,
}

/// The nodes of a graph in dependency order, and its cycles.
#[derive(Debug, Default, PartialEq)]
pub(super) struct TopologicalOrder {
    /// Every node once, each after the nodes it depends on (as far as cycles allow).
    pub order: Vec<usize>,
    /// Each cycle found, as the path of nodes that leads back to its first.
    pub cycles: Vec<Vec<usize>>,
}

/// Sorts the nodes `0..deps.len()`, where `deps[i]` lists the nodes node `i` depends on.
pub(super) fn topological_order(deps: &[Vec<usize>]) -> TopologicalOrder {
    let mut walk = Walk {
        deps,
        state: vec![State::New; deps.len()],
        path: Vec::new(),
        found: TopologicalOrder::default(),
    };
    (0..deps.len()).for_each(|index| walk.visit(index));
    walk.found
}

/// A depth-first walk over the nodes that yields them in dependency order and finds cycles.
struct Walk<'d> {
    deps: &'d [Vec<usize>],
    state: Vec<State>,
    path: Vec<usize>,
    found: TopologicalOrder,
}

impl Walk<'_> {
    fn visit(&mut self, index: usize) {
        if self.state.get(index) != Some(&State::New) {
            return;
        }
        self.mark(index, State::Visiting);
        self.path.push(index);
        let deps = self.deps;
        for next in deps.get(index).into_iter().flatten() {
            match self.state.get(*next) {
                Some(State::New) => self.visit(*next),
                Some(State::Visiting) => {
                    let start = self.path.iter().position(|p| p == next).unwrap_or(0);
                    let cycle = self.path.get(start..).unwrap_or_default();
                    self.found.cycles.push(cycle.to_vec());
                }
                Some(State::Done) | None => {}
            }
        }
        self.path.pop();
        self.mark(index, State::Done);
        self.found.order.push(index);
    }

    fn mark(&mut self, index: usize, state: State) {
        if let Some(slot) = self.state.get_mut(index) {
            *slot = state;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph as lists of what each node depends on, the order expected and the cycles.
    type Case<'a> = (&'a [&'a [usize]], &'a [usize], &'a [&'a [usize]]);

    #[test]
    fn every_node_comes_after_what_it_depends_on_and_cycles_are_named() {
        let cases: &[Case] = &[
            (&[], &[], &[]),
            (&[&[]], &[0], &[]),
            // Independent nodes keep their order.
            (&[&[], &[], &[]], &[0, 1, 2], &[]),
            // A chain written backwards: 0 uses 1, 1 uses 2.
            (&[&[1], &[2], &[]], &[2, 1, 0], &[]),
            // A diamond: 0 uses 1 and 2, both use 3; 3 comes once, first.
            (&[&[1, 2], &[3], &[3], &[]], &[3, 1, 2, 0], &[]),
            // A node that uses itself.
            (&[&[0]], &[0], &[&[0]]),
            // A circle of three, and a node outside it that uses it.
            (&[&[1], &[2], &[0], &[0]], &[2, 1, 0, 3], &[&[0, 1, 2]]),
            // A circle entered from its second node.
            (&[&[], &[2], &[1]], &[0, 2, 1], &[&[1, 2]]),
            // A circle below the node the walk starts from: the cycle leaves the start out.
            (&[&[1], &[2], &[1]], &[2, 1, 0], &[&[1, 2]]),
            // A node depending on one that does not exist is still placed.
            (&[&[7]], &[0], &[]),
        ];
        for (deps, order, cycles) in cases {
            let deps: Vec<Vec<usize>> = deps.iter().map(|d| d.to_vec()).collect();
            let found = topological_order(&deps);
            assert_eq!(found.order, *order, "{deps:?}");
            let cycles: Vec<Vec<usize>> = cycles.iter().map(|c| c.to_vec()).collect();
            assert_eq!(found.cycles, cycles, "{deps:?}");
        }
    }
}
