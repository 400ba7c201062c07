"""A deployment of many offices for `make bench --scale N` and the scale query-count tests.

Each office is a copy of the demo office with its own people (erkt.org.demo.load_demo_copy)
and its own history: five completed RKT years (2022-2026) and one running process (2027).

The first copy (the template) runs its history through the engine itself: every start and
every completion is `engine.start_process` / `engine.complete_task`, with the lock, the
checks, the deadline plan and the audit entries. Its past years run with a step action
that asks for no output, so they carry no step content: no uploaded files, no Form RKT,
no drafts, no rendered or signed documents, no archive bundle. The running process is
started with the app's own actions.

Every other copy gets the same rows by a bulk path (`clone_history`): the template's
processes, step runs, tasks and audit entries, with every reference moved to the copy's
own organisation, people, positions, units and SOP, written with bulk_create and the
audit entries chained onto the copy's chain in one batch (keyed HMAC, as `record` does).
`erkt audit verify` passes on the result; a test compares a cloned office field by field
with one run through the engine.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction

PAST_YEARS = (2022, 2023, 2024, 2025, 2026)
RUNNING_YEAR = 2027
# Decision steps answer "ya": one pass through the SOP per past year.
DECISION = "ya"


class _NoOutput:
    """The step action of the past years: the engine's default, without an output."""

    key = ""

    def on_open(self, task) -> None:
        return None

    def validate(self, task, by, payload) -> None:
        return None

    def missing_output(self, task) -> None:
        return None

    def links(self, task, user) -> list:
        return []

    def on_complete(self, task, by, payload) -> None:
        return None


@contextmanager
def _without_step_content() -> Iterator[None]:
    from erkt.workflow import actions

    saved_registry, saved_default = actions._registry, actions.DEFAULT
    actions._registry, actions.DEFAULT = {}, _NoOutput()
    try:
        yield
    finally:
        actions._registry, actions.DEFAULT = saved_registry, saved_default


# --------------------------------------------------------------------------- the engine path


def run_history(organization, number: int) -> None:
    """Five completed years and the running one, through the engine (the template)."""
    from erkt.workflow import engine
    from erkt.workflow.models import Task

    User = get_user_model()
    sop = organization.sops.get(code="penyusunan-rkt")
    kepala = User.objects.get(username=f"kepala.{number}")
    with _without_step_content():
        for year in PAST_YEARS:
            process = engine.start_process(
                sop=sop, year=year, by=kepala, start_date=datetime.date(year - 1, 1, 6)
            )
            while True:
                task = (
                    Task.objects.filter(process=process, status=Task.Status.OPEN)
                    .order_by("step_run__number", "unit__order", "pk")
                    .first()
                )
                if task is None:
                    break
                by = _assignee(task)
                decision = DECISION if task.step_run.step.is_decision else ""
                engine.complete_task(task, by=by, decision=decision)
    engine.start_process(sop=sop, year=RUNNING_YEAR, by=kepala)


def _assignee(task):
    employee = task.eligible_employees().select_related("user").order_by("pk").first()
    return employee.user


# --------------------------------------------------------------------------- the bulk path

# What the engine writes for a history, in the order the rows depend on each other.
HISTORY_MODELS = ("workflow.Process", "workflow.StepRun", "workflow.Task")


@dataclass
class Template:
    """The template office's history, read once, ready to copy."""

    organization: Any
    number: int
    rows: dict[str, list[models.Model]]
    audit: list[Any]


def counts() -> dict[str, int]:
    """Row count of every model (to check that a history writes nothing unexpected)."""
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def read_template(organization, number: int, before_audit_seq: int) -> Template:
    from erkt.audit.models import AuditEntry

    rows = {
        label: list(
            apps.get_model(label)._base_manager.filter(**_of(label, organization)).order_by("pk")
        )
        for label in HISTORY_MODELS
    }
    audit = list(
        AuditEntry.objects.filter(organization=organization, seq__gt=before_audit_seq).order_by(
            "seq"
        )
    )
    return Template(organization, number, rows, audit)


def _of(label: str, organization) -> dict[str, Any]:
    return (
        {"organization": organization}
        if label == "workflow.Process"
        else {"process__organization": organization}
    )


