"""The BPMN 2.0 download of the SOP page: same access as the page itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.urls import reverse

from erkt.sop.bpmn import BPMN
from erkt.sop.models import Sop

URL = reverse("sop:bpmn", args=["penyusunan-rkt"])


def test_the_sop_page_offers_the_bpmn_download(client_for, kabid_ppik, demo):
    page = client_for(kabid_ppik).get(reverse("sop:detail", args=["penyusunan-rkt"]))

    assert f"{URL}?versi=1" in page.content.decode()


def test_a_member_of_the_office_downloads_the_bpmn_of_the_version_in_force(
    client_for, kabid_ppik, demo
):
    response = client_for(kabid_ppik).get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert 'filename="SOP-penyusunan-rkt-v1.bpmn"' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{BPMN}}}definitions"
    assert len(root.findall(f".//{{{BPMN}}}userTask")) == 11


def test_it_downloads_the_version_asked_for(client_for, kepala, demo):
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    draft = version.new_draft()

    response = client_for(kepala).get(f"{URL}?versi={draft.number}")

    assert response.status_code == 200
    assert f"SOP-penyusunan-rkt-v{draft.number}.bpmn" in response["Content-Disposition"]


def test_another_organisation_gets_not_found(client_for, stranger, demo):
    assert client_for(stranger).get(URL).status_code == 404


def test_an_unknown_version_is_not_found(client_for, kepala, demo):
    assert client_for(kepala).get(f"{URL}?versi=99").status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, demo):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_only_answers_get(client_for, kepala):
    assert client_for(kepala).post(URL).status_code == 405
