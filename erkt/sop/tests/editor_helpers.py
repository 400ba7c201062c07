"""Shared helpers for the SOP editor tests: the seed SOP's draft and the editor's form data."""

from __future__ import annotations

from erkt.sop.editor import version_data
from erkt.sop.models import Sop, SopVersion


def seed_sop(organization) -> Sop:
    return Sop.objects.get(organization=organization, code="penyusunan-rkt")


def seed_draft(organization) -> SopVersion:
    """A draft of the seed SOP, copied from the version in force (as "Revisi SOP" does)."""
    return seed_sop(organization).active_version.new_draft()


def form_data(version: SopVersion, **changes) -> dict:
    """The editor's POST data for the version, with `changes` applied (field name -> value)."""
    data = version_data(version).dict()
    data.update({name: str(value) for name, value in changes.items()})
    data.setdefault("op", "save")
    return data
