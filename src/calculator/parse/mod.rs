//! A recursive-descent parser from formula text to a [`Node`] tree.
//!
//! ```text
//! formula    := or
//! or         := and ("or" and)*
//! and        := not ("and" not)*
//! not        := "not" not | comparison
//! comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//! sum        := product (("+" | "-") product)*
//! product    := unary (("*" | "/") unary)*
//! unary      := "-" unary | power
//! power      := atom ("^" unary)?
//! atom       := number | name | function "(" formula ("," formula)* ")" | "(" formula ")"
//! ```

use std::ops::Range;

use super::ast::{BinOp, Func, Kind, Node, UnOp};
use super::lexer::{Token, tokens};
use super::problem::{Problem, closest};

/// How deeply a formula may nest, so that no formula can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// How many tokens a formula may have, for the same reason (long chains make deep trees).
const MAX_TOKENS: usize = 1000;

/// Parses a formula. A syntax error stops the parse; wrong argument counts do not, so the tree
/// comes back (for further checks) together with every problem found.
pub fn parse_formula(text: &str) -> (Option<Node>, Vec<Problem>) {
    let tokens = match tokens(text) {
        Ok(tokens) => tokens,
        Err(problem) => return (None, vec![problem]),
    };
    if tokens.len() == 1 {
        let problem = Problem::new(0..text.len(), "the formula is empty", "nothing to compute")
            .with_help("write an expression such as `attendees * trip_cost`");
        return (None, vec![problem]);
    }
    if tokens.len() > MAX_TOKENS {
        let problem = Problem::new(
            0..text.len(),
            format!("the formula has more than {MAX_TOKENS} parts"),
            "too long",
        )
        .with_help("split it into several outputs");
        return (None, vec![problem]);
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
        problems: Vec::new(),
    };
    let node = parser
        .formula()
        .and_then(|node| parser.end().map(|()| node));
    match node {
        Ok(node) => (Some(node), parser.problems),
        Err(problem) => {
            parser.problems.push(problem);
            (None, parser.problems)
        }
    }
}

struct Parser {
    tokens: Vec<(Token, Range<usize>)>,
    at: usize,
    depth: usize,
    problems: Vec<Problem>,
}

type Parsed = Result<Node, Problem>;

impl Parser {
    /// The token at the parser's place; past the end, the last ([`Token::End`]).
    fn current(&self) -> &(Token, Range<usize>) {
        static END: (Token, Range<usize>) = (Token::End, 0..0);
        (self.tokens.get(self.at))
            .or(self.tokens.last())
            .unwrap_or(&END)
    }

    fn peek(&self) -> &Token {
        &self.current().0
    }

    fn span(&self) -> Range<usize> {
        self.current().1.clone()
    }

    fn advance(&mut self) -> (Token, Range<usize>) {
        let token = self.current().clone();
        self.at += 1;
        token
    }

