"""The process page and its print are written in Python (erkt.workflow.process_page_html):
their HTML is the templates' they replaced (former_process.html and
former_process_print.html: the content blocks of workflow/process.html and
process_print.html, their includes of _process_steps.html and _process_history.html written
in), in every state a reader meets, in both languages, `<script>` in the values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from erkt.org.models import Unit
from erkt.workflow import engine, process_page_html
from erkt.workflow.forms import CancelProcessForm, RevisionForm, SuspendProcessForm
from erkt.workflow.gantt import gantt_svg
from erkt.workflow.models import Process
from erkt.workflow.pages import get_process, process_page
from erkt.workflow.tests.page_helpers import MONDAY, at, request_of, run_to, start
from erkt.workflow.views import processes

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')
TOKEN = "t0k3n"


def former(name: str):
    return engines["django"].from_string((HERE / name).read_text())


@pytest.fixture
def running(demo, kepala, time_machine) -> Process:
    """RKT 2027 at step 7 (five unit tasks open), a unit named with markup."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 7)
    Unit.objects.filter(organization=demo, short_name="MPK").update(name=EVIL)
    return process


def assert_same_content(user, process: Process, **changes) -> str:
    """page_content() of the view's context (with `changes`) is the former template's, in
    both languages; the Indonesian HTML."""
    written = {}
    for language in ("id", "en"):
        with translation.override(language):
            process = get_process(user, process.pk)
            context = processes.process_context(request_of(user), process)
            context.update({"error": "", "csrf_token": TOKEN, **changes})
            with timezone.override(process.organization.time_zone):
                expected = former("former_process.html").render(context)
                html = process_page_html.page_content(context)
            assert html == expected, language
            written[language] = html
    return written["id"]


def test_a_running_process_for_a_unit_head(running, kabid_mpk):
    html = assert_same_content(kabid_mpk, running)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'id="cancel-process"' not in html


def test_a_running_process_for_the_kepala_with_its_forms(running, kepala):
    html = assert_same_content(kepala, running)
    assert 'id="suspend-process"' in html and 'id="cancel-process"' in html
    # The unbound forms' fields are kept after a first page (process_page_html._fields_html).
    assert assert_same_content(kepala, running) == html


def test_an_administrator_acting_for_the_kepala_gets_the_on_behalf_field(running, administrator):
    first = assert_same_content(administrator, running)
    assert 'name="on_behalf_reason"' in first
    assert assert_same_content(administrator, running) == first


def test_refused_forms_and_an_error_with_markup(running, kepala):
    cancel = CancelProcessForm({"reason": EVIL})
    cancel.is_valid()
    cancel.add_error(None, EVIL)
    suspend = SuspendProcessForm({"reason": ""})
    suspend.is_valid()
    suspend.add_error(None, EVIL)
    html = assert_same_content(
        kepala, running, error=EVIL, cancel_form=cancel, suspend_form=suspend
    )
    assert html.count(" open>") == 2 and "<script>" not in html


def test_a_suspended_process_for_the_kepala_and_a_unit_head(running, kepala, kabid_mpk):
    engine.suspend_process(running, by=kepala, reason=EVIL)
    assert 'action="/proses/' in assert_same_content(kepala, running)
    html = assert_same_content(kabid_mpk, running)
    assert 'id="suspension"' in html and "Lanjutkan pelaksanaan" not in html


def test_a_cancelled_process(running, kepala, kasubbag_perencanaan):
    engine.cancel_process(running, by=kepala, reason=EVIL)
    html = assert_same_content(kasubbag_perencanaan, running)
    assert "alert-secondary" in html and "<script>" not in html


def test_a_finished_year_with_its_revision_and_the_revision_form(running, kepala):
    """The page of a revision of a signed year: its reason, the year's other processes and
    the form of another revision (states set on the values the page reads)."""
    Process.objects.filter(pk=running.pk).update(
        status=Process.Status.COMPLETED, completed_at=at(MONDAY, 23)
    )
    other = get_process(kepala, running.pk)
    html = assert_same_content(
        kepala,
        running,
        revisions=[other],
        revision_form=RevisionForm(acting_for_someone=True),
    )
    assert 'id="same-year"' in html and 'id="revise-process"' in html
    process = get_process(kepala, running.pk)
    process.revision, process.revision_reason = 12, EVIL
    process.sop_version.judul = EVIL
    for language in ("id", "en"):
        with translation.override(language):
            context = processes.process_context(request_of(kepala), process)
            context.update({"error": "", "csrf_token": TOKEN, "revisions": [process, other]})
            expected = former("former_process.html").render(context)
            assert process_page_html.page_content(context) == expected


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_whole_page_is_the_former_template_extending_base_html(running, kepala, language):
    """The view's layout around the content is render() of the template it replaced,
    messages and the CSRF token (header and forms) included."""
    request = request_of(kepala, reverse("workflow:process", args=[running.pk]))
    request._messages.add(20, EVIL)
    with translation.override(language):
        html = processes.process_detail(request, running.pk).content.decode()
        request._messages = FallbackStorage(request)
        request._messages.add(20, EVIL)
        page = engines["django"].from_string(
            '{% extends "base.html" %}{% block title %}{{ process }}{% endblock %}'
            "{% block content %}" + (HERE / "former_process.html").read_text() + "{% endblock %}"
        )
        process = get_process(kepala, running.pk)
        context = {**processes.process_context(request, process), "error": ""}
        with timezone.override(process.organization.time_zone):
            expected = page.render(context, request)
    assert CSRF.sub(r"\1-", html) == CSRF.sub(r"\1-", expected)
    assert "&lt;script&gt;" in html and html.count("csrfmiddlewaretoken") == 4


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_print_is_the_former_template_extending_base_html(running, kabid_mpk, language):
    request = request_of(kabid_mpk, reverse("workflow:process_print", args=[running.pk]))
    with translation.override(language):
        html = processes.process_print(request, running.pk).content.decode()
        page = engines["django"].from_string(
            '{% extends "base.html" %}{% load i18n %}'
            '{% block title %}{{ process }} &middot; {% translate "Cetak" %}{% endblock %}'
            "{% block content %}"
            + (HERE / "former_process_print.html").read_text()
            + "{% endblock %}"
        )
        process = get_process(kabid_mpk, running.pk)
        page_of = process_page(process, kabid_mpk)
        context = {
            "page": page_of,
            "process": process,
            "gantt": gantt_svg(process, page_of.runs, page_of.tasks),
            "printed_on": process.today(),
        }
        with timezone.override(process.organization.time_zone):
            expected = page.render(context, request)
    assert CSRF.sub(r"\1-", html) == CSRF.sub(r"\1-", expected)
    assert "&lt;script&gt;" in html
