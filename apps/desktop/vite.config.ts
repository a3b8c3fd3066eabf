import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// One renderer bundle for the browser (served by the server at `/`) and for Electron (loaded from disk):
// relative asset paths work under both.
export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      // The shared zod schemas import enum constants from @picineiros/db; the browser gets those constants
      // without the ORM (test/db-constants.unit.test.ts keeps the two in step).
      '@picineiros/db': here('./src/renderer/shims/db-constants.ts'),
    },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
});
