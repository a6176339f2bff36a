// Monaco's web workers, served by the gateway from /explorer/workers/ (scripts/build-web.ts bundles them).
// GraphiQL 5 asks `globalThis.MonacoEnvironment` for them; its own setup files either load them from a CDN
// (esm.sh) or need a bundler's worker syntax, so the hub sets them here: nothing is fetched from elsewhere.
const WORKERS: Record<string, string> = {
  json: '/explorer/workers/json.worker.js',
  graphql: '/explorer/workers/graphql.worker.js',
};

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(WORKERS[label] ?? '/explorer/workers/editor.worker.js', { name: label });
  },
};
