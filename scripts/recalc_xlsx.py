"""Recalculates a workbook with the `formulas` engine, independent of stepwise.

Usage: recalc_xlsx.py BOOK.xlsx '[{}, {"B5": 3000}]'
For each set of changes: sets those cells of the sheet, recalculates every formula and gives
{"B13": 28750.0, …} for every formula cell (an error value as its text, e.g. "#DIV/0!").
Prints the list of those as JSON; the workbook is loaded once.
"""
import json
import sys

import formulas


def main():
    path, change_sets = sys.argv[1], json.loads(sys.argv[2])
    model = formulas.ExcelModel().loads(path).finish()
    sheet = None
    cells = {}
    for key, cell in model.cells.items():
        if "!" not in key or getattr(cell, "inputs", None) is None:
            continue
        prefix, ref = key.rsplit("!", 1)
        sheet = prefix
        cells[ref] = key
    results = []
    for changes in change_sets:
        inputs = {"%s!%s" % (sheet, ref): value for ref, value in changes.items()}
        solution = model.calculate(inputs=inputs)
        result = {}
        for ref, key in cells.items():
            value = solution[key].value[0, 0]
            result[ref] = value if isinstance(value, (int, float)) else str(value)
        results.append(result)
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
