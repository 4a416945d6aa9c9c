import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const web = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.CCHC_API_URL ?? 'http://localhost:3000';

// The citizen site (issue #4): Preact, no AntD or React, so the lookup page stays far under 60 KB gzipped.
// Served by the API server under /cong-dan/ (assets) and at /tra-cuu, /thu-tuc, /nop-truc-tuyen (pages).
export default defineConfig({
  root: resolve(web, 'public-site'),
  base: '/cong-dan/',
  plugins: [preact()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(web, 'dist-public'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
    },
  },
});
