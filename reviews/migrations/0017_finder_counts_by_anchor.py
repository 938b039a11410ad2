from django.db import migrations, models


def forget_counts(apps, schema_editor):
    # Counted afresh, by anchor, when migrate finishes (finder_index.fill_if_empty).
    apps.get_model("reviews", "FinderCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0016_intervention_kind_welsh"),
    ]

    operations = [
        migrations.RunPython(forget_counts, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="findercount",
            name="finder_count_key",
        ),
        migrations.AddField(
            model_name="findercount",
            name="anchor",
            field=models.CharField(blank=True, default="", max_length=80, verbose_name="anchor"),
        ),
        migrations.AlterField(
            model_name="findercount",
            name="strength",
            field=models.SmallIntegerField(default=-1, verbose_name="strength"),
        ),
        migrations.AddConstraint(
            model_name="findercount",
            constraint=models.UniqueConstraint(
                fields=("anchor", "facet", "value", "strength"), name="finder_count_key"
            ),
        ),
        migrations.AddIndex(
            model_name="finderterm",
            index=models.Index(
                fields=["intervention", "facet", "value", "strength"],
                name="finder_term_by_intervention",
            ),
        ),
        migrations.RemoveIndex(
            model_name="finderterm",
            name="finder_term_intervention",
        ),
    ]
