from django.db import migrations, models


class Migration(migrations.Migration):
    # Versions approved before this field keep printing the Kepala's current holder
    # (their `pengesahan` stays empty); every approval from now on records its signatory.
    dependencies = [
        ("sop", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="sopversion",
            name="pengesahan",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="penanda tangan pengesahan"
            ),
        ),
    ]
