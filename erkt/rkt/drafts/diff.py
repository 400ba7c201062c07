"""What changed between two versions of a Draft RKT: rows added, removed and changed.

Rows are matched by their stable key; a changed row lists each shown field whose
value differs, old -> new. The order of rows is not a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from erkt.rkt.drafts.models import DraftRkt, DraftRow


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class RowChange:
    key: str
    old: DraftRow
    new: DraftRow
    changes: list[FieldChange]

    def change_of(self, name: str) -> FieldChange | None:
        return next((change for change in self.changes if change.field == name), None)


@dataclass
class DraftDiff:
    old: DraftRkt | None = None
    new: DraftRkt | None = None
    added: list[DraftRow] = field(default_factory=list)
    removed: list[DraftRow] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff(a: DraftRkt, b: DraftRkt) -> DraftDiff:
    """The changes from version `a` to version `b` of the same process."""
    if a.process_id != b.process_id:
        raise ValueError("versions of different processes cannot be compared")
    result = diff_rows(a.rows.all(), b.rows.all())
    result.old, result.new = a, b
    return result


def diff_rows(old_rows: Iterable[DraftRow], new_rows: Iterable[DraftRow]) -> DraftDiff:
    old = {row.key: row for row in sorted(old_rows, key=lambda row: row.order)}
    new = {row.key: row for row in sorted(new_rows, key=lambda row: row.order)}
    result = DraftDiff()
    result.removed = [row for key, row in old.items() if key not in new]
    for key, row in new.items():
        before = old.get(key)
        if before is None:
            result.added.append(row)
            continue
        changes = field_changes(before, row)
        if changes:
            result.changed.append(RowChange(key=key, old=before, new=row, changes=changes))
    return result


def field_changes(old: DraftRow, new: DraftRow) -> list[FieldChange]:
    return [
        FieldChange(name, str(DraftRow._meta.get_field(name).verbose_name), before, after)
        for name in DraftRow.CONTENT_FIELDS
        if (before := getattr(old, name)) != (after := getattr(new, name))
    ]
