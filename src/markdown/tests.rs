//! The unit tests of Markdown rendering.

use super::*;

#[test]
fn configuration_text_shows_html_and_names_its_addresses() {
    let cases = [
        ("plain *text*", "<p>plain <em>text</em></p>"),
        (
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        (
            "a <img src=x onerror=alert(1)> b",
            "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>",
        ),
    ];
    for (markdown, html) in cases {
        assert_eq!(render_inline(markdown), html, "{markdown:?}");
    }
    assert_eq!(
        addresses("[a](https://x.example/) ![b](javascript:alert(1)) [c](&#106;avascript:x)"),
        ["https://x.example/", "javascript:alert(1)", "javascript:x"]
    );
}

#[test]
fn refused_addresses_are_recorded_for_resolving() {
    let links =
        render("[a](javascript:alert(1)) [b](https://x.example/) ![c](data:text/html,x)").links;
    let targets: Vec<&str> = links.iter().map(|link| link.target.as_str()).collect();
    assert_eq!(targets, ["javascript:alert(1)", "data:text/html,x"]);
}

#[test]
fn links_inside_the_site_are_recorded_with_their_places() {
    let cases: [(&str, &[(&str, usize)]); 5] = [
        ("[a](@/guides/x.md)", &[("@/guides/x.md", 4)]),
        (
            "Intro\n\nSee [b](#costs) and [c](https://x.example/).",
            &[("#costs", 15)],
        ),
        ("![chart](chart.png \"T\")", &[("chart.png", 9)]),
        ("[m](mailto:a@b.example) [r](../x/)", &[("../x/", 28)]),
        (
            "[a](@/x.md) [a again](@/x.md)",
            &[("@/x.md", 4), ("@/x.md", 22)],
        ),
    ];
    for (markdown, expected) in cases {
        let rendered = render(markdown);
        let found: Vec<(&str, usize)> = (rendered.links.iter())
            .map(|link| (link.target.as_str(), link.offset))
            .collect();
        assert_eq!(found, expected, "links of {markdown:?}");
        for link in &rendered.links {
            assert_eq!(
                &rendered.html[link.html.clone()],
                link.target,
                "in {markdown:?}"
            );
        }
    }
}

#[test]
fn tables_scroll_in_named_regions_and_task_boxes_are_hidden_from_screen_readers() {
    let region = |n: usize| {
        format!(
            "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table {n}\" tabindex=\"0\"><table>"
        )
    };
    let table = "| a |\n| - |\n| 1 |\n";
    let cases = [
        (table.to_string(), vec![region(1)], 1),
        (
            format!("{table}\ntext\n\n{table}"),
            vec![region(1), region(2)],
            2,
        ),
        ("no table".to_string(), vec![], 0),
    ];
    for (markdown, regions, closed) in cases {
        let html = render(&markdown).html;
        for region in &regions {
            assert!(html.contains(region.as_str()), "{region} in {html}");
        }
        assert_eq!(html.matches("<table>").count(), regions.len(), "{html}");
        assert_eq!(html.matches("</table></div>\n").count(), closed, "{html}");
    }
    let boxes = [
        (
            "- [ ] open",
            "<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"/>\n",
        ),
        (
            "- [x] done",
            "<input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\" checked=\"\"/>\n",
        ),
    ];
    for (markdown, marker) in boxes {
        assert!(render(markdown).html.contains(marker), "{markdown:?}");
    }
}

#[test]
fn heading_ids_are_returned_in_order() {
    let rendered = render("# One\n\n## Two {#custom}\n\n## One\n");
    assert_eq!(rendered.anchors, ["one", "custom", "one-1"]);
}

#[test]
fn headings_are_read_without_their_markup() {
    let cases: [(&str, &[&str]); 4] = [
        (
            "## Seats and plans {#a}\n\nx\n\n### Costs",
            &["Seats and plans", "Costs"],
        ),
        ("## Use `get` *now*", &["Use get now"]),
        ("## Q&A <br>", &["Q&A "]),
        ("Text\n\n---\n\nmore", &[]),
    ];
    for (markdown, expected) in cases {
        assert_eq!(render(markdown).headings, expected, "{markdown:?}");
    }
}

/// What [`render`] gives a body: its HTML, first paragraph, anchors, headings and links (the
/// address, its offset in the Markdown and its range in the HTML).
struct Expected {
    markdown: &'static str,
    html: &'static str,
    first_paragraph: &'static str,
    anchors: &'static [&'static str],
    headings: &'static [&'static str],
    links: &'static [(&'static str, usize, Range<usize>)],
}

const REGION: &str = "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table";