    fn is_symbol(&self, symbol: &str) -> bool {
        matches!(self.peek(), Token::Symbol(s) if *s == symbol)
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Token::Name(name) if name == word)
    }

    fn end(&mut self) -> Result<(), Problem> {
        if *self.peek() == Token::End {
            return Ok(());
        }
        let problem = Problem::new(
            self.span(),
            format!("unexpected {}", self.peek().describe()),
            "expected an operator or the end of the formula here",
        );
        Err(match self.peek() {
            Token::Symbol(")") => problem.with_help("remove this `)` or add the `(` it closes"),
            _ => problem.with_help(
                "join the values with an operator such as `+` or `*`; commas only separate the arguments of a function",
            ),
        })
    }

    /// Guards the rules that recurse, so that deep nesting is an error, not a crash.
    fn nested(&mut self, rule: fn(&mut Parser) -> Parsed) -> Parsed {
        if self.depth >= MAX_DEPTH {
            return Err(Problem::new(
                self.span(),
                format!("the formula nests more than {MAX_DEPTH} levels deep"),
                "too deep here",
            )
            .with_help("split it into several outputs"));
        }
        self.depth += 1;
        let node = rule(self);
        self.depth -= 1;
        node
    }

    fn formula(&mut self) -> Parsed {
        self.nested(Parser::or)
    }

    fn or(&mut self) -> Parsed {
        self.left_associative(Parser::and, &[("or", BinOp::Or)])
    }

    fn and(&mut self) -> Parsed {
        self.left_associative(Parser::not, &[("and", BinOp::And)])
    }

    fn not(&mut self) -> Parsed {
        if !self.is_word("not") {
            return self.comparison();
        }
        let start = self.advance().1.start;
        let operand = self.nested(Parser::not)?;
        Ok(unary(UnOp::Not, start, operand))
    }

    fn comparison(&mut self) -> Parsed {
        let a = self.sum()?;
        let Some(op) = self.comparison_operator() else {
            return Ok(a);
        };
        let op_span = self.advance().1;
        let b = self.sum()?;
        if let Some(second) = self.comparison_operator() {
            return Err(Problem::new(
                self.span(),
                "comparisons cannot be chained",
                format!("a second comparison `{}`", second.symbol()),
            )
            .with_related(op_span, "after this one")
            .with_help("join two comparisons with `and`, such as `a < b and b < c`"));
        }
        Ok(binary(op, a, b))
    }

    fn comparison_operator(&self) -> Option<BinOp> {
        const COMPARISONS: [(&str, BinOp); 6] = [
            ("<", BinOp::Lt),
            ("<=", BinOp::Le),
            (">", BinOp::Gt),
            (">=", BinOp::Ge),
            ("==", BinOp::Eq),
            ("!=", BinOp::Ne),
        ];
        COMPARISONS
            .iter()
            .find(|(symbol, _)| self.is_symbol(symbol))
            .map(|(_, op)| *op)
    }

    fn sum(&mut self) -> Parsed {
        self.left_associative(Parser::product, &[("+", BinOp::Add), ("-", BinOp::Sub)])
    }

    fn product(&mut self) -> Parsed {
        self.left_associative(Parser::unary, &[("*", BinOp::Mul), ("/", BinOp::Div)])
    }

    /// `operand (op operand)*` for operators written as symbols or words.
    fn left_associative(
        &mut self,
        operand: fn(&mut Parser) -> Parsed,
        ops: &[(&str, BinOp)],
    ) -> Parsed {
        let mut node = operand(self)?;
        while let Some(op) = ops
            .iter()
            .find(|(text, _)| self.is_symbol(text) || self.is_word(text))
            .map(|(_, op)| *op)
        {
            self.advance();
            let b = operand(self)?;
            node = binary(op, node, b);
        }
        Ok(node)
    }

    fn unary(&mut self) -> Parsed {
        if !self.is_symbol("-") {
            return self.power();
        }
        let start = self.advance().1.start;
        let operand = self.nested(Parser::unary)?;
        Ok(unary(UnOp::Neg, start, operand))
    }

    fn power(&mut self) -> Parsed {
        let base = self.atom()?;
        if !self.is_symbol("^") {
            return Ok(base);
        }
        self.advance();
        let exponent = self.nested(Parser::unary)?;
        Ok(binary(BinOp::Pow, base, exponent))
    }

    fn atom(&mut self) -> Parsed {
        let (token, span) = self.advance();
        match token {
            Token::Number(value) => Ok(Node {
                kind: Kind::Number(value),
                span,
            }),
            Token::Symbol("(") => self.parenthesised(span),
            Token::Name(name) if self.is_symbol("(") => self.call(&name, span),
            Token::Name(name) if !matches!(name.as_str(), "and" | "or" | "not") => Ok(Node {
                kind: Kind::Name(name),
                span,
            }),
            Token::End => Err(Problem::new(
                span,
                "the formula ends too early",
                "expected a number, a name or `(` here",
            )
            .with_help("finish the formula with a number or a name, or remove its last operator")),
            token => Err(Problem::new(
                span,
                format!("unexpected {}", token.describe()),
                "expected a number, a name or `(` here",
            )
            .with_help(format!(
                "write a number, a name or `(` here, or remove this {}",
                token.describe()
            ))),
        }
    }

    fn parenthesised(&mut self, open: Range<usize>) -> Parsed {
        let inner = self.formula()?;
        let close = self.close(&open)?;
        Ok(Node {
            span: open.start..close.end,
            ..inner
        })
    }

    fn close(&mut self, open: &Range<usize>) -> Result<Range<usize>, Problem> {
        if self.is_symbol(")") {
            return Ok(self.advance().1);
        }
        Err(Problem::new(
            self.span(),
            format!("expected `)`, found {}", self.peek().describe()),
            "expected `)` here",
        )
        .with_related(open.clone(), "to close this `(`")
        .with_help("add the `)` that closes this `(`"))
    }

    fn call(&mut self, name: &str, name_span: Range<usize>) -> Parsed {
        let func = Func::from_name(name).ok_or_else(|| unknown_function(name, &name_span))?;
        let open = self.advance().1;
        let mut args = Vec::new();
        if !self.is_symbol(")") {
            args.push(self.formula()?);
            while self.is_symbol(",") {
                self.advance();
                args.push(self.formula()?);
            }
        }
        let close = self.close(&open)?;
        let span = name_span.start..close.end;
        if let Some(problem) = arity_problem(func, args.len(), &span) {
            self.problems.push(problem);
        }
        Ok(Node {
            kind: Kind::Call(func, args),
            span,
        })
    }
}

fn unary(op: UnOp, start: usize, operand: Node) -> Node {
    let span = start..operand.span.end;
    Node {
        kind: Kind::Unary(op, Box::new(operand)),
        span,
    }
}

fn binary(op: BinOp, a: Node, b: Node) -> Node {
    let span = a.span.start..b.span.end;
    Node {
        kind: Kind::Binary(op, Box::new(a), Box::new(b)),
        span,
    }
}

fn unknown_function(name: &str, span: &Range<usize>) -> Problem {
    let names = Func::ALL.map(Func::name);
    let help = match closest(name, &names) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "the functions are {}",
            names.map(|n| format!("`{n}`")).join(", ")
        ),
    };
    Problem::new(
        span.clone(),
        format!("unknown function `{name}`"),
        "not a function of the formula language",
    )
    .with_help(help)
}

fn arity_problem(func: Func, found: usize, span: &Range<usize>) -> Option<Problem> {
    let (least, most) = func.arity();
    if found >= least && most.is_none_or(|most| found <= most) {
        return None;
    }
    let expected = match most {
        None => format!("at least {least} argument{}", plural(least)),
        Some(most) if most == least => format!("{least} argument{}", plural(least)),
        Some(most) => format!("{least} or {most} arguments"),
    };
    Some(
        Problem::new(
            span.clone(),
            format!("`{}` takes {expected}, found {found}", func.name()),
            "in this call",
        )
        .with_help(format!("write `{}`", func.usage())),
    )
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests;
