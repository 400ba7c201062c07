from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from erkt.links import link_to


def test_a_link_is_the_url_reverse_gives():
    for name in ("workflow:task", "workflow:process", "rkt:drafts:page"):
        assert link_to(name)(42) == reverse(name, args=[42])


def test_a_link_keeps_the_script_prefix_of_the_request():
    set_script_prefix("/erkt/")
    try:
        assert link_to("workflow:task")(7) == "/erkt/tugas/7/" == reverse("workflow:task", args=[7])
    finally:
        set_script_prefix("/")
    assert link_to("workflow:task")(7) == "/tugas/7/"


def test_the_filter_writes_the_same_href_as_the_url_tag():
    template = Template(
        "{% load links %}{{ pk|link:'workflow:process' }}|{% url 'workflow:process' pk %}"
    )
    mine, theirs = template.render(Context({"pk": 123})).split("|")
    assert mine == theirs == "/proses/123/"
