"""The SOP editor's forms: the identity sheet, the pelaksana columns and the steps of a
draft version, turned into a definition dict and checked with the rules of
erkt/sop/validation.py (the same as `erkt sop load`), each message put beside its field.

Adding, removing and moving rows re-renders the form from the posted rows without
saving; saving replaces the draft's content at once or, on any problem, not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.audit.log import record
from erkt.org.models import Role
from erkt.sop.io import identity_values, write_rows
from erkt.sop.models import SopVersion, StepKind, WaktuUnit
from erkt.sop.validation import IDENTITY_LISTS, validate_definition

ACTOR_PREFIX = "pelaksana"
STEP_PREFIX = "langkah"
ACTOR_FIELDS = ("key", "name", "role")
STEP_FIELDS = (
    "uraian",
    "actor",
    "kind",
    "kelengkapan",
    "waktu_amount",
    "waktu_unit",
    "output",
    "keterangan",
    "per_unit",
    "yes_step",
    "no_step",
    "action",
)
TEXT = {"class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}


class IdentityForm(forms.Form):
    judul = forms.CharField(
        label=gettext_lazy("Judul SOP"), max_length=300, widget=forms.TextInput(TEXT)
    )
    nomor = forms.CharField(
        label=gettext_lazy("Nomor SOP"),
        max_length=100,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    tanggal_pembuatan = forms.DateField(
        label=gettext_lazy("Tanggal pembuatan"),
        required=False,
        widget=forms.DateInput({**TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    tanggal_revisi = forms.DateField(
        label=gettext_lazy("Tanggal revisi"),
        required=False,
        widget=forms.DateInput({**TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    tanggal_efektif = forms.DateField(
        label=gettext_lazy("Tanggal efektif"),
        required=False,
        widget=forms.DateInput({**TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    disahkan_oleh = forms.CharField(
        label=gettext_lazy("Disahkan oleh (jabatan)"), max_length=300, widget=forms.TextInput(TEXT)
    )
    dasar_hukum = forms.CharField(label=gettext_lazy("Dasar hukum"), required=False)
    kualifikasi_pelaksana = forms.CharField(
        label=gettext_lazy("Kualifikasi pelaksana"), required=False
    )
    keterkaitan = forms.CharField(label=gettext_lazy("Keterkaitan"), required=False)
    peralatan = forms.CharField(label=gettext_lazy("Peralatan/perlengkapan"), required=False)
    peringatan = forms.CharField(label=gettext_lazy("Peringatan"), required=False)
    pencatatan = forms.CharField(label=gettext_lazy("Pencatatan dan pendataan"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in IDENTITY_LISTS:
            self.fields[name].widget = forms.Textarea({**TEXT, "rows": 3})
            self.fields[name].help_text = _("Satu butir per baris.")


class ActorForm(forms.Form):
    key = forms.SlugField(label=gettext_lazy("Kunci"), max_length=40, widget=forms.TextInput(TEXT))
    name = forms.CharField(
        label=gettext_lazy("Nama pelaksana"), max_length=100, widget=forms.TextInput(TEXT)
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Peran"), choices=Role.choices, widget=forms.Select(SELECT)
    )


class StepForm(forms.Form):
    uraian = forms.CharField(
        label=gettext_lazy("Uraian prosedur"),
        max_length=2000,
        widget=forms.Textarea({**TEXT, "rows": 2}),
    )
    actor = forms.ChoiceField(label=gettext_lazy("Pelaksana"), widget=forms.Select(SELECT))
    kind = forms.ChoiceField(
        label=gettext_lazy("Simbol"), choices=StepKind.choices, widget=forms.Select(SELECT)
    )
    kelengkapan = forms.CharField(
        label=gettext_lazy("Kelengkapan"),
        max_length=300,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    waktu_amount = forms.IntegerField(
        label=gettext_lazy("Waktu"), min_value=1, max_value=32767, widget=forms.NumberInput(TEXT)
    )
    waktu_unit = forms.ChoiceField(
        label=gettext_lazy("Satuan"), choices=WaktuUnit.choices, widget=forms.Select(SELECT)
    )
    output = forms.CharField(
        label=gettext_lazy("Output"), max_length=300, widget=forms.TextInput(TEXT)
    )
    keterangan = forms.CharField(
        label=gettext_lazy("Keterangan"),
        max_length=2000,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    per_unit = forms.BooleanField(label=gettext_lazy("Per unit"), required=False)
    yes_step = forms.IntegerField(
        label=gettext_lazy("Jika ya, ke langkah"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(TEXT),
    )
    no_step = forms.IntegerField(
        label=gettext_lazy("Jika tidak, ke langkah"),
        required=False,
        min_value=1,
        widget=forms.NumberInput(TEXT),
    )
    action = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args, actor_choices: list[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", "---------"), *actor_choices]


ActorFormSet = forms.formset_factory(ActorForm, extra=0)
StepFormSet = forms.formset_factory(StepForm, extra=0)


# --- Rows as posted, and the row operations (add / remove / move) -------------------------


def _rows(data: QueryDict, prefix: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    total = max(0, min(total, 500))
    return [
        {name: data.get(f"{prefix}-{index}-{name}", "") for name in names} for index in range(total)
    ]


def _as_data(identity: dict, actors: list[dict], steps: list[dict]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in identity.items():
        data[name] = value
    for prefix, rows in ((ACTOR_PREFIX, actors), (STEP_PREFIX, steps)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for name, value in row.items():
                if value not in ("", None, False):
                    data[f"{prefix}-{index}-{name}"] = "on" if value is True else str(value)
    return data


def _renumber_targets(steps: list[dict], order: list[int | None]) -> None:
    """Point the decision targets at the steps' new numbers; `order[i]` is the old index
    of the row now at i. A target whose step was removed is emptied."""
    new_number = {old + 1: new + 1 for new, old in enumerate(order) if old is not None}
    for step in steps:
        for name in ("yes_step", "no_step"):
            value = str(step.get(name) or "")
            if value.isdigit():
                step[name] = str(new_number.get(int(value), ""))


def _apply(op: str, actors: list[dict], steps: list[dict]) -> None:
    """Apply one row operation, e.g. "add-step:3" (a step after step 3), "up-step:4"."""
    match = re.fullmatch(r"(add|remove|up|down)-(step|actor)(?::(\d+))?", op)
    if match is None:
        return
    verb, what, at = match[1], match[2], int(match[3] or 0)
    rows = steps if what == "step" else actors
    order: list[int | None] = list(range(len(rows)))
    if verb == "add":
        blank = (
            {"kind": StepKind.PROCESS, "waktu_amount": "1", "waktu_unit": WaktuUnit.HARI_KERJA}
            if what == "step"
            else {"role": Role.STAF}
        )
        position = min(at, len(rows)) if at else len(rows)
        rows.insert(position, blank)
        order.insert(position, None)
    elif verb == "remove" and 0 < at <= len(rows):
        del rows[at - 1]
        del order[at - 1]
    elif verb in ("up", "down"):
        index = at - 1
        other = index - 1 if verb == "up" else index + 1
        if 0 <= index < len(rows) and 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
            order[index], order[other] = order[other], order[index]
    if what == "step":
        _renumber_targets(steps, order)


# --- The editor --------------------------------------------------------------------------


@dataclass
class Editor:
    """The three forms of the editor, bound to posted data or filled from a version."""

    identity: IdentityForm
    actors: Any
    steps: Any
    problems: list[str] = field(default_factory=list)  # messages not tied to one field

    @classmethod
    def for_version(cls, version: SopVersion) -> Editor:
        return cls.unbound(version_data(version))

    @classmethod
    def unbound(cls, data: QueryDict) -> Editor:
        """The forms showing `data` without checking it (after a row operation)."""
        actors = _rows(data, ACTOR_PREFIX, ACTOR_FIELDS)
        steps = _rows(data, STEP_PREFIX, STEP_FIELDS)
        for step in steps:
            step["per_unit"] = bool(step["per_unit"])
        choices = _actor_choices(actors)
        return cls(
            identity=IdentityForm(initial={n: data.get(n, "") for n in IdentityForm.base_fields}),
            actors=ActorFormSet(initial=actors, prefix=ACTOR_PREFIX),
            steps=StepFormSet(
                initial=steps, prefix=STEP_PREFIX, form_kwargs={"actor_choices": choices}
            ),
        )

    @classmethod
    def bound(cls, data: QueryDict) -> Editor:
        choices = _actor_choices(_rows(data, ACTOR_PREFIX, ACTOR_FIELDS))
        return cls(
            identity=IdentityForm(data),
            actors=ActorFormSet(data, prefix=ACTOR_PREFIX),
            steps=StepFormSet(data, prefix=STEP_PREFIX, form_kwargs={"actor_choices": choices}),
        )

    @classmethod
    def after_operation(cls, data: QueryDict, op: str) -> Editor:
        identity = {name: data.get(name, "") for name in IdentityForm.base_fields}
        actors = _rows(data, ACTOR_PREFIX, ACTOR_FIELDS)
        steps = _rows(data, STEP_PREFIX, STEP_FIELDS)
        _apply(op, actors, steps)
        return cls.unbound(_as_data(identity, actors, steps))

    def is_valid(self, code: str) -> bool:
        """Django's field checks, then the definition rules; every message is attached to
        its field (or listed in `problems`)."""
        valid = all([self.identity.is_valid(), self.actors.is_valid(), self.steps.is_valid()])
        # The rules run on the posted rows as well when a field failed already, so every
        # problem shows at once; a field keeps its first message.
        data = self.definition(code) if valid else preview_definition(code, self.identity.data)
        messages = validate_definition(data)
        for message in messages:
            self._attach(message)
        self.mark_invalid()
        return valid and not messages

    def mark_invalid(self) -> None:
        """Give every field with an error the invalid style and its message's id."""
        for form in [self.identity, *self.actors.forms, *self.steps.forms]:
            for name in form.errors:
                if name in form.fields:
                    attrs = form.fields[name].widget.attrs
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                    attrs["aria-describedby"] = f"{form[name].auto_id}_error"

    def definition(self, code: str) -> dict:
        """The cleaned forms in the load format (call after the forms validated)."""
        return definition_of(
            code, self.identity.cleaned_data, self.actors.cleaned_data, self.steps.cleaned_data
        )

    def _attach(self, message: str) -> None:
        where, _sep, text = message.partition(": ")
        target = _target_of(where, text, self)
        if target is None:
            self.problems.append(message)
            return
        form, name = target
        if form is None:  # attached to every row it names already
            return
        if name in form.fields and name in form.errors:
            return
        form.add_error(name if name in form.fields else None, text)

    def save(self, version: SopVersion, code: str, *, by: Any) -> None:
        """Replace the draft's identity, pelaksana and steps (call after is_valid)."""
        data = self.definition(code)
        with transaction.atomic():
            record(
                organization=version.sop.organization,
                user=by,
                action="sop.draft.save",
                obj=version,
                after={"sop": code, "version": version.number, "steps": len(data["steps"])},
            )
            locked = SopVersion.objects.select_for_update().get(pk=version.pk)
            for name, value in identity_values(data).items():
                setattr(locked, name, value)
            locked.save()  # refused unless it is still a draft
            locked.steps.all().delete()
            locked.actors.all().delete()
            write_rows(locked, data)


