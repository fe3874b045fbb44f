//! The site's brand on its theme, from `[theme]` of `stepwise.toml`: the accent colour, checked
//! for WCAG AA contrast against every background the theme puts text of that colour on (and the
//! colours the theme derives from it), the font stack and the logo, checked to exist in
//! `static/`. The colours and the font reach the page as CSS custom properties appended to the
//! theme's stylesheet, never as a `style` attribute.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use crate::config::{Config, ThemeConfig};
use crate::diagnostics::{Diagnostic, Source};

/// The contrast WCAG 2 level AA asks of text of a normal size.
pub const AA: f64 = 4.5;

/// A colour of the sRGB space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    /// Red, green and blue, 0 to 255.
    pub rgb: [u8; 3],
}

const WHITE: Colour = Colour {
    rgb: [255, 255, 255],
};
const BLACK: Colour = Colour { rgb: [0, 0, 0] };
/// The theme's background of the journey bar and of quiet boxes (`--surface`).
const SURFACE: Colour = Colour {
    rgb: [0xf4, 0xf6, 0xf9],
};
/// The theme's colour of secondary text (`--muted`).
const MUTED: Colour = Colour {
    rgb: [0x4f, 0x5a, 0x68],
};

impl Colour {
    /// Reads `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Option<Colour> {
        let hex = text.strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digits: Vec<u8> = match hex.len() {
            3 => hex
                .chars()
                .map(|c| c.to_digit(16).map_or(0, |d| d as u8 * 17))
                .collect(),
            6 => (0..3)
                .filter_map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
                .collect(),
            _ => return None,
        };
        let &[r, g, b] = digits.as_slice() else {
            return None;
        };
        Some(Colour { rgb: [r, g, b] })
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        let [r, g, b] = self.rgb;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The relative luminance of WCAG 2, 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let channel = |value: u8| {
            let c = f64::from(value) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.rgb.map(channel);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// This colour with `share` (0 to 1) of `other` mixed in.
    pub fn mix(self, other: Colour, share: f64) -> Colour {
        let blend =
            |a: u8, b: u8| (f64::from(a) * (1.0 - share) + f64::from(b) * share).round() as u8;
        let mut rgb = self.rgb;
        for (channel, theirs) in rgb.iter_mut().zip(other.rgb) {
            *channel = blend(*channel, theirs);
        }
        Colour { rgb }
    }
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: Colour, b: Colour) -> f64 {
    let (light, dark) = match a.luminance() >= b.luminance() {
        true => (a.luminance(), b.luminance()),
        false => (b.luminance(), a.luminance()),
    };
    (light + 0.05) / (dark + 0.05)
}

/// The colours the theme derives from the accent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Links, buttons and focus rings.
    pub accent: Colour,
    /// Links and buttons under the pointer.
    pub strong: Colour,
    /// The light background of highlighted boxes.
    pub soft: Colour,
    /// Quiet text on the accent.
    pub on_accent_muted: Colour,
}

impl Palette {
    /// The palette of `accent`.
    pub fn of(accent: Colour) -> Palette {
        Palette {
            accent,
            strong: accent.mix(BLACK, 0.2),
            soft: accent.mix(WHITE, 0.92),
            on_accent_muted: accent.mix(WHITE, 0.88),
        }
    }

