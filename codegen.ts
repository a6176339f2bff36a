import type { CodegenConfig } from '@graphql-codegen/cli';
import { existsSync } from 'node:fs';
import { SUBGRAPHS } from './lib/config';

// Resolver types for each subgraph from its SDL, with parents mapped to the mongoose document types
// that each subgraph's models/index.ts exports under the names `<Type>Model`.
const generates: CodegenConfig['generates'] = {};
for (const name of SUBGRAPHS.filter((n) => existsSync(`schema/${n}.graphql`))) {
  generates[`subgraphs/${name}/__generated__/resolvers-types.ts`] = {
    schema: `schema/${name}.graphql`,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useIndexSignature: true,
      contextType: '../context#Context',
      mapperTypeSuffix: 'Model',
      mappers: mappersFor(name),
      scalars: { DateTime: 'Date', Date: 'Date' },
      enumsAsTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    },
  };
}

function mappersFor(name: string): Record<string, string> {
  // Filled from each subgraph's models/mappers.json so that adding a type touches one subgraph only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`./subgraphs/${name}/models/mappers.json`) as Record<string, string>;
}

export default { overwrite: true, generates, silent: true } satisfies CodegenConfig;
