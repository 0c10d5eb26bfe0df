"""Imported by the fork server that starts worker processes (see isolate.py): loads the
language models and extractor data once, so each worker forks with them already in memory
(shared copy-on-write) instead of loading them again. A failure here only costs speed: a
worker warms itself up when it starts."""

from pipeline.process import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001  (the worker retries and reports what is wrong)
    pass