def _org_objects(organization) -> dict[type, list[models.Model]]:
    """The copy-level objects a history refers to, in the order load_demo_copy made them."""
    from erkt.org.models import Employee, Organization, Position, Unit
    from erkt.sop.models import Sop, SopStep, SopVersion

    User = get_user_model()
    return {
        Organization: [organization],
        Unit: list(Unit.objects.filter(organization=organization).order_by("pk")),
        Employee: list(Employee.objects.filter(organization=organization).order_by("pk")),
        User: list(User.objects.filter(employee__organization=organization).order_by("pk")),
        Position: list(Position.objects.filter(organization=organization).order_by("pk")),
        Sop: list(Sop.objects.filter(organization=organization).order_by("pk")),
        SopVersion: list(SopVersion.objects.filter(sop__organization=organization).order_by("pk")),
        SopStep: list(
            SopStep.objects.filter(version__sop__organization=organization).order_by("pk")
        ),
    }


def _mapping(template: Template, organization) -> dict[type, dict[int, models.Model]]:
    ours, theirs = _org_objects(template.organization), _org_objects(organization)
    mapping: dict[type, dict[int, models.Model]] = {}
    for model, old in ours.items():
        new = theirs[model]
        if len(old) != len(new):
            raise ValueError(f"{organization} differs from the template in {model.__name__}")
        mapping[model] = {a.pk: b for a, b in zip(old, new, strict=True)}
    return mapping


def clone_history(template: Template, organization, number: int) -> None:
    """Write the template's history into `organization` (copy `number`) in bulk."""
    from erkt.audit.log import append_entries

    mapping = _mapping(template, organization)
    rename = _renamer(template.number, number)
    with transaction.atomic():
        for label in HISTORY_MODELS:
            model = apps.get_model(label)
            rows = template.rows[label]
            # References within the table (Task.opened_by_task: the completion that opened
            # a task) point at copies that have no key yet: set after the bulk_create.
            own = [
                f for f in model._meta.concrete_fields if f.is_relation and f.related_model is model
            ]
            copies = [_copy(row, mapping, later=own) for row in rows]
            model.objects.bulk_create(copies)
            mapping[model] = {old.pk: new for old, new in zip(rows, copies, strict=True)}
            if own:
                _link_own(rows, copies, own, mapping[model])
        by_label = {model._meta.label_lower: model for model in mapping}
        entries = [
            _copy_entry(entry, mapping, by_label, rename, organization) for entry in template.audit
        ]
        append_entries(entries)


def _copy(
    row: models.Model, mapping: dict[type, dict[int, models.Model]], later: Sequence[Any] = ()
) -> models.Model:
    values = {}
    for f in row._meta.concrete_fields:
        if f.primary_key or f in later:
            continue
        value = getattr(row, f.attname)
        if f.is_relation and value is not None:
            target = mapping.get(f.related_model)
            if target is None:
                raise ValueError(f"{row._meta.label}.{f.name} refers outside the copy")
            value = target[value].pk
        values[f.attname] = value
    return type(row)(**values)


def _link_own(rows, copies, fields, copied: dict[int, models.Model]) -> None:
    """Point the copies' references within their own table at the copies."""
    changed = []
    for row, copy in zip(rows, copies, strict=True):
        linked = False
        for f in fields:
            value = getattr(row, f.attname)
            if value is not None:
                setattr(copy, f.attname, copied[value].pk)
                linked = True
        if linked:
            changed.append(copy)
    if changed:
        type(copies[0]).objects.bulk_update(changed, [f.name for f in fields], batch_size=500)


def _renamer(old: int, new: int) -> Callable[[str], str]:
    old_suffix, new_suffix = f".{old}", f".{new}"

    def rename(text: str) -> str:
        # Usernames end in .<number> (kepala.2 -> kepala.7); "kepala.2 (Nama)" likewise.
        head, sep, tail = text.partition(" ")
        if head.endswith(old_suffix):
            head = head[: -len(old_suffix)] + new_suffix
        return head + sep + tail

    return rename


