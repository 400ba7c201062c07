"""What the overview shows of each OPD, read from its HTML as a reader sees the table (the
page is written in Python: no template context to read)."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROW = re.compile(r'<tr data-opd="([^"]*)">(.*?)</tr>', re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
LINK = re.compile(r'<a href="([^"]*)">')
STEP = re.compile(r"<div>(\d+)\. ")
NUMBER = re.compile(r"\d+")


@dataclass
class ShownRow:
    short_name: str
    process_url: str | None  # the OPD's name links to its process page, once started
    steps: list[int]  # the running steps' numbers
    late_tasks: int
    days_late: int  # 0 for the dash


def shown_rows(response) -> list[ShownRow]:
    """The table's rows in the page's order."""
    return [_shown(short_name, body) for short_name, body in ROW.findall(_html(response))]


def by_opd(response) -> dict[str, ShownRow]:
    return {row.short_name: row for row in shown_rows(response)}


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _shown(short_name: str, body: str) -> ShownRow:
    opd, steps, late, days, _version, _signed = CELL.findall(body)
    link = LINK.search(opd)
    return ShownRow(
        short_name=short_name,
        process_url=link.group(1) if link else None,
        steps=[int(number) for number in STEP.findall(steps)],
        late_tasks=int(NUMBER.search(late).group()),
        days_late=int(days_found.group()) if (days_found := NUMBER.search(days)) else 0,
    )
