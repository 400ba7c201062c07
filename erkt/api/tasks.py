"""Tasks: the caller's work list, uploading outputs, completing, claiming and reassigning."""

from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from erkt.api.errors import ApiError
from erkt.api.prebuilt import answer, caller_zone
from erkt.api.schemas import (
    AttachmentOut,
    EmployeeOut,
    TaskComplete,
    TaskOut,
    TaskReassign,
    TaskWithdraw,
)
from erkt.api.task_rows import attachments_by_task, open_task_list
from erkt.compiled_sql import Shape
from erkt.org.access import organization_of, positions_of
from erkt.org.models import Employee
from erkt.workflow import engine
from erkt.workflow.models import Attachment, Task
from erkt.workflow.pages import ATTACHMENT_ORDER, readable_first
from erkt.workflow.permissions import can_view_task

router = Router(tags=["Tugas"])


def tasks_with_relations(tasks: QuerySet[Task] | None = None) -> QuerySet[Task]:
    return (
        (Task.objects.all() if tasks is None else tasks)
        .select_related(
            "process__organization",
            "step_run__step",
            "unit",
            "position",
            "claimed_by",
            "completed_by",
        )
        .prefetch_related("attachments__uploaded_by")
    )


# The task with its relations (tasks_with_relations) of the caller's organisation, or of
# any for a Pemkab reader (readable_organization as two shapes, erkt.workflow.pages
# readable_first); by pk, the one row first() gave. Compiled once (erkt.compiled_sql).
_TASK_OF_ORGANIZATION = Shape(
    lambda organization_id, task_id: (
        tasks_with_relations()
        .filter(process__organization_id=organization_id, pk=task_id)
        .order_by("pk")[:1]
    )
)
_TASK_OF_ANY = Shape(lambda task_id: tasks_with_relations().filter(pk=task_id).order_by("pk")[:1])


# The same without the files, whose prefetch Django compiles on every read: GET
# /tasks/{id} reads them as plain rows (erkt.api.task_rows).
_TASK_READ_OF_ORGANIZATION = Shape(
    lambda organization_id, task_id: (
        tasks_with_relations()
        .prefetch_related(None)
        .filter(process__organization_id=organization_id, pk=task_id)
        .order_by("pk")[:1]
    )
)
_TASK_READ_OF_ANY = Shape(
    lambda task_id: (
        tasks_with_relations().prefetch_related(None).filter(pk=task_id).order_by("pk")[:1]
    )
)


def get_task(request: HttpRequest, task_id: int) -> Task:
    """The task within the caller's organisation; another organisation's task is a 404,
    and so is another unit's task for a unit head."""
    task = readable_first(request.user, _TASK_OF_ORGANIZATION, _TASK_OF_ANY, task_id)
    if task is None or not can_view_task(request.user, task):
        raise Http404
    return task


# The task with its process and unit, in the caller's organisation; not Task's ordering,
# which joins three tables. Compiled once: every completion and withdrawal reads it.
_TASK_IN_ORGANIZATION = Shape(
    lambda pk, organization: (
        Task.objects.select_related("process", "unit")
        .filter(pk=pk, process__organization=organization)
        .order_by("pk")[:1]
    )
)


def task_to_act_on(request: HttpRequest, task_id: int) -> Task:
    """As get_task, without the relations and attachments a response shows: the engine
    locks and re-reads the task it acts on, and the response reads it afresh.

    The caller's positions are read here, before the engine's transaction, as a page reads
    them before its form calls the engine: the engine's checks (assignee, claimant, the
    position acted in) take them from the user object, and under SQLite's write lock,
    which the transaction holds from its BEGIN, every query spent delays every other
    transition."""
    positions_of(request.user)
    found = _TASK_IN_ORGANIZATION.rows(task_id, organization_of(request.user).pk)
    task = found[0] if found else None
    if task is None or not can_view_task(request.user, task):
        raise Http404
    return task


