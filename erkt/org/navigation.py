"""The main navigation, rendered by one Python function (`{% main_nav %}` in base.html).

Every page of a signed-in user renders it. As a template (nav.html) it was some 150
nodes a page, each label translated and each link's tag resolved on every request. Here
the labels and links that depend only on the language are built once per language and
kept (`Labels`); what a request adds (the roles' guards, the active item, the badge, the
user's name and jabatan, the CSRF token, the current path) is escaped as the template
escaped it. nav.html keeps the badge (`task_count`), which the task page swaps in.

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

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from erkt.html_rows import escaped
from erkt.org.access import unwrapped
from erkt.per_language import per_language
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
    hidden = "" if count else " d-none"
    return (
        f'<span id="{badge_id}" class="badge rounded-pill text-bg-warning{hidden}">'
        f'{count or ""}<span class="visually-hidden"> {label}</span></span>\n'
    )


def csrf_input(context) -> str:
    """What `{% csrf_token %}` renders."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escaped(token)}">'


def active(condition: bool) -> str:
    return ACTIVE if condition else ""


def main_items(context, t: dict, roles: set, match) -> list[str]:
    """The left-hand items, each under its guard (see the module's table)."""
    me, pemkab = context.get("me"), context.get("my_pemkab")
    view = (match.view_name if match else "") or ""
    app, namespace = (match.app_name if match else "") or "", (match.namespace if match else "")
    url_name = (match.url_name if match else "") or ""
    user = unwrapped(context.get("user"))
    planning = bool(roles & PLANNING_LINE)
    items = []
    if roles:
        count = unwrapped(context.get("open_task_count"))
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(view in INBOX_VIEWS)}"'
            f' href="{t["url_inbox"]}"><i class="bi bi-inbox"></i> {t["inbox"]}'
            f" {task_count_badge(count, 'nav-task-count', t['open_tasks'])}</a></li>"
        )
    if me:
        on = view in ("workflow:process_list", "workflow:process")
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(on)}" href="{t["url_processes"]}">'
            f'<i class="bi bi-kanban"></i> {t["processes"]}</a></li>'
        )
    if planning or (me and user.is_staff):
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(view == "workflow:monitoring")}"'
            f' href="{t["url_monitoring"]}"><i class="bi bi-speedometer2"></i>'
            f" {t['monitoring']}</a></li>"
        )
    on_renstra = app == "rkt" and "renstra" in url_name
    if planning:
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(on_renstra)}"'
            f' href="{t["url_renstra"]}"><i class="bi bi-bullseye"></i> {t["renstra"]}</a></li>'
        )
    if roles:
        on_form = url_name == "forms_overview" or "unit_form" in url_name
        on_drafts = namespace == "rkt:drafts"
        form = ""
        if context.get("offers_form_rkt"):
            form = (
                f'<li><a class="dropdown-item{active(on_form)}" href="{t["url_form_rkt"]}">'
                f'<i class="bi bi-ui-checks"></i> {t["form_rkt"]}</a></li>'
            )
        items.append(
            '<li class="nav-item dropdown" id="nav-rkt">\n'
            f'<a class="nav-link dropdown-toggle{" active" if on_drafts or on_form else ""}"'
            f' href="{t["url_rkt"]}" role="button" data-bs-toggle="dropdown" aria-expanded="false">'
            f'<i class="bi bi-table"></i> {t["rkt"]}</a>\n<ul class="dropdown-menu">\n'
            f'<li><a class="dropdown-item{active(on_drafts)}" href="{t["url_rkt"]}">'
            f'<i class="bi bi-table"></i> {t["rkt"]}</a></li>\n{form}\n'
            f'<li><a class="dropdown-item{active(on_renstra)}" href="{t["url_renstra"]}">'
            f'<i class="bi bi-bullseye"></i> {t["renstra"]}</a></li>\n</ul>\n</li>'
        )
    if me:
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(namespace == "archive")}"'
            f' href="{t["url_archive"]}"><i class="bi bi-archive"></i> {t["archive"]}</a></li>'
        )
    if pemkab:
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(app == "pemkab")}"'
            f' href="{t["url_all_opd"]}"><i class="bi bi-buildings"></i> {t["all_opd"]}</a></li>'
        )
    else:
        items.append(
            f'<li class="nav-item"><a class="nav-link{active(app == "sop")}" href="{t["url_sop"]}">'
            f'<i class="bi bi-diagram-3"></i> {t["sop"]}</a></li>'
        )
    return items


