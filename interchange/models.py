from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppliedImport(models.Model):
    """A confirmed workbook import: its pending file's name, so that a second confirmation of the same preview
    (a double click, a resent form) is answered "already applied" instead of being applied again."""

    name = models.CharField(_("berkas pratinjau"), max_length=64, unique=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    values = models.PositiveIntegerField(_("nilai disimpan"))
    applied_at = models.DateTimeField(_("diterapkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("impor Excel yang diterapkan")
        verbose_name_plural = _("impor Excel yang diterapkan")

    def __str__(self):
        return self.name
