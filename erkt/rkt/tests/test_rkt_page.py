"""The RKT page: the current version as the official table, its totals, versions and links."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.drafts.table import build_table
from erkt.rkt.templatetags.rkt_format import rupiah
from erkt.rkt.tests.drafts_helpers import form_total, latest, open_task, user
from erkt.workflow import engine


def page_url(process) -> str:
    return reverse("rkt:drafts:page", args=[process.pk])


def shown_version(response) -> int:
    """The number of the version the page shows (its status line)."""
    body = response.content.decode()
    found = re.search(r'<span class="fs-5 fw-semibold">Versi (\d+)</span>', body)
    return int(found[1])


@pytest.mark.parametrize(
    "member", ["kepala", "sekretaris", "tim1", "kabid_ppik", "kasubbag_umum", "administrator"]
)
def test_every_member_of_the_organisation_reads_the_rkt(compiled, client_for, member, request):
    response = client_for(request.getfixturevalue(member)).get(page_url(compiled))
    assert response.status_code == 200
    assert shown_version(response) == latest(compiled).number


def test_another_organisation_gets_404(compiled, client_for, stranger):
    assert client_for(stranger).get(page_url(compiled)).status_code == 404


def test_anonymous_is_sent_to_sign_in(compiled, client):
    response = client.get(page_url(compiled))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_only_reads(compiled, client_for, kepala):
    assert client_for(kepala).post(page_url(compiled)).status_code == 405


def test_it_shows_the_official_table_with_totals_per_program_and_overall(
    compiled, client_for, kabid_psdm
):
    response = client_for(kabid_psdm).get(page_url(compiled))
    body = response.content.decode()
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', body)
    assert headers[:9] == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Program",
        "Kegiatan",
        "Sub Kegiatan",
        "Anggaran (Rp)",
    ]
    assert "RENCANA KINERJA TAHUNAN (RKT)" in body.upper() and "TAHUN 2027" in body
    total = form_total(compiled)
    assert f'<td class="text-end text-nowrap" id="rkt-total">{rupiah(total)}</td>' in body
    for code in ("5.03.01", "5.03.02"):
        amount = rupiah(form_total(compiled, kegiatan__program__code=code))
        assert re.search(rf"Jumlah {re.escape(code)} [^<]*</th>\s*<td[^>]*>{amount}</td>", body)
    assert "Indeks Profesionalitas ASN" in body and ">76<" in body
    assert re.search(r'<span class="fs-5 fw-semibold">Versi 1</span>\s*<span class="badge', body)


def test_each_sasaran_is_numbered_once_over_its_rows(compiled, client_for, kabid_psdm):
    body = client_for(kabid_psdm).get(page_url(compiled)).content.decode()
    table = build_table(list(latest(compiled).rows.all()))
    numbered = re.findall(r'<td rowspan="(\d+)" class="text-center">(\d+)</td>', body)
    assert [number for _span, number in numbered] == ["1", "2"]
    assert sum(int(span) for span, _number in numbered) == len(table.lines)
    assert table.row_count == latest(compiled).rows.count()


def test_merged_sub_kegiatan_cells_carry_the_sum_of_their_rows(compiled):
    table = build_table(list(latest(compiled).rows.all()))
    own = [line for line in table.lines if line.row and line.sub_span and not line.subtotal]
    shown = sum(line.anggaran or 0 for line in own)  # a kegiatan's subtotal is not counted twice
    assert shown == table.total == form_total(compiled)


def test_before_compiling_it_says_so_and_offers_the_compile_to_the_tim(
    at_step_6, client_for, tim1, kabid_ppik
):
    response = client_for(tim1).get(page_url(at_step_6))
    assert "Draft RKT belum dikompilasi." in response.content.decode()
    compile_url = reverse("rkt:drafts:compile", args=[at_step_6.pk])
    assert compile_url in response.content.decode()
    assert compile_url not in client_for(kabid_ppik).get(page_url(at_step_6)).content.decode()


def test_it_links_the_versions_their_corrections_and_diffs(at_step_9, client_for, kepala):
    response = client_for(kepala).get(page_url(at_step_9))
    body = response.content.decode()
    assert shown_version(response) == 2
    assert reverse("rkt:drafts:version", args=[at_step_9.pk, 1]) in body
    assert reverse("rkt:drafts:corrections", args=[at_step_9.pk, 2]) in body
    assert f"{reverse('rkt:drafts:diff', args=[at_step_9.pk])}?dari=1&amp;ke=2" in body


def test_an_earlier_version_is_shown_as_such(at_step_9, client_for, kepala):
    url = reverse("rkt:drafts:version", args=[at_step_9.pk, 1])
    response = client_for(kepala).get(url)
    assert shown_version(response) == 1
    assert "Anda melihat versi lama." in response.content.decode()
    missing = reverse("rkt:drafts:version", args=[at_step_9.pk, 9])
    assert client_for(kepala).get(missing).status_code == 404


def test_the_final_version_is_marked_final(at_step_10, client_for, kabid_mpk):
    engine.complete_task(
        open_task(at_step_10, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    body = client_for(kabid_mpk).get(page_url(at_step_10)).content.decode()
    assert "bi-lock-fill" in body and "ditetapkan" in body


def test_the_year_address_leads_to_the_process(compiled, client_for, kepala):
    response = client_for(kepala).get(reverse("rkt:drafts:year", args=[2027]))
    assert response.status_code == 302 and response["Location"] == page_url(compiled)
    assert client_for(kepala).get(reverse("rkt:drafts:year", args=[2031])).status_code == 404


@pytest.mark.database
def test_the_page_costs_a_fixed_number_of_queries(
    at_step_9, client_for, kabid_psdm, django_assert_num_queries
):
    client = client_for(kabid_psdm)
    client.get(page_url(at_step_9))  # the session and the user's employee record warm up
    with django_assert_num_queries(8):
        client.get(page_url(at_step_9))
    with django_assert_num_queries(8):
        client.get(reverse("rkt:drafts:version", args=[at_step_9.pk, 1]))


def test_a_new_version_lists_the_decided_corrections_that_produced_it(
    at_step_9, client_for, kepala
):
    from erkt.rkt.drafts.corrections import add_review_comment
    from erkt.rkt.tests.drafts_helpers import next_version, row_of

    row = row_of(latest(at_step_9), key__startswith="iku:")
    comment = add_review_comment(
        open_task(at_step_9, 9),
        by=user("sekretaris"),
        row_key=row.key,
        field="target",
        comment="Sesuaikan dengan RPJMD.",
        proposed_value="78",
    )
    engine.complete_task(
        open_task(at_step_9, 9), by=user("sekretaris"), decision="tidak", note="Perbaiki."
    )
    draft = next_version(at_step_9, {comment.pk: ("accept", "")})
    url = reverse("rkt:drafts:corrections", args=[at_step_9.pk, draft.number])
    html = client_for(kepala).get(url).content.decode()
    produced = html[html.index('id="resolved-corrections"') :]
    assert f"Koreksi yang menghasilkan versi {draft.number}" in html
    assert "Sesuaikan dengan RPJMD." in produced
    assert "Diterima" in produced or "diterima" in produced


def kegiatan_row(process):
    """A kegiatan's own row (budgeted in its sub kegiatan, so its own anggaran is 0)."""
    rows = latest(process).rows.filter(section="program", sub_kegiatan_code="")
    row = rows.exclude(kegiatan_code="").order_by("order").first()
    assert row is not None and not row.anggaran
    return row


def subtotal_of(process, kegiatan_code: str):
    rows = latest(process).rows.filter(section="program", kegiatan_code=kegiatan_code)
    return sum(row.anggaran or 0 for row in rows)


def test_a_kegiatan_shows_its_subtotal_in_the_rkt_table(compiled, client_for, kepala):
    row = kegiatan_row(compiled)
    subtotal = subtotal_of(compiled, row.kegiatan_code)
    assert subtotal > 0
    table = build_table(list(latest(compiled).rows.all()))
    line = next(line for line in table.lines if line.row and line.row.pk == row.pk)
    assert line.anggaran == subtotal and line.subtotal
    assert rupiah(subtotal) in client_for(kepala).get(page_url(compiled)).content.decode()


def test_the_review_shows_a_kegiatans_subtotal_not_zero(at_step_9, client_for, sekretaris):
    row = kegiatan_row(at_step_9)
    html = client_for(sekretaris).get(reverse("rkt:drafts:review", args=[at_step_9.pk]))
    html = html.content.decode()
    cells = html[html.index(f'id="baris-{row.order}"') :]
    cells = cells[: cells.index("</tr>")]
    assert rupiah(subtotal_of(at_step_9, row.kegiatan_code)) in cells
