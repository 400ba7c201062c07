"""The RKT process records in the admin: every model opens, issued versions only to be read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from erkt.rkt.drafts.models import Correction, DraftRkt
from erkt.rkt.preparation.models import (
    AnggotaTim,
    Disposisi,
    JadwalLangkah,
    PesertaRapat,
    RapatSosialisasi,
    RencanaPenyusunan,
)
from erkt.rkt.tests.preparation_helpers import meeting_held
from erkt.rkt.unit_forms.models import FormRkt

PREPARATION = [
    Disposisi,
    RencanaPenyusunan,
    AnggotaTim,
    JadwalLangkah,
    RapatSosialisasi,
    PesertaRapat,
]
DRAFTS = [FormRkt, DraftRkt, Correction]


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def prepared(request, rkt_process):
    """Steps 1-2 recorded and the socialisation meeting held."""
    return meeting_held(request, rkt_process)


@pytest.mark.parametrize("model", PREPARATION)
def test_the_administrator_opens_every_preparation_record(
    client_for, administrator, prepared, model
):
    client = client_for(administrator)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", DRAFTS)
def test_the_administrator_opens_every_form_and_draft_record(
    client_for, administrator, at_step_8, model
):
    client = client_for(administrator)
    assert client.get(admin_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


def test_the_disposisi_is_corrected_in_the_admin_but_not_added(client_for, administrator, prepared):
    client = client_for(administrator)
    disposisi = Disposisi.objects.get(process=prepared)
    assert client.get(admin_url(Disposisi, "add")).status_code == 403
    response = client.get(admin_url(Disposisi, "change", disposisi.pk))
    assert 'name="perihal"' in response.content.decode()
    assert client.post(admin_url(Disposisi, "delete", disposisi.pk)).status_code == 403
    assert Disposisi.objects.filter(pk=disposisi.pk).exists()


def test_an_issued_version_is_shown_with_its_rows_but_cannot_change(
    client_for, administrator, at_step_8
):
    client = client_for(administrator)
    draft = DraftRkt.objects.get(process=at_step_8, number=1)
    response = client.get(admin_url(DraftRkt, "change", draft.pk))
    html = response.content.decode()
    assert draft.rows.first().indikator in html
    assert 'name="rows-0-indikator"' not in html
    assert 'name="_save"' not in html
    assert client.post(admin_url(DraftRkt, "change", draft.pk), {}).status_code == 403
    assert client.get(admin_url(DraftRkt, "add")).status_code == 403
    assert client.post(admin_url(DraftRkt, "delete", draft.pk)).status_code == 403


def test_a_form_rkt_shows_its_rows_to_correct_and_its_state_only_to_read(
    client_for, administrator, at_step_8
):
    form = FormRkt.objects.filter(process=at_step_8).first()
    html = client_for(administrator).get(admin_url(FormRkt, "change", form.pk)).content.decode()
    assert 'name="rows-0-target"' in html
    assert 'name="status"' not in html


def test_a_correction_may_be_reworded_but_keeps_its_verdict(client_for, administrator, at_step_8):
    correction = Correction.objects.filter(draft__process=at_step_8).first()
    response = client_for(administrator).get(admin_url(Correction, "change", correction.pk))
    html = response.content.decode()
    assert 'name="comment"' in html
    assert 'name="status"' not in html
    assert 'name="proposed_value"' not in html


def changelist_of_a_stranger(client_for, stranger, model):
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="rkt"))
    response = client_for(stranger).get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return response.context["cl"]


@pytest.mark.parametrize("model", PREPARATION)
def test_a_staff_user_of_another_office_sees_no_bkpsdm_preparation_record(
    client_for, stranger, prepared, model
):
    assert model.objects.exists()
    assert changelist_of_a_stranger(client_for, stranger, model).result_count == 0


@pytest.mark.parametrize("model", DRAFTS)
def test_a_staff_user_of_another_office_sees_no_bkpsdm_form_or_draft(
    client_for, stranger, at_step_8, model
):
    assert model.objects.exists()
    assert changelist_of_a_stranger(client_for, stranger, model).result_count == 0
