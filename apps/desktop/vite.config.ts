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
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/trpc': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
});
