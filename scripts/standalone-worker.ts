/**
 * The service worker as one file built on its own (vite.config.ts).
 *
 * In one build with the pages, every module the worker and a page both import (the protocol's schemas and
 * valibot, the events table, the menu request…) lands in a chunk they share: each page then loads the worker's
 * share of that chunk (all the valibot the worker's schemas use, for one constant), and the worker loads six
 * files. Nothing is gained by sharing: the worker and the pages never share a module instance (other realms).
 *
 * So the worker is built by itself, as crxjs builds its IIFE content scripts: one ES module, tree-shaken for the
 * worker alone. In the main build its entry is a stub that imports only the content scripts the worker injects
 * (`?script&iife`, so crxjs still builds them and names their files), and the stub's chunk gets the worker's
 * code at the end. The file names the worker's code carries for those scripts are checked against the names
 * crxjs wrote into the stub.
 */
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig, type Rollup } from 'vite';

const SCRIPT_QUERY = /\?(?:script|iife)\b/;

/** crxjs's name for an IIFE content script's output: src/content/entry.ts → src/content/entry.js. */
const iifeFileName = (root: string, file: string) => path.relative(root, file).replace(/\.(?:[cm]?[jt]sx?)$/, '.js');

/** The plugin, and what the bundle map (vite.config.ts) reads of it once the worker is built. */
export type StandaloneWorker = Plugin & {
  /** The worker's one file as its own build made it (its code and its modules). */
  built?: Rollup.OutputChunk;
  /** The worker entry's absolute path: the main build's chunk whose facadeModuleId it is carries the worker. */
  entryId?: string;
};

export function standaloneWorker(entry: string): StandaloneWorker {
  let config: ResolvedConfig;
  let entryId = '';
  /** Each `?script…` import of the worker: the specifier's absolute path with its query, and the file crxjs makes of it. */
  let scripts: Array<{ id: string; fileName: string }> = [];
  const plugin: StandaloneWorker = {
    name: 'sidekick:standalone-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
      entryId = path.resolve(config.root, entry);
      plugin.entryId = entryId;
    },
    async buildStart() {
      const found = new Map<string, string>();
      const result = (await build({
        configFile: false,
        logLevel: 'warn',
        root: config.root,
        mode: config.mode,
        resolve: config.resolve,
        define: config.define,
        publicDir: false,
        plugins: [{
          name: 'sidekick:worker-scripts',
          enforce: 'pre',
          async resolveId(source, importer) {
            if (!importer || !SCRIPT_QUERY.test(source)) return null;
            const [file = '', query = ''] = source.split('?');
            const resolved = await this.resolve(file, importer, { skipSelf: true });
            if (!resolved) return null;
            found.set(`${resolved.id}?${query}`, iifeFileName(config.root, resolved.id));
            return `\0sidekick-script:${resolved.id}`;
          },
          load(id) {
            if (!id.startsWith('\0sidekick-script:')) return null;
            return `export default ${JSON.stringify(iifeFileName(config.root, id.slice('\0sidekick-script:'.length)))};`;
          },
        }],
        build: {
          write: false,
          emptyOutDir: false,
          copyPublicDir: false,
          target: config.build.target,
          minify: config.build.minify,
          sourcemap: false,
          modulePreload: false,
          rollupOptions: { input: entryId, output: { format: 'es', codeSplitting: false } },
        },
      })) as Rollup.RollupOutput | Rollup.RollupOutput[];
      const outputs = Array.isArray(result) ? result.flatMap((r) => r.output) : result.output;
      const chunks = outputs.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      if (chunks.length !== 1 || !chunks[0]) throw new Error(`standalone worker: expected one file, got ${chunks.map((c) => c.fileName).join(', ')}`);
      plugin.built = chunks[0];
      scripts = [...found].map(([id, fileName]) => ({ id, fileName }));
    },
    load(id) {
      if (id !== entryId) return null;
      // The stub: only the scripts' imports (crxjs builds and names them); the worker's own graph stays out.
      return scripts.map((s, i) => `import s${i} from ${JSON.stringify(s.id)};`).join('\n')
        + `\nexport const scripts = [${scripts.map((_, i) => `s${i}`).join(', ')}];\n`;
    },
    generateBundle(_options, bundle) {
      const stub = Object.values(bundle).find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.facadeModuleId === entryId);
      if (!stub || !plugin.built) throw new Error('standalone worker: the worker entry is missing from the bundle');
      for (const s of scripts) {
        if (!stub.code.includes(JSON.stringify(s.fileName))) {
          throw new Error(`standalone worker: crxjs did not name ${s.id} ${s.fileName}; the worker would inject a missing file`);
        }
      }
      stub.code = plugin.built.code;
    },
  };
  return plugin;
}
