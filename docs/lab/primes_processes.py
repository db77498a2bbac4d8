r"""The class's prime program with one multiprocessing.Process per task: every task at once.

Shows: start() all the children first, join() them after (in a second loop: a join right after
each start would wait for that child before starting the next, and nothing would run at the
same time). Each child prints its own result, so the output comes in the order the children
finish. This is the program the class timed at real 1.151 s, user 5.936 s on 4 cores — not the
pool, which starts a fixed number of workers (primes_pool.py).

Watch in pooltop (t, tree view; \ primes_processes Enter): the parent, state S (waiting in
join), with one child per task under it, all R; on 2 cores nine children share two cores,
each at ~22 % CPU, both core meters full. Children leave as they finish, smallest x first.

    time python3 docs/lab/primes_processes.py [--from 1000000] [--to 10000000] [--step 1000000]
"""
import argparse
import os
from multiprocessing import Process

from primes import add_range_arguments, next_prime, task_range
from say import say


def print_next_prime(x):
    """A child's whole life: one task, its result printed (a Process returns nothing to its parent)."""
    say(f"{next_prime(x)}\tpid {os.getpid()}")


def main():
    parser = argparse.ArgumentParser(description="next_prime(x) for each x, each in a process of its own, all at once.")
    add_range_arguments(parser)
    args = parser.parse_args()
    xs = task_range(parser, args)
    say(f"parent {os.getpid()}: {len(xs)} processes, one per task")

    children = []
    for x in xs:
        child = Process(target=print_next_prime, args=[x])
        child.start()
        children.append(child)

    for child in children:
        child.join()

    say("All done")


if __name__ == "__main__":
    main()
