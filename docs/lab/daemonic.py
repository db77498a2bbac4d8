r"""Daemonic and non-daemonic multiprocessing children, and how their parent's end reaches them.

Shows: the parent starts one daemonic child (daemon=True) and one non-daemonic child, each of
which prints its PPID every second for --child-seconds, then ends its own way (--end):

  normal   returns from main: multiprocessing's exit handler terminates (SIGTERM) the daemonic
           child and waits for the non-daemonic one, so the program ends when that one does;
  sigterm  is killed by SIGTERM (kill PID, what `kill` sends by default): Python's default
           action for it ends the process at once, and no exit handler runs;
  sigkill  is killed by SIGKILL (kill -9 PID): nothing runs in the parent at all;
  wait     waits for its children (join), so you can signal it yourself from pooltop.

"Daemonic children are killed with their parent" holds only for the first: after sigterm or
sigkill both children live on, orphans re-parented to PID 1 (or a subreaper), until their own
time is up. Nothing tells a child its parent has gone unless it asked the kernel to
(parent_death.py).

Watch in pooltop (t, tree view; \ daemonic.py Enter): the parent with its two children;
at --parent-seconds, with normal the daemonic child goes with the parent; with sigterm and
sigkill both children move under PID 1 and go on. With --end wait, select the parent (check
its PID) and try k 9 Enter y yourself (y: pooltop asks before it ends a process it did not
start).

    python3 docs/lab/daemonic.py [--end normal|sigterm|sigkill|wait] [--parent-seconds 2] [--child-seconds 8]
"""
import argparse
import os
import signal
import time
from multiprocessing import Process

from say import say


def heartbeat(kind, seconds):
    """A child's life: say who my parent is every second, until my time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        say(f"  {kind} child {os.getpid()}: parent {os.getppid()}")
        time.sleep(1)
    say(f"  {kind} child {os.getpid()}: my time is up, exiting")


def main():
    parser = argparse.ArgumentParser(description="a daemonic and a non-daemonic child, and a parent that ends in one of four ways.")
    parser.add_argument("--end", choices=["normal", "sigterm", "sigkill", "wait"], default="normal", help="how the parent ends (default normal)")
    parser.add_argument("--parent-seconds", type=float, default=2.0, metavar="S", help="how long the parent runs before it ends (default 2)")
    parser.add_argument("--child-seconds", type=float, default=8.0, metavar="S", help="how long each child runs (default 8)")
    args = parser.parse_args()
    for name in ("parent_seconds", "child_seconds"):
        if not 0 <= getattr(args, name) <= 600:
            parser.error(f"--{name.replace('_', '-')}: 0 to 600")

    daemonic = Process(target=heartbeat, args=("daemonic", args.child_seconds), daemon=True)
    ordinary = Process(target=heartbeat, args=("non-daemonic", args.child_seconds))
    daemonic.start()
    ordinary.start()
    say(f"parent {os.getpid()}: daemonic child {daemonic.pid}, non-daemonic child {ordinary.pid}; ending ({args.end}) in {args.parent_seconds:g} s")

    if args.end == "wait":
        daemonic.join()
        ordinary.join()
        return
    time.sleep(args.parent_seconds)
    say(f"parent {os.getpid()}: ending ({args.end})")
    if args.end == "sigterm":
        os.kill(os.getpid(), signal.SIGTERM)
    elif args.end == "sigkill":
        os.kill(os.getpid(), signal.SIGKILL)
    # normal: main returns; multiprocessing's exit handler does the rest.


if __name__ == "__main__":
    main()
