from __future__ import annotations

import pytest

from erkt.workflow.errors import NotAllowed
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import finish, open_task, run_to

UNITS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}


def test_step_4_opens_one_task_per_form_filling_unit_for_its_head(process):
    run_to(process, 4)
    tasks = Task.objects.filter(process=process, step_run__number=4)
    assert {t.unit.short_name: t.position.unit.short_name for t in tasks} == {
        unit: unit for unit in UNITS
    }
    for task in tasks:
        holders = [e.user.username for e in task.eligible_employees()]
        assert holders == [UNITS[task.unit.short_name]]


def test_step_5_waits_for_all_five_units(process):
    run_to(process, 4)
    for unit in list(UNITS)[:4]:
        finish(open_task(process, 4, unit))
        assert process.step_runs.get(number=4).status == "active"
        assert process.step_runs.get(number=5).status == "pending"
    finish(open_task(process, 4, "MPK"))
    assert process.step_runs.get(number=4).status == "done"
    assert open_task(process, 5).position.role == "tim_perencanaan"


def test_a_kabid_cannot_complete_another_units_task(process, kabid_ppik):
    run_to(process, 4)
    with pytest.raises(NotAllowed):
        finish(open_task(process, 4, "PSDM"), kabid_ppik)


def test_the_correction_step_7_is_per_unit_too(process):
    run_to(process, 7)
    assert Task.objects.filter(process=process, step_run__number=7, status="open").count() == 5
