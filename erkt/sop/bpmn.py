"""An SOP version as a BPMN 2.0 file (semantic model + diagram interchange).

One pool (participant + executable process), a horizontal lane per pelaksana in the
order of the SOP's columns, a userTask per step placed left to right in step order,
an exclusive gateway after each decision step with its "ya" and "tidak" flows (the
"tidak" loop-back drawn under or over the tasks), a parallel multi-instance marker on
per-unit steps, and start/end events. Waktu, kelengkapan, output and keterangan are
the task's documentation. Standard BPMN only: any BPMN 2.0 tool opens it.

The gateway conditions read a process variable `keputusan_<no>` ("ya"/"tidak") and a
per-unit step runs `jumlah_unit` instances, so a BPMN engine can execute the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import slugify
from lxml import etree

from erkt.sop.models import SopStep, SopVersion, StepKind

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

# Geometry (pixels): pool and lane label bands, lane height, shapes, column gaps.
POOL_LABEL = 30
LANE_LABEL = 30
LANE_HEIGHT = 170
TASK_W, TASK_H = 150, 90
GATEWAY = 50
EVENT = 36
GAP = 60
MARGIN = 40
CHANNEL = 20  # distance of a loop-back's horizontal run from the lane border


@dataclass
class Node:
    id: str
    kind: str  # startEvent, userTask, exclusiveGateway, endEvent
    lane: int
    x: int
    w: int
    h: int
    name: str = ""
    step: SopStep | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)

    def y(self, lane_top: int) -> int:
        return lane_top + (LANE_HEIGHT - self.h) // 2


@dataclass
class Flow:
    id: str
    source: Node
    target: Node
    name: str = ""
    condition: str = ""
    back: bool = False  # drawn through a channel instead of straight to the next column


def q(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


def step_id(number: int) -> str:
    return f"Step_{number}"


def gateway_id(number: int) -> str:
    return f"Gateway_{number}"


def decision_variable(number: int) -> str:
    return f"keputusan_{number}"


def bpmn_filename(version: SopVersion) -> str:
    return f"SOP-{version.sop.code}-v{version.number}.bpmn"


def render_bpmn(version: SopVersion) -> bytes:
    """The BPMN 2.0 XML of `version` (UTF-8)."""
    actors = list(version.actors.order_by("order"))
    steps = list(version.steps.select_related("actor").order_by("number"))
    lanes = {actor.pk: index for index, actor in enumerate(actors)}
    nodes, flows = _graph(steps, lanes)
    process_id = f"Process_{slugify(version.sop.code).replace('-', '_')}"

    root = etree.Element(
        q("bpmn", "definitions"),
        {
            "id": f"Definitions_{process_id}",
            "targetNamespace": f"https://e-rkt.local/sop/{version.sop.code}/v{version.number}",
            "exporter": "e-RKT",
            "exporterVersion": "1",
        },
        nsmap=NAMESPACES,
    )
    collaboration = etree.SubElement(root, q("bpmn", "collaboration"), {"id": "Collaboration_1"})
    etree.SubElement(
        collaboration,
        q("bpmn", "participant"),
        {"id": "Participant_1", "name": version.judul, "processRef": process_id},
    )
    process = etree.SubElement(
        root,
        q("bpmn", "process"),
        {"id": process_id, "name": version.judul, "isExecutable": "true"},
    )
    _documentation(process, _identity_text(version))
    lane_set = etree.SubElement(process, q("bpmn", "laneSet"), {"id": "LaneSet_1"})
    for index, actor in enumerate(actors):
        lane = etree.SubElement(
            lane_set, q("bpmn", "lane"), {"id": f"Lane_{actor.key}", "name": actor.name}
        )
        for node in nodes:
            if node.lane == index:
                etree.SubElement(lane, q("bpmn", "flowNodeRef")).text = node.id
    for node in nodes:
        _flow_node(process, node)
    for flow in flows:
        _sequence_flow(process, flow)
    _diagram(root, version, actors, nodes, flows)
    etree.indent(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _graph(steps: list[SopStep], lanes: dict[int, int]) -> tuple[list[Node], list[Flow]]:
    """Nodes placed in columns left to right, and the sequence flows between them."""
    nodes: list[Node] = []
    by_step: dict[int, Node] = {}
    x = POOL_LABEL + LANE_LABEL + MARGIN

    def add(node: Node) -> Node:
        nonlocal x
        nodes.append(node)
        x += node.w + GAP
        return node

    first_lane = lanes[steps[0].actor_id] if steps else 0
    start = add(Node("StartEvent_1", "startEvent", first_lane, x, EVENT, EVENT, "Mulai"))
    gateways: dict[int, Node] = {}
    for step in steps:
        lane = lanes[step.actor_id]
        by_step[step.number] = add(
            Node(
                step_id(step.number),
                "userTask",
                lane,
                x,
                _task_width(step),
                TASK_H,
                step.uraian,
                step,
            )
        )
        if step.is_decision:
            name = f"{step.uraian}?"
            gateways[step.number] = add(
                Node(gateway_id(step.number), "exclusiveGateway", lane, x, GATEWAY, GATEWAY, name)
            )
    last_lane = nodes[-1].lane if steps else 0
    end = add(Node("EndEvent_1", "endEvent", last_lane, x, EVENT, EVENT, "Selesai"))

    flows: list[Flow] = []

    def connect(source: Node, target: Node, **kwargs) -> None:
        flow = Flow(f"Flow_{len(flows) + 1}", source, target, **kwargs)
        flows.append(flow)
        source.outgoing.append(flow.id)
        target.incoming.append(flow.id)

    numbers = [step.number for step in steps]
    if steps:
        connect(start, by_step[_first(steps).number])
    for step in steps:
        node = by_step[step.number]
        if step.is_decision:
            gateway = gateways[step.number]
            connect(node, gateway)
            for answer, target in (("ya", step.yes_step), ("tidak", step.no_step)):
                target_node = by_step.get(target) if target else end
                condition = f"{decision_variable(step.number)} == '{answer}'"
                back = nodes.index(target_node) != nodes.index(gateway) + 1
                connect(gateway, target_node, name=answer, condition=condition, back=back)
            continue
        following = _following(step, numbers)
        target_node = by_step[following] if following is not None else end
        connect(node, target_node, back=nodes.index(target_node) != nodes.index(node) + 1)
    return nodes, flows


def _task_width(step: SopStep) -> int:
    """Wider boxes for long uraian, so the name fits the box's height when wrapped."""
    if len(step.uraian) <= 100:
        return TASK_W
    return TASK_W + 50 if len(step.uraian) <= 160 else TASK_W + 110


