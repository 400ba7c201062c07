"""The main navigation, rendered by one Python function (page_body in erkt/org/layout.py).

Every page of a signed-in user renders it. As a template (nav.html) it was some 150
nodes a page, each label translated and each link's tag resolved on every request. Here
the labels and links that depend only on the language are built once per language and
kept (`Labels`); what a request adds (the roles' guards, the active item, the badge, the
user's name and jabatan, the CSRF token, the current path) is escaped as the template
escaped it. nav.html keeps the badge (`task_count`), which the task page swaps in.

The bar a user sees depends on few values (`NavFacts`: the roles, the name and jabatan, a
few flags; and the language), so it is written once for them and kept as a format string
(`main_nav`); a request fills in only what is its own: the badge's count, the CSRF token,
the current path and which item is the current page. The facts are read from this
request's user, employee and positions, so a change of a name, a jabatan or a role shows on
the next request (its facts are other facts, written anew); translations change only with a
new process.

Who sees which item (every view still checks access itself, erkt.org.access.require_role):

  item                     who sees it                                  guard
  Kotak Tugas (+ count)    every pegawai holding a jabatan              roles
  Proses                   every pegawai of the organisation (also the  me
                           administrator, who may act for an assignee)
  Pemantauan               the planning line, and the administrator     PLANNING_LINE, or
                           (erkt.workflow.monitoring.require_monitor)   me and is_staff
  Renstra                  the planning line                            PLANNING_LINE
  RKT (dropdown: RKT,      every pegawai holding a jabatan              roles
   Form RKT, Renstra)      Form RKT: offers_form_rkt (erkt.rkt.context_processors)
  Arsip                    every pegawai of the organisation            me
  Seluruh OPD              a Pemkab reader (erkt.pemkab), in place of   my_pemkab
                           SOP, which reads the user's own OPD
  SOP                      everyone signed in, also the administrator   not my_pemkab
  Admin                    is_staff (right side)
"""

from __future__ import annotations

import html
from typing import NamedTuple

from django.conf import settings
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from erkt.html_rows import escaped
from erkt.org.access import unwrapped
from erkt.per_language import Kept, per_language
from erkt.url_cache import remembered

PLANNING_LINE = frozenset({"kepala", "sekretaris", "kasubbag_perencanaan", "tim_perencanaan"})
ACTIVE = ' active" aria-current="page'
INBOX_VIEWS = ("workflow:inbox", "workflow:task")