def version_data(version: SopVersion) -> QueryDict:
    """The version as the editor posts it (the form's data)."""
    identity = {
        name: getattr(version, name)
        for name in IdentityForm.base_fields
        if name not in IDENTITY_LISTS
    }
    identity.update({name: "\n".join(getattr(version, name)) for name in IDENTITY_LISTS})
    for name in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        identity[name] = identity[name].isoformat() if identity[name] else ""
    actors = [
        {"key": a.key, "name": a.name, "role": a.role} for a in version.actors.order_by("order")
    ]
    steps = [
        {
            **{name: getattr(step, name) for name in STEP_FIELDS if name != "actor"},
            "actor": step.actor.key,
        }
        for step in version.steps.select_related("actor").order_by("number")
    ]
    return _as_data(identity, actors, steps)


def _actor_choices(actors: list[dict]) -> list[tuple[str, str]]:
    return [(a["key"], a["name"] or a["key"]) for a in actors if a.get("key")]


def definition_of(code: str, identity: dict, actors: list[dict], steps: list[dict]) -> dict:
    ident: dict[str, Any] = {}
    for name, value in identity.items():
        if name in IDENTITY_LISTS:
            ident[name] = [line.strip() for line in (value or "").splitlines() if line.strip()]
        elif name.startswith("tanggal"):
            ident[name] = (value.isoformat() if hasattr(value, "isoformat") else value) or None
        else:
            ident[name] = value or ""
    return {
        "code": code,
        "identity": ident,
        "actors": [{name: a.get(name, "") for name in ACTOR_FIELDS} for a in actors if a],
        "steps": [_step_of(number, step) for number, step in enumerate(steps, start=1)],
    }


