"""Printing one line in one write, for programs whose processes share one terminal or pipe.

print() may write a line's text and its newline separately (it does when Python's output is
unbuffered, PYTHONUNBUFFERED=1 or -u), so two processes printing at once can cut into each
other's lines. One write of a whole line shorter than 4 KiB (PIPE_BUF) never is cut.
"""
import sys


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
