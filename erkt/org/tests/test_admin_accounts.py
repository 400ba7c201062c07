"""Accounts in the admin: an office's administrator manages its own pegawai's accounts only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from erkt.org.models import Employee

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def office_admin(demo):
    """A staff pegawai of BKPSDM (not superuser) allowed to manage accounts and the org admin."""
    user = User.objects.create_user("admin.bkpsdm", password="x", is_staff=True)
    Employee.objects.create(organization=demo, user=user, name="Admin Kantor")
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="auth",
            codename__in=["view_user", "change_user", "add_user", "delete_user"],
        )
        | Permission.objects.filter(content_type__app_label="org")
    )
    return user


def user_url(name: str, user) -> str:
    return reverse(f"admin:auth_user_{name}", args=[user.pk])


URLS = ["change", "password_change", "delete", "history"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("actor", "target", "status"),
    [
        ("office_admin", "kepala", 200),
        ("office_admin", "stranger", 404),
        ("office_admin", "administrator", 404),
        ("administrator", "kepala", 200),
        ("administrator", "stranger", 200),
        ("administrator", "office_admin", 200),
    ],
)
def test_the_account_pages_answer_by_role(request, client_for, actor, target, url, status):
    actor_user = request.getfixturevalue(actor)
    target_user = request.getfixturevalue(target)
    response = client_for(actor_user).get(user_url(url, target_user))
    assert response.status_code == status


def test_a_pegawai_who_is_not_staff_is_sent_to_the_admin_login(client_for, kepala, tim1):
    response = client_for(kepala).get(user_url("change", tim1))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_office_admin_lists_only_the_accounts_of_its_office(client_for, office_admin, stranger):
    response = client_for(office_admin).get(reverse("admin:auth_user_changelist"))
    listed = {u.username for u in response.context["cl"].result_list}
    assert "kepala" in listed and "admin.bkpsdm" in listed
    assert "kepala.disdik" not in listed
    # The demo administrator is a superuser: only a superuser manages it.
    assert "admin" not in listed


def test_the_superuser_lists_every_account(client_for, administrator, stranger):
    response = client_for(administrator).get(reverse("admin:auth_user_changelist"))
    listed = {u.username for u in response.context["cl"].result_list}
    assert {"kepala", "kepala.disdik", "admin"} <= listed


def test_the_office_admin_cannot_set_another_offices_password(client_for, office_admin, stranger):
    before = User.objects.get(pk=stranger.pk).password
    response = client_for(office_admin).post(
        user_url("password_change", stranger),
        {"password1": "Rahasia-Baru-123", "password2": "Rahasia-Baru-123"},
    )
    assert response.status_code == 404
    assert User.objects.get(pk=stranger.pk).password == before


def test_the_office_admin_sets_a_password_in_its_office(client_for, office_admin, kepala):
    response = client_for(office_admin).post(
        user_url("password_change", kepala),
        {"password1": "Rahasia-Baru-123", "password2": "Rahasia-Baru-123"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=kepala.pk).check_password("Rahasia-Baru-123")


def change_data(user, **extra) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        # Shown (and required) on a superuser's form only.
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(extra)
    return data


def test_the_office_admin_cannot_make_anyone_superuser_or_staff(client_for, office_admin, tim1):
    response = client_for(office_admin).post(
        user_url("change", tim1), change_data(tim1, is_superuser="on", is_staff="on")
    )
    assert response.status_code == 302
    tim1.refresh_from_db()
    assert not tim1.is_superuser
    assert not tim1.is_staff


def test_the_office_admin_cannot_make_itself_superuser(client_for, office_admin):
    client_for(office_admin).post(
        user_url("change", office_admin), change_data(office_admin, is_superuser="on")
    )
    office_admin.refresh_from_db()
    assert not office_admin.is_superuser


def test_the_office_admin_cannot_grant_a_permission_it_does_not_hold(
    client_for, office_admin, tim1
):
    add_group = Permission.objects.get(codename="add_group")
    response = client_for(office_admin).post(
        user_url("change", tim1), change_data(tim1, user_permissions=[add_group.pk])
    )
    assert response.status_code == 200
    assert "user_permissions" in response.context["adminform"].form.errors
    assert not tim1.user_permissions.exists()


def test_the_office_admin_grants_a_permission_it_holds(client_for, office_admin, tim1):
    view_user = Permission.objects.get(codename="view_user")
    response = client_for(office_admin).post(
        user_url("change", tim1), change_data(tim1, user_permissions=[view_user.pk])
    )
    assert response.status_code == 302
    assert list(tim1.user_permissions.all()) == [view_user]


def test_the_office_admin_cannot_put_anyone_in_a_group_it_is_not_in(client_for, office_admin, tim1):
    powerful = Group.objects.create(name="Pengelola Aplikasi")
    powerful.permissions.set(Permission.objects.all())
    response = client_for(office_admin).post(
        user_url("change", tim1), change_data(tim1, groups=[powerful.pk])
    )
    assert response.status_code == 200
    assert not tim1.groups.exists()


def test_the_office_admin_keeps_what_it_cannot_grant(client_for, office_admin, tim1):
    add_group = Permission.objects.get(codename="add_group")
    tim1.user_permissions.add(add_group)
    response = client_for(office_admin).post(user_url("change", tim1), change_data(tim1))
    assert response.status_code == 302
    assert list(tim1.user_permissions.all()) == [add_group]


def test_the_office_admin_cannot_take_over_another_administrator(client_for, office_admin, tim1):
    tim1.is_staff = True
    tim1.save(update_fields=["is_staff"])
    client = client_for(office_admin)
    assert client.post(user_url("change", tim1), change_data(tim1)).status_code == 403
    response = client.post(
        user_url("password_change", tim1),
        {"password1": "Rahasia-Baru-123", "password2": "Rahasia-Baru-123"},
    )
    assert response.status_code == 403
    assert not User.objects.get(pk=tim1.pk).check_password("Rahasia-Baru-123")


def test_the_superuser_still_grants_superuser(client_for, administrator, tim1):
    response = client_for(administrator).post(
        user_url("change", tim1), change_data(tim1, is_superuser="on", is_staff="on")
    )
    assert response.status_code == 302
    tim1.refresh_from_db()
    assert tim1.is_superuser and tim1.is_staff


def test_an_account_added_by_the_office_admin_belongs_to_a_pegawai_of_its_office(
    client_for, office_admin, demo
):
    pegawai = Employee.objects.create(organization=demo, name="Pegawai Baru")
    response = client_for(office_admin).post(
        reverse("admin:auth_user_add"),
        {
            "employee": pegawai.pk,
            "username": "pegawai.baru",
            "usable_password": "true",
            "password1": "Rahasia-Baru-123",
            "password2": "Rahasia-Baru-123",
        },
    )
    assert response.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.user.username == "pegawai.baru"


def test_the_office_admin_cannot_add_an_account_for_another_offices_pegawai(
    client_for, office_admin, other_org
):
    pegawai = Employee.objects.create(organization=other_org, name="Pegawai Disdik")
    response = client_for(office_admin).post(
        reverse("admin:auth_user_add"),
        {
            "employee": pegawai.pk,
            "username": "pegawai.disdik",
            "usable_password": "true",
            "password1": "Rahasia-Baru-123",
            "password2": "Rahasia-Baru-123",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="pegawai.disdik").exists()


@pytest.fixture
def groups(office_admin):
    own = Group.objects.create(name="Operator BKPSDM")
    office_admin.groups.add(own)
    other = Group.objects.create(name="Operator Disdik")
    return own, other


@pytest.mark.parametrize(
    ("actor", "group", "status"),
    [
        ("office_admin", 0, 200),
        ("office_admin", 1, 404),
        ("administrator", 0, 200),
        ("administrator", 1, 200),
    ],
)
def test_the_group_pages_answer_by_role(request, client_for, groups, actor, group, status):
    office_admin = request.getfixturevalue("office_admin")
    office_admin.user_permissions.add(Permission.objects.get(codename="view_group"))
    user = request.getfixturevalue(actor)
    url = reverse("admin:auth_group_change", args=[groups[group].pk])
    assert client_for(user).get(url).status_code == status


def test_the_office_admin_cannot_add_permissions_to_its_own_group(client_for, office_admin, groups):
    office_admin.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_group", "change_group"])
    )
    own = groups[0]
    response = client_for(office_admin).post(
        reverse("admin:auth_group_change", args=[own.pk]),
        {"name": own.name, "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )
    assert response.status_code == 403
    assert not own.permissions.exists()


def test_the_office_admin_cannot_adopt_a_free_administrator_account(client_for, office_admin, demo):
    free_admin = User.objects.create_user("ops", password="x", is_staff=True)
    free_superuser = User.objects.create_superuser("root", password="x")
    free_pegawai = User.objects.create_user("baru", password="x")
    response = client_for(office_admin).get(reverse("admin:org_employee_add"))
    choices = set(response.context["adminform"].form.fields["user"].queryset)
    assert free_pegawai in choices
    assert free_admin not in choices and free_superuser not in choices
