"""The two groups researchers work in: Editors write and submit; Publishers also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "partnerships": ["place", "organisation", "partnership"],
    "reviews": [
        "theme",
        "reference",
        "keyconcept",
        "policy",
        "intervention",
        "outcome",
        "evidencereview",
    ],
    "taggit": ["tag", "taggeditem"],
}
PUBLISHABLE = {
    "partnerships": ["partnership"],
    "reviews": ["keyconcept", "policy", "intervention", "evidencereview"],
}


def make_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(actions, models_by_app):
        return [
            Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
            for app, models in models_by_app.items()
            for model in models
            for action in actions
        ]

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        perms(["add", "change", "view"], CONTENT_MODELS)
        + perms(["delete"], {"reviews": ["outcome"], "taggit": ["taggeditem"]})
    )
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(
        perms(["add", "change", "delete", "view"], CONTENT_MODELS) + perms(["publish"], PUBLISHABLE)
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("partnerships", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
