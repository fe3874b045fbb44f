use super::*;

fn numbers(language: &str, currency: &str) -> Numbers {
    let language = Language::parse(language).unwrap_or_else(|| panic!("{language}"));
    Numbers::new(&language, currency).unwrap_or_else(|error| panic!("{error}"))
}

fn style(format: Format, decimals: Option<u32>) -> Style {
    Style { format, decimals }
}

#[test]
fn values_are_shown_as_intl_number_format_shows_them() {
    use Format::{Currency, Number, Percent};
    let table = [
        ("en", "USD", 2875.0, Currency, None, "$2,875"),
        ("en", "USD", 11.5, Currency, None, "$11.50"),
        ("en", "EUR", -42000.4, Currency, None, "-€42,000.40"),
        ("en", "GBP", 1234567.891, Currency, Some(0), "£1,234,568"),
        ("en", "CHF", 900.0, Currency, Some(2), "CHF\u{a0}900.00"),
        ("de", "EUR", 1234.5, Currency, None, "1.234,50\u{a0}€"),
        ("de", "USD", 81600.0, Currency, None, "81.600\u{a0}$"),
        (
            "fr",
            "EUR",
            -1234.5,
            Currency,
            Some(1),
            "-1\u{202f}234,5\u{a0}€",
        ),
        ("ja", "JPY", 1234.5, Currency, None, "￥1,235"),
        ("en-IN", "INR", 1234567.5, Currency, None, "₹12,34,567.50"),
        ("en", "USD", 0.25, Percent, None, "25%"),
        ("en", "USD", 0.1234, Percent, None, "12.3%"),
        ("de", "EUR", 0.8, Percent, None, "80\u{a0}%"),
        ("fr", "EUR", 0.125, Percent, Some(2), "12,50\u{a0}%"),
        ("en", "USD", 2.7, Number, None, "2.7"),
        ("en", "USD", 2.0, Number, None, "2"),
        ("en", "USD", 1000000.0, Number, None, "1,000,000"),
        ("en", "USD", 1.005, Number, Some(2), "1.01"),
        ("en", "USD", -0.001, Number, None, "-0"),
        ("de", "EUR", 1234.567, Number, None, "1.234,57"),
        ("en-IN", "INR", 12345678.0, Number, Some(1), "1,23,45,678.0"),
    ];
    for (language, currency, value, format, decimals, expected) in table {
        let shown = numbers(language, currency).show(value, style(format, decimals));
        assert_eq!(
            shown, expected,
            "{value} as {format:?} {decimals:?} in {language}"
        );
    }
}

#[test]
fn changes_are_points_for_percentages_and_relative_otherwise() {
    let table = [
        (
            "en",
            FigureChange::Points {
                from: 38.0,
                to: 61.0,
                decimals: 0,
            },
            "+23\u{a0}pts",
        ),
        (
            "en",
            FigureChange::Points {
                from: 12.5,
                to: 10.1,
                decimals: 1,
            },
            "-2.4\u{a0}pts",
        ),
        (
            "de",
            FigureChange::Points {
                from: 12.5,
                to: 10.1,
                decimals: 1,
            },
            "-2,4\u{a0}pts",
        ),
        (
            "en",
            FigureChange::Points {
                from: 5.0,
                to: 5.0,
                decimals: 0,
            },
            "0\u{a0}pts",
        ),
        (
            "en",
            FigureChange::Relative {
                from: 14.0,
                to: 4.0,
            },
            "-71%",
        ),
        (
            "de",
            FigureChange::Relative {
                from: 40.0,
                to: 100.0,
            },
            "+150\u{a0}%",
        ),
        ("en", FigureChange::Relative { from: 5.0, to: 5.0 }, "0%"),
    ];
    for (language, change, expected) in table {
        assert_eq!(
            numbers(language, "USD").change(change),
            expected,
            "{change:?}"
        );
    }
}

#[test]
fn the_script_gets_the_options_the_build_used() {
    let table = [
        (
            style(Format::Number, None),
            r#"{"style":"decimal","minimumFractionDigits":0,"maximumFractionDigits":2}"#,
        ),
        (
            style(Format::Percent, Some(1)),
            r#"{"style":"percent","minimumFractionDigits":1,"maximumFractionDigits":1}"#,
        ),
        (
            style(Format::Currency, None),
            r#"{"style":"currency","currency":"EUR","trailingZeroDisplay":"stripIfInteger"}"#,
        ),
        (
            style(Format::Currency, Some(0)),
            r#"{"style":"currency","currency":"EUR","minimumFractionDigits":0,"maximumFractionDigits":0}"#,
        ),
    ];
    for (style, expected) in table {
        let json = serde_json::to_string(&style.intl_options("EUR")).unwrap_or_default();
        assert_eq!(json, expected, "{style:?}");
    }
}

#[test]
fn spreadsheet_formats_place_signs_as_the_language_does() {
    let whole = |digits: u32, format: &str| {
        Some(WholeFormat {
            digits,
            format: format.to_string(),
        })
    };
    let table = [
        (
            "en",
            "USD",
            style(Format::Currency, None),
            "\"$\"#,##0.00",
            whole(2, "\"$\"#,##0"),
        ),
        (
            "de",
            "EUR",
            style(Format::Currency, Some(2)),
            "#,##0.00\"\u{a0}€\"",
            None,
        ),
        (
            "ja",
            "JPY",
            style(Format::Currency, None),
            "\"￥\"#,##0",
            None,
        ),
        (
            "en",
            "USD",
            style(Format::Percent, None),
            "#,##0.0%",
            whole(1, "#,##0%"),
        ),
        (
            "de",
            "EUR",
            style(Format::Percent, Some(0)),
            "#,##0\"\u{a0}\"%",
            None,
        ),
        (
            "en",
            "USD",
            style(Format::Number, None),
            "#,##0.0#",
            whole(2, "#,##0"),
        ),
        (
            "en",
            "USD",
            style(Format::Number, Some(3)),
            "#,##0.000",
            None,
        ),
    ];
    for (language, currency, style, format, when_whole) in table {
        let cell = numbers(language, currency).cell_format(style);
        assert_eq!(
            cell,
            CellFormat {
                format: format.to_string(),
                when_whole
            },
            "{style:?} in {language}"
        );
    }
}

#[test]
fn percentages_are_written_as_read_and_computed_as_fractions() {
    assert_eq!(Style::of(Format::Percent).to_formula_value(80.0), 0.8);
    assert_eq!(Style::of(Format::Number).to_formula_value(80.0), 80.0);
    assert_eq!(Style::of(Format::Currency).to_formula_value(80.0), 80.0);
}
