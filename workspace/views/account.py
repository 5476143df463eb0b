"""The signed-in user's own settings: whether the review's e-mail notifications reach them, and their personal API
keys (agencies.ApiToken): made, listed with their last use, and revoked."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from agencies.api_tokens import MAX_ACTIVE_TOKENS, active_tokens, issue_token, revoke
from agencies.models import role_of
from review.forms import NotificationSettingsForm
from review.models import MailOptOut
from workspace.forms.api_tokens import ApiTokenForm


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


def _refuse_users_without_a_role(user):
    # A key acts with exactly its user's rights; a user without a role has none to lend it.
    if role_of(user) is None:
        raise PermissionDenied("Akun Anda belum memiliki peran. / Your account has no role yet.")


@never_cache  # the answer to a POST carries the new key: no cache (browser or proxy) may keep it
@login_required
def api_tokens(request):
    """The user's keys. A POST makes one and shows the key in this answer only: it is in no URL, no redirect, no
    session and no message, and the database keeps its digest (agencies/api_tokens.py)."""
    user = request.user
    _refuse_users_without_a_role(user)
    new_key = new_token = None
    if request.method == "POST":
        with transaction.atomic():
            # One creation at a time per user, so that two tabs cannot pass the limit together.
            get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
            form = ApiTokenForm(request.POST, user=user)
            if form.is_valid():
                new_token, new_key = issue_token(user, form.cleaned_data["name"])
                form = ApiTokenForm(user=user)
    else:
        form = ApiTokenForm(user=user)
    tokens = user.api_tokens.order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-pk")
    return render(
        request,
        "workspace/api_tokens.html",
        {
            "form": form,
            "tokens": tokens,
            "new_key": new_key,
            "new_token": new_token,
            "active_count": active_tokens(user).count(),
            "max_active": MAX_ACTIVE_TOKENS,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def api_token_revoke(request, pk):
    """Revoke one of the user's own keys (another user's is a 404): refused from the next request on."""
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    revoke(token)
    messages.success(
        request,
        _("Kunci “%(name)s” (%(prefix)s…) dicabut; permintaan dengan kunci ini kini ditolak.")
        % {"name": token.name, "prefix": token.prefix},
    )
    return redirect("agencies:api_tokens")
