"""Rendering helpers shared by the workflow views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from erkt.org.models import Organization


def render_for(
    request: HttpRequest,
    template: str,
    context: dict,
    organization: Organization,
    status: int = 200,
) -> HttpResponse:
    """Render with times shown in the organisation's time zone (WITA for Balangan)."""
    with timezone.override(organization.time_zone):
        return render(request, template, context, status=status)
