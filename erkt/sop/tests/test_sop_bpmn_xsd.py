"""The BPMN export of the seed SOP against the OMG BPMN 2.0 XML schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
import xmlschema
from django.core.management import call_command

from erkt.sop.bpmn import BPMN, BPMNDI, DI, render_bpmn
from erkt.sop.io import load_definition
from erkt.sop.tests.definitions import long_definition, three_step_definition
from erkt.sop.tests.helpers import XSD, make_organization, seed_definition

pytestmark = pytest.mark.django_db

NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "di": DI}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture
def exported() -> str:
    load_definition(make_organization(), seed_definition())
    out = StringIO()
    call_command("sop", "export", "penyusunan-rkt", "--format", "bpmn", stdout=out)
    return out.getvalue()


def test_the_seed_export_is_valid_bpmn_2(schema, exported):
    errors = list(schema.iter_errors(exported))
    assert errors == []


def test_the_schema_refuses_a_broken_export(schema, exported):
    """The validation can fail: a sequence flow without its target is not BPMN."""
    broken = exported.replace('targetRef="Step_2"', "", 1)
    assert not schema.is_valid(broken)


def test_it_has_a_lane_per_pelaksana_and_a_user_task_per_step(exported):
    root = ET.fromstring(exported)
    lanes = [lane.get("name") for lane in root.iterfind(".//bpmn:lane", NS)]
    assert lanes == [
        "Tim Perencanaan",
        "Kasubbag Perencanaan",
        "Kasubbag/Kabid",
        "Sekretaris",
        "Kepala Badan",
    ]
    tasks = [task.get("id") for task in root.iterfind(".//bpmn:userTask", NS)]
    assert tasks == [f"Step_{number}" for number in range(1, 12)]
    assert len(root.findall(".//bpmn:participant", NS)) == 1
    assert len(root.findall(".//bpmn:startEvent", NS)) == 1
    assert len(root.findall(".//bpmn:endEvent", NS)) == 1


def test_decisions_are_exclusive_gateways_with_ya_and_tidak_and_the_loop_back(exported):
    root = ET.fromstring(exported)
    gateways = [gateway.get("id") for gateway in root.iterfind(".//bpmn:exclusiveGateway", NS)]
    assert gateways == ["Gateway_9", "Gateway_10"]
    flows = {
        (flow.get("sourceRef"), flow.get("name")): flow.get("targetRef")
        for flow in root.iterfind(".//bpmn:sequenceFlow", NS)
    }
    assert flows[("Gateway_9", "ya")] == "Step_10"
    assert flows[("Gateway_9", "tidak")] == "Step_8"
    assert flows[("Gateway_10", "ya")] == "Step_11"
    assert flows[("Gateway_10", "tidak")] == "Step_8"
    assert flows[("Step_11", None)] == "EndEvent_1"


def test_per_unit_steps_carry_a_parallel_multi_instance_marker(exported):
    root = ET.fromstring(exported)
    marked = [
        task.get("id")
        for task in root.iterfind(".//bpmn:userTask", NS)
        if task.find("bpmn:multiInstanceLoopCharacteristics[@isSequential='false']", NS) is not None
    ]
    assert marked == ["Step_4", "Step_7"]


def test_the_mutu_baku_is_in_the_task_documentation(exported):
    root = ET.fromstring(exported)
    task = root.find(".//bpmn:userTask[@id='Step_8']", NS)
    text = task.find("bpmn:documentation", NS).text
    assert "Kelengkapan: Draft RKT" in text
    assert "Waktu: 1 minggu" in text
    assert "Output: Draft RKT" in text


def test_every_flow_node_and_flow_has_its_diagram_element(exported):
    root = ET.fromstring(exported)
    process = root.find("bpmn:process", NS)
    ids = {child.get("id") for child in process if child.get("id")} - {None}
    ids |= {lane.get("id") for lane in root.iterfind(".//bpmn:lane", NS)}
    ids.add("Participant_1")
    drawn = {element.get("bpmnElement") for element in root.iterfind(".//bpmndi:BPMNPlane/*", NS)}
    assert ids - {"LaneSet_1"} == drawn


@pytest.mark.parametrize("definition", [three_step_definition, long_definition])
def test_other_sops_export_valid_bpmn_2_too(schema, definition):
    version = load_definition(make_organization(), definition())

    xml = render_bpmn(version)

    assert list(schema.iter_errors(xml.decode("utf-8"))) == []
    root = ET.fromstring(xml)
    steps = version.steps.count()
    assert len(root.findall(".//bpmn:userTask", NS)) == steps
    decisions = version.steps.filter(kind="decision").count()
    assert len(root.findall(".//bpmn:exclusiveGateway", NS)) == decisions
    edges = root.findall(".//bpmndi:BPMNEdge", NS)
    assert len(edges) == len(root.findall(".//bpmn:sequenceFlow", NS))
    assert all(len(edge.findall("di:waypoint", NS)) >= 2 for edge in edges)