#[test]
fn bodies_render_with_everything_read_from_them() {
    let cases = [
        Expected {
            markdown: "# Use `get` *now*\n\nFirst *para* line\nsecond `line`  \nthird\n\n| a |\n| - |\n| 1 |\n",
            html: "<h1 id=\"use-get-now\">Use <code>get</code> <em>now</em></h1>\n<p>First <em>para</em> line\nsecond <code>line</code><br />\nthird</p>\nREGION 1\" tabindex=\"0\"><table><thead><tr><th>a</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table></div>\n",
            first_paragraph: "First para line second line third",
            anchors: &["use-get-now"],
            headings: &["Use get now"],
            links: &[],
        },
        Expected {
            markdown: "## See [costs](@/x.md#c)\n\n## See costs\n\nSee costs {#see-costs-1}\n---\n",
            html: "<h2 id=\"see-costs\">See <a href=\"@/x.md#c\">costs</a></h2>\n<h2 id=\"see-costs-2\">See costs</h2>\n<h2 id=\"see-costs-1\">See costs</h2>\n",
            first_paragraph: "",
            anchors: &["see-costs", "see-costs-2", "see-costs-1"],
            headings: &["See costs", "See costs", "See costs"],
            links: &[("@/x.md#c", 15, 32..40)],
        },
        Expected {
            markdown: "- [ ] a\n- [x] b\n\nText[^1] and ![chart](c.png)\n\n[^1]: Note with [top](#top)\n",
            html: "<ul>\n<li><input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\"/>\na</li>\n<li><input disabled=\"\" type=\"checkbox\" aria-hidden=\"true\" checked=\"\"/>\nb</li>\n</ul>\n<p>Text<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> and <img src=\"c.png\" alt=\"chart\" /></p>\n<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n<p>Note with <a href=\"#top\">top</a></p>\n</div>\n",
            first_paragraph: "Text and chart",
            anchors: &[],
            headings: &[],
            links: &[("c.png", 39, 234..239), ("#top", 69, 369..373)],
        },
        Expected {
            markdown: "# A {.wide}\n\n# A\n\n#\n\n# !\n",
            html: "<h1 id=\"a\" class=\"wide\">A</h1>\n<h1 id=\"a-1\">A</h1>\n<h1 id=\"section\"></h1>\n<h1 id=\"section-1\">!</h1>\n",
            first_paragraph: "",
            anchors: &["a", "a-1", "section", "section-1"],
            headings: &["A", "A", "", "!"],
            links: &[],
        },
        Expected {
            markdown: "",
            html: "",
            first_paragraph: "",
            anchors: &[],
            headings: &[],
            links: &[],
        },
        Expected {
            markdown: "> quoted\n> para\n\n# ![alt *x*](p.png \"T\") title\n",
            html: "<blockquote>\n<p>quoted\npara</p>\n</blockquote>\n<h1 id=\"alt-x-title\"><img src=\"p.png\" alt=\"alt x\" title=\"T\" /> title</h1>\n",
            first_paragraph: "quoted para",
            anchors: &["alt-x-title"],
            headings: &["alt x title"],
            links: &[("p.png", 30, 77..82)],
        },
        Expected {
            markdown: "# One {#two}\n\n# Two\n\n## Two\n\n| x |\n|---|\n\n| y |\n|---|\n| z |\n",
            html: "<h1 id=\"two\">One</h1>\n<h1 id=\"two-1\">Two</h1>\n<h2 id=\"two-2\">Two</h2>\nREGION 1\" tabindex=\"0\"><table><thead><tr><th>x</th></tr></thead><tbody>\n</tbody></table></div>\nREGION 2\" tabindex=\"0\"><table><thead><tr><th>y</th></tr></thead><tbody>\n<tr><td>z</td></tr>\n</tbody></table></div>\n",
            first_paragraph: "",
            anchors: &["two", "two-1", "two-2"],
            headings: &["One", "Two", "Two"],
            links: &[],
        },
    ];
    for case in cases {
        let rendered = render(case.markdown);
        let markdown = case.markdown;
        assert_eq!(
            rendered.html,
            case.html.replace("REGION", REGION),
            "{markdown:?}"
        );
        assert_eq!(
            rendered.first_paragraph, case.first_paragraph,
            "{markdown:?}"
        );
        assert_eq!(rendered.anchors, case.anchors, "{markdown:?}");
        assert_eq!(rendered.headings, case.headings, "{markdown:?}");
        let links: Vec<(&str, usize, Range<usize>)> = (rendered.links.iter())
            .map(|link| (link.target.as_str(), link.offset, link.html.clone()))
            .collect();
        assert_eq!(links, case.links, "{markdown:?}");
    }
}
