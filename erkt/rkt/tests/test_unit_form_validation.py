"""Every rule a Form RKT must meet: refused with a message in Bahasa Indonesia, nothing changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.rkt.tests.form_fixtures import fill_task, first_sub_row, form_of, form_process, rows_state
from erkt.rkt.unit_forms.forms import initial_of
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.rules import is_numeric_satuan, parse_number

__all__ = ["form_process"]


@pytest.fixture
def form(form_process) -> FormRkt:
    return form_of(form_process, "MPK")


@pytest.fixture
def client(client_for, kabid_mpk):
    return client_for(kabid_mpk)


def submit(client, form: FormRkt):
    return client.post(reverse("rkt:unit_form_submit", args=[form.pk]))


def assert_refused(response, message: str, form: FormRkt, before: list) -> None:
    assert response.status_code == 422
    assert message in response.content.decode()
    assert rows_state(form) == before
    assert form.status == FormRkt.Status.DRAFT
    assert fill_task(form.process, form.unit.short_name) is not None


# --- Sending ------------------------------------------------------------------------------


def test_the_issued_form_is_sent(client, form):
    response = submit(client, form)
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.is_submitted


def test_an_empty_form_is_refused(client, form):
    form.rows.all().delete()
    before = rows_state(form)
    response = submit(client, form)
    assert_refused(
        response, "Form RKT masih kosong; tambahkan paling sedikit satu baris.", form, before
    )


def test_a_renstra_indicator_without_target_is_refused(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(target="")
    before = rows_state(form)
    response = submit(client, form)
    message = (
        f"Indikator Renstra \u201c{row.renstra_indikator.uraian}\u201d "
        f"({row.sub_kegiatan.code}) belum diberi target."
    )
    assert_refused(response, message, form, before)


def test_a_renstra_indicator_whose_row_was_removed_is_refused(client, form):
    row = first_sub_row(form)
    row.delete()
    before = rows_state(form)
    response = submit(client, form)
    assert_refused(response, "belum diberi target.", form, before)


def test_a_text_target_for_a_numeric_satuan_is_refused(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(target="empat")
    before = rows_state(form)
    response = submit(client, form)
    message = (
        "Baris 2 (5.03.02.2.02.0001): Target \u201cempat\u201d bukan angka, padahal satuannya "
        "\u201cdokumen\u201d diukur dengan angka."
    )
    assert_refused(response, message, form, before)


def test_a_negative_anggaran_is_refused(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(anggaran=Decimal(-1))
    before = rows_state(form)
    response = submit(client, form)
    assert_refused(
        response, "Baris 2 (5.03.02.2.02.0001): Anggaran tidak boleh negatif.", form, before
    )


def test_a_program_above_its_pagu_without_justification_is_refused(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(anggaran=row.anggaran + 1_000_000)
    before = rows_state(form)
    response = submit(client, form)
    assert_refused(
        response, "Total anggaran program 5.03.02 Program Kepegawaian Daerah", form, before
    )
    assert "melebihi pagu unit ini" in response.content.decode()


def test_a_program_above_its_pagu_with_a_justification_is_sent(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(
        anggaran=row.anggaran + 1_000_000, justifikasi="Tambahan mutasi antar daerah 2027."
    )
    assert submit(client, form).status_code == 302
    form.refresh_from_db()
    assert form.is_submitted


def test_every_problem_is_listed_at_once(client, form):
    rows = list(form.rows.filter(sub_kegiatan__isnull=False).order_by("order"))
    form.rows.filter(pk=rows[0].pk).update(anggaran=Decimal(-5))
    form.rows.filter(pk=rows[1].pk).update(target="banyak")
    html = submit(client, form).content.decode()
    assert "Anggaran tidak boleh negatif." in html
    assert "Target \u201cbanyak\u201d bukan angka" in html


def test_a_text_target_is_allowed_for_a_predikat(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(satuan="Predikat", target="BB")
    assert submit(client, form).status_code == 302


# --- Changing a row -----------------------------------------------------------------------


def post_row(client, form: FormRkt, row, **changes):
    data = {**initial_of(row), **changes}
    url = reverse("rkt:unit_form_row_edit", args=[form.pk, row.pk])
    return client.post(url, data)


def test_a_row_with_a_text_target_for_a_numeric_satuan_is_not_saved(client, form):
    before = rows_state(form)
    response = post_row(client, form, first_sub_row(form), target="lima")
    assert_refused(response, "Target \u201clima\u201d bukan angka", form, before)


def test_a_row_with_a_negative_anggaran_is_not_saved(client, form):
    before = rows_state(form)
    response = post_row(client, form, first_sub_row(form), anggaran="-1.000")
    assert_refused(response, "Anggaran tidak boleh negatif.", form, before)


def test_a_row_without_indicator_or_target_is_not_saved(client, form):
    before = rows_state(form)
    row = first_sub_row(form)
    response = post_row(client, form, row, renstra_indikator="", indikator=" ", target="")
    assert_refused(response, "Indikator kinerja wajib diisi.", form, before)
    assert "Target wajib diisi." in response.content.decode()


def test_a_row_with_an_amount_that_is_no_number_is_not_saved(client, form):
    before = rows_state(form)
    response = post_row(client, form, first_sub_row(form), anggaran="85 juta")
    assert_refused(response, "Anggaran harus angka rupiah", form, before)


def test_a_row_linked_to_another_kegiatans_indicator_is_not_saved(client, form):
    sub, other = list(form.rows.filter(sub_kegiatan__isnull=False).order_by("order"))[:2]
    before = rows_state(form)
    response = post_row(client, form, sub, renstra_indikator=str(other.renstra_indikator_id))
    assert_refused(response, "bukan indikator kegiatan atau sub kegiatan baris ini", form, before)


# --- The rules themselves -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("satuan", "numeric"),
    [
        ("%", True),
        ("persen", True),
        ("Dokumen", True),
        ("orang", True),
        ("JP", True),
        ("indeks", True),
        ("nilai", True),
        ("sertifikat", True),
        ("predikat", False),
        ("Predikat SAKIP", False),
        ("kategori", False),
        ("opini", False),
        ("nilai huruf", False),
    ],
)
def test_which_satuan_takes_a_number(satuan, numeric):
    assert is_numeric_satuan(satuan) is numeric


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("95", Decimal("95")),
        ("92,5", Decimal("92.5")),
        ("92.5", Decimal("92.5")),
        ("1.400", Decimal("1400")),
        ("85.000.000", Decimal("85000000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("Rp 85.000.000", Decimal("85000000")),
        ("-3", Decimal("-3")),
        ("empat", None),
        ("95%", None),
        ("1,2,3", None),
        ("", None),
    ],
)
def test_numbers_are_read_the_indonesian_way(text, number):
    assert parse_number(text) == number
