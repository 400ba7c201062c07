"""The unit head adds, changes and removes rows, with and without JavaScript (htmx)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.rkt.models import Kegiatan, SubKegiatan
from erkt.rkt.tests.form_fixtures import first_sub_row, form_of, form_process, rows_state
from erkt.rkt.unit_forms.forms import initial_of
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.services import submit_form

__all__ = ["form_process"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def form(form_process) -> FormRkt:
    return form_of(form_process, "MPK")


@pytest.fixture
def client(client_for, kabid_mpk):
    return client_for(kabid_mpk)


def new_row(sub: SubKegiatan, **changes) -> dict:
    return {
        "posisi": f"s{sub.pk}",
        "renstra_indikator": "",
        "sasaran_kegiatan": "Meningkatnya ketepatan waktu mutasi ASN",
        "indikator": "Persentase usul mutasi yang selesai dalam 14 hari kerja",
        "satuan": "%",
        "target": "90",
        "anggaran": "12.500.000",
        "justifikasi": "",
        **changes,
    }


def mutasi(form: FormRkt) -> SubKegiatan:
    return SubKegiatan.objects.get(unit=form.unit, code="5.03.02.2.02.0001")


def add_url(form: FormRkt) -> str:
    return reverse("rkt:unit_form_row_add", args=[form.pk])


def edit_url(form: FormRkt, row: FormRktRow) -> str:
    return reverse("rkt:unit_form_row_edit", args=[form.pk, row.pk])


def test_the_row_page_without_javascript_suggests_the_common_units(client, form):
    response = client.get(add_url(form))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'list="satuan-list"' in page
    assert '<datalist id="satuan-list"><option value="%">' in page


def test_the_head_adds_a_row_under_a_sub_kegiatan(client, form):
    count = form.rows.count()
    response = client.post(add_url(form), new_row(mutasi(form)))
    row = form.rows.order_by("-pk").first()
    assert response.status_code == 302
    assert response["Location"] == reverse("rkt:unit_form", args=[form.pk]) + f"#row-{row.pk}"
    assert form.rows.count() == count + 1
    assert (row.sub_kegiatan, row.kegiatan.code) == (mutasi(form), "5.03.02.2.02")
    assert (row.target, row.anggaran, row.renstra_indikator) == ("90", Decimal(12_500_000), None)
    assert row.order == count + 1
    assert AuditEntry.objects.filter(action="form_rkt.row_add").count() == 1


def test_the_head_adds_a_row_for_a_kegiatan(client, form):
    kegiatan = Kegiatan.objects.get(unit=form.unit, code="5.03.02.2.04")
    client.post(add_url(form), new_row(mutasi(form), posisi=f"k{kegiatan.pk}"))
    row = form.rows.order_by("-pk").first()
    assert (row.kegiatan, row.sub_kegiatan) == (kegiatan, None)


def test_the_add_page_works_without_javascript(client, form):
    response = client.get(add_url(form))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<!doctype html>")
    assert "5.03.02.2.02.0001 Pengelolaan Mutasi ASN" in html
    assert "Pengadaan PNS" not in html  # PPIK's sub kegiatan are not offered


def test_with_htmx_the_add_form_opens_in_place(client, form):
    response = client.get(add_url(form), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'hx-post="' + add_url(form) + '"' in html


def test_with_htmx_a_new_row_swaps_the_whole_table(client, form):
    response = client.post(add_url(form), new_row(mutasi(form)), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#form-body"
    assert response["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith('<div id="form-body">')
    assert "Persentase usul mutasi yang selesai dalam 14 hari kerja" in html
    assert "Baris ditambahkan." in html


def test_with_htmx_a_refused_row_shows_its_errors_in_place(client, form):
    before = rows_state(form)
    response = client.post(add_url(form), new_row(mutasi(form), target="sembilan puluh"), **HTMX)
    assert response.status_code == 422
    assert "HX-Retarget" not in response
    assert "bukan angka" in response.content.decode()
    assert rows_state(form) == before


def test_the_head_changes_a_row(client, form):
    row = first_sub_row(form)
    data = {**initial_of(row), "target": "5", "anggaran": "150.000.000", "justifikasi": "ok"}
    response = client.post(edit_url(form, row), data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.target, row.anggaran, row.justifikasi) == ("5", Decimal(150_000_000), "ok")
    entry = AuditEntry.objects.get(action="form_rkt.row_change")
    assert (entry.before["target"], entry.after["target"]) == ("4", "5")


def test_the_inline_edit_and_its_cancel(client, form):
    row = first_sub_row(form)
    editing = client.get(edit_url(form, row), **HTMX).content.decode()
    assert f'<tr id="row-{row.pk}" class="table-warning">' in editing
    assert f'id="id_row{row.pk}_target"' in editing
    url = reverse("rkt:unit_form_row", args=[form.pk, row.pk])
    shown = client.get(url, **HTMX).content.decode()
    assert shown.lstrip().startswith(f'<tr id="row-{row.pk}">')
    assert client.get(url).status_code == 302  # without htmx: back to the page at the row


def test_the_edit_page_works_without_javascript(client, form):
    row = first_sub_row(form)
    html = client.get(edit_url(form, row)).content.decode()
    assert html.startswith("<!doctype html>")
    assert 'value="4"' in html


def test_a_row_relinked_to_a_renstra_indicator_takes_its_wording(client, form):
    row = first_sub_row(form)
    indikator = row.renstra_indikator
    row.delete()
    data = new_row(mutasi(form), renstra_indikator=str(indikator.pk), indikator="", satuan="")
    client.post(add_url(form), data)
    added = form.rows.order_by("-pk").first()
    assert (added.renstra_indikator, added.indikator) == (indikator, indikator.uraian)
    assert added.satuan == "dokumen"


def test_another_units_kegiatan_cannot_be_chosen(client, form):
    other = SubKegiatan.objects.get(code="5.03.02.2.01.0002")  # PPIK's
    before = rows_state(form)
    response = client.post(add_url(form), new_row(other, posisi=f"s{other.pk}"))
    assert response.status_code == 422
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert rows_state(form) == before


def test_the_head_removes_a_row(client, form):
    row = first_sub_row(form)
    url = reverse("rkt:unit_form_row_delete", args=[form.pk, row.pk])
    response = client.post(url, {"version": row.version})
    assert response.status_code == 302
    assert not FormRktRow.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.get(action="form_rkt.row_delete").before["code"] == row.code


def test_with_htmx_removing_a_row_swaps_the_table(client, form):
    row = first_sub_row(form)
    url = reverse("rkt:unit_form_row_delete", args=[form.pk, row.pk])
    response = client.post(url, {"version": row.version}, **HTMX)
    assert response.status_code == 200
    assert f'id="row-{row.pk}"' not in response.content.decode()
    assert "Baris dihapus." in response.content.decode()


def test_a_row_of_another_form_is_not_found(client, form, form_process):
    other = first_sub_row(form_of(form_process, "PPIK"))
    assert client.get(edit_url(form, other)).status_code == 404
    url = reverse("rkt:unit_form_row_delete", args=[form.pk, other.pk])
    assert client.post(url, {"version": other.version}).status_code == 404
    assert FormRktRow.objects.filter(pk=other.pk).exists()


def test_a_sent_form_cannot_be_changed(client, form, kabid_mpk):
    submit_form(form, by=kabid_mpk)
    row = first_sub_row(form)
    before = rows_state(form)
    response = client.post(edit_url(form, row), {**initial_of(row), "target": "9"})
    assert response.status_code == 409
    assert "tidak dapat diubah" in response.content.decode()
    delete_url = reverse("rkt:unit_form_row_delete", args=[form.pk, row.pk])
    delete = client.post(delete_url, {"version": row.version})
    assert delete.status_code == 409
    assert client.post(add_url(form), new_row(mutasi(form))).status_code == 409
    assert rows_state(form) == before


def test_a_row_is_not_added_to_a_form_that_holds_the_most_rows(client, form):
    template = form.rows.first()
    extra = [
        FormRktRow(
            form=form,
            order=1000 + number,
            kegiatan_id=template.kegiatan_id,
            sub_kegiatan_id=template.sub_kegiatan_id,
            sasaran_kegiatan="Sasaran",
            indikator=f"Indikator {number}",
            satuan="dokumen",
            target="1",
            anggaran=Decimal(0),
        )
        for number in range(1000 - form.rows.count())
    ]
    FormRktRow.objects.bulk_create(extra)

    response = client.post(add_url(form), new_row(mutasi(form)))

    assert response.status_code == 422
    assert "paling banyak 1000 baris" in response.content.decode()
    assert form.rows.count() == 1000
