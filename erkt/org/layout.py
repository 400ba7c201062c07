"""The page layout (what base.html renders around a page's blocks), written in Python.

base.html is its four tags around the blocks (`{% page_start %}`, the title block,
`{% page_head %}`, the head block, `{% page_body %}`, the content block, `{% page_end %}`):
as template nodes the layout was some 30 nodes a page, each one resolved, escaped and
walked by `{% extends %}` on every request. A page whose content is written in Python
(the Kotak Tugas) calls `page()`, which joins the same four parts around its title and
content without the template engine: the context processors whose values the layout
reads run (`layout_context`), and the HTML is byte for byte the template's (test_layout.py
compares both).

The fixed parts are built once and kept: the stylesheets and scripts (`{% static %}`
asked the storage for each file's name on every request: six lookups a page) while the
settings stay the same; the parts whose only variables are translated texts, per
language. They are one `Parts` value, looked up once a page: each look-up reads the
active language and URL prefix through asgiref's locals (some 25 Python calls), which the
layout did six times a page. A settings change (tests) builds them anew.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from erkt.html_rows import escaped
from erkt.org.access import unwrapped
from erkt.org.context_processors import navigation
from erkt.org.csrf_token import csrf
from erkt.per_language import Kept
from erkt.rkt.context_processors import rkt_navigation
from erkt.workflow.context_processors import open_task_count

STYLESHEETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "css/erkt.css",
)
SCRIPTS = ("vendor/htmx/htmx.min.js", "vendor/bootstrap/bootstrap.bundle.min.js", "js/erkt.js")

_kept = Kept()


class Parts(NamedTuple):
    """The layout's parts of one language and URL prefix (a NamedTuple: read without calls)."""

    language: str
    prefix: str
    start: str
    head: str
    alert: str
    footer: str


def parts_in(language: str, prefix: str) -> Parts:
    """The parts for the active language and prefix, read once by the caller."""
    return _kept.get_in(language, prefix, ("parts",), lambda: build_parts(language, prefix))


def active_parts() -> Parts:
    return parts_in(get_language(), get_script_prefix())


def build_parts(language: str, prefix: str) -> Parts:
    head, alert = build_page_head(), build_server_error_alert()
    return Parts(language, prefix, build_page_start(), head, alert, _footer())


def build_head_assets() -> str:
    links = [f'<link rel="stylesheet" href="{escape(static(path))}">' for path in STYLESHEETS]
    scripts = [f'<script src="{escape(static(path))}" defer></script>' for path in SCRIPTS]
    return "\n  ".join(links + scripts)


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


# --- The layout around a page's blocks (base.html) ------------------------------------------
# Each part is what base.html's template text rendered between its blocks, whitespace
# included (the comments of the template rendered nothing).

HTMX_CONFIG = (
    # The Content-Security-Policy allows no inline script and no eval: htmx neither
    # evaluates code (allowEval) nor injects its indicator style (in erkt.css). htmx swaps
    # refused actions too (403/409/422 carry the engine's message in the fragment); a 5xx
    # swaps nothing and shows #server-error.
    '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false,"allowEval":false,'
    '"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},'
    '{"code":"403|409|422","swap":true,"error":true},{"code":"...","swap":false,"error":true}]}\'>'
)


def page_start(parts: Parts | None = None) -> SafeString:
    """From the doctype to the <title>'s opening tag."""
    return SafeString((parts or active_parts()).start)


def build_page_start() -> str:
    return (
        f'<!doctype html>\n\n<html lang="{escape(get_language())}">\n<head>\n'
        '  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "  <title>"
    )


def page_head(parts: Parts | None = None) -> SafeString:
    """After the title: the stylesheets, scripts and htmx's configuration."""
    return SafeString((parts or active_parts()).head)


def build_page_head() -> str:
    return f" · e-RKT</title>\n  {build_head_assets()}\n  \n  {HTMX_CONFIG}\n  "


def page_body(context: Mapping, parts: Parts | None = None) -> SafeString:
    """After the head block: the <body> with the CSRF header htmx sends, the navigation of a
    signed-in user, the server-error alert, and the messages above the content."""
    parts = parts or active_parts()
    user = unwrapped(context.get("user"))
    nav = ""
    if user is not None and user.is_authenticated:
        from erkt.org.navigation import main_nav

        nav = main_nav(context, parts.language, parts.prefix)
    token = escaped(unwrapped(context.get("csrf_token", "")))
    return SafeString(
        "\n</head>\n"
        f'<body hx-headers=\'{{"X-CSRFToken": "{token}"}}\'>\n'
        f"{nav}\n"
        '<div class="position-fixed bottom-0 end-0 p-3" style="z-index: 1090">\n'
        f"  {parts.alert}\n</div>\n"
        '<main class="container-xl py-4">\n'
        f"  {messages_html(context.get('messages') or ())}\n  "
    )


def messages_html(messages) -> str:
    """Each message as a dismissible alert (iterating marks them shown, as the loop did)."""
    alerts = []
    close = None
    for message in messages:
        if close is None:
            close = escape(gettext("Tutup"))
        tags = message.tags
        tone = "danger" if tags == "error" else conditional_escape(tags or "info")
        alerts.append(
            f'\n    <div class="alert alert-{tone} alert-dismissible fade show" role="alert">\n'
            f"      {conditional_escape(str(message))}\n"
            '      <button type="button" class="btn-close" data-bs-dismiss="alert"'
            f' aria-label="{close}"></button>\n    </div>\n  '
        )
    return "".join(alerts)


def page_end(context: Mapping, parts: Parts | None = None) -> SafeString:
    """After the content: the footer with the user's organisation."""
    me = context.get("me")
    organization = f" · {escaped(me.organization.name)}" if me else ""
    footer = (parts or active_parts()).footer
    return SafeString(f"{footer}{organization}\n</footer>\n</body>\n</html>")


def _footer() -> str:
    title = gettext("Rencana Kinerja Tahunan")  # outside the f-string, where xgettext finds it
    return (
        '\n</main>\n<footer class="container-xl pb-4 small text-body-secondary">\n'
        f"  e-RKT · {escape(title)}"
    )


def layout_context(request: HttpRequest) -> dict:
    """What the layout reads of the template engine's context processors, from the same: the
    request, the user and the messages (as Django's request, auth and messages processors
    give them), the CSRF token, the navigation's values and the badge's count. The rest
    (auth's perms, the message levels, Django's own CSRF token, which erkt's replaces) no
    page written in Python reads."""
    found = {
        "request": request,
        "user": unwrapped(request.user) if hasattr(request, "user") else AnonymousUser(),
        "messages": get_messages(request),
    }
    found.update(csrf(request))
    found.update(navigation(request))
    found.update(open_task_count(request))
    found.update(rkt_navigation(request))
    return found


def page(
    request: HttpRequest, title: str, content: str, *, head: str = "", **context
) -> HttpResponse:
    """A page of base.html's layout around `title` (escaped here) and `content` (HTML,
    escaped by its writer), as render() of a template extending base.html gives it.
    `head` is the page's own head block (HTML); `context` adds to the processors' values
    (none of the layout's own)."""
    found = layout_context(request)
    found.update(context)
    parts = active_parts()
    html = "".join(
        (
            parts.start,
            escaped(title),
            parts.head,
            head,
            page_body(found, parts),
            content,
            page_end(found, parts),
            "\n",
        )
    )
    # Bytes in the charset given: HttpResponse would look the charset up again to encode.
    charset = settings.DEFAULT_CHARSET
    return HttpResponse(html.encode(charset), charset=charset)
