"""Settings of the cluster's app servers and workers: the load test's (production over plain
HTTP on loopback), with production's task backend (the database, worked by `db_worker`) instead
of the load test's immediate one. REDIS_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT and
TRUSTED_PROXY_HOPS come from the environment as in production (tests/benchmarks/cluster/run.py).
"""

from tests.benchmarks.load.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
