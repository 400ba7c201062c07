"""Step 11 "Pengarsipan RKT": the Tim Perencanaan files the Berkas RKT.

The Berkas (erkt.documents.archive) holds the signed RKT, every draft version, every
unit's Form RKT, the disposition, the meeting documents and the audit extract; the
step cannot complete before it exists, and creating it completes the step.
"""

from __future__ import annotations

from erkt.documents.archive.step import ArchiveStep
from erkt.workflow.actions import register

ARSIP = "rkt.arsip"


@register(ARSIP)
class ArsipRkt(ArchiveStep):
    """The RKT's archiving step; the generic archive step does all the work."""
