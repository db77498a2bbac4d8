// The text of `pooltop --help` and `pooltop snapshot --help`: every option with its default.
import { MAX_DELAY_TENTHS } from './parse-options.js';

export const MONITOR_HELP = `Usage: pooltop [options]
       pooltop snapshot [--json] [--tree] [-u user] [-p pids] [-s key] [--source name]
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
  -s, --sort-key <column>  sort column: pid, ppid, user, pri, ni, virt, res, state,
                           cpu, mem, time, core, command (default cpu)
      --source <name>      process table source: procfs, systeminformation, ps-list
                           (default procfs on Linux, ps-list elsewhere)
      --no-color           monochrome (also when NO_COLOR is set)
      --color              colour even when NO_COLOR is set (default: colour)
  -h, --help               show this help
  -V, --version            print the version

Settings: $XDG_CONFIG_HOME/pooltop/config.json (default ~/.config/pooltop/config.json)
gives the defaults: sort column and direction, tree view, delay, colour. The options
above apply to their run only and are never saved. On exit pooltop saves what keys
changed inside it (t, the sort keys), merged into the file as it is then. A file or
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
  -t, --tree               print the PID/PPID tree (with --json: nested "children")
  -u, --user <name|uid>    only this user's processes: a name, or a UID that passwd has
                           or a process runs as (default: all users)
  -p, --pid <pid[,pid...]> only these processes, PIDs 1 to pid_max − 1 (default: all)
  -s, --sort-key <column>  sort column (default cpu); see pooltop --help
      --source <name>      procfs, systeminformation or ps-list (default procfs on Linux)
      --no-color           accepted for symmetry; snapshot output has no colour
  -h, --help               show this help
`;
