"""Notifications become notices of every event, read in the app and sent by the channels.

The e-mail address and sending time of the reminders already sent stay in the audit log
(notification.reminder / notification.escalation); those notices count as read.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def fill_process_and_dates(apps, schema_editor):
    Notification = apps.get_model("workflow", "Notification")
    Task = apps.get_model("workflow", "Task")
    Notification.objects.update(
        process_id=Subquery(Task.objects.filter(pk=OuterRef("task_id")).values("process_id")[:1]),
        created_at=F("sent_at"),
        read_at=F("sent_at"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0003_open_task_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="notification", name="notification_once_per_pass"),
        migrations.AddField(
            model_name="notification",
            name="process",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="workflow.process",
                verbose_name="proses",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="facts",
            field=models.JSONField(blank=True, default=dict, verbose_name="isi"),
        ),
        migrations.AddField(
            model_name="notification",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="dibuat pada"
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="read_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="dibaca pada"),
        ),
        migrations.RunPython(fill_process_and_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notification",
            name="process",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="workflow.process",
                verbose_name="proses",
            ),
        ),
        migrations.RemoveField(model_name="notification", name="channel"),
        migrations.RemoveField(model_name="notification", name="address"),
        migrations.RemoveField(model_name="notification", name="sent_at"),
        migrations.AlterField(
            model_name="notification",
            name="task",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notifications",
                to="workflow.task",
            ),
        ),
        migrations.AlterField(
            model_name="notification",
            name="pass_number",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="putaran"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("opened", "Tugas baru"),
                    ("returned", "Dikembalikan"),
                    ("rejected", "Keputusan tidak"),
                    ("reminder", "Pengingat"),
                    ("escalation", "Eskalasi"),
                    ("signed", "Ditandatangani"),
                    ("archived", "Diarsipkan"),
                ],
                max_length=12,
                verbose_name="jenis",
            ),
        ),
        migrations.AlterModelOptions(
            name="notification",
            options={
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "pemberitahuan",
                "verbose_name_plural": "pemberitahuan",
            },
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "read_at"], name="notification_recipient_read"
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                condition=models.Q(task__isnull=False),
                fields=("task", "kind", "pass_number", "recipient"),
                name="notification_once_per_pass",
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.UniqueConstraint(
                condition=models.Q(task__isnull=True),
                fields=("process", "kind", "recipient"),
                name="notification_once_per_process_event",
            ),
        ),
    ]
