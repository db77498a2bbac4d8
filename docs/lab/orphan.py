r"""An orphan: the parent exits first, and the kernel gives its child a new parent.

Shows: the parent forks a child and exits after --parent-seconds without waiting for it. The
child prints its PPID twice a second: its parent's PID, then, once the parent has gone, PID 1
— or the nearest ancestor that asked to be a "child subreaper" (prctl PR_SET_CHILD_SUBREAPER;
systemd --user, tini, some containers' init do). The new parent is the one that waits for it:
when the child ends after --child-seconds, it reaps it. With --subreaper this program itself
is that ancestor: it marks itself a subreaper, forks the parent, which forks the child; the
child is re-parented to it, not to PID 1, and it reaps both.

Watch in pooltop (t, tree view; \ orphan.py Enter): the child under its parent; at
--parent-seconds the parent's row goes and the child's moves under PID 1 (or the subreaper),
its PPID column changed. It ends by itself after --child-seconds.

    python3 docs/lab/orphan.py [--parent-seconds 3] [--child-seconds 10] [--subreaper]
"""
import argparse
import ctypes
import os
import time

from say import say

PR_SET_CHILD_SUBREAPER = 36


def name_of(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def child(seconds):
    """Reports each change of parent until its time is up."""
    parent = os.getppid()
    say(f"child {os.getpid()}: parent {parent} ({name_of(parent)})")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = os.getppid()
        if now != parent:
            say(f"child {os.getpid()}: re-parented from {parent} to {now} ({name_of(now)})")
            parent = now
    say(f"child {os.getpid()}: done; parent {parent} will reap me")


def parent(parent_seconds, child_seconds):
    """Forks the child, lingers, and exits without waiting for it."""
    pid = os.fork()
    if pid == 0:
        child(child_seconds)
        os._exit(0)
    say(f"parent {os.getpid()}: forked child {pid}; exiting in {parent_seconds:g} s without waiting for it")
    time.sleep(parent_seconds)
    say(f"parent {os.getpid()}: exiting")


def main():
    parser = argparse.ArgumentParser(description="a parent that exits before its child: the child is re-parented.")
    parser.add_argument("--parent-seconds", type=float, default=3.0, metavar="S", help="how long the parent lives (default 3)")
    parser.add_argument("--child-seconds", type=float, default=10.0, metavar="S", help="how long the child lives (default 10)")
    parser.add_argument("--subreaper", action="store_true", help="become a child subreaper first, so the orphan comes to this program")
    args = parser.parse_args()
    for name in ("parent_seconds", "child_seconds"):
        if not 0 <= getattr(args, name) <= 600:
            parser.error(f"--{name.replace('_', '-')}: 0 to 600")

    if not args.subreaper:
        parent(args.parent_seconds, args.child_seconds)
        return

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit(f"prctl(PR_SET_CHILD_SUBREAPER): {os.strerror(ctypes.get_errno())}")
    say(f"subreaper {os.getpid()}: orphans below me come to me")
    middle = os.fork()
    if middle == 0:
        parent(args.parent_seconds, args.child_seconds)
        os._exit(0)
    # Reap the parent, then the orphan the kernel hands over: every child, until none is left.
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        say(f"subreaper {os.getpid()}: reaped {pid} (exit status {os.waitstatus_to_exitcode(status)})")


if __name__ == "__main__":
    main()
