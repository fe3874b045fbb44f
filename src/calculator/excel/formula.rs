//! A formula tree translated to an Excel formula: operators with Excel's precedence (its
//! negation binds tighter than `^`), comparisons and logic as TRUE/FALSE turned back into
//! numbers where a number is needed, and the functions by their Excel names.

use crate::calculator::ast::{BinOp, Func, Kind, Node, UnOp};

/// How tightly a piece of Excel formula binds; Excel's negation binds tighter than `^`.
const COMPARISON: u8 = 1;
const SUM: u8 = 2;
const PRODUCT: u8 = 3;
const POWER: u8 = 4;
const NEGATION: u8 = 5;
const ATOM: u8 = 6;

/// A translated piece: its text, how tightly it binds, and whether Excel sees it as TRUE/FALSE.
struct Piece {
    text: String,
    binds: u8,
    logical: bool,
}

impl Piece {
    fn number(text: String, binds: u8) -> Self {
        Piece {
            text,
            binds,
            logical: false,
        }
    }

    fn logical(text: String, binds: u8) -> Self {
        Piece {
            text,
            binds,
            logical: true,
        }
    }

    /// As a number: TRUE/FALSE become 1/0, as they are in the formula language.
    fn numeric(self) -> Self {
        if self.logical {
            Piece::number(format!("IF({},1,0)", self.text), ATOM)
        } else {
            self
        }
    }

    /// The text, in parentheses when `parens`.
    fn wrapped(&self, parens: bool) -> String {
        if parens {
            format!("({})", self.text)
        } else {
            self.text.clone()
        }
    }
}

/// The Excel formula (with its leading `=`) of a formula tree; `cell` gives the cell reference of
/// an input or output, such as `B4`.
pub fn to_excel(node: &Node, cell: &dyn Fn(&str) -> String) -> String {
    format!("={}", translate(node, cell).numeric().text)
}

fn translate(node: &Node, cell: &dyn Fn(&str) -> String) -> Piece {
    let number = |node: &Node| translate(node, cell).numeric();
    match &node.kind {
        Kind::Number(value) => Piece::number(value.to_string(), ATOM),
        Kind::Name(name) => Piece::number(cell(name), ATOM),
        Kind::Unary(UnOp::Neg, operand) => {
            let operand = number(operand);
            Piece::number(
                format!("-{}", operand.wrapped(operand.binds < NEGATION)),
                NEGATION,
            )
        }
        Kind::Unary(UnOp::Not, operand) => {
            Piece::logical(format!("NOT({})", translate(operand, cell).text), ATOM)
        }
        Kind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
            let name = if *op == BinOp::And { "AND" } else { "OR" };
            let (a, b) = (translate(a, cell), translate(b, cell));
            Piece::logical(format!("{name}({},{})", a.text, b.text), ATOM)
        }
        Kind::Binary(op, a, b) if op.is_comparison() => {
            let (a, b) = (number(a), number(b));
            let symbol = match op {
                BinOp::Eq => "=",
                BinOp::Ne => "<>",
                op => op.symbol(),
            };
            let text = format!(
                "{}{symbol}{}",
                a.wrapped(a.binds <= COMPARISON),
                b.wrapped(b.binds <= COMPARISON)
            );
            Piece::logical(text, COMPARISON)
        }
        Kind::Binary(op, a, b) => {
            let binds = match op {
                BinOp::Add | BinOp::Sub => SUM,
                BinOp::Mul | BinOp::Div => PRODUCT,
                _ => POWER,
            };
            let (a, b) = (number(a), number(b));
            // `(-2)^2` keeps its parentheses for the reader, though Excel would not need them.
            let left = a.binds < binds || (binds == POWER && a.binds == NEGATION);
            let text = format!(
                "{}{}{}",
                a.wrapped(left),
                op.symbol(),
                b.wrapped(b.binds <= binds)
            );
            Piece::number(text, binds)
        }
        Kind::Call(func, args) => call(*func, args, cell),
    }
}

fn call(func: Func, args: &[Node], cell: &dyn Fn(&str) -> String) -> Piece {
    let numbers: Vec<String> = args
        .iter()
        .map(|arg| translate(arg, cell).numeric().text)
        .collect();
    let list =
        |name: &str, args: &[String]| Piece::number(format!("{name}({})", args.join(",")), ATOM);
    match func {
        Func::Min => list("MIN", &numbers),
        Func::Max => list("MAX", &numbers),
        Func::Round => match numbers.as_slice() {
            [only] => list("ROUND", &[only.clone(), "0".to_string()]),
            _ => list("ROUND", &numbers),
        },
        Func::Floor => list("INT", &numbers),
        Func::Ceil => {
            let operand = args.first().map(|arg| translate(arg, cell).numeric());
            let inner = operand
                .map(|o| o.wrapped(o.binds < NEGATION))
                .unwrap_or_default();
            Piece::number(format!("-INT(-{inner})"), NEGATION)
        }
        Func::Abs => list("ABS", &numbers),
        Func::If => {
            let condition = args
                .first()
                .map(|arg| translate(arg, cell).text)
                .unwrap_or_default();
            let branches = numbers.get(1..).unwrap_or_default();
            list("IF", &[&[condition], branches].concat())
        }
    }
}

