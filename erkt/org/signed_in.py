"""Who is signed in: the user, their employee record and organisation in one query.

Every request of a signed-in user reads the user (the session's auth backend), then the
employee with the organisation (erkt.org.access.employee_of: the navigation, the footer
and every access check ask for it). Django built and compiled both queries on every
request in several times the time the database takes to answer them. Here one written-out
query (a string kept per database vendor) reads all three; the values go through the
same converters the ORM applies (SQLite's datetimes made aware, for instance), and the
instances are built as the ORM builds them (Model.from_db).
"""

from __future__ import annotations

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from erkt.org.models import Employee, Organization, Position, Substitution, Unit
from erkt.org.substitutes import today_in


@functools.cache
def model_columns(model: type[Model], alias: str) -> str:
    """Every concrete column of `model` under `alias`, in its fields' order."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


@functools.cache
def converters_of(model: type[Model], vendor: str) -> tuple:
    """Per field: the converters the ORM applies to the column's value (`vendor` keys it)."""
    del vendor
    return tuple(
        tuple(connection.ops.get_db_converters(field.get_col(model._meta.db_table)))
        + tuple(field.get_db_converters(connection))
        for field in model._meta.concrete_fields
    )


def instance_from(
    model: type[Model], values: tuple, db: BaseDatabaseWrapper | None = None
) -> Model:
    """A model instance from its concrete columns' raw values, as the ORM builds it; `db`
    the default database's connection (`django.db.connection` when not given)."""
    if db is None:
        db = connections[DEFAULT_DB_ALIAS]
    # Only the columns with converters are visited: an append per column cost a Python
    # call each, some 80 a request for the user, employee, organisation and positions.
    converted = list(values)
    for index, converters in converted_columns(model, db.vendor):
        value = converted[index]
        for converter in converters:
            value = converter(value, None, db)
        converted[index] = value
    return model.from_db(db.alias, None, converted)


@functools.cache
def converted_columns(model: type[Model], vendor: str) -> tuple[tuple[int, tuple], ...]:
    """(index, converters) of each of `model`'s columns that has converters."""
    return tuple(
        (index, converters)
        for index, converters in enumerate(converters_of(model, vendor))
        if converters
    )


@functools.cache
def user_with_employee_sql(vendor: str) -> str:
    """User.objects.filter(pk=...) with the employee (user=user) and their organisation:

    SELECT <user> , <employee>, <organisation> FROM auth_user
    LEFT JOIN org_employee ON user_id = auth_user.id
    LEFT JOIN org_organization ON id = org_employee.organization_id WHERE auth_user.id = %s
    """
    del vendor
    quote = connection.ops.quote_name
    user_model = get_user_model()
    columns = ", ".join(
        (
            model_columns(user_model, "u"),
            model_columns(Employee, "e"),
            model_columns(Organization, "o"),
        )
    )
    user_table, user_key = quote(user_model._meta.db_table), quote(user_model._meta.pk.column)
    return (
        f"SELECT {columns} FROM {user_table} u"
        f" LEFT OUTER JOIN {quote(Employee._meta.db_table)} e ON e.user_id = u.{user_key}"
        f" LEFT OUTER JOIN {quote(Organization._meta.db_table)} o ON o.id = e.organization_id"
        f" WHERE u.{user_key} = %s"
    )


def user_with_employee(user_id):
    """The user of `user_id` with `_erkt_employee` (Employee with organisation, or None)
    set as erkt.org.access.employee_of sets it; None when no such user."""
    user_model = get_user_model()
    pk = user_model._meta.pk.to_python(user_id)
    # The connection itself: each attribute read through django.db.connection's proxy
    # looks it up again (some ten Python calls).
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(user_with_employee_sql(db.vendor), [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    user_fields = len(user_model._meta.concrete_fields)
    employee_fields = len(Employee._meta.concrete_fields)
    user = instance_from(user_model, row[:user_fields], db)
    employee_values = row[user_fields : user_fields + employee_fields]
    employee = None
    if employee_values[0] is not None:
        employee = instance_from(Employee, employee_values, db)
        organization_values = row[user_fields + employee_fields :]
        employee.organization = instance_from(Organization, organization_values, db)
        employee.user = user
    user._erkt_employee = employee
    return user


class EmployeeBackend(ModelBackend):
    """Django's ModelBackend whose get_user (every signed-in request) reads the user, their
    employee record and organisation in one query (user_with_employee)."""

    def get_user(self, user_id):
        user = user_with_employee(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@functools.cache
def positions_sql(vendor: str) -> str:
    """erkt.org.substitutes.own_and_acting_positions(employee).select_related("unit")
    .order_by("organization_id", "unit__order", "title"), written out: the employee's own
    positions and those they act in today (Plt./Plh.), each with `acting_kind` and its unit.

    Parameters: employee, today, today (acting_kind); employee, employee, today, today.
    """
    del vendor
    quote = connection.ops.quote_name
    substitution = quote(Substitution._meta.db_table)
    holders = quote(Position.holders.through._meta.db_table)
    active = "s.substitute_id = %s AND s.start_date <= %s AND s.end_date >= %s"
    return (
        f"SELECT {model_columns(Position, 'pos')},"
        f" (SELECT s.kind FROM {substitution} s WHERE {active} AND s.position_id = pos.id"
        f" LIMIT 1), {model_columns(Unit, 'un')}"
        f" FROM {quote(Position._meta.db_table)} pos"
        f" INNER JOIN {quote(Unit._meta.db_table)} un ON un.id = pos.unit_id"
        f" WHERE pos.id IN (SELECT h.position_id FROM {holders} h WHERE h.employee_id = %s"
        f" UNION SELECT s.position_id FROM {substitution} s WHERE {active})"
        f" ORDER BY pos.organization_id, un.{quote('order')}, pos.title"
    )


def positions_with_units(employee: Employee) -> list[Position]:
    """The employee's positions as erkt.org.access.positions_of lists them (one query)."""
    db = connections[DEFAULT_DB_ALIAS]  # as in user_with_employee
    today = db.ops.adapt_datefield_value(today_in(employee.organization))
    params = [employee.pk, today, today, employee.pk, employee.pk, today, today]
    position_fields = len(Position._meta.concrete_fields)
    positions = []
    with db.cursor() as cursor:
        cursor.execute(positions_sql(db.vendor), params)
        for row in cursor.fetchall():
            position = instance_from(Position, row[:position_fields], db)
            position.acting_kind = row[position_fields]
            position.unit = instance_from(Unit, row[position_fields + 1 :], db)
            positions.append(position)
    return positions
