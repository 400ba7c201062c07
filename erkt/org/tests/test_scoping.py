import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from erkt.org.access import organization_of, require_role, roles_of
from erkt.org.models import Role

pytestmark = pytest.mark.django_db

SOP_TITLE = "Penyusunan Rencana Kinerja Tahunan (RKT)"


def test_a_demo_user_belongs_to_bkpsdm(demo, tim1, administrator):
    assert organization_of(tim1) == demo
    assert organization_of(administrator) == demo


def test_the_stranger_belongs_to_the_other_organization(demo, stranger, other_org):
    assert organization_of(stranger) == other_org != demo


def test_a_user_without_employee_has_no_organization(demo):
    user = get_user_model().objects.create_user("tamu", password="x")
    with pytest.raises(Http404):
        organization_of(user)


def test_anonymous_has_no_organization():
    with pytest.raises(Http404):
        organization_of(AnonymousUser())


def test_the_sop_list_shows_the_sops_of_the_own_organization(client_for, kepala):
    html = client_for(kepala).get(reverse("sop:list")).content.decode()
    assert SOP_TITLE in html


def test_the_sop_list_of_another_organization_does_not_show_bkpsdm_sops(client_for, stranger, demo):
    response = client_for(stranger).get(reverse("sop:list"))
    assert response.status_code == 200
    assert SOP_TITLE not in response.content.decode()


def test_a_user_without_employee_gets_404(client_for, demo):
    user = get_user_model().objects.create_user("tamu", password="x")
    assert client_for(user).get(reverse("sop:list")).status_code == 404


def test_a_superuser_without_employee_gets_404_too(client_for, demo):
    root = get_user_model().objects.create_superuser("root", password="x")
    assert client_for(root).get(reverse("sop:list")).status_code == 404


def test_roles_come_from_the_positions_held(kasubbag_perencanaan, tim2, administrator):
    assert roles_of(kasubbag_perencanaan) == {Role.KASUBBAG_PERENCANAAN}
    assert roles_of(tim2) == {Role.TIM_PERENCANAAN}
    assert roles_of(administrator) == set()


def test_require_role_refuses_a_role_the_user_does_not_hold(kabid_ppik):
    require_role(kabid_ppik, Role.KEPALA_UNIT)
    with pytest.raises(PermissionDenied):
        require_role(kabid_ppik, Role.KEPALA, Role.SEKRETARIS)


def test_the_sop_of_bkpsdm_is_a_404_for_another_organization(client_for, stranger, demo):
    url = reverse("sop:detail", args=["penyusunan-rkt"])
    assert client_for(stranger).get(url).status_code == 404


def test_the_sop_of_bkpsdm_opens_for_its_own_people(client_for, tim1):
    url = reverse("sop:detail", args=["penyusunan-rkt"])
    assert client_for(tim1).get(url).status_code == 200
