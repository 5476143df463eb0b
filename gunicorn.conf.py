"""gunicorn settings for production: `gunicorn sakip.wsgi` (this file is read from the working directory).

Every value can be overridden by the environment (PORT, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT,
FORWARDED_ALLOW_IPS) or on the command line. sakip/wsgi.py defaults to DJANGO_SETTINGS_MODULE=sakip.settings.prod.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# PDFs are rendered by the task workers (`manage.py task_worker`), not here: a web request makes HTML and
# workbooks. Processes, not threads, do that work in parallel; a couple of threads per process keep quick pages
# flowing while another request builds a large report.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a large plan's workbook or history export
graceful_timeout = 30
max_requests = 1000  # recycle workers now and then (matplotlib and the chart memo keep caches)
max_requests_jitter = 100
# The reverse proxy in front (nginx, a load balancer) sets X-Forwarded-Proto; trust it from these addresses
# only. With a proxy on another host, set FORWARDED_ALLOW_IPS to its address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")


def post_worker_init(worker):
    """Compile the report templates before the worker's first request, not during it. WeasyPrint is not even
    imported here: the task workers render the PDFs, and warm up for it themselves (reports.registry.warm_up).

    Then everything loaded so far (Django, the apps, the URLs, the compiled templates: most of the process's
    objects) is moved out of the garbage collector's reach with `gc.freeze()`: they live as long as the worker,
    and every full collection used to walk them all again, a measurable share of each page's CPU
    (docs/performance.md, "Load")."""
    import gc

    from django.urls import reverse

    from reports.registry import compile_report_templates

    compile_report_templates()
    reverse("login")  # loads the URL patterns now rather than in the first request
    gc.collect()
    gc.freeze()
