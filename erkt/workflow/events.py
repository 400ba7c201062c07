"""What the engine (and the apps plugged into it) announce: the notifications app listens.

The engine knows no channel: it sends these signals inside its transaction and the
receivers (erkt.notifications) queue their work for after the commit. Another app may
announce an event of a process it handles (the signing of the RKT, the archiving).

- tasks_opened(tasks, cause, reason, by): tasks the engine has just opened; cause is one
  of Cause: a step opening on the "ya" path, a unit's task given back with a reason
  (reopen_unit_task), a step opened again by a decision "tidak" with its note. A
  completion planned before SQLite's write lock sends it before the tasks are written, with
  `later` (a list): a receiver then appends what it does to it, and the engine calls that
  under the lock once the tasks have their keys (only if the plan holds).
- process_event(process, kind, by, facts): a process-wide event (Notification.Kind
  SIGNED or ARCHIVED), with a few facts for the message (e.g. the nomor berkas).
- notices_created(notification_ids): notices already stored and committed (`erkt remind`):
  the channels send them now.
"""

from __future__ import annotations

from django.db import models
from django.dispatch import Signal


class Cause(models.TextChoices):
    STEP = "opened", "opened"
    RETURNED = "returned", "returned"
    DECISION = "rejected", "rejected"


tasks_opened = Signal()
process_event = Signal()
notices_created = Signal()
