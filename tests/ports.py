"""Loopback ports for the servers the tests start, one range per pytest-xdist worker.

Each worker runs tests of the same modules at the same time, so a fixed port would be taken
twice; the worker's number moves it into a range of its own.
"""

import os

WORKER_SPACING = 1000


def worker_port(port):
    """`port` in the range of this test process (the port itself outside pytest-xdist)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return port + WORKER_SPACING * int(worker.removeprefix("gw"))