def _step_of(number: int, step: dict) -> dict:
    data: dict[str, Any] = {
        "number": number,
        "uraian": step.get("uraian") or "",
        "actor": step.get("actor") or "",
        "kind": step.get("kind") or "",
        "kelengkapan": step.get("kelengkapan") or "",
        "waktu": {"amount": step.get("waktu_amount"), "unit": step.get("waktu_unit") or ""},
        "output": step.get("output") or "",
    }
    if step.get("keterangan"):
        data["keterangan"] = step["keterangan"]
    if step.get("kind") == StepKind.DECISION or step.get("yes_step") or step.get("no_step"):
        data["decision"] = {"ya": step.get("yes_step"), "tidak": step.get("no_step")}
    if step.get("per_unit"):
        data["per_unit"] = True
    if step.get("action"):
        data["action"] = step["action"]
    return data


def preview_definition(code: str, data: QueryDict) -> dict:
    """The posted (unchecked) rows as a definition, for the preview: numbers typed as text
    become numbers where they can."""
    identity = {name: data.get(name, "") for name in IdentityForm.base_fields}
    actors = _rows(data, ACTOR_PREFIX, ACTOR_FIELDS)
    steps = _rows(data, STEP_PREFIX, STEP_FIELDS)
    for step in steps:
        for name in ("waktu_amount", "yes_step", "no_step"):
            value = str(step.get(name) or "").strip()
            step[name] = int(value) if value.isdigit() else None
    return definition_of(code, identity, actors, steps)


