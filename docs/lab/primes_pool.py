r"""The class's prime program on a ProcessPoolExecutor: a fixed set of workers, any number of tasks.

Shows: tasks (one per x) are not processes: the pool starts --workers processes and hands each
idle one the next task. Three ways to collect the results, each line stamped with the time it
was printed and the worker that computed it:

  --how submit        the class's way: submit() every task, then result() on each in turn;
  --how map           exe.map(): results in submission order, each held back until every
                      earlier one is done;
  --how as_completed  each result as soon as its task ends, whatever its place in the list.

With the class's tasks in their order each task is longer than the one before, so on a pool
they end in order anyway. --largest-first submits the largest x first: then as_completed
prints the small ones while that one still runs, and map holds all of them back behind it.

Watch in pooltop (t, tree view; \ primes_pool Enter): the parent in state S (waiting for
results) and --workers children under it in state R at ~100 % CPU each, every core meter full;
the workers keep their PIDs from task to task.

    time python3 docs/lab/primes_pool.py [--how submit|map|as_completed] [--workers N]
                                         [--largest-first] [--from N] [--to N] [--step N]
"""
import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

from parent_death import end_with_parent
from primes import add_range_arguments, next_prime, positive_int, task_range


def next_prime_task(x):
    """One task: the result and the worker that found it, for the parent to print."""
    return x, next_prime(x), os.getpid()


def main():
    parser = argparse.ArgumentParser(description="next_prime(x) for each x on a pool of worker processes.")
    parser.add_argument("--how", choices=["submit", "map", "as_completed"], default="submit", help="how results are collected (default submit)")
    parser.add_argument("--workers", type=positive_int, default=os.cpu_count(), metavar="N", help="worker processes (default: one per core)")
    parser.add_argument("--largest-first", action="store_true", help="submit the largest x first, then the others in order")
    add_range_arguments(parser)
    args = parser.parse_args()
    xs = task_range(parser, args)
    if args.largest_first:
        xs = [max(xs)] + [x for x in xs if x != max(xs)]
    print(f"parent {os.getpid()}: {len(xs)} tasks on {args.workers} workers, {args.how}; submitted in the order {', '.join(map(str, xs))}", flush=True)

    start = time.perf_counter()

    def show(x, p, worker):
        print(f"{time.perf_counter() - start:7.2f} s  next_prime({x}) = {p}  worker {worker}", flush=True)

    with ProcessPoolExecutor(args.workers, initializer=end_with_parent, initargs=(os.getpid(),)) as exe:
        if args.how == "map":
            for result in exe.map(next_prime_task, xs):
                show(*result)
        else:
            tasks = [exe.submit(next_prime_task, x) for x in xs]
            for task in as_completed(tasks) if args.how == "as_completed" else tasks:
                show(*task.result())

    print("All done", flush=True)


if __name__ == "__main__":
    main()
