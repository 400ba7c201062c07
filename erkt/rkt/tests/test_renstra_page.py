"""The Renstra page: the whole plan readable by every pegawai of the office."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from erkt.rkt.models import Renstra


def shown(response) -> str | None:
    """The title of the Renstra the page shows (None: none is shown)."""
    found = re.search(r'<p class="text-body-secondary mb-0">([^<]*)</p>', response.content.decode())
    return found and found.group(1)


CAST = [
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "kasubbag_umum",
    "kabid_ppik",
    "kabid_psdm",
    "kabid_mpk",
    "administrator",
]


@pytest.mark.parametrize("user", CAST)
def test_every_pegawai_of_the_office_reads_it(request, client_for, renstra, user):
    response = client_for(request.getfixturevalue(user)).get(reverse("rkt:renstra"))
    assert response.status_code == 200
    assert shown(response) == renstra.title


def test_it_shows_sasaran_iku_and_targets_per_year(client_for, kabid_mpk, renstra):
    html = client_for(kabid_mpk).get(reverse("rkt:renstra")).content.decode()
    assert "Meningkatnya profesionalitas ASN" in html
    assert html.count('badge text-bg-success">IKU</span>') == 5 + 1  # 5 IKU and the legend
    assert "Persentase kenaikan pangkat ASN tepat waktu" in html
    assert "70,15" in html  # the baseline of the Indeks Profesionalitas ASN, Indonesian style


def test_it_shows_the_program_tree_with_units_and_pagu(client_for, kabid_mpk, renstra):
    html = client_for(kabid_mpk).get(reverse("rkt:renstra")).content.decode()
    for text in (
        "5.03.02",
        "Program Kepegawaian Daerah",
        "5.03.02.2.02",
        "Mutasi dan Promosi ASN",
        "5.03.02.2.02.0001",
        "Pengelolaan Mutasi ASN",
        ">MPK</abbr>",
        "Jumlah pagu indikatif seluruh program",
    ):
        assert text in html
    total_2025 = renstra.pagu_by_year[2025]
    assert f"{int(total_2025):,}".replace(",", ".") in html


@pytest.mark.database
def test_it_costs_a_fixed_number_of_queries(
    client_for, kabid_mpk, renstra, django_assert_max_num_queries
):
    client = client_for(kabid_mpk)
    with django_assert_max_num_queries(12):
        client.get(reverse("rkt:renstra_detail", args=[renstra.pk]))


def test_an_office_without_renstra_sees_how_to_get_one(client_for, kasubbag_perencanaan):
    html = client_for(kasubbag_perencanaan).get(reverse("rkt:renstra")).content.decode()
    assert "Belum ada Renstra" in html
    assert reverse("rkt:renstra_template") in html


@time_machine.travel("2031-01-05 09:00 +0800", tick=False)
def test_after_the_period_it_shows_the_latest_renstra(client_for, kepala, renstra):
    response = client_for(kepala).get(reverse("rkt:renstra"))
    assert shown(response) == renstra.title


def test_another_organisation_gets_404_for_the_renstra(client_for, stranger, renstra):
    url = reverse("rkt:renstra_detail", args=[renstra.pk])
    assert client_for(stranger).get(url).status_code == 404


def test_another_organisation_sees_only_its_own_renstra(client_for, stranger, renstra):
    response = client_for(stranger).get(reverse("rkt:renstra"))
    assert response.status_code == 200
    assert shown(response) is None
    assert "Pengelolaan Mutasi ASN" not in response.content.decode()


@pytest.mark.parametrize("name", ["rkt:renstra", "rkt:renstra_detail"])
def test_anonymous_is_sent_to_sign_in(client, renstra, name):
    args = [renstra.pk] if name == "rkt:renstra_detail" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_only_answers_get(client_for, kasubbag_perencanaan, renstra):
    client = client_for(kasubbag_perencanaan)
    assert client.post(reverse("rkt:renstra")).status_code == 405
    assert client.post(reverse("rkt:renstra_detail", args=[renstra.pk])).status_code == 405
    assert Renstra.objects.count() == 1


def test_the_planning_line_finds_it_in_the_menu(client_for, tim1, kabid_ppik, renstra):
    link = f'href="{reverse("rkt:renstra")}"'
    # The planning line has its own item besides the one in the RKT menu; a Kabid only the latter.
    assert client_for(tim1).get(reverse("sop:list")).content.decode().count(link) == 2
    assert client_for(kabid_ppik).get(reverse("sop:list")).content.decode().count(link) == 1


def test_the_rows_rendered_in_python_escape_every_name(client_for, kabid_mpk, renstra):
    from erkt.rkt.models import Indikator, Kegiatan, Program, SasaranStrategis, SubKegiatan, Tujuan

    evil = "<script>alert(1)</script>"
    for model, field in [
        (Tujuan, "uraian"),
        (SasaranStrategis, "uraian"),
        (Indikator, "uraian"),
        (Indikator, "satuan"),
        (Program, "name"),
        (Kegiatan, "name"),
        (SubKegiatan, "name"),
    ]:
        model.objects.filter(pk=model.objects.order_by("pk").first().pk).update(**{field: evil})

    html = client_for(kabid_mpk).get(reverse("rkt:renstra")).content.decode()

    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 7


def test_a_draft_of_a_later_period_does_not_hide_the_renstra_in_force(client_for, kepala, renstra):
    later = Renstra.objects.create(
        organization=renstra.organization,
        title="Renstra berikutnya",
        period_start=renstra.period_end + 1,
        period_end=renstra.period_end + 5,
        status=Renstra.Status.DRAFT,
    )
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        response = client_for(kepala).get(reverse("rkt:renstra"))

    assert shown(response) == renstra.title
    menu = re.findall(
        r'class="dropdown-item[^"]*" href="(/rkt/renstra/\d+/)"', response.content.decode()
    )
    assert menu == [reverse("rkt:renstra_detail", args=[pk]) for pk in (later.pk, renstra.pk)]
