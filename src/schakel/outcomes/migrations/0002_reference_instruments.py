"""Reference content: the shipped instruments (ZRM 2017, ZRM 11 domains, Participatieladder, Doelrealisatie).

Standard reference content like a code list (names, versions, domains, scale labels), idempotent; the
criteria texts per cell are not shipped (© GGD Amsterdam) and are entered per municipality in the admin.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from schakel.outcomes.reference import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
