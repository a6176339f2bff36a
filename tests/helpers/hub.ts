import { resetConfig, SUBGRAPHS, type SubgraphName } from '../../lib/config';
import { randomUUID } from 'node:crypto';
import { IDENTITY_HEADER, issueUserToken, requestDigest, signInternalIdentity, type Role } from '../../lib/identity';
import { startSubgraph } from '../../lib/subgraph';
import { startGateway } from '../../gateway/server';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import type { Result } from './subgraph';

export interface Hub {
  url: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** POSTs an operation to the gateway over real HTTP with a token for `who`. */
  query(who: Caller | string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<Result & { status: number }>;
  /** `query`, expecting no errors; returns the data. */
  ok(who: Caller, query: string, variables?: Record<string, unknown>): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
  /** Calls one subgraph directly (e.g. `_entities`), signed as the gateway would sign it for `who`. */
  direct(subgraph: SubgraphName, who: Caller, query: string, variables?: Record<string, unknown>): Promise<Result>;
  stopSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export interface Caller {
  agency: string;
  roles?: Role[];
  userId?: string;
}

/** Starts the five subgraphs and the gateway on free ports, talking real HTTP to each other. */
export async function startHub(): Promise<Hub> {
  const running = new Map<SubgraphName, { url: string; close: () => Promise<void> }>();
  // The joint office first: the others send it audit events and ask it for grants.
  const liaison = await startSubgraph(SUBGRAPH_DEFINITIONS.liaison, 0);
  running.set('liaison', liaison);
  process.env.LIAISON_URL = liaison.url;
  resetConfig();
  for (const name of SUBGRAPHS.filter((n) => n !== 'liaison')) {
    const started = await startSubgraph(SUBGRAPH_DEFINITIONS[name], 0);
    running.set(name, started);
    process.env[`${name.toUpperCase()}_URL`] = started.url; // the joint office asks them for holdings
  }
  resetConfig();
  const subgraphUrls = Object.fromEntries([...running].map(([n, r]) => [n, r.url])) as Record<SubgraphName, string>;
  const gateway = await startGateway(subgraphUrls, 0);
  const tokens = new Map<string, string>();

  async function tokenFor(who: Caller): Promise<string> {
    const roles = who.roles ?? ['officer'];
    const key = `${who.agency}|${roles.join(',')}|${who.userId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await issueUserToken({ userId: who.userId ?? `u-${who.agency}`, agency: who.agency, roles }));
    return tokens.get(key)!;
  }

  const hub: Hub = {
    url: gateway.url,
    subgraphUrls,
    async query(who, query, variables = {}, headers = {}) {
      const token = who === null ? undefined : typeof who === 'string' ? who : await tokenFor(who);
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Result;
      return { ...body, status: res.status };
    },
    async ok(who, query, variables = {}) {
      const r = await hub.query(who, query, variables);
      expect(r.errors).toBeUndefined();
      return r.data!;
    },
    async direct(subgraph, who, query, variables = {}) {
      const identity = { userId: who.userId ?? 'u', agency: who.agency, roles: who.roles ?? ['officer'], requestId: `direct-${randomUUID()}` };
      const res = await fetch(subgraphUrls[subgraph], {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signInternalIdentity(identity, requestDigest(query, variables)) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Result;
    },
    async stopSubgraph(name) {
      await running.get(name)?.close();
      running.delete(name);
    },
    async stop() {
      await gateway.close();
      for (const r of running.values()) await r.close();
    },
  };
  return hub;
}
