//! The calculator page as a buyer gets it: the default figures are in the HTML (so the page is
//! complete without JavaScript), the spreadsheet is beside it, nothing from the front matter
//! reaches the page as code, and in a browser the results follow the buyer's numbers, the
//! scenarios and the address.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::browser::{Browser, PHONE};
use common::served::build_and_serve;
use common::{fails, read, repository, small_site, stderr, stepwise, write};
use stepwise::calculator;
use stepwise::content::AssetId;
use stepwise::kinds::KindData;
use stepwise::site::SiteOptions;

const INVOICE_COST: &str = "calculators/invoice-processing-cost.md";
const INVOICE_PAGE: &str = "/savings-calculators/invoice-processing-cost/";

/// The sample site's invoice calculator, as the build reads it.
fn invoice_calculator() -> Box<stepwise::kinds::CalculatorData> {
    let site = stepwise::load_site(&repository(), &SiteOptions::default()).expect("it loads");
    let asset = site.asset(&AssetId::from(INVOICE_COST)).expect("published");
    match &asset.data {
        KindData::Calculator(data) => data.clone(),
        _ => panic!("the invoice calculator is read by the calculator schema"),
    }
}

/// The text of the `<output>` of `id` in a page.
fn output_text(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("<output id=\"calc-out-{id}\""))
        .unwrap_or_else(|| panic!("no output {id}"));
    let rest = &html[start..];
    let open = rest.find('>').expect("a tag") + 1;
    rest[open..rest.find("</output>").expect("closed")].to_string()
}

#[test]
fn the_page_holds_the_default_figures_the_scenarios_and_a_spreadsheet() {
    let output = tempfile::tempdir().unwrap();
    let out = output.path().to_str().unwrap();
    let run = stepwise(&repository(), &["build", "--output-dir", out]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = read(output.path(), &format!("{}index.html", &INVOICE_PAGE[1..]));
    let data = invoice_calculator();
    for (at, output) in data.compiled.outputs.iter().enumerate() {
        let expected = data.show_output(data.evaluation.defaults.outputs[at], output);
        assert_eq!(output_text(&html, &output.id), expected, "{}", output.id);
    }
    assert_eq!(output_text(&html, "annual_saving"), "$205,500");
    assert!(
        html.contains(
            "<caption id=\"calc-scenarios-caption\">The scenarios side by side</caption>"
        )
    );
    assert!(html.contains("<th scope=\"col\">Conservative</th>"));
    assert!(html.contains("Source: Median of the mid-size companies"));
    assert!(html.contains("class=\"calc-result is-headline\""));
    assert!(
        html.contains("href=\"/savings-calculators/invoice-processing-cost/invoice-processing-cost.xlsx\" download data-step-event=\"download\" data-step-from=\"key-facts\" data-step-to=\"key-facts\" data-asset=\"invoice-processing-cost\">Download as a spreadsheet"),
        "the page links its spreadsheet"
    );
    let xlsx = std::fs::read(
        output
            .path()
            .join("savings-calculators/invoice-processing-cost/invoice-processing-cost.xlsx"),
    )
    .expect("the spreadsheet is written beside the page");
    assert!(xlsx.starts_with(b"PK"), "a spreadsheet is a zip file");
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(&xlsx))
            .expect("a zip file")
            .by_name("xl/styles.xml")
            .expect("the workbook's styles"),
        &mut styles,
    )
    .expect("read the styles");
    assert!(
        styles.contains("formatCode=\"&quot;$&quot;#,##0.00\""),
        "the spreadsheet's amounts are in the site's currency, as on the page"
    );
    let script = html
        .split("<script src=\"/")
        .nth(1)
        .and_then(|rest| rest.split_once("\" defer></script>"))
        .map(|(name, _)| name)
        .expect("the page loads its script");
    assert!(
        script.starts_with("calculator.") && output.path().join(script).is_file(),
        "the page loads the published (fingerprinted) calculator.js: {script}"
    );
    assert!(
        !html.contains("<script>"),
        "no inline script: the compiled form is data"
    );
}

/// A small site with one calculator whose front matter holds `label` and `formula`.
fn site_with_calculator(label: &str, formula: &str) -> tempfile::TempDir {
    let site = small_site();
    let config = read(site.path(), "stepwise.toml").replacen(
        "[[stakeholders]]",
        "[[kinds]]\nslug = \"calculator\"\ntitle = \"Calculator\"\nplural = \"Calculators\"\n\n[[stakeholders]]",
        1,
    );
    write(site.path(), "stepwise.toml", &config);
    write(
        site.path(),
        "content/calculators/travel.md",
        &format!(
            "+++\ntitle = \"Travel\"\nkind = \"calculator\"\nsteps = [\"options\"]\n\n[[calculator.inputs]]\nid = \"trips\"\nlabel = {label:?}\ndefault = 4\n\n[[calculator.inputs]]\nid = \"trip_cost\"\nlabel = \"Cost of a trip\"\ndefault = 900\nformat = \"currency\"\n\n[[calculator.outputs]]\nid = \"saved\"\nlabel = \"Saved\"\nformula = {formula:?}\nformat = \"currency\"\n+++\nBody.\n"
        ),
    );
    site
}

