"""A draft compared with the version in force: what changed in the identity, the pelaksana
and the steps (added, removed, changed with old -> new)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from erkt.sop.io import export_definition
from erkt.sop.models import SopVersion

IDENTITY_LABELS = {
    "judul": _("Judul"),
    "nomor": _("Nomor SOP"),
    "tanggal_pembuatan": _("Tanggal pembuatan"),
    "tanggal_revisi": _("Tanggal revisi"),
    "tanggal_efektif": _("Tanggal efektif"),
    "disahkan_oleh": _("Disahkan oleh"),
    "dasar_hukum": _("Dasar hukum"),
    "kualifikasi_pelaksana": _("Kualifikasi pelaksana"),
    "keterkaitan": _("Keterkaitan"),
    "peralatan": _("Peralatan/perlengkapan"),
    "peringatan": _("Peringatan"),
    "pencatatan": _("Pencatatan dan pendataan"),
}
ACTOR_LABELS = {"name": _("Nama pelaksana"), "role": _("Peran")}
STEP_LABELS = {
    "uraian": _("Uraian prosedur"),
    "actor": _("Pelaksana"),
    "kind": _("Simbol"),
    "kelengkapan": _("Kelengkapan"),
    "waktu": _("Waktu"),
    "output": _("Output"),
    "keterangan": _("Keterangan"),
    "per_unit": _("Per unit"),
    "ya": _("Jika ya, ke langkah"),
    "tidak": _("Jika tidak, ke langkah"),
    "action": _("Kunci aksi"),
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowDiff:
    key: str  # the step number or the pelaksana key
    title: str
    status: str  # "added", "removed", "changed"
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    identity: list[Change]
    actors: list[RowDiff]
    steps: list[RowDiff]

    @property
    def empty(self) -> bool:
        return not (self.identity or self.actors or self.steps)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return "; ".join(value) or "—"
    if isinstance(value, dict):
        return f"{value.get('amount')} {value.get('unit', '').replace('_', ' ')}"
    return str(value) or "—"


def _flat_step(step: dict) -> dict:
    flat = {name: step.get(name) for name in STEP_LABELS if name not in ("ya", "tidak")}
    decision = step.get("decision") or {}
    flat.update(ya=decision.get("ya"), tidak=decision.get("tidak"))
    flat["per_unit"] = bool(step.get("per_unit"))
    flat["keterangan"] = step.get("keterangan") or ""
    flat["action"] = step.get("action") or ""
    return flat


def _rows(old: dict, new: dict, labels: dict, title_of) -> list[RowDiff]:
    rows = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key not in new:
            rows.append(RowDiff(str(key), title_of(old[key]), "removed"))
        elif key not in old:
            rows.append(RowDiff(str(key), title_of(new[key]), "added"))
        else:
            changes = [
                Change(str(label), _text(old[key].get(name)), _text(new[key].get(name)))
                for name, label in labels.items()
                if old[key].get(name) != new[key].get(name)
            ]
            if changes:
                rows.append(RowDiff(str(key), title_of(new[key]), "changed", changes))
    return rows


def compare(old_version: SopVersion | None, new_version: SopVersion) -> Diff:
    """What `new_version` changes against `old_version` (everything added without one)."""
    empty = {"identity": {}, "actors": [], "steps": []}
    old = export_definition(old_version) if old_version else empty
    new = export_definition(new_version)
    identity = [
        Change(str(label), _text(old["identity"].get(name)), _text(new["identity"].get(name)))
        for name, label in IDENTITY_LABELS.items()
        if old["identity"].get(name) != new["identity"].get(name)
    ]
    actors = _rows(
        {a["key"]: a for a in old["actors"]},
        {a["key"]: a for a in new["actors"]},
        ACTOR_LABELS,
        lambda a: a["name"],
    )
    steps = _rows(
        {s["number"]: _flat_step(s) for s in old["steps"]},
        {s["number"]: _flat_step(s) for s in new["steps"]},
        STEP_LABELS,
        lambda s: s["uraian"],
    )
    return Diff(identity=identity, actors=actors, steps=steps)
