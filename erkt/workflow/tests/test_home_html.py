"""The home page is written in Python (erkt.workflow.home_html): its HTML is the template's
it replaced (former_home.html, the content block of workflow/home.html), for each role,
with and without a running process, in both languages, names escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from erkt.org.models import Role
from erkt.sop.models import SopVersion
from erkt.workflow.home import home_of, panels_for
from erkt.workflow.home_html import page_content
from erkt.workflow.inbox import inbox_body
from erkt.workflow.pages import has_role, inbox_tasks
from erkt.workflow.superiors import overdue_tasks_under
from erkt.workflow.tests.conftest import run_to
from erkt.workflow.views.home import home as home_view

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')
ROLES = ["kepala", "sekretaris", "kasubbag_perencanaan", "tim1", "kabid_ppik", "stranger"]


def former_context(user) -> dict:
    """What the view gave workflow/home.html."""
    tasks = inbox_tasks(user)
    home = home_of(user)
    return {
        "on_home": True,
        "home": home,
        "panels": panels_for(home),
        "tasks": tasks,
        "late_under": overdue_tasks_under(user, exclude={t.pk for t in tasks}),
        "may_start": has_role(user, Role.KEPALA) and home.process is None,
    }


def assert_same_in_both_languages(user) -> None:
    template = engines["django"].from_string((HERE / "former_home.html").read_text())
    for language in ("id", "en"):
        with translation.override(language):
            context = former_context(user)
            inbox = inbox_body(
                context["tasks"],
                context["late_under"],
                on_home=True,
                may_start=context["may_start"],
            )
            html = page_content(context["home"], context["panels"], inbox)
            assert html == template.render(context), language


@pytest.mark.parametrize("role", ROLES)
def test_without_a_running_process_it_reads_as_the_template_wrote_it(request, demo, role):
    assert_same_in_both_languages(request.getfixturevalue(role))


@pytest.mark.parametrize("role", ROLES)
def test_a_running_process_reads_as_the_template_wrote_it(request, process, role):
    run_to(process, 5)  # a per-unit step: several steps and tasks running
    assert_same_in_both_languages(request.getfixturevalue(role))


def test_a_process_name_with_markup_is_escaped_as_the_template_escaped_it(process, kepala):
    SopVersion.objects.filter(pk=process.sop_version_id).update(judul=EVIL)
    assert_same_in_both_languages(kepala)
    context = former_context(kepala)
    assert "<script>" not in page_content(context["home"], context["panels"], "")


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_whole_page_is_the_former_template_extending_base_html(process, kepala, language):
    SopVersion.objects.filter(pk=process.sop_version_id).update(judul=EVIL)
    request = RequestFactory().get("/")
    request.user = kepala
    request.session = {}
    content = (HERE / "former_home.html").read_text()
    page = engines["django"].from_string(
        '{% extends "base.html" %}{% load i18n %}{% block title %}{% translate "Beranda" %}'
        "{% endblock %}{% block content %}" + content + "{% endblock %}"
    )
    with translation.override(language):
        html = home_view(request).content.decode()
        expected = page.render(former_context(kepala), request)
    assert CSRF.sub(r"\1-", html) == CSRF.sub(r"\1-", expected)
    assert "&lt;script&gt;" in html
