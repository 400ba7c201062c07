"""Audit entries for records of the apps below the audit log (org), which cannot import it."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from erkt.audit.log import record
from erkt.org.models import Substitution


@receiver(post_save, sender=Substitution)
def _record_substitution(sender, instance: Substitution, created: bool, **kwargs) -> None:
    """Naming a Plt./Plh. (in the app or the admin) is logged with who named them."""
    if not created or kwargs.get("raw"):
        return
    record(
        organization=instance.organization,
        user=instance.created_by,
        action="substitution.create",
        obj=instance,
        after={
            "position": instance.position.title,
            "kind": instance.kind,
            "substitute": instance.substitute.full_name,
            "start_date": instance.start_date,
            "end_date": instance.end_date,
            "sp_number": instance.sp_number,
            "sp_date": instance.sp_date,
        },
    )
