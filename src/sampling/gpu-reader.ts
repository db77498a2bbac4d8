// GPUs that report how busy they are: AMD's from the amdgpu driver's sysfs files (read directly,
// no process), NVIDIA's from systeminformation's graphics(), which runs nvidia-smi — asked only
// when nvidia-smi is on PATH, since graphics() also runs lspci and more on every call.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Systeminformation } from 'systeminformation';
import { listSys, readSysNumber, readSysText } from '../platform/sysfs-file.js';
import type { Gpu, Reading } from './system-meters.js';

const MIB = 1024 * 1024;

export async function readGpus(sys = '/sys', path = process.env.PATH ?? ''): Promise<Reading<Gpu[]>> {
  const found = amdGpus(sys);
  if (hasCommand('nvidia-smi', path)) {
    const si = (await import('systeminformation')).default;
    found.push(...gpusFromGraphics(await si.graphics()));
  }
  if (found.length > 0) return { value: found };
  return { missing: 'no GPU that reports its load (no amdgpu gpu_busy_percent in /sys/class/drm, no nvidia-smi on PATH)' };
}

function amdGpus(sys: string): Gpu[] {
  const base = `${sys}/class/drm`;
  const out: Gpu[] = [];
  for (const card of listSys(base, /^card\d+$/)) {
    const dir = `${base}/${card}/device`;
    const busy = readSysNumber(`${dir}/gpu_busy_percent`);
    if (busy === null) continue;
    const hwmon = listSys(`${dir}/hwmon`, /^hwmon\d+$/)[0];
    const millis = hwmon ? readSysNumber(`${dir}/hwmon/${hwmon}/temp1_input`) : null;
    out.push({
      name: readSysText(`${dir}/product_name`) || `${card} (amdgpu)`,
      utilization: clampPercent(busy),
      memoryUsedBytes: readSysNumber(`${dir}/mem_info_vram_used`),
      memoryTotalBytes: readSysNumber(`${dir}/mem_info_vram_total`),
      celsius: millis === null ? null : millis / 1000,
    });
  }
  return out;
}

/** The controllers systeminformation found that say how busy they are (nvidia-smi's; sizes in MiB). */
export function gpusFromGraphics(data: Pick<Systeminformation.GraphicsData, 'controllers'>): Gpu[] {
  const out: Gpu[] = [];
  for (const c of data.controllers ?? []) {
    if (typeof c.utilizationGpu !== 'number' || !Number.isFinite(c.utilizationGpu)) continue;
    const bytes = (mib: number | undefined): number | null => (typeof mib === 'number' && Number.isFinite(mib) && mib >= 0 ? mib * MIB : null);
    out.push({
      name: c.name || [c.vendor, c.model].filter(Boolean).join(' ') || 'GPU',
      utilization: clampPercent(c.utilizationGpu),
      memoryUsedBytes: bytes(c.memoryUsed),
      memoryTotalBytes: bytes(c.memoryTotal),
      celsius: typeof c.temperatureGpu === 'number' && Number.isFinite(c.temperatureGpu) ? c.temperatureGpu : null,
    });
  }
  return out;
}

export function hasCommand(name: string, path: string): boolean {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // Not in this folder.
    }
  }
  return false;
}

function clampPercent(n: number): number {
  return Math.min(100, Math.max(0, n));
}
