import pytest
from django.core.exceptions import ValidationError

from erkt.org.models import Employee
from erkt.org.nip import format_nip, normalize_nip, validate_nip


def error_of(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_nip(value)
    return caught.value


@pytest.mark.parametrize(
    "nip",
    [
        "198204252009022002",
        "197003141995031002",
        "19820425 200902 2 002",
        " 19820425  200902 2 002 ",
        "196002291985031001",  # born on a leap day
    ],
)
def test_it_accepts_a_valid_nip(nip):
    validate_nip(nip)


@pytest.mark.parametrize("nip", ["19820425200902200", "1982042520090220021", "", "19820425"])
def test_it_refuses_a_nip_that_is_not_18_digits(nip):
    assert error_of(nip).code == "length"


@pytest.mark.parametrize("nip", ["19820425200902200A", "1982-0425-2009022-0", "١٩٨٢٠٤٢٥٢٠٠٩٠٢٢٠٠٢"])
def test_it_refuses_letters_and_other_characters(nip):
    error = error_of(nip)
    assert error.code == "length"
    assert error.messages == ["NIP harus terdiri dari 18 angka."]


@pytest.mark.parametrize("nip", ["198202302009022002", "198213012009022002", "000001012009022002"])
def test_it_refuses_an_impossible_birth_date(nip):
    error = error_of(nip)
    assert error.code == "birth_date"
    assert nip[:8] in error.messages[0]
    assert "Tanggal lahir" in error.messages[0]


def test_it_refuses_a_tmt_month_13():
    error = error_of("198204252009132002")
    assert error.code == "tmt"
    assert error.messages == ["TMT CPNS pada NIP (200913) bukan bulan yang valid."]


def test_it_refuses_a_tmt_month_00():
    assert error_of("198204252009002002").code == "tmt"


def test_it_refuses_a_tmt_before_the_birth_date():
    error = error_of("198204251979032002")
    assert error.messages == ["TMT CPNS pada NIP harus setelah tanggal lahir."]


def test_it_refuses_a_tmt_before_the_employee_is_18():
    error = error_of("198204252000032002")
    assert error.code == "tmt"
    assert "18 tahun" in error.messages[0]


def test_it_accepts_a_tmt_in_the_month_the_employee_turns_18():
    validate_nip("198204252000042002")


@pytest.mark.parametrize("sex_digit", ["0", "3", "9"])
def test_it_refuses_a_sex_digit_other_than_1_or_2(sex_digit):
    error = error_of(f"19820425200902{sex_digit}002")
    assert error.code == "sex"
    assert error.messages == ["Digit jenis kelamin pada NIP harus 1 (pria) atau 2 (wanita)."]


def test_it_refuses_serial_000():
    assert error_of("198204252009022000").code == "serial"


def test_normalize_removes_every_space():
    assert normalize_nip(" 19820425 200902\t2 002 ") == "198204252009022002"


def test_format_writes_the_groups():
    assert format_nip("198204252009022002") == "19820425 200902 2 002"


def test_format_accepts_the_written_form():
    assert format_nip("19820425 200902 2 002") == "19820425 200902 2 002"


def test_format_leaves_what_is_not_a_nip_alone():
    assert format_nip("12345") == "12345"


@pytest.mark.django_db
def test_employee_full_clean_refuses_a_bad_nip_in_indonesian(demo):
    employee = Employee(organization=demo, name="Budi", nip="198202302009021002")
    with pytest.raises(ValidationError) as caught:
        employee.full_clean()
    assert caught.value.message_dict["nip"] == [
        "Tanggal lahir pada NIP (19820230) bukan tanggal yang valid."
    ]


@pytest.mark.django_db
def test_employee_stores_the_nip_without_spaces_and_shows_it_grouped(demo):
    employee = Employee(organization=demo, name="Budi", nip="19900101 201503 1 001")
    employee.full_clean()
    employee.save()
    employee.refresh_from_db()
    assert employee.nip == "199001012015031001"
    assert employee.nip_display == "19900101 201503 1 001"


@pytest.mark.django_db
def test_employee_full_clean_sees_a_duplicate_nip_typed_with_spaces(kepala):
    written = format_nip(kepala.employee.nip)
    employee = Employee(organization=kepala.employee.organization, name="Budi", nip=written)
    with pytest.raises(ValidationError) as caught:
        employee.full_clean()
    assert "nip" in caught.value.message_dict


@pytest.mark.django_db
def test_employees_without_nip_do_not_collide(demo):
    Employee.objects.create(organization=demo, name="Honorer Satu", nip="")
    Employee.objects.create(organization=demo, name="Honorer Dua", nip="")
    assert Employee.objects.filter(nip__isnull=True).count() == 2
