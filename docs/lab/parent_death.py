"""Ending a child process with its parent: the kernel's parent-death signal (Linux prctl).

The workers of a ProcessPoolExecutor or a multiprocessing.Pool wait for their next task on a
queue whose pipe they hold open themselves, so when the parent is SIGKILLed nothing tells
them: they sleep on for ever in state S, re-parented to PID 1 (CPython 3.11). The lab's pool
programs pass end_with_parent as the pool's initializer, so that every worker asks the kernel
for SIGKILL the moment its parent dies and a lab machine is never left with orphaned workers.
Take the initializer out to see the orphans (and then kill them yourself).
"""
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def end_with_parent(parent_pid):
    """In a child of parent_pid: SIGKILL me when it dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died between fork and prctl: then no signal will ever come.
    if os.getppid() != parent_pid:
        os._exit(1)
