"""The bulk path of `make bench --scale` (erkt.testing.scale) writes what the engine writes:
an office cloned from the template equals, row for row and audit entry for audit entry,
an office whose five years and running process went through the engine itself."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import models

from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.org.demo import load_demo_copy
from erkt.org.models import Organization, Position, Unit
from erkt.sop.models import Sop, SopStep, SopVersion
from erkt.testing import scale
from erkt.workflow.models import Process, StepRun, Task

User = get_user_model()


def natural(value: models.Model | None) -> Any:
    """An object named the same way in every copy of the demo office."""
    if value is None:
        return None
    names = {
        Organization: lambda o: "office",
        User: lambda u: u.username.rsplit(".", 1)[0],
        Position: lambda p: p.title,
        Unit: lambda u: u.short_name,
        Sop: lambda s: s.code,
        SopVersion: lambda v: v.number,
        SopStep: lambda s: s.number,
        Process: lambda p: p.year,
        StepRun: lambda r: (r.process.year, r.number),
        Task: lambda t: (t.process.year, t.step_run.number, t.pass_number, natural(t.unit)),
    }
    return names[type(value)](value)


def rows(model: type[models.Model], organization: Organization) -> list[tuple]:
    where = (
        {"organization": organization}
        if model is Process
        else {"process__organization": organization}
    )
    found = []
    for row in model.objects.filter(**where).order_by("pk"):
        found.append(
            tuple(
                natural(getattr(row, f.name)) if f.is_relation else getattr(row, f.attname)
                for f in row._meta.concrete_fields
                if not f.primary_key and not isinstance(f, models.DateTimeField)
            )
        )
    return found


def without_suffix(text: str) -> str:
    head, sep, tail = text.partition(" ")
    return head.rsplit(".", 1)[0] + sep + tail


def state(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    value = dict(value)
    if value.get("sop_version"):
        value["sop_version"] = SopVersion.objects.get(pk=value["sop_version"]).number
    if isinstance(value.get("completed_by"), str):
        value["completed_by"] = without_suffix(value["completed_by"])
    return value


def entries(organization: Organization) -> list[tuple]:
    models_by_label = {m._meta.label_lower: m for m in (Process, StepRun, Task)}
    found = []
    for entry in AuditEntry.objects.filter(organization=organization).order_by("seq"):
        model = models_by_label.get(entry.object_type)
        obj = model.objects.get(pk=entry.object_id) if model else None
        found.append(
            (
                entry.action,
                entry.object_type,
                natural(obj),
                natural(entry.user),
                without_suffix(entry.user_repr),
                natural(entry.position),
                entry.position_repr,
                entry.object_repr,
                state(entry.before),
                state(entry.after),
                without_suffix(entry.reason),
            )
        )
    return found


@pytest.fixture
def offices(demo, today):
    """Copy 2 (the template) and copy 3 through the engine, copy 4 cloned from copy 2."""
    (template_office,) = scale.build(1)
    template = scale.read_template(template_office, 2, 0)
    through_engine = load_demo_copy(3)
    scale.run_history(through_engine, 3)
    cloned = load_demo_copy(4)
    scale.clone_history(template, cloned, 4)
    return through_engine, cloned


def test_a_cloned_office_has_the_rows_the_engine_writes(offices):
    through_engine, cloned = offices
    for model in (Process, StepRun, Task):
        assert rows(model, cloned) == rows(model, through_engine), model.__name__


def test_a_cloned_office_has_the_audit_entries_the_engine_writes(offices):
    through_engine, cloned = offices
    assert entries(cloned) == entries(through_engine)
    assert verify_chain(cloned).ok


def test_each_office_has_five_completed_years_and_a_running_process(offices):
    for office in offices:
        processes = Process.objects.filter(organization=office)
        assert sorted(processes.filter(status="completed").values_list("year", flat=True)) == [
            2022,
            2023,
            2024,
            2025,
            2026,
        ]
        assert list(processes.filter(status="running").values_list("year", flat=True)) == [2027]
        assert (
            not Task.objects.filter(process__organization=office, status="open")
            .exclude(process__year=2027)
            .exists()
        )
        assert processes.get(year=2022).start_date == datetime.date(2021, 1, 6)