# Which field a message of validation.py is about, from the quoted key it names.
FIELD_WORDS = {
    "'ya'": "yes_step",
    "'tidak'": "no_step",
    "'decision'": "yes_step",
    "waktu": "waktu_amount",
    "satuan waktu": "waktu_unit",
    "pelaksana '": "actor",
    "simbol": "kind",
}


def _field_named(text: str, form: forms.Form) -> str | None:
    for name in form.fields:
        if f"'{name}'" in text:
            return name
    for word, name in FIELD_WORDS.items():
        if word in text and name in form.fields:
            return name
    return None


def _target_of(where: str, text: str, editor: Editor) -> tuple[forms.Form, str | None] | None:
    if where == _("Identitas"):
        return editor.identity, _field_named(text, editor.identity)
    for index, form in enumerate(editor.steps.forms, start=1):
        if where in (_("Langkah %(number)d") % {"number": index},):
            return form, _field_named(text, form)
    for index, form in enumerate(editor.actors.forms, start=1):
        if where == _("Pelaksana ke-%(index)d") % {"index": index}:
            return form, _field_named(text, form)
    if where == _("Pelaksana"):
        key = re.search(r"'([^']+)'", text)
        for form in editor.actors.forms:
            if key and form["key"].value() == key[1] and "key" not in form.errors:
                form.add_error("key", text)
        return (None, None) if key else None  # type: ignore[return-value]
    return None
