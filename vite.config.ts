/// <reference types="vitest/config" />
import fs from 'node:fs';
import path from 'node:path';
import { build, defineConfig, minifySync } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import type { Plugin, ResolvedConfig, Rollup, UserConfig } from 'vite';
import { buildManifest } from './manifest.config.ts';
import { privacyPagePlugin } from './scripts/privacy-page.ts';
import { standaloneWorker, type StandaloneWorker } from './scripts/standalone-worker.ts';
import { pageChunks } from './scripts/page-chunks.ts';

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

/**
 * The bundle map (`npm run bench` prints it): for every emitted JS file, the bytes each source module renders
 * to in it (Rollup's `chunk.modules`, each minified alone), written beside the output directory as
 * `<outDir>.bundle-map.json` so it never ships inside the extension. crxjs builds the content scripts in builds
 * of their own without our plugins; they are built again here the same way (IIFE, same define and minifier) only
 * to read their modules, and checked against the emitted file.
 */
function bundleMap(worker?: StandaloneWorker): Plugin {
  type Files = Record<string, { modules: Record<string, number> }>;
  let config: ResolvedConfig;
  const rel = (id: string) => {
    const clean = id.replace(/\0/g, '').replace(/\?.*$/, '');
    return path.isAbsolute(clean) ? path.relative(config.root, clean) : clean;
  };
  // Weights: each module's rendered code minified alone (names mangled, nothing dropped), since its rendered
  // length overstates our TypeScript against a package that ships minified.
  const weigh = (code: string | null) => {
    if (!code) return 0;
    const out = minifySync('module.js', code, { compress: false, mangle: { toplevel: true }, module: true });
    return out.errors.length ? code.length : out.code.length;
  };
  const modulesOf = (chunk: Rollup.OutputChunk) =>
    Object.fromEntries(Object.entries(chunk.modules).filter(([, m]) => m.renderedLength > 0).map(([id, m]) => [rel(id), weigh(m.code)]));
  return {
    name: 'sidekick:bundle-map',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_options, bundle) {
      const files: Files = {};
      let workerFile: string | undefined;
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        // The worker's file is the chunk of its entry, and holds the code of its own build (standaloneWorker): its
        // modules are that build's, never the main build's (whose chunk of that entry is only the stub). Told by
        // the entry, not by comparing code, so a worker whose code was not put in its file fails here instead of
        // being mapped with some other chunk's modules.
        if (worker && out.facadeModuleId === worker.entryId) {
          if (!worker.built || out.code !== worker.built.code) this.error(`bundle map: ${out.fileName} does not hold the standalone worker's code`);
          workerFile = out.fileName;
          files[out.fileName] = { modules: modulesOf(worker.built) };
        } else {
          files[out.fileName] = { modules: modulesOf(out) };
        }
      }
      if (worker && !workerFile) this.error('bundle map: no chunk of the worker entry in the bundle');
      // crxjs's IIFE content scripts arrive as assets: src/content/<name>.js from src/content/<name>.ts.
      for (const out of Object.values(bundle)) {
        if (out.type !== 'asset' || !/^src\/.+\.js$/.test(out.fileName)) continue;
        const entry = path.join(config.root, out.fileName.replace(/\.js$/, '.ts'));
        if (!fs.existsSync(entry)) continue;
        const result = (await build({
          configFile: false, logLevel: 'silent', root: config.root, mode: config.mode, resolve: config.resolve, define: config.define,
          build: {
            write: false, emptyOutDir: false, minify: config.build.minify, target: config.build.target,
            lib: { entry, formats: ['iife'], name: 'map', fileName: () => out.fileName },
            rollupOptions: { output: { entryFileNames: out.fileName } },
          },
        })) as Rollup.RollupOutput | Rollup.RollupOutput[];
        const chunk = (Array.isArray(result) ? result.flatMap((r) => r.output) : result.output)
          .find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
        const shipped = typeof out.source === 'string' ? out.source : new TextDecoder().decode(out.source);
        // Another minifier or option than crxjs's would attribute the wrong bytes: say so rather than guess.
        if (chunk && Math.abs(chunk.code.length - shipped.length) <= 64) files[out.fileName] = { modules: modulesOf(chunk) };
        else this.warn(`bundle map: ${out.fileName} rebuilt to ${chunk?.code.length} B, shipped ${shipped.length} B; left out`);
      }
      const outDir = path.resolve(config.root, config.build.outDir);
      fs.writeFileSync(`${outDir}.bundle-map.json`, JSON.stringify({ outDir: path.basename(outDir), ...(workerFile ? { worker: workerFile } : {}), files }, null, 1));
    },
  };
}

/**
 * Vite wraps each `import()` in a helper that first loads the lazy chunk's stylesheets and preloads its imports
 * (~0.5 KB gzip on every page that lazy-loads anything). With modulePreload off it has nothing to preload, and
 * no lazy chunk of ours imports CSS (styles.css loads up front): the wrapper only calls `import()`. So the helper
 * is reduced to that call, and the build fails if a lazily loaded chunk ever brings a stylesheet of its own.
 */
function plainDynamicImports(): Plugin {
  return {
    name: 'sidekick:plain-dynamic-imports',
    apply: 'build',
    enforce: 'post',
    transform(_code, id) {
      if (id !== '\0vite/preload-helper.js') return null;
      return { code: 'export const __vitePreload = (load) => load();', map: null };
    },
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) {
        const css = out.type === 'chunk' && out.isDynamicEntry ? [...(out.viteMetadata?.importedCss ?? [])] : [];
        if (css.length) this.error(`${out.fileName} is loaded lazily and imports ${css.join(', ')}: it would load unstyled (see plainDynamicImports)`);
      }
    },
  };
}

/** `npm run build:widget`: `<sidekick-contact>` as one ES module for other sites (dist-widget/sidekick.js). */
const widgetConfig = (): UserConfig => ({
  plugins: [preact(), compactCatalogues(), bundleMap()],
  publicDir: false,
  define: { __SANDBOX__: 'false', 'process.env.NODE_ENV': '"production"' },
  build: {
    // SIDEKICK_WIDGET_OUT_DIR: a widget build of one's own (the e2e and the sandbox's /widget/ read dist-widget).
    outDir: process.env.SIDEKICK_WIDGET_OUT_DIR ?? 'dist-widget',
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

// What the pages load up front is chunked by the pages that need it (scripts/page-chunks.ts).
const pageSplit = pageChunks();

const extensionPlugins = (mode: string) => {
  // The worker is built on its own, one file shared with no page (scripts/standalone-worker.ts).
  const worker = standaloneWorker('src/background/index.ts');
  return [crx({ manifest: buildManifest(mode) }), noWebAccessibleScripts(), plainDynamicImports(), worker, pageSplit.plugin, bundleMap(worker), privacyPagePlugin(import.meta.dirname)];
};

export default defineConfig(({ mode }) => mode === 'widget' ? widgetConfig() : ({
  // The crx plugin only builds the extension; vitest runs without it.
  plugins: [preact(), ...(process.env.VITEST ? [] : extensionPlugins(mode))],
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
    rollupOptions: { input: { card: 'src/card/index.html' }, output: { codeSplitting: { groups: pageSplit.groups } } },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/unit/setup.ts'],
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
