"""Two application servers over one PostgreSQL and one object store carry an RKT to its end.

Two gunicorn servers (as `make run` starts one) on two loopback ports share the test
database and a bucket of moto's S3-compatible server; each keeps its own DATA_DIR. The
process is driven through the API, each request going to the other server than the one
before, from the disposisi to the signed RKT and its Berkas. The result is then checked
as on one server: every issued file downloads byte for byte the same from either server,
the verification page answers on both, a session opened on one server is honoured by the
other, the bundle is an object of the bucket, and the audit chain and the bundle verify.
Nothing is written to either server's local media folder.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection

from erkt.api.models import ApiToken
from erkt.api.tests.rkt.helpers import HEADS, YEAR, user
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.testing.object_storage import free_port, wait_for_port

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

USERNAMES = ["kepala", "sekretaris", "kasubbag.perencanaan", "tim1", "tim2", *HEADS.values()]
SERVERS = 2
TIMEOUT = 120


def database_url() -> str:
    """The test database, as the servers reach it."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{quote(db['NAME'], safe='')}"


class Server:
    """One gunicorn serving e-RKT on a loopback port, with a DATA_DIR of its own."""

    def __init__(self, data_dir: Path, environment: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data_dir = data_dir
        self.log = data_dir / "gunicorn.log"
        env = {
            **os.environ,
            **environment,
            "DJANGO_SETTINGS_MODULE": "erkt.testing.settings",
            "DATA_DIR": str(data_dir),
            "MEDIA_ROOT": str(data_dir / "media"),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "erkt.wsgi", "--bind", f"127.0.0.1:{self.port}",
                 "--workers", "1", "--threads", "2", "--no-control-socket"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_until_ready(self) -> None:
        """Until the worker answers: gunicorn listens before its worker has loaded Django."""
        wait_for_port(self.port, self.process)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/masuk/", timeout=TIMEOUT).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            assert self.process.poll() is None, self.log.read_text()
            time.sleep(0.1)
        raise AssertionError(f"{self.url} does not answer: {self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def local_files(self) -> list[Path]:
        media = self.data_dir / "media"
        return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


@pytest.fixture
def servers(object_storage, tmp_path) -> Iterator[list]:
    """Two servers over the test database and the test bucket, booting (each test waits
    for them once its data is loaded: they boot meanwhile)."""
    environment = {
        **object_storage.environment(),
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "ERKT_PUBLIC_URL": "https://erkt.pemkab.test",
    }
    started = []
    try:
        for number in range(1, SERVERS + 1):
            data_dir = tmp_path / f"server-{number}"
            data_dir.mkdir()
            started.append(Server(data_dir, environment))
        yield started
    finally:
        for server in started:
            server.stop()


class Cluster:
    """The API behind a load balancer that sends each request to the next server."""

    def __init__(self, servers: list[Server]) -> None:
        self.servers = servers
        self.turn = itertools.cycle(servers)
        self.served: Counter = Counter()
        self.http = requests.Session()
        self.tokens = {name: ApiToken.issue(user(name), name="dua server")[1] for name in USERNAMES}
        self.process_id = 0

    def request(self, username: str, method: str, path: str, **kwargs) -> requests.Response:
        server = next(self.turn)
        self.served[server.port] += 1
        headers = {"Authorization": f"Bearer {self.tokens[username]}"}
        url = f"{server.url}/api/v1{path}"
        return self.http.request(method, url, headers=headers, timeout=TIMEOUT, **kwargs)

    def call(self, username: str, method: str, path: str, body=None, status: int = 200):
        response = self.request(username, method, path, json=body)
        assert response.status_code == status, (method, path, response.text)
        return response.json() if response.content else None

    def process(self) -> dict:
        return self.call("kepala", "GET", f"/processes/{self.process_id}")

    def complete(self, username: str, number: int, **body) -> None:
        tasks = self.call(username, "GET", "/tasks")
        [task] = [t for t in tasks if t["process"] == self.process_id and t["step"] == number]
        self.call(username, "POST", f"/tasks/{task['id']}/complete", body)


# --- The walk, each request to the next server -------------------------------------------------


def prepare(run: Cluster) -> None:
    """Steps 1-3; the Kepala uploads the signed lembar disposisi to step 1."""
    pid = run.process_id
    process = run.process()
    disposisi = {
        "nomor_agenda": "005/112/BKPSDM/2026",
        "tanggal": process["start_date"],
        "perihal": f"Penyusunan RKT Tahun {YEAR}",
        "isi": f"Susun RKT {YEAR} sesuai SOP.",
        "sifat": "segera",
        "batas_waktu": process["planned_end"],
        "version": 0,
    }
    run.call("kepala", "PUT", f"/processes/{pid}/disposisi", disposisi)
    upload_and_download(run)
    run.complete("kepala", 1)
    plan = {"uraian": "Tim 1 mengompilasi, Tim 2 mengarsipkan.", "version": 0}
    run.call("kasubbag.perencanaan", "PUT", f"/processes/{pid}/rencana", plan)
    run.complete("kasubbag.perencanaan", 2)
    invitation = {
        "nomor_undangan": "005/118/BKPSDM/2026",
        "tanggal": process["start_date"],
        "waktu": "09:00",
        "tempat": "Aula BKPSDM",
        "agenda": f"Sosialisasi Form RKT {YEAR}",
        "version": 0,
    }
    rapat = run.call("kasubbag.perencanaan", "PUT", f"/processes/{pid}/sosialisasi", invitation)
    kehadiran = [{"peserta": p["id"], "kehadiran": "hadir"} for p in rapat["peserta"]]
    body = {"kehadiran": kehadiran, "notulen": "Form RKT diisi dalam 3 hari kerja."}
    path = f"/processes/{pid}/sosialisasi/kehadiran"
    run.call("kasubbag.perencanaan", "PUT", path, {**body, "version": rapat["version"]})
    run.complete("kasubbag.perencanaan", 3)


def upload_and_download(run: Cluster) -> None:
    """A file uploaded through one server is the same file through the other."""
    content = b"%PDF-1.4 lembar disposisi bertanda tangan basah"
    [task] = [t for t in run.call("kepala", "GET", "/tasks") if t["step"] == 1]
    files = {"file": ("disposisi.pdf", content, "application/pdf")}
    uploaded = run.request("kepala", "POST", f"/tasks/{task['id']}/attachments", files=files)
    assert uploaded.status_code == 201, uploaded.text
    path = f"/tasks/{task['id']}/attachments/{uploaded.json()['id']}"
    assert same_from_every_server(run, "kepala", path) == content


def forms_and_draft(run: Cluster) -> None:
    """Steps 4-8: every unit sends its form; version 1; one correction accepted: version 2."""
    pid = run.process_id
    for unit, head in HEADS.items():
        forms = run.call(head, "GET", f"/processes/{pid}/forms")["forms"]
        [form] = [form for form in forms if form["unit"] == unit]
        assert run.call(head, "POST", f"/forms/{form['id']}/submit", {})["status"] == "submitted"
    run.complete("tim1", 5)
    draft = run.call("tim1", "POST", f"/processes/{pid}/drafts", {}, status=201)
    run.complete("tim1", 6)
    row = next(r for r in draft["rows"] if r["unit"] == "PPIK" and r["sub_kegiatan_code"])
    proposal = {
        "row_key": row["key"],
        "verdict": "koreksi",
        "field": "target",
        "proposed_value": "5",
        "comment": "Pensiun BUP 2027 bertambah.",
    }
    path = f"/drafts/{draft['id']}/corrections"
    correction = run.call("kabid.ppik", "POST", path, proposal, status=201)
    for head in HEADS.values():
        run.call(head, "POST", f"/drafts/{draft['id']}/corrections/sesuai", {})
        run.complete(head, 7)
    decisions = {"decisions": {str(correction["id"]): {"decision": "accept"}}}
    version_2 = run.call("kasubbag.perencanaan", "POST", f"/processes/{pid}/drafts", decisions, 201)
    assert version_2["number"] == 2
    run.complete("kasubbag.perencanaan", 8)


def walk(run: Cluster) -> dict:
    """The RKT from the disposisi to the archived Berkas; returns the Berkas."""
    started = run.call("kepala", "POST", "/processes", {"sop": "penyusunan-rkt", "year": YEAR}, 201)
    run.process_id = started["id"]
    prepare(run)
    forms_and_draft(run)
    run.complete("sekretaris", 9, decision="ya")
    run.complete("kepala", 10, decision="ya", passphrase=DEMO_PASSPHRASE)
    body = {"nomor_berkas": "000.7/001", "version": 0}
    return run.call("tim2", "POST", f"/processes/{run.process_id}/berkas", body, status=201)


# --- What either server answers afterwards --------------------------------------------------


def same_from_every_server(run: Cluster, username: str, path: str) -> bytes:
    contents = {run.request(username, "GET", path).content for _server in run.servers}
    assert len(contents) == 1, path
    return contents.pop()


def check_documents(run: Cluster) -> list[dict]:
    """Every format of every issued document: the same bytes from each server, the SHA-256
    the document was issued with."""
    documents = run.call("kepala", "GET", f"/processes/{run.process_id}/documents")
    assert len(documents) >= 10
    for document in documents:
        for fmt in document["formats"]:
            content = same_from_every_server(run, "kepala", f"/documents/{document['id']}/{fmt}")
            assert hashlib.sha256(content).hexdigest() == document["sha256"][fmt], document
    return documents


def verification_form(http: requests.Session, url: str) -> str:
    page = http.get(url, timeout=TIMEOUT)
    assert page.status_code == 200
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def check_verification(run: Cluster, documents: list[dict]) -> None:
    """The verification page of every document answers on both servers; the signed PDF
    checked on one server with the form loaded from the other is VALID."""
    for document, server in itertools.product(documents, run.servers):
        page = requests.get(f"{server.url}/verifikasi/{document['verification_code']}/", timeout=60)
        assert page.status_code == 200 and document["title"] in page.text
    [final] = [d for d in documents if d["kind"] == "rkt.final"]
    assert final["pdf_kind"] == "digital"
    signed = run.request("kepala", "GET", f"/documents/{final['id']}/pdf").content
    first, second = run.servers[:2]
    http = requests.Session()
    path = f"/verifikasi/{final['verification_code']}/"
    token = verification_form(http, first.url + path)
    answer = http.post(
        second.url + path,
        data={"csrfmiddlewaretoken": token},
        files={"pdf": ("rkt.pdf", signed, "application/pdf")},
        timeout=TIMEOUT,
    )
    assert answer.status_code == 200 and 'data-verdict="valid"' in answer.text, answer.text


def check_bundle(run: Cluster, berkas: dict, bucket) -> None:
    """The bundle is an object of the bucket, downloaded by a session opened on the other
    server (sessions live in the database)."""
    [key] = bucket.keys("arsip/")
    bundle = bucket.read(key)
    assert hashlib.sha256(bundle).hexdigest() == berkas["bundle_sha256"]
    tim2 = user("tim2")
    tim2.password = PBKDF2PasswordHasher().encode("kata-sandi-dua-server", "garam2server")
    tim2.save(update_fields=["password"])
    first, second = run.servers[:2]
    http = requests.Session()
    token = verification_form(http, f"{first.url}/masuk/")
    credentials = {"username": "tim2", "password": "kata-sandi-dua-server"}
    signed_in = http.post(
        f"{first.url}/masuk/",
        data={**credentials, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert signed_in.status_code == 302, signed_in.text
    download = http.get(f"{second.url}/arsip/berkas/{berkas['id']}/unduh/", timeout=TIMEOUT)
    assert download.status_code == 200 and download.content == bundle


def test_two_servers_carry_one_rkt_to_its_signed_archived_end(
    object_storage, servers, demo, renstra, kepala_certificate
):
    # The demo office with its Renstra and the Kepala's certificate (its logo in the bucket).
    for server in servers:
        server.wait_until_ready()
    run = Cluster(servers)
    berkas = walk(run)
    assert run.process()["status"] == "completed"
    # Each server handled half of the walk.
    assert min(run.served.values()) >= sum(run.served.values()) // SERVERS - 1

    documents = check_documents(run)
    check_verification(run, documents)
    check_bundle(run, berkas, object_storage)

    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    call_command("archive", "verify", "000.7/001", stdout=out)
    assert "utuh" in out.getvalue()
    assert [server.local_files() for server in servers] == [[] for _server in servers]
