"""The Kualifikasi Pelaksana rows written in Python (erkt.sop.qualification_html) are
the template loop they replaced, byte for byte, escaping included, in both languages."""

# ruff: noqa: E501
from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from erkt.org.models import Employee
from erkt.sop.qualification_html import qualification_rows
from erkt.sop.qualifications import (
    MANUAL,
    MET,
    UNMET,
    Assessment,
    Check,
    Column,
    Person,
    Qualifications,
    Requirement,
)

# The loop of sop/_qualifications.html before its rows were written in Python.
TEMPLATE_LOOP = (
    "{% load i18n %}"
    "{% for column in qualifications.columns %}\n"
    "        {% for person in column.people %}\n"
    '        <tr data-qualification-row{% if not person.assessment.meets %} class="table-warning"{% endif %}>\n'
    '          {% if forloop.first %}<th scope="rowgroup" rowspan="{{ column.people|length }}" class="ps-3 fw-semibold">{{ column.name }}</th>{% endif %}\n'
    '          <td data-label="{% translate "Nama" %}">{{ person.assessment.employee.full_name }}<span class="d-block small text-body-secondary">{{ person.title }}</span></td>\n'
    "          {% for check in person.assessment.checks %}\n"
    '          <td class="small" data-label="{{ check.requirement.label }}">\n'
    '            {% if check.status == "met" %}<span class="text-success-emphasis" aria-hidden="true">&#10003;</span><span class="visually-hidden">{% translate "memenuhi" %}</span>\n'
    '            {% elif check.status == "unmet" %}<span class="text-danger-emphasis" aria-hidden="true">&#10007;</span><span class="visually-hidden">{% translate "belum memenuhi" %}</span>\n'
    '            {% else %}<span class="text-body-secondary" aria-hidden="true">?</span>{% endif %}\n'
    '            <span class="text-body-secondary">{{ check.detail }}</span>\n'
    "          </td>\n"
    "          {% endfor %}\n"
    '          <td class="small pe-3" data-label="{% translate "Keterangan" %}">{% if person.assessment.meets %}{% translate "Memenuhi" %}{% else %}<span class="text-danger-emphasis"><i class="bi bi-exclamation-triangle" aria-hidden="true"></i> {% translate "Belum memenuhi kualifikasi" %}</span>{% endif %}</td>\n'
    "        </tr>\n"
    "        {% empty %}\n"
    '        <tr><th scope="row" class="ps-3 fw-semibold">{{ column.name }}</th><td colspan="{{ qualifications.requirements|length|add:2 }}" class="text-body-secondary small">{% translate "Belum ada pemangku jabatan untuk peran ini." %}</td></tr>\n'
    "        {% endfor %}\n"
    "      {% endfor %}"
)

SCRIPT = "<script>alert(1)</script>"


def _qualifications() -> Qualifications:
    competence = Requirement(f"Memahami {SCRIPT}", "competence", ())
    manual = Requirement("Sarjana & Hukum", MANUAL, ())
    requirements = [competence, manual]
    bad = Employee(name=SCRIPT, gelar_belakang="S.E. <b>")
    good = Employee(name="Nurul Hikmah")
    return Qualifications(
        requirements,
        [
            Column(
                f"Tim {SCRIPT}",
                [
                    Person(
                        f"Anggota {SCRIPT}",
                        Assessment(
                            bad,
                            [
                                Check(competence, UNMET, f"belum {SCRIPT}"),
                                Check(manual, MANUAL, "diperiksa manual"),
                            ],
                        ),
                    ),
                    Person(
                        "Plt. Kepala",
                        Assessment(
                            good,
                            [
                                Check(competence, MET, f"Bimtek {SCRIPT} (2024)"),
                                Check(manual, MANUAL, "diperiksa manual"),
                            ],
                        ),
                    ),
                ],
            ),
            Column(f"Kepala {SCRIPT}", []),
        ],
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_rows_are_the_template_loop_they_replaced(language):
    qualifications = _qualifications()
    with translation.override(language):
        expected = Template(TEMPLATE_LOOP).render(Context({"qualifications": qualifications}))
        written = qualification_rows(qualifications)
    assert written == expected
    assert SCRIPT not in written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in written
    assert 'colspan="4"' in written
