"""A real S3-compatible server for the tests: moto's server mode on a loopback port.

`s3_endpoint` starts one server per test session (per xdist worker); `object_storage`
gives a test a new, empty bucket and makes it Django's default storage, configured as
ERKT_S3_BUCKET would configure it in production.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

# moto accepts any credentials; boto3 and the application servers read these.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "erkt-test",
    "AWS_SECRET_ACCESS_KEY": "erkt-test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    """Return once something listens on the loopback `port`; fail if `process` died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@contextmanager
def moto_server() -> Iterator[str]:
    """moto's S3-compatible server in its own process; yields its endpoint URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env={**os.environ, **CREDENTIALS},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Bucket:
    """One bucket of the test server, read through boto3 (not through the application)."""

    endpoint: str
    name: str

    @property
    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def create(self) -> Bucket:
        self.client.create_bucket(Bucket=self.name)
        return self

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def environment(self) -> dict[str, str]:
        """The variables that make an application server store its files here."""
        return {
            **CREDENTIALS,
            "ERKT_S3_BUCKET": self.name,
            "ERKT_S3_ENDPOINT_URL": self.endpoint,
            "ERKT_S3_REGION": REGION,
        }


def new_bucket(endpoint: str) -> Bucket:
    return Bucket(endpoint, f"erkt-{uuid.uuid4().hex[:16]}").create()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def object_storage(s3_endpoint, settings, monkeypatch) -> Bucket:
    """A new bucket as Django's default storage, as ERKT_S3_BUCKET sets it up."""
    from erkt.settings import object_storage as storage_settings

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    bucket = new_bucket(s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_settings(bucket.name, s3_endpoint, REGION),
    }
    return bucket
