"""Pemantauan's page is written in Python (erkt.workflow.monitoring_html.page_content): its
HTML is the template's it replaced (former_monitoring.html, its content block, with
former_durations.html), in every state of the page, in both languages, names escaped."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.template import engines as template_engines
from django.utils import translation

from erkt.sop.models import SopVersion
from erkt.workflow import engine
from erkt.workflow.monitoring import monitoring
from erkt.workflow.monitoring_html import page_content
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, run_to, start
from erkt.workflow.views.monitoring import tables_of

HERE = Path(__file__).parent
D = datetime.date


def former(data) -> str:
    django = template_engines["django"]
    durations = django.from_string((HERE / "former_durations.html").read_text())
    page = django.from_string((HERE / "former_monitoring.html").read_text())
    return page.render({"m": data, "tables": tables_of(data), "durations": durations})


def assert_same_in_both_languages(organization, process_id=None) -> None:
    for language in ("id", "en"):
        with translation.override(language):
            data = monitoring(organization, process_id)
            assert page_content(data, tables_of(data)) == former(data), language


def test_an_office_without_any_process_reads_as_the_template_wrote_it(demo, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    assert_same_in_both_languages(demo)


def test_a_running_process_with_late_and_claimed_tasks_reads_as_the_template_wrote_it(
    demo, kepala, tim1, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    engine.claim_task(open_task(process, 5), by=tim1)
    time_machine.move_to(at(D(2026, 11, 13)), tick=False)  # step 5 late
    assert_same_in_both_languages(demo)


def test_a_completed_process_and_the_history_read_as_the_template_wrote_them(
    demo, kepala, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    first = start(demo, kepala)
    run_to(first, 3)
    first.tasks.filter(status="open").update(status="done", completed_at=at(D(2026, 11, 3)))
    first.status = "completed"
    first.save(update_fields=["status"])
    second = start(demo, kepala, year=2028)  # just started: its durations are empty
    assert_same_in_both_languages(demo)
    assert_same_in_both_languages(demo, first.pk)
    assert_same_in_both_languages(demo, second.pk)


def test_names_with_markup_are_escaped_as_the_template_escaped_them(
    demo, kepala, tim1, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    SopVersion.objects.filter(pk=process.sop_version_id).update(judul="<script>x</script> & Co")
    tim1.employee.name = '<script>alert("nama")</script>'
    tim1.employee.save()
    finish(open_task(process, 5), tim1)
    data = monitoring(demo)
    html = page_content(data, tables_of(data))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; Co" in html
    assert_same_in_both_languages(demo)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_view_answers_the_layout_around_the_content(
    client_for, demo, kepala, time_machine, language
):
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala)
    response = client_for(kepala).get("/pemantauan/", HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        content = page_content(data := monitoring(demo), tables_of(data))
    html = response.content.decode()
    assert content in html
    assert html.startswith("<!doctype html>") and html.endswith("</html>\n")
