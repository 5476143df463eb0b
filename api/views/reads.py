"""API reads (placeholders until built)."""

from rest_framework.response import Response
from rest_framework.views import APIView


class _Placeholder(APIView):
    """Not built yet (issue 22): 501."""

    def get(self, request, *args, **kwargs):
        return Response({"detail": "Belum tersedia. / Not implemented yet."}, status=501)


class Root(_Placeholder):
    pass


class AgencyList(_Placeholder):
    pass


class AgencyDetail(_Placeholder):
    pass


class PlanList(_Placeholder):
    pass


class IndicatorList(_Placeholder):
    pass


class TargetList(_Placeholder):
    pass


class RealisationList(_Placeholder):
    pass


class BudgetLineList(_Placeholder):
    pass


class SurveyList(_Placeholder):
    pass


class Report(_Placeholder):
    pass


class Review(_Placeholder):
    pass


class GovernmentList(_Placeholder):
    pass


class Dashboard(_Placeholder):
    pass
