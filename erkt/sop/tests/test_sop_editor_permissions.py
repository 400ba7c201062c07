"""Every SOP editor URL against the cast: the Kasubbag Perencanaan, the Tim Perencanaan and
the administrator edit; only the Kepala approves; the others get 403, another
organisation 404 and an anonymous visitor the login page. A refused request changes nothing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from erkt.sop.tests.editor_helpers import seed_draft
from erkt.sop.tests.helpers import sop_row_counts

CODE = ["penyusunan-rkt"]
# (url name, method, args)
URLS = {
    "create": ("get", []),
    "editor": ("get", CODE),
    "preview": ("post", CODE),
    "revise": ("post", CODE),
    "compare": ("get", CODE),
    "approve": ("get", CODE),
}
EDIT = {"create": 200, "editor": 200, "preview": 200, "revise": 302, "compare": 200, "approve": 403}
REFUSED = dict.fromkeys(URLS, 403)
OTHER_ORG = {**dict.fromkeys(URLS, 404), "create": 403}
TABLE = {
    "kasubbag_perencanaan": EDIT,
    "tim1": EDIT,
    "administrator": EDIT,
    "kepala": {**REFUSED, "compare": 200, "approve": 200},
    "sekretaris": REFUSED,
    "kasubbag_umum": REFUSED,
    "kabid_ppik": REFUSED,
    "stranger": OTHER_ORG,
}


@pytest.mark.parametrize(
    ("who", "name"), [(who, name) for who in TABLE for name in URLS] + [("anonymous", "editor")]
)
def test_each_role_gets_its_answer_on_each_editor_url(who, name, request, demo, client_for):
    seed_draft(demo)
    client = Client() if who == "anonymous" else client_for(request.getfixturevalue(who))
    method, args = URLS[name]
    before = sop_row_counts()
    response = getattr(client, method)(reverse(f"sop:{name}", args=args))
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        return
    assert response.status_code == TABLE[who][name]
    if response.status_code >= 400:
        assert sop_row_counts() == before


def test_a_save_by_a_refused_role_changes_nothing(demo, kabid_ppik, client_for):
    from erkt.sop.tests.editor_helpers import form_data

    draft = seed_draft(demo)
    response = client_for(kabid_ppik).post(
        reverse("sop:editor", args=CODE), form_data(draft, judul="Diubah oleh Kabid")
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.judul != "Diubah oleh Kabid"