def _first(steps: list[SopStep]) -> SopStep:
    starts = [step for step in steps if step.kind == StepKind.START]
    return (starts or steps)[0]


def _following(step: SopStep, numbers: list[int]) -> int | None:
    """The engine's rule: the "ya" step if set, else the next number; none after an end."""
    if step.kind == StepKind.END:
        return None
    if step.yes_step:
        return step.yes_step
    later = [n for n in numbers if n > step.number]
    return min(later) if later else None


def _documentation(parent: etree.Element, text: str) -> None:
    if text:
        etree.SubElement(
            parent, q("bpmn", "documentation"), {"textFormat": "text/plain"}
        ).text = text


def _identity_text(version: SopVersion) -> str:
    lines = [f"SOP {version.judul}"]
    if version.nomor:
        lines.append(f"Nomor: {version.nomor}")
    lines.append(f"Versi: {version.number}")
    lines.append(f"Disahkan oleh: {version.disahkan_oleh}")
    for label, items in (
        ("Dasar hukum", version.dasar_hukum),
        ("Kualifikasi pelaksana", version.kualifikasi_pelaksana),
        ("Keterkaitan", version.keterkaitan),
        ("Peralatan/perlengkapan", version.peralatan),
        ("Peringatan", version.peringatan),
        ("Pencatatan dan pendataan", version.pencatatan),
    ):
        if items:
            lines.append(f"{label}: " + "; ".join(str(item) for item in items))
    return "\n".join(lines)


def _step_text(step: SopStep) -> str:
    lines = [
        f"Langkah {step.number}: {step.uraian}",
        f"Pelaksana: {step.actor.name}",
        f"Kelengkapan: {step.kelengkapan or '-'}",
        f"Waktu: {step.waktu_amount} {step.get_waktu_unit_display()}",
        f"Output: {step.output}",
    ]
    if step.per_unit:
        lines.append("Per unit: satu tugas untuk Sekretariat dan setiap bidang")
    if step.is_decision:
        lines.append(f"Keputusan: ya ke langkah {step.yes_step}, tidak ke langkah {step.no_step}")
    if step.keterangan:
        lines.append(f"Keterangan: {step.keterangan}")
    return "\n".join(lines)


def _flow_node(process: etree.Element, node: Node) -> None:
    element = etree.SubElement(process, q("bpmn", node.kind), {"id": node.id, "name": node.name})
    if node.step is not None:
        _documentation(element, _step_text(node.step))
    for ref in node.incoming:
        etree.SubElement(element, q("bpmn", "incoming")).text = ref
    for ref in node.outgoing:
        etree.SubElement(element, q("bpmn", "outgoing")).text = ref
    if node.step is not None and node.step.per_unit:
        loop = etree.SubElement(
            element,
            q("bpmn", "multiInstanceLoopCharacteristics"),
            {"isSequential": "false"},
        )
        cardinality = etree.SubElement(
            loop, q("bpmn", "loopCardinality"), {q("xsi", "type"): "bpmn:tFormalExpression"}
        )
        cardinality.text = "jumlah_unit"


