"""The access helpers read the user behind request.user's SimpleLazyObject directly."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from erkt.org.access import employee_of, is_pemkab, positions_of, unwrapped

pytestmark = pytest.mark.django_db


def test_a_lazy_user_not_yet_read_is_read_and_its_employee_found(demo, kabid_ppik):
    lazy = SimpleLazyObject(lambda: kabid_ppik)
    assert unwrapped(lazy) is kabid_ppik
    assert employee_of(SimpleLazyObject(lambda: kabid_ppik)).user_id == kabid_ppik.pk
    assert [p.unit.short_name for p in positions_of(SimpleLazyObject(lambda: kabid_ppik))] == [
        "PPIK"
    ]


def test_what_is_cached_through_the_lazy_user_is_kept_on_the_user_itself(demo, kabid_ppik):
    lazy = SimpleLazyObject(lambda: kabid_ppik)
    employee = employee_of(lazy)
    assert kabid_ppik._erkt_employee is employee
    assert employee_of(kabid_ppik) is employee


def test_an_anonymous_lazy_user_has_no_employee_and_is_no_pemkab_reader():
    lazy = SimpleLazyObject(AnonymousUser)
    assert employee_of(lazy) is None
    assert positions_of(lazy) == []
    assert is_pemkab(lazy) is False
