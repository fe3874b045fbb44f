//! The generated input: raw bytes, and input shaped like the real thing but wrong.

use proptest::prelude::*;

/// Up to `max` of `items`, in any order, joined by nothing.
fn soup(items: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(items), 0..max).prop_map(|parts| parts.concat())
}

/// Arbitrary bytes, most of them short, some long.
pub fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::vec(any::<u8>(), 0..64),
        1 => prop::collection::vec(any::<u8>(), 0..4096),
    ]
}

/// Values of every type a field may be given, in TOML.
const TOML_VALUES: &[&str] = &[
    "\"text\"",
    "\"\"",
    "\"facts\"",
    "\"guide\"",
    "3",
    "-1",
    "0",
    "2.5",
    "1e400",
    "nan",
    "99999999999999999999",
    "true",
    "false",
    "2026-03-31",
    "2026-02-31T10:00:00Z",
    "[]",
    "[\"facts\", 2]",
    "[\"facts\"]",
    "[[1], [2]]",
    "{}",
    "{ a = 1 }",
    "{ title = \"x\" }",
    "\"../../etc\"",
    "\"a/b\"",
    "\"\\u0000\"",
    "'''multi\nline'''",
    "\"unclosed",
    "[1,",
];

/// Keys of the front matter, kind tables among them, and some that are none.
const KEYS: &[&str] = &[
    "title",
    "kind",
    "steps",
    "stakeholders",
    "summary",
    "reviewed",
    "draft",
    "weight",
    "slug",
    "extra",
    "guide",
    "calculator",
    "comparison",
    "checklist",
    "case-study",
    "testimonial",
    "action-plan",
    "titel",
    "a.b",
    "\"quoted key\"",
    "",
];

/// Front matter in TOML: lines of keys and values, kind tables, as the delimiters and line ends
/// of real files (and of broken ones) frame them.
pub fn toml_front_matter() -> impl Strategy<Value = Vec<u8>> {
    let line = (
        prop::sample::select(KEYS),
        prop::sample::select(TOML_VALUES),
    )
        .prop_map(|(key, value)| format!("{key} = {value}\n"));
    let header = prop::sample::select(vec![
        "[calculator]\n",
        "[[calculator.inputs]]\n",
        "[[calculator.outputs]]\n",
        "[comparison]\n",
        "[[comparison.criteria]]\n",
        "[checklist]\n",
        "[[checklist.items]]\n",
        "[case-study]\n",
        "[[case-study.results]]\n",
        "[testimonial]\n",
        "[action-plan]\n",
        "[[action-plan.tasks]]\n",
        "[extra]\n",
        "[title]\n",
    ])
    .prop_map(str::to_string);
    let body = prop::collection::vec(prop_oneof![3 => line, 1 => header], 0..16);
    let open = prop::sample::select(vec!["+++\n", "+++\r\n", "+++", "---\n", "\u{feff}+++\n"]);
    let close = prop::sample::select(vec!["+++\n", "+++\r\n", "---\n", "", "+++"]);
    let ends = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    (open, body, close, ends).prop_map(|(open, lines, close, end)| {
        format!("{open}{}{close}Body.\n", lines.concat())
            .replace('\n', end)
            .into_bytes()
    })
}

/// Front matter in YAML, with the constructs YAML users reach for.
pub fn yaml_front_matter() -> impl Strategy<Value = Vec<u8>> {
    let value = prop::sample::select(vec![
        "text",
        "\"quoted\"",
        "3",
        "1.5",
        "true",
        "null",
        "~",
        "[facts]",
        "[facts, 2]",
        "{a: 1}",
        "2026-03-31",
        "&anchor x",
        "*anchor",
        "!!str 5",
        "|\n  block",
        "- a\n- b",
        "\t",
        "'",
        "[",
        "{",
        "@",
        "`x`",
        "99999999999999999999",
        ".inf",
        ".nan",
    ]);
    let line = (
        prop::sample::select(KEYS),
        value,
        prop::sample::select(vec!["", "  ", "- "]),
    )
        .prop_map(|(key, value, indent)| format!("{indent}{key}: {value}\n"));
    prop::collection::vec(line, 0..12)
        .prop_map(|lines| format!("---\n{}---\nBody.\n", lines.concat()).into_bytes())
}

