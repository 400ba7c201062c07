from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from erkt.audit.tests.conftest import raw_sql

pytestmark = pytest.mark.database


def run(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def test_it_reports_an_intact_chain(entries):
    assert run().strip() == "Rantai audit utuh: 3 entri"


def test_it_checks_one_organisation(entries, other_org):
    assert run("--org", "BKPSDM").strip() == "Rantai audit utuh: 3 entri"
    assert run("--org", "DISDIK").strip() == "Rantai audit utuh: 0 entri"


def test_it_names_the_first_broken_entry(entries):
    raw_sql("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["x", entries[1].pk])
    with pytest.raises(CommandError) as error:
        run()
    message = str(error.value)
    assert f"#{entries[1].pk}" in message
    assert "nomor urut 2" in message and "BKPSDM" in message


def test_an_unknown_organisation_is_an_error(entries):
    with pytest.raises(CommandError, match="XYZ"):
        run("--org", "XYZ")
