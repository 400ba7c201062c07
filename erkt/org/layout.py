"""The fixed parts of base.html, built once and kept: every page renders them.

The stylesheets and scripts (`{% static %}` asked the storage for each file's name on
every request: six lookups a page) are kept while the settings stay the same; the
server-error alert, whose only variable is its translated text, per language. A settings
change (tests) builds them anew.
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

STYLESHEETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "css/erkt.css",
)
SCRIPTS = ("vendor/htmx/htmx.min.js", "vendor/bootstrap/bootstrap.bundle.min.js", "js/erkt.js")

_kept: dict[tuple, SafeString] = {}


def kept(key: tuple, build) -> SafeString:
    found = _kept.get(key)
    if found is None:
        found = _kept[key] = mark_safe(build())
    return found


def forget(**kwargs) -> None:
    _kept.clear()


setting_changed.connect(forget)


def head_assets() -> SafeString:
    """The <link>s and <script>s of every page's head."""
    return kept(("assets",), build_head_assets)


def build_head_assets() -> str:
    links = [f'<link rel="stylesheet" href="{escape(static(path))}">' for path in STYLESHEETS]
    scripts = [f'<script src="{escape(static(path))}" defer></script>' for path in SCRIPTS]
    return "\n  ".join(links + scripts)


def server_error_alert() -> SafeString:
    """The alert erkt.js shows when an htmx request gets a 5xx (hidden until then)."""
    return kept(("server-error", get_language()), build_server_error_alert)


def build_server_error_alert() -> str:
    message = escape(gettext("Terjadi kesalahan pada server. Silakan coba lagi."))
    close = escape(gettext("Tutup"))
    return (
        '<div id="server-error" class="alert alert-danger alert-dismissible shadow mb-0"'
        ' role="alert" hidden>\n'
        f'<i class="bi bi-exclamation-triangle"></i> {message}\n'
        '<button type="button" class="btn-close" data-erkt-hide="server-error"'
        f' aria-label="{close}"></button>\n</div>'
    )