/// The most characters Excel takes in one text of a formula, between its quotes.
const MAX_TEXT: usize = 255;

/// `text` written in a formula: in quotes, a quote inside written twice; a text longer than Excel
/// takes in one is cut into texts joined by `&`, which Excel joins back. Characters are counted
/// as Excel counts them (UTF-16 units), and a quote as the two it is written as.
pub fn text_literal(text: &str) -> String {
    let mut pieces = vec![String::new()];
    let mut length = 0;
    for c in text.chars() {
        let (written, width) = match c {
            '"' => ("\"\"".to_string(), 2),
            _ => (c.to_string(), c.len_utf16()),
        };
        if length + width > MAX_TEXT {
            pieces.push(String::new());
            length = 0;
        }
        if let Some(piece) = pieces.last_mut() {
            piece.push_str(&written);
        }
        length += width;
    }
    let quoted: Vec<String> = pieces.iter().map(|piece| format!("\"{piece}\"")).collect();
    quoted.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculator::parse_formula;

    fn excel(formula: &str) -> String {
        let node = parse_formula(formula)
            .0
            .unwrap_or_else(|| panic!("{formula} did not parse"));
        to_excel(&node, &|name| {
            if name == "a" {
                "B4".into()
            } else {
                "B5".into()
            }
        })
    }

    #[test]
    fn translations() {
        let table = [
            ("a + b * 2", "=B4+B5*2"),
            ("(a + b) * 2", "=(B4+B5)*2"),
            ("a - (b - 1)", "=B4-(B5-1)"),
            ("a / (b * 2)", "=B4/(B5*2)"),
            ("-a^2", "=-(B4^2)"),
            ("(-a)^2", "=(-B4)^2"),
            ("a^b^2", "=B4^(B5^2)"),
            ("(a^b)^2", "=B4^B5^2"),
            ("a^-b", "=B4^-B5"),
            ("a > b", "=IF(B4>B5,1,0)"),
            ("a <= b", "=IF(B4<=B5,1,0)"),
            ("a == 1", "=IF(B4=1,1,0)"),
            ("a != 1", "=IF(B4<>1,1,0)"),
            ("(a < b) + 1", "=IF(B4<B5,1,0)+1"),
            ("2^(a > 1)", "=2^IF(B4>1,1,0)"),
            ("not a", "=IF(NOT(B4),1,0)"),
            ("a == 1 or b", "=IF(OR(B4=1,B5),1,0)"),
            ("if(a > b and b != 0, a, b)", "=IF(AND(B4>B5,B5<>0),B4,B5)"),
            ("if(a, 1, 2)", "=IF(B4,1,2)"),
            ("min(a, b, 1.5)", "=MIN(B4,B5,1.5)"),
            ("max(a)", "=MAX(B4)"),
            ("round(a)", "=ROUND(B4,0)"),
            ("round(a, 2)", "=ROUND(B4,2)"),
            ("floor(a)", "=INT(B4)"),
            ("ceil(a)", "=-INT(-B4)"),
            ("ceil(a / 2)", "=-INT(-(B4/2))"),
            ("ceil(a) * 2", "=-INT(-B4)*2"),
            ("ceil(a)^2", "=(-INT(-B4))^2"),
            ("abs(a - b)", "=ABS(B4-B5)"),
        ];
        for (formula, expected) in table {
            assert_eq!(excel(formula), expected, "{formula}");
        }
    }

    #[test]
    fn texts_are_quoted_and_cut_where_excel_takes_no_more() {
        let long = "a".repeat(MAX_TEXT);
        let quotes = "\"".repeat(128);
        let table = [
            (String::new(), "\"\"".to_string()),
            ("say \"hi\"".into(), "\"say \"\"hi\"\"\"".into()),
            (long.clone(), format!("\"{long}\"")),
            (format!("{long}b"), format!("\"{long}\"&\"b\"")),
            (
                format!("{}😀", "a".repeat(MAX_TEXT - 1)),
                format!("\"{}\"&\"😀\"", "a".repeat(MAX_TEXT - 1)),
            ),
            (
                quotes.clone(),
                format!("\"{}\"&\"\"\"\"", "\"\"".repeat(127)),
            ),
        ];
        for (text, expected) in table {
            assert_eq!(text_literal(&text), expected, "{text}");
        }
    }
}
