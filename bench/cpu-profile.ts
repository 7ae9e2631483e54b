/**
 * CPU profiles of a piece of work in this process (the inspector's sampling profiler, as
 * `node --cpu-prof` writes them) and a summary of where the samples fell.
 * https://nodejs.org/api/inspector.html
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface HotSpot {
  name: string;
  selfMs: number;
  share: number;
}

/** Self time per function (`name (file)`) and per file, most first; `(program)`/`(idle)` included. */
export function summarizeProfile(
  profile: CpuProfile,
  top: number,
): { functions: HotSpot[]; files: HotSpot[] } {
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits > 0 ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url } = node.callFrame;
    const file =
      url === ''
        ? '(native or VM)'
        : url.replace(/^file:\/\//, '').replace(/^.*\/(?=(engine|indexer|server|bench|node_modules)\/)/, '');
    // No line numbers: under tsx they point into the transformed code, not the source.
    const name = `${functionName || '(anonymous)'}${url === '' ? '' : ` (${file})`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    const fileKey = file.startsWith('node_modules/')
      ? file
          .split('/')
          .slice(0, file.startsWith('node_modules/@') ? 3 : 2)
          .join('/')
      : file;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + hits);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, hits]) => ({
        name,
        selfMs: hits * msPerHit,
        share: totalHits > 0 ? hits / totalHits : 0,
      }));
  return { functions: rank(byFunction), files: rank(byFile) };
}

/** Runs `work` under the sampling profiler and writes the profile to `file` (open it in Chrome DevTools). */
export async function withCpuProfile<T>(
  file: string,
  work: () => Promise<T>,
): Promise<{ value: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const value = await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    fs.writeFileSync(file, JSON.stringify(profile));
    return { value, profile };
  } finally {
    session.disconnect();
  }
}