def _copy_entry(entry, mapping, by_label, rename, organization):
    from erkt.audit.models import AuditEntry
    from erkt.org.models import Position

    User = get_user_model()
    model = by_label.get(entry.object_type)
    object_id = entry.object_id
    if model is not None and object_id:
        object_id = str(mapping[model][int(object_id)].pk)
    position = mapping[Position][entry.position_id] if entry.position_id else None
    return AuditEntry(
        organization=organization,
        created_at=entry.created_at,
        user=mapping[User][entry.user_id] if entry.user_id else None,
        user_repr=rename(entry.user_repr),
        position=position,
        position_repr=str(position)[:200] if position else "",
        acting_kind=entry.acting_kind,
        acting_for=entry.acting_for,
        action=entry.action,
        object_type=entry.object_type,
        object_id=object_id,
        object_repr=entry.object_repr,
        before=_remap_state(entry.before, mapping, rename),
        after=_remap_state(entry.after, mapping, rename),
        reason=rename(entry.reason),
    )


def _remap_state(state: Any, mapping, rename) -> Any:
    from erkt.sop.models import SopVersion

    if not isinstance(state, dict):
        return state
    state = dict(state)
    if state.get("sop_version"):
        state["sop_version"] = mapping[SopVersion][state["sop_version"]].pk
    if isinstance(state.get("completed_by"), str):
        state["completed_by"] = rename(state["completed_by"])
    return state


# --------------------------------------------------------------------------- the deployment


@contextmanager
def _one_password_hash() -> Iterator[None]:
    """Every copy's people share one hash of the demo password (a hash costs ~0.5 s on
    purpose; 900 copies would spend minutes on it)."""
    from erkt.org import demo

    saved_make, saved_check = demo.make_password, demo.check_password
    made: dict[str, str] = {}
    checked: dict[tuple[str, str], bool] = {}

    def make_password(password: str) -> str:
        if password not in made:
            made[password] = saved_make(password)
        return made[password]

    def check_password(password: str, encoded: str) -> bool:
        if (password, encoded) not in checked:
            checked[password, encoded] = saved_check(password, encoded)
        return checked[password, encoded]

    demo.make_password, demo.check_password = make_password, check_password
    try:
        yield
    finally:
        demo.make_password, demo.check_password = saved_make, saved_check


def build(
    offices: int, *, first: int = 2, progress: Callable[[int], None] | None = None
) -> list[Any]:
    """Copies `first` .. `first + offices - 1` of the demo office, each with its history.

    The first copy runs its history through the engine; the others are cloned from it.
    Returns the organisations.
    """
    from erkt.audit.models import AuditChain
    from erkt.org.demo import load_demo_copy

    made = []
    template = None
    with _one_password_hash():
        for number in range(first, first + offices):
            organization = load_demo_copy(number)
            if template is None:
                head = AuditChain.objects.filter(organization=organization).first()
                before_seq = head.last_seq if head else 0
                before = counts()
                run_history(organization, number)
                template = read_template(organization, number, before_seq)
                extra = unexpected_rows(before, counts(), template)
                if extra:
                    raise ValueError(f"The history wrote rows the bulk path skips: {extra}")
            else:
                clone_history(template, organization, number)
            made.append(organization)
            if progress is not None:
                progress(number)
    return made


# Tables the history writes to that the bulk path rightly leaves alone: the chain head
# (append_entries moves each copy's own), and the job queue. Each transition queues its
# notices after the commit (erkt.notifications.receivers; under `make bench`, whose
# writes commit, not in a test's transaction); a queued job is work for the worker, not
# part of an office's history, and a copy of it would tell the copy's people of five
# years of tasks again. The notices themselves (workflow.Notification and
# notifications.Delivery) are written by the worker, so the history writes none: were
# the engine ever to write them itself, this check would name them.
NOT_HISTORY = ("audit.AuditChain", "django_tasks_database.DBTaskResult")


def unexpected_rows(before: dict[str, int], after: dict[str, int], template: Template):
    """Models the history added rows to, other than what the bulk path copies."""
    copied = {label: len(rows) for label, rows in template.rows.items()}
    copied["audit.AuditEntry"] = len(template.audit)
    extra = {}
    for label, count in after.items():
        added = count - before.get(label, 0)
        if added and copied.get(label) != added and label not in NOT_HISTORY:
            extra[label] = added
    return extra
