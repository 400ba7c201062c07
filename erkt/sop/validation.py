"""Validation of an SOP definition (the dict form of erkt/sop/seeds/*.yaml).

Every problem is collected, so whoever edits the file sees them all at once;
the messages are in Bahasa Indonesia and name the place of the problem.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from erkt.org.models import Role
from erkt.sop.models import StepKind, WaktuUnit

TOP_KEYS = ("code", "identity", "actors", "steps")
IDENTITY_TEXTS = {"judul": 300, "nomor": 100, "disahkan_oleh": 300}
IDENTITY_REQUIRED = ("judul", "disahkan_oleh")
IDENTITY_DATES = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
IDENTITY_LISTS = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
)
# In the order of the seed file, which is also the order of an export.
IDENTITY_KEYS = ("judul", "nomor", *IDENTITY_DATES, "disahkan_oleh", *IDENTITY_LISTS)
ACTOR_KEYS = ("key", "name", "role")
STEP_REQUIRED = ("number", "uraian", "actor", "kind", "kelengkapan", "waktu", "output")
STEP_OPTIONAL = ("keterangan", "decision", "per_unit", "action")
WAKTU_KEYS = ("amount", "unit")
DECISION_KEYS = ("ya", "tidak")
MAX_SMALL_INT = 32767
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class SopDefinitionError(Exception):
    """An SOP definition that cannot be loaded; `messages` lists every problem found."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def validate_definition(data: Any) -> list[str]:
    """Return every problem of the definition (an empty list when it can be loaded)."""
    errors = _Errors()
    if not isinstance(data, dict):
        errors.add("", _("Definisi SOP harus berupa pemetaan (kunci: nilai) di tingkat teratas."))
        return errors.messages
    _check_keys(errors, "", data, required=TOP_KEYS, optional=())
    _check_slug(errors, "", "code", data.get("code"), max_length=60, present="code" in data)
    if "identity" in data:
        _check_identity(errors, data["identity"])
    actor_keys = _check_actors(errors, data.get("actors")) if "actors" in data else set()
    if "steps" in data:
        _check_steps(errors, data["steps"], actor_keys, actors_given="actors" in data)
    return errors.messages


class _Errors:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}" if where else message)


def _check_keys(
    errors: _Errors, where: str, mapping: Any, *, required: tuple, optional: tuple
) -> bool:
    """Refuse a non-mapping, missing keys and unknown keys (a typo must never vanish)."""
    if not isinstance(mapping, dict):
        errors.add(where, _("harus berupa pemetaan (kunci: nilai)."))
        return False
    for key in required:
        if key not in mapping:
            errors.add(where, _("kunci '%(key)s' wajib ada.") % {"key": key})
    known = (*required, *optional)
    for key in mapping:
        if key not in known:
            errors.add(
                where,
                _("kunci '%(key)s' tidak dikenal (yang dikenal: %(known)s).")
                % {"key": key, "known": ", ".join(known)},
            )
    return True


def _check_text(
    errors: _Errors, where: str, name: str, value: Any, *, max_length: int, blank: bool = False
) -> None:
    if not isinstance(value, str):
        errors.add(where, _("'%(name)s' harus berupa teks.") % {"name": name})
    elif not blank and not value.strip():
        errors.add(where, _("'%(name)s' wajib diisi.") % {"name": name})
    elif len(value) > max_length:
        errors.add(
            where,
            _("'%(name)s' paling panjang %(max)d karakter.") % {"name": name, "max": max_length},
        )


# An action key names the app that registers it: "rkt.kompilasi".
ACTION_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


def _check_slug(
    errors: _Errors, where: str, name: str, value: Any, *, max_length: int, present: bool = True
) -> None:
    if not present:
        return
    _check_text(errors, where, name, value, max_length=max_length)
    if isinstance(value, str) and value.strip() and not SLUG.match(value):
        errors.add(
            where,
            _("'%(name)s' hanya boleh berisi huruf, angka, '-' dan '_' (tanpa spasi).")
            % {"name": name},
        )


