"""Evidence files of the evaluation leave storage with their row, however the row goes (its own delete or a
cascade from its evaluation or recommendation), as the realisations' evidence does (indicators/signals.py)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import AnswerEvidence, FollowUp


@receiver(post_delete, sender=AnswerEvidence)
@receiver(post_delete, sender=FollowUp)
def evidence_file_delete(sender, instance, **kwargs):
    # Only once the deletion is committed: a rolled-back delete must keep its file.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
