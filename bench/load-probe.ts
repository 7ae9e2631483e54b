/**
 * The memory probe `npm run load` preloads into the portal process (load-probe-preload.ts; never
 * the portal itself): on SIGUSR2 it collects garbage (the process runs with --expose-gc) and
 * prints one line with its memory, so the load run can compare the heap before and after.
 */
const MB = 2 ** 20;

/** The line the load run waits for. */
export const PROBE_PREFIX = 'load-probe ';

export interface ProbeReading {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

export function installProbe(): void {
  process.on('SIGUSR2', printReading);
}

function printReading(): void {
  // Twice: the first pass can leave objects that only a second one finds unreachable (weak refs).
  globalThis.gc?.();
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const reading: ProbeReading = {
    rssMb: memory.rss / MB,
    heapUsedMb: memory.heapUsed / MB,
    heapTotalMb: memory.heapTotal / MB,
    externalMb: memory.external / MB,
  };
  process.stdout.write(`${PROBE_PREFIX}${JSON.stringify(reading)}\n`);
}
