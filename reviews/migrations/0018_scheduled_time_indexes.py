from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0017_finder_counts_by_anchor"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="intervention",
            index=models.Index(
                condition=models.Q(("go_live_at__isnull", False)),
                fields=["go_live_at"],
                name="intervention_go_live",
            ),
        ),
        migrations.AddIndex(
            model_name="intervention",
            index=models.Index(
                condition=models.Q(("expire_at__isnull", False)),
                fields=["expire_at"],
                name="intervention_expiry",
            ),
        ),
    ]
