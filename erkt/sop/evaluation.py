"""Monev SOP: how each step of an SOP version was carried out, over its finished processes.

PermenPAN-RB 35/2012 asks every office to monitor and evaluate its SOPs. The figures come
from the engine's own measure (erkt.workflow.monitoring): a pass of a step is one task, its
duration the working days in (opened, completed], late when completed after its due date.
Here every pass of every completed process of one SOP version is a sample, per step (per
unit for a per-unit step): passes, median and maximum working days against the step's
Waktu, the share on time, the "tidak" returns with their reasons (the decision's note, or
the return reason of a reopened unit task) and the units late most often.

`measure()` reads its rows in a fixed number of queries whatever the number of processes
and years; the rest is pure.
"""

from __future__ import annotations

import datetime
import math
import statistics
import zoneinfo
from dataclasses import dataclass, field

from erkt.sop.models import SopStep, SopVersion, WaktuUnit
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.models import Process, Task
from erkt.workflow.monitoring import (
    StepDuration,
    passes_of,
    process_tasks,
    step_durations,
    suspensions_of,
)

DEFAULT_LATE_SHARE = 30  # percent of passes late above which a step "tidak berjalan dengan baik"


@dataclass(frozen=True)
class Return:
    """A "tidak" decision (or a returned unit task): when, in which process, and why."""

    process_year: int
    on: datetime.date | None
    unit: str
    reason: str


@dataclass
class StepFigures:
    """One row of the evaluation: a step, or one unit's share of a per-unit step."""

    row: StepDuration
    returns: list[Return] = field(default_factory=list)

    @property
    def step(self) -> SopStep:
        return self.row.step

    @property
    def unit_name(self) -> str:
        return self.row.unit.short_name if self.row.unit else ""

    @property
    def waktu(self) -> int:
        return self.row.working_days

    @property
    def passes(self) -> int:
        return len(self.row.done_passes)

    @property
    def median(self) -> float | None:
        days = [p.days for p in self.row.done_passes]
        return statistics.median(days) if days else None

    @property
    def maximum(self) -> int | None:
        return self.row.maximum

    @property
    def late(self) -> int:
        return self.row.late_count

    @property
    def on_time(self) -> int:
        return self.passes - self.late

    @property
    def on_time_share(self) -> int | None:
        """Percent of passes completed by their due date (rounded down)."""
        return self.on_time * 100 // self.passes if self.passes else None

    @property
    def late_share(self) -> int | None:
        return 100 - self.on_time_share if self.passes else None


@dataclass(frozen=True)
class LateUnit:
    name: str
    late: int
    passes: int


@dataclass
class Measurement:
    version: SopVersion
    period: tuple[datetime.date, datetime.date] | None
    processes: list[Process]
    rows: list[StepFigures]

    @property
    def late_units(self) -> list[LateUnit]:
        """The units of the per-unit steps by their late passes, the most first."""
        totals: dict[str, list[int]] = {}
        for figures in self.rows:
            if figures.row.unit is not None:
                total = totals.setdefault(figures.row.unit.short_name, [0, 0])
                total[0] += figures.late
                total[1] += figures.passes
        units = [LateUnit(name, late, passes) for name, (late, passes) in totals.items() if late]
        return sorted(units, key=lambda u: (-u.late, u.name))

    @property
    def returns(self) -> list[tuple[StepFigures, Return]]:
        return [(figures, item) for figures in self.rows for item in figures.returns]


def period_bounds(year: int, semester: int) -> tuple[datetime.date, datetime.date]:
    """Semester 1: January to June; semester 2: July to December."""
    if semester == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def measure(
    version: SopVersion, period: tuple[datetime.date, datetime.date] | None = None
) -> Measurement:
    """The figures of `version` over its completed processes (those completed in `period`
    when given, days in the organisation's time zone). Four queries, plus the calendar's."""
    organization = version.sop.organization
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    processes = Process.objects.filter(sop_version=version, status=Process.Status.COMPLETED)
    if period is not None:
        first, last = period
        low = datetime.datetime.combine(first, datetime.time(), tzinfo=zone)
        high = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
        processes = processes.filter(completed_at__gte=low, completed_at__lt=high)
    chosen = list(processes.order_by("start_date", "pk"))
    steps = list(version.steps.select_related("actor").order_by("number"))
    tasks = process_tasks(
        Task.objects.filter(process__in=processes.values("pk"), status=Task.Status.DONE)
    )
    calendar, today = WorkingCalendar(organization), today_for(organization)
    stops = suspensions_of(organization, today) if chosen else {}
    passes = passes_of(tasks, calendar, zone, today, stops)
    years = {p.pk: p.year for p in chosen}
    rows = [StepFigures(row, returns_of(row, years, zone)) for row in step_durations(steps, passes)]
    return Measurement(version=version, period=period, processes=chosen, rows=rows)


