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
    """Values kept per language, URL prefix and key; `per_prefix=False` for values that
    hold no URL (a date's text), which then spare the prefix's look-up on every get.
    `limit`: at most that many values (all forgotten when full), for keys that grow with
    the users (0: no limit)."""

    def __init__(self, *, per_prefix: bool = True, limit: int = 0) -> None:
        self.values: dict[tuple, object] = {}
        self.per_prefix = per_prefix
        self.limit = limit
        _ALL.add(self)

    def get(self, key: tuple, build: Callable[[], R]) -> R:
        if self.per_prefix:
            full_key = (get_language(), get_script_prefix(), *key)
        else:
            full_key = (get_language(), *key)
        found = self.values.get(full_key)
        if found is None:
            found = self._built(full_key, build)
        return found  # type: ignore[return-value]

    def get_in(self, language: str, prefix: str, key: tuple, build: Callable[[], R]) -> R:
        """get(), the active language and URL prefix given by a caller that has read them
        (each read goes through asgiref's locals: some 25 Python calls the pair)."""
        full_key = (language, prefix, *key) if self.per_prefix else (language, *key)
        found = self.values.get(full_key)
        if found is None:
            found = self._built(full_key, build)
        return found  # type: ignore[return-value]

    def _built(self, full_key: tuple, build: Callable[[], R]) -> R:
        if self.limit and len(self.values) >= self.limit:
            self.values.clear()
        found = self.values[full_key] = build()
        return found

    def forget(self) -> None:
        self.values.clear()


def per_language(build: Callable[P, R]) -> Callable[P, R]:
    """`build(*args)` once per language, URL prefix and arguments. The result is shared by
    every request: it must hold nothing of a user, a request or the database."""
    return _kept_calls(build, Kept())


def per_language_alone(build: Callable[P, R]) -> Callable[P, R]:
    """As `per_language`, for a result that holds no URL: kept per language and arguments."""
    return _kept_calls(build, Kept(per_prefix=False))


def _kept_calls(build: Callable[P, R], kept: Kept) -> Callable[P, R]:
    @functools.wraps(build)
    def get(*args):
        return kept.get(args, lambda: build(*args))

    get.kept = kept  # type: ignore[attr-defined]
    return get


def forget_all(**kwargs) -> None:
    for kept in list(_ALL):
        kept.forget()


setting_changed.connect(forget_all, dispatch_uid="erkt.per_language.forget_all")
