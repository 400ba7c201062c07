"""erkt.html_rows.row writes what format_html writes."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from erkt.html_rows import row

TEMPLATE = '<tr data-id="{}"><td>{}</td><td>{}</td></tr>'


def test_it_escapes_every_value_as_format_html_does():
    values = (7, "<script>alert('x')</script> & \"co\"", mark_safe("<b>aman</b>"))
    assert row(TEMPLATE, *values) == format_html(TEMPLATE, *values)
    assert "<script>" not in row(TEMPLATE, *values)
    assert "<b>aman</b>" in row(TEMPLATE, *values)


def test_it_writes_plain_text_numbers_and_other_values_as_format_html_does():
    import datetime
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    values = ("Bidang PPIK", -12, True, Decimal("1.50"), datetime.date(2027, 1, 2))
    template = "<td>{}</td>" * len(values)
    assert row(template, *values) == format_html(template, *values)
    lazy = gettext_lazy("Beranda")
    assert row("<p>{}</p>", lazy) == format_html("<p>{}</p>", lazy)


def test_escaped_text_is_html_escape():
    import html

    from erkt.html_rows import escaped_text

    for text in ("", "Kepala Badan", "a & b", "<i>'x'</i>", '"kutip"', "tanpa > apa"):
        assert escaped_text(text) == html.escape(text)


def test_escaped_all_escapes_each_value_as_escaped_does():
    from erkt.html_rows import escaped, escaped_all

    plain = ("Disposisi", "Kepala Badan", "")
    assert escaped_all(*plain) == plain
    mixed = ("Disposisi", "<script>x</script>", mark_safe("<b>aman</b>"), 7, None)
    assert escaped_all(*mixed) == tuple(escaped(value) for value in mixed)
    assert escaped_all("a", "<b>")[1] == "&lt;b&gt;"
