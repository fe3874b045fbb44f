//! The shape of the code, measured from its source: no file of `src/` over 400 lines, and no
//! arrow back up — the graph of the library's top-level modules, and the graph of the
//! sub-modules within each module, have no cycle. An arrow is a `crate::…` or `super::…` path
//! (in a `use` or in code) from one module to another; `scan` reads them.
//! `cargo test --release --test structure -- --nocapture` prints the levels and the counts, and
//! how many lines of `src/` carry problems each way (a figure to watch, not a rule).
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "structure/scan.rs"]
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scan::{ModulePath, arrows, children_graph, library_files, rust_files};

/// The longest a file of `src/` may be.
const MOST_LINES: usize = 400;

/// Files still over [`MOST_LINES`] while they are being split. Each entry must go as its file
/// is split, and this list must end empty; a file that is no longer long fails the test until
/// it is taken off.
const KNOWN_LONG: &[&str] = &[];

/// A module's graph: every module to the modules it uses.
type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_file_is_over_400_lines() {
    let src = src();
    let mut long = Vec::new();
    let mut lengths = Vec::new();
    let mut texts = Vec::new();
    for path in rust_files(&src) {
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines = text.lines().count();
        texts.push(text);
        lengths.push((lines, name.clone()));
        if lines > MOST_LINES && !KNOWN_LONG.contains(&name.as_str()) {
            long.push(format!("src/{name}: {lines} lines"));
        }
    }
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    println!("the longest files:");
    for (lines, name) in lengths.iter().take(5) {
        println!("  src/{name}: {lines}");
    }
    print_ways(&texts);
    let stale: Vec<&&str> = (KNOWN_LONG.iter())
        .filter(|known| !lengths.iter().any(|(l, n)| n == **known && *l > MOST_LINES))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MOST_LINES} lines; split each along a seam:\n{}",
        long.join("\n")
    );
    assert!(
        stale.is_empty(),
        "no longer over {MOST_LINES} lines; take them off KNOWN_LONG: {stale:?}"
    );
}

#[test]
fn no_arrow_runs_back_up() {
    let files = library_files(&src());
    let arrows = arrows(&files);
    let parents: BTreeSet<ModulePath> = (files.iter())
        .filter(|file| {
            (files.iter()).any(|other| {
                other.module.len() > file.module.len() && other.module.starts_with(&file.module)
            })
        })
        .map(|file| file.module.clone())
        .collect();
    let mut cycles = Vec::new();
    for parent in &parents {
        let graph = children_graph(&files, &arrows, parent);
        let name = if parent.is_empty() {
            "crate".to_owned()
        } else {
            parent.join("::")
        };
        let components = strongly_connected(&graph);
        let cycle_arrows: usize = (graph.iter())
            .flat_map(|(from, tos)| tos.iter().map(move |to| (from, to)))
            .filter(|(from, to)| components[*from] == components[*to])
            .count();
        if parent.is_empty() {
            let levels = levels(&graph, &components);
            println!(
                "{} modules on {} levels, {} arrows, {} back up",
                graph.len(),
                levels.len(),
                graph.values().map(BTreeSet::len).sum::<usize>(),
                cycle_arrows
            );
            for (number, level) in levels.iter().enumerate() {
                println!("  level {number}: {}", level.join(", "));
            }
        } else if !graph.is_empty() {
            println!(
                "{name}: {} sub-modules, {} arrows, {} back up",
                graph.len(),
                graph.values().map(BTreeSet::len).sum::<usize>(),
                cycle_arrows
            );
        }
        cycles.extend(
            cycles_of(&graph, &components)
                .into_iter()
                .map(|cycle| format!("in {name}: {}", cycle.join(" → "))),
        );
    }
    println!("{} arrows between all modules", arrows.len());
    assert!(
        cycles.is_empty(),
        "arrows that run back up, in circles:\n{}",
        cycles.join("\n")
    );
}

