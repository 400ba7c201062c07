"""Django's task framework: django.tasks from Django 6 on, the django-tasks backport before."""

try:  # pragma: no cover - Django 6
    from django.tasks import task, task_backends
except ImportError:
    from django_tasks import task, task_backends

__all__ = ["task", "task_backends"]
