"""An uploaded output on S3-compatible object storage (a real moto server on loopback): stored
in the bucket, downloaded from it, 404 when the object is gone."""

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, pdf, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(object_storage, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    task = open_task(start(demo, kepala), 1)
    return engine.add_attachment(task, by=kepala, file=pdf("Disposisi RKT 2027.pdf"))


def test_the_upload_is_an_object_of_the_bucket_and_downloads_from_it(
    object_storage, attachment, client_for, kabid_psdm
):
    assert object_storage.read(attachment.file.name) == b"%PDF-1.4 isi"
    response = client_for(kabid_psdm).get(reverse("workflow:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 isi"
    assert "Disposisi RKT 2027.pdf" in response["Content-Disposition"]


def test_an_object_gone_from_the_bucket_is_404_not_an_error(
    object_storage, attachment, client_for, kepala
):
    object_storage.client.delete_object(Bucket=object_storage.name, Key=attachment.file.name)
    response = client_for(kepala).get(reverse("workflow:attachment", args=[attachment.pk]))
    assert response.status_code == 404
