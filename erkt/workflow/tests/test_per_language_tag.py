"""`{% per_language %}`: markup rendered once per language and kept."""

from django.template import Context, Template
from django.utils import translation

TEMPLATE = (
    "{% load i18n workflow_tags %}"
    "{% per_language %}<th>{% translate 'Riwayat' %}</th>{% endper_language %}"
    "<td>{{ name }}</td>"
)


def test_it_renders_each_language_once_and_keeps_it():
    template = Template(TEMPLATE)
    with translation.override("id"):
        first = template.render(Context({"name": "<script>a</script>"}))
    with translation.override("en"):
        english = template.render(Context({"name": "b"}))
    with translation.override("id"):
        again = template.render(Context({"name": "c"}))
    assert first == "<th>Riwayat</th><td>&lt;script&gt;a&lt;/script&gt;</td>"
    assert english == "<th>History</th><td>b</td>"
    assert again == "<th>Riwayat</th><td>c</td>"


def test_a_variable_inside_renders_empty_never_one_readers_value_for_the_next():
    template = Template(
        "{% load workflow_tags %}{% per_language %}<p>{{ name }}</p>{% endper_language %}"
    )
    with translation.override("id"):
        assert template.render(Context({"name": "kepala"})) == "<p></p>"
        assert template.render(Context({"name": "tim1"})) == "<p></p>"


def test_what_it_keeps_is_not_rendered_again(monkeypatch):
    template = Template(TEMPLATE)
    node = next(n for n in template.nodelist if type(n).__name__ == "PerLanguageNode")
    with translation.override("id"):
        template.render(Context({}))
        monkeypatch.setattr(node.nodelist, "render", lambda context: "rendered again")
        assert template.render(Context({})).startswith("<th>Riwayat</th>")
