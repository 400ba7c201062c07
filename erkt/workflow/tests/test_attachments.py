from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid
from erkt.workflow.tests.conftest import finish, open_task


def pdf(name="disposisi.pdf", content=b"%PDF-1.4 isi"):
    return SimpleUploadedFile(name, content, "application/pdf")


def test_an_upload_is_stored_under_the_process(process, kepala, settings):
    attachment = engine.add_attachment(open_task(process, 1), by=kepala, file=pdf())
    assert attachment.file.name.startswith(f"workflow/{process.organization_id}/{process.pk}/")
    assert (attachment.original_name, attachment.size) == ("disposisi.pdf", 12)
    assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes() == b"%PDF-1.4 isi"
    assert AuditEntry.objects.get(action="attachment.add").after["file"] == "disposisi.pdf"


def test_a_file_over_the_limit_is_refused_with_the_limit(process, kepala, settings):
    settings.WORKFLOW_MAX_ATTACHMENT_SIZE = 10
    with pytest.raises(Invalid) as error:
        engine.add_attachment(open_task(process, 1), by=kepala, file=pdf())
    assert "terlalu besar" in error.value.message and "10" in error.value.message
    assert not open_task(process, 1).attachments.exists()


def test_an_empty_file_is_refused(process, kepala):
    with pytest.raises(Invalid):
        engine.add_attachment(open_task(process, 1), by=kepala, file=pdf(content=b""))


def test_a_wrong_upload_can_be_removed_while_the_task_is_open(process, kepala, settings):
    task = open_task(process, 1)
    attachment = engine.add_attachment(task, by=kepala, file=pdf())
    engine.remove_attachment(attachment, by=kepala)
    assert not task.attachments.exists()
    with pytest.raises(Invalid):
        engine.complete_task(task, by=kepala)


def test_no_upload_to_a_completed_task(process, kepala):
    task = open_task(process, 1)
    finish(task, kepala)
    with pytest.raises(Conflict):
        engine.add_attachment(task, by=kepala, file=pdf())
