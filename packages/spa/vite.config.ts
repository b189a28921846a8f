/**
 * The SPA build: content-hashed asset names (`assets/<name>-<hash>.js|css`, cached for a
 * year by the CDN; index.html is not cached), no source maps, no inline scripts (the CSP
 * allows `script-src 'self'` only), and nothing that depends on the build's time or
 * machine, so the same sources give the same bytes.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
