"""PageMessageMiddleware: the pages' messages as Django's MessageMiddleware keeps them; the
API, which shows none, gets no message storage."""

import pytest
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from erkt.org.middleware import PageMessageMiddleware


def _saves_a_message(request):
    messages.success(request, "Form RKT <b>dikirim</b>.")
    return HttpResponse("ok")


def _reads_the_messages(request):
    return HttpResponse(" | ".join(str(m) for m in messages.get_messages(request)))


def _answer(middleware_class, view, address: str, cookies: dict | None = None):
    request = RequestFactory().get(address)
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: None).process_request(request)
    return middleware_class(view)(request)


@pytest.mark.parametrize("address", ["/tugas/", "/rkt/1/"])
def test_a_pages_message_is_kept_and_shown_as_django_keeps_it(address):
    ours = _answer(PageMessageMiddleware, _saves_a_message, address)
    theirs = _answer(MessageMiddleware, _saves_a_message, address)
    cookie = {"messages": ours.cookies["messages"].value}

    assert ours.cookies["messages"].value == theirs.cookies["messages"].value
    shown = _answer(PageMessageMiddleware, _reads_the_messages, address, cookie)
    assert shown.content == b"Form RKT <b>dikirim</b>."


def test_an_api_request_leaves_a_queued_message_for_the_next_page():
    queued = _answer(PageMessageMiddleware, _saves_a_message, "/tugas/")
    cookie = {"messages": queued.cookies["messages"].value}

    api = _answer(
        PageMessageMiddleware, lambda request: HttpResponse("{}"), "/api/v1/tasks", cookie
    )

    assert "messages" not in api.cookies
    shown = _answer(PageMessageMiddleware, _reads_the_messages, "/tugas/", cookie)
    assert shown.content == b"Form RKT <b>dikirim</b>."
