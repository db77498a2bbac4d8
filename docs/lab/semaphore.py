r"""A semaphore: like a lock, but --limit threads may hold it at once; the rest wait their turn.

Shows: --threads threads each want the semaphore for --hold seconds (a sleep, as a thread
waiting on a network connection or a disk would). threading.Semaphore(--limit) lets --limit
of them in at a time: the program prints each entry and exit with the number of holders, and
at the end the most holders it ever saw (never above the limit) and how long it all took
(about ceil(threads ÷ limit) × hold: the threads go through in waves). --limit equal to
--threads lets everyone in at once.

Watch in pooltop (\ semaphore.py Enter): one python3 row in state S at ~0 % CPU all along —
both the holders (asleep in their work) and the waiters (asleep on the semaphore, a futex) use
no CPU; the program's TIME+ barely moves however long it runs.

    python3 docs/lab/semaphore.py [--threads 6] [--limit 2] [--hold 1]
"""
import argparse
import math
import os
import threading
import time

from os_thread_name import name_os_thread
from primes import positive_int


def main():
    parser = argparse.ArgumentParser(description="threads taking turns through a semaphore of --limit holders.")
    parser.add_argument("--threads", type=positive_int, default=6, metavar="N", help="how many threads (default 6, at most 100)")
    parser.add_argument("--limit", type=positive_int, default=2, metavar="N", help="how many may hold the semaphore at once (default 2)")
    parser.add_argument("--hold", type=float, default=1.0, metavar="S", help="how long each holds it (default 1)")
    args = parser.parse_args()
    if args.threads > 100:
        parser.error("--threads: at most 100")
    if not 0 <= args.hold <= 60:
        parser.error("--hold: 0 to 60")

    semaphore = threading.Semaphore(args.limit)
    books = threading.Lock()  # guards holders and most, which every thread updates
    holders = 0
    most = 0
    start = time.perf_counter()

    def report(text):
        print(f"{time.perf_counter() - start:6.2f} s  {text}", flush=True)

    def worker(number):
        nonlocal holders, most
        name_os_thread(f"semaphore-{number}")
        with semaphore:
            with books:
                holders += 1
                most = max(most, holders)
                report(f"thread {number} in  ({holders} holding)")
            time.sleep(args.hold)
            with books:
                holders -= 1
                report(f"thread {number} out ({holders} holding)")

    print(f"pid {os.getpid()}: {args.threads} threads, at most {args.limit} at a time, {args.hold:g} s each", flush=True)
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    waves = math.ceil(args.threads / args.limit)
    print(f"most holders at once: {most} (limit {args.limit}); {time.perf_counter() - start:.2f} s in all, {waves} wave{'s' if waves > 1 else ''} of {args.hold:g} s", flush=True)


if __name__ == "__main__":
    main()
