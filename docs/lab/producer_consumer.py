r"""A producer faster than its consumer, through a pipe or a queue: the writer waits for the reader.

Shows: the producer process sends --items items of --size bytes as fast as it can; the
consumer process takes one every --consumer-delay seconds. A pipe holds 64 KiB in the kernel
(Linux's default): the first items fit at once, then each write waits until the consumer has
read enough to make room, and the producer goes at the consumer's pace. Halfway through, the
parent looks at the producer in /proc and prints its state and what each of its threads waits
in (wchan). At the end each side prints its rate: the consumer's, for both (the producer's is a
little higher only because it is done when its last items are in the pipe, not yet read).

  --via pipe   multiprocessing.Pipe(duplex=False), an os.pipe: the producer's one thread waits
               in the kernel's pipe write (wchan anon_pipe_write, or pipe_write before Linux 6.x).
  --via queue  multiprocessing.Queue(maxsize=--queue-size): put() waits on the queue's semaphore
               (a futex) once --queue-size items are waiting, while a thread the queue started
               in the producer, its feeder, writes them into the queue's pipe and waits there.

Watch in pooltop (t, tree view; \ producer_consumer Enter): the parent and its two children
under it, all three in state S at ~0 % CPU: the producer could go much faster but is held by
the pipe. Pause the consumer (select it — check the PID — and z): the producer stays blocked
and nothing moves; r, and both go on.

    python3 docs/lab/producer_consumer.py [--via pipe|queue] [--items 40] [--size 16384]
                                          [--consumer-delay 0.1] [--queue-size 4]
"""
import argparse
import os
import time
from multiprocessing import Pipe, Process, Queue

from parent_death import end_with_parent
from primes import positive_int
from say import say


def produce(channel, other_end, via, items, size, quick, parent_pid):
    end_with_parent(parent_pid)
    if other_end is not None:
        other_end.close()
    item = b"x" * size
    start = time.perf_counter()
    returned = []  # when each send came back: at once while there is room, then at the consumer's pace
    for _ in range(items):
        if via == "pipe":
            channel.send_bytes(item)
        else:
            channel.put(item)
        returned.append(time.perf_counter() - start)
    if via == "pipe":
        channel.close()
    else:
        channel.put(None)
    # "At once": well before the consumer's first pause is over. A fixed few ms would miss them on
    # a busy machine, where even a write into an empty pipe may wait that long for a core.
    at_once = sum(1 for t in returned if t < quick)
    first = returned[at_once - 1] if at_once else 0.0
    pace = (returned[-1] - first) / (items - at_once) if items > at_once else 0.0
    elapsed = time.perf_counter() - start
    say(f"producer {os.getpid()}: {at_once} items went at once (within {quick * 1000:.0f} ms); the rest one every {pace:.3f} s; {items * size / elapsed / 1024:.0f} KiB/s")


def consume(channel, other_end, via, delay, parent_pid):
    end_with_parent(parent_pid)
    if other_end is not None:
        # fork gave this process a copy of the pipe's write end too: while any copy is open,
        # the pipe has a writer, and the read after the last item would wait for ever.
        other_end.close()
    start = time.perf_counter()
    got = 0
    while True:
        if via == "pipe":
            try:
                data = channel.recv_bytes()
            except EOFError:
                break
        else:
            data = channel.get()
            if data is None:
                break
        got += len(data)
        time.sleep(delay)
    elapsed = time.perf_counter() - start
    say(f"consumer {os.getpid()}: read {got} bytes in {elapsed:.2f} s; {got / elapsed / 1024:.0f} KiB/s")


def waits_of(pid):
    """Each thread's state and kernel wait channel, from /proc/PID/task/*/."""
    found = []
    try:
        tids = sorted(os.listdir(f"/proc/{pid}/task"), key=int)
    except OSError:
        return "gone"
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            with open(f"/proc/{pid}/task/{tid}/wchan") as f:
                wchan = f.read().strip() or "-"
        except OSError:
            continue
        found.append(f"thread {tid} state {state} in {wchan}")
    return "; ".join(found)


def main():
    parser = argparse.ArgumentParser(description="a fast producer and a slow consumer, through a pipe or a queue.")
    parser.add_argument("--via", choices=["pipe", "queue"], default="pipe", help="what connects them (default pipe)")
    parser.add_argument("--items", type=positive_int, default=40, metavar="N", help="items to send (default 40)")
    parser.add_argument("--size", type=positive_int, default=16384, metavar="BYTES", help="bytes per item (default 16384; at most 16 MiB)")
    parser.add_argument("--consumer-delay", type=float, default=0.1, metavar="S", help="the consumer's time per item (default 0.1)")
    parser.add_argument("--queue-size", type=positive_int, default=4, metavar="N", help="--via queue: items the queue holds (default 4)")
    args = parser.parse_args()
    if args.size > 16 * 1024 * 1024:
        parser.error("--size: at most 16 MiB")
    if not 0 <= args.consumer_delay <= 10:
        parser.error("--consumer-delay: 0 to 10")

    if args.via == "pipe":
        reader, writer = Pipe(duplex=False)
        ends = (writer, reader), (reader, writer)
    else:
        queue = Queue(maxsize=args.queue_size)
        ends = (queue, None), (queue, None)
    me = os.getpid()
    quick = max(0.01, args.consumer_delay / 2)
    producer = Process(target=produce, args=(*ends[0], args.via, args.items, args.size, quick, me), name="producer")
    consumer = Process(target=consume, args=(*ends[1], args.via, args.consumer_delay, me), name="consumer")
    producer.start()
    consumer.start()
    if args.via == "pipe":
        # The parent's copies of both ends too: only the children use the pipe.
        writer.close()
        reader.close()
    say(f"parent {me}: producer {producer.pid} → {args.via} → consumer {consumer.pid}; {args.items} items of {args.size} bytes, one read every {args.consumer_delay:g} s")

    time.sleep(args.items * args.consumer_delay / 2)
    if producer.is_alive():
        say(f"parent: the producer, halfway: {waits_of(producer.pid)}")
    producer.join()
    consumer.join()
    say("All done")


if __name__ == "__main__":
    main()
