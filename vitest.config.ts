import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file builds its own index under a temp dir, so files can run in parallel.
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
