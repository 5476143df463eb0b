"""Writes about agencies and their users."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Agency, Profile

DEMO_PASSWORD = "sakip-demo"


@transaction.atomic
def demo_users_create(*, agency: Agency, password: str = DEMO_PASSWORD) -> list[tuple[str, str]]:
    """One user per role for the demo agency; returns (username, role label). Existing users get reset."""
    User = get_user_model()
    specs = [
        ("perencana", Profile.Role.PLANNER, {"agency": agency}, {}),
        ("kepala", Profile.Role.HEAD, {"agency": agency}, {}),
        ("reviu", Profile.Role.REVIEWER, {"government": agency.government}, {}),
        ("admin", Profile.Role.ADMIN, {}, {"is_staff": True, "is_superuser": True}),
    ]
    created = []
    for username, role, scope, flags in specs:
        user, _ = User.objects.get_or_create(username=username)
        for key, value in flags.items():
            setattr(user, key, value)
        user.set_password(password)
        user.save()
        Profile.objects.update_or_create(
            user=user, defaults={"role": role, "agency": None, "government": None, **scope}
        )
        created.append((username, Profile.Role(role).label))
    return created
