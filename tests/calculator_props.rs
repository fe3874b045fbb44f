//! One semantics everywhere: random well-formed formulas, printed to text and parsed back, give
//! the same results in the Rust evaluator and in the theme's `calculator.js` under node.
//!
//! The cases are generated with proptest from a fixed seed (set `STEPWISE_PROPTEST_SEED` to try
//! others, `PROPTEST_CASES` for how many) and sent to one node process as one batch. Results
//! must be equal to the last bit, except where a formula uses `^`: Rust's `powf` (the C
//! library's `pow`) and V8's `Math.pow` are each within an ulp or so of the exact power but not
//! always the same double, so there a relative difference of 1e-12 is allowed.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod calculator_support;

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};
use stepwise::calculator::{
    BinOp, Func, Kind, Node, UnOp, compile, compute, parse_formula, safe_json_text,
};
use stepwise::diagnostics::Problems;

use calculator_support::from_toml;

fn number(value: f64) -> Node {
    Node::new(Kind::Number(value))
}

fn leaf() -> impl Strategy<Value = Node> {
    let numbers = vec![
        0.0, 1.0, 2.0, 0.5, 3.0, 10.0, 0.1, 100.0, 1.5, 7.25, 0.001, 12345.678, 0.3,
    ];
    prop_oneof![
        prop::sample::select(numbers).prop_map(number),
        (0u32..4000).prop_map(|n| number(f64::from(n) / 16.0)),
        prop::sample::select(vec!["a", "b", "c"])
            .prop_map(|n| Node::new(Kind::Name(n.to_string()))),
    ]
}

fn call(func: Func, args: Vec<Node>) -> Node {
    Node::new(Kind::Call(func, args))
}

fn tree() -> impl Strategy<Value = Node> {
    use BinOp::*;
    let binary = vec![Add, Sub, Mul, Div, Pow, Lt, Le, Gt, Ge, Eq, Ne, And, Or];
    leaf().prop_recursive(6, 40, 4, move |inner| {
        prop_oneof![
            (
                prop::sample::select(vec![UnOp::Neg, UnOp::Not]),
                inner.clone()
            )
                .prop_map(|(op, a)| Node::new(Kind::Unary(op, Box::new(a)))),
            (
                prop::sample::select(binary.clone()),
                inner.clone(),
                inner.clone()
            )
                .prop_map(|(op, a, b)| Node::new(Kind::Binary(
                    op,
                    Box::new(a),
                    Box::new(b)
                ))),
            (
                prop::sample::select(vec![Func::Min, Func::Max]),
                prop::collection::vec(inner.clone(), 1..4)
            )
                .prop_map(|(func, args)| call(func, args)),
            (inner.clone(), prop::option::of(inner.clone())).prop_map(|(x, digits)| call(
                Func::Round,
                [Some(x), digits].into_iter().flatten().collect()
            )),
            (
                prop::sample::select(vec![Func::Floor, Func::Ceil, Func::Abs]),
                inner.clone()
            )
                .prop_map(|(func, x)| call(func, vec![x])),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| call(Func::If, vec![c, a, b])),
        ]
    })
}

fn input() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![
            0.0, 1.0, -1.0, 2.5, -3.75, 0.1, 1e6, 7.0, -0.5, 1e-3, 0.3, 2.0
        ]),
        -1000.0..1000.0f64,
    ]
}

/// One generated case: the formula as text, the compiled calculator and the Rust results.
struct Case {
    formula: String,
    inputs: [f64; 3],
    json: Value,
    rust: Vec<(String, Result<f64, String>)>,
    uses_power: bool,
}

fn case(tree: &Node, inputs: [f64; 3]) -> Case {
    let formula = tree.to_string();
    let (parsed, problems) = parse_formula(&formula);
    assert_eq!(problems, vec![], "{formula}");
    let parsed = parsed.unwrap_or_else(|| panic!("{formula} did not parse"));
    assert_eq!(parsed.to_string(), formula, "printing is not a fixed point");
    let toml = format!(
        "[[calculator.inputs]]\nid = \"a\"\nlabel = \"a\"\ndefault = 0\n[[calculator.inputs]]\nid = \"b\"\nlabel = \"b\"\ndefault = 0\n[[calculator.inputs]]\nid = \"c\"\nlabel = \"c\"\ndefault = 0\n[[calculator.outputs]]\nid = \"r\"\nlabel = \"r\"\nformula = \"{formula}\"\n"
    );
    let (source, calculator) = from_toml("generated.md", &toml);
    let compiled = compile(&source, &calculator, &mut Problems::default())
        .unwrap_or_else(|| panic!("{formula} did not compile"));
    let rust = results(&compiled, &inputs);
    let json = json!({"compiled": serde_json::from_str::<Value>(&safe_json_text(&compiled)).unwrap_or_default(),
        "inputs": {"a": inputs[0], "b": inputs[1], "c": inputs[2]}});
    Case {
        uses_power: formula.contains('^'),
        formula,
        inputs,
        json,
        rust,
    }
}

