"""erkt.date_texts: a page's dates written once per language and day, exactly as Django
writes them (the pages' dates used to go through formats.date_format on every call)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import dateformat, formats, timezone, translation

from erkt.date_texts import day_texts, tanggal_writer
from erkt.org.templatetags.indonesian import format_tanggal, tanggal
from erkt.workflow.tests.page_helpers import MONDAY, at, start

# A leap year and an ordinary one, every day: each month name and each weekday.
DAYS = [datetime.date(2024, 1, 1) + datetime.timedelta(days=n) for n in range(731)]


def former_tanggal(value, empty="-"):
    """The `tanggal` filter before erkt.date_texts: Django's date_format on every call in
    any language but Indonesian."""
    language = (translation.get_language() or "id").split("-")[0]
    if language == "id" or not value:
        return format_tanggal(value, empty)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


@pytest.mark.parametrize("language", ["id", "en"])
def test_tanggal_writes_every_day_as_before(language):
    with translation.override(language):
        write = tanggal_writer()
        assert [write(day) for day in DAYS] == [former_tanggal(day) for day in DAYS]
        assert [tanggal(day) for day in DAYS] == [former_tanggal(day) for day in DAYS]


def test_tanggal_is_django_s_own_date_format_in_each_language():
    with translation.override("en"):
        english = [tanggal(day) for day in DAYS]
        date_format = formats.get_format("DATE_FORMAT")
        assert english == [dateformat.format(day, date_format) for day in DAYS]
        assert tanggal(datetime.date(2026, 9, 1)) == "Sept. 1, 2026"
    with translation.override("id"):
        # Indonesian writes the month out (the documents' form), as Django's "j F Y" does.
        indonesian = [tanggal(day) for day in DAYS]
        assert indonesian == [dateformat.format(day, "j F Y") for day in DAYS]
        assert tanggal(datetime.date(2026, 8, 17)) == "17 Agustus 2026"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("format_name", ["DATE_FORMAT", "SHORT_DATE_FORMAT", "D j M", "j F Y"])
def test_day_texts_are_django_s_in_each_format(language, format_name):
    with translation.override(language):
        texts = day_texts(format_name)
        assert [texts[day] for day in DAYS] == [
            formats.date_format(day, format_name) for day in DAYS
        ]


def test_each_language_keeps_its_own_texts():
    day = datetime.date(2026, 3, 23)
    with translation.override("en"):
        english = tanggal_writer()
        assert day_texts("D j M")[day] == "Mon 23 Mar"
    with translation.override("id"):
        assert tanggal_writer() is not english
        assert tanggal(day) == "23 Maret 2026"
        assert day_texts("D j M")[day] == "Sen 23 Mar"
    # A writer kept from an English table still writes English, whatever is active now.
    assert english(datetime.date(2026, 3, 24)) == "March 24, 2026"


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_aware_datetime_is_written_as_its_local_day(language):
    # 20:00 UTC on 31 March is 04:00 on 1 April in Makassar (UTC+8).
    evening = datetime.datetime(2026, 3, 31, 20, 0, tzinfo=datetime.UTC)
    naive = datetime.datetime(2026, 3, 31, 20, 0)
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("Asia/Makassar")):
        assert tanggal(evening) == former_tanggal(evening)
        assert tanggal(evening) == tanggal(datetime.date(2026, 4, 1))
        assert tanggal(naive) == former_tanggal(naive) == tanggal(datetime.date(2026, 3, 31))


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_date_is_written_as_the_empty_text(language):
    with translation.override(language):
        assert tanggal(None) == "-"
        assert tanggal(None, "belum") == "belum"
        assert tanggal_writer()(None, "") == ""


def test_an_english_page_writes_its_dates_as_django_does(client_for, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    client = client_for(kepala)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("workflow:process", args=[process.pk])).content.decode()
    with translation.override("en"):
        started = formats.date_format(process.start_date, "DATE_FORMAT")
        planned_end = formats.date_format(process.planned_end, "DATE_FORMAT")
    assert started in html
    assert planned_end in html
    assert format_tanggal(process.start_date) not in html


def test_a_table_s_dates_follow_each_reader_s_language(demo, kepala, time_machine):
    """Readers in two languages one after the other: neither gets the other's dates."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    english, indonesian = Client(headers={"accept-language": "en"}), Client()
    english.force_login(kepala)
    indonesian.force_login(kepala)
    with translation.override("en"):
        in_english = formats.date_format(process.start_date, "DATE_FORMAT")
    in_indonesian = format_tanggal(process.start_date)
    for client, shown, hidden in [
        (indonesian, in_indonesian, in_english),
        (english, in_english, in_indonesian),
        (indonesian, in_indonesian, in_english),
    ]:
        html = client.get(reverse("workflow:process_list")).content.decode()
        assert shown in html
        assert hidden not in html
