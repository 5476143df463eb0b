"""List stored figures that today's entry rules would refuse (issue 16): `python manage.py check_figures`.

Before these rules a figure such as 9999999999999999 could be saved on SQLite; it reads back as 1E+16, more
digits than its column holds. Reading such a value no longer fails a page (`sakip.fields.FigureField`), and
the planner sees it and is told to correct it when saving the grid again; this command finds every one of them,
history rows included, so an administrator can have them corrected. Nothing is changed. Exit status 1 when any
is found.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from sakip.fields import FigureField
from sakip.numbers import NumberFormatError, canonical_str, storable_decimal


def figures_out_of_bounds():
    """(model label, pk, field name, stored value, message) of every stored figure the rule refuses."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FigureField)]
        if not fields:
            continue
        names = [f.name for f in fields]
        for pk, *values in model._base_manager.order_by("pk").values_list("pk", *names).iterator():
            for field, value in zip(fields, values, strict=True):
                if value is None:
                    continue
                try:
                    storable_decimal(value, field.bounds)
                except NumberFormatError as error:
                    found.append((model._meta.label, pk, field.name, value, str(error)))
    return found


class Command(BaseCommand):
    help = (
        "Daftar angka tersimpan di luar batas kolomnya. / List stored figures outside their column's bounds."
    )

    def handle(self, *args, **options):
        found = figures_out_of_bounds()
        for label, pk, name, value, message in found:
            self.stdout.write(f"{label} #{pk} {name} = {canonical_str(value)}: {message}")
        if found:
            raise CommandError(
                f"{len(found)} angka perlu diperbaiki lewat layar pengisian atau admin. / "
                f"{len(found)} figures need correcting through the entry screens or the admin."
            )
        self.stdout.write(
            "Semua angka tersimpan dalam batas kolomnya. / Every stored figure is within bounds."
        )
