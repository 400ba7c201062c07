"""Loading and exporting SOP definitions in the format of erkt/sop/seeds/penyusunan-rkt.yaml.

load_definition() validates everything first and writes nothing when any problem is
found; export_definition() returns the same format, so export -> load -> export is
the identity.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.org.models import Organization
from erkt.sop.models import Sop, SopActor, SopStep, SopVersion, StepKind
from erkt.sop.validation import (
    IDENTITY_DATES,
    IDENTITY_KEYS,
    IDENTITY_LISTS,
    IDENTITY_TEXTS,
    SopDefinitionError,
    parse_date,
    validate_definition,
)

__all__ = [
    "SopDefinitionError",
    "dump_definition",
    "export_definition",
    "load_definition",
    "load_file",
    "read_file",
    "validate_definition",
]

# The parsers' wording for the mistakes people make most when editing a file by hand.
PARSE_PROBLEMS = {
    "mapping values are not allowed here": gettext_lazy("tanda ':' tidak boleh berada di sini"),
    "could not find expected ':'": gettext_lazy("tanda ':' yang diharapkan tidak ditemukan"),
    "found character '\\t' that cannot start any token": gettext_lazy(
        "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
    ),
    "did not find expected key": gettext_lazy(
        "kunci yang diharapkan tidak ditemukan (periksa indentasi)"
    ),
    "did not find expected '-' indicator": gettext_lazy(
        "tanda '-' yang diharapkan tidak ditemukan (periksa indentasi)"
    ),
    "expected <block end>, but found '<scalar>'": gettext_lazy(
        "indentasi tidak sesuai atau tanda kutip tidak berpasangan"
    ),
    "found unexpected end of stream": gettext_lazy(
        "berkas berakhir sebelum waktunya (tanda kutip belum ditutup?)"
    ),
    "found undefined alias": gettext_lazy("alias tidak dikenal"),
    "Expecting value": gettext_lazy("nilai yang diharapkan tidak ditemukan"),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "nama kunci harus diapit tanda kutip ganda"
    ),
    "Expecting ',' delimiter": gettext_lazy("tanda ',' yang diharapkan tidak ditemukan"),
    "Expecting ':' delimiter": gettext_lazy("tanda ':' yang diharapkan tidak ditemukan"),
    "Extra data": gettext_lazy("ada data berlebih setelah akhir dokumen"),
}


def load_definition(
    organization: Organization, data: Any, *, activate: bool = True, user=None
) -> SopVersion:
    """Create the SOP if needed and a new version of it; with `activate` it becomes the
    active version (the previous one superseded). Raises SopDefinitionError, writing nothing."""
    messages = validate_definition(data)
    if messages:
        raise SopDefinitionError(messages)
    with transaction.atomic():
        sop, _created = Sop.objects.get_or_create(organization=organization, code=data["code"])
        Sop.objects.select_for_update().filter(pk=sop.pk).get()
        version = _create_version(sop, data)
        if activate:
            version.approve(user)
    return version


def _create_version(sop: Sop, data: dict) -> SopVersion:
    last = sop.versions.aggregate(last=Max("number"))["last"] or 0
    version = SopVersion.objects.create(
        sop=sop, number=last + 1, status=SopVersion.Status.DRAFT, **identity_values(data)
    )
    write_rows(version, data)
    return version


def identity_values(data: dict) -> dict[str, Any]:
    """The version's identity fields from a (validated) definition."""
    identity = data["identity"]
    return {
        **{name: identity.get(name) or "" for name in IDENTITY_TEXTS},
        **{name: parse_date(identity.get(name)) for name in IDENTITY_DATES},
        **{name: list(identity.get(name) or []) for name in IDENTITY_LISTS},
    }


