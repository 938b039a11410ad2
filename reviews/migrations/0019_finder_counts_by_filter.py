from django.db import migrations


def forget_counts(apps, schema_editor):
    # Counts are now kept for a scale, a setting, an outcome type, a direction and a least
    # evidence level as well: counted afresh when migrate finishes (finder_index.fill_if_empty).
    apps.get_model("reviews", "FinderCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0018_scheduled_time_indexes"),
    ]

    operations = [
        migrations.RunPython(forget_counts, migrations.RunPython.noop),
    ]