@per_language
def labels() -> dict[str, str]:
    """The escaped labels and links of the current language, built once per language."""
    texts = {
        "inbox": gettext("Kotak Tugas"),
        "open_tasks": gettext("tugas terbuka"),
        "menu": gettext("Menu"),
        "processes": gettext("Proses"),
        "monitoring": gettext("Pemantauan"),
        "renstra": gettext("Renstra"),
        "rkt": gettext("RKT"),
        "form_rkt": gettext("Form RKT"),
        "archive": gettext("Arsip"),
        "all_opd": gettext("Seluruh OPD"),
        "sop": gettext("SOP"),
        "notifications": gettext("Pemberitahuan"),
        "admin": gettext("Admin"),
        "certificate": gettext("Sertifikat elektronik"),
        "profile": gettext("Profil dan notifikasi"),
        "substitutions": gettext("Plt. dan Plh."),
        "opd_import": gettext("Impor perangkat daerah"),
        "password": gettext("Ubah kata sandi"),
        "language": gettext("Bahasa"),
        "logout": gettext("Keluar"),
    }
    # Plain str, escaped as escape() escapes them: a SafeString put in an f-string costs a
    # Python call (its __str__) each time, some 40 a page.
    found = {name: html.escape(text) for name, text in texts.items()}
    links = {
        "home": "home",
        "inbox": "workflow:inbox",
        "processes": "workflow:process_list",
        "monitoring": "workflow:monitoring",
        "renstra": "rkt:renstra",
        "rkt": "rkt:drafts:index",
        "form_rkt": "rkt:unit_form_current",
        "archive": "archive:index",
        "all_opd": "pemkab:overview",
        "sop": "sop:list",
        "notifications": "notifications:list",
        "bell": "notifications:bell",
        "admin": "admin:index",
        "certificate": "signing:certificate",
        "profile": "notifications:profile",
        "substitutions": "substitutions",
        "opd_import": "opd_import",
        "password": "password_change",
        "set_language": "set_language",
        "logout": "logout",
    }
    found.update({f"url_{name}": html.escape(remembered(view)) for name, view in links.items()})
    found["languages"] = [
        (code, html.escape(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]
    return found


def task_count_badge(count, badge_id: str, label: str) -> str:
    """nav.html's `task_count` partial (without hx-swap-oob: the task page swaps that one)."""
    return badge_html(badge_id, "" if count else " d-none", count or "", label)


def badge_html(badge_id: str, hidden: str, count, label: str) -> str:
    return (
        f'<span id="{badge_id}" class="badge rounded-pill text-bg-warning{hidden}">'
        f'{count}<span class="visually-hidden"> {label}</span></span>\n'
    )


def csrf_input(context) -> str:
    """What `{% csrf_token %}` renders."""
    token = unwrapped(context.get("csrf_token"))
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escaped(token)}">'


class NavFacts(NamedTuple):
    """Everything the bar shows but the request's own: the badge's count, the CSRF token, the
    path and which item is the current page. The key its written form is kept under (a
    tuple: hashed and compared without a Python call)."""

    roles: frozenset
    has_me: bool
    has_pemkab: bool
    name: str
    positions: tuple  # (the Plt./Plh. prefix, the title) of each jabatan
    is_staff: bool
    is_superuser: bool
    offers_form_rkt: bool


def facts_of(context) -> NavFacts:
    me, pemkab = context.get("me"), context.get("my_pemkab")
    user = unwrapped(context.get("user"))
    name = me.name if me else pemkab.name if pemkab else user.get_username()
    return NavFacts(
        frozenset(context.get("my_roles") or ()),
        me is not None,
        pemkab is not None,
        name,
        tuple([(acting_prefix(p), p.title) for p in context.get("my_positions") or ()]),
        user.is_staff,
        user.is_superuser,
        bool(context.get("offers_form_rkt")),
    )


def acting_prefix(position) -> str:
    kind = getattr(position, "acting_kind", None)
    return "Plh. " if kind == "plh" else "Plt. " if kind == "plt" else ""


def current_marks(match) -> dict[str, str]:
    """Which item is the current page, as each item's class suffix ("" or ACTIVE; the RKT
    dropdown's toggle " active")."""
    view = (match.view_name if match else "") or ""
    app = (match.app_name if match else "") or ""
    namespace = match.namespace if match else ""
    url_name = (match.url_name if match else "") or ""
    on_renstra = app == "rkt" and "renstra" in url_name
    on_form = url_name == "forms_overview" or "unit_form" in url_name
    on_drafts = namespace == "rkt:drafts"
    return {
        "on_inbox": ACTIVE if view in INBOX_VIEWS else "",
        "on_processes": ACTIVE if view in ("workflow:process_list", "workflow:process") else "",
        "on_monitoring": ACTIVE if view == "workflow:monitoring" else "",
        "on_renstra": ACTIVE if on_renstra else "",
        "on_form": ACTIVE if on_form else "",
        "on_rkt_menu": " active" if on_drafts or on_form else "",
        "on_drafts": ACTIVE if on_drafts else "",
        "on_archive": ACTIVE if namespace == "archive" else "",
        "on_pemkab": ACTIVE if app == "pemkab" else "",
        "on_sop": ACTIVE if app == "sop" else "",
    }


def main_items(f: NavFacts, t: dict, badge: str, on: dict[str, str]) -> list[str]:
    """The left-hand items, each under its guard (see the module's table); `on`: the
    current page's marks (current_marks)."""
    roles = f.roles
    planning = bool(roles & PLANNING_LINE)
    items = []
    if roles:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_inbox"]}"'
            f' href="{t["url_inbox"]}"><i class="bi bi-inbox"></i> {t["inbox"]}'
            f" {badge}</a></li>"
        )
    if f.has_me:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_processes"]}"'
            f' href="{t["url_processes"]}"><i class="bi bi-kanban"></i> {t["processes"]}</a></li>'
        )
    if planning or (f.has_me and f.is_staff):
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_monitoring"]}"'
            f' href="{t["url_monitoring"]}"><i class="bi bi-speedometer2"></i>'
            f" {t['monitoring']}</a></li>"
        )
    if planning:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_renstra"]}"'
            f' href="{t["url_renstra"]}"><i class="bi bi-bullseye"></i> {t["renstra"]}</a></li>'
        )
    if roles:
        form = ""
        if f.offers_form_rkt:
            form = (
                f'<li><a class="dropdown-item{on["on_form"]}" href="{t["url_form_rkt"]}">'
                f'<i class="bi bi-ui-checks"></i> {t["form_rkt"]}</a></li>'
            )
        items.append(
            '<li class="nav-item dropdown" id="nav-rkt">\n'
            f'<a class="nav-link dropdown-toggle{on["on_rkt_menu"]}"'
            f' href="{t["url_rkt"]}" role="button" data-bs-toggle="dropdown" aria-expanded="false">'
            f'<i class="bi bi-table"></i> {t["rkt"]}</a>\n<ul class="dropdown-menu">\n'
            f'<li><a class="dropdown-item{on["on_drafts"]}" href="{t["url_rkt"]}">'
            f'<i class="bi bi-table"></i> {t["rkt"]}</a></li>\n{form}\n'
            f'<li><a class="dropdown-item{on["on_renstra"]}" href="{t["url_renstra"]}">'
            f'<i class="bi bi-bullseye"></i> {t["renstra"]}</a></li>\n</ul>\n</li>'
        )
    if f.has_me:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_archive"]}"'
            f' href="{t["url_archive"]}"><i class="bi bi-archive"></i> {t["archive"]}</a></li>'
        )
    if f.has_pemkab:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_pemkab"]}"'
            f' href="{t["url_all_opd"]}"><i class="bi bi-buildings"></i> {t["all_opd"]}</a></li>'
        )
    else:
        items.append(
            f'<li class="nav-item"><a class="nav-link{on["on_sop"]}" href="{t["url_sop"]}">'
            f'<i class="bi bi-diagram-3"></i> {t["sop"]}</a></li>'
        )
    return items


