//! The scores and the text of a comparison sheet, and the order of an unbiased one.

use std::sync::Arc;

use crate::number::{Language, Numbers};

use super::score::one_decimal;
use super::{ComparisonData, Criterion, Rating};

fn numbers(tag: &str) -> Arc<Numbers> {
    Arc::new(Numbers::new(&Language::of_site(tag), "USD").unwrap())
}

fn criterion(weight: i64, values: Vec<Rating>) -> Criterion {
    Criterion {
        name: format!("weight {weight}"),
        group: None,
        weight,
        help: None,
        values,
    }
}

fn sheet(language: &str) -> ComparisonData {
    ComparisonData {
        options: vec!["A".into(), "B".into()],
        ours: None,
        unbiased: false,
        criteria: vec![
            criterion(3, vec![Rating::Score(4.0), Rating::Score(1.5)]),
            criterion(1, vec![Rating::Yes, Rating::Partial]),
            criterion(5, vec![Rating::Text("cheap".into()), Rating::No]),
        ],
        numbers: numbers(language),
    }
}

#[test]
fn the_weighted_score_counts_only_criteria_scored_for_every_option() {
    // A: (3·4 + 1·5) / 4 = 4.25; B: (3·1.5 + 1·2.5) / 4 = 1.75.
    assert_eq!(sheet("en").scores(), vec![Some(4.25), Some(1.75)]);
}

#[test]
fn every_rating_counts_for_its_points_and_text_for_nothing() {
    for (rating, points) in [
        (Rating::Score(0.0), Some(0.0)),
        (Rating::Score(3.5), Some(3.5)),
        (Rating::Score(5.0), Some(5.0)),
        (Rating::Yes, Some(5.0)),
        (Rating::Partial, Some(2.5)),
        (Rating::No, Some(0.0)),
        (Rating::Text("cheap".into()), None),
    ] {
        assert_eq!(rating.points(), points, "{rating:?}");
    }
}

#[test]
fn weighted_scores_by_table() {
    use Rating::{No, Partial, Score, Text, Yes};
    let cheap = || Text("cheap".into());
    for (criteria, scores) in [
        // No criteria, or none scored for every option: no score at all.
        (vec![], [None, None]),
        (vec![(5, vec![cheap(), Yes])], [None, None]),
        // One criterion: its points, whatever its weight.
        (vec![(4, vec![Score(3.0), Partial])], [Some(3.0), Some(2.5)]),
        // Weights count: (1·5 + 3·0) / 4 and (1·0 + 3·5) / 4.
        (
            vec![(1, vec![Yes, No]), (3, vec![No, Yes])],
            [Some(1.25), Some(3.75)],
        ),
        // A criterion with text for one option is left out for both.
        (
            vec![(2, vec![Score(4.0), Score(2.0)]), (5, vec![Yes, cheap()])],
            [Some(4.0), Some(2.0)],
        ),
    ] {
        let mut data = sheet("en");
        data.criteria = (criteria.into_iter())
            .map(|(weight, values)| criterion(weight, values))
            .collect();
        assert_eq!(data.scores(), scores, "{:?}", data.criteria);
    }
}

#[test]
fn scores_are_rounded_half_away_from_zero_to_one_decimal() {
    for (score, rounded) in [
        (4.25, 4.3),
        (1.75, 1.8),
        (4.0, 4.0),
        (3.04, 3.0),
        (0.05, 0.1),
    ] {
        assert_eq!(one_decimal(score), rounded, "{score}");
    }
}

#[test]
fn scores_are_written_in_the_language_of_the_site() {
    for (language, first_row, scores) in [
        ("en", ["4/5", "1.5/5"], ["4.3", "1.8"]),
        ("de", ["4/5", "1,5/5"], ["4,3", "1,8"]),
        ("fr", ["4/5", "1,5/5"], ["4,3", "1,8"]),
    ] {
        let rows = sheet(language).rows();
        assert_eq!(rows[1][3..], first_row, "{language}");
        assert_eq!(rows.last().unwrap()[3..], scores, "{language}");
    }
}

#[test]
fn an_unbiased_sheet_sorts_its_options_with_their_values() {
    let mut data = ComparisonData {
        options: vec!["ours".into(), "Build in-house".into(), "Do nothing".into()],
        ours: None,
        unbiased: true,
        criteria: vec![criterion(
            1,
            vec![Rating::Score(5.0), Rating::Score(2.0), Rating::No],
        )],
        numbers: numbers("en"),
    };
    data.sort_options();
    assert_eq!(data.options, ["Build in-house", "Do nothing", "ours"]);
    assert_eq!(
        data.criteria[0].values,
        [Rating::Score(2.0), Rating::No, Rating::Score(5.0)]
    );
}
