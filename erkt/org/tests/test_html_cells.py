"""erkt.html_cells: the labels baked into a row once and whole numbers, as the
per-row formatting wrote them."""

from django.utils import translation
from django.utils.formats import localize
from django.utils.html import format_html

from erkt.html_cells import labelled, whole_number
from erkt.html_rows import row

TEMPLATE = '<td data-label="{l_name}">{}</td><td data-label="{l_count}">{}</td>'
PLAIN = '<td data-label="{}">{}</td><td data-label="{}">{}</td>'


def test_a_labelled_row_is_what_format_html_writes_with_the_labels():
    label, value = "<script>alert('{0}')</script> & co", "<b>{nama}</b>"
    template = labelled(TEMPLATE, l_name=label, l_count="Jumlah")
    assert row(template, value, 3) == format_html(PLAIN, label, value, "Jumlah", 3)
    assert "<script>" not in row(template, value, 3)


def test_a_whole_number_is_what_localize_writes_in_both_languages():
    for language in ("id", "en"):
        with translation.override(language):
            for value in (0, 7, -3, 999, -999, 1000, 12345, -1000, 1234567):
                assert whole_number(value) == localize(value)
