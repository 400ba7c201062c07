"""`erkt opd`: write the template and the example, import a file, resend an activation link."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from erkt.notifications.tests.loopback import smtp_server
from erkt.org.models import Organization
from erkt.org.opd_demo import EXAMPLE_PATH
from erkt.org.opd_excel import DATA_SHEETS
from erkt.org.tests.opd_helpers import counts, example_file

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def run(*args) -> str:
    out = StringIO()
    call_command("opd", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_an_import_queues_the_links_and_the_worker_mails_them_through_smtp(
    demo, settings, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=WITA), tick=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id"
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        out = run("import", str(EXAMPLE_PATH))
        assert DBTaskResult.objects.count() == 9 and inbox.messages == []  # queued only
        call_command("worker", "--batch", verbosity=0)
    assert "Dinas Komunikasi dan Informatika (DISKOMINFO) didaftarkan" in out
    assert "197106121997031004  rahmadi.noor@diskominfo.balangankab.go.id.test" in out
    assert len(inbox.messages) == 9
    [message] = [
        m for m in inbox.messages if m["To"] == "budi.santoso@diskominfo.balangankab.go.id.test"
    ]
    assert message["Subject"] == "[e-RKT] Aktivasi akun Anda"
    body = message.get_content()
    path = re.search(r"https://erkt\.balangankab\.go\.id(/aktivasi/\S+/)", body).group(1)
    client = Client()
    set_password = client.get(path).url
    client.post(
        set_password, {"new_password1": "Sandi-Balangan-27", "new_password2": "Sandi-Balangan-27"}
    )
    assert Client().login(username="197903252004031003", password="Sandi-Balangan-27")


@pytest.mark.django_db
def test_a_refused_file_prints_every_error_and_writes_nothing(demo, tmp_path):
    from erkt.org.opd_demo import example_data
    from erkt.org.opd_excel import build_workbook

    data = example_data()
    data.units[2].parent = "SEKRETARIS"
    data.pegawai[0].phone = "0812"
    path = tmp_path / "opd.xlsx"
    path.write_bytes(build_workbook(data))
    before = counts()
    with pytest.raises(CommandError) as refusal:
        run("import", str(path))
    lines = str(refusal.value).splitlines()
    assert lines[0] == "Berkas ditolak; tidak ada data yang disimpan."
    assert lines[1] == "Unit, baris 4, kolom D: Unit induk SEKRETARIS tidak ada di sheet Unit."
    assert lines[2].startswith("Pegawai, baris 2, kolom H: Nomor WhatsApp harus")
    assert counts() == before


@pytest.mark.django_db
def test_a_missing_file_is_said_in_indonesian(tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        run("import", str(tmp_path / "tidak-ada.xlsx"))


def test_it_writes_the_template_and_the_example(tmp_path):
    run("template", str(tmp_path / "t.xlsx"))
    run("example", str(tmp_path / "e.xlsx"))
    template = load_workbook(tmp_path / "t.xlsx")
    assert template.sheetnames[1:] == list(DATA_SHEETS)
    assert template["Pegawai"]["A2"].value is None
    example = load_workbook(tmp_path / "e.xlsx")
    assert example["Organisasi"]["A2"].value == "DISKOMINFO"
    assert example["Pegawai"]["A2"].value == "19710612 199703 1 004"


def test_the_shipped_example_is_the_example_of_the_code():
    shipped = load_workbook(EXAMPLE_PATH)
    built = load_workbook(BytesIO(example_file()))
    for sheet in DATA_SHEETS:
        assert [[c.value for c in r] for r in shipped[sheet].iter_rows()] == [
            [c.value for c in r] for r in built[sheet].iter_rows()
        ]


@pytest.mark.django_db
def test_activate_sends_a_new_link_to_a_pegawai_without_password(demo, mailoutbox):
    from erkt.org.opd_import import import_opd

    import_opd(example_file())
    assert "1 pegawai" in run("activate", "198402202009031002")
    [message] = mailoutbox
    assert message.to == ["hendra.gunawan@diskominfo.balangankab.go.id.test"]
    with pytest.raises(CommandError, match="Pengguna tidak ditemukan: nobody"):
        run("activate", "nobody")
    user = get_user_model().objects.get(username="198402202009031002")
    user.set_password("Sudah-Aktif-2027")
    user.save()
    with pytest.raises(CommandError, match="Sudah punya kata sandi"):
        run("activate", "198402202009031002")
    assert Organization.objects.filter(short_name="DISKOMINFO").exists()