/// A way of carrying problems as `grep -E` finds it, and the same test on one line.
type Way = (&'static str, fn(&str) -> bool);

/// The ways a function can carry problems, each with whether a line of code writes it: the
/// one of the house (`&mut Problems` in, `Option` out) and the ones it replaced. The same
/// counts come from `grep -rnE PATTERN src | wc -l` with the patterns printed.
const WAYS: &[Way] = &[
    ("&mut Problems", |line| line.contains("&mut Problems")),
    (r",\s*Vec<Diagnostic>\)", |line| {
        (line.match_indices("Vec<Diagnostic>)")).any(|(at, _)| line[..at].trim_end().ends_with(','))
    }),
    ("Result<.*Vec<Diagnostic>>", |line| {
        (line.find("Result<")).is_some_and(|at| line[at..].contains("Vec<Diagnostic>>"))
    }),
    ("&mut Vec<Diagnostic>", |line| {
        line.contains("&mut Vec<Diagnostic>")
    }),
    ("Result<.*, String>", |line| {
        (line.find("Result<")).is_some_and(|at| line[at..].contains(", String>"))
    }),
];

/// Prints how many lines of `texts` carry problems each way.
fn print_ways(texts: &[String]) {
    println!("lines of src/ that carry problems, by way (grep -rnE PATTERN src | wc -l):");
    for (pattern, writes) in WAYS {
        let lines = (texts.iter().flat_map(|text| text.lines()))
            .filter(|line| writes(line))
            .count();
        println!("  {lines:>3}  {pattern}");
    }
}

/// Each module's strongly connected component, by Tarjan's algorithm (numbered so that a
/// component only uses components of lower numbers).
fn strongly_connected(graph: &Graph) -> BTreeMap<String, usize> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        component: BTreeMap<String, usize>,
        components: usize,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let number = state.index.len();
        state.index.insert(node, number);
        state.low.insert(node, number);
        state.stack.push(node);
        for next in state.graph.get(node).into_iter().flatten() {
            if !state.index.contains_key(next.as_str()) {
                visit(state, next);
                let low = state.low[node].min(state.low[next.as_str()]);
                state.low.insert(node, low);
            } else if state.stack.contains(&next.as_str()) {
                let low = state.low[node].min(state.index[next.as_str()]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            while let Some(member) = state.stack.pop() {
                state.component.insert(member.to_owned(), state.components);
                if member == node {
                    break;
                }
            }
            state.components += 1;
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        component: BTreeMap::new(),
        components: 0,
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.component
}

/// The modules by level: a module on level 0 uses no other, and one on level n uses one on
/// level n − 1 (the modules of a cycle share a level).
fn levels(graph: &Graph, components: &BTreeMap<String, usize>) -> Vec<Vec<String>> {
    let mut level_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_component: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (module, component) in components {
        by_component.entry(*component).or_default().push(module);
    }
    // Tarjan's numbering puts every component after the ones it uses.
    for (component, members) in &by_component {
        let level = (members.iter())
            .flat_map(|member| &graph[*member])
            .map(|used| components[used])
            .filter(|used| used != component)
            .map(|used| level_of[&used] + 1)
            .max()
            .unwrap_or(0);
        level_of.insert(*component, level);
    }
    let mut levels: Vec<Vec<String>> =
        vec![Vec::new(); level_of.values().max().map_or(0, |l| l + 1)];
    for (module, component) in components {
        levels[level_of[component]].push(module.clone());
    }
    levels
}

/// One cycle through each component of more than one module, as the path that closes it.
fn cycles_of(graph: &Graph, components: &BTreeMap<String, usize>) -> Vec<Vec<String>> {
    let mut seen = BTreeSet::new();
    let mut cycles = Vec::new();
    for (start, component) in components {
        let size = components.values().filter(|c| *c == component).count();
        if size < 2 || !seen.insert(*component) {
            continue;
        }
        // The shortest way back to `start` within the component, found breadth first.
        let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        'search: while let Some(node) = queue.pop_front() {
            for next in &graph[node] {
                if components[next] != *component || came_from.contains_key(next) {
                    continue;
                }
                came_from.insert(next, node);
                if next == start {
                    break 'search;
                }
                queue.push_back(next);
            }
        }
        let mut cycle = vec![start.clone()];
        let mut at = came_from[start];
        while at != start {
            cycle.push(at.clone());
            at = came_from[at];
        }
        cycle.push(start.clone());
        cycle.reverse();
        cycles.push(cycle);
    }
    cycles
}
