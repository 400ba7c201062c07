"""Step actions: how an app plugs step-specific behaviour into the generic engine.

An SOP step may name an action key (SopStep.action, e.g. "rkt.compile_draft").
An app registers an object for that key at start-up (in its AppConfig.ready()):

    from erkt.workflow.actions import StepAction, register

    @register("rkt.compile_draft")
    class CompileDraft(StepAction):
        def missing_output(self, task):
            return None if draft_exists(task.process) else "Draft RKT"

        def on_complete(self, task, by, payload):
            freeze_draft(task.process, by)

`register` accepts a StepAction subclass (instantiated once), an instance, or a
plain function (used as `on_complete`). The engine never imports the app.

The protocol (every hook optional; StepAction gives the defaults):

- `on_open(task)`: called when a task of the step opens (every pass), inside the
  transaction that opens it. E.g. create the unit's empty Form RKT.
- `validate(task, by, payload)`: called before completion; raise
  erkt.workflow.errors.Invalid with a message in Bahasa Indonesia to refuse.
- `missing_output(task) -> str | None`: the name of the output still missing,
  or None when the output is there. The engine then refuses with
  "Output '<name>' belum diunggah." (422). The default asks for at least one
  uploaded file (Attachment) on non-decision steps; a decision's output is the
  decision itself.
- `links(task, user) -> list[tuple[str, str]]`: (label, url) pairs the task page
  shows as buttons, leading to the app's own pages for the step's content
  (e.g. "Isi Form RKT"). The engine and its pages stay free of app knowledge.
- `on_complete(task, by, payload)`: called after the task is marked done and
  before the process moves on, inside the same transaction: an exception rolls
  everything back.

`payload` is a dict: "note" and "decision" as given to complete_task, plus the
caller's extra data (complete_task(..., payload={...})). `by` is the acting User.

A step whose key has no registered action (or no key) behaves as StepAction:
it completes by recording its output, a note plus an uploaded file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from erkt.workflow.models import Task


class StepAction:
    """The default behaviour of a step; subclass and override the hooks you need."""

    key: str = ""

    def on_open(self, task: Task) -> None:
        return None

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        return None

    def missing_output(self, task: Task) -> str | None:
        if task.step.is_decision or _has_attachments(task):
            return None
        return task.step.output

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        return []

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        return None

    def on_withdraw(self, task: Task, by: Any, reason: str) -> None:
        """The completed task was taken back (it is open again): undo what completing did."""
        return None

    def has_work(self, task: Task) -> bool:
        """Whether the open task holds saved work of this action (a saved form, a new
        version): such a task is "touched" and its predecessor can no longer be withdrawn."""
        return False


class _FunctionAction(StepAction):
    def __init__(self, function: Callable[[Task, Any, Mapping[str, Any]], None]) -> None:
        self.function = function

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        self.function(task, by, payload)


_registry: dict[str, StepAction] = {}
DEFAULT = StepAction()


def register(key: str) -> Callable[[Any], Any]:
    """Register a StepAction subclass, instance or on_complete function for `key`.

    Registering a key twice replaces the earlier action (tests rely on this).
    """
    if not key:
        raise ValueError("an action key must not be empty")

    def decorator(target: Any) -> Any:
        if isinstance(target, type) and issubclass(target, StepAction):
            action = target()
        elif isinstance(target, StepAction):
            action = target
        elif callable(target):
            action = _FunctionAction(target)
        else:
            raise TypeError(f"cannot register {target!r} as a step action")
        action.key = key
        _registry[key] = action
        return target

    return decorator


def unregister(key: str) -> None:
    _registry.pop(key, None)


def get(key: str) -> StepAction:
    """The action registered for `key`, or the default behaviour."""
    return _registry.get(key, DEFAULT) if key else DEFAULT


def registered_keys() -> list[str]:
    return sorted(_registry)


def _has_attachments(task: Task) -> bool:
    """Whether the task has an uploaded file: read with the task the engine has just locked
    (`has_attachments`, no query of its own), else asked of the database."""
    known = getattr(task, "has_attachments", None)
    return task.attachments.exists() if known is None else bool(known)
