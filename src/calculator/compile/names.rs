//! What may be an id, and the help texts of names: the closest known name, or the list of them.

use super::super::ast::Func;
use super::super::problem::closest;

/// Words that cannot be ids: the operators written as words.
const OPERATORS: [&str; 3] = ["and", "or", "not"];

/// "did you mean …?" or the list of known names.
pub(super) fn known_names_help(name: &str, known: &[&str], what: &str) -> String {
    match closest(name, known) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("this calculator has no {what}"),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("the {what} of this calculator are {}", list.join(", "))
        }
    }
}

/// Why a text cannot be an id (message, help), if it cannot.
pub(super) fn id_problem(id: &str) -> Option<(String, String)> {
    let mut bytes = id.bytes();
    let first_ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
    let rest_ok = bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !(first_ok && rest_ok) {
        let help = format!(
            "ids use lower-case letters, digits and `_` and start with a letter or `_`, such as `{}`",
            id_like(id)
        );
        return Some((format!("`{id}` is not a valid id"), help));
    }
    let role = if OPERATORS.contains(&id) {
        "an operator"
    } else if Func::from_name(id).is_some() {
        "a function"
    } else {
        return None;
    };
    let help = format!("choose another id, such as `{id}_value`");
    Some((
        format!("`{id}` cannot be an id: it is {role} of the formula language"),
        help,
    ))
}

/// A valid id close to a text: lower case, `_` for anything else.
fn id_like(text: &str) -> String {
    let id: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    match id.chars().next() {
        Some(c) if !c.is_ascii_digit() => id,
        _ => format!("_{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_names_that_the_language_does_not_take() {
        let cases = [
            ("savings", None),
            ("_hours2", None),
            ("Savings", Some("`Savings` is not a valid id")),
            ("2hours", Some("`2hours` is not a valid id")),
            ("", Some("`` is not a valid id")),
            (
                "and",
                Some("`and` cannot be an id: it is an operator of the formula language"),
            ),
            (
                "round",
                Some("`round` cannot be an id: it is a function of the formula language"),
            ),
        ];
        for (id, message) in cases {
            let found = id_problem(id);
            assert_eq!(found.as_ref().map(|(m, _)| m.as_str()), message, "{id:?}");
        }
    }

    #[test]
    fn a_valid_id_is_offered_close_to_what_was_written() {
        let cases = [
            ("Hours per week", "hours_per_week"),
            ("2x", "_2x"),
            ("", "_"),
            ("ok", "ok"),
        ];
        for (text, id) in cases {
            assert_eq!(id_like(text), id, "{text:?}");
            assert_eq!(id_problem(&id_like(text)), None, "{text:?}");
        }
    }

    #[test]
    fn an_unknown_name_is_met_with_the_closest_or_the_list() {
        let cases: [(&str, &[&str], &str); 3] = [
            ("savngs", &["savings", "hours"], "did you mean `savings`?"),
            ("x", &[], "this calculator has no inputs"),
            (
                "zzz",
                &["savings", "hours"],
                "the inputs of this calculator are `savings`, `hours`",
            ),
        ];
        for (name, known, help) in cases {
            assert_eq!(known_names_help(name, known, "inputs"), help, "{name}");
        }
    }
}
