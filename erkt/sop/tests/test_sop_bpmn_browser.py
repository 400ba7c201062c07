"""The BPMN download of the SOP page opens in bpmn-js (the bpmn.io modeler) in Chromium."""

from __future__ import annotations

import mimetypes
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.urls import reverse

from erkt.sop.bpmn import BPMN
from erkt.testing.browser import sign_in

pytestmark = pytest.mark.browser

BPMN_JS = Path(__file__).resolve().parent / "bpmn_js"
# A page outside the application: Playwright answers its requests from the vendored
# bpmn-js files, so the application never serves them.
HOST = "http://bpmn-js.test"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="assets/diagram-js.css">
<link rel="stylesheet" href="assets/bpmn-js.css">
<link rel="stylesheet" href="assets/bpmn-font/css/bpmn.css">
<style>html, body, #canvas { margin: 0; width: 100%; height: 100%; }</style>
<script src="bpmn-modeler.production.min.js"></script>
</head><body><div id="canvas"></div></body></html>"""
IMPORT = """async xml => {
    const modeler = new BpmnJS({ container: "#canvas" });
    const result = await modeler.importXML(xml);
    const canvas = modeler.get("canvas");
    canvas.zoom("fit-viewport");
    const box = canvas.viewbox();  // room on the left: lane names clear of the palette
    canvas.viewbox({
        x: box.x - 90, y: box.y - 20, width: box.width + 110, height: box.height + 40,
    });
    return result.warnings.map(warning => warning.message);
}"""
DRAWN = """ids => ids.filter(id =>
    document.querySelectorAll(`.djs-element[data-element-id="${id}"]`).length === 0)"""


def serve_bpmn_js(route) -> None:
    path = route.request.url.removeprefix(HOST + "/").split("?")[0]
    if path in ("", "index.html"):
        route.fulfill(body=PAGE, content_type="text/html")
        return
    file = (BPMN_JS / path).resolve()
    if not file.is_relative_to(BPMN_JS) or not file.is_file():
        route.fulfill(status=404)
        return
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    route.fulfill(body=file.read_bytes(), content_type=content_type)


def download_bpmn(page, live_server) -> str:
    sign_in(page, live_server, "kabid.ppik")
    page.goto(reverse("sop:detail", args=["penyusunan-rkt"]))
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh BPMN").click()
    download = info.value
    assert download.suggested_filename == "SOP-penyusunan-rkt-v1.bpmn"
    return Path(download.path()).read_text(encoding="utf-8")


def element_ids(xml: str) -> list[str]:
    """Every element the diagram must show: pool, lanes, events, tasks, gateways, flows."""
    root = ET.fromstring(xml)
    process = root.find(f"{{{BPMN}}}process")
    ids = ["Participant_1"]
    ids += [lane.get("id") for lane in root.iter(f"{{{BPMN}}}lane")]
    ids += [child.get("id") for child in process if child.tag != f"{{{BPMN}}}laneSet"]
    return [element_id for element_id in ids if element_id]


def test_the_downloaded_bpmn_opens_in_bpmn_js_with_every_element_drawn(page, live_server, demo):
    xml = download_bpmn(page, live_server)
    ids = element_ids(xml)
    assert {"Step_1", "Step_11", "Gateway_9", "Gateway_10", "StartEvent_1"} <= set(ids)

    page.route(f"{HOST}/**", serve_bpmn_js)
    page.set_viewport_size({"width": 2200, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{HOST}/index.html")
    warnings = page.evaluate(IMPORT, xml)

    assert warnings == []
    assert errors == []
    assert page.evaluate(DRAWN, ids) == []
    # The per-unit steps show the parallel multi-instance marker.
    marker = ".djs-element[data-element-id='{}'] [data-marker='parallel']"
    assert page.locator(marker.format("Step_4")).count() == 1
    assert page.locator(marker.format("Step_5")).count() == 0


def test_bpmn_js_reports_a_broken_file(page, live_server, demo):
    """The check can fail: a flow to a missing task is an import warning."""
    xml = download_bpmn(page, live_server).replace('targetRef="Step_2"', 'targetRef="Step_99"')
    page.route(f"{HOST}/**", serve_bpmn_js)
    page.goto(f"{HOST}/index.html")

    assert page.evaluate(IMPORT, xml) != []
