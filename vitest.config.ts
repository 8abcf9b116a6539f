import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'happy-dom',
    globalSetup: ['./tests/unit/global-setup.ts'],
    setupFiles: ['fake-indexeddb/auto', './tests/unit/setup.ts'],
    restoreMocks: true,
  },
});
