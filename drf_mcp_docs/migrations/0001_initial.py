"""The schema history table (written by hand: the same on Django 4.2, 5.2 and 6)."""

from __future__ import annotations

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SchemaRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("digest", models.CharField(max_length=64)),
                ("version_key", models.CharField(blank=True, default="", max_length=100)),
                ("schema_version", models.CharField(blank=True, default="", max_length=200)),
                ("label", models.CharField(blank=True, default="", max_length=200)),
                ("source", models.CharField(default="served", max_length=20)),
                (
                    "first_seen",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("document", models.BinaryField()),
                ("size", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "schema record",
                "ordering": ("-first_seen", "-id"),
            },
        ),
        migrations.AddConstraint(
            model_name="schemarecord",
            constraint=models.UniqueConstraint(
                fields=("version_key", "digest"), name="drf_mcp_docs_schema_once"
            ),
        ),
    ]
