/** `npm run corpus:generate -- --articles N --seed S --out FILE`: see GENERATE_USAGE. */
import fs from 'node:fs';
import path from 'node:path';
import { writeCorpus } from './corpus-generator.js';
import { GENERATE_USAGE, parseGenerateFlags } from './flags.js';

function main(argv: readonly string[]): number {
  const parsed = parseGenerateFlags(argv);
  if (parsed.ok === 'help') {
    process.stdout.write(GENERATE_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  const { articles, seed, out } = parsed.options;
  const dir = path.dirname(path.resolve(out));
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`error: --out: the directory ${dir} does not exist\n`);
    return 2;
  }
  const started = performance.now();
  const written = writeCorpus(out, { seed, articles });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `Wrote ${written.articles} articles (${written.paragraphs} paragraphs, ${(written.bytes / 1e6).toFixed(1)} MB) ` +
      `to ${out} in ${seconds.toFixed(1)} s (seed ${seed}).\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
