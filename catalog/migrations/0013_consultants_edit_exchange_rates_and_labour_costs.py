"""Let the "Consultants" group edit exchange rates and labour costs, as the rest of the catalog.

Add, change, delete and view, and view of the history (revert uses the same permissions),
as 0003 gave them for the first catalog models.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Consultants"
MODELS = ["exchangerate", "labourcost"]
ACTIONS = ["add", "change", "delete", "view"]


def codenames():
    names = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    return names + [f"view_historical{model}" for model in MODELS]


def catalog_permissions(apps):
    # Permissions are normally created after `migrate` finishes; make sure they exist now.
    catalog_config = apps.get_app_config("catalog")
    catalog_config.models_module = True
    create_permissions(catalog_config, apps=apps, verbosity=0)
    catalog_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="catalog", codename__in=codenames())


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*catalog_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(*catalog_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0012_default_labour_costs")]

    operations = [migrations.RunPython(grant, revoke)]