def write_rows(version: SopVersion, data: dict) -> None:
    """Create the pelaksana columns and the steps of a (validated) definition in `version`."""
    actors = {
        actor["key"]: SopActor.objects.create(
            version=version, order=order, key=actor["key"], name=actor["name"], role=actor["role"]
        )
        for order, actor in enumerate(data["actors"], start=1)
    }
    for step in sorted(data["steps"], key=lambda s: s["number"]):
        decision = step.get("decision") or {}
        SopStep.objects.create(
            version=version,
            number=step["number"],
            uraian=step["uraian"],
            actor=actors[step["actor"]],
            kind=step["kind"],
            kelengkapan=step["kelengkapan"],
            waktu_amount=step["waktu"]["amount"],
            waktu_unit=step["waktu"]["unit"],
            output=step["output"],
            keterangan=step.get("keterangan", ""),
            yes_step=decision.get("ya"),
            no_step=decision.get("tidak"),
            per_unit=step.get("per_unit", False),
            action=step.get("action", ""),
        )


def read_file(path: str | Path) -> Any:
    """The parsed content of a .yaml/.yml/.json definition file; a broken file raises
    SopDefinitionError naming the line and column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SopDefinitionError([_("Berkas %(path)s tidak ditemukan.") % {"path": path}]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SopDefinitionError(
            [_("Berkas %(path)s tidak dapat dibaca: %(reason)s") % {"path": path, "reason": exc}]
        ) from None
    if path.suffix.lower() == ".json":
        return _parse_json(text)
    return _parse_yaml(text)


def load_file(organization: Organization, path: str | Path, **kwargs) -> SopVersion:
    """Load a definition file (see load_definition for the keyword arguments)."""
    return load_definition(organization, read_file(path), **kwargs)


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SopDefinitionError([_position_message(exc.lineno, exc.colno, exc.msg)]) from None


def _parse_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or ""
        if mark is None:
            message = _("YAML tidak valid: %(reason)s") % {"reason": problem}
        else:
            message = _position_message(mark.line + 1, mark.column + 1, problem)
        raise SopDefinitionError([message]) from None
    except yaml.YAMLError as exc:
        raise SopDefinitionError([_("YAML tidak valid: %(reason)s") % {"reason": exc}]) from None


def _position_message(line: int, column: int, problem: str) -> str:
    reason = PARSE_PROBLEMS.get(problem, problem)
    return _("Baris %(line)d, kolom %(column)d: %(reason)s") % {
        "line": line,
        "column": column,
        "reason": reason,
    }


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice, which PyYAML would silently overwrite."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("kunci '%(key)s' ditulis dua kali") % {"key": key},
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def export_definition(version: SopVersion) -> dict:
    """The version in the load format, dates as ISO strings (JSON- and YAML-safe)."""
    actors = [
        {"key": a.key, "name": a.name, "role": a.role} for a in version.actors.order_by("order")
    ]
    steps = [
        _export_step(step) for step in version.steps.select_related("actor").order_by("number")
    ]
    return {
        "code": version.sop.code,
        "identity": _export_identity(version),
        "actors": actors,
        "steps": steps,
    }


def _export_identity(version: SopVersion) -> dict:
    identity: dict[str, Any] = {}
    for name in IDENTITY_KEYS:
        value = getattr(version, name)
        if name in IDENTITY_DATES:
            value = value.isoformat() if value else None
        elif name in IDENTITY_LISTS:
            value = list(value)
        identity[name] = value
    return identity


def _export_step(step: SopStep) -> dict:
    data: dict[str, Any] = {
        "number": step.number,
        "uraian": step.uraian,
        "actor": step.actor.key,
        "kind": step.kind,
        "kelengkapan": step.kelengkapan,
        "waktu": {"amount": step.waktu_amount, "unit": step.waktu_unit},
        "output": step.output,
    }
    if step.keterangan:
        data["keterangan"] = step.keterangan
    if step.kind == StepKind.DECISION or step.yes_step is not None or step.no_step is not None:
        data["decision"] = {"ya": step.yes_step, "tidak": step.no_step}
    if step.per_unit:
        data["per_unit"] = True
    if step.action:
        data["action"] = step.action
    return data


def dump_definition(data: dict, fmt: str) -> str:
    """Serialise an exported definition as "json" or "yaml"."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=4096)


class _IndentedDumper(yaml.SafeDumper):
    """Indent lists under their key, as the seed file is written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)
