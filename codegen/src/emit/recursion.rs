//! Recursive types: which fields need a `Box` so that every struct has a finite size.
//!
//! A field that holds a struct directly (not in a `Vec`) is an edge from its struct to that
//! struct. Every edge inside a strongly connected component of that graph closes a cycle and is
//! boxed. This boxes more edges than strictly needed in a component with several cycles, but
//! the result does not depend on the order types are visited in.

use std::collections::BTreeMap;

use crate::ir::TypeId;

use super::fields::FieldSpec;
use super::rust_type::{resolve, Position, Resolved};
use super::Context;

/// Component number of each struct type.
#[derive(Debug, Default)]
pub struct RecursiveEdges {
    component: BTreeMap<TypeId, usize>,
}

impl RecursiveEdges {
    /// Finds the strongly connected components of the direct-containment graph.
    pub fn find(context: &Context<'_>, layouts: &BTreeMap<TypeId, Vec<FieldSpec>>) -> Self {
        let graph: BTreeMap<TypeId, Vec<TypeId>> = layouts
            .iter()
            .map(|(id, fields)| (*id, direct_targets(context, fields, layouts)))
            .collect();

        RecursiveEdges {
            component: components(&graph),
        }
    }

    /// `true` when a direct field of type `from` holding type `to` closes a cycle.
    pub fn is_recursive(&self, from: TypeId, to: TypeId) -> bool {
        match (self.component.get(&from), self.component.get(&to)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }
}

/// Struct types that `fields` hold directly, not in a `Vec`.
fn direct_targets(
    context: &Context<'_>,
    fields: &[FieldSpec],
    layouts: &BTreeMap<TypeId, Vec<FieldSpec>>,
) -> Vec<TypeId> {
    fields
        .iter()
        .filter(|field| field.position == Position::Element && !field.many)
        .filter_map(|field| match resolve(context, &field.type_ref) {
            Resolved::Item(id) if layouts.contains_key(&id) => Some(id),
            _ => None,
        })
        .collect()
}

/// Kosaraju's algorithm, iterative so that deep type chains cannot overflow the stack.
fn components(graph: &BTreeMap<TypeId, Vec<TypeId>>) -> BTreeMap<TypeId, usize> {
    let order = finish_order(graph);

    let mut reverse: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for (from, targets) in graph {
        for to in targets {
            reverse.entry(*to).or_default().push(*from);
        }
    }

    let mut component = BTreeMap::new();
    let mut count = 0usize;
    for root in order.iter().rev() {
        if component.contains_key(root) {
            continue;
        }
        let mut stack = vec![*root];
        component.insert(*root, count);
        while let Some(node) = stack.pop() {
            for next in reverse.get(&node).into_iter().flatten() {
                if !component.contains_key(next) {
                    component.insert(*next, count);
                    stack.push(*next);
                }
            }
        }
        count += 1;
    }

    component
}

/// Nodes in the order a depth-first search finishes them.
fn finish_order(graph: &BTreeMap<TypeId, Vec<TypeId>>) -> Vec<TypeId> {
    let mut visited = std::collections::BTreeSet::new();
    let mut order = Vec::with_capacity(graph.len());

    for start in graph.keys() {
        if !visited.insert(*start) {
            continue;
        }
        let mut stack = vec![(*start, 0usize)];
        while let Some((node, next_index)) = stack.pop() {
            let targets = graph.get(&node).map_or(&[][..], Vec::as_slice);
            if let Some(next) = targets.get(next_index) {
                stack.push((node, next_index + 1));
                if visited.insert(*next) {
                    stack.push((*next, 0));
                }
            } else {
                order.push(node);
            }
        }
    }

    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)], nodes: usize) -> BTreeMap<TypeId, Vec<TypeId>> {
        let mut graph: BTreeMap<TypeId, Vec<TypeId>> =
            (0..nodes).map(|n| (TypeId(n), Vec::new())).collect();
        for (from, to) in edges {
            graph.entry(TypeId(*from)).or_default().push(TypeId(*to));
        }
        graph
    }

    #[test]
    fn cycle_shares_a_component() {
        let components = components(&graph(&[(0, 1), (1, 2), (2, 0), (2, 3)], 4));

        assert_eq!(components[&TypeId(0)], components[&TypeId(1)]);
        assert_eq!(components[&TypeId(1)], components[&TypeId(2)]);
        assert_ne!(components[&TypeId(2)], components[&TypeId(3)]);
    }

    #[test]
    fn chain_has_no_shared_component() {
        let components = components(&graph(&[(0, 1), (1, 2)], 3));

        assert_ne!(components[&TypeId(0)], components[&TypeId(1)]);
        assert_ne!(components[&TypeId(1)], components[&TypeId(2)]);
    }

    #[test]
    fn self_edge_is_recursive() {
        let edges = RecursiveEdges {
            component: components(&graph(&[(0, 0)], 1)),
        };

        assert!(edges.is_recursive(TypeId(0), TypeId(0)));
    }
}
