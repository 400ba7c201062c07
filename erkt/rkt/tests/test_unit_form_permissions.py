"""Who may do what on the Form RKT pages: the form of Bidang MPK, asked by the whole cast.

A unit head reading or changing another unit's form gets 404 (the form does not
exist for them); the planners and the leadership read every form but change none
(403); the Kepala of another organisation gets 404; anonymous users sign in first.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.rkt.tests.form_fixtures import first_sub_row, form_of, form_process

__all__ = ["form_process"]

OWN = "kabid_mpk"
READERS = ["tim1", "tim2", "kasubbag_perencanaan", "sekretaris", "kepala", "administrator"]
OTHER_HEADS = ["kabid_ppik", "kasubbag_umum"]

# (url name, method, {who: expected status}); "row" urls take the form's first sub kegiatan row.
TABLE = [
    ("unit_form", "get", {OWN: 200, **dict.fromkeys(READERS, 200)}),
    ("unit_form_download", "get", {OWN: 200, "tim1": 200, "kepala": 200}),
    ("unit_form_row", "get", {OWN: 302, "tim1": 302, "kepala": 302}),
    ("unit_form_row_add", "get", {OWN: 200, "administrator": 200, "tim1": 403, "kepala": 403}),
    ("unit_form_row_add", "post", {OWN: 422, "tim1": 403, "sekretaris": 403}),
    ("unit_form_row_edit", "get", {OWN: 200, "tim1": 403, "kasubbag_perencanaan": 403}),
    ("unit_form_row_edit", "post", {OWN: 422, "tim2": 403}),
    # 409: no version of the row was sent (the page always sends the one it shows).
    ("unit_form_row_delete", "post", {OWN: 409, "tim1": 403, "kepala": 403}),
    ("unit_form_submit", "post", {OWN: 302, "tim1": 403, "kepala": 403}),
    ("unit_form_upload", "post", {OWN: 422, "tim1": 403, "sekretaris": 403}),
    ("unit_form_return", "post", {OWN: 403, "tim1": 422}),  # 422: no reason given
]
WRONG_METHOD = [
    ("unit_form", "post"),
    ("unit_form_download", "post"),
    ("unit_form_row", "post"),
    ("unit_form_row_add", "put"),
    ("unit_form_row_delete", "get"),
    ("unit_form_submit", "get"),
    ("unit_form_upload", "get"),
    ("unit_form_return", "get"),
]
ROW_URLS = {"unit_form_row", "unit_form_row_edit", "unit_form_row_delete"}


def cases():
    for name, method, expected in TABLE:
        for who, status in expected.items():
            yield pytest.param(name, method, who, status, id=f"{name}-{method}-{who}")
        for who in OTHER_HEADS:
            yield pytest.param(name, method, who, 404, id=f"{name}-{method}-{who}")
        yield pytest.param(name, method, "stranger", 404, id=f"{name}-{method}-stranger")


def url_of(name: str, form_process) -> str:
    form = form_of(form_process, "MPK")
    args = [form.pk, first_sub_row(form).pk] if name in ROW_URLS else [form.pk]
    return reverse(f"rkt:{name}", args=args)


@pytest.mark.parametrize(("name", "method", "who", "status"), list(cases()))
def test_the_table(request, client_for, form_process, name, method, who, status):
    client = client_for(request.getfixturevalue(who))
    response = getattr(client, method)(url_of(name, form_process))
    assert response.status_code == status


@pytest.mark.parametrize(("name", "method"), [(name, method) for name, method, _e in TABLE])
def test_anonymous_is_sent_to_sign_in(client, form_process, name, method):
    response = getattr(client, method)(url_of(name, form_process))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "method"), WRONG_METHOD)
def test_a_wrong_method_is_refused(client_for, form_process, name, method):
    client = client_for(form_process.started_by)  # the Kepala reads every form
    response = getattr(client, method)(url_of(name, form_process))
    assert response.status_code == 405


def test_another_heads_404_does_not_change_the_form(client_for, kabid_ppik, form_process):
    form = form_of(form_process, "MPK")
    row = first_sub_row(form)
    client = client_for(kabid_ppik)
    client.post(reverse("rkt:unit_form_row_delete", args=[form.pk, row.pk]))
    client.post(reverse("rkt:unit_form_submit", args=[form.pk]))
    form.refresh_from_db()
    assert form.rows.filter(pk=row.pk).exists()
    assert form.status == "draft"
