"""Granting the Pemkab reader role in the admin: superusers only, and never to a pegawai."""

from __future__ import annotations

from django.contrib.auth.models import Permission

from erkt.org.models import PemkabMembership

ADD = "/admin/org/pemkabmembership/add/"


def test_a_superuser_grants_the_role_to_an_account_of_its_own(
    client_for, administrator, django_user_model
):
    inspektur = django_user_model.objects.create_user("inspektorat", password="x")
    response = client_for(administrator).post(
        ADD, {"user": inspektur.pk, "body": "inspektorat", "name": "Rahmadi, S.E."}
    )
    assert response.status_code == 302
    membership = PemkabMembership.objects.get(user=inspektur)
    assert membership.granted_by == administrator
    assert client_for(inspektur).get("/pemkab/").status_code == 200


def test_the_admin_refuses_a_pegawai_of_an_opd(client_for, administrator, kabid_ppik):
    response = client_for(administrator).post(
        ADD, {"user": kabid_ppik.pk, "body": "bappeda", "name": "Noorhayati"}
    )
    assert response.status_code == 200
    assert "akun tersendiri" in response.content.decode()
    assert not PemkabMembership.objects.filter(user=kabid_ppik).exists()


def test_an_offices_staff_user_cannot_grant_it(client_for, stranger, django_user_model):
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="org"))
    someone = django_user_model.objects.create_user("someone", password="x")
    response = client_for(stranger).post(ADD, {"user": someone.pk, "body": "bappeda", "name": "X"})
    assert response.status_code == 403
    assert not PemkabMembership.objects.filter(user=someone).exists()
