"""Numbers as an Indonesian reader expects them: 1.250.000, 87,5."""

import functools
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

    def remembered(kind: str) -> Callable[[object], str]:
        convert = _CONVERT[kind]
        done: dict = {}

        def format_value(value) -> str:
            if value is None:
                return EMPTY
            # By its text: equal values may print differently (Decimal("-0") == 0).
            key = str(value)
            text = done.get(key)
            if text is None:
                if value == "":
                    return EMPTY
                if type(value) in (Decimal, int):
                    text = _grouped(separators, kind, key)
                else:
                    text = _group(separators, convert(Decimal(value)))
                done[key] = text
            return text

        return format_value

    return remembered("angka"), remembered("rupiah")


def _group(separators: tuple, value: Decimal) -> str:
    return numberformat.format(value, *separators, force_grouping=True, use_l10n=True)


@functools.lru_cache(maxsize=4096)
def _grouped(separators: tuple, kind: str, text: str) -> str:
    """A Decimal's or int's text formatted with the separators: the same number always
    prints the same, so the tables' recurring numbers (targets, pagu) are formatted once
    per process, not once per request."""
    return _group(separators, _CONVERT[kind](Decimal(text)))


def _angka_value(value: Decimal) -> Decimal:
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return value


_CONVERT: dict[str, Callable[[Decimal], Decimal]] = {
    "angka": _angka_value,
    "rupiah": lambda value: value.quantize(Decimal(1)),
}
