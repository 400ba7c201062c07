from __future__ import annotations

import pytest

from erkt.workflow import actions, engine
from erkt.workflow.actions import StepAction
from erkt.workflow.errors import Invalid
from erkt.workflow.tests.conftest import open_task


@pytest.fixture
def disposisi_action(seed_sop):
    """Step 1 of the active version bound to an action key, registered for the test."""
    step = seed_sop.active_version.steps.get(number=1)
    type(step).objects.filter(pk=step.pk).update(action="test.disposisi")
    calls = []
    signed: set[int] = set()  # stands for the app's own record of the output

    @actions.register("test.disposisi")
    class Disposisi(StepAction):
        def on_open(self, task):
            calls.append(("open", task.pk))

        def validate(self, task, by, payload):
            if "sifat" not in payload:
                raise Invalid("Pilih sifat disposisi.")

        def missing_output(self, task):
            return None if task.pk in signed else "Lembar disposisi"

        def on_complete(self, task, by, payload):
            calls.append(("complete", payload["sifat"], payload["note"]))

    yield calls, signed
    actions.unregister("test.disposisi")


def test_a_registered_action_replaces_the_file_requirement(
    disposisi_action, seed_sop, kepala, today
):
    calls, signed = disposisi_action
    process = engine.start_process(sop=seed_sop, year=2027, by=kepala)
    task = open_task(process, 1)
    assert calls == [("open", task.pk)]
    with pytest.raises(Invalid, match="sifat"):
        engine.complete_task(task, by=kepala, note="Susun RKT")
    with pytest.raises(Invalid, match="Lembar disposisi"):
        engine.complete_task(task, by=kepala, payload={"sifat": "segera"})
    signed.add(task.pk)
    engine.complete_task(task, by=kepala, note="Susun RKT", payload={"sifat": "segera"})
    assert calls[-1] == ("complete", "segera", "Susun RKT")
    assert open_task(process, 2)


def test_an_action_that_fails_rolls_the_completion_back(seed_sop, kepala, today):
    step = seed_sop.active_version.steps.get(number=1)
    type(step).objects.filter(pk=step.pk).update(action="test.gagal")

    @actions.register("test.gagal")
    def explode(task, by, payload):
        raise Invalid("Dokumen gagal dibuat.")

    try:
        process = engine.start_process(sop=seed_sop, year=2027, by=kepala)
        task = open_task(process, 1)
        engine.add_attachment(task, by=kepala, file=_file())
        with pytest.raises(Invalid):
            engine.complete_task(task, by=kepala)
        task.refresh_from_db()
        assert task.status == "open"
        assert process.step_runs.get(number=2).status == "pending"
    finally:
        actions.unregister("test.gagal")


def test_an_unregistered_key_behaves_like_a_generic_step():
    assert actions.get("rkt.belum_ada") is actions.DEFAULT
    assert actions.get("") is actions.DEFAULT


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("d.pdf", b"isi")
