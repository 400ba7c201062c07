import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from erkt.org.models import Employee, Position, Unit

pytestmark = pytest.mark.django_db

MODELS = ["organization", "unit", "position", "employee"]


def changelist(model: str) -> str:
    return reverse(f"admin:org_{model}_changelist")


def change(obj) -> str:
    return reverse(f"admin:org_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.fixture
def disdik_admin(stranger):
    """The Kepala of Dinas Pendidikan as a staff user (not superuser) allowed the org admin."""
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="org"))
    return stranger


@pytest.mark.parametrize("model", MODELS)
def test_the_administrator_opens_every_org_changelist(client_for, administrator, model):
    assert client_for(administrator).get(changelist(model)).status_code == 200


@pytest.mark.parametrize("model", [Unit, Position, Employee])
def test_the_administrator_opens_every_change_form(client_for, administrator, model):
    obj = model.objects.filter(organization__short_name="BKPSDM").first()
    assert client_for(administrator).get(change(obj)).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_a_demo_user_who_is_not_staff_is_sent_to_the_admin_login(client_for, kepala, model):
    response = client_for(kepala).get(changelist(model))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_employee_list_shows_the_nip_in_groups(client_for, administrator):
    html = client_for(administrator).get(changelist("employee")).content.decode()
    assert "19700314 199503 1 002" in html
    assert "Dr. H. Ahmad Rifani, S.Sos., M.Si." in html


def test_the_employee_list_finds_a_nip_typed_in_groups(client_for, administrator):
    response = client_for(administrator).get(changelist("employee"), {"q": "19700314 199503 1 002"})
    assert list(response.context["cl"].result_list) == [
        Employee.objects.get(user__username="kepala")
    ]


def test_the_employee_list_finds_a_name(client_for, administrator):
    response = client_for(administrator).get(changelist("employee"), {"q": "noorhayati"})
    assert [e.user.username for e in response.context["cl"].result_list] == ["kabid.ppik"]


def test_the_head_position_choices_are_the_jabatan_of_that_unit(client_for, administrator):
    unit = Unit.objects.get(organization__short_name="BKPSDM", short_name="PERENCANAAN")
    response = client_for(administrator).get(change(unit))
    choices = response.context["adminform"].form.fields["head_position"].queryset
    assert set(choices.values_list("title", flat=True)) == {
        "Kepala Subbagian Perencanaan",
        "Anggota Tim Perencanaan",
    }


def test_a_unit_cannot_be_headed_by_a_jabatan_of_another_unit(demo):
    unit = demo.units.get(short_name="PPIK")
    unit.head_position = demo.units.get(short_name="MPK").head_position
    with pytest.raises(ValidationError) as caught:
        unit.full_clean()
    assert caught.value.message_dict["head_position"] == [
        "Jabatan kepala unit harus jabatan pada unit ini."
    ]


def test_a_unit_cannot_hang_under_its_own_sub_unit(demo):
    sekretariat = demo.units.get(short_name="SEKRETARIAT")
    sekretariat.parent = demo.units.get(short_name="UMPEG")
    with pytest.raises(ValidationError) as caught:
        sekretariat.full_clean()
    assert "parent" in caught.value.message_dict


def test_a_unit_cannot_hang_under_a_unit_of_another_organization(demo, other_org):
    unit = demo.units.get(short_name="PPIK")
    unit.parent = other_org.units.get(short_name="KADIS")
    with pytest.raises(ValidationError):
        unit.full_clean()


def test_a_staff_user_sees_only_the_rows_of_their_organization(client_for, disdik_admin, other_org):
    client = client_for(disdik_admin)
    for model in MODELS:
        rows = client.get(changelist(model)).context["cl"].result_list
        organizations = {r.pk if model == "organization" else r.organization_id for r in rows}
        assert organizations == {other_org.pk}, model


def test_a_staff_user_cannot_open_a_row_of_another_organization(client_for, disdik_admin, demo):
    unit = demo.units.get(short_name="PPIK")
    response = client_for(disdik_admin).get(change(unit))
    # The admin answers a row outside its queryset as "does not exist": back to the index.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_a_staff_user_is_offered_only_their_own_units_and_pegawai(
    client_for, disdik_admin, other_org, demo
):
    response = client_for(disdik_admin).get(reverse("admin:org_position_add"))
    fields = response.context["adminform"].form.fields
    assert {u.organization_id for u in fields["unit"].queryset} == {other_org.pk}
    assert {e.organization_id for e in fields["holders"].queryset} == {other_org.pk}


def test_a_position_added_in_the_admin_takes_the_organization_of_its_unit(
    client_for, administrator, demo
):
    unit = demo.units.get(short_name="MPK")
    holder = Employee.objects.get(user__username="kabid.mpk")
    response = client_for(administrator).post(
        reverse("admin:org_position_add"),
        {"unit": unit.pk, "title": "Analis Kinerja", "role": "staf", "holders": [holder.pk]},
    )
    assert response.status_code == 302
    position = Position.objects.get(title="Analis Kinerja")
    assert position.organization == demo
    assert list(position.holders.all()) == [holder]
