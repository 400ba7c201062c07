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

from django.db.models import Model
from django.db.models.base import ModelState
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
