"""Rows become the same model instances without Model.__init__ (erkt.model_instances)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.db.models.signals import post_init
from django.test.utils import isolate_apps

from erkt.model_instances import builds_plainly, from_db
from erkt.org.models import Employee, Organization, Position
from erkt.workflow.models import Task


def state(instance, seen: frozenset = frozenset()) -> list:
    """Everything an instance holds, in its order: each attribute, then _state's own, the
    related instances select_related put in its cache included (once: a one-to-one's two
    sides hold each other)."""
    if id(instance) in seen:
        return ["seen", type(instance), instance.pk]
    seen |= {id(instance)}
    held = [(name, value) for name, value in vars(instance).items() if name != "_state"]
    own = [(name, value) for name, value in vars(instance._state).items() if name != "fields_cache"]
    cache = instance._state.fields_cache.items()
    related = [(name, state(value, seen) if value else value) for name, value in cache]
    return [*held, ("_state", own), ("related", related)]


def read_by_django(read):
    """read() with a post_init receiver connected: Django's from_db builds every instance."""
    built = []

    def listen(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(listen)
    try:
        found = read()
    finally:
        post_init.disconnect(listen)
    assert built, "the receiver saw the instances"
    return found


READS = {
    "a user": lambda: list(User.objects.order_by("pk")),
    "an organisation with its logo": lambda: list(Organization.objects.order_by("pk")),
    "employees with their organisation": lambda: list(
        Employee.objects.select_related("organization", "user").order_by("pk")
    ),
    "positions with their unit and its organisation": lambda: list(
        Position.objects.select_related("unit__organization").order_by("pk")
    ),
    "deferred columns": lambda: list(Position.objects.only("title", "unit_id").order_by("pk")),
    "values of a through table": lambda: list(Position.holders.through.objects.order_by("pk")),
}


@pytest.mark.database
@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_instances_hold_what_djangos_from_db_gives_them(demo, read):
    ours = read()
    assert ours
    theirs = read_by_django(read)
    assert [type(instance) for instance in ours] == [type(instance) for instance in theirs]
    assert [state(instance) for instance in ours] == [state(instance) for instance in theirs]


@pytest.mark.database
def test_a_read_instance_saves_and_refreshes_as_djangos(demo):
    position = Position.objects.only("title").order_by("pk").first()
    assert position.get_deferred_fields() == {
        f.attname for f in Position._meta.concrete_fields if f.attname not in ("id", "title")
    }
    position.title = "Jabatan <script>"
    position.save(update_fields=["title"])
    assert Position.objects.get(pk=position.pk).title == "Jabatan <script>"
    assert position.unit.pk == Position.objects.get(pk=position.pk).unit_id
    assert not position._state.adding


@isolate_apps("erkt.org")
def test_models_with_their_own_construction_keep_djangos():
    class Plain(models.Model):  # noqa: DJ008
        name = models.CharField(max_length=10)

    class Counted(models.Model):  # noqa: DJ008
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)

    class Described(models.Model):  # noqa: DJ008
        name = models.CharField(max_length=10)

    class Upper:
        def __get__(self, instance, owner=None):
            return self if instance is None else instance.__dict__["name"]

        def __set__(self, instance, value):
            instance.__dict__["name"] = value.upper()

    Described.name = Upper()
    assert builds_plainly(Plain)
    assert not builds_plainly(Counted)
    assert not builds_plainly(Described)
    for model in (Task, Organization, Employee, User):
        assert model.from_db.__func__ is from_db


@pytest.mark.database
@isolate_apps("erkt.org")
def test_a_model_declared_later_is_built_by_django(demo):
    class Later(Organization):
        class Meta:
            proxy = True

    read = list(Later.objects.order_by("pk"))
    assert read and all(type(instance) is Later for instance in read)
    assert [state(instance) for instance in read] == [
        state(instance) for instance in Organization.objects.order_by("pk")
    ]


# --- New instances (model_instances.new) -----------------------------------------------------


def built_both_ways(model, **values):
    """(model_instances.new(model, **values), model(**values)), the first by its own
    plan, not by Model.__init__."""
    from erkt import model_instances

    ours = model_instances.new(model, **values)
    assert model_instances._plans[model] is not None
    return ours, model(**values)


def test_a_new_audit_entry_is_djangos(demo):
    from django.utils import timezone

    from erkt.audit.models import AuditEntry

    kepala = User.objects.get(username="kepala")
    position = Position.objects.filter(organization=demo).first()
    values = {
        "organization": demo,
        "created_at": timezone.now(),
        "user": kepala,
        "position": position,
        "user_repr": "<script>alert(1)</script>",
        "action": "task.complete",
        "object_type": "workflow.task",
        "object_id": "7",
        "before": {"status": "open"},
        "after": {"status": "done", "note": "<script>"},
        "reason": "",
    }
    ours, djangos = built_both_ways(AuditEntry, **values)

    assert state(ours) == state(djangos)
    assert ours._state.adding and ours.pk is None
    assert ours.before is values["before"]  # the same objects, not copies


def test_a_new_task_is_djangos_with_a_relation_left_empty(demo, kepala):
    from erkt.sop.models import Sop
    from erkt.workflow import engine

    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    engine.start_process(sop=sop, year=2027, by=kepala)
    process = Task.objects.select_related("process", "step_run").get(status="open")
    values = {
        "process": process.process,
        "step_run": process.step_run,
        "unit": None,
        "position": process.position,
        "pass_number": 2,
        "opened_on": process.opened_on,
        "due_date": process.due_date,
        "return_reason": "",
        "opened_by_task": process,
    }
    ours, djangos = built_both_ways(Task, **values)

    assert state(ours) == state(djangos)


def test_a_new_queue_row_with_defaults_made_on_each_call_is_djangos():
    from django_tasks_db.models import DBTaskResult

    ours, djangos = built_both_ways(DBTaskResult, id="x", task_path="a.b", backend_name="default")

    assert state(ours) == [
        (name, value if name != "enqueued_at" else ours.enqueued_at)
        for name, value in state(djangos)
    ]


def test_what_only_django_builds_goes_to_django(demo):
    from django.db.models import DEFERRED

    from erkt.audit.models import AuditEntry
    from erkt.model_instances import new

    unsaved = Organization(name="Baru")
    by_django = []

    def listen(sender, instance, **kwargs):
        by_django.append(instance)

    post_init.connect(listen, sender=AuditEntry)
    try:
        new(AuditEntry, action="x")  # a receiver listens
    finally:
        post_init.disconnect(listen, sender=AuditEntry)
    assert len(by_django) == 1
    with pytest.raises(TypeError):
        new(AuditEntry, no_such_field=1)
    entry = new(AuditEntry, organization=unsaved)  # Django sets its _state.db
    assert unsaved._state.db == entry._state.db == "default"
    assert "reason" not in vars(new(AuditEntry, reason=DEFERRED))