    /// Every pair of text and background colours the theme shows, with what it is.
    fn pairs(&self) -> [(&'static str, Colour, Colour); 6] {
        [
            ("links on white", self.accent, WHITE),
            ("links on the journey bar's grey", self.accent, SURFACE),
            ("white text on buttons", WHITE, self.accent),
            ("links on highlighted boxes", self.accent, self.soft),
            (
                "quiet text on the next-step button",
                self.on_accent_muted,
                self.accent,
            ),
            ("grey text on highlighted boxes", MUTED, self.soft),
        ]
    }

    /// The pair of the lowest contrast: what it is, and its ratio.
    pub fn weakest(&self) -> (&'static str, f64) {
        self.pairs()
            .into_iter()
            .map(|(what, text, background)| (what, contrast(text, background)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or(("links on white", 21.0))
    }
}

/// The colour closest to `accent` of the same hue, darkened in steps of 1 %, whose palette
/// passes AA everywhere.
pub fn nearest_passing(accent: Colour) -> Colour {
    (0..=100)
        .map(|step| accent.mix(BLACK, f64::from(step) / 100.0))
        .find(|colour| Palette::of(*colour).weakest().1 >= AA)
        .unwrap_or(BLACK)
}

/// A ratio as people read it, rounded down to one decimal so that a failing one never shows as
/// 4.5: `2.04` gives `2.0:1`.
pub fn ratio(value: f64) -> String {
    format!("{:.1}:1", (value * 10.0).floor() / 10.0)
}

/// The problems of `[theme]`: an accent colour that is not one or reads poorly, a font stack
/// that is not one, a logo that is not in `static/`.
pub fn problems(root: &Path, config: &Config, source: &Source) -> Vec<Diagnostic> {
    let theme = config.theme.get_ref();
    let mut problems = Vec::new();
    problems.extend(
        theme
            .accent
            .as_ref()
            .and_then(|accent| accent_problem(accent, source)),
    );
    problems.extend(
        theme
            .font
            .as_ref()
            .and_then(|font| font_problem(font, source)),
    );
    if let Some(logo) = theme
        .logo
        .as_ref()
        .filter(|logo| !root.join("static").join(logo.get_ref()).is_file())
    {
        problems.push(
            Diagnostic::error(source, logo.span(), format!("there is no file `static/{}`", logo.get_ref()))
                .with_help("put the logo in the site's `static/` folder and give its path there, such as `logo = \"logo.svg\"`"),
        );
    }
    problems
}

fn accent_problem(accent: &Spanned<String>, source: &Source) -> Option<Diagnostic> {
    let span: Range<usize> = accent.span();
    let Some(colour) = Colour::parse(accent.get_ref()) else {
        return Some(
            Diagnostic::error(
                source,
                span,
                format!("`{}` is not a colour", accent.get_ref()),
            )
            .with_help(
                "write it as `#` and six hexadecimal digits, such as `accent = \"#1d5bb6\"`",
            ),
        );
    };
    let (what, weakest) = Palette::of(colour).weakest();
    (weakest < AA).then(|| {
        let nearest = nearest_passing(colour);
        let passes = Palette::of(nearest).weakest().1;
        Diagnostic::error(
            source,
            span,
            format!(
                "the accent colour {} has a contrast of {} for {what}, under the {} that WCAG AA asks of text",
                colour.hex(),
                ratio(weakest),
                ratio(AA)
            ),
        )
        .with_help(format!(
            "the nearest colour that passes is `accent = \"{}\"` ({} at the least); a darker shade of your brand colour reads on every background of the theme",
            nearest.hex(),
            ratio(passes)
        ))
    })
}

/// A font stack is names between commas, some quoted: nothing that could end the CSS rule.
fn font_problem(font: &Spanned<String>, source: &Source) -> Option<Diagnostic> {
    let allowed = |c: char| c.is_alphanumeric() || " ,-_.'\"".contains(c);
    let stack = font.get_ref();
    (stack.trim().is_empty() || !stack.chars().all(allowed)).then(|| {
        Diagnostic::error(source, font.span(), format!("`{stack}` is not a font stack"))
            .with_help("name fonts between commas, the ones with spaces in quotes, ending with a generic family: `font = \"'Source Sans 3', Arial, sans-serif\"`")
    })
}

/// The CSS the brand adds after the theme's stylesheet; empty when `[theme]` sets no colour or
/// font. Call it on a configuration whose [`problems`] are none.
pub fn stylesheet(theme: &ThemeConfig) -> String {
    let mut properties = Vec::new();
    if let Some(accent) = theme
        .accent
        .as_ref()
        .and_then(|accent| Colour::parse(accent.get_ref()))
    {
        let palette = Palette::of(accent);
        properties.push(format!("--accent: {};", palette.accent.hex()));
        properties.push(format!("--accent-strong: {};", palette.strong.hex()));
        properties.push(format!("--accent-soft: {};", palette.soft.hex()));
        properties.push(format!(
            "--on-accent-muted: {};",
            palette.on_accent_muted.hex()
        ));
    }
    if let Some(font) = &theme.font {
        properties.push(format!("--font: {};", font.get_ref()));
    }
    if properties.is_empty() {
        return String::new();
    }
    format!(
        "\n/* The brand, from [theme] of stepwise.toml. */\n:root {{\n  {}\n}}\n",
        properties.join("\n  ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(text: &str) -> Colour {
        Colour::parse(text).expect("a colour")
    }

    #[test]
    fn colours_are_read_in_both_hexadecimal_forms() {
        let cases = [
            ("#1d5bb6", Some([0x1d, 0x5b, 0xb6])),
            ("#FFF", Some([255, 255, 255])),
            ("#0a0", Some([0, 0xaa, 0])),
            ("1d5bb6", None),
            ("#1d5bb", None),
            ("#1d5bbz", None),
            ("red", None),
            ("#", None),
        ];
        for (text, rgb) in cases {
            assert_eq!(Colour::parse(text).map(|c| c.rgb), rgb, "{text}");
        }
    }

    #[test]
    fn contrast_ratios_match_wcag() {
        // Reference values from the WCAG 2 formula (WebAIM's contrast checker).
        let cases = [
            ("#000000", "#ffffff", 21.0),
            ("#ffffff", "#ffffff", 1.0),
            ("#777777", "#ffffff", 4.48),
            ("#767676", "#ffffff", 4.54),
            ("#1d5bb6", "#ffffff", 6.52),
            ("#ff0000", "#ffffff", 4.0),
            ("#f5a623", "#ffffff", 2.03),
        ];
        for (a, b, expected) in cases {
            let ratio = contrast(colour(a), colour(b));
            assert!((ratio - expected).abs() < 0.01, "{a} on {b}: {ratio}");
            assert_eq!(ratio, contrast(colour(b), colour(a)), "symmetric");
        }
    }

    #[test]
    fn ratios_are_shown_rounded_down() {
        let cases = [
            (4.49, "4.4:1"),
            (4.5, "4.5:1"),
            (2.04, "2.0:1"),
            (21.0, "21.0:1"),
        ];
        for (value, shown) in cases {
            assert_eq!(ratio(value), shown);
        }
    }

    #[test]
    fn the_nearest_passing_colour_is_the_lightest_shade_that_passes() {
        for accent in [
            "#f5a623", "#ff0000", "#00b3b3", "#ffff00", "#1d5bb6", "#000",
        ] {
            let accent = colour(accent);
            let nearest = nearest_passing(accent);
            assert!(Palette::of(nearest).weakest().1 >= AA, "{}", nearest.hex());
            let lighter = nearest.mix(WHITE, 0.02);
            assert!(
                nearest == accent || Palette::of(lighter).weakest().1 < AA + 0.3,
                "{} is not near the limit",
                nearest.hex()
            );
        }
        assert_eq!(
            nearest_passing(colour("#1d5bb6")),
            colour("#1d5bb6"),
            "a passing colour stays"
        );
    }

    #[test]
    fn the_theme_default_accent_passes() {
        let (what, weakest) = Palette::of(colour("#1d5bb6")).weakest();
        assert!(weakest >= AA, "{what}: {weakest}");
    }
}
