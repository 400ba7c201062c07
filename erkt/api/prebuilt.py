"""A read's JSON answer written straight from the dicts the endpoint builds.

django-ninja validates a returned dict against the operation's response schema, row by
row, then dumps it again: for the long reads (the monitoring, a process with its steps,
a Kepala's fifty tasks) Pydantic's work cost several times what building the dicts did.
An endpoint whose dicts are built field by field in the schema's order, with the types
the schema declares, gives them to `answer()`: the same renderer (NinjaJSONEncoder: a
date as ISO text) writes the same bytes, and the operation keeps its `response=` schema,
so the OpenAPI document is unchanged. Each such endpoint has a test that its answer
equals the schema's validation of the same data (`validated()` below), so a dict that
drifts from its schema fails the suite, as schemathesis also checks every answer.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from erkt.org.access import employee_of


def answer(request: HttpRequest, data: dict | list) -> HttpResponse:
    """A 200 answer of `data`, rendered as ninja renders a validated one."""
    from erkt.api.api import api  # the API imports the routers, which import this

    return api.create_response(request, data, status=200)


def caller_zone(request: HttpRequest) -> datetime.tzinfo:
    """The zone erkt.api.schemas.LocalDateTime writes a datetime in for this caller: their
    organisation's, else the server's."""
    employee = employee_of(request.user)
    if employee is None:
        return timezone.get_current_timezone()
    return zoneinfo.ZoneInfo(employee.organization.time_zone)


def validated(schema, data, request: HttpRequest | None = None) -> object:
    """What ninja's validation would have answered for `data` (for the tests): the
    schema's validation of it for the caller of `request`, as JSON values written the way
    the API writes them: ninja dumps Python values and its renderer's encoder writes them
    (a datetime to the millisecond), where Pydantic's JSON would write microseconds."""
    import json

    from pydantic import TypeAdapter

    from erkt.api.api import api

    adapter = TypeAdapter(schema)
    context = {"request": request} if request is not None else None
    dumped = adapter.dump_python(adapter.validate_python(data), context=context)
    renderer = api.renderer
    return json.loads(json.dumps(dumped, cls=renderer.encoder_class, **renderer.json_dumps_params))
