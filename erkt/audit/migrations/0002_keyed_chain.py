"""The keyed audit chain: existing entries stay plain SHA-256 ("legacy"), new ones are
HMAC-SHA256; where each organisation's legacy part ends is sealed with the audit key."""

from django.db import migrations, models


def seal_legacy_chains(apps, schema_editor):
    from erkt.audit.models import legacy_seal

    AuditChain = apps.get_model("audit", "AuditChain")
    for chain in AuditChain.objects.filter(last_seq__gt=0):
        chain.legacy_seq = chain.last_seq
        chain.legacy_seal = legacy_seal(chain.organization_id, chain.last_seq, chain.last_hash)
        chain.save(update_fields=["legacy_seq", "legacy_seal"])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        # Every row existing now was hashed with plain SHA-256.
        migrations.AddField(
            model_name="auditentry",
            name="algorithm",
            field=models.PositiveSmallIntegerField(
                choices=[(0, "SHA-256 tanpa kunci (lama)"), (1, "HMAC-SHA256 berkunci")],
                default=0,
                verbose_name="algoritma hash",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="algorithm",
            field=models.PositiveSmallIntegerField(
                choices=[(0, "SHA-256 tanpa kunci (lama)"), (1, "HMAC-SHA256 berkunci")],
                default=1,
                verbose_name="algoritma hash",
            ),
        ),
        migrations.AddField(
            model_name="auditchain",
            name="legacy_seq",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="auditchain",
            name="legacy_seal",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(seal_legacy_chains, migrations.RunPython.noop),
    ]
