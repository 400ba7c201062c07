"""Parts of the task page written in Python (the same HTML as the template loops they
replaced; `erkt/workflow/tests/test_task_html.py` compares them, `<script>` included)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.html_rows import escaped
from erkt.org.templatetags.indonesian import tanggal
from erkt.url_cache import remembered_for


def earlier_items(earlier: list) -> SafeString:
    """The former `{% for done in earlier %}` items of the task's "Kelengkapan": each done
    task's step, unit, output, completer and day, decision, files and note
    (erkt.workflow.pages.EarlierOutput)."""
    step_label = escaped(_("Langkah"))
    attachment_url = remembered_for("workflow:attachment")
    items = []
    for done in earlier:
        unit = f" &middot; {escaped(done.unit_short_name)}" if done.unit_id else ""
        decision = (
            f'<span class="badge text-bg-secondary">{escaped(done.decision_label)}</span>'
            if done.decision
            else ""
        )
        files = "".join(
            f'<div><i class="bi bi-paperclip"></i> <a href="{attachment_url(attachment.pk)}">'
            f"{escaped(attachment.original_name)}</a></div>"
            for attachment in done.files
        )
        note = (
            '<div class="text-body-secondary" style="white-space: pre-line">'
            f"{escaped(done.note)}</div>"
            if done.note
            else ""
        )
        items.append(
            '\n                <li class="mb-2">\n'
            f'                  <span class="fw-semibold">{step_label} {done.number}{unit}:</span>'
            f" {escaped(done.output)}\n"
            f'                  <span class="text-body-secondary">({escaped(done.completer)},'
            f" {escaped(tanggal(done.completed_at))})</span>\n"
            f"                  {decision}\n"
            f"                  {files}\n"
            f"                  {note}\n"
            "                </li>\n                "
        )
    return mark_safe("".join(items))