def user_menu(f: NavFacts, t: dict, csrf: str, path: str, language: str) -> str:
    """The user's dropdown: their jabatan, their pages, the language and signing out."""
    lines = [
        '<li class="nav-item dropdown" id="nav-user">\n'
        '<a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown"'
        ' aria-expanded="false">\n'
        f'<i class="bi bi-person-circle"></i> {escaped(f.name)}\n</a>\n'
        '<ul class="dropdown-menu dropdown-menu-end">'
    ]
    for prefix, title in f.positions:
        lines.append(
            '<li><span class="dropdown-item-text small text-body-secondary">'
            f"{prefix}{escaped(title)}</span></li>"
        )
    if "kepala" in f.roles:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_certificate"]}">'
            f'<i class="bi bi-shield-lock"></i> {t["certificate"]}</a></li>'
        )
    lines.append(
        f'<li><a class="dropdown-item" href="{t["url_profile"]}">'
        f'<i class="bi bi-bell"></i> {t["profile"]}</a></li>'
    )
    if f.has_me:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_substitutions"]}">'
            f'<i class="bi bi-person-badge"></i> {t["substitutions"]}</a></li>'
        )
    if f.is_superuser:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_opd_import"]}">'
            f'<i class="bi bi-building-add"></i> {t["opd_import"]}</a></li>'
        )
    lines.append(
        f'<li><a class="dropdown-item" href="{t["url_password"]}">'
        f'<i class="bi bi-key"></i> {t["password"]}</a></li>\n'
        '<li><hr class="dropdown-divider"></li>'
    )
    lines.append(language_menu(t, csrf, path, language))
    lines.append(
        '<li><hr class="dropdown-divider"></li>\n<li>\n'
        f'<form method="post" action="{t["url_logout"]}">{csrf}\n'
        f'<button class="dropdown-item" type="submit"><i class="bi bi-box-arrow-right"></i>'
        f" {t['logout']}</button>\n</form>\n</li>\n</ul>\n</li>"
    )
    return "\n".join(lines)


def language_menu(t: dict, csrf: str, path: str, current: str) -> str:
    """The language choice: a POST to Django's set_language, each language named in itself."""
    buttons = []
    for code, name in t["languages"]:
        on = code == current
        state = (" active", ' aria-current="true"') if on else ("", "")
        buttons.append(
            f'<button class="dropdown-item{state[0]}" type="submit" name="language"'
            f' value="{code}" lang="{code}"{state[1]}>{name}</button>'
        )
    return (
        f'<li><h6 class="dropdown-header">{t["language"]}</h6></li>\n<li>\n'
        f'<form method="post" action="{t["url_set_language"]}" id="language-menu">{csrf}\n'
        f'<input type="hidden" name="next" value="{path}">\n'
        + "\n".join(buttons)
        + "\n</form>\n</li>"
    )


