/** Resident memory of a process, from /proc (Linux), sampled while it works. */
import fs from 'node:fs';

/** VmRSS and VmHWM (peak resident set) of a process in MB, or null when /proc cannot say. */
export function processMemory(pid: number | 'self' = 'self'): { rssMb: number; peakRssMb: number } | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string): number | null => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  };
  const rss = field('VmRSS');
  const peak = field('VmHWM');
  return rss === null || peak === null ? null : { rssMb: rss, peakRssMb: peak };
}

/** Samples a process's RSS every `intervalMs` until stopped; the highest sample and VmHWM. */
export function sampleMemory(
  pid: number | 'self',
  intervalMs = 100,
): { stop: () => { maxRssMb: number; peakRssMb: number } } {
  let maxRssMb = 0;
  let peakRssMb = 0;
  const sample = () => {
    const memory =
      pid === 'self' ? { rssMb: process.memoryUsage().rss / 2 ** 20, peakRssMb: 0 } : processMemory(pid);
    if (memory) {
      maxRssMb = Math.max(maxRssMb, memory.rssMb);
      peakRssMb = Math.max(peakRssMb, memory.peakRssMb);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      if (pid === 'self') peakRssMb = processMemory('self')?.peakRssMb ?? maxRssMb;
      return { maxRssMb, peakRssMb };
    },
  };
}
