"""erkt/url_cache.py: the template builtin {% url %} keeps what it reversed."""

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from erkt import url_cache


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


def test_it_renders_what_reverse_gives_and_keeps_it():
    url_cache.cached_reverse.cache_clear()
    assert render("{% url 'workflow:task' 7 %}") == reverse("workflow:task", args=[7])
    assert render("{% url 'workflow:task' task_id=7 %}") == reverse("workflow:task", args=[7])
    assert (
        render("{% url 'workflow:inbox' as link %}[{{ link }}]") == f"[{reverse('workflow:inbox')}]"
    )
    assert url_cache.cached_reverse.cache_info().currsize == 3


def test_it_reverses_an_object_argument_every_time():
    class Changing:
        number = 1

        def __str__(self):
            return str(self.number)

    url_cache.cached_reverse.cache_clear()
    argument = Changing()
    assert render("{% url 'workflow:task' arg %}", arg=argument) == "/tugas/1/"
    argument.number = 2
    assert render("{% url 'workflow:task' arg %}", arg=argument) == "/tugas/2/"
    assert url_cache.cached_reverse.cache_info().currsize == 0


def test_a_failed_reverse_still_raises_or_leaves_the_variable_empty():
    with pytest.raises(NoReverseMatch):
        render("{% url 'workflow:no_such_page' %}")
    assert render("{% url 'workflow:no_such_page' as link %}[{{ link }}]") == "[]"


def test_a_settings_change_forgets_the_urls():
    render("{% url 'workflow:inbox' %}")
    with override_settings(ROOT_URLCONF="erkt.testing.bench_urls"):
        assert url_cache.cached_reverse.cache_info().currsize == 0


def test_it_keeps_the_script_prefix_of_the_request():
    set_script_prefix("/erkt/")
    try:
        assert render("{% url 'workflow:task' 7 %}") == "/erkt/tugas/7/"
        assert url_cache.remembered("documents:download", 7, "pdf") == reverse(
            "documents:download", args=[7, "pdf"]
        )
    finally:
        set_script_prefix("/")
    assert render("{% url 'workflow:task' 7 %}") == "/tugas/7/"


def test_the_urls_of_a_table_are_what_reverse_gives_under_the_script_prefix():
    url_of = url_cache.remembered_for("workflow:task")
    assert [url_of(7), url_of(8)] == [reverse("workflow:task", args=[n]) for n in (7, 8)]
    set_script_prefix("/erkt/")
    try:
        assert url_cache.remembered_for("workflow:task")(7) == "/erkt" + url_of(7)
    finally:
        set_script_prefix("/")
