"""Kualifikasi Pelaksana: who meets an SOP version's qualification lines.

Each line of the identity sheet's `kualifikasi_pelaksana` is read as one rule
(`parse_line`):

- an education line starts with a level code, optionally after "pendidikan",
  "minimal" or "paling rendah": "S1 - Sarjana sederajat", "D III - Diploma sederajat",
  "SMA", "D3", "S-2" (SMK/SLTA count as SMA, SLTP as SMP). It asks for that level or
  a higher one (D IV counts as S1). The education lines of a version are alternatives:
  meeting ANY of them is enough, so they form one requirement (the lowest level).
- any other line is a competence ("Memahami tentang Penyusunan RKT"): its key words are
  its words less the filler words below ("memahami", "tentang", "dan" ...); one training
  (Employee.trainings) whose name holds every key word as a word meets it, whatever the
  case ("Bimtek Penyusunan RKT dan Perjanjian Kinerja" meets "penyusunan" + "rkt").
- a line that speaks of education without a known level ("Sarjana Hukum"), or has no
  key word left, cannot be read: it is shown as "diperiksa manual", never as unmet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.org.models import Employee, Organization, Pendidikan, Position, Substitution, Training
from erkt.org.substitutes import active_on, today_in
from erkt.sop.models import SopActor

EDUCATION = "education"
COMPETENCE = "competence"
MANUAL = "manual"

MET = "met"
UNMET = "unmet"

# Higher is more; D IV is a Sarjana Terapan, counted as S1.
RANK = {
    Pendidikan.SD: 1,
    Pendidikan.SMP: 2,
    Pendidikan.SMA: 3,
    Pendidikan.D1: 4,
    Pendidikan.D2: 5,
    Pendidikan.D3: 6,
    Pendidikan.D4: 7,
    Pendidikan.S1: 7,
    Pendidikan.S2: 8,
    Pendidikan.S3: 9,
}

_LEVEL_CODES = {
    "sd": Pendidikan.SD,
    "smp": Pendidikan.SMP,
    "sltp": Pendidikan.SMP,
    "sma": Pendidikan.SMA,
    "smk": Pendidikan.SMA,
    "slta": Pendidikan.SMA,
    "di": Pendidikan.D1,
    "d1": Pendidikan.D1,
    "dii": Pendidikan.D2,
    "d2": Pendidikan.D2,
    "diii": Pendidikan.D3,
    "d3": Pendidikan.D3,
    "div": Pendidikan.D4,
    "d4": Pendidikan.D4,
    "s1": Pendidikan.S1,
    "s2": Pendidikan.S2,
    "s3": Pendidikan.S3,
}

_EDUCATION_LINE = re.compile(
    r"^\s*(?:(?:pendidikan|minimal|min\.|paling\s+rendah|serendah-rendahnya)[\s:]+)*"
    r"(?P<code>s\s*[-.]?\s*[123]|d\s*[-.]?\s*(?:iv|iii|ii|i|[1-4])|sma|smk|slta|smp|sltp|sd)"
    r"(?!\w)",
    re.IGNORECASE,
)
_EDUCATION_WORDS = ("pendidikan", "ijazah", "sarjana", "diploma", "sederajat")

# Words that say how, not what: left out of a competence line's key words.
FILLER_WORDS = frozenset(
    {
        "memahami",
        "paham",
        "pemahaman",
        "menguasai",
        "penguasaan",
        "mampu",
        "kemampuan",
        "memiliki",
        "mempunyai",
        "mengetahui",
        "pengetahuan",
        "tentang",
        "mengenai",
        "terkait",
        "dan",
        "atau",
        "serta",
        "yang",
        "di",
        "ke",
        "dari",
        "untuk",
        "dalam",
        "pada",
        "telah",
        "pernah",
        "mengikuti",
        "diklat",
        "pelatihan",
        "bimtek",
        "kursus",
        "sertifikat",
        "diampu",
    }
)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@dataclass(frozen=True)
class Rule:
    """One kualifikasi line, read."""

    line: str
    kind: str
    level: str = ""  # EDUCATION: the Pendidikan asked for (at least)
    keywords: tuple[str, ...] = ()  # COMPETENCE: every one must be in a training's name


def parse_line(line: str) -> Rule:
    text = " ".join(str(line).split())
    match = _EDUCATION_LINE.match(text)
    if match:
        code = re.sub(r"[^a-z0-9]", "", match["code"].casefold())
        return Rule(text, EDUCATION, level=_LEVEL_CODES[code])
    words = _words(text)
    if any(word in words for word in _EDUCATION_WORDS):
        return Rule(text, MANUAL)
    keywords = tuple(dict.fromkeys(w for w in words if w not in FILLER_WORDS and len(w) > 1))
    return Rule(text, COMPETENCE, keywords=keywords) if keywords else Rule(text, MANUAL)


@dataclass(frozen=True)
class Requirement:
    """A column of the check: one competence (or manual) line, or every education line
    together (alternatives: the lowest level suffices)."""

    label: str
    kind: str
    rules: tuple[Rule, ...]

    @property
    def minimum_rank(self) -> int:
        return min(RANK[Pendidikan(rule.level)] for rule in self.rules)


def requirements(lines: Iterable[str]) -> list[Requirement]:
    """The version's lines as requirements, in their order; the education lines are one,
    where the first of them stands."""
    rules = [parse_line(line) for line in lines if str(line).strip()]
    education = tuple(rule for rule in rules if rule.kind == EDUCATION)
    result: list[Requirement] = []
    for rule in rules:
        if rule.kind != EDUCATION:
            result.append(Requirement(rule.line, rule.kind, (rule,)))
        elif rule is education[0]:
            label = _(" atau ").join(r.line for r in education)
            result.append(Requirement(label, EDUCATION, education))
    return result


@dataclass(frozen=True)
class Check:
    requirement: Requirement
    status: str  # MET, UNMET or MANUAL
    detail: str  # what met it, or why not


@dataclass
class Assessment:
    employee: Employee
    checks: list[Check] = field(default_factory=list)

    @property
    def unmet(self) -> list[Check]:
        return [check for check in self.checks if check.status == UNMET]

    @property
    def meets(self) -> bool:
        return not self.unmet


def _check(requirement: Requirement, employee: Employee, trainings: list) -> Check:
    if requirement.kind == MANUAL:
        return Check(requirement, MANUAL, _("diperiksa manual"))
    if requirement.kind == EDUCATION:
        if not employee.pendidikan:
            return Check(requirement, UNMET, _("pendidikan belum dicatat"))
        # The choice's label as get_pendidikan_display() gives it, without the dict of
        # every choice that method builds on each call.
        level = Pendidikan(employee.pendidikan)
        met = RANK[level] >= requirement.minimum_rank
        return Check(requirement, MET if met else UNMET, str(level.label))
    keywords = set(requirement.rules[0].keywords)
    for training in trainings:
        if keywords <= set(_words(training.name)):
            return Check(requirement, MET, str(training))
    return Check(requirement, UNMET, _("belum ada diklat/pelatihan yang sesuai"))


def assess(
    reqs: list[Requirement], employee: Employee, trainings: list[Training] | None = None
) -> Assessment:
    """Every requirement against the employee (their trainings read once: prefetch
    `trainings` for a list, or give them, the latest year first)."""
    if trainings is None:
        trainings = list(employee.trainings.all())
    return Assessment(employee, [_check(req, employee, trainings) for req in reqs])


def assess_all(reqs: list[Requirement], employees: Iterable[Employee]) -> dict[int, Assessment]:
    return {employee.pk: assess(reqs, employee) for employee in employees}


@dataclass(frozen=True)
class Person:
    """Someone who acts in a pelaksana column today: a holder, or its Plt./Plh."""

    title: str
    assessment: Assessment


@dataclass(frozen=True)
class Column:
    name: str
    people: list[Person]


@dataclass(frozen=True)
class Qualifications:
    requirements: list[Requirement]
    columns: list[Column]


# The version's pelaksana (Meta.ordering's "version" would join 3 tables) and the
# organisation's positions of their roles (Position.Meta.ordering within one
# organisation), each compiled once per set of roles (erkt.compiled_sql).
ACTORS = Shape(
    lambda version_id: (
        SopActor.objects.filter(version_id=version_id).order_by("order").values_list("name", "role")
    )
)


# The positions' holders, in Employee.Meta.ordering as the prefetch gave them, and the
# employees' trainings (Training.Meta.ordering within one employee): shapes kept per
# number of ids (erkt.compiled_sql).
HOLDERS = Shape(
    lambda *position_ids: (
        Position.holders.through.objects.filter(position_id__in=position_ids)
        .select_related("employee")
        .order_by("employee__name")
    )
)
TRAININGS = Shape(
    lambda *employee_ids: Training.objects.filter(employee_id__in=employee_ids).order_by(
        "-year", "name"
    )
)
# The Plt./Plh. acting today in the positions, with their substitute and position:
# active_on(day).filter(position__in=ids), a shape kept per number of ids.
ACTING = Shape(
    lambda day, *position_ids: (
        active_on(day)
        .filter(position__in=position_ids)
        .select_related("substitute", "position")
        .order_by("position_id", "pk")
    )
)

# One shape per set of roles (they come from the Role choices: a handful of sets).
_POSITIONS: dict[tuple[str, ...], Shape] = {}


def _positions(organization_id: int, roles: tuple[str, ...]) -> list[tuple[int, str, str]]:
    shape = _POSITIONS.get(roles)
    if shape is None:
        shape = _POSITIONS.setdefault(
            roles,
            Shape(
                lambda org: (
                    Position.objects.filter(organization_id=org, role__in=roles)
                    .order_by("unit__order", "title")
                    .values_list("pk", "title", "role")
                )
            ),
        )
    return shape.rows(organization_id)


def pelaksana_qualifications(version, organization: Organization) -> Qualifications | None:
    """Per pelaksana column of the version, the people in its role today (holders and
    their Plt./Plh.), each checked against the version's kualifikasi. A fixed number of
    queries, whatever the number of employees: the actors, the positions, their holders,
    the substitutes acting today and everyone's trainings, each one flat query grouped
    here (the prefetches through related managers cost a queryset per level)."""
    reqs = requirements(version.kualifikasi_pelaksana)
    if not reqs:
        return None
    actors = ACTORS.rows(version.pk)
    roles = tuple(sorted({role for _name, role in actors}))
    positions = _positions(organization.pk, roles)
    pks = [pk for pk, _title, _role in positions]
    holders: dict[int, list[Employee]] = defaultdict(list)
    # The holders of each position in Employee.Meta.ordering, as the prefetch gave them.
    for link in HOLDERS.rows(*pks):
        holders[link.position_id].append(link.employee)
    substitutes: dict[int, list[Substitution]] = defaultdict(list)
    for substitution in ACTING.rows(today_in(organization), *pks):
        substitutes[substitution.position_id].append(substitution)
    everyone = [e for group in holders.values() for e in group]
    everyone += [s.substitute for group in substitutes.values() for s in group]
    trainings = _trainings_of({employee.pk for employee in everyone})
    columns = []
    for name, role in actors:
        people = []
        for pk, title, _role in (p for p in positions if p[2] == role):
            for holder in holders.get(pk, []):
                people.append(Person(title, assess(reqs, holder, trainings[holder.pk])))
            for substitution in substitutes.get(pk, []):
                substitute = substitution.substitute
                assessment = assess(reqs, substitute, trainings[substitute.pk])
                people.append(Person(substitution.title, assessment))
        columns.append(Column(name, people))
    return Qualifications(reqs, columns)


def _trainings_of(employee_ids: set[int]) -> dict[int, list[Training]]:
    """Each employee's trainings, the latest year first (Training.Meta.ordering within one
    employee), in one query."""
    by_employee: dict[int, list[Training]] = defaultdict(list)
    if employee_ids:
        for training in TRAININGS.rows(*sorted(employee_ids)):
            by_employee[training.employee_id].append(training)
    return by_employee
