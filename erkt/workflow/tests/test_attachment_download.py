"""Downloading an uploaded output: any user of the organisation, nobody else."""

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, pdf, start


@pytest.fixture
def attachment(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    task = open_task(start(demo, kepala), 1)
    return engine.add_attachment(task, by=kepala, file=pdf("Disposisi RKT 2027.pdf"))


def download_url(attachment) -> str:
    return reverse("workflow:attachment", args=[attachment.pk])


def test_a_user_of_the_organisation_downloads_the_file(client_for, kabid_psdm, attachment):
    response = client_for(kabid_psdm).get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 isi"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Disposisi RKT 2027.pdf" in response["Content-Disposition"]


def test_a_user_of_another_organisation_gets_404(client_for, stranger, attachment):
    assert client_for(stranger).get(download_url(attachment)).status_code == 404


def test_an_unknown_attachment_is_404(client_for, kepala, attachment):
    response = client_for(kepala).get(reverse("workflow:attachment", args=[attachment.pk + 1]))
    assert response.status_code == 404


def test_a_file_missing_on_disk_is_404_not_an_error(client_for, kepala, attachment):
    attachment.file.storage.delete(attachment.file.name)
    assert client_for(kepala).get(download_url(attachment)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, attachment):
    response = client.get(download_url(attachment))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
