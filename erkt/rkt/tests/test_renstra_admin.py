"""The Renstra in the admin: every model opens, rows limited to the user's organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.rkt.models import Indikator, Kegiatan, Program, Renstra, SubKegiatan


@pytest.mark.parametrize("model", [Renstra, Program, Kegiatan, SubKegiatan, Indikator])
def test_the_administrator_opens_every_renstra_model(client_for, administrator, renstra, model):
    client = client_for(administrator)
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(change).status_code == 200


def test_a_staff_user_of_another_office_sees_no_bkpsdm_row(client_for, stranger, renstra):
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    from django.contrib.auth.models import Permission

    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="rkt"))
    client = client_for(stranger)
    for model in (Renstra, SubKegiatan, Indikator):
        opts = model._meta
        response = client.get(reverse(f"admin:rkt_{opts.model_name}_changelist"))
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0
