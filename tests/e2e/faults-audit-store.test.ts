import { validCreditCode } from '../helpers/fixtures';
import type { Caller } from '../helpers/hub';
import { leaksInternals, startKillableDatabase, startProcessHub, underLoad, type GraphResult, type KillableDatabase, type ProcessHub } from '../helpers/processes';

// The audit store unreachable under load: the joint office's subgraph (liaison), which keeps the audit chain and
// the grants, is SIGKILLed while 20 clients read. Reads across agencies must be refused (fail closed: they cannot be
// audited), with a code; the owner's reads are not audited (docs/domain.md#audit, docs/security.md §5) and are
// checked here for what they do; writes are refused (their intent cannot be recorded). When the joint office is
// started again, everything answers again without restarting anything else.

const SCJ: Caller = { agency: '411221-SCJ', roles: ['officer'], userId: 'faults-scj' };
const SCJ_HEAD: Caller = { agency: '411221-SCJ', roles: ['supervisor'], userId: 'faults-scj-head' };
const GAJ: Caller = { agency: '411221-GAJ', roles: ['officer'], userId: 'faults-gaj' };
const CLIENTS = 20;

const Q = {
  // the police read the transfer sent to them: a counterpart read, audited
  otherSingle: `query($t: ID!) { criminalTransfer(id: $t) { id status } }`,
  otherList: `{ criminalTransfers(first: 10) { totalCount nodes { id status } } }`,
  // the market regulator reads its own case and list: not audited
  ownSingle: `query($c: ID!) { enforcementCase(id: $c) { id caseNumber status } }`,
  ownList: `{ enforcementCases(first: 10) { totalCount nodes { id status } } }`,
} as const;
type Kind = keyof typeof Q;
const KINDS = Object.keys(Q) as Kind[];
const WHO: Record<Kind, Caller> = { otherSingle: GAJ, otherList: GAJ, ownSingle: SCJ, ownList: SCJ };

let db: KillableDatabase;
let hub: ProcessHub;
let caseId: string;
let transferId: string;

