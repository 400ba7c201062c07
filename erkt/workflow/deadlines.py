"""How far a due date is from today, in working days, as the pages say it.

The pages compute every deadline of a list with one WorkingCalendar (one query for the
organisation's local days), where Task.remaining_working_days would build one per task.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from erkt.workflow.calendar import WorkingCalendar


@dataclass(frozen=True)
class Deadline:
    """The distance from `today` to `due`: days > 0 left, 0 due today, < 0 late."""

    due: datetime.date
    today: datetime.date
    days: int

    @property
    def is_late(self) -> bool:
        return self.today > self.due

    @property
    def is_today(self) -> bool:
        return self.today == self.due

    @property
    def text(self) -> str:
        if self.is_late:
            late = -self.days
            if late < 1:
                # Due on Friday, seen on Saturday: late, though no working day was lost yet.
                return _("lewat batas waktu")
            return ngettext("terlambat %(n)s hari kerja", "terlambat %(n)s hari kerja", late) % {
                "n": late
            }
        if self.is_today:
            return _("jatuh tempo hari ini")
        return ngettext("sisa %(n)s hari kerja", "sisa %(n)s hari kerja", self.days) % {
            "n": self.days
        }

    @property
    def tone(self) -> str:
        """The Bootstrap colour: red when late, amber on the due date."""
        if self.is_late:
            return "danger"
        if self.is_today or self.days < 1:
            return "warning"
        return "secondary"


def deadline(due: datetime.date | None, today: datetime.date, calendar: WorkingCalendar):
    """The Deadline of `due` seen on `today`, or None without a due date."""
    if due is None:
        return None
    return Deadline(due=due, today=today, days=calendar.working_days_between(today, due))
