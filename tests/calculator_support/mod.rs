//! Reads a calculator from an asset's front matter with the site loader's own reader
//! (`calculator::schema`), so that tests check diagnostics against real files.

use stepwise::calculator::{Calculator, schema};
use stepwise::content::Fields;
use stepwise::content::front_matter;
use stepwise::content::node::Value;
use stepwise::diagnostics::{Problems, Source, render};

/// The calculator of an asset file (TOML or YAML front matter), and the file as a [`Source`].
pub fn from_asset(name: &str, text: &str) -> (Source, Calculator) {
    let source = Source::new(name, text);
    let document = front_matter::split(&source).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let node = front_matter::parse(&source, &document).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let Value::Table(entries) = node.value else {
        panic!("{name}: the front matter is not a table")
    };
    let table = entries
        .into_iter()
        .find(|(key, _)| key.value == "calculator")
        .unwrap_or_else(|| panic!("{name}: no [calculator] table"))
        .1;
    let mut problems = Problems::default();
    let calculator = schema::read(Fields::new(&source, "calculator", table), &mut problems);
    let calculator = calculator.unwrap_or_else(|| {
        panic!(
            "{name}: the calculator does not read:\n{}",
            render(problems.as_slice(), false)
        )
    });
    (source, calculator)
}

/// The calculator of a TOML text that holds only the `[calculator]` tables.
pub fn from_toml(name: &str, text: &str) -> (Source, Calculator) {
    from_asset(name, &format!("+++\n{text}\n+++\n"))
}
