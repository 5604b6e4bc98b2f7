"""Concurrency on real PostgreSQL: N threads behind a barrier, each with its own database connection."""

import threading

from django.db import connection


def race(action, count=20):
    """Run `action(i)` in `count` threads that start together; return each result or raised exception, in order.

    Use in `transaction=True` tests: every thread opens its own connection (Django's are per thread),
    so the rows a thread writes are seen by the others only once committed, as under gunicorn.
    """
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = action(i)
        except BaseException as error:  # noqa: BLE001 - the test asserts on what each thread met
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
