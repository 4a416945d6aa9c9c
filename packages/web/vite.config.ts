import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.CCHC_API_URL ?? 'http://localhost:3000';

// One HTML file per entry. The citizen-facing entry will be added here as `public: resolve(root, 'public.html')`.
const inputs = {
  main: resolve(root, 'index.html'),
};

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    // The shell chunk carries AntD's core (ConfigProvider, Layout, Menu, Form); pages load their own parts.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: inputs,
      output: {
        // Framework code changes rarely; keeping it apart lets browsers cache it across releases.
        // A function, not the object form: that form makes each package an entry and pulls in all of antd.
        // Other libraries are left to Rollup, so a component used by one lazy page loads with that page.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          if (/node_modules\/(i18next|react-i18next)\//.test(id)) return 'i18n';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/docs': { target: server, changeOrigin: false },
    },
  },
});
