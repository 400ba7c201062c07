"""The diff of two Draft RKT versions: exactly the rows added, removed and changed, old -> new."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.rkt.drafts.diff import FieldChange, diff, diff_rows
from erkt.rkt.drafts.models import DraftRkt, DraftRow
from erkt.rkt.tests.drafts_helpers import latest, user


@pytest.fixture
def two_versions(compiled):
    """Version 2 issued by hand from version 1 with known changes."""
    v1 = latest(compiled)
    rows = list(v1.rows.all())
    a, b, c, d = rows[0], rows[6], rows[10], rows[12]
    changes = {
        a.key: {"target": "99"},
        b.key: {"anggaran": Decimal("123456789.00")},
        c.key: {"indikator": "Indikator baru", "satuan": "paket"},
    }
    new_rows = [row.copy(**changes.get(row.key, {})) for row in rows if row.key != d.key]
    added = DraftRow(
        key="sub:5.03.02.2.01.0009:tambahan",
        section="program",
        indikator="Jumlah layanan baru",
        satuan="layanan",
        target="10",
        program_code="5.03.02",
        anggaran=Decimal(5_000_000),
    )
    new_rows.insert(3, added)
    new_rows.reverse()  # the order of rows is not a change
    v2 = DraftRkt.objects.issue(process=compiled, number=2, rows=new_rows, by=user("tim1"))
    return v1, v2, {"a": a, "b": b, "c": c, "d": d}


def test_it_lists_exactly_the_added_removed_and_changed_rows(two_versions):
    v1, v2, rows = two_versions
    result = diff(v1, v2)
    assert [row.key for row in result.added] == ["sub:5.03.02.2.01.0009:tambahan"]
    assert [row.key for row in result.removed] == [rows["d"].key]
    changed = {change.key: change.changes for change in result.changed}
    assert changed == {
        rows["a"].key: [FieldChange("target", "target", rows["a"].target, "99")],
        rows["b"].key: [
            FieldChange("anggaran", "anggaran (Rp)", rows["b"].anggaran, Decimal("123456789"))
        ],
        rows["c"].key: [
            FieldChange("indikator", "indikator kinerja", rows["c"].indikator, "Indikator baru"),
            FieldChange("satuan", "satuan", rows["c"].satuan, "paket"),
        ],
    }


def test_the_reverse_diff_swaps_added_and_removed_and_old_and_new(two_versions):
    v1, v2, rows = two_versions
    result = diff(v2, v1)
    assert [row.key for row in result.added] == [rows["d"].key]
    assert [row.key for row in result.removed] == ["sub:5.03.02.2.01.0009:tambahan"]
    target = next(c for c in result.changed if c.key == rows["a"].key).change_of("target")
    assert (target.old, target.new) == ("99", rows["a"].target)


def test_a_version_compared_with_itself_has_no_changes(two_versions):
    v1, _v2, _rows = two_versions
    assert diff(v1, v1).is_empty


def test_an_equal_amount_written_differently_is_no_change(compiled):
    row = latest(compiled).rows.filter(anggaran__gt=0).first()
    same = row.copy(anggaran=Decimal(str(row.anggaran)) + Decimal("0.00"))
    assert diff_rows([row], [same]).is_empty


def test_versions_of_different_processes_are_not_compared(two_versions, monkeypatch):
    v1, v2, _rows = two_versions
    monkeypatch.setattr(v2, "process_id", v1.process_id + 1)
    with pytest.raises(ValueError):
        diff(v1, v2)


def test_the_diff_page_shows_old_and_new_values(two_versions, client_for, kabid_psdm):
    v1, v2, _rows = two_versions
    url = reverse("rkt:drafts:diff", args=[v1.process_id])
    response = client_for(kabid_psdm).get(url, {"dari": 1, "ke": 2})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 ditambah" in body and "1 dihapus" in body and "3 diubah" in body
    assert "123.456.789" in body and "Indikator baru" in body and "Jumlah layanan baru" in body
    assert response.context["result"].old == v1
    assert client_for(kabid_psdm).get(url, {"dari": 1, "ke": 7}).status_code == 404
    assert client_for(kabid_psdm).get(url).context["result"].new == v2