beforeAll(async () => {
  db = await startKillableDatabase('faults-audit');
  hub = await startProcessHub({ mongoUri: db.uri, start: ['enforcement', 'liaison'] });
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const step = async (who: Caller, query: string, variables: Record<string, unknown>) => {
    const r = await hub.query(who, query, variables);
    expect(r.errors).toBeUndefined();
    return Object.values(r.data!)[0] as { id: string; version: number };
  };
  caseId = (await step(SCJ, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`, {
    input: { caseNumber: '渑市监罚〔2026〕审计故障1号', field: 'FOOD_DRUG', creditCode: validCreditCode(811), facts: '销售过期食品', filedAt: daysAgo(30) },
  })).id;
  let t = await step(SCJ, `mutation($input: CriminalTransferInput!) { reportCriminalTransfer(input: $input) { id version } }`, {
    input: { enforcementCaseId: caseId, policeAgencyCode: GAJ.agency, suspectedCharge: '销售不符合安全标准的食品罪', reportedAt: daysAgo(10) },
  });
  t = await step(SCJ_HEAD, `mutation($id: ID!, $v: Int!) { approveTransfer(id: $id, version: $v) { id version } }`, { id: t.id, v: t.version });
  t = await step(SCJ, `mutation($id: ID!, $v: Int!) { sendTransfer(id: $id, version: $v) { id version } }`, { id: t.id, v: t.version });
  transferId = t.id;
}, 90_000);

afterAll(async () => {
  await hub?.stop();
  await db?.stop();
});

function isFull(kind: Kind, r: GraphResult): boolean {
  if (r.errors?.length || r.status !== 200) return false;
  switch (kind) {
    case 'otherSingle':
      return r.data?.criminalTransfer?.id === transferId;
    case 'otherList':
      return r.data?.criminalTransfers?.nodes?.some((n: { id: string }) => n.id === transferId) === true;
    case 'ownSingle':
      return r.data?.enforcementCase?.id === caseId;
    case 'ownList':
      return r.data?.enforcementCases?.nodes?.some((n: { id: string }) => n.id === caseId) === true;
  }
}

/** Refused: no record of the answer's kind in it, and errors that each carry a code and no internals. */
function isRefused(kind: Kind, r: GraphResult): boolean {
  const field = { otherSingle: 'criminalTransfer', otherList: 'criminalTransfers', ownSingle: 'enforcementCase', ownList: 'enforcementCases' }[kind];
  const value = r.data?.[field];
  const nothing = value == null || (Array.isArray(value.nodes) && value.nodes.length === 0);
  return nothing && !!r.errors?.length && r.errors.every((e) => typeof e.extensions?.code === 'string') && leaksInternals(r) === undefined;
}

const codesOf = (r: GraphResult) => [...new Set((r.errors ?? []).map((e) => `${e.extensions?.code}${e.extensions?.reason ? `/${e.extensions.reason}` : ''}`))].join('+');

type Phase = 'before' | 'down' | 'restarting' | 'after' | 'transition';

describe('the audit store (the joint office) unreachable under load', () => {
  it('refuses reads across agencies, serves the owner as documented, refuses writes, and recovers by itself', async () => {
    const tally: Record<Phase, Record<string, number>> = { before: {}, down: {}, restarting: {}, after: {}, transition: {} };
    const leaked: unknown[] = [];
    const wrongBefore: unknown[] = [];
    let phase: Phase = 'before';
    let stopAt = Infinity;
    let restartAt = 0;
    let answeringAt = 0;
    let firstAuditedAt = 0;
    const variables = () => ({ t: transferId, c: caseId });

    const load = underLoad(CLIENTS, () => Date.now() >= stopAt, async (client, i) => {
      const kind = KINDS[(client + i) % KINDS.length];
      const sent = phase;
      let outcome: string;
      let r: GraphResult | undefined;
      try {
        r = await hub.query(WHO[kind], Q[kind], variables(), 15_000);
        outcome = isFull(kind, r) ? 'full' : isRefused(kind, r) ? `refused ${codesOf(r)}` : `OTHER ${codesOf(r)}`;
      } catch (e) {
        outcome = `request failed: ${(e as Error).message}`;
      }
      const p: Phase = phase === sent ? sent : 'transition';
      tally[p][`${kind}: ${outcome}`] = (tally[p][`${kind}: ${outcome}`] ?? 0) + 1;
      // Fail closed: across agencies, nothing but a full answer or a clear refusal, ever.
      if (r && kind.startsWith('other') && outcome !== 'full' && !isRefused(kind, r)) leaked.push({ p, kind, r });
      if (r && (p === 'before' || p === 'after') && outcome !== 'full') wrongBefore.push({ p, kind, r });
      if (r && kind === 'otherSingle' && outcome === 'full' && restartAt && !firstAuditedAt) firstAuditedAt = performance.now();
    });

    // Each phase lasts until it has answers of every kind (the machine may be busy with other tests), within bounds.
    const answers = (p: Phase, kind: Kind) => Object.entries(tally[p]).filter(([k]) => k.startsWith(`${kind}: `)).reduce((n, [, v]) => n + v, 0);
    const enough = async (p: Phase, n: number, maxMs: number) => {
      const until = Date.now() + maxMs;
      while (Date.now() < until && KINDS.some((k) => answers(p, k) < n)) await new Promise((r) => setTimeout(r, 50));
    };
    await enough('before', 5, 6_000);
    await hub.subgraphs.liaison.kill('SIGKILL');
    phase = 'down';
    await enough('down', 10, 10_000);
    // A write while the audit store is away: its intent cannot be recorded, so it must not run.
    const write = await hub.query(SCJ, `mutation($input: EnforcementCaseInput!) { createEnforcementCase(input: $input) { id } }`, {
      input: { caseNumber: '渑市监罚〔2026〕审计故障2号', field: 'FOOD_DRUG', creditCode: validCreditCode(812), facts: '销售过期食品', filedAt: new Date().toISOString() },
    });
    phase = 'restarting';
    restartAt = performance.now();
    await hub.subgraphs.liaison.start();
    answeringAt = performance.now();
    while (!firstAuditedAt && performance.now() - restartAt < 20_000) await new Promise((r) => setTimeout(r, 20));
    phase = 'after';
    await enough('after', 5, 6_000);
    stopAt = Date.now();
    await load;

    const recovery = { liaisonAnsweringMs: Math.round(answeringAt - restartAt), firstAuditedReadMs: Math.round(firstAuditedAt - restartAt) };
    console.log(`faults: audit store down under ${CLIENTS} clients\n${JSON.stringify({ tally, recovery, writeWhileDown: write.errors ?? write.data }, null, 1)}`);

    expect(leaked.slice(0, 3)).toEqual([]);
    expect(wrongBefore.slice(0, 3)).toEqual([]);
    const down = tally.down;
    const count = (prefix: string) => Object.entries(down).filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    // Across agencies: every answer while it was down is a refusal with a code.
    expect(count('otherSingle: refused')).toBeGreaterThanOrEqual(5);
    expect(count('otherSingle: refused')).toBe(count('otherSingle: '));
    expect(count('otherList: refused')).toBe(count('otherList: '));
    // The owner's single reads are not audited and need no grant: they keep working.
    expect(count('ownSingle: full')).toBeGreaterThanOrEqual(5);
    expect(count('ownSingle: full')).toBe(count('ownSingle: '));
    // The owner's lists: either served or clearly refused (see the report: lists ask the joint office for grants).
    expect(count('ownList: full') + count('ownList: refused')).toBe(count('ownList: '));
    // The write was refused with a code, and did not happen.
    expect(write.data?.createEnforcementCase ?? null).toBeNull();
    expect(typeof write.errors?.[0]?.extensions?.code).toBe('string');
    const after = await hub.query(SCJ, `{ enforcementCases(first: 50) { nodes { caseNumber } } }`);
    expect(after.data!.enforcementCases.nodes.map((n: { caseNumber: string }) => n.caseNumber)).not.toContain('渑市监罚〔2026〕审计故障2号');
    // Recovered without restarting anything but the joint office.
    expect(firstAuditedAt).toBeGreaterThan(0);
    expect(hub.crashes()).toEqual([]);
  }, 90_000); // a busy machine (other suites in parallel) slows process starts several-fold
});
