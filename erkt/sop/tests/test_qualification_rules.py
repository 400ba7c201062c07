"""Reading the Kualifikasi Pelaksana lines (erkt.sop.qualifications), and checking people."""

from __future__ import annotations

import pytest

from erkt.org.models import Employee, Pendidikan, Training
from erkt.sop.qualifications import (
    COMPETENCE,
    EDUCATION,
    MANUAL,
    MET,
    UNMET,
    assess,
    parse_line,
    requirements,
)

SEED = ["Memahami tentang Penyusunan RKT", "S1 - Sarjana sederajat", "D III - Diploma sederajat"]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("S1 - Sarjana sederajat", Pendidikan.S1),
        ("D III - Diploma sederajat", Pendidikan.D3),
        ("SMA", Pendidikan.SMA),
        ("SMK/SLTA sederajat", Pendidikan.SMA),
        ("d3", Pendidikan.D3),
        ("D-IV Sarjana Terapan", Pendidikan.D4),
        ("S-2 Magister", Pendidikan.S2),
        ("Pendidikan minimal S1", Pendidikan.S1),
        ("D I", Pendidikan.D1),
        ("SLTP", Pendidikan.SMP),
    ],
)
def test_an_education_line_asks_for_a_minimum_level(line, level):
    rule = parse_line(line)
    assert (rule.kind, rule.level) == (EDUCATION, level)


def test_a_competence_line_keeps_its_key_words():
    rule = parse_line("Memahami tentang Penyusunan RKT")
    assert (rule.kind, rule.keywords) == (COMPETENCE, ("penyusunan", "rkt"))


@pytest.mark.parametrize(
    "line", ["Sarjana Hukum", "Berpendidikan sederajat", "Memahami dan tentang"]
)
def test_a_line_that_cannot_be_read_is_checked_by_hand(line):
    assert parse_line(line).kind == MANUAL


def test_a_word_that_starts_like_a_level_is_no_education_line():
    rule = parse_line("SDM aparatur yang sehat")
    assert (rule.kind, rule.keywords) == (COMPETENCE, ("sdm", "aparatur", "sehat"))


def test_the_education_lines_are_one_requirement_of_alternatives():
    reqs = requirements(SEED)
    assert [r.kind for r in reqs] == [COMPETENCE, EDUCATION]
    assert reqs[1].label == "S1 - Sarjana sederajat atau D III - Diploma sederajat"


def _person(organization, pendidikan: str, *trainings: str) -> Employee:
    employee = Employee.objects.create(organization=organization, name="Uji", pendidikan=pendidikan)
    for name in trainings:
        Training.objects.create(employee=employee, name=name, year=2024)
    return employee


def _statuses(employee: Employee, lines=SEED) -> list[str]:
    return [check.status for check in assess(requirements(lines), employee).checks]


def test_a_diploma_meets_the_seed_as_one_of_its_alternatives(demo):
    employee = _person(demo, Pendidikan.D3, "BIMTEK penyusunan rkt 2024")
    assert _statuses(employee) == [MET, MET]
    assert assess(requirements(SEED), employee).meets


def test_a_higher_level_meets_a_lower_one_and_a_lower_does_not(demo):
    assert _statuses(_person(demo, Pendidikan.S2), ["S1 - Sarjana"]) == [MET]
    assert _statuses(_person(demo, Pendidikan.SMA), ["D III - Diploma sederajat"]) == [UNMET]
    assert _statuses(_person(demo, Pendidikan.D4), ["S1"]) == [MET]


def test_sma_without_the_training_meets_neither_line(demo):
    employee = _person(demo, Pendidikan.SMA, "Pelatihan Dasar CPNS")
    assessment = assess(requirements(SEED), employee)
    assert [c.status for c in assessment.checks] == [UNMET, UNMET]
    assert not assessment.meets


def test_an_unrecorded_education_does_not_meet_the_level(demo):
    assert _statuses(_person(demo, ""), ["SMA"]) == [UNMET]


def test_a_training_must_hold_every_key_word_as_a_word(demo):
    assert _statuses(_person(demo, "", "Bimtek Penyusunan Renstra"), SEED[:1]) == [UNMET]
    assert _statuses(_person(demo, "", "Bimtek RKTX Penyusunan"), SEED[:1]) == [UNMET]
    assert _statuses(_person(demo, "", "Diklat Penyusunan RKT (2023)"), SEED[:1]) == [MET]


def test_a_manual_line_never_counts_against_anyone(demo):
    assessment = assess(requirements(["Sarjana Hukum"]), _person(demo, ""))
    assert [c.status for c in assessment.checks] == [MANUAL]
    assert assessment.meets
