/// <reference types="vitest/config" />
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import type { Plugin, UserConfig } from 'vite';
import { buildManifest } from './manifest.config.ts';

/**
 * crxjs lists scripts meant for chrome.scripting as web-accessible to every site. They don't need to be:
 * executeScript and registerContentScripts load them without it, and a web-accessible file lets any page
 * detect the extension. Drop those entries from the emitted manifest.
 */
function noWebAccessibleScripts(): Plugin {
  return {
    name: 'sidekick:no-web-accessible-scripts',
    enforce: 'post',
    writeBundle(options) {
      const file = path.join(options.dir ?? 'dist', 'manifest.json');
      if (!fs.existsSync(file)) return;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { web_accessible_resources?: Array<{ resources: string[] }> };
      const kept = (manifest.web_accessible_resources ?? []).filter((r) => !r.resources.every((f) => f.startsWith('src/content/')));
      if (kept.length) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    },
  };
}

/** The catalogues' notes for translators (`description`, `example`) are not needed at run time: not in the bundle. */
function compactCatalogues(): Plugin {
  return {
    name: 'sidekick:compact-catalogues',
    enforce: 'pre',
    transform(code, id) {
      if (!/_locales[\\/][^\\/]+[\\/]messages\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, { description?: string; placeholders?: Record<string, { example?: string }> }>;
      for (const entry of Object.values(messages)) {
        delete entry.description;
        for (const p of Object.values(entry.placeholders ?? {})) delete p.example;
      }
      return { code: JSON.stringify(messages), map: null };
    },
  };
}

/** `npm run build:widget`: `<sidekick-contact>` as one ES module for other sites (dist-widget/sidekick.js). */
const widgetConfig = (): UserConfig => ({
  plugins: [preact(), compactCatalogues()],
  publicDir: false,
  define: { __SANDBOX__: 'false', 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist-widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: false,
    lib: { entry: 'src/embed/main.ts', formats: ['es'], fileName: () => 'sidekick.js' },
    // Lazy parts (the conversation sanitizer, other languages) load from beside sidekick.js when first needed.
    // A library build leaves an ES module's whitespace (Vite keeps it for a consumer's bundler): this one is final.
    rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true } },
  },
});

export default defineConfig(({ mode }) => mode === 'widget' ? widgetConfig() : ({
  // The crx plugin only builds the extension; vitest runs without it.
  plugins: [preact(), ...(process.env.VITEST ? [] : [crx({ manifest: buildManifest(mode) }), noWebAccessibleScripts()])],
  define: {
    // Lets the worker accept http://127.0.0.1 / localhost API URLs (the local sandbox). False in production.
    __SANDBOX__: JSON.stringify(mode === 'sandbox'),
  },
  build: {
    // SIDEKICK_OUT_DIR: a build of one's own beside others' (parallel work on one tree); tests read SIDEKICK_DIST.
    outDir: process.env.SIDEKICK_OUT_DIR ?? (mode === 'sandbox' ? 'dist-sandbox' : 'dist'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    modulePreload: false,
    // The in-page card is an extension page no manifest key names as a page (only as web-accessible), so it is
    // an input of its own.
    rollupOptions: { input: { card: 'src/card/index.html' } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // The embedded element's shadow root gets the real stylesheets (`?inline`), not empty strings.
          css: { include: [/src\/(widget|embed)\/[^/]+\.css/] },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // expect.poll waits for the browser to catch up; this bounds the wait, it does not time anything.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
}));
