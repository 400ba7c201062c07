"""The activation link of an imported account: set one's own password once, then work."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from erkt.org.activation import activation_path
from erkt.org.opd_import import import_opd
from erkt.org.tests.opd_helpers import example_file
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.page_helpers import MONDAY, at

pytestmark = pytest.mark.django_db
KEPALA_NIP = "197106121997031004"
LINK = re.compile(r"https://erkt\.balangankab\.go\.id(/aktivasi/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def monday(time_machine, settings):
    time_machine.move_to(at(MONDAY), tick=False)
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id"
    return MONDAY


@pytest.fixture
def imported(demo, administrator, monday, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client = Client()
        client.force_login(administrator)
        with open_example() as upload:
            response = client.post(reverse("opd_import"), {"file": upload})
    assert response.status_code == 200, response.content.decode()[:2000]
    return mailoutbox


def open_example():
    from io import BytesIO

    upload = BytesIO(example_file())
    upload.name = "opd-diskominfo-balangan.xlsx"
    return upload


def link_for(outbox, address: str) -> str:
    [message] = [m for m in outbox if m.to == [address]]
    return LINK.search(message.body).group(1)


def activate(path: str, password: str = "Paringin-Kominfo-2027") -> Client:
    client = Client()
    form_page = client.get(path)
    assert form_page.status_code == 302  # the token leaves the address bar
    page = client.get(form_page.url)
    assert 'id="activation"' in page.content.decode()
    done = client.post(form_page.url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done.url == reverse("login")
    return client


def test_every_imported_pegawai_gets_an_activation_mail(imported):
    assert len(imported) == 9
    message = next(
        m for m in imported if m.to == ["rahmadi.noor@diskominfo.balangankab.go.id.test"]
    )
    assert message.subject == "[e-RKT] Aktivasi akun Anda"
    assert "Yth. Drs. Rahmadi Noor, M.Si." in message.body
    assert "Dinas Komunikasi dan Informatika" in message.body
    assert f"Nama pengguna Anda: {KEPALA_NIP}." in message.body
    assert "berlaku 3 hari" in message.body
    assert "demo1234" not in message.body and "kata sandi:" not in message.body.lower()


def test_the_new_kepala_activates_logs_in_and_starts_an_rkt(imported):
    activate(link_for(imported, "rahmadi.noor@diskominfo.balangankab.go.id.test"))
    client = Client()
    login = client.post(
        reverse("login"), {"username": KEPALA_NIP, "password": "Paringin-Kominfo-2027"}
    )
    assert login.status_code == 302
    start_page = client.get(reverse("workflow:process_list")).content.decode()
    assert "Mulai Penyusunan RKT" in start_page
    sop = Process._meta.get_field("sop").related_model.objects.get(
        organization__short_name="DISKOMINFO"
    )
    response = client.post(
        reverse("workflow:process_start"),
        {"sop": sop.pk, "year": 2027, "start_date": MONDAY.isoformat()},
    )
    process = Process.objects.get(organization__short_name="DISKOMINFO")
    assert response.status_code == 302
    assert process.started_by.username == KEPALA_NIP
    task = Task.objects.get(process=process, status="open")
    assert task.step.actor.role == "kepala"  # step 1: the Kepala's disposisi


def test_a_tim_member_activates_and_sees_the_inbox(imported):
    client = activate(link_for(imported, "rizka.amalia@diskominfo.balangankab.go.id.test"))
    assert client.login(username="199011172015012001", password="Paringin-Kominfo-2027")
    assert client.get(reverse("workflow:inbox")).status_code == 200


def test_the_link_works_once(imported):
    path = link_for(imported, "hendra.gunawan@diskominfo.balangankab.go.id.test")
    activate(path)
    again = Client().get(path, follow=True)
    assert 'id="activation-invalid"' in again.content.decode()


def test_the_link_expires(imported, time_machine):
    path = link_for(imported, "siti.aisyah@diskominfo.balangankab.go.id.test")
    time_machine.move_to(at(MONDAY + datetime.timedelta(days=4)), tick=False)
    page = Client().get(path, follow=True).content.decode()
    assert 'id="activation-invalid"' in page
    user = get_user_model().objects.get(username="198204282008012004")
    assert not user.has_usable_password()


def test_a_forged_token_is_refused(imported):
    path = link_for(imported, "ahmad.fauzi@diskominfo.balangankab.go.id.test")
    forged = path.rsplit("/", 2)[0] + "/abc-0123456789abcdef0123456789abcdef/"
    page = Client().get(forged, follow=True).content.decode()
    assert 'id="activation-invalid"' in page


def test_a_weak_password_is_refused_and_the_link_stays_valid(imported):
    path = link_for(imported, "dewi.kartika@diskominfo.balangankab.go.id.test")
    client = Client()
    form_url = client.get(path).url
    response = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not get_user_model().objects.get(username="198008142005022002").has_usable_password()


def test_an_account_already_activated_gets_no_new_mail(demo, mailoutbox, monday):
    from erkt.org.activation import send_activation

    imported = import_opd(example_file())
    user = imported.users[0]
    user.set_password("Sudah-Aktif-2027")
    user.save()
    assert send_activation.call(user.pk) == "not needed"
    assert mailoutbox == []
    assert activation_path(user).startswith("/aktivasi/")
