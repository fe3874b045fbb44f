//! The same formulas as a spreadsheet: formula trees translated to Excel formulas, and a workbook
//! with the inputs the buyer edits and the outputs as live formulas. A formula that can fail
//! (a division, a power, or an output that uses one) shows why in words through `IFERROR`.
//!
//! Where Excel can differ from [`crate::calculator::evaluate`]: `ROUND` rounds the decimal
//! value Excel shows (15 significant digits), so a half that is not exact in binary, such as
//! `round(1.005, 2)`, gives 1.01 in Excel and 1 here; Excel snaps a subtraction whose result is
//! within a few units in the last place of 0 to 0; and `0^0` is an error in Excel, 1 here.

mod formula;

pub use formula::to_excel;

use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DocProperties, ExcelDateTime, Format as CellFormat, Formula,
    Workbook, Worksheet, XlsxError, utility::row_col_to_cell,
};

use super::Calculator;
use super::compile::Compiled;
use super::eval::Case;
use super::why::spreadsheet_reason;
use crate::number::{CellFormat as NumberCellFormat, Numbers, Style};
use formula::text_literal;

/// The rows of the sheet: a title, the inputs block, then the results block.
const INPUTS_HEADER: u32 = 3;

/// An empty workbook titled `title` whose creation date is fixed, so that the same data always
/// gives the same bytes. Its parts are compressed at zip level 1: a workbook of a few kilobytes
/// grows by about 6 % and costs a sixth less to write than at the default level 6.
pub fn deterministic_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    book.set_zip_compression_level(1);
    Ok(book)
}

/// A workbook with one sheet: a labelled block of inputs the buyer edits, one column per case
/// (usually [`crate::calculator::Evaluation::columns`]), and below it every output as an Excel
/// formula over the cells of its column, with the value computed at build time cached in it.
/// All text is written as text, so a label that begins with `=` never becomes a formula.
pub fn workbook(
    title: &str,
    calculator: &Calculator,
    compiled: &Compiled,
    columns: &[&Case],
    numbers: &Numbers,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = deterministic_workbook(title)?;
    let sheet = book.add_worksheet();
    sheet.set_name("Calculator")?;
    let layout = Layout::new(compiled, columns.len());
    headings(sheet, title, columns, &layout)?;
    inputs(sheet, calculator, columns, &layout, numbers)?;
    outputs(sheet, calculator, compiled, columns, &layout, numbers)?;
    book.save_to_buffer()
}

/// Where every value sits.
struct Layout {
    rows: HashMap<String, u32>,
    results_header: u32,
    notes: u16,
}

impl Layout {
    fn new(compiled: &Compiled, columns: usize) -> Self {
        let first_input = INPUTS_HEADER + 1;
        let results_header = first_input + compiled.inputs.len() as u32 + 1;
        let inputs = compiled
            .inputs
            .iter()
            .enumerate()
            .map(|(i, input)| (input.id.clone(), first_input + i as u32));
        let outputs = compiled
            .outputs
            .iter()
            .map(|o| (o.id.clone(), results_header + 1 + o.declared as u32));
        Layout {
            rows: inputs.chain(outputs).collect(),
            results_header,
            notes: 1 + columns as u16,
        }
    }

    fn cell(&self, name: &str, column: u16) -> String {
        row_col_to_cell(self.rows.get(name).copied().unwrap_or_default(), column)
    }
}

fn headings(
    sheet: &mut Worksheet,
    title: &str,
    columns: &[&Case],
    layout: &Layout,
) -> Result<(), XlsxError> {
    let bold = CellFormat::new().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold.clone().set_font_size(14))?;
    sheet.write_string(
        1,
        0,
        "Change the blue numbers; the results below recalculate.",
    )?;
    sheet.set_column_width(0, 60)?;
    sheet.set_column_width(layout.notes, 60)?;
    for (header, row) in [
        ("Inputs", INPUTS_HEADER),
        ("Results", layout.results_header),
    ] {
        sheet.write_string_with_format(row, 0, header, &bold)?;
        for (index, case) in columns.iter().enumerate() {
            let name = case.name.as_deref().unwrap_or("Your numbers");
            sheet.write_string_with_format(row, 1 + index as u16, name, &bold)?;
            sheet.set_column_width(1 + index as u16, 18)?;
        }
        sheet.write_string_with_format(row, layout.notes, "Notes", &bold)?;
    }
    Ok(())
}

