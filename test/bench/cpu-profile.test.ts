import { describe, expect, it } from 'vitest';
import { summarizeProfile, type CpuProfile } from '../../bench/cpu-profile.js';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe('summarizeProfile', () => {
  it('ranks functions and files by self time, from sample counts over the profile duration', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 100_000, // 100 ms in microseconds
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), hitCount: 0 },
        { id: 2, callFrame: frame('typoCount', 'file:///work/main/engine/typo.ts'), hitCount: 6 },
        { id: 3, callFrame: frame('all', ''), hitCount: 3 },
        { id: 4, callFrame: frame('damerauLevenshtein', 'file:///work/main/engine/typo.ts'), hitCount: 1 },
      ],
    };
    const { functions, files } = summarizeProfile(profile, 2);
    expect(functions).toEqual([
      { name: 'typoCount (engine/typo.ts)', selfMs: 60, share: 0.6 },
      { name: 'all', selfMs: 30, share: 0.3 },
    ]);
    expect(files[0]).toEqual({ name: 'engine/typo.ts', selfMs: 70, share: 0.7 });
  });
});
