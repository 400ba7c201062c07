"""The SOP definition as the flowchart needs it: columns, rows and the connectors."""

from __future__ import annotations

from dataclasses import dataclass

from erkt.compiled_sql import Shape
from erkt.sop.models import SopActor, SopStep, SopVersion, StepKind, WaktuUnit


@dataclass(frozen=True)
class FlowStep:
    number: int
    uraian: str
    actor: int  # index of the pelaksana column
    kind: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    yes_step: int | None = None
    no_step: int | None = None


@dataclass(frozen=True)
class Flow:
    actors: tuple[tuple[str, str], ...]  # (key, name) in column order
    steps: tuple[FlowStep, ...]  # in row order


@dataclass(frozen=True)
class Edge:
    source: int  # row index
    target: int  # row index
    label: str  # "ya", "tidak" or ""

    @property
    def forward(self) -> bool:
        return self.target > self.source


# What flow_of reads of a step.
STEP_FIELDS = (
    "number",
    "uraian",
    "actor_id",
    "kind",
    "kelengkapan",
    "waktu_amount",
    "waktu_unit",
    "output",
    "keterangan",
    "yes_step",
    "no_step",
)
# A version's actors and steps as values, each query compiled once (erkt.compiled_sql):
# the flow is a frozen value, built on every page showing the chart.
ACTORS = Shape(
    lambda version_id: (
        SopActor.objects.filter(version_id=version_id)
        .order_by("order")
        .values_list("pk", "key", "name")
    )
)
STEPS = Shape(
    lambda version_id: (
        SopStep.objects.filter(version_id=version_id).order_by("number").values(*STEP_FIELDS)
    )
)


def flow_of(version: SopVersion) -> Flow:
    actors = ACTORS.rows(version.pk)
    column_of = {pk: index for index, (pk, _key, _name) in enumerate(actors)}
    steps = tuple(
        FlowStep(
            number=step["number"],
            uraian=step["uraian"],
            actor=column_of[step["actor_id"]],
            kind=step["kind"],
            kelengkapan=step["kelengkapan"],
            waktu=waktu_label(step["waktu_amount"], step["waktu_unit"]),
            output=step["output"],
            keterangan=step["keterangan"],
            yes_step=step["yes_step"],
            no_step=step["no_step"],
        )
        for step in STEPS.rows(version.pk)
    )
    return Flow(actors=tuple((key, name) for _pk, key, name in actors), steps=steps)


def waktu_label(amount: int, unit: str) -> str:
    """The Waktu cell as the original writes it: "1 Hari", "1 Minggu"."""
    return f"{amount} {'Minggu' if unit == WaktuUnit.MINGGU else 'Hari'}"


def edges_of(flow: Flow) -> list[Edge]:
    """The connectors: a step leads to the next row, a decision to its "ya" and "tidak"."""
    row_of = {step.number: index for index, step in enumerate(flow.steps)}
    edges: list[Edge] = []
    for index, step in enumerate(flow.steps):
        branches = (("ya", step.yes_step), ("tidak", step.no_step))
        if step.kind == StepKind.DECISION and any(number for _label, number in branches):
            edges.extend(
                Edge(index, row_of[number], label)
                for label, number in branches
                if number in row_of and row_of[number] != index
            )
        elif step.kind != StepKind.END and index + 1 < len(flow.steps):
            edges.append(Edge(index, index + 1, ""))
    return edges


def flow_of_definition(data: dict) -> Flow:
    """The flow of a definition dict (the load format), e.g. the editor's unsaved form.

    What cannot be drawn is left out: a step whose pelaksana is unknown, or whose number
    or waktu is not a number, so a preview of a half-written SOP still draws the rest."""
    actors = [a for a in data.get("actors") or [] if isinstance(a, dict) and a.get("key")]
    column_of = {actor["key"]: index for index, actor in enumerate(actors)}
    steps = []
    for step in data.get("steps") or []:
        waktu = step.get("waktu") or {}
        amount = waktu.get("amount")
        if step.get("actor") not in column_of or not isinstance(step.get("number"), int):
            continue
        decision = step.get("decision") or {}
        steps.append(
            FlowStep(
                number=step["number"],
                uraian=step.get("uraian") or "",
                actor=column_of[step["actor"]],
                kind=step.get("kind") or StepKind.PROCESS,
                kelengkapan=step.get("kelengkapan") or "",
                waktu=waktu_label(amount, waktu.get("unit")) if isinstance(amount, int) else "",
                output=step.get("output") or "",
                keterangan=step.get("keterangan") or "",
                yes_step=decision.get("ya"),
                no_step=decision.get("tidak"),
            )
        )
    return Flow(
        actors=tuple((a["key"], a.get("name") or a["key"]) for a in actors), steps=tuple(steps)
    )
