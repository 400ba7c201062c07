"""Helpers of the snapshot tests: the whole database as comparable rows, the stored files,
and the moves a restore at another moment makes (stamps, sequences)."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

from erkt.documents.models import DocumentFile, IssuedDocument

SKIPPED = ("auth_permission", "django_content_type")
# Drawn at random by each run (a fresh run draws others): kept as recorded by a restore.
RANDOM = {"documents_issueddocument": ("code",)}


def rows() -> dict[str, list[dict]]:
    """Every row but the migrations', keys written as ranks (PostgreSQL's sequences run on)."""
    models_ = [
        m for m in apps.get_models(include_auto_created=True) if m._meta.db_table not in SKIPPED
    ]
    rank = {
        m._meta.db_table: {
            pk: i
            for i, pk in enumerate(m._base_manager.order_by("pk").values_list("pk", flat=True))
        }
        for m in models_
    }
    found = {}
    for model in models_:
        values = list(model._base_manager.order_by("pk").values())
        for row in values:
            for f in model._meta.concrete_fields:
                target = f.related_model._meta.db_table if f.is_relation else model._meta.db_table
                if (f.primary_key or f.is_relation) and row[f.attname] is not None:
                    row[f.attname] = rank[target][row[f.attname]]
        if values:
            found[model._meta.db_table] = values
    return found


def files() -> dict[str, bytes]:
    found = {}
    for document in IssuedDocument.objects.exclude(pdf_file=""):
        found[f"pdf {document.pk}"] = document.pdf_file.read()
    for stored in DocumentFile.objects.all():
        found[f"file {stored.pk}"] = stored.file.read()
    return {name: content for name, content in sorted(found.items())}


def restamp_office(days: int) -> None:
    """Move every stamp of the office by `days`, as a restore of it at another moment would."""
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            stamps = [f for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
            if not stamps:
                continue
            names = [f.attname for f in stamps]
            for pk, *values in model._base_manager.values_list("pk", *names):
                moved = [None if v is None else v + datetime.timedelta(days=days) for v in values]
                sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in stamps)
                cursor.execute(
                    f"UPDATE {connection.ops.quote_name(model._meta.db_table)} SET {sets} "
                    f"WHERE {connection.ops.quote_name(model._meta.pk.column)} = %s",
                    [
                        *(
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(stamps, moved, strict=True)
                        ),
                        pk,
                    ],
                )


def rewind_sequences() -> None:
    """PostgreSQL's sequences past the rows there are (a rollback leaves them on)."""
    models_ = apps.get_models(include_auto_created=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models_):
            cursor.execute(sql)
