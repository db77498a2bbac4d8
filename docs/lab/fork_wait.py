r"""fork() and waitpid(): a process copies itself, the copy works, the original waits for it.

Shows: os.fork() returns twice — 0 in the child, the child's PID in the parent — and both go on
from the same line with the same variables. The child changes one of them: the parent's copy
is untouched (separate memory, copied on write). Each child ends with exit status 10 + its
number, which the parent collects with os.waitpid() in the order it asks, not the order the
children end.

Watch in pooltop (t, tree view; \ fork_wait Enter): the parent in state S (waiting in waitpid)
with --children copies under it, the same command line as the parent's, each R while it counts
(~100 % CPU), then gone as waitpid collects it.

    python3 docs/lab/fork_wait.py [--children 2] [--count 30000000]
"""
import argparse
import os

from primes import positive_int
from say import say


def main():
    parser = argparse.ArgumentParser(description="fork children, let each count, wait for each with waitpid.")
    parser.add_argument("--children", type=positive_int, default=2, metavar="N", help="how many children (default 2, at most 100)")
    parser.add_argument("--count", type=positive_int, default=30_000_000, metavar="N", help="how far each child counts, its CPU-bound work (default 30000000, ~2 s)")
    args = parser.parse_args()
    if args.children > 100:
        parser.error("--children: at most 100")

    owner = f"the parent, {os.getpid()}"
    say(f"parent {os.getpid()}: forking {args.children} children")
    children = []
    for number in range(args.children):
        pid = os.fork()
        if pid == 0:
            # The child: a copy of the parent at this line, with its own PID and its own memory.
            owner = f"child {number}"
            total = 0
            for i in range(args.count):
                total += i
            say(f"child {number}: pid {os.getpid()}, ppid {os.getppid()}; counted to {args.count}; owner = {owner!r}")
            # os._exit, not sys.exit: the child must not run the parent's cleanup (its with
            # blocks, atexit handlers, buffered output) a second time.
            os._exit(10 + number)
        say(f"parent: fork() returned {pid} (child {number})")
        children.append(pid)

    for number, pid in enumerate(children):
        _, status = os.waitpid(pid, 0)
        say(f"parent: waitpid({pid}) -> exit status {os.waitstatus_to_exitcode(status)}")
    say(f"parent: owner = {owner!r} (the children's change never reached it)")


if __name__ == "__main__":
    main()
