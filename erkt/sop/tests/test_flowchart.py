"""The flowchart is drawn from the definition, so any SOP in the format prints."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from erkt.sop.flowchart import flowchart_pages, render_flowchart_svg
from erkt.sop.flowchart.definition import flow_of
from erkt.sop.flowchart.layout import layout_of
from erkt.sop.flowchart.style import FONT_SIZE, LINE_HEIGHT, PAD_X
from erkt.sop.io import load_definition
from erkt.sop.models import StepKind
from erkt.sop.tests.definitions import long_definition, three_step_definition
from erkt.sop.tests.helpers import make_organization, seed_definition
from erkt.sop.textmetrics import text_width

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def organization(db):
    return make_organization()


@pytest.fixture
def seed(organization):
    return load_definition(organization, seed_definition())


@pytest.fixture
def long_sop(organization):
    return load_definition(organization, long_definition(25))


def symbols(root: ET.Element) -> dict[int, ET.Element]:
    groups = [g for g in root.iter(f"{NS}g") if "sop-symbol" in g.get("class", "").split()]
    found = {int(g.get("data-step")): g for g in groups}
    assert len(found) == len(groups), "one symbol per step"
    return found


def bounds(symbol: ET.Element) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of a symbol's shape."""
    shape = symbol[0]
    if shape.tag == f"{NS}rect":
        x, y = float(shape.get("x")), float(shape.get("y"))
        return x, y, x + float(shape.get("width")), y + float(shape.get("height"))
    xs, ys = zip(*(map(float, p.split(",")) for p in shape.get("points").split()), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def head_cell(root: ET.Element, column: str) -> tuple[float, float]:
    cell = next(r for r in root.iter(f"{NS}rect") if r.get("data-column") == column)
    x = float(cell.get("x"))
    return x, x + float(cell.get("width"))


def paths(root: ET.Element, source: int, target: int) -> list[list[tuple[float, float]]]:
    found = []
    for path in root.iter(f"{NS}path"):
        if (path.get("data-from"), path.get("data-to")) == (str(source), str(target)):
            numbers = [float(n) for n in re.findall(r"-?[\d.]+", path.get("d"))]
            found.append(list(zip(numbers[::2], numbers[1::2], strict=True)))
    return found


def labels(root: ET.Element) -> list[str]:
    return [
        "".join(t.itertext()) for t in root.iter(f"{NS}text") if t.get("class") == "sop-flow-label"
    ]


def test_each_step_has_one_symbol_in_the_column_of_its_pelaksana(seed):
    root = ET.fromstring(render_flowchart_svg(seed))

    drawn = symbols(root)

    assert sorted(drawn) == list(range(1, 12))
    for step in seed.steps.select_related("actor"):
        x0, _y0, x1, _y1 = bounds(drawn[step.number])
        column_left, column_right = head_cell(root, f"actor:{step.actor.key}")
        assert column_left < x0 < x1 < column_right, step


def test_mulai_and_selesai_are_terminators_processes_rectangles_decisions_diamonds(seed):
    drawn = symbols(ET.fromstring(render_flowchart_svg(seed)))

    def shape(number: int) -> str:
        element = drawn[number][0]
        if element.tag == f"{NS}polygon":
            return f"polygon{len(element.get('points').split())}"
        return "rounded" if float(element.get("rx")) > 0 else "rect"

    assert shape(1) == shape(11) == "rounded"
    assert {shape(n) for n in range(2, 9)} == {"rect"}
    assert shape(9) == shape(10) == "polygon4"
    assert drawn[9].get("data-kind") == StepKind.DECISION


def test_decisions_branch_ya_forward_and_tidak_back_to_step_8(seed):
    root = ET.fromstring(render_flowchart_svg(seed))

    branches = {
        (p.get("data-from"), p.get("data-to")): p.get("data-label")
        for p in root.iter(f"{NS}path")
        if p.get("data-from") in ("9", "10")
    }

    assert branches == {
        ("9", "10"): "ya",
        ("9", "8"): "tidak",
        ("10", "11"): "ya",
        ("10", "8"): "tidak",
    }
    assert sorted(labels(root)) == ["tidak", "tidak", "ya", "ya"]


def test_the_loop_backs_from_9_and_10_run_up_into_step_8(seed):
    root = ET.fromstring(render_flowchart_svg(seed))
    x0, y0, x1, y1 = bounds(symbols(root)[8])

    for source in (9, 10):
        [points] = paths(root, source, 8)
        end_x, end_y = points[-1]
        assert x0 <= end_x <= x1 and y0 <= end_y <= y1, "it ends on the symbol of step 8"
        assert end_y < points[0][1], "it runs upward"


def test_consecutive_steps_are_connected_and_every_connector_has_an_arrowhead(seed):
    root = ET.fromstring(render_flowchart_svg(seed))

    for number in range(1, 9):
        assert len(paths(root, number, number + 1)) == 1, number
    connectors = list(root.iter(f"{NS}path"))
    arrows = [p for p in root.iter(f"{NS}polygon") if p.get("class") == "sop-arrow"]
    assert len(connectors) == len(arrows) == 12


def test_the_seed_sop_prints_on_one_page_without_off_page_connectors(seed):
    [page] = flowchart_pages(seed)

    assert 'class="sop-offpage"' not in page
    assert len(symbols(ET.fromstring(page))) == 11


def test_a_long_sop_is_split_over_pages_joined_by_off_page_connectors(long_sop):
    pages = [ET.fromstring(svg) for svg in flowchart_pages(long_sop)]

    assert len(pages) >= 2
    numbers = [n for root in pages for n in symbols(root)]
    assert numbers == list(range(1, 26)), "every step once, in order"
    connectors: dict[str, list[tuple[int, str]]] = {}
    for index, root in enumerate(pages):
        assert head_cell(root, "uraian"), "the header row is repeated on every page"
        for group in root.iter(f"{NS}g"):
            if group.get("class") == "sop-offpage":
                connectors.setdefault(group.get("data-letter"), []).append(
                    (index, group.get("data-band"))
                )
    for letter, ends in connectors.items():
        assert len(ends) == 2 and ends[0][0] != ends[1][0], letter
    for index in range(len(pages) - 1):
        assert any(
            ends == [(index, "bottom"), (index + 1, "top")] for ends in connectors.values()
        ), f"the flow continues from page {index + 1} to page {index + 2}"


def test_a_loop_back_to_an_earlier_page_leaves_by_the_top_and_arrives_from_below(long_sop):
    pages = [ET.fromstring(svg) for svg in flowchart_pages(long_sop)]
    page_of = {n: i for i, root in enumerate(pages) for n in symbols(root)}
    assert page_of[23] > page_of[5]

    source_page, target_page = pages[page_of[23]], pages[page_of[5]]
    [leaving] = paths(source_page, 23, 5)
    [arriving] = paths(target_page, 23, 5)

    assert leaving[-1][1] < leaving[0][1], "it runs up to the top of the page"
    x0, y0, x1, y1 = bounds(symbols(target_page)[5])
    assert x0 <= arriving[-1][0] <= x1 and y0 <= arriving[-1][1] <= y1
    assert arriving[0][1] > arriving[-1][1], "it comes up from the bottom of the page"


def test_a_three_step_sop_prints_too(organization):
    version = load_definition(organization, three_step_definition())

    [page] = flowchart_pages(version)

    root = ET.fromstring(page)
    assert sorted(symbols(root)) == [1, 2, 3]
    assert len(paths(root, 1, 2)) == len(paths(root, 2, 3)) == 1
    assert labels(root) == []


def test_rows_are_tall_and_wide_enough_for_their_texts(long_sop):
    layout = layout_of(flow_of(long_sop))

    for row in layout.rows:
        for key, lines in row.cells.items():
            width = layout.column(key).width - 2 * PAD_X
            assert all(text_width(line, FONT_SIZE) <= width for line in lines), (key, lines)
            assert len(lines) * LINE_HEIGHT < row.height
    four_lines = [row for row in layout.rows if len(row.cells["uraian"]) >= 4]
    assert four_lines, "the long uraian wraps"
    assert four_lines[0].height > layout.rows[0].height


def test_the_highlighted_steps_are_marked(seed):
    root = ET.fromstring(render_flowchart_svg(seed, highlight={4, 7}))

    current = {n for n, g in symbols(root).items() if "is-current" in g.get("class").split()}

    assert current == {4, 7}
    plain = ET.fromstring(render_flowchart_svg(seed))
    assert not any("is-current" in g.get("class") for g in symbols(plain).values())


def test_a_drawing_is_kept_for_its_content_and_an_edited_step_is_drawn_anew(seed):
    from erkt.sop import flowchart

    flowchart._drawn.cache_clear()
    first = render_flowchart_svg(seed, highlight=[3])
    assert render_flowchart_svg(seed, highlight={3}) == first
    assert flowchart._drawn.cache_info().hits == 1
    # As a draft's step is edited (an approved version refuses save(): update() directly).
    seed.steps.filter(number=3).update(uraian="Uraian yang baru saja diubah")
    edited = render_flowchart_svg(seed, highlight=[3])
    assert "Uraian yang baru saja diubah" in edited
    assert "Uraian yang baru saja diubah" not in first