fn results(
    compiled: &stepwise::calculator::Compiled,
    inputs: &[f64],
) -> Vec<(String, Result<f64, String>)> {
    let values = compute(compiled, inputs);
    let ids = compiled.outputs.iter().map(|o| o.id.clone());
    ids.zip(
        values
            .into_iter()
            .map(|v| v.map_err(|e| e.kind.code().to_string())),
    )
    .collect()
}

/// The sample site's calculators with their defaults, as cases too.
fn sample_cases() -> Vec<Case> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/calculators");
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
            let (source, calculator) = calculator_support::from_asset(&path.display().to_string(), &text);
            let compiled = compile(&source, &calculator, &mut Problems::default()).unwrap_or_else(|| panic!("{} did not compile", path.display()));
            let inputs: Vec<f64> = compiled.inputs.iter().map(|i| i.default).collect();
            let json = json!({"compiled": serde_json::from_str::<Value>(&safe_json_text(&compiled)).unwrap_or_default(), "inputs": {}});
            Case { formula: path.display().to_string(), inputs: [0.0; 3], json, rust: results(&compiled, &inputs), uses_power: false }
        })
        .collect()
}

fn generated_cases() -> Vec<Case> {
    let seed: u64 = std::env::var("STEPWISE_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let count: usize = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    let strategy = (tree(), [input(), input(), input()]);
    (0..count)
        .map(|_| {
            let (tree, inputs) = strategy
                .new_tree(&mut runner)
                .unwrap_or_else(|e| panic!("{e}"))
                .current();
            case(&tree, inputs)
        })
        .collect()
}

/// The results of calculator.js for every case, or `None` when node is not installed.
fn run_node(cases: &[Case]) -> Option<Vec<Value>> {
    if Command::new("node").arg("--version").output().is_err() {
        let message =
            "node is not installed: calculator.js was NOT compared with the Rust evaluator";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
        eprintln!("SKIPPED: {message}");
        return None;
    }
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = folder.path().join("cases.json");
    let batch: Vec<&Value> = cases.iter().map(|c| &c.json).collect();
    std::fs::write(&file, serde_json::to_vec(&batch).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("node")
        .arg(root.join("tests/calculator_node.js"))
        .arg(root.join("themes/default/static/calculator.js"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}")))
}

/// Why the two results differ, if they do beyond what is allowed.
fn difference(rust: &Result<f64, String>, js: &Value, uses_power: bool) -> Option<String> {
    let js_value = js
        .as_str()
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .map(f64::from_bits);
    match (rust, js_value, js["error"].as_str()) {
        (Ok(r), Some(j), _) if r.to_bits() == j.to_bits() || r == &j => None,
        (Ok(r), Some(j), _) if uses_power && (r - j).abs() <= 1e-12 * r.abs().max(j.abs()) => None,
        (Err(r), None, Some(j)) if r == j => None,
        _ => Some(format!("rust {rust:?}, js {js}")),
    }
}

#[test]
fn rust_and_calculator_js_agree() {
    let mut cases = sample_cases();
    cases.extend(generated_cases());
    let Some(js) = run_node(&cases) else { return };
    assert_eq!(js.len(), cases.len());
    let (mut compared, mut errors, mut tolerated) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for (case, js) in cases.iter().zip(&js) {
        for (id, rust) in &case.rust {
            compared += 1;
            errors += usize::from(rust.is_err());
            match difference(rust, &js[id], case.uses_power) {
                Some(why) => mismatches.push(format!(
                    "{} with a, b, c = {:?}: `{id}`: {why}",
                    case.formula, case.inputs
                )),
                None => {
                    tolerated += usize::from(
                        rust.as_ref()
                            .ok()
                            .zip(js[id].as_str())
                            .is_some_and(|(r, h)| format!("{:x}", r.to_bits()) != h),
                    )
                }
            }
        }
    }
    eprintln!(
        "compared {compared} results of {} cases ({errors} errors on both sides, {tolerated} within the power tolerance, not bit-equal); {} mismatches",
        cases.len(),
        mismatches.len()
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
