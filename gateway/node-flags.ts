/**
 * V8 flags the gateway process runs with (`npm start`, `npm run bench:load`; give them to `node` in a deployment).
 * A smaller young generation and a bounded old one keep its RSS under 200 MB at 50 concurrent clients with no
 * loss of throughput; the heap of a busy gateway stays well below the bound (docs/benchmarks.md).
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];
