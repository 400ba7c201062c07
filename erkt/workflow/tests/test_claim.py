from __future__ import annotations

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.tests.conftest import finish, run_to

pytestmark = pytest.mark.database


@pytest.fixture
def lane_task(process):
    """Step 5, a task of the Tim Perencanaan lane held by tim1 and tim2."""
    return run_to(process, 5)


def test_any_holder_may_complete_an_unclaimed_lane_task(lane_task, tim1, tim2):
    assert lane_task.can_be_completed_by(tim1) and lane_task.can_be_completed_by(tim2)
    assert finish(lane_task, tim2).completed_by == tim2


def test_a_claimed_task_is_completed_only_by_the_claimant(lane_task, tim1, tim2):
    claimed = engine.claim_task(lane_task, by=tim1)
    assert claimed.claimed_by == tim1.employee
    assert not claimed.can_be_completed_by(tim2)
    with pytest.raises(NotAllowed) as error:
        finish(claimed, tim2)
    assert tim1.employee.full_name in error.value.message
    assert finish(claimed, tim1).completed_by == tim1


def test_a_claimed_task_cannot_be_claimed_again(lane_task, tim1, tim2):
    engine.claim_task(lane_task, by=tim1)
    with pytest.raises(Conflict):
        engine.claim_task(lane_task, by=tim2)


def test_only_a_holder_may_claim(lane_task, kabid_ppik):
    with pytest.raises(NotAllowed):
        engine.claim_task(lane_task, by=kabid_ppik)


def test_the_claimant_unclaims_and_the_other_holder_completes(lane_task, tim1, tim2):
    engine.claim_task(lane_task, by=tim1)
    with pytest.raises(NotAllowed):
        engine.unclaim_task(lane_task, by=tim2)
    released = engine.unclaim_task(lane_task, by=tim1)
    assert released.claimed_by is None
    assert finish(released, tim2).completed_by == tim2
    actions = list(AuditEntry.objects.filter(action__startswith="task.").values_list("action"))
    assert ("task.claim",) in actions and ("task.unclaim",) in actions


def test_the_kasubbag_perencanaan_reassigns_a_claimed_task(
    lane_task, tim1, tim2, kasubbag_perencanaan
):
    engine.claim_task(lane_task, by=tim1)
    moved = engine.reassign_task(lane_task, by=kasubbag_perencanaan, to=tim2.employee)
    assert moved.claimed_by == tim2.employee
    with pytest.raises(NotAllowed):
        finish(moved, tim1)
    entry = AuditEntry.objects.get(action="task.reassign")
    assert (entry.before["claimed_by"], entry.after["claimed_by"]) == (
        tim1.employee.full_name,
        tim2.employee.full_name,
    )


def test_only_the_kasubbag_perencanaan_reassigns(lane_task, tim1, tim2):
    with pytest.raises(NotAllowed):
        engine.reassign_task(lane_task, by=tim1, to=tim2.employee)


def test_a_task_is_reassigned_only_to_a_holder(lane_task, kasubbag_perencanaan, kabid_ppik):
    with pytest.raises(Invalid):
        engine.reassign_task(lane_task, by=kasubbag_perencanaan, to=kabid_ppik.employee)
    lane_task.refresh_from_db()
    assert lane_task.claimed_by is None
