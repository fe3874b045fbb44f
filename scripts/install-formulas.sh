#!/usr/bin/env bash
# Installs `formulas`, an independent spreadsheet formula engine (PyPI), into a virtual
# environment for the test that recalculates the calculators' workbooks
# (tests/calculator_workbook.rs). The folder is $STEPWISE_FORMULAS_VENV, by default
# /tmp/stepwise-formulas-venv; the test finds it there.
set -euo pipefail
venv="${STEPWISE_FORMULAS_VENV:-/tmp/stepwise-formulas-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'formulas[excel]==1.3.4'
"$venv/bin/python" -c 'import formulas; print("formulas", formulas.__version__, "in", "'"$venv"'")'
