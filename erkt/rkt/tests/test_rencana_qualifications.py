"""Step 2: the Tim Perencanaan choice warns beside a chosen member who does not meet the
SOP's Kualifikasi Pelaksana; the plan is saved all the same (a warning, not a refusal)."""

from __future__ import annotations

from django.urls import reverse

from erkt.org.models import Employee, Pendidikan
from erkt.rkt.preparation.models import RencanaPenyusunan
from erkt.rkt.tests.preparation_helpers import to_rencana, version_now

WARNING = "Belum memenuhi kualifikasi pelaksana SOP:"


def _employee(username: str) -> Employee:
    return Employee.objects.get(user__username=username)


def _member_block(page: str, name: str) -> str:
    """The markup of one team member's checkbox, up to the next member's."""
    start = page.index(name)
    block = page[start:]
    end = block.find("data-tim-member", 1)
    return block if end < 0 else block[:end]


def test_a_chosen_member_without_the_rkt_training_is_warned_about(
    rkt_process, kasubbag_perencanaan, client_for
):
    process = to_rencana(rkt_process)
    tim2 = _employee("tim2")
    tim2.pendidikan = Pendidikan.SMA
    tim2.save()
    response = client_for(kasubbag_perencanaan).get(reverse("rkt:rencana", args=[process.pk]))
    page = response.content.decode()
    warned = _member_block(page, tim2.full_name)
    assert WARNING in warned
    assert "Memahami tentang Penyusunan RKT" in warned
    assert "S1 - Sarjana sederajat atau D III - Diploma sederajat (SMA/SMK sederajat)" in warned
    assert WARNING not in _member_block(page, "Nurul Hikmah, S.E.")
    form = response.context["form"]
    checks = {check.employee.pk: check for _checkbox, check in form.tim_choices()}
    assert not checks[tim2.pk].meets
    assert checks[_employee("tim1").pk].meets


def test_the_plan_is_saved_with_that_member_and_keeps_the_warning(
    rkt_process, kasubbag_perencanaan, sekretaris, client_for
):
    process = to_rencana(rkt_process)
    url = reverse("rkt:rencana", args=[process.pk])
    data = {f"hari_{run.step.number}": run.step.working_days for run in process.step_runs.all()}
    data.update(
        tim=[_employee("tim1").pk, _employee("tim2").pk],
        uraian="Pembagian tugas.",
        version=version_now(RencanaPenyusunan, process),
    )
    response = client_for(kasubbag_perencanaan).post(url, data)
    assert response.status_code == 302
    assert RencanaPenyusunan.objects.get(process=process).anggota.count() == 2
    # The saved plan, read by anyone of the office: the warning stays beside the member.
    page = client_for(sekretaris).get(url).content.decode()
    assert 'name="tim"' not in page  # the plan as read, not the form
    tim_card = page[page.index("Tim Perencanaan</div>") :].split("</ul>")[0]
    assert tim_card.count(WARNING) == 1
    warned = tim_card[tim_card.index("Ahmad Syarifuddin") :]
    assert WARNING in warned.split("</li>")[0]
