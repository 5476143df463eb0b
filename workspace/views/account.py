"""The signed-in user's own settings: whether the review's e-mail notifications reach them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from review.forms import NotificationSettingsForm
from review.models import MailOptOut


@login_required
def notifications(request):
    user = request.user
    opted_out = MailOptOut.objects.filter(user=user).exists()
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, initial={"email": not opted_out}
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["email"]:
            MailOptOut.objects.filter(user=user).delete()
            messages.success(request, _("Email pemberitahuan diaktifkan."))
        else:
            MailOptOut.objects.get_or_create(user=user)
            messages.success(request, _("Anda tidak akan menerima email pemberitahuan."))
        return redirect("agencies:notifications")
    return render(request, "workspace/notifications.html", {"form": form, "opted_out": opted_out})
