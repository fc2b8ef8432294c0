/**
 * Chunks by page (vite.config.ts). Rolldown's automatic chunking gives every set of importers its own chunk, and
 * the lazily loaded forms and sections count as importers: a page ended up loading some twenty small files, each
 * compressed on its own (gzip starts over in every file), several hundred bytes each over what their code
 * compresses to together.
 *
 * Here what the pages load up front is grouped by the pages that need it: one chunk of what every page needs,
 * one per set of pages sharing the rest (the side panel and the in-page card share the contact card), and one
 * of each page's own; lazily loaded parts import from these chunks. The sets come from the module
 * graph (each page's static imports, followed to the end) once it is built, so new modules find their place.
 */
import path from 'node:path';
import type { Plugin, Rollup } from 'vite';

type Group = NonNullable<Exclude<Rollup.OutputOptions['codeSplitting'], boolean | undefined>['groups']>[number];

export function pageChunks(): { plugin: Plugin; groups: Group[] } {
  /** Module id → the pages (by folder: card, sidepanel, options) that import it up front. */
  const pagesOf = new Map<string, string[]>();
  let pageCount = 0;
  const plugin: Plugin = {
    name: 'sidekick:page-chunks',
    apply: 'build',
    buildEnd() {
      pagesOf.clear();
      pageCount = 0;
      for (const id of this.getModuleIds()) {
        if (!id.endsWith('.html') || !this.getModuleInfo(id)?.isEntry) continue;
        pageCount++;
        const page = path.basename(path.dirname(id));
        const seen = new Set<string>();
        const stack = [id];
        while (stack.length) {
          const m = stack.pop()!;
          if (seen.has(m)) continue;
          seen.add(m);
          stack.push(...(this.getModuleInfo(m)?.importedIds ?? []));
        }
        for (const m of seen) pagesOf.set(m, [...(pagesOf.get(m) ?? []), page]);
      }
    },
  };
  const pages = (id: string) => pagesOf.get(id) ?? [];
  const nameOf = (set: string[]) => (set.length === pageCount ? 'pages' : set.length === 1 ? set[0]! : `pages-${[...set].sort().join('-')}`);
  // Larger sets first: a module every page needs is never pulled into a chunk that only some pages load. A page's
  // own modules form one chunk too (its entry), also those a lazy part imports back.
  const groups: Group[] = [8, 7, 6, 5, 4, 3, 2, 1].map((n) => ({
    name: (id: string) => (pages(id).length === n ? nameOf(pages(id)) : null),
    test: (id: string) => pages(id).length === n,
    priority: n,
  }));
  return { plugin, groups };
}
