"""The bell, the list of one's notices (mark read, mark all read) and the profile page.

Every view reads only the signed-in user's own notices: another person's is a 404.
An htmx request gets the fragment it swaps; without JavaScript the same forms post
and redirect back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from erkt.notifications import whatsapp
from erkt.notifications.forms import NotificationSettingsForm
from erkt.notifications.models import NotificationSettings
from erkt.org.access import employee_of
from erkt.workflow.models import Notification
from erkt.workflow.notices import label
from erkt.workflow.notices import render as render_notice

PAGE_SIZE = 25


def notices_of(user):
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    return notices_of(user).filter(read_at__isnull=True).count()


def get_notice(user, notice_id: int) -> Notification:
    notice = notices_of(user).filter(pk=notice_id).first()
    if notice is None:
        raise Http404
    return notice


def with_text(notices: list[Notification]) -> list[Notification]:
    for notice in notices:
        notice.message = render_notice(notice)
        notice.label = label(notice)
    return notices


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("belum") == "1"
    rows = notices_of(request.user).select_related("process__organization")
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "notices": with_text(list(page.object_list)),
        "unread": unread_count(request.user),
        "unread_only": unread_only,
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_GET
def bell(request: HttpRequest) -> HttpResponse:
    """The navbar's bell with the unread count (htmx loads it and refreshes it)."""
    return render(request, "notifications/_bell.html", {"unread": unread_count(request.user)})


@login_required
@require_POST
def mark_read(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Mark one notice read; "buka" also goes to its task or process."""
    notice = get_notice(request.user, notice_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    if request.POST.get("buka"):
        return redirect(notice.facts.get("path") or "notifications:list")
    if request.htmx:
        notice = with_text([notice])[0]
        context = {"notice": notice, "unread": unread_count(request.user), "oob": True}
        return render(request, "notifications/list.html#notice", context)
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    unread = notices_of(request.user).filter(read_at__isnull=True)
    count = unread.update(read_at=timezone.now())
    text = _("%(count)s pemberitahuan ditandai sudah dibaca.") % {"count": count}
    messages.success(request, text)
    return redirect(_back(request))


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Profil: who I am, and Pengaturan notifikasi (channels, digest, WhatsApp number)."""
    current = NotificationSettings.objects.filter(user=request.user).first()
    current = current or NotificationSettings(user=request.user)
    form = NotificationSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan notifikasi disimpan."))
        return redirect("notifications:profile")
    context = {
        "form": form,
        "employee": employee_of(request.user),
        "whatsapp_enabled": whatsapp.enabled(),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "notifications/profile.html", context, status=status)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "notifications:list"
