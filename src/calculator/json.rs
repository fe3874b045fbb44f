//! The compiled calculator as JSON for `calculator.js`, safe to place inside a `<script>` element.
//!
//! A formula tree becomes `{"n": 2}` (number), `{"v": "x"}` (name), `{"op": "neg", "a": …}`,
//! `{"op": "not", "a": …}`, `{"op": "+", "a": …, "b": …}` (any operator of the language as
//! written) or `{"fn": "min", "args": […]}`. A division or a power also carries its place in the
//! formula, `"at": "4-15"`, which names the reason the script shows when it fails
//! ([`crate::calculator::reasons`]).

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::ast::{BinOp, Kind, Node, UnOp};
use super::why::place_key;

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.kind {
            Kind::Number(value) => map.serialize_entry("n", value)?,
            Kind::Name(name) => map.serialize_entry("v", name)?,
            Kind::Unary(op, operand) => {
                let op = if *op == UnOp::Neg { "neg" } else { "not" };
                map.serialize_entry("op", op)?;
                map.serialize_entry("a", operand)?;
            }
            Kind::Binary(op, a, b) => {
                map.serialize_entry("op", op.symbol())?;
                map.serialize_entry("a", a)?;
                map.serialize_entry("b", b)?;
                if matches!(op, BinOp::Div | BinOp::Pow) {
                    map.serialize_entry("at", &place_key(self))?;
                }
            }
            Kind::Call(func, args) => {
                map.serialize_entry("fn", func.name())?;
                map.serialize_entry("args", args)?;
            }
        }
        map.end()
    }
}

/// A value (the compiled calculator and what the page's script needs with it) as JSON text that
/// can never close the `<script>` element that holds it or open a comment
/// ([`crate::escape::json_for_script`]).
pub fn safe_json_text(value: &impl Serialize) -> String {
    crate::escape::json_for_script(value)
}
