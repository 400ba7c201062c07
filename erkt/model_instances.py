"""Model instances read from the database, built with a few Python calls each.

Django's Model.from_db() calls Model.__init__(), which sends pre_init and post_init and
sets each column through setattr() (a foreign key's descriptor is a Python call of its
own): some 25 Python calls an instance, 1,800 on an Arsip page of 69 instances, 130 on
every page for the signed-in user, their employee record and organisation. `from_db` here
builds the same instance (the same __dict__ in the same order, the same _state) by
filling its __dict__ at once. It stands in for Django's only where that is the same thing
(`install`): a model without its own __init__ or from_db, whose columns' descriptors store
the value unchanged in __dict__ when the instance is new (plain columns, a foreign key's
id, a file's name); and on each call only while nothing listens to pre_init or post_init
(an ImageField with dimension fields connects a receiver: Django's path is taken then).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from django.db import router
from django.db.models import DEFERRED, Field, ForeignKey, Model
from django.db.models.base import ModelState
from django.db.models.fields import return_None
from django.db.models.fields.files import FileDescriptor
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init

# Descriptors whose __set__ on a new instance only stores the value under the attname
# (ImageFileDescriptor, a FileDescriptor, updates dimensions only when replacing a file).
STORING = (ForeignKeyDeferredAttribute, FileDescriptor)

django_from_db = Model.from_db.__func__

# Per installed model: the concrete columns' attnames, in the order from_db gets values.
_columns: dict[type[Model], tuple[str, ...]] = {}
# Per model and loaded columns (a queryset's only() or defer()): their attnames.
_loaded: dict[tuple, tuple[str, ...]] = {}


def from_db(cls, db, field_names, values):
    """Model.from_db(db, field_names, values) without Model.__init__()."""
    names = _columns.get(cls)
    # A subclass declared after install() (a proxy, say) inherits this method unchecked.
    if names is None or pre_init.receivers or post_init.receivers:
        return django_from_db(cls, db, field_names, values)
    if len(names) != len(values):
        names = loaded_columns(cls, field_names)
        if len(names) != len(values):
            return django_from_db(cls, db, field_names, values)
    new = cls.__new__(cls)
    state = new._state = ModelState()
    state.adding = False
    state.db = db
    new.__dict__.update(zip(names, values, strict=True))
    return new


def loaded_columns(cls: type[Model], field_names) -> tuple[str, ...]:
    """The attnames of the columns a deferring queryset loads, as Django's from_db
    orders the values it gets (the model's column order)."""
    key = (cls, tuple(field_names))
    found = _loaded.get(key)
    if found is None:
        wanted = set(field_names)
        found = tuple(f.attname for f in cls._meta.concrete_fields if f.attname in wanted)
        _loaded[key] = found
    return found


def builds_plainly(model: type[Model]) -> bool:
    """Whether Model.__init__ would only store each column's value in __dict__."""
    if model.__init__ is not Model.__init__ or model.from_db.__func__ is not django_from_db:
        return False
    for field in model._meta.concrete_fields:
        descriptor = getattr(model, field.attname, None)
        if hasattr(type(descriptor), "__set__") and not isinstance(descriptor, STORING):
            return False
    return True


def install(models: Iterable[type[Model]]) -> None:
    """Give each model that builds plainly this from_db."""
    for model in models:
        if builds_plainly(model):
            _columns[model] = tuple(f.attname for f in model._meta.concrete_fields)
            model.from_db = classmethod(from_db)


# --- New instances -------------------------------------------------------------------------
#
# Model(**values) for a new row costs some 100-135 Python calls (pre_init and post_init sent,
# each field's default looked up through two calls, each related object set through its
# descriptor with the router's checks): a completion builds three audit entries and a task
# under its transaction. `new` builds the same instance (the same __dict__ and _state, the
# related objects cached as their descriptors cache them) for a model that builds plainly,
# without routers or init receivers; anything else goes to Model(**values).


class _Plan(NamedTuple):
    # Each concrete column in the model's order: (attname, field, and for a foreign key its
    # name, the attname of the column it points to and its related objects' concrete model).
    columns: tuple
    # Per column: its default when not given, fixed (None, "", a constant default), or the
    # field whose get_default() makes it on each call (a callable default, say).
    defaults: dict


_FIXED_DEFAULTS = (return_None, str)
_plans: dict[type[Model], _Plan | None] = {}


def new(model: type[Model], **values) -> Model:
    """model(**values) of a new row: each value by the field's name (a related object) or
    attname; the others the fields' defaults."""
    plan = _plans.get(model, False)
    if plan is False:
        plan = _plans[model] = _plan(model)
    if plan is None or pre_init.receivers or post_init.receivers or router.routers:
        return model(**values)
    instance = model.__new__(model)
    state = instance._state = ModelState()
    columns = instance.__dict__
    cache = {}
    used = 0
    # Column by column, as Model.__init__ sets them (and caches the related objects).
    for attname, field, name, target, concrete in plan.columns:
        if name is not None and name in values:
            value = values[name]
            used += 1
            if value is not None:
                if type(value) is not concrete or value._state.db is None:
                    return model(**values)  # what the descriptor checks or sets: Django's way
                if state.db is None:
                    state.db = value._state.db
                elif value._state.db != state.db:
                    return model(**values)  # Django refuses the relation
                columns[attname] = getattr(value, target)
            else:
                columns[attname] = None
            cache[name] = value
        elif attname in values:
            value = columns[attname] = values[attname]
            used += 1
            if value is DEFERRED:
                return model(**values)
        else:
            default = plan.defaults[attname]
            columns[attname] = field.get_default() if default is field else default
    if used != len(values):
        return model(**values)  # a property, a name not of a column
    if cache:
        state.fields_cache = cache
    return instance


def _plan(model: type[Model]) -> _Plan | None:
    """What `new` needs of the model, or None where only Model(**values) does it."""
    plain = model in _columns or builds_plainly(model)  # installed: its from_db is ours
    if not plain or model._meta.abstract:
        return None
    opts = model._meta
    if any(field not in opts.concrete_fields or field.generated for field in opts.fields):
        return None  # a private field (a generic relation) or a generated column
    defaults, columns = {}, []
    for field in opts.concrete_fields:
        defaults[field.attname] = _fixed_default(field)
        if not field.is_relation:
            columns.append((field.attname, field, None, None, None))
            continue
        if type(field) is not ForeignKey or len(field.related_fields) != 1:
            return None  # a one-to-one caches itself on the other side, too
        _local, target = field.related_fields[0]
        concrete = field.remote_field.model._meta.concrete_model
        columns.append((field.attname, field, field.name, target.attname, concrete))
    return _Plan(tuple(columns), defaults)


def _fixed_default(field):
    """The field's default if the same on every call, else the field (asked each time)."""
    if type(field).get_default not in (Field.get_default, ForeignKey.get_default):
        return field
    made = field._get_default
    if made in _FIXED_DEFAULTS:
        return made()
    if field.has_default() and not callable(field.default) and not field.is_relation:
        return field.default
    return field