#[test]
fn nothing_in_the_front_matter_reaches_the_page_as_code() {
    let attack = "</script><script>alert(1)</script><!--";
    let site = site_with_calculator(attack, "trips * trip_cost");
    let run = stepwise(site.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = read(site.path(), "output/calculators/travel/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<!--"), "no comment is opened");
    assert!(
        html.contains("&lt;&#x2F;script&gt;&lt;script&gt;alert(1)")
            || html.contains("&lt;/script&gt;&lt;script&gt;alert(1)")
    );
    assert!(
        html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"),
        "the JSON escapes it"
    );
    assert_eq!(output_text(&html, "saved"), "$3,600");
}

#[test]
fn a_bad_formula_stops_the_build_pointing_into_the_formula() {
    let site = site_with_calculator("Trips a year", "trips * trip_cst");
    let report = fails(site.path(), &["build"]);
    assert!(
        report.contains("error: unknown name `trip_cst`"),
        "{report}"
    );
    assert!(
        report.contains("┌─ content/calculators/travel.md:20:20"),
        "{report}"
    );
    assert!(
        report.contains("help: did you mean `trip_cost`?"),
        "{report}"
    );
    assert!(!site.path().join("output").exists());
}

/// The figure `id` for the invoice calculator with `changes` made to its defaults.
fn expected_figure(id: &str, changes: &[(&str, f64)]) -> String {
    let data = invoice_calculator();
    let inputs: Vec<f64> = data
        .compiled
        .inputs
        .iter()
        .map(|input| {
            changes
                .iter()
                .find(|(changed, _)| *changed == input.id)
                .map_or(input.default, |(_, value)| *value)
        })
        .collect();
    let results = calculator::compute(&data.compiled, &inputs);
    let at = data
        .compiled
        .outputs
        .iter()
        .position(|output| output.id == id)
        .expect("an output");
    let output = &data.compiled.outputs[at];
    let value = *results[at].as_ref().expect("a value");
    data.show_output(value, output)
}

#[test]
fn in_a_browser_the_results_follow_the_numbers_the_scenarios_and_the_address() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let site = build_and_serve(&repository());
    let shown = "document.querySelector('#calc-out-annual_saving').textContent";
    let mut page = browser.open(&site.url(INVOICE_PAGE), PHONE);
    let opened: String = page.eval(shown);
    assert_eq!(
        opened,
        expected_figure("annual_saving", &[]),
        "the first scenario is the defaults"
    );
    page.type_text("#calc-in-invoices_per_month", "4000");
    let typed: String = page.eval(shown);
    assert_eq!(
        typed,
        expected_figure("annual_saving", &[("invoices_per_month", 4000.0)])
    );
    let address: String = page.eval("location.search");
    assert!(address.contains("invoices_per_month=4000"), "{address}");
    page.type_text("#calc-in-cost_per_invoice", "");
    let error: String =
        page.eval("document.querySelector('#calc-error-cost_per_invoice').textContent");
    assert_eq!(error, "Enter a number.");
    let blank: String = page.eval(shown);
    let label = &invoice_calculator().calculator.inputs[1].label;
    assert_eq!(blank, format!("needs a number in “{label}”"), "never NaN");
    page.click("[data-scenario='1']");
    let conservative: String = page.eval(shown);
    assert_eq!(
        conservative,
        expected_figure(
            "annual_saving",
            &[
                ("invoices_per_month", 2000.0),
                ("cost_per_invoice", 7.9),
                ("remaining_cost_per_invoice", 4.5),
                ("one_time_cost", 60000.0),
            ]
        )
    );
    let pressed: String =
        page.eval("document.querySelector(\"[data-scenario='1']\").getAttribute('aria-pressed')");
    assert_eq!(pressed, "true");
    let shared = format!(
        "{}?invoices_per_month=3000&cost_per_invoice=9",
        site.url(INVOICE_PAGE)
    );
    let mut page = browser.open(&shared, PHONE);
    let restored: String = page.eval(shown);
    assert_eq!(
        restored,
        expected_figure(
            "annual_saving",
            &[("invoices_per_month", 3000.0), ("cost_per_invoice", 9.0)]
        ),
        "a shared address restores the numbers"
    );
    let mut page = browser.open_with(&site.url(INVOICE_PAGE), PHONE, false);
    let without_script: String = page.eval(shown);
    assert_eq!(
        without_script, "$205,500",
        "without JavaScript the default figures are there"
    );
}
