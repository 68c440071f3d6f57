"""Create the "Consultants" group with exactly what consultants need.

They add, change, delete and view everything in the catalog (history and revert included,
since those use the same permissions) and nothing else: no user or group management.
Later migrations of other apps add their own permissions to this group (e.g. viewing
assessments).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Consultants"
CATALOG_MODELS = ["industry", "deliverylocation", "risk", "provider", "ratecard", "servicetype"]
ACTIONS = ["add", "change", "delete", "view"]


def create_consultants_group(apps, schema_editor):
    # Permissions are normally created after `migrate` finishes; make sure they exist now.
    catalog_config = apps.get_app_config("catalog")
    catalog_config.models_module = True
    create_permissions(catalog_config, apps=apps, verbosity=0)
    catalog_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model in CATALOG_MODELS for action in ACTIONS]
    codenames += [f"view_historical{model}" for model in CATALOG_MODELS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames)
    )


def remove_consultants_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_default_catalog"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_consultants_group, remove_consultants_group)]
