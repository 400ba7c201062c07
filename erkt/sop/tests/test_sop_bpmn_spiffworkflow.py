"""SpiffWorkflow (a BPMN 2.0 engine) runs the exported seed SOP the way our engine does."""

from __future__ import annotations

import pytest
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.util.task import TaskState

from erkt.sop.bpmn import decision_variable, render_bpmn
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import START, at, finish

# One "tidak" at step 9 (back to step 8), then "ya" at 9 and at 10.
DECISIONS = {9: ["tidak", "ya"], 10: ["ya"]}


@pytest.fixture(autouse=True)
def _generic_steps(without_step_actions):
    """The engine runs the seed SOP with its default step behaviour."""


def run_our_engine(sop: Sop, kepala) -> tuple[list[int], dict[int, int]]:
    """Steps in the order our engine opens them, and the tasks per step of one pass."""
    process = engine.start_process(sop=sop, year=2027, by=kepala)
    decisions = {number: list(answers) for number, answers in DECISIONS.items()}
    visited: list[int] = []
    instances: dict[int, int] = {}
    while True:
        process.refresh_from_db()
        tasks = list(Task.objects.filter(process=process, status="open").select_related("step_run"))
        if not process.is_running or not tasks:
            break
        numbers = {task.step_run.number for task in tasks}
        assert len(numbers) == 1
        number = numbers.pop()
        visited.append(number)
        instances[number] = len(tasks)
        for task in tasks:
            if number in decisions:
                answer = decisions[number].pop(0)
                finish(task, decision=answer, note="Perbaiki" if answer == "tidak" else "")
            else:
                finish(task)
    return visited, instances


def run_spiffworkflow(
    xml: bytes, process_id: str, units: int, answers: dict[int, list[str]] = DECISIONS
) -> list[tuple[int, int]]:
    """The user tasks SpiffWorkflow completes, in order, as (step number, instances)."""
    parser = BpmnParser()
    parser.add_bpmn_str(xml)
    workflow = BpmnWorkflow(parser.get_spec(process_id))
    workflow.do_engine_steps()
    decisions = {number: list(given) for number, given in answers.items()}
    steps: list[tuple[int, int]] = []
    while not workflow.is_completed():
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        assert ready, "SpiffWorkflow is stuck"
        task = ready[0]
        number = int(task.task_spec.bpmn_id.removeprefix("Step_"))
        task.data["jumlah_unit"] = units
        if number in decisions:
            task.data[decision_variable(number)] = decisions[number].pop(0)
        task.run()
        assert task.state == TaskState.COMPLETED
        is_instance = task.task_spec.name.endswith("[child]")
        if is_instance and steps and steps[-1][0] == number and steps[-1][1] < units:
            steps[-1] = (number, steps[-1][1] + 1)  # another unit of one multi-instance pass
        else:
            steps.append((number, 1))
        workflow.do_engine_steps()
    return steps


def test_spiffworkflow_visits_the_steps_our_engine_visits(demo, kepala, time_machine):
    time_machine.move_to(at(START), tick=False)
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    xml = render_bpmn(sop.active_version)

    visited, instances = run_our_engine(sop, kepala)
    units = instances[4]
    steps = run_spiffworkflow(xml, "Process_penyusunan_rkt", units)

    assert visited == [1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11]
    assert [number for number, _ in steps] == visited
    assert units > 1
    assert dict(steps)[4] == units and dict(steps)[7] == instances[7] == units


def test_spiffworkflow_follows_the_tidak_of_the_kepala_back_to_step_8(demo):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    xml = render_bpmn(sop.active_version)
    answers = {9: ["ya", "ya"], 10: ["tidak", "ya"]}
    steps = run_spiffworkflow(xml, "Process_penyusunan_rkt", 2, answers)
    assert [number for number, _ in steps] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 8, 9, 10, 11]
