// A pool's snapshot read back from a recording: rebuilt field by field from the untrusted JSON,
// so what reaches the pool panel has exactly the shape and ranges a live pool gives it.
import type { ChildSnapshot, PoolSnapshot, PoolSummary, WorkerSnapshot } from '../pool/pool-snapshot.js';
import type { Task, TaskResult, WorkloadChoice } from '../pool/task.js';
import { isWorkloadName } from '../pool/workload-names.js';
import { readBoolean, readChoice, readInteger, readList, readNullable, readNumber, readObject, readString, RecordingError } from './recording-fields.js';

const PID_LIMIT = 2 ** 31 - 1;
const TEXT_LIMIT = 4096;
/** More than the pool manager ever holds: its worker limit is 256, its results kept 50. */
const WORKERS_LIMIT = 1024;
const RESULTS_LIMIT = 1024;
const CHILDREN_LIMIT = 4096;

export function readPoolSnapshot(value: unknown, path = 'pool'): PoolSnapshot {
  const pool = readObject(value, path);
  const workers = readList(pool.workers, `${path}.workers`, WORKERS_LIMIT).map((w, i) => readWorker(w, `${path}.workers[${i}]`));
  return { workers, summary: readSummary(pool.summary, `${path}.summary`) };
}

function readWorkload(value: unknown, path: string): WorkloadChoice {
  const choice = readObject(value, path);
  if (!isWorkloadName(choice.workload)) throw new RecordingError(`${path}.workload is not a workload this pooltop knows`);
  const out: WorkloadChoice = { workload: choice.workload };
  if (choice.method !== undefined) out.method = readChoice(choice.method, `${path}.method`, ['naive', 'sqrt'] as const);
  return out;
}

function readTask(value: unknown, path: string): Task {
  const task = readObject(value, path);
  return { id: readInteger(task.id, `${path}.id`), arg: readNumber(task.arg, `${path}.arg`, -Number.MAX_SAFE_INTEGER), ...readWorkload(task, path) };
}

function readWorker(value: unknown, path: string): WorkerSnapshot {
  const w = readObject(value, path);
  const worker: WorkerSnapshot = {
    index: readInteger(w.index, `${path}.index`),
    pid: readInteger(w.pid, `${path}.pid`, 0, PID_LIMIT),
    state: readChoice(w.state, `${path}.state`, ['starting', 'idle', 'busy', 'paused', 'exiting'] as const),
    task: readNullable(w.task, (t) => readTask(t, `${path}.task`)),
    taskSince: readNullable(w.taskSince, (t) => readNumber(t, `${path}.taskSince`)),
    tasksDone: readInteger(w.tasksDone, `${path}.tasksDone`),
    cpuMs: readNumber(w.cpuMs, `${path}.cpuMs`),
    trap: readBoolean(w.trap, `${path}.trap`),
    procState: readNullable(w.procState, (s) => readString(s, `${path}.procState`, 2)),
    startedAt: readNumber(w.startedAt, `${path}.startedAt`),
  };
  if (w.child !== undefined) {
    worker.child = readNullable(w.child, (c) => {
      const child = readObject(c, `${path}.child`);
      return { pid: readInteger(child.pid, `${path}.child.pid`, 0, PID_LIMIT), since: readNumber(child.since, `${path}.child.since`) };
    });
  }
  return worker;
}

function readResult(value: unknown, path: string): TaskResult {
  const r = readObject(value, path);
  const workload = readWorkload(r, path);
  const result: TaskResult = {
    taskId: readInteger(r.taskId, `${path}.taskId`),
    workload: workload.workload,
    arg: readNumber(r.arg, `${path}.arg`, -Number.MAX_SAFE_INTEGER),
    value:
      r.value === null
        ? null
        : typeof r.value === 'string'
          ? readString(r.value, `${path}.value`, TEXT_LIMIT)
          : readNumber(r.value, `${path}.value`, -Number.MAX_VALUE, Number.MAX_VALUE),
    error: readNullable(r.error, (e) => readString(e, `${path}.error`, TEXT_LIMIT)),
    pid: readInteger(r.pid, `${path}.pid`, 0, PID_LIMIT),
    workerIndex: readInteger(r.workerIndex, `${path}.workerIndex`),
    cpuMs: readNumber(r.cpuMs, `${path}.cpuMs`),
    wallMs: readNumber(r.wallMs, `${path}.wallMs`),
    finishedAt: readNumber(r.finishedAt, `${path}.finishedAt`),
  };
  if (workload.method !== undefined) result.method = workload.method;
  return result;
}

function readChild(value: unknown, path: string): ChildSnapshot {
  const c = readObject(value, path);
  return {
    pid: readInteger(c.pid, `${path}.pid`, 0, PID_LIMIT),
    command: readString(c.command, `${path}.command`, TEXT_LIMIT),
    workerIndex: readInteger(c.workerIndex, `${path}.workerIndex`),
    workerPid: readInteger(c.workerPid, `${path}.workerPid`, 0, PID_LIMIT),
    orphaned: readBoolean(c.orphaned, `${path}.orphaned`),
    ppid: readInteger(c.ppid, `${path}.ppid`, 0, PID_LIMIT),
    since: readNumber(c.since, `${path}.since`),
  };
}

function readSummary(value: unknown, path: string): PoolSummary {
  const s = readObject(value, path);
  const n = (key: string): number => readNumber(s[key], `${path}.${key}`);
  const summary: PoolSummary = {
    phase: readChoice(s.phase, `${path}.phase`, ['idle', 'running', 'stopping', 'stopped'] as const),
    workers: readInteger(s.workers, `${path}.workers`, 0, WORKERS_LIMIT),
    streaming: readBoolean(s.streaming, `${path}.streaming`),
    workload: readNullable(s.workload, (w) => readWorkload(w, `${path}.workload`)),
    startedAt: readNullable(s.startedAt, (t) => readNumber(t, `${path}.startedAt`)),
    wallMs: n('wallMs'),
    cpuMs: n('cpuMs'),
    cpuUserMs: n('cpuUserMs'),
    cpuSystemMs: n('cpuSystemMs'),
    coresBusy: n('coresBusy'),
    tasksDone: readInteger(s.tasksDone, `${path}.tasksDone`),
    tasksPerSecond: n('tasksPerSecond'),
    pending: readInteger(s.pending, `${path}.pending`),
    inFlight: readInteger(s.inFlight, `${path}.inFlight`),
    replaced: readInteger(s.replaced, `${path}.replaced`),
    latest: readList(s.latest, `${path}.latest`, RESULTS_LIMIT).map((r, i) => readResult(r, `${path}.latest[${i}]`)),
  };
  if (s.children !== undefined) {
    summary.children = readList(s.children, `${path}.children`, CHILDREN_LIMIT).map((c, i) => readChild(c, `${path}.children[${i}]`));
  }
  return summary;
}