/// A valid header and Markdown built of the pieces that nest, open and close.
pub fn markdown() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&str] = &[
        "- ",
        "> ",
        "1. ",
        "# ",
        "    ",
        "\n",
        "\n\n",
        "|a|b|\n|-|-|\n",
        "```\n",
        "~~~",
        "*",
        "_",
        "**",
        "[",
        "]",
        "(",
        ")",
        "](@/guides/x.md#a)",
        "[^1]",
        "[^1]: note\n",
        "<div>",
        "</div>",
        "<script>",
        "&amp;",
        "&#0;",
        "\0",
        "\\",
        "`",
        "word ",
        "é",
        "\u{200b}",
        "![img](a.png)",
        "<https://x>",
        "@/",
        "#",
        "---\n",
        "- [ ] ",
        "- [x] ",
    ];
    let deep = (
        1usize..2000,
        prop::sample::select(vec!["> ", "- ", "  - ", "["]),
    )
        .prop_map(|(depth, piece)| format!("{}x\n", piece.repeat(depth)));
    (soup(PIECES, 200), deep).prop_map(|(soup, deep)| {
        format!("+++\ntitle = \"M\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n{soup}\n{deep}")
            .into_bytes()
    })
}

/// Formulas of the language's tokens in any order, and some that are not its tokens.
pub fn formula() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "a",
        "b",
        "c",
        "r",
        "x",
        "1",
        "0",
        "0.5",
        "99999999999999999999",
        "1e5",
        "1.",
        ".5",
        " + ",
        "-",
        " * ",
        "/",
        "^",
        "(",
        ")",
        ",",
        " < ",
        "<=",
        "==",
        "!=",
        ">",
        " and ",
        " or ",
        "not ",
        "min(",
        "max(",
        "round(",
        "floor(",
        "ceil(",
        "abs(",
        "if(",
        " ",
        "=",
        "&&",
        "\"",
        "\\",
        "é",
        "\n",
        "$",
        "_",
    ];
    prop_oneof![
        4 => soup(TOKENS, 40),
        1 => (1usize..200, prop::sample::select(vec!["(", "-", "not ", "a^", "min(", "a+"]))
            .prop_map(|(depth, piece)| format!("{}a", piece.repeat(depth))),
        1 => any::<String>(),
    ]
}

/// CSV files: the right header or a wrong one, then rows of cells that quote, split and run on.
pub fn csv() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec![
        "criterion,group,weight,help,Them,Us\n",
        "criterion,group,weight,help,Us,Us\n",
        "criterion,weight,Them,Us\n",
        "criterion,group,weight,help\n",
        "\u{feff}criterion,group,weight,help,Them,Us\r\n",
        "",
    ]);
    const CELLS: &[&str] = &[
        "Speed",
        "G",
        "1",
        "5",
        "0",
        "7",
        "-1",
        "yes",
        "no",
        "partial",
        "",
        ",",
        "\"",
        "\"\"",
        "\"a, b\"",
        "\n",
        "\r\n",
        "\r",
        "1e999",
        "9999999999999999999999",
        " ",
        "=1+1",
        "é",
    ];
    let row = soup(CELLS, 12).prop_map(|row| format!("{row}\n"));
    (header, prop::collection::vec(row, 0..20))
        .prop_map(|(header, rows)| format!("{header}{}", rows.concat()).into_bytes())
}

/// Configurations: the keys of `stepwise.toml` with values of every type, tables in any order.
pub fn configuration() -> impl Strategy<Value = Vec<u8>> {
    const KEYS: &[&str] = &[
        "title",
        "base_url",
        "description",
        "language",
        "currency",
        "theme",
        "cname",
        "slug",
        "plural",
        "question",
        "expects",
        "hidden",
        "stakeholders",
        "publish",
        "stale_after_days",
        "url",
        "text",
        "schema",
        "template",
        "stpes",
    ];
    const TABLES: &[&str] = &[
        "[[steps]]\nslug = \"facts\"\ntitle = \"F\"\nquestion = \"Q\"\n",
        "[[steps]]\n",
        "[[kinds]]\nslug = \"guide\"\ntitle = \"G\"\nplural = \"Guides\"\n",
        "[[kinds]]\n",
        "[[stakeholders]]\nslug = \"it\"\ntitle = \"IT\"\n",
        "[coverage]\n",
        "[call_to_action]\n",
        "[steps]\n",
    ];
    let line = (
        prop::sample::select(KEYS),
        prop::sample::select(TOML_VALUES),
    )
        .prop_map(|(key, value)| format!("{key} = {value}\n"));
    let part = prop_oneof![2 => line, 1 => prop::sample::select(TABLES).prop_map(str::to_string)];
    prop::collection::vec(part, 0..20).prop_map(|parts| {
        format!(
            "title = \"T\"\nbase_url = \"https://example.com/\"\n{}",
            parts.concat()
        )
        .into_bytes()
    })
}
