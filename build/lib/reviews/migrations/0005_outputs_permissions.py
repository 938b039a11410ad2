"""Editors and Publishers get the new kinds: outputs and related initiatives.

Editors add, change and view them; Publishers also delete and publish them, as for every other
publishable kind (see 0002).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["output", "relatedinitiative"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(actions):
        return [
            Permission.objects.get(content_type__app_label="reviews", codename=f"{action}_{model}")
            for model in MODELS
            for action in actions
        ]

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*perms(["add", "change", "view"]))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*perms(["add", "change", "delete", "view", "publish"]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    gone = Permission.objects.filter(
        content_type__app_label="reviews", content_type__model__in=MODELS
    )
    for group in Group.objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.remove(*gone)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_outputs_suggestions_related_initiatives"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
