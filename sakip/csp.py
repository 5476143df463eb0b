"""Content Security Policy exceptions (the policy itself is CONTENT_SECURITY_POLICY in sakip/settings/base.py).

matplotlib draws its SVG charts with `style="…"` attributes and a `<style>` element; a page that inlines them
(the LKjIP document, the IKM results, the Renstra document) allows inline styles, and nothing else changes:
scripts stay 'self' only.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace

INLINE_CHART_STYLES = {"style-src": [SELF, UNSAFE_INLINE]}

allow_inline_chart_styles = csp_replace(INLINE_CHART_STYLES)
