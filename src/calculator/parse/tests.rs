//! The parser: precedence and associativity, the spans of what was written, and a problem
//! for every mistake, said where it is.

use super::*;

/// The tree with every operation in parentheses, to see how the formula was grouped.
fn grouped(node: &Node) -> String {
    match &node.kind {
        Kind::Number(value) => value.to_string(),
        Kind::Name(name) => name.clone(),
        Kind::Unary(UnOp::Neg, a) => format!("(neg {})", grouped(a)),
        Kind::Unary(UnOp::Not, a) => format!("(not {})", grouped(a)),
        Kind::Binary(op, a, b) => format!("({} {} {})", op.symbol(), grouped(a), grouped(b)),
        Kind::Call(func, args) => {
            let args: Vec<String> = args.iter().map(grouped).collect();
            format!("({} {})", func.name(), args.join(" "))
        }
    }
}

#[test]
fn precedence_and_associativity() {
    let table = [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("-2^2", "(neg (^ 2 2))"),
        ("2^3^2", "(^ 2 (^ 3 2))"),
        ("2^-1", "(^ 2 (neg 1))"),
        ("(-2)^2", "(^ (neg 2) 2)"),
        ("-a * b", "(* (neg a) b)"),
        ("--a", "(neg (neg a))"),
        ("a + b < c * 2", "(< (+ a b) (* c 2))"),
        ("a <= b", "(<= a b)"),
        ("a >= b", "(>= a b)"),
        ("a == b", "(== a b)"),
        ("a != b", "(!= a b)"),
        ("not a < b", "(not (< a b))"),
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a and not b", "(and a (not b))"),
        ("not not a", "(not (not a))"),
        ("min(a, b, 1)", "(min a b 1)"),
        ("max(a)", "(max a)"),
        ("round(x)", "(round x)"),
        ("round(x, 2)", "(round x 2)"),
        (
            "floor(x) + ceil(x) + abs(x)",
            "(+ (+ (floor x) (ceil x)) (abs x))",
        ),
        ("if(a > 0, a, -a)", "(if (> a 0) a (neg a))"),
        ("1.5 + 0.25", "(+ 1.5 0.25)"),
        ("  a\t*\nb ", "(* a b)"),
    ];
    for (formula, expected) in table {
        let (node, problems) = parse_formula(formula);
        assert_eq!(problems, vec![], "{formula}");
        let node = node.unwrap_or_else(|| panic!("{formula} did not parse"));
        assert_eq!(grouped(&node), expected, "{formula}");
        let printed = node.to_string();
        let reparsed = parse_formula(&printed).0.map(|n| grouped(&n));
        assert_eq!(
            reparsed.as_deref(),
            Some(expected),
            "{formula} printed as {printed}"
        );
    }
}

#[test]
fn spans_cover_what_was_written() {
    let (node, _) = parse_formula("min(a, b) * (c + 1)");
    let node = node.unwrap_or_else(|| panic!("did not parse"));
    assert_eq!(node.span, 0..19);
    assert_eq!(parse_formula("(a)").0.map(|n| n.span), Some(0..3));
    assert_eq!(node.names(), vec![("a", 4..5), ("b", 7..8), ("c", 13..14)]);
}

#[test]
fn errors_say_what_and_where() {
    let deep = format!("{}a{}", "(".repeat(70), ")".repeat(70));
    let long = vec!["a"; 600].join(" + ");
    let table: [(&str, &str, std::ops::Range<usize>, Option<&str>); 24] = [
        (
            "",
            "the formula is empty",
            0..0,
            Some("write an expression such as `attendees * trip_cost`"),
        ),
        (
            "a +",
            "the formula ends too early",
            3..3,
            Some("finish the formula with a number or a name, or remove its last operator"),
        ),
        (
            "(a + b",
            "expected `)`, found the end of the formula",
            6..6,
            Some("add the `)` that closes this `(`"),
        ),
        (
            "min(a, b",
            "expected `)`, found the end of the formula",
            8..8,
            None,
        ),
        (
            "a * * b",
            "unexpected `*`",
            4..5,
            Some("write a number, a name or `(` here, or remove this `*`"),
        ),
        (
            "a b",
            "unexpected `b`",
            2..3,
            Some(
                "join the values with an operator such as `+` or `*`; commas only separate the arguments of a function",
            ),
        ),
        (
            "a )",
            "unexpected `)`",
            2..3,
            Some("remove this `)` or add the `(` it closes"),
        ),
        ("and", "unexpected `and`", 0..3, None),
        ("min(a,)", "unexpected `)`", 6..7, None),
        (
            "a < b < c",
            "comparisons cannot be chained",
            6..7,
            Some("join two comparisons with `and`, such as `a < b and b < c`"),
        ),
        (
            "mn(a)",
            "unknown function `mn`",
            0..2,
            Some("did you mean `min`?"),
        ),
        (
            "sqrt(a)",
            "unknown function `sqrt`",
            0..4,
            Some("the functions are `min`, `max`, `round`, `floor`, `ceil`, `abs`, `if`"),
        ),
        (
            "round(a, 1, 2)",
            "`round` takes 1 or 2 arguments, found 3",
            0..14,
            Some("write `round(x, digits)`"),
        ),
        (
            "if(a, b)",
            "`if` takes 3 arguments, found 2",
            0..8,
            Some("write `if(condition, then, else)`"),
        ),
        (
            "min()",
            "`min` takes at least 1 argument, found 0",
            0..5,
            Some("write `min(a, b, …)`"),
        ),
        (
            "floor(a, b)",
            "`floor` takes 1 argument, found 2",
            0..11,
            Some("write `floor(x)`"),
        ),
        ("a = b", "unexpected `=`", 2..3, Some("compare with `==`")),
        ("a && b", "unexpected `&&`", 2..4, Some("write `and`")),
        (
            "1 @ 2",
            "unexpected `@`",
            2..3,
            Some(
                "formulas use numbers, names, `+ - * / ^`, comparisons, `and`, `or`, `not`, parentheses and functions",
            ),
        ),
        (
            "Trip_cost",
            "names are written in lower case, found `Trip_cost`",
            0..9,
            Some("write `trip_cost`"),
        ),
        (
            "1_000",
            "unexpected `_` after the number",
            0..2,
            Some(
                "write numbers with digits and one decimal point only, such as `1000000` or `0.5`",
            ),
        ),
        (
            "1. + a",
            "expected a digit after the decimal point",
            0..2,
            Some("write `1` or `1.0`"),
        ),
        (
            &deep,
            "the formula nests more than 64 levels deep",
            64..65,
            Some("split it into several outputs"),
        ),
        (
            &long,
            "the formula has more than 1000 parts",
            0..long.len(),
            Some("split it into several outputs"),
        ),
    ];
    for (formula, message, span, help) in table {
        let (_, problems) = parse_formula(formula);
        let first = problems
            .first()
            .unwrap_or_else(|| panic!("{formula} parsed"));
        assert_eq!(first.message, message, "{formula}");
        assert_eq!(first.span, span, "{formula}");
        if let Some(help) = help {
            assert_eq!(first.help.as_deref(), Some(help), "{formula}");
        }
    }
}

#[test]
fn injection_is_not_a_formula() {
    let (node, problems) = parse_formula("</script><script>alert(1)</script>");
    assert!(node.is_none());
    assert_eq!(problems[0].message, "unexpected `<`");
}
