"""Naming the calling thread for the kernel, so that ps -L, top -H and /proc/PID/task/TID/comm show it.

CPython 3.11 gives threading.Thread names to Python only; the kernel knows every thread of a
python3 process as "python3". prctl(PR_SET_NAME) renames the calling thread (15 bytes at most).
"""
import ctypes
import sys

PR_SET_NAME = 15


def name_os_thread(name):
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)
