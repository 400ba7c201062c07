"""The home page: the panels of each role above the Kotak Tugas, in a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.tests.conftest import open_task, run_to

HOME = reverse("home")


def panels(html: str) -> list[str]:
    return re.findall(r'data-panel="([a-z_]+)"', html)


def test_login_lands_on_the_home_page(client_for, kepala, process):
    response = client_for(kepala).get(HOME)
    assert response.status_code == 200
    assert '<h1 class="h3 mb-0">Beranda</h1>' in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, process):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("member", ["kepala", "sekretaris", "kasubbag_perencanaan", "tim1"])
def test_the_leaders_and_planners_see_the_gantt_and_the_late_steps(
    client_for, process, member, request
):
    html = client_for(request.getfixturevalue(member)).get(HOME).content.decode()
    assert panels(html)[:2] == ["gantt", "late"]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="gantt"' in html
    assert html.index('data-panel="gantt"') < html.index('id="kotak-tugas"')


def test_a_kabid_sees_no_gantt_of_the_whole_office(client_for, kabid_ppik, process):
    html = client_for(kabid_ppik).get(HOME).content.decode()
    assert "gantt" not in panels(html)
    assert "late" not in panels(html)
    assert 'id="kotak-tugas"' in html


def test_another_offices_user_sees_nothing_of_ours(client_for, stranger, process):
    html = client_for(stranger).get(HOME).content.decode()
    assert panels(html) == []
    assert str(process) not in html


def test_the_late_panel_names_the_step_and_who_holds_it(
    client_for, sekretaris, process, time_machine, today
):
    import datetime

    from erkt.workflow.tests.conftest import at

    task = open_task(process, 1)  # one working day, due on the start date
    time_machine.move_to(at(today + datetime.timedelta(days=3)), tick=False)
    html = client_for(sekretaris).get(HOME).content.decode()
    late = html[html.index('id="home-late"') :]
    assert f'data-late="{task.pk}"' in late
    holder = task.eligible_employees().get()
    assert holder.full_name in late[: late.index("</section>")]


def test_the_gantt_draws_one_bar_per_pass_of_a_step_sent_back(
    client_for, kepala, process, sekretaris
):
    engine.complete_task(run_to(process, 9), by=sekretaris, decision="tidak", note="Perbaiki")
    html = client_for(kepala).get(reverse("workflow:process", args=[process.pk])).content.decode()
    row = re.search(r'<g class="gantt-row" data-step="8">.*?</g>', html, re.S).group(0)
    assert re.findall(r'class="gantt-bar gantt-(\w+)" data-pass="(\d)"', row) == [
        ("planned", "0"),
        ("done", "1"),
        ("open", "2"),
    ]
    assert "ke-2" in row


def test_the_gantt_draws_each_unit_of_step_4(client_for, kepala, process):
    run_to(process, 4)
    html = client_for(kepala).get(HOME).content.decode()
    rows = re.findall(
        r'<g class="gantt-row" data-step="4" data-unit="([^"]+)">(.*?)</g>', html, re.S
    )
    assert len({unit for unit, _row in rows}) == 5
    for _unit, row in rows:  # one bar each: the unit's first (and only) pass, running
        assert re.findall(r'class="gantt-bar gantt-(\w+)" data-pass="(\d)"', row) == [("open", "1")]


def test_an_administrator_without_a_jabatan_gets_a_home_without_panels(
    client_for, administrator, process
):
    response = client_for(administrator).get(HOME)
    assert response.status_code == 200
    assert panels(response.content.decode()) == []


def test_the_gantt_is_accessible_and_marks_today(client_for, kepala, process):
    html = client_for(kepala).get(HOME).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    assert re.search(r'<title id="gantt-title-\d+">', svg)
    assert re.search(r'<desc id="gantt-desc-\d+">', svg)
    assert 'class="gantt-today"' in svg
    assert "1. " in svg  # the step labels are text


def test_the_process_page_offers_a_print_view(client_for, kabid_ppik, process):
    client = client_for(kabid_ppik)
    page = client.get(reverse("workflow:process", args=[process.pk])).content.decode()
    url = reverse("workflow:process_print", args=[process.pk])
    assert url in page
    printed = client.get(url)
    assert printed.status_code == 200
    assert 'class="gantt"' in printed.content.decode()
    assert 'id="steps"' in printed.content.decode()


def test_the_print_view_of_another_office_is_404(client_for, stranger, process):
    url = reverse("workflow:process_print", args=[process.pk])
    assert client_for(stranger).get(url).status_code == 404


def test_riwayat_lists_only_ones_own_completed_tasks(client_for, kepala, process):
    run_to(process, 3)
    step_1, step_2 = (process.tasks.get(step_run__number=n, status="done") for n in (1, 2))
    assert step_1.completed_by == kepala != step_2.completed_by
    for task in (step_1, step_2):
        html = client_for(task.completed_by).get(reverse("workflow:history")).content.decode()
        assert [int(pk) for pk in re.findall(r'data-done-task="(\d+)"', html)] == [task.pk]


def test_riwayat_leaves_out_open_tasks(client_for, kepala, process):
    html = client_for(kepala).get(reverse("workflow:history")).content.decode()
    assert "data-done-task" not in html
    assert "Anda belum menyelesaikan tugas apa pun." in html


def test_riwayat_pages_its_list(client_for, process, monkeypatch):
    from django.db.models import Count

    from erkt.workflow.models import Task
    from erkt.workflow.views import home

    assert home.HISTORY_PAGE_SIZE == 50
    monkeypatch.setattr(home, "HISTORY_PAGE_SIZE", 1)
    run_to(process, 9)
    busiest = (
        Task.objects.filter(status="done")
        .values("completed_by")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest["n"] >= 2
    from django.contrib.auth import get_user_model

    client = client_for(get_user_model().objects.get(pk=busiest["completed_by"]))
    first = client.get(reverse("workflow:history")).content.decode()
    second = client.get(reverse("workflow:history") + "?halaman=2").content.decode()
    assert f"Halaman 1 dari {busiest['n']}" in first
    one, two = (re.findall(r'data-done-task="(\d+)"', html) for html in (first, second))
    assert len(one) == len(two) == 1 and one != two


def test_the_home_link_to_riwayat_is_on_the_kotak_tugas(client_for, tim1, process):
    html = client_for(tim1).get(HOME).content.decode()
    assert reverse("workflow:history") in html


def test_the_home_follows_the_latest_year_of_the_running_processes(
    client_for, kepala, seed_sop, process
):
    later = engine.start_process(sop=seed_sop, year=2028, by=kepala)
    earlier = engine.start_process(sop=seed_sop, year=2026, by=kepala)
    html = client_for(kepala).get(HOME).content.decode()
    assert reverse("workflow:process", args=[later.pk]) in html
    assert f'id="gantt-heading-{later.pk}"' in html
    assert f'id="gantt-heading-{process.pk}"' not in html
    assert f'id="gantt-heading-{earlier.pk}"' not in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_gantt_panel_is_its_templates_html(kepala, process, language):
    from django.template.loader import render_to_string
    from django.utils import translation

    from erkt.workflow.home import gantt_card, gantt_panel, home_of

    home = home_of(kepala)
    context = gantt_panel(home)
    with translation.override(language):
        by_template = render_to_string("workflow/home/gantt.html", {"home": home, **context})
        assert gantt_card(context) == by_template
        assert f'id="gantt-heading-{process.pk}"' in gantt_card(context)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_kept_nothing_late_card_is_the_templates_in_each_language(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    from erkt.workflow.home import LATE_TEMPLATE, late_card

    for _ in range(2):  # built, then kept
        with translation.override(language):
            assert late_card({"late": []}) == render_to_string(LATE_TEMPLATE, {"late": []})
    with translation.override("id"):
        indonesian = late_card({"late": []})
    with translation.override("en"):
        assert late_card({"late": []}) != indonesian


def test_the_kept_gantt_follows_the_process_and_the_day(client_for, kepala, process, time_machine):
    import datetime

    from erkt.workflow.tests.conftest import at

    def bars(step: int) -> list[str]:
        html = client_for(kepala).get(HOME).content.decode()
        row = re.search(rf'<g class="gantt-row" data-step="{step}">.*?</g>', html, re.S).group(0)
        return re.findall(r'class="gantt-bar gantt-(\w+)"', row)

    assert bars(1) == ["planned", "open"]
    assert bars(1) == ["planned", "open"]  # drawn once, then kept
    run_to(process, 2)
    assert bars(1) == ["planned", "done"]
    assert bars(2) == ["planned", "open"]
    time_machine.move_to(at(process.start_date + datetime.timedelta(days=30)), tick=False)
    assert bars(2) == ["planned", "late"]


def test_the_late_panel_reads_as_its_template_wrote_it(kepala, sekretaris, process, time_machine):
    import datetime

    from django.template.loader import render_to_string
    from django.utils import translation

    from erkt.org.models import Employee, Position, Unit
    from erkt.sop.models import SopStep
    from erkt.workflow.home import LATE_TEMPLATE, home_of, late_card, late_panel
    from erkt.workflow.models import Task
    from erkt.workflow.tests.conftest import at

    evil = '<script>alert("x")</script> & Co'
    engine.complete_task(run_to(process, 9), by=sekretaris, decision="tidak", note="Perbaiki")
    time_machine.move_to(at(process.start_date + datetime.timedelta(days=200)), tick=False)
    run_to(process, 8)  # step 8's second pass, late
    SopStep.objects.filter(version_id=process.sop_version_id, number=8).update(uraian=evil * 5)
    Unit.objects.filter(organization_id=process.organization_id).update(name=evil)
    Position.objects.filter(organization_id=process.organization_id).update(title=evil)
    title = "<script>x</script> & Dr."  # within gelar_depan's 30 characters (PostgreSQL)
    Employee.objects.filter(organization_id=process.organization_id).update(gelar_depan=title)
    task = Task.objects.filter(process=process, status="open").first()
    Task.objects.filter(pk=task.pk).update(claimed_by=Employee.objects.first())
    context = late_panel(home_of(kepala))
    assert context["late"]
    for language in ("id", "en"):
        with translation.override(language):
            assert late_card(context) == render_to_string(LATE_TEMPLATE, context), language
    assert "<script>" not in late_card(context)


def test_the_late_panel_of_unit_tasks_reads_as_its_template_wrote_it(
    sekretaris, process, time_machine
):
    import datetime

    from django.template.loader import render_to_string
    from django.utils import translation

    from erkt.org.models import Employee, Unit
    from erkt.workflow.home import LATE_TEMPLATE, home_of, late_card, late_panel
    from erkt.workflow.models import Task
    from erkt.workflow.tests.conftest import at

    run_to(process, 4)
    time_machine.move_to(at(process.start_date + datetime.timedelta(days=60)), tick=False)
    Unit.objects.filter(organization_id=process.organization_id, order=2).update(name="<b>U</b>")
    task = Task.objects.filter(process=process, status="open", unit__isnull=False).first()
    Task.objects.filter(pk=task.pk).update(claimed_by=Employee.objects.last())
    context = late_panel(home_of(sekretaris))
    assert len(context["late"]) == 5
    for language in ("id", "en"):
        with translation.override(language):
            assert late_card(context) == render_to_string(LATE_TEMPLATE, context), language
