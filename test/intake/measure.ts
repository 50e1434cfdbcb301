/**
 * Time and peak memory of one synchronous call. Peak memory is the growth of the process's resident
 * set high-water mark (Linux VmHWM, reset through /proc/self/clear_refs), so it sees buffers that
 * were allocated and freed inside the call; undefined where /proc is not available.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusKiB(field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export interface Measured<T> {
  result: T;
  ms: number;
  /** Peak resident memory growth during the call, MiB. */
  peakGrowthMiB: number | undefined;
}

export function measure<T>(run: () => T): Measured<T> {
  const canMeasure = resetPeak();
  const before = statusKiB('VmRSS');
  const started = performance.now();
  const result = run();
  const ms = performance.now() - started;
  const peak = statusKiB('VmHWM');
  const peakGrowthMiB = canMeasure && before !== undefined && peak !== undefined ? (peak - before) / 1024 : undefined;
  return { result, ms, peakGrowthMiB };
}
