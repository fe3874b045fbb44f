//! What a mistake's message is compared on: every line that says something — the problem, its
//! place, the source line and what points into it, the help, the closing line — without the
//! gutter of line numbers and without blank lines. A place in `stepwise.toml` counts its lines
//! from the example's first line, as the page shows the example.

/// The box-drawing characters of a diagnostic's location and gutter.
const LOCATION: &str = "┌─";
const GUTTER: char = '│';

/// The lines of `report` that say something; `before` lines of `stepwise.toml` were not the
/// example's.
pub fn lines_that_matter(report: &str, before: usize) -> Vec<String> {
    report
        .lines()
        .filter_map(|line| {
            let line = line.trim_end();
            if let Some(at) = line.find(LOCATION) {
                let place = line[at + LOCATION.len()..].trim();
                return Some(format!("{LOCATION} {}", shifted(place, before)));
            }
            let said = match line.find(GUTTER) {
                Some(at) => &line[at + GUTTER.len_utf8()..],
                None => line.trim_start(),
            };
            (!said.trim().is_empty()).then(|| said.to_string())
        })
        .collect()
}

/// `stepwise.toml:12:3` with `before` lines taken off its line; any other place as it is.
fn shifted(place: &str, before: usize) -> String {
    let Some(rest) = place.strip_prefix("stepwise.toml:") else {
        return place.to_string();
    };
    let (line, column) = rest.split_once(':').unwrap_or((rest, ""));
    match line.parse::<usize>() {
        Ok(line) => format!("stepwise.toml:{}:{column}", line.saturating_sub(before)),
        Err(_) => place.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gutter_and_blank_lines_do_not_matter() {
        let report = "error: unknown key `stpes`\n   ┌─ stepwise.toml:14:1\n   │\n14 │ stpes = 2\n   │ ^^^^^ here\n   │\n   = help: did you mean `steps`?\n\n";
        assert_eq!(
            lines_that_matter(report, 10),
            [
                "error: unknown key `stpes`",
                "┌─ stepwise.toml:4:1",
                " stpes = 2",
                " ^^^^^ here",
                "= help: did you mean `steps`?"
            ]
        );
    }
}
