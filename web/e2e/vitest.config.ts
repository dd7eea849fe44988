// Browser tests: playwright-core driving Debian's chromium against a real `verp serve` that
// tests/system/web_e2e.sh starts on 127.0.0.1 with a fresh database (VERP_URL).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    sequence: { concurrent: false },
  },
});
