"""The figures of an SOP version over its finished processes (erkt.sop.evaluation)."""

from __future__ import annotations

import datetime

from erkt.sop.evaluation import measure, propose
from erkt.sop.tests.monev_helpers import REASON, UNIT_REASON
from erkt.workflow.tests.page_helpers import seed_sop


def row(measurement, number: int, unit: str = ""):
    return next(r for r in measurement.rows if r.step.number == number and r.unit_name == unit)


def test_a_step_late_in_both_processes_has_its_median_maximum_and_no_pass_on_time(demo, history):
    figures = row(measure(seed_sop(demo).active_version), 2)
    assert (figures.waktu, figures.passes, figures.median, figures.maximum) == (1, 2, 2.5, 3)
    assert (figures.late, figures.on_time_share) == (2, 0)


def test_a_per_unit_step_is_measured_per_unit_and_names_the_unit_late_most_often(demo, history):
    measurement = measure(seed_sop(demo).active_version)
    psdm = row(measurement, 4, "PSDM")
    assert (psdm.passes, psdm.median, psdm.maximum, psdm.late) == (2, 4.5, 5, 2)
    assert row(measurement, 4, "PPIK").on_time_share == 100
    [late] = measurement.late_units
    # PSDM: late twice at step 4, on time twice at step 7.
    assert (late.name, late.late, late.passes) == ("PSDM", 2, 4)


def test_the_tidak_return_is_counted_with_its_reason_and_loops_step_8(demo, history):
    measurement = measure(seed_sop(demo).active_version)
    decision = row(measurement, 9)
    assert decision.passes == 3
    [returned] = decision.returns
    assert (returned.process_year, returned.reason) == (2027, REASON)
    assert row(measurement, 8).passes == 3 and row(measurement, 8).returns == []


def test_a_unit_returned_by_the_tim_counts_as_a_return_of_that_unit(demo, history):
    mpk = row(measure(seed_sop(demo).active_version), 4, "MPK")
    assert mpk.passes == 3 and mpk.late == 0
    [returned] = mpk.returns
    assert (returned.process_year, returned.unit, returned.reason) == (2028, "MPK", UNIT_REASON)


def test_a_period_counts_only_the_processes_completed_in_it(demo, history):
    version = seed_sop(demo).active_version
    assert (
        len(measure(version, (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))).processes)
        == 2
    )
    assert measure(version, (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))).processes == []


def test_a_step_late_in_more_than_the_share_is_proposed_as_not_running_well(demo, history):
    proposals = {p.step_number: p for p in propose(measure(seed_sop(demo).active_version), 30)}
    step2 = proposals[2]
    assert not step2.berjalan_baik and step2.proposed_waktu == 3
    assert "median 2,5 hari kerja" in step2.catatan and "tepat waktu 0%" in step2.catatan
    # Step 4: 2 of its 10 unit passes late (20%): under the share.
    assert proposals[4].berjalan_baik and "PSDM: 2 kali" in proposals[4].catatan
    assert proposals[1].berjalan_baik and proposals[1].proposed_waktu is None


def test_a_lower_share_also_proposes_the_per_unit_step(demo, history):
    proposals = {p.step_number: p for p in propose(measure(seed_sop(demo).active_version), 10)}
    assert not proposals[4].berjalan_baik
