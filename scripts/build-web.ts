// `npm run build:web`: bundles the browser pages of web/src (TypeScript, esbuild) into web/dist/, which the
// gateway serves (gateway/server.ts WEB_DIR). Everything a page loads is in web/dist: ECharts, React, GraphiQL,
// Monaco and its workers are bundled from node_modules, so no request leaves the hub (no CDN on 政务外网).
//
//   web/dist/index.html                 GraphiQL explorer (also answered for a browser's GET /graphql)
//   web/dist/explorer/app.{js,css}      its bundle; explorer/workers/*.js the Monaco workers (editor, json, graphql)
//   web/dist/dashboard/index.html       联合看板 joint dashboard; dashboard/app.{js,css}
//
// Run by `npm start` (prestart) and `npm test` (pretest); takes a few seconds.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';

const ROOT = path.resolve(__dirname, '..');
export const WEB_SRC = path.join(ROOT, 'web', 'src');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');
const SUPERGRAPH = path.join(ROOT, 'schema', 'supergraph.graphql');

/**
 * Chinese labels of every enum value of the supergraph, from its description's first word ("""食品药品""" or
 * """审查起诉 criminal prosecution review"""): the pages show the schema's own names and never drift from it.
 */
export function enumLabels(sdl = readFileSync(SUPERGRAPH, 'utf8')): Record<string, Record<string, string>> {
  const schema = buildSchema(sdl, { assumeValidSDL: true });
  const labels: Record<string, Record<string, string>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
    const values: Record<string, string> = {};
    for (const v of type.getValues()) {
      const word = v.description?.trim().split(/\s+/)[0];
      if (word && /[\u4e00-\u9fff]/.test(word)) values[v.name] = word;
    }
    labels[type.name] = values;
  }
  return labels;
}

/** `import labels from 'virtual:enum-labels'` in a page: the labels above, computed at build time. */
const enumLabelsPlugin: Plugin = {
  name: 'enum-labels',
  setup(b) {
    b.onResolve({ filter: /^virtual:enum-labels$/ }, () => ({ path: 'enum-labels', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: JSON.stringify(enumLabels()), loader: 'json', watchFiles: [SUPERGRAPH] }));
  },
};

const common: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'linked',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  assetNames: 'assets/[name]-[hash]',
};

/** Monaco's web workers, each its own classic-worker bundle (explorer/workers.ts names them). */
const MONACO_WORKERS = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

export interface BuildResult {
  ms: number;
  /** Output files relative to web/dist, with their sizes in bytes. */
  files: Record<string, number>;
}

/** Builds every page into web/dist (emptied first). */
export async function buildWeb(): Promise<BuildResult> {
  const started = performance.now();
  rmSync(WEB_DIST, { recursive: true, force: true });
  mkdirSync(WEB_DIST, { recursive: true });
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: { 'dashboard/app': path.join(WEB_SRC, 'dashboard', 'main.ts') },
      outdir: WEB_DIST,
      format: 'esm',
      plugins: [enumLabelsPlugin],
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: { 'explorer/app': path.join(WEB_SRC, 'explorer', 'main.tsx') },
      outdir: WEB_DIST,
      format: 'esm', // GraphiQL's lazy import() of Monaco is bundled in (no splitting): one script, one stylesheet
      jsx: 'automatic',
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: Object.fromEntries(Object.entries(MONACO_WORKERS).map(([name, mod]) => [`explorer/workers/${name}`, require.resolve(mod)])),
      outdir: WEB_DIST,
      format: 'iife',
      metafile: true,
    }),
  ]);
  copyFileSync(path.join(WEB_SRC, 'explorer', 'index.html'), path.join(WEB_DIST, 'index.html'));
  copyFileSync(path.join(WEB_SRC, 'dashboard', 'index.html'), path.join(WEB_DIST, 'dashboard', 'index.html'));
  const files: Record<string, number> = {};
  for (const r of results) for (const [file, out] of Object.entries(r.metafile!.outputs)) files[path.relative(WEB_DIST, path.resolve(ROOT, file))] = out.bytes;
  for (const html of ['index.html', 'dashboard/index.html']) files[html] = readFileSync(path.join(WEB_DIST, html)).length;
  const result = { ms: Math.round(performance.now() - started), files };
  writeFileSync(path.join(WEB_DIST, 'build.json'), JSON.stringify({ builtAt: new Date().toISOString(), ...result }, null, 2));
  return result;
}

if (require.main === module) {
  buildWeb()
    .then(({ ms, files }) => {
      const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
      const main = Object.entries(files).filter(([f]) => !f.endsWith('.map') && !f.endsWith('.LEGAL.txt'));
      console.log(`web pages built into web/dist in ${(ms / 1000).toFixed(1)} s: ${main.map(([f, n]) => `${f} ${kib(n)}`).join(', ')}`);
    })
    .catch((e: Error) => {
      console.error(`web build failed: ${e.message}`);
      process.exit(1);
    });
}
