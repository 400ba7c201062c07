"""A broken definition file is refused with the line of the problem, and nothing is written."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from erkt.sop.io import SopDefinitionError, load_file
from erkt.sop.tests.helpers import SEED_PATH, make_organization, seed_definition, sop_row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return make_organization()


def seed_with_line(tmp_path, line_number: int, text: str | None, *, insert: bool = False):
    """A copy of the seed file with line `line_number` (1-based) replaced or inserted."""
    lines = SEED_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[5].startswith("  judul:"), "the tests below count lines of the seed file"
    if insert:
        lines.insert(line_number - 1, text)
    else:
        lines[line_number - 1] = text
    path = tmp_path / "sop.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def refused(organization, path) -> list[str]:
    with pytest.raises(SopDefinitionError) as raised:
        load_file(organization, path)
    assert sop_row_counts() == (0, 0, 0, 0)
    return raised.value.messages


def test_a_stray_colon_is_reported_with_its_line_and_column(organization, tmp_path):
    path = seed_with_line(tmp_path, 6, "  judul: Penyusunan: RKT")
    assert refused(organization, path) == [
        "Baris 6, kolom 20: tanda ':' tidak boleh berada di sini"
    ]


def test_a_tab_used_for_indentation_is_reported_with_its_line(organization, tmp_path):
    path = seed_with_line(tmp_path, 7, '\tnomor: ""')
    assert refused(organization, path) == [
        "Baris 7, kolom 1: karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
    ]


def test_a_missing_colon_is_reported_with_its_line(organization, tmp_path):
    path = seed_with_line(tmp_path, 41, "    uraian Disposisi kepada Kasubbag Perencanaan")
    messages = refused(organization, path)
    assert messages == ["Baris 42, kolom 5: tanda ':' yang diharapkan tidak ditemukan"]


def test_a_key_written_twice_is_refused_instead_of_silently_overwritten(organization, tmp_path):
    path = seed_with_line(tmp_path, 8, "  judul: Judul Lain", insert=True)
    assert refused(organization, path) == ["Baris 8, kolom 3: kunci 'judul' ditulis dua kali"]


def test_an_empty_file_is_refused(organization, tmp_path):
    path = tmp_path / "sop.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert refused(organization, path) == [
        "Definisi SOP harus berupa pemetaan (kunci: nilai) di tingkat teratas."
    ]


def test_broken_json_is_reported_with_its_line(organization, tmp_path):
    path = tmp_path / "sop.json"
    text = json.dumps(seed_definition(), indent=2)
    path.write_text(text.replace('"code": "penyusunan-rkt",', '"code": "penyusunan-rkt"'))
    assert refused(organization, path) == [
        "Baris 3, kolom 3: tanda ',' yang diharapkan tidak ditemukan"
    ]


def test_a_valid_json_file_loads(organization, tmp_path):
    path = tmp_path / "sop.json"
    path.write_text(json.dumps(seed_definition()), encoding="utf-8")
    assert load_file(organization, path).steps.count() == 11


def test_the_command_prints_the_line_and_exits_non_zero(organization, tmp_path):
    path = seed_with_line(tmp_path, 6, "  judul: Penyusunan: RKT")
    with pytest.raises(CommandError, match="Baris 6, kolom 20"):
        call_command("sop", "load", str(path), stdout=StringIO())
    assert sop_row_counts() == (0, 0, 0, 0)
