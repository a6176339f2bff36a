import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, subgraphUrl, loadConfig } from '../lib/config';

export const SUPERGRAPH_FILE = path.join(__dirname, 'supergraph.graphql');

/**
 * Composes schema/<name>.graphql of every subgraph into the supergraph SDL, in-process with
 * @apollo/composition. URLs are the local defaults; the gateway overrides them from configuration.
 */
export function composeSupergraph(): string {
  const defaults = loadConfig({});
  const result = composeServices(
    SUBGRAPHS.map((name) => ({
      name,
      url: subgraphUrl(name, defaults),
      typeDefs: parse(readFileSync(path.join(__dirname, `${name}.graphql`), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}`);
}
