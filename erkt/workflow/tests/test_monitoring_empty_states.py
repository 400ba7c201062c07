"""Pemantauan: a sentence instead of a table of zeros where there is nothing to measure."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import MONDAY, at, run_to, start

URL = reverse("workflow:monitoring")


@pytest.fixture
def monday(time_machine):
    time_machine.move_to(at(MONDAY), tick=False)


def test_no_completed_process_shows_a_sentence_not_a_table_of_zeros(
    client_for, demo, kepala, monday
):
    process = start(demo, kepala)
    run_to(process, 3)
    html = client_for(kepala).get(URL).content.decode()
    assert 'data-empty="history-durations"' in html
    assert "Belum ada pelaksanaan yang selesai" in html
    assert 'id="history-durations"' not in html
    assert 'id="process-durations"' in html  # the running process has passes to show


def test_a_completed_process_fills_the_history_table(client_for, demo, kepala, monday):
    process = start(demo, kepala)
    run_to(process, 3)
    Process.objects.filter(pk=process.pk).update(status=Process.Status.COMPLETED)
    html = client_for(kepala).get(URL).content.decode()
    assert 'id="history-durations"' in html
    assert 'data-empty="history-durations"' not in html


def test_no_process_at_all_says_so(client_for, kepala, monday):
    html = client_for(kepala).get(URL).content.decode()
    assert "Belum ada pelaksanaan SOP." in html
    assert "Tidak ada tugas terbuka." in html
    assert "Tidak ada tugas yang terlambat." in html


def test_empty_holder_and_late_sections_have_no_table(client_for, kepala, monday):
    html = client_for(kepala).get(URL).content.decode()
    assert 'data-empty="holders"' in html and 'data-empty="late"' in html
    assert "<table" not in html
