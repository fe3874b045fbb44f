//! The badge: a small SVG like the familiar shields, "coverage | 73 %", coloured by the
//! percentage (the number says it too, so the colour is never the only sign).

/// The badge for `percent`.
pub fn svg(percent: u32) -> String {
    let value = format!("{percent} %");
    let (label_width, value_width) = (62, 12 + 7 * value.len());
    let width = label_width + value_width;
    let color = color(percent);
    let (label_x, value_x) = (label_width / 2, label_width + value_width / 2);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="coverage: {value}"><title>coverage: {value}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{label_width}" height="20" fill="#555"/><rect x="{label_width}" width="{value_width}" height="20" fill="{color}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="{label_x}" y="15" fill="#010101" fill-opacity=".3">coverage</text><text x="{label_x}" y="14">coverage</text><text x="{value_x}" y="15" fill="#010101" fill-opacity=".3">{value}</text><text x="{value_x}" y="14">{value}</text></g></svg>
"##
    )
}

/// Green from 90 %, yellow-green from 75 %, orange from 50 %, red below.
fn color(percent: u32) -> &'static str {
    match percent {
        90.. => "#2e7d32",
        75..=89 => "#5f7d0e",
        50..=74 => "#b35c00",
        _ => "#c62828",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_says_the_percentage_in_its_colour() {
        let cases = [
            (100, "#2e7d32"),
            (90, "#2e7d32"),
            (89, "#5f7d0e"),
            (74, "#b35c00"),
            (49, "#c62828"),
            (0, "#c62828"),
        ];
        for (percent, color) in cases {
            let badge = svg(percent);
            assert!(badge.contains(&format!(">{percent} %</text>")), "{badge}");
            assert!(badge.contains(color), "{percent} % is {color}");
        }
    }
}
