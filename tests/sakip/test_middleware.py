"""The last resort for a database lock that outlasts the wait: a message and 503, never a 500."""

from django.db import OperationalError
from django.test import RequestFactory

from sakip.middleware import DatabaseBusyMiddleware


def _answer(error):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    return middleware.process_exception(RequestFactory().post("/"), error)


def test_a_locked_database_answers_503_with_a_message():
    response = _answer(OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.content.decode()
    assert "tidak ada yang disimpan" in text and "nothing was saved" in text


def test_other_database_errors_are_left_alone():
    assert _answer(OperationalError("no such table: indicators_indicator")) is None
    assert _answer(ValueError("database is locked")) is None


def test_a_request_meeting_a_locked_database_is_told_to_try_again(planner_client, demo_agency, monkeypatch):
    from workspace import access

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(access, "agency_for_user_or_404", locked)
    response = planner_client.post(f"/opd/{demo_agency.code}/2021/realisasi/tw1/", {})
    assert response.status_code == 503 and "Coba lagi" in response.content.decode()
