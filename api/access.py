"""The API's doors onto the one access layer (`workspace.access`): the same rules, the same 404s and 403s as the
screens, with no permission system of its own.

`api_agency` is `agency_view` for an API view: the agency the user may see (else 404), its review status of the
year (and quarter) in the same query, and, for a write, the refusal the screen would give (403 with its message).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from review.locks import status_from_annotations
from workspace.access import agency_for_user_or_404, can_edit, visible_agencies, visible_governments

__all__ = ["api_agency", "api_government", "visible_agencies"]


def api_agency(
    request, code: str, *, year: int | None = None, quarter: int | None = None, write: bool = False
):
    """The agency of `code` for this request's user, with `agency.review` (the year's status) and
    `agency.can_edit` set. `write=True`: refuse (403) unless the user may write this agency's year and quarter."""
    agency = agency_for_user_or_404(request.user, code, year=year, quarter=quarter)
    agency.review = status_from_annotations(agency, year, quarter) if year is not None else None
    editor = can_edit(request.user, agency)
    agency.can_edit = editor and (agency.review is None or agency.review.writable)
    if write and not agency.can_edit:
        if editor:
            raise PermissionDenied(agency.review.block_message)
        raise PermissionDenied("Hanya perencana perangkat daerah ini yang dapat mengubah data. / Read only.")
    return agency


def api_government(request, code: str):
    """A Pemda whose own screens (the dashboard) the user may open; 404 otherwise."""
    government = visible_governments(request.user).filter(code=code).first()
    if government is None:
        raise Http404("Pemerintah daerah tidak ditemukan / Pemda not found")
    return government
