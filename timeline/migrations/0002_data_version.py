import uuid

from django.db import migrations, models
from django.utils import timezone


def create_version_row(apps, schema_editor):
    DataVersion = apps.get_model("timeline", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
                ("changed", models.DateTimeField()),
            ],
            options={
                "verbose_name": "data version",
            },
        ),
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
    ]
