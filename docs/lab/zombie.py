r"""A zombie: a child that has ended, kept by the kernel until its parent waits for it.

Shows: the children exit at once, but the parent does not call waitpid for --seconds. Until
it does, each child is a zombie: state Z, no memory, no command line (ps says <defunct>), only
its PID and exit status kept for the parent. The parent reads each child's state in /proc and
prints it, then waits: the zombies vanish. Kill the parent before that and the zombies are
re-parented to PID 1 (or to the nearest subreaper), which waits for them at once.

Watch in pooltop (t, tree view; / and the parent's PID, which the program prints, Enter —
a filter on zombie.py would hide the zombies: with no command line left, pooltop shows each
as [python3]): the parent in state S with its children under it in state Z at 0 % CPU, the
header's "zombie" count up by --children. With the parent selected (check its PID), k, Enter,
y (SIGTERM): it dies, its zombies move under PID 1 and are gone a refresh or two later.

    python3 docs/lab/zombie.py [--children 1] [--seconds 20]
"""
import argparse
import os
import time

from primes import positive_int
from say import say


def state_of(pid):
    """The one-letter state of a process, from /proc/PID/stat ('?' where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "?"


def main():
    parser = argparse.ArgumentParser(description="children that exit at once, and a parent that waits for them only after --seconds.")
    parser.add_argument("--children", type=positive_int, default=1, metavar="N", help="how many zombies (default 1, at most 100)")
    parser.add_argument("--seconds", type=float, default=20.0, metavar="S", help="how long the parent leaves them unreaped (default 20)")
    args = parser.parse_args()
    if args.children > 100:
        parser.error("--children: at most 100")
    if not 0 <= args.seconds <= 3600:
        parser.error("--seconds: 0 to 3600")

    say(f"parent {os.getpid()}: {args.children} children exit now; waitpid in {args.seconds:g} s")
    children = []
    for number in range(args.children):
        pid = os.fork()
        if pid == 0:
            os._exit(number)
        children.append(pid)

    # A child's exit is not instant after fork returns: give each a moment to become a zombie.
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(state_of(pid) not in ("Z", "?") for pid in children):
        time.sleep(0.01)
    for pid in children:
        say(f"child {pid}: state {state_of(pid)} (Z: exited, waiting for its parent to collect its status)")

    time.sleep(args.seconds)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        say(f"parent: waitpid({pid}) -> exit status {os.waitstatus_to_exitcode(status)}; /proc/{pid} is gone: {not os.path.exists(f'/proc/{pid}')}")


if __name__ == "__main__":
    main()
