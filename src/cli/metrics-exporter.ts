// What /metrics answers: the exposition of the latest sample (the machine, the chosen processes,
// the pool), built at most once per sample and format however often it is asked for, so that
// scrapers, however many or fast, cost the sampling loop one build a sample at most.
import type { EventEmitter } from 'node:events';
import type { PoolEvents } from '../pool/pool-events.js';
import type { PoolPhase, PoolSnapshot } from '../pool/pool-snapshot.js';
import { CounterFloor } from '../model/counter-floor.js';
import { renderExposition, type ExpositionFormat, type MetricFamily } from '../model/metrics-exposition.js';
import { poolFamilies } from '../model/pool-metrics.js';
import { PoolTotals } from '../model/pool-totals.js';
import { processFamilies } from '../model/process-metrics.js';
import { deriveRows } from '../model/process-row.js';
import { ProcessChooser, type ProcessSelection } from '../model/process-selection.js';
import { systemFamilies } from '../model/system-metrics.js';
import { processesOnly } from '../model/thread-rows.js';
import type { Sample, Sampler } from '../sampling/types.js';
import { version } from './version.js';

/** What the exporter needs of a pool: PoolManager's snapshot, phase and events. */
export interface ExportedPool extends EventEmitter<PoolEvents> {
  readonly state: PoolPhase;
  snapshot(): PoolSnapshot;
}

export interface ExporterOptions {
  selection: ProcessSelection;
  /** The pool this pooltop runs, or null for none (its families are then absent). */
  pool: ExportedPool | null;
  /** The interval samples are taken at, exported for dashboards that need it. */
  intervalMs: number;
}

export class MetricsExporter {
  private previous: Sample | null = null;
  private latest: Sample | null = null;
  private generation = 0;
  private readonly built = new Map<ExpositionFormat, { generation: number; body: Buffer }>();
  private readonly chooser: ProcessChooser;
  private readonly cpuFloor = new CounterFloor();
  private readonly totals = new PoolTotals();
  private readonly version = version();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: ExporterOptions) {
    this.chooser = new ProcessChooser(options.selection);
    const { pool } = options;
    if (pool === null) {
      this.unsubscribe = () => {};
      return;
    }
    const onResult = (result: PoolEvents['result'][0]): void => this.totals.addResult(result);
    const onExit = (exit: PoolEvents['worker-exit'][0]): void => {
      this.totals.addExit(exit);
      // The run's CPU as it ends: a restart would otherwise hide what it used since the last look.
      this.totals.observe(pool.snapshot().summary);
    };
    pool.on('result', onResult);
    pool.on('worker-exit', onExit);
    this.unsubscribe = () => {
      pool.off('result', onResult);
      pool.off('worker-exit', onExit);
    };
  }

  /** The same sampler, whose every sample also becomes the exporter's latest. */
  observe(sampler: Sampler): Sampler {
    return {
      source: sampler.source,
      capabilities: sampler.capabilities,
      sample: async (request) => {
        const sample = await sampler.sample(request);
        // The monitor may ask for thread rows (H); the exporter's series are of processes.
        this.update(processesOnly(sample));
        return sample;
      },
      close: () => sampler.close(),
    };
  }

  update(sample: Sample): void {
    this.previous = this.latest;
    this.latest = sample;
    this.generation++;
  }

  /** The exposition of the latest sample, or null before the first one. */
  exposition(format: ExpositionFormat): Buffer | null {
    if (this.latest === null) return null;
    const cached = this.built.get(format);
    if (cached && cached.generation === this.generation) return cached.body;
    const body = Buffer.from(renderExposition(this.families(), format), 'utf8');
    this.built.set(format, { generation: this.generation, body });
    return body;
  }

  /** Every family of the latest sample, in the order they are written (none before the first). */
  families(): MetricFamily[] {
    const sample = this.latest;
    if (sample === null) return [];
    const families: MetricFamily[] = [
      {
        name: 'pooltop_build',
        type: 'info',
        help: 'The pooltop version that exports these metrics.',
        samples: [{ labels: { version: this.version }, value: 1 }],
      },
      {
        name: 'pooltop_sample_timestamp_seconds',
        type: 'gauge',
        unit: 'seconds',
        help: 'When the sample these metrics come from was taken, in seconds since the epoch.',
        samples: [{ value: sample.time / 1000 }],
      },
      {
        name: 'pooltop_sample_interval_seconds',
        type: 'gauge',
        unit: 'seconds',
        help: 'How often pooltop samples the system (-d).',
        samples: [{ value: this.options.intervalMs / 1000 }],
      },
      ...systemFamilies(sample, this.cpuFloor),
      ...processFamilies(this.chooser.choose(deriveRows(this.previous, sample))),
    ];
    const { pool } = this.options;
    if (pool !== null && pool.state !== 'idle') {
      const snapshot = pool.snapshot();
      this.totals.observe(snapshot.summary);
      families.push(...poolFamilies(snapshot, this.totals));
    }
    return families;
  }

  close(): void {
    this.unsubscribe();
  }
}