def nav_html(
    f: NavFacts, language: str, csrf: str, path: str, badges: tuple[str, str], on: dict
) -> str:
    """The navigation bar for these facts, with the request's values given (escaped):
    the CSRF input, the current path, the two badges (beside the toggler, in the menu), the
    current page's marks."""
    t = labels()
    small_badge = ""
    if f.roles:
        small_badge = (
            f'<a class="d-lg-none ms-auto me-3 text-decoration-none" href="{t["url_inbox"]}"'
            f' title="{t["inbox"]}"><span class="visually-hidden">{t["inbox"]}</span>'
            f" {badges[0]}</a>"
        )
    right = [
        f'<li class="nav-item"><a id="nav-bell" class="nav-link" href="{t["url_notifications"]}"'
        f' title="{t["notifications"]}" hx-get="{t["url_bell"]}" hx-trigger="load"'
        ' hx-swap="outerHTML"><i class="bi bi-bell" aria-hidden="true"></i>'
        f'<span class="visually-hidden">{t["notifications"]}</span></a></li>'
    ]
    if f.is_staff:
        right.append(
            f'<li class="nav-item"><a class="nav-link" href="{t["url_admin"]}">'
            f"{t['admin']}</a></li>"
        )
    right.append(user_menu(f, t, csrf, path, language))
    return (
        '<nav class="navbar navbar-expand-lg erkt-navbar" data-bs-theme="dark">\n'
        '<div class="container-xl">\n'
        f'<a class="navbar-brand fw-semibold" href="{t["url_home"]}">e-RKT</a>\n'
        f"{small_badge}\n"
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse"'
        ' data-bs-target="#nav-main" aria-controls="nav-main" aria-expanded="false"'
        f' aria-label="{t["menu"]}">\n<span class="navbar-toggler-icon"></span>\n</button>\n'
        '<div class="collapse navbar-collapse" id="nav-main">\n'
        '<ul class="navbar-nav me-auto">\n'
        + "\n".join(main_items(f, t, badges[1], on))
        + '\n</ul>\n<ul class="navbar-nav">\n'
        + "\n".join(right)
        + "\n</ul>\n</div>\n</div>\n</nav>\n"
    )


def written_nav(context) -> SafeString:
    """The bar written anew from the context (what main_nav keeps; tests compare the two)."""
    count = unwrapped(context.get("open_task_count"))
    label = labels()["open_tasks"]
    badges = (
        task_count_badge(count, "nav-task-count-sm", label),
        task_count_badge(count, "nav-task-count", label),
    )
    request = context.get("request")
    on = current_marks(getattr(request, "resolver_match", None))
    facts, csrf = facts_of(context), csrf_input(context)
    return mark_safe(nav_html(facts, get_language(), csrf, path_of(context), badges, on))


def path_of(context, language: str = "") -> str:
    """The request's full path, escaped (the language menu's `next`); kept per path and
    query string, of which get_full_path() is made (some 15 Python calls a request)."""
    request = context.get("request")
    if request is None:
        return ""
    key = (request.path, request.META.get("QUERY_STRING", ""))
    return _paths.get_in(language, "", key, lambda: escaped(request.get_full_path()))


# Bounded: a query string is whatever a visitor sends.
_paths = Kept(per_prefix=False, limit=4096)


# Where a request's values go: each marker holds "<", which no escaped text does.
MARKS = tuple(current_marks(None))
HOLES = ("csrf", "path", "hidden", "count", *MARKS)


def hole(name: str) -> str:
    return f"<erkt-hole {name}>"


def nav_template(f: NavFacts, language: str) -> str:
    """The bar for these facts as a format string, a field for each of HOLES."""
    label = labels()["open_tasks"]
    badges = tuple(
        badge_html(badge_id, hole("hidden"), hole("count"), label)
        for badge_id in ("nav-task-count-sm", "nav-task-count")
    )
    on = {name: hole(name) for name in MARKS}
    written = nav_html(f, language, hole("csrf"), hole("path"), badges, on)
    template = written.replace("{", "{{").replace("}", "}}")
    for name in HOLES:
        template = template.replace(hole(name), f"{{{name}}}")
    return template


# One a user and language (the name and jabatan are in the key): bounded.
_navs = Kept(limit=2048)


def main_nav(context, language: str | None = None, prefix: str | None = None) -> SafeString:
    """The navigation bar of a signed-in user (what nav.html rendered): kept per NavFacts,
    the request's count, CSRF input and path filled in. `language` and `prefix`, the active
    ones, when the caller has read them."""
    if language is None:
        language, prefix = get_language(), get_script_prefix()
    facts = facts_of(context)
    template = _navs.get_in(language, prefix, (facts,), lambda: nav_template(facts, language))
    count = unwrapped(context.get("open_task_count")) if facts.roles else 0
    request = context.get("request")
    return SafeString(
        template.format(
            csrf=csrf_input(context),
            path=path_of(context, language),
            hidden="" if count else " d-none",
            count=count or "",
            **current_marks(getattr(request, "resolver_match", None)),
        )
    )