def attachment_data(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "uploaded_by": attachment.uploaded_by.get_username(),
        "uploaded_at": attachment.uploaded_at,
    }


def task_data(task: Task, attachments: list[Attachment] | None = None) -> dict:
    """TaskOut's fields; `attachments` already read (else the task's, prefetched)."""
    if attachments is None:
        attachments = task.attachments.all()
    return {
        "id": task.pk,
        "process": task.process_id,
        "step": task.step_run.number,
        "uraian": task.step_run.step.uraian,
        "unit": task.unit.short_name if task.unit_id else None,
        "position": task.position.title,
        "status": task.status,
        "pass_number": task.pass_number,
        "opened_on": task.opened_on,
        "due_date": task.due_date,
        "overdue": task.overdue,
        "remaining_working_days": task.remaining_working_days,
        "due_explanation": task.due_explanation,
        "claimed_by": task.claimed_by.full_name if task.claimed_by_id else None,
        "completed_by": task.completed_by.get_username() if task.completed_by_id else None,
        "completed_at": task.completed_at,
        "decision": task.decision,
        "note": task.note,
        "return_reason": task.return_reason,
        "on_behalf_reason": task.on_behalf_reason,
        "withdraw_reason": task.withdraw_reason,
        "attachments": [attachment_data(a) for a in attachments],
    }


def local_task_data(data: dict, zone) -> dict:
    """task_data's datetimes as LocalDateTime writes them (erkt.api.schemas)."""
    if data["completed_at"] is not None:
        data["completed_at"] = data["completed_at"].astimezone(zone)
    for attachment in data["attachments"]:
        attachment["uploaded_at"] = attachment["uploaded_at"].astimezone(zone)
    return data


def fresh_task_data(task: Task) -> dict:
    """The task as the engine left it (the engine may have saved a copy of the object)."""
    return task_data(tasks_with_relations().get(pk=task.pk))


@router.get("/tasks", response=list[TaskOut], summary="Tugas terbuka saya")
def task_list(request: HttpRequest) -> HttpResponse:
    # The Kotak Tugas's own query (who may act, claims, running processes) as plain rows,
    # the files in one more (erkt.api.task_rows).
    organization_of(request.user)  # an account outside every organisation: 404, as elsewhere
    # Built in TaskOut's order and types, its datetimes in the caller's zone as
    # LocalDateTime writes them: written without ninja's validation (erkt.api.prebuilt;
    # test_task_list_api checks it against the schema).
    return answer(request, open_task_list(request.user, caller_zone(request)))


@router.get("/tasks/{task_id}", response=TaskOut, summary="Satu tugas")
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = readable_first(request.user, _TASK_READ_OF_ORGANIZATION, _TASK_READ_OF_ANY, task_id)
    if task is None or not can_view_task(request.user, task):
        raise Http404
    zone = caller_zone(request)
    data = local_task_data(task_data(task, []), zone)
    data["attachments"] = attachments_by_task([task.pk], zone).get(task.pk, [])
    # TaskOut's order and types, written without ninja's validation (erkt.api.prebuilt;
    # test_task_rows.py checks it against the schema).
    return answer(request, data)


@router.post(
    "/tasks/{task_id}/attachments",
    response={201: AttachmentOut},
    summary="Unggah berkas output tugas",
)
def task_attach(
    request: HttpRequest,
    task_id: int,
    file: File[UploadedFile],
    on_behalf_reason: Form[str] = "",
) -> Status:
    attachment = engine.add_attachment(
        get_task(request, task_id), by=request.user, file=file, on_behalf_reason=on_behalf_reason
    )
    return Status(201, attachment_data(attachment))


