"""The signed-in user, employee, organisation and positions read with written-out SQL
(erkt.org.signed_in): the same instances the ORM queries it stands for read."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from erkt.org.models import Employee, Position, Substitution, Unit
from erkt.org.signed_in import EmployeeBackend, positions_with_units, user_with_employee
from erkt.org.substitutes import own_and_acting_positions, today_in


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.database
def test_it_reads_the_user_employee_and_organisation_in_one_query(
    kepala, django_assert_num_queries
):
    kepala.last_login = timezone.now()
    kepala.save()
    with django_assert_num_queries(1):
        user = user_with_employee(kepala.pk)
        employee = user._erkt_employee
        organization = employee.organization
    expected = Employee.objects.select_related("organization").get(user=kepala)
    assert fields(user) == fields(get_user_model().objects.get(pk=kepala.pk))
    assert fields(employee) == fields(expected)
    assert fields(organization) == fields(expected.organization)
    assert timezone.is_aware(user.last_login) and user.is_staff is False


@pytest.mark.database
def test_an_account_without_an_employee_record_has_none(django_assert_num_queries, db):
    account = User.objects.create_user("pemkab.baca", password="x")
    with django_assert_num_queries(1):
        assert user_with_employee(account.pk)._erkt_employee is None


@pytest.mark.database
def test_no_user_for_an_unknown_key_or_an_inactive_account(kepala):
    assert user_with_employee(kepala.pk + 1000) is None
    User.objects.filter(pk=kepala.pk).update(is_active=False)
    assert EmployeeBackend().get_user(kepala.pk) is None


@pytest.mark.database
def test_a_signed_in_page_reads_the_user_with_the_employee(client_for, kepala):
    response = client_for(kepala).get("/sop/")
    assert response.wsgi_request.user._erkt_employee.user_id == kepala.pk


@pytest.mark.database
@pytest.mark.parametrize("who", ["kepala", "sekretaris", "kabid_ppik", "tim1", "administrator"])
def test_the_positions_are_those_the_orm_reads(request, who):
    user = request.getfixturevalue(who)
    employee = Employee.objects.select_related("organization").get(user=user)
    expected = list(
        own_and_acting_positions(employee)
        .select_related("unit")
        .order_by("organization_id", "unit__order", "title")
    )
    positions = positions_with_units(employee)
    assert [fields(p) for p in positions] == [fields(p) for p in expected]
    assert [fields(p.unit) for p in positions] == [fields(p.unit) for p in expected]
    assert [p.acting_kind for p in positions] == [p.acting_kind for p in expected]


@pytest.mark.database
def test_a_plh_today_is_among_the_positions_with_its_kind(demo, kabid_ppik):
    employee = Employee.objects.select_related("organization").get(user=kabid_ppik)
    today = today_in(employee.organization)
    psdm = Unit.objects.get(organization=demo, short_name="PSDM").head_position
    Substitution.objects.create(
        organization=demo,
        position=psdm,
        substitute=employee,
        kind=Substitution.Kind.PLH,
        start_date=today,
        end_date=today + datetime.timedelta(days=2),
        sp_number="800/001/BKPSDM/2026",
        sp_date=today,
    )
    kinds = {p.pk: p.acting_kind for p in positions_with_units(employee)}
    assert kinds[psdm.pk] == "plh"
    own = Position.objects.get(holders=employee)
    assert kinds[own.pk] is None