def _check_identity(errors: _Errors, identity: Any) -> None:
    where = _("Identitas")
    optional = tuple(key for key in IDENTITY_KEYS if key not in IDENTITY_REQUIRED)
    if not _check_keys(errors, where, identity, required=IDENTITY_REQUIRED, optional=optional):
        return
    for name, max_length in IDENTITY_TEXTS.items():
        if name in identity:
            blank = name not in IDENTITY_REQUIRED
            _check_text(errors, where, name, identity[name], max_length=max_length, blank=blank)
    for name in IDENTITY_DATES:
        if identity.get(name) is not None and parse_date(identity[name]) is None:
            errors.add(
                where,
                _("'%(name)s' harus berupa tanggal TTTT-BB-HH, misalnya 2025-01-31.")
                % {"name": name},
            )
    for name in IDENTITY_LISTS:
        value = identity.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        ):
            errors.add(where, _("'%(name)s' harus berupa daftar teks.") % {"name": name})


def parse_date(value: Any) -> datetime.date | None:
    """A date from YAML (already a date) or JSON (an ISO string); None when it is not one."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _check_actors(errors: _Errors, actors: Any) -> set[str]:
    """Check the pelaksana list and return the declared keys."""
    if not isinstance(actors, list) or not actors:
        errors.add(_("Pelaksana"), _("'actors' harus berupa daftar yang tidak kosong."))
        return set()
    keys = []
    for index, actor in enumerate(actors, start=1):
        where = _("Pelaksana ke-%(index)d") % {"index": index}
        if not _check_keys(errors, where, actor, required=ACTOR_KEYS, optional=()):
            continue
        _check_slug(errors, where, "key", actor.get("key"), max_length=40, present="key" in actor)
        if "name" in actor:
            _check_text(errors, where, "name", actor["name"], max_length=100)
        if "role" in actor and actor["role"] not in Role.values:
            errors.add(
                where,
                _("peran '%(role)s' tidak dikenal (yang dikenal: %(known)s).")
                % {"role": actor["role"], "known": ", ".join(Role.values)},
            )
        if isinstance(actor.get("key"), str):
            keys.append(actor["key"])
    for key, count in Counter(keys).items():
        if count > 1:
            errors.add(
                _("Pelaksana"),
                _("kunci '%(key)s' dipakai %(count)d kali; kunci pelaksana harus unik.")
                % {"key": key, "count": count},
            )
    return set(keys)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_steps(errors: _Errors, steps: Any, actor_keys: set[str], *, actors_given: bool) -> None:
    if not isinstance(steps, list) or not steps:
        errors.add(_("Langkah"), _("'steps' harus berupa daftar yang tidak kosong."))
        return
    valid_steps = []
    for index, step in enumerate(steps, start=1):
        where = _step_where(step, index)
        if _check_keys(errors, where, step, required=STEP_REQUIRED, optional=STEP_OPTIONAL):
            _check_step(errors, where, step, actor_keys, actors_given=actors_given)
            valid_steps.append(step)
    numbers = [s["number"] for s in valid_steps if _is_int(s.get("number"))]
    _check_numbering(errors, numbers, expected=len(steps))
    _check_decisions(errors, valid_steps, set(numbers))
    _check_start_and_end(errors, valid_steps)


def _step_where(step: Any, index: int) -> str:
    if isinstance(step, dict) and _is_int(step.get("number")):
        return _("Langkah %(number)d") % {"number": step["number"]}
    return _("Langkah urutan ke-%(index)d") % {"index": index}


def _check_step(
    errors: _Errors, where: str, step: dict, actor_keys: set[str], *, actors_given: bool
) -> None:
    if "number" in step and not (_is_int(step["number"]) and step["number"] > 0):
        errors.add(where, _("'number' harus berupa bilangan bulat positif."))
    if "uraian" in step:
        _check_text(errors, where, "uraian", step["uraian"], max_length=2000)
    if "kelengkapan" in step:
        _check_text(errors, where, "kelengkapan", step["kelengkapan"], max_length=300, blank=True)
    if "output" in step:
        _check_text(errors, where, "output", step["output"], max_length=300)
    if "keterangan" in step:
        _check_text(errors, where, "keterangan", step["keterangan"], max_length=2000, blank=True)
    if "action" in step:
        _check_text(errors, where, "action", step["action"], max_length=60)
        if isinstance(step["action"], str) and not ACTION_KEY.match(step["action"]):
            errors.add(
                where,
                _(
                    "'action' harus berupa kunci aksi seperti 'rkt.kompilasi' "
                    "(huruf kecil, angka, '_' dan '.')."
                ),
            )
    if "per_unit" in step and not isinstance(step["per_unit"], bool):
        errors.add(where, _("'per_unit' harus bernilai true atau false."))
    if "kind" in step and step["kind"] not in StepKind.values:
        errors.add(
            where,
            _("jenis simbol '%(kind)s' tidak dikenal (yang dikenal: %(known)s).")
            % {"kind": step["kind"], "known": ", ".join(StepKind.values)},
        )
    if "actor" in step and actors_given and step["actor"] not in actor_keys:
        errors.add(
            where,
            _("pelaksana '%(actor)s' tidak dideklarasikan di 'actors'.") % {"actor": step["actor"]},
        )
    if "waktu" in step:
        _check_waktu(errors, where, step["waktu"])


def _check_waktu(errors: _Errors, where: str, waktu: Any) -> None:
    if not _check_keys(errors, where, waktu, required=WAKTU_KEYS, optional=()):
        return
    amount = waktu.get("amount")
    if "amount" in waktu and not (_is_int(amount) and 0 < amount <= MAX_SMALL_INT):
        errors.add(where, _("waktu 'amount' harus berupa bilangan bulat positif."))
    if "unit" in waktu and waktu["unit"] not in WaktuUnit.values:
        errors.add(
            where,
            _("satuan waktu '%(unit)s' tidak dikenal (yang dikenal: %(known)s).")
            % {"unit": waktu["unit"], "known": ", ".join(WaktuUnit.values)},
        )


def _check_numbering(errors: _Errors, numbers: list[int], *, expected: int) -> None:
    where = _("Langkah")
    for number, count in sorted(Counter(numbers).items()):
        if count > 1:
            errors.add(
                where,
                _("nomor %(number)d dipakai %(count)d kali.") % {"number": number, "count": count},
            )
    missing = sorted(set(range(1, expected + 1)) - set(numbers))
    if missing and len(numbers) == expected:
        errors.add(
            where,
            _("langkah harus bernomor 1 sampai %(n)d tanpa loncatan; nomor %(missing)s tidak ada.")
            % {"n": expected, "missing": ", ".join(str(m) for m in missing)},
        )


def _check_decisions(errors: _Errors, steps: list[dict], numbers: set[int]) -> None:
    for index, step in enumerate(steps, start=1):
        where = _step_where(step, index)
        decision = step.get("decision")
        if step.get("kind") != StepKind.DECISION:
            if "decision" in step:
                errors.add(
                    where, _("hanya langkah keputusan (decision) yang boleh punya 'decision'.")
                )
            continue
        if "decision" not in step:
            errors.add(
                where, _("langkah keputusan harus punya 'decision' dengan 'ya' dan 'tidak'.")
            )
            continue
        if not _check_keys(errors, where, decision, required=DECISION_KEYS, optional=()):
            continue
        for branch in DECISION_KEYS:
            target = decision.get(branch)
            if branch in decision and (not _is_int(target) or target not in numbers):
                errors.add(
                    where,
                    _("'%(branch)s' menunjuk ke langkah %(target)s yang tidak ada.")
                    % {"branch": branch, "target": target},
                )


def _check_start_and_end(errors: _Errors, steps: list[dict]) -> None:
    kinds = Counter(step.get("kind") for step in steps)
    for kind, label in ((StepKind.START, _("mulai (start)")), (StepKind.END, _("selesai (end)"))):
        if kinds[kind] != 1:
            errors.add(
                _("Langkah"),
                _("harus ada tepat satu langkah %(label)s; ditemukan %(count)d.")
                % {"label": label, "count": kinds[kind]},
            )
