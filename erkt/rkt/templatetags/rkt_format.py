"""Numbers as an Indonesian reader expects them: 1.250.000, 87,5."""

from collections.abc import Callable
from decimal import Decimal

from django import template
from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

register = template.Library()
EMPTY = "\N{EN DASH}"


@register.filter
def angka(value: Decimal | int | None) -> str:
    """A target or baseline without trailing zeros, grouped in the active language."""
    if value is None or value == "":
        return EMPTY
    return number_format(_angka_value(Decimal(value)), force_grouping=True)


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return EMPTY
    return number_format(Decimal(value).quantize(Decimal(1)), force_grouping=True)


@register.filter
def for_years(mapping: dict, years: list[int]) -> list:
    """The mapping's values in the order of `years`, None where a year is missing."""
    return [mapping.get(year) for year in years]


def formatters() -> tuple[Callable[[object], str], Callable[[object], str]]:
    """`angka` and `rupiah` for a whole table: the active language's separators read once
    (number_format looks them up for every number) and each value formatted once."""
    lang = get_language()
    separators = (
        get_format("DECIMAL_SEPARATOR", lang, use_l10n=True),
        None,
        get_format("NUMBER_GROUPING", lang, use_l10n=True),
        get_format("THOUSAND_SEPARATOR", lang, use_l10n=True),
    )

    def grouped(value: Decimal) -> str:
        return numberformat.format(value, *separators, force_grouping=True, use_l10n=True)

    def remembered(convert: Callable[[Decimal], Decimal]) -> Callable[[object], str]:
        done: dict = {}

        def format_value(value) -> str:
            if value is None or value == "":
                return EMPTY
            # By its text: equal values may print differently (Decimal("-0") == 0).
            key = str(value)
            text = done.get(key)
            if text is None:
                text = done[key] = grouped(convert(Decimal(value)))
            return text

        return format_value

    return remembered(_angka_value), remembered(lambda value: value.quantize(Decimal(1)))


def _angka_value(value: Decimal) -> Decimal:
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return value
