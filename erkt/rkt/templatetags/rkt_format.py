"""Numbers as an Indonesian reader expects them: 1.250.000, 87,5."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()
EMPTY = "\N{EN DASH}"


@register.filter
def angka(value: Decimal | int | None) -> str:
    """A target or baseline without trailing zeros, grouped in the active language."""
    if value is None or value == "":
        return EMPTY
    value = Decimal(value).normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return number_format(value, force_grouping=True)


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    if value is None or value == "":
        return EMPTY
    return number_format(Decimal(value).quantize(Decimal(1)), force_grouping=True)


@register.filter
def for_years(mapping: dict, years: list[int]) -> list:
    """The mapping's values in the order of `years`, None where a year is missing."""
    return [mapping.get(year) for year in years]
