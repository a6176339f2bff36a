import madge from 'madge';
import path from 'node:path';

// Models import nothing of their subgraph's domain, workflows import models and never the reverse: the import
// graph has no circle, type imports included. Codegen's output is left out: its resolver types name each
// subgraph's Context and models by design.
it('has no import circle', async () => {
  const root = path.resolve(__dirname, '../..');
  const graph = await madge(['lib', 'gateway', 'subgraphs', 'seed', 'scripts', 'schema'].map((d) => path.join(root, d)), {
    baseDir: root,
    fileExtensions: ['ts'],
    tsConfig: path.join(root, 'tsconfig.json'),
    excludeRegExp: [/__generated__/],
  });
  expect(Object.keys(graph.obj()).length).toBeGreaterThan(150); // the graph was really read
  expect(graph.circular()).toEqual([]);
}, 60_000);
