"""The rules of a Plt./Plh.: no overlap per position, no cycle, never the holder."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from erkt.org.models import Employee, Position, Substitution, Unit
from erkt.org.substitutes import acting_holders, positions_acted_by

D = datetime.date


def position(organization, unit: str) -> Position:
    """The head position of the unit with that short name."""
    return Unit.objects.get(organization=organization, short_name=unit).head_position


def employee(username: str) -> Employee:
    return Employee.objects.get(user__username=username)


def make(pos: Position, substitute: Employee, start: datetime.date, end: datetime.date, **extra):
    substitution = Substitution(
        position=pos,
        substitute=substitute,
        kind=extra.pop("kind", Substitution.Kind.PLH),
        start_date=start,
        end_date=end,
        sp_number=extra.pop("sp_number", "800/001/BKPSDM/2026"),
        sp_date=start,
        **extra,
    )
    substitution.full_clean()
    substitution.save()
    return substitution


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.fixture
def psdm(demo) -> Position:
    return position(demo, "PSDM")


@pytest.fixture
def mpk(demo) -> Position:
    return position(demo, "MPK")


def test_a_plh_is_stored_for_its_range(demo, psdm):
    substitution = make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))
    assert substitution.organization == demo
    assert substitution.title == f"Plh. {psdm.title}"
    assert list(acting_holders(psdm, D(2026, 3, 2))) == [employee("kabid.mpk")]
    assert list(acting_holders(psdm, D(2026, 3, 14))) == []
    assert list(positions_acted_by(employee("kabid.mpk"), D(2026, 3, 13))) == [psdm]


def test_it_refuses_an_overlapping_substitution_of_the_same_position(demo, psdm):
    make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))
    with pytest.raises(ValidationError) as refused:
        make(psdm, employee("kabid.ppik"), D(2026, 3, 13), D(2026, 3, 20))
    assert "tidak boleh tumpang tindih" in messages_of(refused.value)
    assert Substitution.objects.count() == 1


def test_adjacent_ranges_do_not_overlap(demo, psdm):
    make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))
    make(psdm, employee("kabid.ppik"), D(2026, 3, 14), D(2026, 3, 20))
    assert Substitution.objects.count() == 2


def test_it_refuses_the_holder_as_their_own_substitute(demo, psdm):
    with pytest.raises(ValidationError) as refused:
        make(psdm, employee("kabid.psdm"), D(2026, 3, 2), D(2026, 3, 13))
    assert "pemangku jabatan itu sendiri" in messages_of(refused.value)


def test_it_refuses_an_end_before_the_start(demo, psdm):
    with pytest.raises(ValidationError) as refused:
        make(psdm, employee("kabid.mpk"), D(2026, 3, 13), D(2026, 3, 2))
    assert "tidak boleh sebelum tanggal mulai" in messages_of(refused.value)


def test_it_refuses_two_heads_standing_in_for_each_other(demo, psdm, mpk):
    make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))
    with pytest.raises(ValidationError) as refused:
        make(mpk, employee("kabid.psdm"), D(2026, 3, 10), D(2026, 3, 20))
    assert "membentuk lingkaran" in messages_of(refused.value)


def test_it_refuses_a_longer_cycle(demo, psdm, mpk):
    ppik = position(demo, "PPIK")
    make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))  # MPK acts for PSDM
    make(mpk, employee("kabid.ppik"), D(2026, 3, 2), D(2026, 3, 13))  # PPIK acts for MPK
    with pytest.raises(ValidationError) as refused:  # PSDM acting for PPIK closes the ring
        make(ppik, employee("kabid.psdm"), D(2026, 3, 9), D(2026, 3, 9))
    assert "membentuk lingkaran" in messages_of(refused.value)


def test_the_same_pair_in_ranges_apart_is_no_cycle(demo, psdm, mpk):
    make(psdm, employee("kabid.mpk"), D(2026, 3, 2), D(2026, 3, 13))
    make(mpk, employee("kabid.psdm"), D(2026, 4, 1), D(2026, 4, 10))
    assert Substitution.objects.count() == 2


def test_it_refuses_a_substitute_of_another_office(demo, psdm, other_org):
    stranger = Employee.objects.get(user__username="kepala.disdik")
    with pytest.raises(ValidationError) as refused:
        make(psdm, stranger, D(2026, 3, 2), D(2026, 3, 13))
    assert "perangkat daerah yang sama" in messages_of(refused.value)
