"""The Form RKT page is written in Python (erkt.rkt.unit_forms.page_html): the whole page is
what the template it replaced (former_form_page.html) rendered, for a form its head edits,
a sent one and a returned one, read by its head, the Tim and the Kepala, with a refusal's
errors and htmx's notice, in both languages, texts of the database escaped."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django_htmx.middleware import HtmxDetails

from erkt.org.models import Employee, Organization, Unit
from erkt.rkt.tests.form_fixtures import form_of, form_process, submit_all
from erkt.rkt.unit_forms import page_html, views
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.pages import form_context
from erkt.rkt.unit_forms.services import return_form, submit_form

__all__ = ["form_process"]

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
SHORT_EVIL = "<script>x</script>&"  # a unit's short name holds at most 30 characters
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def request_for(someone, form: FormRkt, *, htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().get(reverse("rkt:unit_form", args=[form.pk]), headers=headers)
    request.user = someone
    request.session = {}
    request.htmx = HtmxDetails(request)
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    return request


def former_page(request, form: FormRkt, **extra) -> str:
    context = form_context(request.user, form, **extra)
    template = engines["django"].from_string((HERE / "former_form_page.html").read_text())
    with timezone.override(form.process.organization.time_zone):
        return CSRF.sub(r"\1-", template.render(context, request))


def assert_same(someone, form: FormRkt, status: int = 200, **extra) -> str:
    for language in ("id", "en"):
        with translation.override(language):
            response = views.render_page(request_for(someone, form), form, status, **extra)
            html = CSRF.sub(r"\1-", response.content.decode())
            expected = former_page(request_for(someone, form), form, **extra)
        assert response.status_code == status
        assert html == expected, (language, someone)
    return html


def assert_same_body(someone, form: FormRkt, **extra) -> None:
    """htmx's fragment is the page's #form-body, as the partial form_body rendered it."""
    for language in ("id", "en"):
        with translation.override(language):
            request = request_for(someone, form, htmx=True)
            response = views.render_body(request, form, **extra)
            body = CSRF.sub(r"\1-", response.content.decode())
            page = former_page(request_for(someone, form, htmx=True), form, **extra)
            assert f"{page_html.table_filter()}\n{body}\n\n" in page, language
        assert response["HX-Retarget"] == "#form-body"


def with_markup(form: FormRkt) -> None:
    """`<script>` in the office's, unit's and people's names."""
    Organization.objects.filter(pk=form.process.organization_id).update(name=EVIL)
    Unit.objects.filter(pk=form.unit_id).update(name=EVIL, short_name=SHORT_EVIL)
    Employee.objects.filter(organization_id=form.process.organization_id).update(name=EVIL)
    form.unit.refresh_from_db()


@pytest.mark.parametrize("reader", ["kabid_mpk", "kasubbag_perencanaan", "kepala"])
def test_a_form_its_head_edits_is_the_template(form_process, reader, request):
    assert_same(request.getfixturevalue(reader), form_of(form_process, "MPK"))


@pytest.mark.parametrize("reader", ["kabid_mpk", "tim1"])
def test_a_sent_and_a_returned_form_are_the_template(form_process, reader, request, tim1):
    submit_all(form_process)
    someone = request.getfixturevalue(reader)
    assert_same(someone, form_of(form_process, "MPK"))
    return_form(form_of(form_process, "MPK"), by=tim1, reason=EVIL)
    assert_same(someone, form_of(form_process, "MPK"))


def test_refusals_and_notices_are_the_template(form_process, kabid_mpk):
    form = form_of(form_process, "MPK")
    problems = SimpleNamespace(sheet=EVIL, row=None, column="B", message=EVIL)
    assert_same(kabid_mpk, form, 409, error=EVIL, submit_errors=[EVIL])
    assert_same(kabid_mpk, form, 422, upload_errors=[problems])
    assert_same_body(kabid_mpk, form, notice=EVIL)
    assert_same_body(kabid_mpk, form, error=EVIL)


def test_texts_with_markup_are_escaped_as_the_template_escaped_them(form_process, kabid_mpk):
    form = form_of(form_process, "MPK")
    with_markup(form)
    html = assert_same(kabid_mpk, form_of_pk(form.pk))
    assert "<script>" not in html and "&lt;script&gt;" in html
    submit_form(form_of_pk(form.pk), by=kabid_mpk)
    html = assert_same(kabid_mpk, form_of_pk(form.pk))
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 3


def form_of_pk(pk: int) -> FormRkt:
    return FormRkt.objects.select_related("unit", "process").get(pk=pk)
