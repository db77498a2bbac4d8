// The text of `pooltop --help`, `pooltop snapshot --help` and `pooltop serve --help`: every
// option with its default.
import { DEFAULT_TOP, MAX_TOP } from '../model/process-selection.js';
import { DEFAULT_LISTEN, formatListenAddress } from './listen-address.js';
import { SCHEME_NAMES } from '../model/scheme-names.js';
import { DEFAULT_HIGHLIGHT_SECS, MAX_COUNT, MAX_DELAY_TENTHS, MAX_DURATION_S, MAX_HIGHLIGHT_SECS } from './parse-options.js';
import { KEY_EVERY } from '../sampling/recording-member.js';
import { describeSourceFields } from '../sampling/source-fields.js';
import { SOURCE_NAMES } from '../sampling/types.js';

export const MONITOR_HELP = `Usage: pooltop [options]
       pooltop snapshot [--json] [--tree] [-u user] [-p pids] [-s key] [--source name]
                        [--columns list] [--watch [-d tenths] [--count n]] [--pool-only]
                        [--json -p pids --details [--env]]
       pooltop serve [--listen host:port] [options]  (see pooltop serve --help)
       pooltop primes [options]          (see pooltop primes --help)
       pooltop sumsq [options]           (see pooltop sumsq --help)
       pooltop record FILE [-d tenths] [--duration s] [--count n]  (see pooltop record --help)
       pooltop replay FILE [options]     (see pooltop replay --help)
       pooltop run [options] -- CMD [ARGS...]  (see pooltop run --help)

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
      --readonly           read-only mode: no key sends a signal, renices, sets an I/O
                           priority or CPU affinity, runs the pool or strace (as htop's
                           --readonly; also the "readonly": true setting)
      --record <file>      also record every sample, the pool and the messages into this
                           new file (never an existing one), as pooltop record does;
                           pooltop replay FILE plays it back (default: no recording)
  -s, --sort-key <column>  sort column: pid, ppid, user, pri, ni, virt, res, shr,
                           state, cpu, mem, time, core, command, or any other column of
                           the setup screen (F2) (default cpu)
      --source <name>      process table source: procfs, systeminformation, ps-list
                           (default procfs on Linux, ps-list elsewhere). What each
                           gives; the rest shows as - (null in JSON):
${SOURCE_NAMES.map((source) => `                             ${source}: ${describeSourceFields(source)}`).join('\n')}
      --color-scheme <name>
                           ${SCHEME_NAMES.join(', ')}
                           (default: the saved one, else default)
  -H, --highlight-changes[=secs]
                           highlight new and exited processes, as htop's -H: a process
                           is new for secs seconds (1-${MAX_HIGHLIGHT_SECS}, default ${DEFAULT_HIGHLIGHT_SECS}) after it
                           starts; one that exits stays one more refresh (default: off)
      --no-color           monochrome (also when NO_COLOR is set)
      --color              colour even when NO_COLOR is set (default: colour)
  -M, --no-mouse           do not ask the terminal for mouse clicks, as htop's -M
  -h, --help               show this help
  -V, --version            print the version

Settings: $XDG_CONFIG_HOME/pooltop/config.json (default ~/.config/pooltop/config.json)
gives the defaults: columns, sort column and direction, tree view, delay, colour,
colour scheme, read-only mode, kernel and user threads hidden, thread names, base
names, highlighting, graphs and system meters. The options above apply to their run
only and are never saved. On exit pooltop saves what keys changed inside it (the setup
screen, t, the sort keys, K, H, G g { }), merged into the file as it is then. A file or
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
      --columns <list>     the table's columns, comma-separated, as the setup screen
                           names them (pid,user,cpu,elapsed,command…; ps names such as
                           pgid, etimes, min_flt work too); with --json, each process
                           has its PID, PPID and those fields only (default: the usual)
      --details            with --json and -p: what the details view shows of each (the
                           signals it catches, ignores, blocks or has pending, state,
                           scheduling, memory, I/O, threads with CPU%, open files)
      --env                with --details: the environment too, of your own processes only
  -s, --sort-key <column>  sort column (default cpu); see pooltop --help
      --source <name>      procfs, systeminformation or ps-list (default procfs on Linux;
                           what each gives: see pooltop --help)
      --no-color           accepted for symmetry; snapshot output has no colour
  -h, --help               show this help
`;

export const RUN_HELP = `Usage: pooltop run [options] -- CMD [ARGS...]
       pooltop run CMD [ARGS...]         (when CMD does not start with -)

Starts CMD (found on PATH, no shell) as pooltop's child, in a session and process group of its
own (setsid), and opens the monitor on it: tree view, only CMD and its descendants (its
ancestors dimmed; o shows every process again), CMD selected and followed. What CMD prints is
kept and printed when pooltop exits; its stdin is /dev/null. When CMD ends, the message line
says how (exit status, or the signal that ended it) and its times; on exit pooltop prints them
again as bash's time does — real, and the user and sys CPU of CMD and of every descendant it
waited for — and exits with CMD's status (128 + the signal's number if a signal ended it).
Quitting pooltop while CMD runs sends SIGTERM to CMD's process group (SIGKILL 2 s later).

Ctrl-C inside pooltop quits pooltop, not CMD (CMD is not in the terminal's foreground group):
to do to CMD what Ctrl-C would, press k on its row, then g (its process group), then SIGINT.

Options: those of the monitor (pooltop --help) but --pool.
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

export const RECORD_HELP = `Usage: pooltop record FILE [options]

Records the system without a screen: every sample (the header's figures and every
process's row) into FILE, a new file (pooltop never writes over a file, nor through a
link), until stopped (Ctrl-C, SIGTERM, SIGHUP), --duration or --count. pooltop replay
FILE opens the monitor on it. The file is gzip'd JSON, one record per sample (a key
frame every ${KEY_EVERY}, changes in between): zcat FILE | jq . reads it. A recording cut by
SIGKILL or a full disk replays up to its last complete sample.

Options:
  -d, --delay <tenths>     sampling interval, 1-${MAX_DELAY_TENTHS} tenths of a second (default 10)
      --duration <s>       stop after this many seconds, 1-${MAX_DURATION_S}
      --count <n>          stop after n samples, 1-${MAX_COUNT}
      --source <name>      procfs, systeminformation or ps-list (default procfs on Linux)
  -h, --help               show this help

In the monitor, pooltop --record FILE records the same, with its pool and messages.
`;

export const REPLAY_HELP = `Usage: pooltop replay FILE [options]

Opens the monitor on a recording made by pooltop record or pooltop --record: every
view, sort, filter and the tree work on the past, a time bar shows where you are, and
the replay keys play (r), pause (z), step a sample ([ ]), jump a minute ({ }), go to a
time (g) and change the speed, ½× to 16× (F7 F8). Signals, renice and the pool are
off: it is the past. A damaged or cut file replays up to the damage and says where.

Options:
  -t, --tree               start in tree view
  -s, --sort-key <column>  sort column (default cpu); see pooltop --help
  -u, --user <name>        only this user's processes, as the recording names them
  -p, --pid <pid[,pid...]> only these processes
      --no-color           monochrome (also when NO_COLOR is set)
      --color              colour even when NO_COLOR is set
  -h, --help               show this help
`;
