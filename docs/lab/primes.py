"""The class's prime program, serial: next_prime(x) for x = 1,000,000, 2,000,000 … 9,000,000.

Shows: one process doing every task, one after the other, so the results come in order and
`real` ≈ `user` under `time`. The other programs import is_prime and next_prime from here.

Watch in pooltop: one python3 row in state R at ~100 % CPU (a whole core, never more: one
process runs on one core at a time); one core meter full, the other where the rest of the
machine has it.

    time python3 docs/lab/primes.py [--from 1000000] [--to 10000000] [--step 1000000]
"""
import argparse


def is_prime(p):
    """Whether p is prime, by trying every divisor 2 … p−1: slow on purpose, as in the class."""
    d = 2
    while d < p:
        if p % d == 0:
            return False
        d += 1
    return True


def next_prime(n):
    """The smallest prime ≥ n. Returned, not printed: a pool's worker hands it back to its parent."""
    p = n
    while not is_prime(p):
        p += 1
    return p


def positive_int(text):
    """An argparse type: 1_000_000 and 1000000 both work, anything below 1 is refused."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def add_range_arguments(parser):
    """--from, --to, --step: the x values of range(from, to, step), the class's by default."""
    parser.add_argument("--from", dest="start", type=positive_int, default=1_000_000, metavar="N", help="first x (default 1000000)")
    parser.add_argument("--to", dest="stop", type=positive_int, default=10_000_000, metavar="N", help="stop before this x, as range() does (default 10000000)")
    parser.add_argument("--step", type=positive_int, default=1_000_000, metavar="N", help="distance between two x (default 1000000)")


def task_range(parser, args):
    """The x values the arguments name: at least one, or a usage error (exit 2)."""
    xs = list(range(args.start, args.stop, args.step))
    if not xs:
        parser.error(f"no tasks: range({args.start}, {args.stop}, {args.step}) is empty")
    return xs


def main():
    parser = argparse.ArgumentParser(description="next_prime(x) for each x, one after the other, in one process.")
    add_range_arguments(parser)
    args = parser.parse_args()
    for x in task_range(parser, args):
        print(next_prime(x), flush=True)


if __name__ == "__main__":
    main()
