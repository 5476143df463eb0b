"""API writes (placeholders until built)."""

from rest_framework.response import Response
from rest_framework.views import APIView


class _Placeholder(APIView):
    """Not built yet (issue 22): 501."""

    def get(self, request, *args, **kwargs):
        return Response({"detail": "Belum tersedia. / Not implemented yet."}, status=501)


class QuarterRealisations(_Placeholder):
    pass


class QuarterBudget(_Placeholder):
    pass


class Evidence(_Placeholder):
    pass
