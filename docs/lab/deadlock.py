r"""A deadlock: two threads, two locks, taken in opposite order — both wait for ever.

Shows: thread "A-then-B" takes lock A, thread "B-then-A" takes lock B; each then asks for the
other's lock (a barrier makes sure both hold their first one before either asks). Neither can
go on and neither lets go: they sleep in the kernel (a futex wait) for ever, using no CPU. The
program never ends by itself: press Ctrl-C, or kill it (the threads are daemon threads, so
they do not keep the process alive once the main thread has gone). --ordered makes both
threads take A first: then one waits for the other, briefly, and the program ends.

Watch in pooltop (\ deadlock.py Enter): one python3 row in state S at 0.0 % CPU, its TIME+
frozen, for as long as you watch. The program prints its PID and its threads' IDs (TIDs);
/proc/PID/task/TID/ describes each (cat /proc/PID/task/*/wchan: futex_…). End it yourself:
select it (check the PID), k, Enter, y.

    python3 docs/lab/deadlock.py [--ordered] [--hold 0.1]
"""
import argparse
import os
import threading

from os_thread_name import name_os_thread


def main():
    parser = argparse.ArgumentParser(description="two threads taking two locks in opposite order: a deadlock.")
    parser.add_argument("--ordered", action="store_true", help="both threads take the locks in the same order: no deadlock")
    parser.add_argument("--hold", type=float, default=0.1, metavar="S", help="how long a thread keeps both locks (default 0.1)")
    args = parser.parse_args()
    if not 0 <= args.hold <= 60:
        parser.error("--hold: 0 to 60")

    print_lock = threading.Lock()

    def report(text):
        with print_lock:
            print(text, flush=True)

    locks = {"A": threading.Lock(), "B": threading.Lock()}
    # Opposite orders need both threads to hold their first lock before either asks for its
    # second; in the same order the second thread cannot take A until the first lets go.
    barrier = None if args.ordered else threading.Barrier(2)

    def worker(name, first, second):
        name_os_thread(name)
        with locks[first]:
            report(f"thread {name} (tid {threading.get_native_id()}): holds lock {first}, asks for lock {second}")
            if barrier:
                barrier.wait()
            with locks[second]:
                report(f"thread {name}: holds both; done")
                # Keep both a moment, so that with --ordered the other thread visibly waits.
                threading.Event().wait(args.hold)

    orders = [("A-then-B", "A", "B"), ("A-then-B-too", "A", "B")] if args.ordered else [("A-then-B", "A", "B"), ("B-then-A", "B", "A")]
    threads = [threading.Thread(target=worker, args=order, daemon=True) for order in orders]
    for t in threads:
        t.start()
    report(f"pid {os.getpid()}: threads {', '.join(str(t.native_id) for t in threads)} started ({'same order' if args.ordered else 'opposite orders'})")
    if not args.ordered:
        report("each holds one lock and waits for the other: this never ends (Ctrl-C, or kill the PID)")
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        report("interrupted (SIGINT): the threads were still waiting; they end with the process")
        raise SystemExit(130)
    report("both threads done")


if __name__ == "__main__":
    main()
