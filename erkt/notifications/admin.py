from django.contrib import admin

from erkt.notifications.models import Delivery
from erkt.workflow.admin import ReadOnlyAdmin


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    """Each notice sent by e-mail or WhatsApp: queued, sent, failed (with the last error)."""

    organization_path = "notification__process__organization"
    list_display = ["created_at", "channel", "address", "status", "attempts", "sent_at"]
    list_filter = ["channel", "status"]
    list_select_related = ["notification"]
    search_fields = ["address"]
