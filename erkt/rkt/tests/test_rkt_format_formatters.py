"""The tables' number formatters (rkt_format.formatters), whose numbers are kept once
formatted, print what the `angka` and `rupiah` filters print, in each language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from erkt.rkt.templatetags.rkt_format import angka, formatters, rupiah

VALUES = [
    None,
    "",
    0,
    Decimal("-0"),
    Decimal("0.00"),
    Decimal("87.50"),
    Decimal("1250000"),
    Decimal("1250000.4"),
    Decimal("-1234.5600"),
    1500000,
    "42.5",
]


@pytest.mark.parametrize("language", ["id", "en", "id"])
def test_the_formatters_print_what_the_filters_print(language):
    with translation.override(language):
        for _table in range(2):  # the second table's numbers come from what was kept
            table_angka, table_rupiah = formatters()
            for value in VALUES:
                assert table_angka(value) == angka(value), value
                assert table_rupiah(value) == rupiah(value), value


def test_a_kept_number_follows_the_language():
    with translation.override("id"):
        indonesian = formatters()[1](Decimal("1250000"))
    with translation.override("en"):
        english = formatters()[1](Decimal("1250000"))
    assert (indonesian, english) == ("1.250.000", "1,250,000")
