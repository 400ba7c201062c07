"""The NIK of an employee: 16 digits of the e-KTP, checked; the demo Kepala has one."""

import pytest
from django.core.exceptions import ValidationError

from erkt.org.models import Employee
from erkt.org.nik import validate_nik


def error_of(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_nik(value)
    return caught.value


@pytest.mark.parametrize("nik", ["6311011403700001", "6311015507800002", "6311 0114 0370 0001"])
def test_it_accepts_a_valid_nik(nik):
    validate_nik(nik)


@pytest.mark.parametrize("nik", ["631101140370000", "63110114037000011", "", "63110114037O0001"])
def test_it_refuses_a_nik_that_is_not_16_digits(nik):
    assert error_of(nik).code == "length"


def test_it_refuses_an_unknown_province():
    assert error_of("0911011403700001").code == "region"


@pytest.mark.parametrize("nik", ["6311013203700001", "6311011413700001", "6311017203700001"])
def test_it_refuses_a_birth_date_that_cannot_be(nik):
    assert error_of(nik).code == "birth"


def test_it_refuses_serial_zero():
    assert error_of("6311011403700000").code == "serial"


def test_the_demo_kepala_has_a_nik_and_the_others_none(demo, kepala, sekretaris):
    assert Employee.objects.get(user=kepala).nik == "6311011403700001"
    assert Employee.objects.get(user=sekretaris).nik is None


def test_an_employee_is_kept_with_the_nik_without_spaces(demo, sekretaris):
    employee = Employee.objects.get(user=sekretaris)
    employee.nik = "6311 0161 0874 0003"
    employee.full_clean()
    employee.save()
    employee.refresh_from_db()
    assert employee.nik == "6311016108740003"


def test_two_employees_cannot_share_a_nik(demo, sekretaris):
    employee = Employee.objects.get(user=sekretaris)
    employee.nik = "6311011403700001"
    with pytest.raises(ValidationError) as caught:
        employee.full_clean()
    assert "nik" in caught.value.message_dict
