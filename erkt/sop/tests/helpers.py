"""Shared helpers for the SOP tests: a bare organisation and the seed definition."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from erkt.org.models import Organization
from erkt.sop.models import Sop, SopActor, SopStep, SopVersion

SEED_PATH = Path(__file__).resolve().parents[1] / "seeds" / "penyusunan-rkt.yaml"


def seed_definition() -> dict:
    """A fresh copy of the seed SOP as a dict, safe to mutate in a test."""
    return copy.deepcopy(yaml.safe_load(SEED_PATH.read_text(encoding="utf-8")))


def make_organization(short_name: str = "BKPSDM") -> Organization:
    return Organization.objects.create(
        name=f"{short_name} Kabupaten Balangan",
        short_name=short_name,
        pemerintah_daerah="Pemerintah Kabupaten Balangan",
        address="Jl. A. Yani, Paringin",
        city="Paringin",
    )


def sop_row_counts() -> tuple[int, int, int, int]:
    """Rows of every SOP table: nothing written means these do not move."""
    return (
        Sop.objects.count(),
        SopVersion.objects.count(),
        SopActor.objects.count(),
        SopStep.objects.count(),
    )


# The OMG BPMN 2.0 XML schema, vendored beside the tests.
XSD = Path(__file__).resolve().parent / "bpmn_xsd" / "BPMN20.xsd"