@router.get("/tasks/{task_id}/attachments/{attachment_id}", summary="Unduh berkas output tugas")
def task_attachment_download(request: HttpRequest, task_id: int, attachment_id: int):
    attachment = get_task(request, task_id).attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@router.delete(
    "/tasks/{task_id}/attachments/{attachment_id}",
    response={204: None},
    summary="Hapus berkas yang salah unggah",
)
def task_attachment_remove(
    request: HttpRequest, task_id: int, attachment_id: int, on_behalf_reason: str = ""
) -> Status:
    attachment = get_task(request, task_id).attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    engine.remove_attachment(attachment, by=request.user, on_behalf_reason=on_behalf_reason)
    return Status(204, None)


@router.post("/tasks/{task_id}/complete", response=TaskOut, summary="Selesaikan tugas")
def task_complete(request: HttpRequest, task_id: int, payload: TaskComplete) -> HttpResponse:
    task = engine.complete_task(
        task_to_act_on(request, task_id),
        by=request.user,
        note=payload.note,
        decision=payload.decision,
        on_behalf_reason=payload.on_behalf_reason,
        payload={"passphrase": payload.passphrase} if payload.passphrase else None,
    )
    # TaskOut's order and types, written without ninja's validation (erkt.api.prebuilt;
    # test_tasks_api.py checks it against the schema): after the commit, but on the CPU and
    # the GIL the worker's other threads share with the one holding SQLite's write lock.
    return answer(request, local_task_data(completed_task_data(task), caller_zone(request)))


def completed_task_data(task: Task) -> dict:
    """The task as complete_task returned it: the object it locked, re-read and saved, with
    its step, unit, position, claimant, completer and process (with the organisation); only
    the attachments are read, with their uploaders, in one query."""
    return task_data(task, _FILES_WITH_UPLOADERS.rows(task.pk))


# The completed task's files, compiled once: every completion answers with them (a
# prefetch built and compiled this query afresh, some 2,000 Python calls a request).
_FILES_WITH_UPLOADERS = Shape(
    lambda task: (
        Attachment.objects.filter(task=task)
        .select_related("uploaded_by")
        .order_by(*ATTACHMENT_ORDER)
    )
)


@router.post("/tasks/{task_id}/claim", response=TaskOut, summary="Ambil tugas")
def task_claim(request: HttpRequest, task_id: int) -> dict:
    task = get_task(request, task_id)
    engine.claim_task(task, by=request.user)
    return fresh_task_data(task)


@router.post("/tasks/{task_id}/unclaim", response=TaskOut, summary="Lepaskan tugas")
def task_unclaim(request: HttpRequest, task_id: int) -> dict:
    task = get_task(request, task_id)
    engine.unclaim_task(task, by=request.user)
    return fresh_task_data(task)


@router.get(
    "/tasks/{task_id}/eligible",
    response=list[EmployeeOut],
    summary="Pegawai yang dapat mengerjakan tugas",
)
def task_eligible(request: HttpRequest, task_id: int) -> list[dict]:
    employees = get_task(request, task_id).eligible_employees()
    return [{"id": e.pk, "name": e.full_name, "nip": e.nip or ""} for e in employees]


@router.post("/tasks/{task_id}/reassign", response=TaskOut, summary="Alihkan tugas")
def task_reassign(request: HttpRequest, task_id: int, payload: TaskReassign) -> dict:
    task = get_task(request, task_id)
    employee = Employee.objects.filter(
        pk=payload.employee, organization=task.process.organization
    ).first()
    if employee is None:
        raise ApiError(422, _("Pegawai tujuan tidak ditemukan."))
    engine.reassign_task(
        task, by=request.user, to=employee, on_behalf_reason=payload.on_behalf_reason
    )
    return fresh_task_data(task)


@router.post("/tasks/{task_id}/withdraw", response=TaskOut, summary="Tarik kembali tugas")
def task_withdraw(request: HttpRequest, task_id: int, payload: TaskWithdraw) -> dict:
    """The completer takes a done task back while the next step's tasks are untouched."""
    task = engine.withdraw_task(
        task_to_act_on(request, task_id), by=request.user, reason=payload.reason
    )
    return fresh_task_data(task)
