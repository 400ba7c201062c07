"""Who may open and post to each Draft RKT address, with the process at step 9 (Sekretaris).

Reading is for every pegawai of the organisation; writing for the actor of the
open step. A step page opened by its actor while the step is closed sends them
to the RKT page (302); another organisation always gets 404, an anonymous
visitor the sign-in page.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from erkt.org.models import Unit
from erkt.rkt.drafts.models import Correction
from erkt.rkt.tests.drafts_helpers import latest

ANON = "anonymous"
CAST = (
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "kabid_ppik",
    "kabid_mpk",
    "administrator",
    "stranger",
)


def urls(process) -> dict[str, str]:
    ppik = Unit.objects.get(organization=process.organization, short_name="PPIK").pk
    return {
        "index": reverse("rkt:drafts:index"),
        "page": reverse("rkt:drafts:page", args=[process.pk]),
        "version": reverse("rkt:drafts:version", args=[process.pk, 1]),
        "corrections": reverse("rkt:drafts:corrections", args=[process.pk, 1]),
        "diff": reverse("rkt:drafts:diff", args=[process.pk]),
        "compile": reverse("rkt:drafts:compile", args=[process.pk]),
        "unit_review": reverse("rkt:drafts:unit_review", args=[process.pk, ppik]),
        "unit_verdict": reverse("rkt:drafts:unit_verdict", args=[process.pk, ppik]),
        "next_version": reverse("rkt:drafts:next_version", args=[process.pk]),
        "review": reverse("rkt:drafts:review", args=[process.pk]),
        "review_comment": reverse("rkt:drafts:review_comment", args=[process.pk]),
    }


READ = {**dict.fromkeys(CAST, 200), "stranger": 404, ANON: 302}
# user -> expected status, per (method, address)
TABLE = {
    ("get", "index"): {**dict.fromkeys(CAST, 200), ANON: 302},
    ("get", "page"): READ,
    ("get", "version"): READ,
    ("get", "corrections"): READ,
    ("get", "diff"): READ,
    ("post", "page"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("get", "compile"): {
        **dict.fromkeys(CAST, 403),
        "tim1": 302,
        "stranger": 404,
        ANON: 302,
    },
    ("post", "compile"): {**dict.fromkeys(CAST, 403), "tim1": 302, "stranger": 404, ANON: 302},
    ("get", "unit_review"): {**dict.fromkeys(CAST, 404), "kabid_ppik": 200, ANON: 302},
    ("get", "unit_verdict"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("post", "unit_verdict"): {**dict.fromkeys(CAST, 404), "kabid_ppik": 302, ANON: 302},
    ("get", "next_version"): {
        **dict.fromkeys(CAST, 403),
        "kasubbag_perencanaan": 302,
        "stranger": 404,
        ANON: 302,
    },
    ("get", "review"): {
        **dict.fromkeys(CAST, 403),
        "sekretaris": 200,
        "kepala": 302,
        "stranger": 404,
        ANON: 302,
    },
    ("get", "review_comment"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("post", "review_comment"): {
        **dict.fromkeys(CAST, 403),
        "sekretaris": 422,  # allowed; an empty comment is refused with its message
        "kepala": 302,
        "stranger": 404,
        ANON: 302,
    },
}


def test_each_member_of_the_cast_gets_the_expected_answer(at_step_9, client_for, request):
    clients = {name: client_for(request.getfixturevalue(name)) for name in CAST}
    clients[ANON] = Client()
    addresses = urls(at_step_9)
    answers = {
        (method, address): {
            name: getattr(client, method)(addresses[address]).status_code
            for name, client in clients.items()
        }
        for method, address in TABLE
    }
    # One setup for the whole table; a mismatch shows as a dict diff of every cell.
    assert answers == TABLE
    assert latest(at_step_9).number == 2
    assert not Correction.objects.filter(source="sekretaris").exists()
