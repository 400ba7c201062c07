"""The evaluation page of an SOP version: the table, the SVG charts, the returns and late
units, the XLSX export; its query count stays the same however many processes finished."""

from __future__ import annotations

import io
import re

import openpyxl
from django.urls import reverse

from erkt.sop.tests.monev_helpers import REASON, UNIT_REASON, first_process, second_process
from erkt.workflow.tests.page_helpers import query_count

URL = reverse("sop:evaluations", args=["penyusunan-rkt"])


def cells(html: str, step: int, unit: str = "") -> dict[str, str]:
    row = re.search(rf'<tr data-step="{step}" data-unit="{unit}".*?</tr>', html, re.S).group(0)
    return dict(re.findall(r"data-([a-z-]+)>([^<]*)<", row))


def test_the_table_shows_each_step_against_its_waktu(history, sekretaris, client_for):
    html = client_for(sekretaris).get(URL).content.decode()
    assert "2 proses selesai" in html
    assert cells(html, 2) == {
        "passes": "2",
        "median": "2,5",
        "maximum": "3",
        "on-time": "0%",
        "returns": "0",
    }
    assert cells(html, 4, "PSDM")["maximum"] == "5"
    assert cells(html, 9)["returns"] == "1"


def test_the_charts_are_server_side_svg_with_a_row_per_step_and_unit(history, kepala, client_for):
    html = client_for(kepala).get(URL).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="monev-chart"') == 2
    # 11 steps, steps 4 and 7 one row per unit (5 units) instead of one: 19 rows a chart.
    assert html.count('class="monev-row"') == 2 * 19
    assert 'class="monev-waktu"' in html


def test_the_returns_and_the_units_late_most_often_are_listed(history, tim1, client_for):
    html = client_for(tim1).get(URL).content.decode()
    returns = re.search(r'id="monev-returns".*?</ul>', html, re.S).group(0)
    assert REASON in returns and 'data-step="9"' in returns
    assert UNIT_REASON in returns and "(MPK)" in returns
    late = re.search(r'id="monev-late-units".*?</ol>', html, re.S).group(0)
    assert 'data-unit="PSDM"' in late and "2 dari 4 kali terlambat" in late


def test_the_page_reads_the_same_number_of_queries_for_one_or_two_processes(
    demo, kepala, sekretaris, client_for, time_machine, without_step_actions
):
    client = client_for(sekretaris)
    first_process(demo, kepala, time_machine)
    one = query_count(lambda: client.get(URL))
    second_process(demo, kepala, time_machine)
    two = query_count(lambda: client.get(URL))
    assert one == two


def test_the_xlsx_holds_the_table_the_returns_and_the_late_units(
    history, kasubbag_perencanaan, client_for
):
    response = client_for(kasubbag_perencanaan).get(
        reverse("sop:evaluations_xlsx", args=["penyusunan-rkt"])
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [row for row in book["Monev SOP"].iter_rows(min_row=5, values_only=True)]
    step2 = next(row for row in rows if row[0] == 2)
    assert step2[3:10] == (1, 2, 2.5, 3, 0, 2, 0)
    returns = [row[:6] for row in book["Dikembalikan"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[2], r[4], r[5]) for r in returns] == [
        (4, 2028, "MPK", UNIT_REASON),
        (9, 2027, None, REASON),
    ]
    assert list(book["Unit terlambat"].iter_rows(min_row=2, values_only=True)) == [("PSDM", 2, 4)]


def test_an_sop_without_finished_processes_shows_empty_figures(demo, kepala, client_for):
    html = client_for(kepala).get(URL).content.decode()
    assert "0 proses selesai" in html and cells(html, 2)["median"] == "-"
    assert "Tidak ada langkah yang dikembalikan." in html


def test_the_returns_are_paginated(history, kepala, client_for, monkeypatch):
    from erkt.sop import monev_views

    monkeypatch.setattr(monev_views, "RETURNS_PER_PAGE", 1)
    client = client_for(kepala)
    first = client.get(URL).content.decode()
    second = client.get(URL, {"halaman": "2"}).content.decode()
    assert UNIT_REASON in first and REASON not in first and "Halaman 1 dari 2" in first
    assert REASON in second and UNIT_REASON not in second