fn inputs(
    sheet: &mut Worksheet,
    calculator: &Calculator,
    columns: &[&Case],
    layout: &Layout,
    numbers: &Numbers,
) -> Result<(), XlsxError> {
    for (index, input) in calculator.inputs.iter().enumerate() {
        let row = INPUTS_HEADER + 1 + index as u32;
        let label = match &input.unit {
            Some(unit) => format!("{} ({})", input.label, unit.value),
            None => input.label.clone(),
        };
        sheet.write_string(row, 0, &label)?;
        let style = Style::of(input.format);
        let shown = numbers.cell_format(style);
        let format = CellFormat::new()
            .set_num_format(&shown.format)
            .set_font_color(Color::Blue);
        for (column, case) in columns.iter().enumerate() {
            let column = 1 + column as u16;
            let written = case
                .inputs
                .get(index)
                .copied()
                .unwrap_or(input.default.value);
            let value = style.to_formula_value(written);
            sheet.write_number_with_format(row, column, value, &format)?;
            when_whole(sheet, row, column, &shown, style, Some(Color::Blue))?;
        }
        let source = input
            .source
            .as_ref()
            .map(|source| format!("Source: {source}"));
        let notes: Vec<&str> = source
            .iter()
            .chain(&input.help)
            .map(String::as_str)
            .collect();
        if !notes.is_empty() {
            sheet.write_string(row, layout.notes, notes.join(" "))?;
        }
    }
    Ok(())
}

fn outputs(
    sheet: &mut Worksheet,
    calculator: &Calculator,
    compiled: &Compiled,
    columns: &[&Case],
    layout: &Layout,
    numbers: &Numbers,
) -> Result<(), XlsxError> {
    for (position, output) in compiled.outputs.iter().enumerate() {
        let row = layout.results_header + 1 + output.declared as u32;
        let Some(declared) = calculator.outputs.get(output.declared) else {
            continue;
        };
        sheet.write_string(row, 0, &declared.label)?;
        let style = Style {
            format: output.format,
            decimals: output.decimals,
        };
        let shown = numbers.cell_format(style);
        let format = CellFormat::new().set_num_format(&shown.format);
        let reason = spreadsheet_reason(compiled, output);
        for (column, case) in columns.iter().enumerate() {
            let column = 1 + column as u16;
            let mut text = to_excel(&output.formula, &|name| layout.cell(name, column));
            if let Some(reason) = &reason {
                let formula = text.strip_prefix('=').unwrap_or(&text);
                text = format!("=IFERROR({formula},{})", text_literal(reason));
            }
            let cached = case.outputs.get(position).copied().unwrap_or(f64::NAN);
            let formula = Formula::new(text).set_result(cached.to_string());
            sheet.write_formula_with_format(row, column, formula, &format)?;
            when_whole(sheet, row, column, &shown, style, None)?;
        }
        if let Some(help) = &declared.help {
            sheet.write_string(row, layout.notes, help)?;
        }
    }
    Ok(())
}

/// The conditional format that shows a cell's whole value without digits after the point.
fn when_whole(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    shown: &NumberCellFormat,
    style: Style,
    color: Option<Color>,
) -> Result<(), XlsxError> {
    let Some(whole) = &shown.when_whole else {
        return Ok(());
    };
    let cell = row_col_to_cell(row, column);
    let mut format = CellFormat::new().set_num_format(&whole.format);
    if let Some(color) = color {
        format = format.set_font_color(color);
    }
    let rule = ConditionalFormatFormula::new()
        .set_rule(whole.condition(&cell, style.format).as_str())
        .set_format(format);
    sheet.add_conditional_format(row, column, row, column, &rule)?;
    Ok(())
}
