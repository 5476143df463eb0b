from django.contrib.auth import authenticate
from django.core.management import call_command

from agencies.models import Agency, Profile
from agencies.services import DEMO_PASSWORD


def test_loaddemo_twice_gives_the_demo_agency_and_one_user_per_role(db, capsys):
    call_command("loaddemo")
    call_command("loaddemo")  # idempotent: replaces the data, resets the users
    assert Agency.objects.filter(code="tangsel-dinkopukm").count() == 1
    roles = {p.user.username: p.role for p in Profile.objects.select_related("user")}
    assert roles == {"perencana": "planner", "kepala": "head", "reviu": "reviewer", "admin": "admin"}
    assert authenticate(username="perencana", password=DEMO_PASSWORD) is not None
    assert "perencana" in capsys.readouterr().out
