"""CSV cells that a spreadsheet shows as text, never runs: every CSV this program writes goes through here.

A cell starting with = + - @, a tab or a carriage return is read by Excel, WPS and LibreOffice as a formula
(`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`). Following OWASP's "CSV Injection" advice
(https://owasp.org/www-community/attacks/CSV_Injection), such a text cell gets a leading apostrophe, which
the spreadsheet hides and which keeps the rest as typed. Numbers (int/float) are left alone.
"""

from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` unchanged unless it is text a spreadsheet would take as a formula; then "'" + value."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose text cells are neutralised; `raw` marks cells we wrote ourselves as formulas."""

    def __init__(self, handle, **options):
        self._writer = csv.writer(handle, **options)

    def writerow(self, row, raw: frozenset[int] = frozenset()) -> None:
        """Write one row; cells at the positions in `raw` (our own ="0012345" text markers) pass as they are."""
        self._writer.writerow([cell if index in raw else neutralise(cell) for index, cell in enumerate(row)])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle, **options) -> SafeWriter:
    """A csv.writer (same options) that neutralises formula-like text cells."""
    return SafeWriter(handle, **options)
