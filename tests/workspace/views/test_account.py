"""A user's own e-mail settings: opting out of the review's notifications, and back in."""

from django.urls import reverse

from review.models import MailOptOut

URL = reverse("agencies:notifications")


def test_a_user_opts_out_of_notifications_and_back_in(client, planner):
    planner.email = "perencana@pemda.example"
    planner.save()
    client.force_login(planner)
    page = client.get(URL).content.decode()
    assert (
        "perencana@pemda.example" in page
        and 'name="email" class="form-check-input" id="id_email" checked' in page
    )
    client.post(URL, {})  # the box unticked
    assert MailOptOut.objects.filter(user=planner).exists()
    assert "checked" not in client.get(URL).content.decode().split('name="email"')[1].split(">")[0]
    client.post(URL, {"email": "on"})
    assert not MailOptOut.objects.filter(user=planner).exists()


def test_the_settings_are_reached_from_the_user_name_and_need_a_login(client, planner):
    assert client.get(URL).url.startswith("/masuk/")
    client.force_login(planner)
    assert f'href="{URL}"' in client.get(reverse("agencies:home"), follow=True).content.decode()
