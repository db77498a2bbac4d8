r"""Ctrl-C and kill -2 on a ProcessPoolExecutor: one signal, SIGINT, reaching different processes.

Shows: Ctrl-C makes the terminal send SIGINT to its whole foreground process group — the
program and every worker it forked, which inherited its group — while `kill -2 PID` reaches
the one process PID names. The program prints its process group and the terminal's
foreground group, then runs --tasks tasks of --seconds of CPU each on --workers workers and
reports every event with its time: each task's start, end or KeyboardInterrupt, and the
parent's. What Python 3.11's pool does with each:

  Ctrl-C           every process gets SIGINT. In each worker the running task raises
                   KeyboardInterrupt, the worker sends it back as that task's result and takes
                   the next task; the parent raises KeyboardInterrupt where it waits, and
                   leaving the `with` block waits for every task not yet finished: the pool
                   goes on for a while after Ctrl-C.
  kill -2 PARENT   only the parent: the workers go on with the task they have, and the `with`
                   block waits for all the tasks.
  kill -2 WORKER   only that worker's task fails, with KeyboardInterrupt, re-raised in the
                   parent by result(): the parent stops collecting, and the `with` block waits
                   for the remaining tasks too.

--cancel cancels the tasks not yet started when the parent is interrupted
(shutdown(cancel_futures=True)), so that the pool ends with the tasks already running. A second
Ctrl-C while the `with` block waits interrupts its shutdown half-way: CPython 3.11 prints a
traceback, then hangs at exit with its workers idle; kill -9 the parent (its workers end with
it, parent_death.py).

Watch in pooltop (t, tree view; \ ctrl_c_pool Enter): the parent (S) and its --workers
workers (R, ~100 % CPU each) under it. Run it in a terminal of its own; press Ctrl-C there and
see each process print. Run it again, select the parent in pooltop (check the PID), k 2 Enter
y, and watch the workers go on; a third time, k 2 on one worker.

    python3 docs/lab/ctrl_c_pool.py [--workers 2] [--tasks 8] [--seconds 2] [--cancel]
"""
import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

from parent_death import end_with_parent
from primes import positive_int
from say import say

START = time.perf_counter()


def stamp():
    return f"{time.perf_counter() - START:6.2f} s"


def busy(number, seconds):
    """A CPU-bound task: spins until it has used `seconds` of CPU time."""
    me = os.getpid()
    try:
        say(f"{stamp()}  task {number} started in worker {me}")
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    except KeyboardInterrupt:
        say(f"{stamp()}  worker {me}: SIGINT -> KeyboardInterrupt in task {number}")
        raise
    return number, me


def foreground_group():
    """The process group the terminal sends Ctrl-C to, or None without a terminal."""
    try:
        return os.tcgetpgrp(sys.stdin.fileno())
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description="a pool of CPU-bound tasks, to press Ctrl-C on or to send SIGINT to one process.")
    parser.add_argument("--workers", type=positive_int, default=2, metavar="N", help="worker processes (default 2, at most 64)")
    parser.add_argument("--tasks", type=positive_int, default=8, metavar="N", help="how many tasks (default 8, at most 1000)")
    parser.add_argument("--seconds", type=float, default=2.0, metavar="S", help="CPU seconds each task uses (default 2)")
    parser.add_argument("--cancel", action="store_true", help="on SIGINT in the parent, cancel the tasks not yet started")
    args = parser.parse_args()
    if args.workers > 64 or args.tasks > 1000:
        parser.error("--workers: at most 64; --tasks: at most 1000")
    if not 0 <= args.seconds <= 600:
        parser.error("--seconds: 0 to 600")

    me = os.getpid()
    fg = foreground_group()
    terminal = f"the terminal's foreground group is {fg}" if fg is not None else "no terminal"
    say(f"parent {me}: process group {os.getpgrp()}, {terminal}; {args.tasks} tasks of {args.seconds:g} s on {args.workers} workers")
    done = failed = 0
    interrupted_at = None
    with ProcessPoolExecutor(args.workers, initializer=end_with_parent, initargs=(me,)) as exe:
        tasks = [exe.submit(busy, n, args.seconds) for n in range(args.tasks)]
        try:
            for task in as_completed(tasks):
                number, worker = task.result()
                done += 1
                say(f"{stamp()}  task {number} done by worker {worker}")
        except KeyboardInterrupt as error:
            interrupted_at = time.perf_counter()
            where = "raised by a task (its worker got SIGINT)" if error.__cause__ is not None else "SIGINT while waiting for results"
            left = sum(1 for t in tasks if not t.done())
            say(f"{stamp()}  parent {me}: KeyboardInterrupt, {where}; {left} tasks not finished")
            if args.cancel:
                cancelled = sum(1 for t in tasks if t.cancel())
                say(f"{stamp()}  parent: cancelled {cancelled} tasks not yet started")
            say(f"{stamp()}  parent: leaving the with block, which waits for the pool's workers")
    if interrupted_at is None:
        say(f"{stamp()}  All done: {done} tasks")
        return
    for task in tasks:
        if task.cancelled():
            continue
        if task.exception() is not None:
            failed += 1
    ran_after = sum(1 for t in tasks if not t.cancelled() and t.exception() is None) - done
    cancelled = sum(1 for t in tasks if t.cancelled())
    say(f"{stamp()}  shut down {time.perf_counter() - interrupted_at:.2f} s after the interrupt: "
        f"{done} results, {failed} interrupted, {ran_after} finished after it, {cancelled} cancelled")
    sys.exit(130)


if __name__ == "__main__":
    main()
