"""Starting a process (a server worker, a management command, a test worker) loads the
URLs, and with them every view; WeasyPrint and pyHanko take seconds to import, so they
are imported when a PDF is rendered or signed, not at start-up (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = """
import sys
import django
django.setup()
import erkt.urls  # every view, the API and its schemas
heavy = sorted(name for name in ("weasyprint", "pyhanko") if name in sys.modules)
print(",".join(heavy) or "none")
"""


def test_loading_every_url_imports_neither_weasyprint_nor_pyhanko(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "erkt.settings", "DEBUG": "1"}
    env["DATA_DIR"] = str(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "none"