def returns_of(row: StepDuration, years: dict[int, int], zone) -> list[Return]:
    """A decision step's "tidak" passes, or a unit's passes reopened with a reason."""
    found = []
    for item in row.passes:
        task = item.task
        reason = ""
        if task.decision == Task.Decision.TIDAK:
            reason = task.note
        elif task.return_reason and task.opened_by_task_id is None:
            # A unit's task reopened by its reviewer (a pass opened by a "tidak" decision
            # is counted once, at the decision).
            reason = task.return_reason
        else:
            continue
        found.append(
            Return(
                process_year=years.get(task.process_id, 0),
                on=item.completed_on,
                unit=task.unit.short_name if task.unit_id else "",
                reason=reason,
            )
        )
    return found


# --- The proposal of the evaluation form -----------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """What the form proposes for one step before the Tim edits it."""

    step_number: int
    uraian: str
    berjalan_baik: bool
    catatan: str
    tindakan: str
    proposed_waktu: int | None  # working days, None: keep the Waktu


def step_catatan(rows: list[StepFigures]) -> str:
    """The figures as a sentence, one per row (unit) that has passes."""
    parts = []
    for figures in rows:
        if not figures.passes:
            continue
        who = f"{figures.unit_name}: " if figures.unit_name else ""
        text = (
            f"{who}{figures.passes} kali, median {number_text(figures.median)} hari kerja, "
            f"maksimum {figures.maximum} hari kerja (Waktu {figures.waktu} hari kerja), "
            f"tepat waktu {figures.on_time_share}%"
        )
        if figures.returns:
            text += f", {len(figures.returns)} kali dikembalikan"
        parts.append(text + ".")
    return " ".join(parts)


def number_text(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def propose(measurement: Measurement, late_share: int = DEFAULT_LATE_SHARE) -> list[Proposal]:
    """Per step: "tidak berjalan dengan baik" when more than `late_share` percent of its
    passes (over all its units) were late, with the figures as the catatan and, as the
    action, its Waktu raised to the observed median (rounded up)."""
    by_step: dict[int, list[StepFigures]] = {}
    for figures in measurement.rows:
        by_step.setdefault(figures.step.number, []).append(figures)
    proposals = []
    for number, rows in by_step.items():
        step = rows[0].step
        passes = sum(r.passes for r in rows)
        late = sum(r.late for r in rows)
        bad = passes > 0 and late * 100 > late_share * passes
        catatan = step_catatan(rows) or "Belum ada pelaksanaan dalam periode ini."
        waktu = None
        tindakan = ""
        if bad:
            medians = sorted(d.days for r in rows for d in r.row.done_passes)
            observed = math.ceil(statistics.median(medians))
            if observed > step.working_days:
                waktu = observed
                tindakan = (
                    f"Waktu langkah dinaikkan dari {step.working_days} menjadi {observed} "
                    "hari kerja sesuai median pelaksanaan."
                )
            else:
                tindakan = "Pelaksana diingatkan agar menyelesaikan langkah dalam Waktu."
        proposals.append(Proposal(number, step.uraian, not bad, catatan, tindakan, waktu))
    return proposals


def waktu_of(step: SopStep, working_days: int) -> tuple[int, str]:
    """`working_days` in the step's own unit (weeks rounded up for a step measured in weeks)."""
    if step.waktu_unit == WaktuUnit.MINGGU:
        return math.ceil(working_days / 5), WaktuUnit.MINGGU
    return working_days, WaktuUnit.HARI_KERJA
