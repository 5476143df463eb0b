"""The API's description of itself: the OpenAPI 3 schema (/api/schema/) and the browsable docs (/api/docs/).

The docs page is Swagger UI from drf-spectacular-sidecar, served from our own static files (the CSP allows no
CDN). It is the "split" view: its start-up script is a separate request (`?script`), not an inline script, and
its few page styles are a stylesheet, so the page runs under the site's CSP with no exception.
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication


class Schema(SpectacularAPIView):
    pass


class Docs(SpectacularSwaggerSplitView):
    # HTML for a browser: its session only. A key here (a bad one too) would be read while the template renders,
    # outside DRF's error handling: a 500 instead of the refusal (scripts/robustness.py, section 1c).
    authentication_classes = [SessionAuthentication]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
