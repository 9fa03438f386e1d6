"""gunicorn settings for production: `gunicorn -c spacefilm/gunicorn.conf.py`.

Every knob comes from the environment, like the Django settings:

    GUNICORN_BIND          address to listen on (default 127.0.0.1:8000; the
                           TLS proxy in front connects here)
    GUNICORN_WORKERS       worker processes (default 2 x cores + 1, at most 12)
    GUNICORN_THREADS       threads per worker (default 1)
    GUNICORN_TIMEOUT       seconds before a silent worker is killed (default 30)
    GUNICORN_GRACEFUL_TIMEOUT
                           seconds a worker gets to finish its requests on
                           restart or shutdown (default 30)
    GUNICORN_ACCESS_LOG    access log file, "-" for stdout (default), "" for none
    FORWARDED_ALLOW_IPS    proxies trusted for X-Forwarded-* (gunicorn's own
                           variable; default 127.0.0.1,::1)
"""

import multiprocessing
import os

MAX_DEFAULT_WORKERS = 12


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "spacefilm.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if address.strip()]
workers = _int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, MAX_DEFAULT_WORKERS))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# Recycle workers now and then so a slow leak cannot grow without bound; the
# jitter keeps them from restarting all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10

# Bounded requests: an oversized request line or header gets a 400 from
# gunicorn before Django parses anything (gunicorn's defaults, made explicit).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# gunicorn 25+ opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by
# default; a web server needs no runtime control channel in a home directory.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client address as the proxy saw it (X-Forwarded-For), then the request.
access_log_format = '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Workers' heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
