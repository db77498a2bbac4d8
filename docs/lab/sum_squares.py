r"""The cpu_bound program: sum(i * i for i in range(n)) for 20 numbers, serial, on threads, on processes.

Shows: CPU-bound work gains nothing from threads in CPython, where the global interpreter lock
(GIL) lets one thread at a time run Python code, and gains up to one core per process from a
multiprocessing.Pool, where each worker is an interpreter with its own GIL. Each run prints its
Duration, as the text's program does, with the CPU time it used and the cores it kept busy
(CPU ÷ Duration); the results are checked equal. The text's numbers are --base 5000000 (7.1 s
serial there); the default is five times less work.

Watch in pooltop (\ sum_squares Enter): serial and threads, one python3 row at ~100 % CPU and
never more — two threads share one GIL, so they add up to one core (the meters may split it
between the cores, as the threads run on either); processes, the parent asleep (S) with
--workers children under it at ~100 % each, every core full.

    python3 docs/lab/sum_squares.py [--how serial|threads|processes|all] [--workers N]
                                    [--base 1000000] [--count 20]
"""
import argparse
import multiprocessing
import os
import time
from concurrent.futures import ThreadPoolExecutor

from parent_death import end_with_parent
from primes import positive_int


def cpu_bound(number):
    return sum(i * i for i in range(number))


def cpu_seconds():
    """CPU time of this process and of its children that have been waited for (a pool's, once closed)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def serial(numbers, _workers):
    return [cpu_bound(n) for n in numbers]


def on_threads(numbers, workers):
    with ThreadPoolExecutor(workers) as exe:
        return list(exe.map(cpu_bound, numbers))


def on_processes(numbers, workers):
    with multiprocessing.Pool(workers, initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
        return pool.map(cpu_bound, numbers)


WAYS = {"serial": serial, "threads": on_threads, "processes": on_processes}


def main():
    parser = argparse.ArgumentParser(description="sum of squares below each of --count numbers, serial, on threads or on processes.")
    parser.add_argument("--how", choices=[*WAYS, "all"], default="all", help="which runs (default all, one after the other)")
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count(), metavar="N", help="threads or processes (default: one per core)")
    parser.add_argument("--base", type=positive_int, default=1_000_000, metavar="N", help="the numbers are base, base+1, … (default 1000000; the text's: 5000000)")
    parser.add_argument("--count", type=positive_int, default=20, metavar="N", help="how many numbers (default 20)")
    args = parser.parse_args()
    numbers = [args.base + x for x in range(args.count)]
    print(f"parent {os.getpid()}: cpu_bound(n) for n = {numbers[0]} … {numbers[-1]}, {args.workers} workers where there are workers", flush=True)

    expected = None
    for name in WAYS if args.how == "all" else [args.how]:
        cpu0, start = cpu_seconds(), time.perf_counter()
        sums = WAYS[name](numbers, args.workers)
        duration, cpu = time.perf_counter() - start, cpu_seconds() - cpu0
        print(f"{name:>9}: Duration {duration:.2f} seconds; CPU {cpu:.2f} s, {cpu / duration:.2f} cores busy", flush=True)
        if expected is not None and sums != expected:
            raise SystemExit(f"{name} gave different sums")
        expected = sums
    print(f"sum of the results: {sum(expected)}", flush=True)


if __name__ == "__main__":
    main()
