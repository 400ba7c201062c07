"""The file storage settings: the local media folder unless ERKT_S3_BUCKET names a bucket."""

import json
import os
import subprocess
import sys

# The settings module alone (no django.setup(): the apps, their models and checks are not
# what is read here, and loading them costs some 3 s of CPU per process).
READ = (
    "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
)


def default_storage(tmp_path, **variables) -> dict:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("ERKT_S3_", "AWS_"))}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "erkt.settings", "DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", READ],
        env={**env, **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_files_stay_on_the_local_file_system_by_default(tmp_path):
    storage = default_storage(tmp_path)
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_on_an_s3_compatible_server_is_private_and_never_overwritten(tmp_path):
    storage = default_storage(
        tmp_path,
        ERKT_S3_BUCKET="erkt-berkas",
        ERKT_S3_ENDPOINT_URL="https://s3.pemkab.example",
        ERKT_S3_REGION="id-kalsel-1",
        ERKT_S3_PREFIX="/bkpsdm/",
        AWS_ACCESS_KEY_ID="rahasia-id",
        AWS_SECRET_ACCESS_KEY="rahasia",
    )
    assert storage["BACKEND"] == "erkt.storage.ObjectStorage"
    options = storage["OPTIONS"]
    assert {k: options[k] for k in ("bucket_name", "endpoint_url", "region_name")} == {
        "bucket_name": "erkt-berkas",
        "endpoint_url": "https://s3.pemkab.example",
        "region_name": "id-kalsel-1",
    }
    assert (options["location"], options["addressing_style"]) == ("bkpsdm", "path")
    assert (options["default_acl"], options["file_overwrite"]) == (None, False)
    # The credentials stay in the environment, for boto3: never in the settings.
    assert "rahasia" not in json.dumps(storage)


def test_on_aws_itself_botocore_chooses_the_addressing_style(tmp_path):
    storage = default_storage(tmp_path, ERKT_S3_BUCKET="erkt-berkas")
    assert storage["OPTIONS"]["endpoint_url"] is None
    assert storage["OPTIONS"]["addressing_style"] == "auto"
