import cliProgress from 'cli-progress';

/** Where progress goes; `process.stderr` in the CLI. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(done: number, total: number, detail?: string): void;
  stop(): void;
}

/** Lines printed per phase when the output is not a terminal (logs, CI). */
const PLAIN_STEPS = 20;

/**
 * A progress display for one phase: a live bar on a terminal, otherwise a few plain lines
 * (every 5 % and the last), because a redrawn bar turns into noise in a log file.
 */
export function createProgress(stream: OutputStream, label: string, unit: string): Progress {
  return stream.isTTY ? terminalProgress(stream, label, unit) : plainProgress(stream, label, unit);
}

function terminalProgress(stream: OutputStream, label: string, unit: string): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} ${unit} {detail}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, detail = '') {
      if (!started) bar.start(total, 0, { detail });
      started = true;
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function plainProgress(stream: OutputStream, label: string, unit: string): Progress {
  let lastStep = -1;
  return {
    update(done, total) {
      const step = total === 0 ? PLAIN_STEPS : Math.floor((done / total) * PLAIN_STEPS);
      if (step === lastStep) return;
      lastStep = step;
      stream.write(`${label} ${done}/${total} ${unit}\n`);
    },
    stop() {},
  };
}
