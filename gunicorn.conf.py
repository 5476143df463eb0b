"""gunicorn settings for production: `gunicorn sakip.wsgi` (this file is read from the working directory).

Every value can be overridden by the environment (PORT, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT,
FORWARDED_ALLOW_IPS) or on the command line. sakip/wsgi.py defaults to DJANGO_SETTINGS_MODULE=sakip.settings.prod.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Rendering a PDF keeps one worker busy for seconds (WeasyPrint, ~0,25 s per page): processes, not threads, do
# the work in parallel; a couple of threads per process keep quick pages flowing meanwhile.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))  # a long LKjIP PDF on a cold cache
graceful_timeout = 30
max_requests = 1000  # recycle workers now and then (matplotlib and WeasyPrint keep caches)
max_requests_jitter = 100
# The reverse proxy in front (nginx, a load balancer) sets X-Forwarded-Proto; trust it from these addresses
# only. With a proxy on another host, set FORWARDED_ALLOW_IPS to its address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")


def post_worker_init(worker):
    """Parse the report stylesheets, load the fonts and compile the report templates before the worker's first
    request, not during it (reports.pdf.warm_up: 0,3 s at start, the first PDF then ~0,2 s from a warm one)."""
    from reports.pdf import warm_up

    warm_up()