def _sequence_flow(process: etree.Element, flow: Flow) -> None:
    attributes = {"id": flow.id, "sourceRef": flow.source.id, "targetRef": flow.target.id}
    if flow.name:
        attributes["name"] = flow.name
    element = etree.SubElement(process, q("bpmn", "sequenceFlow"), attributes)
    if flow.condition:
        condition = etree.SubElement(
            element,
            q("bpmn", "conditionExpression"),
            {q("xsi", "type"): "bpmn:tFormalExpression"},
        )
        condition.text = flow.condition


# Diagram interchange ------------------------------------------------------------------


def _diagram(root, version, actors, nodes: list[Node], flows: list[Flow]) -> None:
    diagram = etree.SubElement(root, q("bpmndi", "BPMNDiagram"), {"id": "BPMNDiagram_1"})
    plane = etree.SubElement(
        diagram,
        q("bpmndi", "BPMNPlane"),
        {"id": "BPMNPlane_1", "bpmnElement": "Collaboration_1"},
    )
    width = max(node.x + node.w for node in nodes) + MARGIN if nodes else 400
    height = LANE_HEIGHT * max(len(actors), 1)
    _shape(plane, "Participant_1", 0, 0, width, height, horizontal=True)
    for index, actor in enumerate(actors):
        _shape(
            plane,
            f"Lane_{actor.key}",
            POOL_LABEL,
            index * LANE_HEIGHT,
            width - POOL_LABEL,
            LANE_HEIGHT,
            horizontal=True,
        )
    for node in nodes:
        top = node.y(node.lane * LANE_HEIGHT)
        shape = _shape(plane, node.id, node.x, top, node.w, node.h)
        if node.kind != "userTask":  # external label under events and gateways
            label = etree.SubElement(shape, q("bpmndi", "BPMNLabel"))
            label_w = 110 if node.kind == "exclusiveGateway" else 60
            _bounds(label, node.x + node.w // 2 - label_w // 2, top + node.h + 5, label_w, 40)
    back_index: dict[str, int] = {}
    for flow in flows:
        points = _waypoints(flow, back_index)
        edge = etree.SubElement(
            plane, q("bpmndi", "BPMNEdge"), {"id": f"{flow.id}_di", "bpmnElement": flow.id}
        )
        for px, py in points:
            etree.SubElement(edge, q("di", "waypoint"), {"x": str(px), "y": str(py)})
        if flow.name:
            label = etree.SubElement(edge, q("bpmndi", "BPMNLabel"))
            (x1, y1), (x2, y2) = points[0], points[1]
            label_w = 7 * len(flow.name) + 4
            if x1 == x2:  # leaves vertically: label beside the line
                _bounds(label, x1 + 6, min(y1, y2) + 2, label_w, 14)
            else:
                _bounds(label, min(x1, x2) + 3, y1 - 18, label_w, 14)


def _shape(plane, element_id, x, y, w, h, *, horizontal: bool = False) -> etree.Element:
    attributes = {"id": f"{element_id}_di", "bpmnElement": element_id}
    if horizontal:
        attributes["isHorizontal"] = "true"
    shape = etree.SubElement(plane, q("bpmndi", "BPMNShape"), attributes)
    _bounds(shape, x, y, w, h)
    return shape


def _bounds(parent, x, y, w, h) -> None:
    etree.SubElement(
        parent,
        q("dc", "Bounds"),
        {"x": str(x), "y": str(y), "width": str(w), "height": str(h)},
    )


def _waypoints(flow: Flow, back_index: dict[str, int]) -> list[tuple[int, int]]:
    source, target = flow.source, flow.target
    s_top, t_top = source.lane * LANE_HEIGHT, target.lane * LANE_HEIGHT
    s_mid = s_top + LANE_HEIGHT // 2
    t_mid = t_top + LANE_HEIGHT // 2
    if not flow.back:
        sx, tx = source.x + source.w, target.x
        if s_mid == t_mid:
            return [(sx, s_mid), (tx, t_mid)]
        mx = (sx + tx) // 2
        return [(sx, s_mid), (mx, s_mid), (mx, t_mid), (tx, t_mid)]
    # Through a channel along the source lane's border, then into the target from the
    # side facing the source (several loops into one target enter side by side).
    count = back_index.get(target.id, 0)
    back_index[target.id] = count + 1
    cx = source.x + source.w // 2
    tx = target.x + target.w // 2 + (count * 24 - 12 if target.kind == "userTask" else 0)
    if target.lane < source.lane:
        channel = s_top + CHANNEL + 8 * count
        source_y = source.y(s_top)
        target_y = target.y(t_top) + target.h
    else:
        channel = s_top + LANE_HEIGHT - CHANNEL - 8 * count
        source_y = source.y(s_top) + source.h
        target_y = target.y(t_top) + (target.h if target.lane == source.lane else 0)
    return [(cx, source_y), (cx, channel), (tx, channel), (tx, target_y)]