def user_menu(context, t: dict, roles: set, csrf: str) -> str:
    """The user's dropdown: their jabatan, their pages, the language and signing out."""
    me, pemkab = context.get("me"), context.get("my_pemkab")
    user = unwrapped(context.get("user"))
    name = me.name if me else pemkab.name if pemkab else user.get_username()
    lines = [
        '<li class="nav-item dropdown" id="nav-user">\n'
        '<a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown"'
        ' aria-expanded="false">\n'
        f'<i class="bi bi-person-circle"></i> {escaped(name)}\n</a>\n'
        '<ul class="dropdown-menu dropdown-menu-end">'
    ]
    for position in context.get("my_positions") or ():
        kind = getattr(position, "acting_kind", None)
        prefix = "Plh. " if kind == "plh" else "Plt. " if kind == "plt" else ""
        lines.append(
            '<li><span class="dropdown-item-text small text-body-secondary">'
            f"{prefix}{escaped(position.title)}</span></li>"
        )
    if "kepala" in roles:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_certificate"]}">'
            f'<i class="bi bi-shield-lock"></i> {t["certificate"]}</a></li>'
        )
    lines.append(
        f'<li><a class="dropdown-item" href="{t["url_profile"]}">'
        f'<i class="bi bi-bell"></i> {t["profile"]}</a></li>'
    )
    if me:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_substitutions"]}">'
            f'<i class="bi bi-person-badge"></i> {t["substitutions"]}</a></li>'
        )
    if user.is_superuser:
        lines.append(
            f'<li><a class="dropdown-item" href="{t["url_opd_import"]}">'
            f'<i class="bi bi-building-add"></i> {t["opd_import"]}</a></li>'
        )
    lines.append(
        f'<li><a class="dropdown-item" href="{t["url_password"]}">'
        f'<i class="bi bi-key"></i> {t["password"]}</a></li>\n'
        '<li><hr class="dropdown-divider"></li>'
    )
    lines.append(language_menu(context, t, csrf))
    lines.append(
        '<li><hr class="dropdown-divider"></li>\n<li>\n'
        f'<form method="post" action="{t["url_logout"]}">{csrf}\n'
        f'<button class="dropdown-item" type="submit"><i class="bi bi-box-arrow-right"></i>'
        f" {t['logout']}</button>\n</form>\n</li>\n</ul>\n</li>"
    )
    return "\n".join(lines)


def language_menu(context, t: dict, csrf: str) -> str:
    """The language choice: a POST to Django's set_language, each language named in itself."""
    current = get_language()
    request = context.get("request")
    path = escaped(request.get_full_path()) if request is not None else ""
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


def main_nav(context) -> SafeString:
    """The navigation bar of a signed-in user (what nav.html rendered)."""
    t = labels()
    roles = context.get("my_roles") or set()
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    csrf = csrf_input(context)
    user = unwrapped(context.get("user"))
    small_badge = ""
    if roles:
        count = unwrapped(context.get("open_task_count"))
        small_badge = (
            f'<a class="d-lg-none ms-auto me-3 text-decoration-none" href="{t["url_inbox"]}"'
            f' title="{t["inbox"]}"><span class="visually-hidden">{t["inbox"]}</span>'
            f" {task_count_badge(count, 'nav-task-count-sm', t['open_tasks'])}</a>"
        )
    right = [
        f'<li class="nav-item"><a id="nav-bell" class="nav-link" href="{t["url_notifications"]}"'
        f' title="{t["notifications"]}" hx-get="{t["url_bell"]}" hx-trigger="load"'
        ' hx-swap="outerHTML"><i class="bi bi-bell" aria-hidden="true"></i>'
        f'<span class="visually-hidden">{t["notifications"]}</span></a></li>'
    ]
    if user.is_staff:
        right.append(
            f'<li class="nav-item"><a class="nav-link" href="{t["url_admin"]}">'
            f"{t['admin']}</a></li>"
        )
    right.append(user_menu(context, t, roles, csrf))
    return mark_safe(
        '<nav class="navbar navbar-expand-lg erkt-navbar" data-bs-theme="dark">\n'
        '<div class="container-xl">\n'
        f'<a class="navbar-brand fw-semibold" href="{t["url_home"]}">e-RKT</a>\n'
        f"{small_badge}\n"
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse"'
        ' data-bs-target="#nav-main" aria-controls="nav-main" aria-expanded="false"'
        f' aria-label="{t["menu"]}">\n<span class="navbar-toggler-icon"></span>\n</button>\n'
        '<div class="collapse navbar-collapse" id="nav-main">\n'
        '<ul class="navbar-nav me-auto">\n'
        + "\n".join(main_items(context, t, roles, match))
        + '\n</ul>\n<ul class="navbar-nav">\n'
        + "\n".join(right)
        + "\n</ul>\n</div>\n</div>\n</nav>\n"
    )
