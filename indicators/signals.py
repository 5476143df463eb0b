"""Evidence files leave storage with their row, however the row goes (its own delete or a cascade)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Evidence


@receiver(post_delete, sender=Evidence)
def evidence_file_delete(sender, instance, **kwargs):
    # Only once the deletion is committed: a rolled-back delete must keep its file.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
