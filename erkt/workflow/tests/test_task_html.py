"""The task page's earlier outputs written in Python (erkt.workflow.task_html) are the
template loop they replaced (kept beside this test), byte for byte, escaping included,
in both languages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from erkt.org.models import Employee, Unit
from erkt.sop.models import SopStep
from erkt.workflow.models import Attachment, StepRun, Task
from erkt.workflow.pages import EarlierOutput
from erkt.workflow.task_html import earlier_items

SCRIPT = "<script>alert(1)</script>"
# The loop as it read its values from Task instances, before EarlierOutput.
FORMER = Template(
    "{% load i18n indonesian %}" + (Path(__file__).parent / "former_earlier_items.html").read_text()
)


def _done(pk: int, number: int, *, unit=None, decision="", note="", files=(), by=None):
    username, names = by or ("tim1", ("Dr.", f"Tim {SCRIPT}", "S.E."))
    done = EarlierOutput(
        pk,
        1,
        decision,
        note,
        timezone.make_aware(datetime.datetime(2027, 3, 4, 23, 30)),
        number,
        f"Output {SCRIPT}",
        unit and 9,
        unit and 2,
        unit,
        username,
        *names,
    )
    done.files = [Attachment(pk=40 + n, original_name=name) for n, name in enumerate(files)]
    return done


def _earlier() -> list[EarlierOutput]:
    return [
        _done(1, 6),
        _done(2, 7, unit="PP<IK>", decision="ya", note=f"Catatan {SCRIPT}\nbaris dua"),
        _done(3, 7, unit="PP<IK>", decision="tidak", files=["a.pdf", f"{SCRIPT}.pdf"]),
        _done(4, 8, by=("nobody<x>", (None, None, None))),  # no employee record
        _done(5, 8, by=("emptyname", ("", "", ""))),
    ]


def _as_task(done: EarlierOutput) -> Task:
    """The Task instance (with its step run, step, unit, user and employee) the former loop
    read the same values from."""
    user = get_user_model()(pk=done.pk, username=done.username)
    if done.name is None:
        user._state.fields_cache["employee"] = None  # no employee record
    else:
        Employee(
            gelar_depan=done.gelar_depan,
            name=done.name,
            gelar_belakang=done.gelar_belakang,
            user=user,
        )
    task = Task(
        pk=done.pk,
        pass_number=done.pass_number,
        decision=done.decision,
        note=done.note,
        completed_at=done.completed_at,
        step_run=StepRun(number=done.number, step=SopStep(output=done.output)),
        unit=Unit(pk=done.unit_id, order=done.unit_order, short_name=done.unit_short_name)
        if done.unit_id
        else None,
        completed_by=user,
    )
    task.files = done.files
    return task


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_items_are_the_former_loop(language):
    with override(language):
        earlier = _earlier()
        expected = FORMER.render(Context({"earlier": [_as_task(done) for done in earlier]}))
        assert earlier_items(earlier) == expected
        assert earlier_items([]) == FORMER.render(Context({"earlier": []}))


def test_every_text_is_escaped():
    html = earlier_items(_earlier())
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    assert "nobody&lt;x&gt;" in html
