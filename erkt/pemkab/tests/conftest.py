"""The demo's RKT 2027 with the seed SOP's default steps, and a signed final RKT."""

from __future__ import annotations

import pytest

from erkt.documents.models import IssuedDocument
from erkt.rkt.documents.rkt import FINAL
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process
from erkt.workflow.tests.conftest import START, at


@pytest.fixture(autouse=True)
def _generic_steps(without_step_actions):
    """The seed SOP with the default step behaviour (no RKT content needed)."""


@pytest.fixture
def today(time_machine):
    time_machine.move_to(at(START), tick=False)
    return START


@pytest.fixture
def process(demo, kepala, today) -> Process:
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    return engine.start_process(sop=sop, year=2027, by=kepala)


def signed_rkt(process: Process, by) -> IssuedDocument:
    """A final RKT of the process whose signed PDF is stored (as step 10 leaves it)."""
    document = IssuedDocument.objects.create(
        organization=process.organization,
        process=process,
        kind=FINAL,
        key="draft:test",
        title=f"RKT {process.year}",
        snapshot={"kop": {"short_name": "BKPSDM"}, "is_final": True, "year": process.year},
        digest="0" * 64,
        issued_by=by,
    )
    document.store_pdf(b"%PDF-1.7 signed", kind=IssuedDocument.PdfKind.DIGITAL, filename="rkt.pdf")
    return document
