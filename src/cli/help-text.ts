// The text of `pooltop --help`, `pooltop snapshot --help` and `pooltop serve --help`: every
// option with its default.
import { DEFAULT_TOP, MAX_TOP } from '../model/process-selection.js';
import { DEFAULT_LISTEN, formatListenAddress } from './listen-address.js';
import { MAX_COUNT, MAX_DELAY_TENTHS } from './parse-options.js';

export const MONITOR_HELP = `Usage: pooltop [options]
       pooltop snapshot [--json] [--tree] [-u user] [-p pids] [-s key] [--source name]
                        [--watch [-d tenths] [--count n]] [--pool-only]
       pooltop serve [--listen host:port] [options]  (see pooltop serve --help)
       pooltop primes [options]          (see pooltop primes --help)

An htop-like interactive process monitor with a built-in process-pool lab.

Options:
  -d, --delay <tenths>     refresh interval in tenths of a second, 1-${MAX_DELAY_TENTHS} (default 10)
  -u, --user <name|uid>    show only this user's processes: a name, or a UID that passwd
                           has or a process runs as (default: all users)
  -p, --pid <pid[,pid...]> show only these processes, PIDs 1 to pid_max − 1 (default: all)
  -t, --tree               start in tree view (default: flat list)
      --pool <n>           start a pool of n workers (1-256) running the primes stream
                           (default: no pool; w opens the pool menu)
      --metrics-listen <host:port>
                           also serve Prometheus metrics at http://host:port/metrics, as
                           pooltop serve does (the top ${DEFAULT_TOP} processes by CPU of those -u
                           and -p show, and this monitor's pool): ${formatListenAddress(DEFAULT_LISTEN)} for
                           this machine only, 0.0.0.0:9256 for every interface, written
                           out either way (default: no exporter)
  -s, --sort-key <column>  sort column: pid, ppid, user, pri, ni, virt, res, state,
                           cpu, mem, time, core, command (default cpu)
      --source <name>      process table source: procfs, systeminformation, ps-list
                           (default procfs on Linux, ps-list elsewhere)
      --no-color           monochrome (also when NO_COLOR is set)
      --color              colour even when NO_COLOR is set (default: colour)
  -h, --help               show this help
  -V, --version            print the version

Settings: $XDG_CONFIG_HOME/pooltop/config.json (default ~/.config/pooltop/config.json)
gives the defaults: sort column and direction, tree view, delay, colour, graphs and
system meters. The options above apply to their run only and are never saved. On exit
pooltop saves what keys changed inside it (t, the sort keys, G g { }), merged into
the file as it is then. A file or
folder that is not plainly yours (a link, not a regular file, someone else's,
writable by others, over 1 MB, not JSON) is left as it is, and nothing is saved.

The monitor needs a terminal that can move the cursor (not TERM=dumb); without one,
pooltop snapshot prints the same data. Press h, ? or F1 inside pooltop for the keys.
`;

export const SNAPSHOT_HELP = `Usage: pooltop snapshot [options]

Prints one sample of the system, like top -b -n 1, and exits. CPU% is measured
over about half a second between two samples.

Options:
      --json               print JSON instead of a table
      --watch              with --json: print one JSON object per line per sample, each
                           with "seq" (1, 2, …) first, until stopped (Ctrl-C, SIGTERM,
                           the reader leaving) or --count samples
  -d, --delay <tenths>     with --watch: the interval, 1-${MAX_DELAY_TENTHS} tenths of a second (default
                           10); CPU% of each line is over the interval before it
      --count <n>          with --watch: stop after n lines, 1-${MAX_COUNT}
  -t, --tree               print the PID/PPID tree (with --json: nested "children")
  -u, --user <name|uid>    only this user's processes: a name, or a UID that passwd has
                           or a process runs as (default: all users)
  -p, --pid <pid[,pid...]> only these processes, PIDs 1 to pid_max − 1 (default: all)
      --pool-only          only the processes of pooltop pools: the workers of every
                           pooltop here (titled pooltop-worker N) and their descendants
  -s, --sort-key <column>  sort column (default cpu); see pooltop --help
      --source <name>      procfs, systeminformation or ps-list (default procfs on Linux)
      --no-color           accepted for symmetry; snapshot output has no colour
  -h, --help               show this help
`;

export const SERVE_HELP = `Usage: pooltop serve [options]

Serves Prometheus metrics at http://host:port/metrics without a screen: the machine
(CPU seconds per core and mode, memory, load, tasks, disks, network), a bounded set
of processes, and the pool it runs with --pool. OpenMetrics to scrapers that ask for
it, the Prometheus text format otherwise. SIGINT or SIGTERM stops it (exit 0).

Options:
      --listen <host:port> where to listen (default ${formatListenAddress(DEFAULT_LISTEN)}: this machine only).
                           Any other address must be given: 0.0.0.0:9256 or [::]:9256
                           listens on every interface, where anyone who can reach it
                           sees the chosen processes' names, users and command lines.
                           Port 0: any free port, said on stderr.
  -d, --delay <tenths>     sampling interval, 1-${MAX_DELAY_TENTHS} tenths of a second (default 10);
                           a scrape gets the latest sample, never waits for one
  -p, --pid <pid[,pid...]> per-process series only for these PIDs
  -u, --user <name|uid>    per-process series only for this user's processes
      --match <regex>      per-process series only for command lines matching this
                           JavaScript regular expression (case-sensitive)
      --top <n>            of the processes those allow, the n busiest by CPU over the
                           last interval get series, 0-${MAX_TOP} (default ${DEFAULT_TOP})
      --pool <n>           run a pool of n workers (1-256) on the primes stream and
                           export it (default: no pool, and no pool metrics)
      --source <name>      procfs, systeminformation or ps-list (default procfs on Linux)
  -h, --help               show this help
`;
