"""The form page of a unit: its rows per program and kegiatan, totals against pagu, sending."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.rkt.tests.form_fixtures import fill_task, first_sub_row, form_of, form_process, submit_all
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.pages import form_context
from erkt.rkt.unit_forms.services import return_form, submit_form

__all__ = ["form_process"]


@pytest.fixture
def form(form_process) -> FormRkt:
    return form_of(form_process, "MPK")


def url(form: FormRkt) -> str:
    return reverse("rkt:unit_form", args=[form.pk])


def page(client, form: FormRkt) -> str:
    response = client.get(url(form))
    assert response.status_code == 200
    return response.content.decode()


def test_its_address(form):
    assert url(form) == f"/rkt/form-rkt/{form.pk}/"


def test_it_shows_the_rows_per_program_and_kegiatan(client_for, kabid_mpk, form):
    html = page(client_for(kabid_mpk), form)
    for text in (
        "Form RKT 2027",
        "Bidang Mutasi, Promosi dan Kinerja",
        "dari Renstra 2025-2029",
        "Program 5.03.02 Program Kepegawaian Daerah",
        "Mutasi dan Promosi ASN",
        "5.03.02.2.02.0001",
        "Jumlah Dokumen Hasil Pelaksanaan Promosi ASN",
        "Penilaian dan Evaluasi Kinerja Aparatur",
    ):
        assert text in html
    assert html.index("5.03.02.2.02.0003") < html.index("5.03.02.2.04.0001")


def test_it_shows_the_total_against_the_units_pagu(client_for, kabid_mpk, form):
    response = client_for(kabid_mpk).get(url(form))
    total = form.total_anggaran
    shown = form_context(kabid_mpk, form)
    assert shown["total"] == shown["pagu_total"] == total
    amount = f"{int(total):,}".replace(",", ".")
    assert f'<th class="num" id="form-total">{amount}</th>' in response.content.decode()


def test_a_program_above_its_pagu_is_marked(client_for, kabid_mpk, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(anggaran=row.anggaran + 1)
    html = page(client_for(kabid_mpk), form)
    assert "melebihi pagu</span>" in html
    assert "melebihi pagu unit ini" in html  # and listed among what blocks sending


def test_the_head_edits_and_sends_it_here(client_for, kabid_mpk, form):
    html = page(client_for(kabid_mpk), form)
    assert "Form RKT lengkap dan siap dikirim." in html
    assert reverse("rkt:unit_form_submit", args=[form.pk]) in html
    assert reverse("rkt:unit_form_row_add", args=[form.pk]) in html
    assert reverse("rkt:unit_form_row_edit", args=[form.pk, first_sub_row(form).pk]) in html
    assert reverse("rkt:unit_form_upload", args=[form.pk]) in html
    assert '<datalist id="satuan-list">' in html
    assert reverse("workflow:task", args=[fill_task(form.process, "MPK").pk]) in html


def test_what_still_blocks_sending_is_listed(client_for, kabid_mpk, form):
    form.rows.filter(pk=first_sub_row(form).pk).update(target="")
    html = page(client_for(kabid_mpk), form)
    assert "Yang masih harus dilengkapi sebelum dikirim:" in html
    assert "belum diberi target." in html


def test_sending_completes_the_units_step_4_task(client_for, kabid_mpk, form):
    task = fill_task(form.process, "MPK")
    response = client_for(kabid_mpk).post(
        reverse("rkt:unit_form_submit", args=[form.pk]), follow=True
    )
    html = response.content.decode()
    assert "Form RKT Bidang Mutasi, Promosi dan Kinerja dikirim." in html
    assert f'href="{reverse("workflow:inbox")}"' in html and "Kembali ke Kotak Tugas" in html
    task.refresh_from_db()
    assert (task.status, task.completed_by, task.note) == ("done", kabid_mpk, "Form RKT dikirim.")


def test_a_sent_form_is_read_only(client_for, kabid_mpk, form):
    submit_form(form, by=kabid_mpk)
    html = page(client_for(kabid_mpk), form)
    assert "Dikirim" in html
    assert "tidak dapat diubah lagi" in html
    assert reverse("rkt:unit_form_row_edit", args=[form.pk, first_sub_row(form).pk]) not in html
    assert reverse("rkt:unit_form_submit", args=[form.pk]) not in html
    assert reverse("rkt:unit_form_download", args=[form.pk]) in html


def test_a_returned_form_shows_the_reason_and_is_editable_again(
    client_for, kabid_mpk, tim1, form_process
):
    submit_all(form_process)
    form = form_of(form_process, "MPK")
    return_form(form, by=tim1, reason="Perbaiki target promosi.")
    html = page(client_for(kabid_mpk), form)
    assert "Dikembalikan oleh Tim Perencanaan" in html
    assert "Perbaiki target promosi." in html
    assert reverse("rkt:unit_form_submit", args=[form.pk]) in html


def test_the_tim_reads_it_without_changing_it(client_for, tim1, form):
    html = page(client_for(tim1), form)
    assert "5.03.02.2.02.0001" in html
    assert reverse("rkt:unit_form_row_add", args=[form.pk]) not in html
    assert reverse("rkt:unit_form_submit", args=[form.pk]) not in html
    assert reverse("rkt:forms_overview", args=[form.process_id]) in html


def test_the_administrator_sends_for_the_head_with_a_reason(client_for, administrator, form):
    client = client_for(administrator)
    submit = reverse("rkt:unit_form_submit", args=[form.pk])
    assert "Alasan bertindak atas nama" in page(client, form)
    response = client.post(submit)
    assert response.status_code == 422
    assert "wajib menuliskan alasannya" in response.content.decode()
    response = client.post(submit, {"on_behalf_reason": "Kabid sakit; dikirim atas permintaannya."})
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.is_submitted
    assert fill_task(form.process, "MPK") is None


@pytest.mark.database
def test_it_costs_a_fixed_number_of_queries(
    client_for, kabid_mpk, form, django_assert_max_num_queries
):
    client = client_for(kabid_mpk)
    with django_assert_max_num_queries(20):
        client.get(url(form))


def test_the_task_is_not_completed_before_the_form_is_sent(client_for, kabid_mpk, form):
    task = fill_task(form.process, "MPK")
    response = client_for(kabid_mpk).post(reverse("workflow:task_complete", args=[task.pk]))
    assert response.status_code == 422
    assert "Form RKT Bidang Mutasi, Promosi dan Kinerja belum dikirim." in response.content.decode()
    task.refresh_from_db()
    assert task.is_open


def test_each_kegiatan_shows_its_subtotal(client_for, kabid_mpk, form):
    from erkt.rkt.templatetags.rkt_format import rupiah

    response = client_for(kabid_mpk).get(url(form))
    html = response.content.decode()
    kegiatan = [k for group in form_context(kabid_mpk, form)["groups"] for k in group.kegiatan]
    assert kegiatan and any(k.total for k in kegiatan)
    for group in kegiatan:
        header = html[html.index(f'<td class="code fw-semibold">{group.kegiatan.code}</td>') :]
        header = header[: header.index("</tr>")]
        assert f">{rupiah(group.total)}</td>" in header
