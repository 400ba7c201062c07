"""Values built once per active language and kept: translated labels, fixed parts of a page.

A translation does not change while the process runs, so a function whose result depends
only on the active language (and on its few hashable arguments) need not translate again
on every request: a `{% translate %}` or gettext() costs tens of Python calls. A settings
change (tests: LANGUAGES, LOCALE_PATHS, TEMPLATES, ROOT_URLCONF) forgets every kept value.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils.translation import get_language

P = ParamSpec("P")
R = TypeVar("R")

# Weakly: a template node keeps its own, and a template parsed again (DEBUG) drops it.
_ALL: weakref.WeakSet[Kept] = weakref.WeakSet()


class Kept:
    """Values kept per language, URL prefix and key."""

    def __init__(self) -> None:
        self.values: dict[tuple, object] = {}
        _ALL.add(self)

    def get(self, key: tuple, build: Callable[[], R]) -> R:
        full_key = (get_language(), get_script_prefix(), *key)
        found = self.values.get(full_key)
        if found is None:
            found = self.values[full_key] = build()
        return found  # type: ignore[return-value]

    def forget(self) -> None:
        self.values.clear()


def per_language(build: Callable[P, R]) -> Callable[P, R]:
    """`build(*args)` once per language, URL prefix and arguments. The result is shared by
    every request: it must hold nothing of a user, a request or the database."""
    kept = Kept()

    @functools.wraps(build)
    def get(*args):
        return kept.get(args, lambda: build(*args))

    get.kept = kept  # type: ignore[attr-defined]
    return get


def forget_all(**kwargs) -> None:
    for kept in list(_ALL):
        kept.forget()


setting_changed.connect(forget_all, dispatch_uid="erkt.per_language.forget_all")
