from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "erkt.workflow"
    label = "workflow"
    verbose_name = "Alur kerja"
