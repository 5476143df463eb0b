"""Writes about agencies and their users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Agency, Government, Profile

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


@transaction.atomic
def pemda_users_create(
    *, government: Government, agency_codes: list[str], password: str = DEMO_PASSWORD
) -> list[str]:
    """A planner per agency (named after the agency's code), a reviewer of the whole Pemda (`reviu-<code>`) and
    its administrator (`bappeda-<code>`), for a synthetic Pemda; existing users of those names get reset. Returns
    the user names."""
    User = get_user_model()
    # One hash for every account: they share the password given on the command line anyway, and hashing it once
    # keeps fifty accounts from costing fifty password-hashing rounds.
    hashed = make_password(password)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=agency_codes)}
    specs = [(code, Profile.Role.PLANNER, {"agency": agencies[code]}) for code in agency_codes]
    specs.append((f"reviu-{government.code}", Profile.Role.REVIEWER, {"government": government}))
    specs.append((f"bappeda-{government.code}", Profile.Role.PEMDA, {"government": government}))
    for username, role, scope in specs:
        user, _ = User.objects.update_or_create(username=username, defaults={"password": hashed})
        Profile.objects.update_or_create(
            user=user, defaults={"role": role, "agency": None, "government": None, **scope}
        )
    return [username for username, _role, _scope in specs]
