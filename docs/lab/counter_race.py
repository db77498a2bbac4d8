r"""A race condition: threads (or processes) adding 1 to one shared counter, and updates lost.

Shows: "counter += 1" is three steps — read the counter, add 1, write it back. When another
thread writes between one thread's read and its write, that write is overwritten: an update
is lost. --runs repeats the experiment and prints each run's count and its lost updates;
--lock wraps each read-add-write in a Lock, and nothing is lost.

  --way text   "counter += 1", as the course text writes it. On CPython 3.11 with threads
               this gives the exact count every time: the interpreter switches threads only
               at a function's start or a loop's jump back (every 5 ms, when another thread
               asks), never inside "counter += 1", so the race is there but never happens.
  --way split  (default) read, add 1 in a function, write: the call is a point where the
               interpreter may switch, between the read and the write. The other thread then
               runs a whole 5 ms slice — thousands of increments — and the write that follows
               wipes them out: a large share of the updates is lost, differently each run.
  --with processes  two processes on a multiprocessing.Value(lock=False) in shared memory, as
               in the course's "Race conditions" section: they run at the same time on two
               cores, so even --way text loses updates.

Watch in pooltop (\ counter_race Enter): with threads, one python3 row at ~100 % CPU at most
— the threads take turns holding the GIL, so they add up to one core (compare
counter_race.mjs, whose threads run at once). With processes, two children at ~100 % each.

    python3 docs/lab/counter_race.py [--way split|text] [--with threads|processes] [--lock]
                                     [--threads 2] [--increments 1000000] [--runs 1]
"""
import argparse
import os
import threading
import time
from multiprocessing import Process, Value

from parent_death import end_with_parent
from primes import positive_int

counter = 0
lock = threading.Lock()


def add_one(value):
    return value + 1


def bump_text(n, locked):
    global counter
    for _ in range(n):
        if locked:
            with lock:
                counter += 1
        else:
            counter += 1


def bump_split(n, locked):
    global counter
    for _ in range(n):
        if locked:
            lock.acquire()
        value = counter             # read
        value = add_one(value)      # add (a call: the interpreter may switch threads here)
        counter = value             # write
        if locked:
            lock.release()


def run_threads(args):
    global counter
    counter = 0
    bump = bump_text if args.way == "text" else bump_split
    threads = [threading.Thread(target=bump, args=(args.increments, args.lock)) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


def bump_shared(shared, n, way, locked, parent_pid):
    end_with_parent(parent_pid)
    for _ in range(n):
        if locked:
            with shared.get_lock():
                shared.value += 1
        elif way == "text":
            shared.value += 1
        else:
            value = shared.value
            value = add_one(value)
            shared.value = value


def run_processes(args):
    # lock=True gives the Value a lock of its own (shared.get_lock()); lock=False, bare memory.
    shared = Value("q", 0, lock=args.lock)
    children = [Process(target=bump_shared, args=(shared, args.increments, args.way, args.lock, os.getpid())) for _ in range(args.threads)]
    for c in children:
        c.start()
    for c in children:
        c.join()
    return shared.value


def main():
    parser = argparse.ArgumentParser(description="threads or processes adding 1 to a shared counter, with and without a lock.")
    parser.add_argument("--way", choices=["split", "text"], default="split", help="how each increment is written (default split)")
    parser.add_argument("--with", dest="using", choices=["threads", "processes"], default="threads", help="threads in one process, or processes on shared memory (default threads)")
    parser.add_argument("--lock", action="store_true", help="hold a lock around each increment")
    parser.add_argument("--threads", type=positive_int, default=2, metavar="N", help="how many threads (or processes) (default 2, at most 64)")
    parser.add_argument("--increments", type=positive_int, default=1_000_000, metavar="N", help="increments by each (default 1000000)")
    parser.add_argument("--runs", type=positive_int, default=1, metavar="N", help="repeat the experiment (default 1, at most 100)")
    args = parser.parse_args()
    if args.threads > 64 or args.runs > 100:
        parser.error("--threads: at most 64; --runs: at most 100")

    expected = args.threads * args.increments
    mode = f"{args.threads} {args.using}, --way {args.way}, {'with' if args.lock else 'without'} a lock"
    print(f"pid {os.getpid()}: {mode}; expected count {expected}", flush=True)
    lost = []
    for run in range(1, args.runs + 1):
        start = time.perf_counter()
        count = run_threads(args) if args.using == "threads" else run_processes(args)
        lost.append(expected - count)
        print(f"run {run}: count {count}, lost {expected - count} ({100 * (expected - count) / expected:.1f} %) in {time.perf_counter() - start:.2f} s", flush=True)
    print(f"lost updates: {sum(lost)} in {args.runs} runs; fewest {min(lost)}, most {max(lost)}", flush=True)


if __name__ == "__main__":
    main()
