//! The formula tree, and how it prints back as formula text.

use std::fmt;
use std::ops::Range;

/// One node of a formula, with its byte range inside the formula text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// Byte offsets inside the formula.
    pub span: Range<usize>,
}

/// The kinds of node.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A decimal number, never negative (a minus sign is [`UnOp::Neg`]).
    Number(f64),
    /// An input or output, by id.
    Name(String),
    /// `-x` or `not x`.
    Unary(UnOp, Box<Node>),
    /// `a + b`, `a < b`, `a and b`, …
    Binary(BinOp, Box<Node>, Box<Node>),
    /// `min(a, b)`, `if(c, a, b)`, …
    Call(Func, Vec<Node>),
}

/// Operators with one operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `not x`: 1 when x is 0, otherwise 0.
    Not,
}

/// Operators with two operands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `and`
    And,
    /// `or`
    Or,
}

/// The functions of the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `min(a, …)`: the smallest of one or more values.
    Min,
    /// `max(a, …)`: the largest of one or more values.
    Max,
    /// `round(x)` or `round(x, digits)`: half away from zero, see [`crate::calculator::round`].
    Round,
    /// `floor(x)`: the largest whole number not above x.
    Floor,
    /// `ceil(x)`: the smallest whole number not below x.
    Ceil,
    /// `abs(x)`
    Abs,
    /// `if(condition, then, else)`: only the chosen branch is evaluated.
    If,
}

impl Func {
    /// Every function, in the order the help texts list them.
    pub const ALL: [Func; 7] = [
        Func::Min,
        Func::Max,
        Func::Round,
        Func::Floor,
        Func::Ceil,
        Func::Abs,
        Func::If,
    ];

    /// The name as written in formulas.
    pub fn name(self) -> &'static str {
        match self {
            Func::Min => "min",
            Func::Max => "max",
            Func::Round => "round",
            Func::Floor => "floor",
            Func::Ceil => "ceil",
            Func::Abs => "abs",
            Func::If => "if",
        }
    }

    /// The function of a name, if there is one.
    pub fn from_name(name: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|func| func.name() == name)
    }

    /// The smallest and largest number of arguments (`None`: no limit).
    pub fn arity(self) -> (usize, Option<usize>) {
        match self {
            Func::Min | Func::Max => (1, None),
            Func::Round => (1, Some(2)),
            Func::Floor | Func::Ceil | Func::Abs => (1, Some(1)),
            Func::If => (3, Some(3)),
        }
    }

    /// How a call is written, for help texts.
    pub fn usage(self) -> &'static str {
        match self {
            Func::Min => "min(a, b, …)",
            Func::Max => "max(a, b, …)",
            Func::Round => "round(x, digits)",
            Func::Floor => "floor(x)",
            Func::Ceil => "ceil(x)",
            Func::Abs => "abs(x)",
            Func::If => "if(condition, then, else)",
        }
    }
}

impl BinOp {
    /// The operator as written in formulas.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }

    /// True for `< <= > >= == !=`.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne
        )
    }

    /// How tightly the operator binds in formula text; higher binds tighter.
    fn precedence(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            op if op.is_comparison() => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
            _ => 8,
        }
    }
}

impl Node {
    /// A node without a place, for trees built by hand.
    pub fn new(kind: Kind) -> Self {
        Node { kind, span: 0..0 }
    }

    /// The names of inputs and outputs the formula uses, with their places, in order.
    pub fn names(&self) -> Vec<(&str, Range<usize>)> {
        let mut names = Vec::new();
        self.collect_names(&mut names);
        names
    }

    fn collect_names<'a>(&'a self, names: &mut Vec<(&'a str, Range<usize>)>) {
        match &self.kind {
            Kind::Number(_) => {}
            Kind::Name(name) => names.push((name, self.span.clone())),
            Kind::Unary(_, operand) => operand.collect_names(names),
            Kind::Binary(_, a, b) => {
                a.collect_names(names);
                b.collect_names(names);
            }
            Kind::Call(_, args) => args.iter().for_each(|arg| arg.collect_names(names)),
        }
    }

    /// How tightly the node binds in formula text; atoms bind tightest.
    fn precedence(&self) -> u8 {
        match &self.kind {
            Kind::Unary(UnOp::Not, _) => 3,
            Kind::Unary(UnOp::Neg, _) => 7,
            Kind::Binary(op, _, _) => op.precedence(),
            _ => 9,
        }
    }
}

/// Prints the node as formula text that parses back to the same tree, with only the parentheses
/// it needs.
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Number(value) => write!(f, "{value}"),
            Kind::Name(name) => f.write_str(name),
            Kind::Unary(UnOp::Neg, operand) => {
                f.write_str("-")?;
                operand_text(f, operand, operand.precedence() < 7)
            }
            Kind::Unary(UnOp::Not, operand) => {
                f.write_str("not ")?;
                operand_text(f, operand, operand.precedence() < 3)
            }
            Kind::Binary(op, a, b) => {
                let own = op.precedence();
                let chains = *op == BinOp::Pow || op.is_comparison();
                let left = a.precedence() < own || (chains && a.precedence() == own);
                let right = b.precedence() < own || (*op != BinOp::Pow && b.precedence() == own);
                operand_text(f, a, left)?;
                write!(f, " {} ", op.symbol())?;
                operand_text(f, b, right)
            }
            Kind::Call(func, args) => {
                write!(f, "{}(", func.name())?;
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{arg}")?;
                }
                f.write_str(")")
            }
        }
    }
}

fn operand_text(f: &mut fmt::Formatter<'_>, operand: &Node, parens: bool) -> fmt::Result {
    if parens {
        write!(f, "({operand})")
    } else {
        write!(f, "{operand}")
    }
}
