import { connectMongo, disconnectMongo } from '../../lib/mongo';
import { EnforcementCaseModel } from '../../subgraphs/enforcement/models';
import { verifyChain } from '../../subgraphs/liaison/audit/chain';
import { AuditEventModel, WorkTaskModel } from '../../subgraphs/liaison/models';
import { PetitionModel } from '../../subgraphs/petitions/models';
import { validCreditCode } from '../helpers/fixtures';
import type { Caller } from '../helpers/hub';
import { leaksInternals, startKillableDatabase, startProcessHub, type GraphResult, type KillableDatabase, type ProcessHub } from '../helpers/processes';

// The database SIGKILLed and started again (same port, same file) in the middle of 240 concurrent writes across
// three subgraphs and their workflows. Every acknowledged write (data, no error) must be in the database
// afterwards; a refused one is absent, or at least failed clearly (an error with a code); no service process
// crashes or is restarted, and all of them write again once the database is back; the audit chain verifies.

const SCJ: Caller = { agency: '411221-SCJ', roles: ['officer'], userId: 'faults-scj' };
const XFJ: Caller = { agency: '411221-XFJ', roles: ['officer'], userId: 'faults-xfj' };
const OFFICE: Caller = { agency: '411221-JCY', roles: ['liaison_admin'], userId: 'faults-office' };
const PER_KIND = 60;

type Kind = 'createEnforcementCase' | 'createPetition' | 'createWorkTask' | 'acceptPetition';
interface Write {
  kind: Kind;
  /** Sent as x-request-id: the gateway signs it into the identity, and the audit events of the write carry it. */
  requestId: string;
  /** What identifies the write's effect in the database: a unique case number, subject or title; the petition id of a step. */
  marker: string;
  send: () => Promise<GraphResult>;
  result?: GraphResult | Error;
  answeredAt?: number;
}

let db: KillableDatabase;
let hub: ProcessHub;
const received: string[] = []; // petitions in RECEIVED, to be accepted during the storm
const run = Date.now().toString(36);
const now = () => new Date().toISOString();

const rid = (requestId?: string): Record<string, string> => (requestId ? { 'x-request-id': requestId } : {});
const createCase = (marker: string, seq: number, requestId?: string) => () =>
  hub.query(SCJ, `mutation($input: EnforcementCaseInput!) { w: createEnforcementCase(input: $input) { id } }`, {
    input: { caseNumber: marker, field: 'FOOD_DRUG', creditCode: validCreditCode(5000 + seq), facts: '故障演练：超范围经营', filedAt: now() },
  }, 60_000, rid(requestId));
const createPetition = (marker: string, requestId?: string) => () =>
  hub.query(XFJ, `mutation($input: PetitionInput!) { w: createPetition(input: $input) { id } }`, {
    input: { channel: 'LETTER', subject: marker, summary: '故障演练', handlingAgencyCode: '411221-RSJ', receivedAt: now() },
  }, 60_000, rid(requestId));
const createTask = (marker: string, requestId?: string) => () =>
  hub.query(OFFICE, `mutation($input: WorkTaskInput!) { w: createWorkTask(input: $input) { id } }`, {
    input: { year: new Date().getUTCFullYear(), title: marker, leadAgencyCode: '411221-SCJ', responsibleAgencyCodes: ['411221-GAJ'], dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
  }, 60_000, rid(requestId));
const acceptPetition = (id: string, requestId?: string) => () =>
  hub.query(XFJ, `mutation($id: ID!) { w: acceptPetition(id: $id, version: 0, acceptedAt: "${now()}") { id status version } }`, { id }, 60_000, rid(requestId));

beforeAll(async () => {
  db = await startKillableDatabase('faults-database');
  // One timeout for the gateway and the subgraphs' own calls, longer than the outage, so that a write waiting for
  // the database is answered by the database, not cut off by a timeout that leaves its outcome unknown.
  hub = await startProcessHub({ mongoUri: db.uri, env: { SUBGRAPH_TIMEOUT_MS: '30000' }, start: ['enforcement', 'petitions', 'liaison'] });
  // Ten at a time, again on CONFLICT: concurrent petitions can draw the same number on the embedded database
  // (subgraphs/petitions/models/counter.model.ts; see the report).
  const make = async (i: number): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      const r = await createPetition(`待受理-${run}-${i}`)();
      if (r.errors?.[0]?.extensions?.code === 'CONFLICT' && attempt < 10) continue;
      expect(r.errors).toBeUndefined();
      return r.data!.w.id;
    }
  };
  for (let batch = 0; batch < PER_KIND; batch += 10) received.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => make(batch + i)))));
}, 90_000);

afterAll(async () => {
  await disconnectMongo().catch(() => undefined);
  await hub?.stop();
  await db?.stop();
});

const acknowledged = (w: Write) => !(w.result instanceof Error) && !!w.result?.data?.w && !w.result.errors?.length;

/** True when the write's effect is in the database. */
async function present(w: Write): Promise<boolean> {
  switch (w.kind) {
    case 'createEnforcementCase':
      return (await EnforcementCaseModel.countDocuments({ caseNumber: w.marker })) === 1;
    case 'createPetition':
      return (await PetitionModel.countDocuments({ subject: w.marker })) === 1;
    case 'createWorkTask':
      return (await WorkTaskModel.countDocuments({ title: w.marker })) === 1;
    case 'acceptPetition': {
      const p = await PetitionModel.findById(w.marker).lean();
      return p?.status === 'ACCEPTED' && p.version === 1 && p.history.some((h) => h.to === 'ACCEPTED');
    }
  }
}

describe('the database killed and restarted under concurrent writes', () => {
  it('keeps every acknowledged write, fails the others clearly, and every service writes again by itself', async () => {
    const services = [hub.gateway, hub.subgraphs.enforcement, hub.subgraphs.petitions, hub.subgraphs.liaison];
    const pids = services.map((s) => s.pid);
    const writes: Write[] = [];
    for (let i = 0; i < PER_KIND; i++) {
      const c = `渑市监罚〔2026〕故障${run}-${i}号`;
      const p = `故障演练-${run}-${i}`;
      const t = `故障演练任务-${run}-${i}`;
      const r = (k: string) => `faults-${run}-${k}-${i}`;
      writes.push({ kind: 'createEnforcementCase', marker: c, requestId: r('case'), send: createCase(c, i, r('case')) });
      writes.push({ kind: 'createPetition', marker: p, requestId: r('petition'), send: createPetition(p, r('petition')) });
      writes.push({ kind: 'createWorkTask', marker: t, requestId: r('task'), send: createTask(t, r('task')) });
      writes.push({ kind: 'acceptPetition', marker: received[i], requestId: r('accept'), send: acceptPetition(received[i], r('accept')) });
    }

    // All 240 at once; the database is killed once a quarter are answered, and is back two seconds later.
    let answered = 0;
    const t0 = performance.now();
    const storm = Promise.all(
      writes.map(async (w) => {
        try {
          w.result = await w.send();
        } catch (e) {
          w.result = e as Error;
        }
        w.answeredAt = performance.now();
        answered += 1;
      }),
    );
    while (answered < writes.length / 4 && performance.now() - t0 < 8_000) await new Promise((r) => setTimeout(r, 10));
    const answeredBeforeKill = answered;
    const killAt = performance.now();
    await db.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 2_000));
    const restartAt = performance.now();
    await db.start();
    const upAt = performance.now();
    // A write sent after the restart, as a clerk would retry: how long until the hub writes again.
    let probe: GraphResult | undefined;
    let probes = 0;
    while (performance.now() - upAt < 30_000) {
      probes += 1;
      probe = await createCase(`渑市监罚〔2026〕故障${run}-probe-${probes}号`, 900 + probes)();
      if (!probe.errors && probe.data?.w) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const probeOkAt = performance.now();
    await storm;
    const stormMs = performance.now() - t0;

    // Afterwards, from the database itself.
    await connectMongo(db.uri);
    const byKind: Record<string, { sent: number; acknowledged: number; ackPresent: number; refused: number; refusedPresent: number; codes: Record<string, number>; presentCodes: Record<string, number> }> = {};
    const lost: Write[] = [];
    const unclear: Write[] = [];
    for (const w of writes) {
      const k = (byKind[w.kind] ??= { sent: 0, acknowledged: 0, ackPresent: 0, refused: 0, refusedPresent: 0, codes: {}, presentCodes: {} });
      k.sent += 1;
      const isThere = await present(w);
      if (acknowledged(w)) {
        k.acknowledged += 1;
        if (isThere) k.ackPresent += 1;
        else lost.push(w);
        continue;
      }
      k.refused += 1;
      if (isThere) k.refusedPresent += 1;
      const r = w.result;
      const codes = r instanceof Error ? [`request failed: ${r.message}`] : (r?.errors ?? []).map((e) => String(e.extensions?.code));
      for (const c of codes) k.codes[c] = (k.codes[c] ?? 0) + 1;
      // Refused but done: the write was stored and the answer lost on the way (its outcome was unknown to the caller).
      if (isThere) for (const c of codes) k.presentCodes[c] = (k.presentCodes[c] ?? 0) + 1;
      // Clearly failed: an HTTP answer whose every error carries a code, and no internals.
      if (r instanceof Error || !r?.errors?.length || r.errors.some((e) => typeof e.extensions?.code !== 'string') || leaksInternals(r)) unclear.push(w);
    }
    const total = Object.values(byKind).reduce((a, k) => ({ acknowledged: a.acknowledged + k.acknowledged, present: a.present + k.ackPresent, refused: a.refused + k.refused, refusedPresent: a.refusedPresent + k.refusedPresent }), { acknowledged: 0, present: 0, refused: 0, refusedPresent: 0 });
    const firstAckAfterRestart = Math.min(...writes.filter((w) => acknowledged(w) && w.answeredAt! > upAt).map((w) => w.answeredAt!));
    // Fail closed: an acknowledged write ran only after its intent was in the audit chain.
    const intents = new Set(
      (await AuditEventModel.find({ action: 'WRITE', purpose: 'attempt', requestId: { $in: writes.map((w) => w.requestId) } }, { requestId: 1 }).lean()).map((e) => e.requestId),
    );
    const unaudited = writes.filter((w) => acknowledged(w) && !intents.has(w.requestId)).map((w) => [w.kind, w.requestId]);

    // The services wrote again by themselves: one of each kind after the storm, then the audit chain.
    const after = await Promise.all([createCase(`渑市监罚〔2026〕故障${run}-after号`, 999)(), createPetition(`故障演练-${run}-after`)(), createTask(`故障演练任务-${run}-after`)()]);
    // What `npm run audit:verify` runs, on this database: the whole chain recomputed, after the writes above too.
    const verify = await verifyChain();
    await disconnectMongo();

    const report = {
      writes: writes.length,
      answeredBeforeKill,
      total,
      byKind,
      timesMs: {
        killAfter: Math.round(killAt - t0),
        databaseDown: Math.round(restartAt - killAt),
        databasePortOpenAfterStart: Math.round(upAt - restartAt),
        firstAcknowledgedWriteAfterRestart: Math.round(firstAckAfterRestart - upAt),
        probeWriteSucceededAfterRestart: Math.round(probeOkAt - upAt),
        probesNeeded: probes,
        storm: Math.round(stormMs),
      },
      acknowledgedWithIntentInChain: total.acknowledged - unaudited.length,
      auditChain: verify,
    };
    console.log(`faults: database kill under ${writes.length} concurrent writes\n${JSON.stringify(report, null, 1)}`);

    if (process.env.FAULTS_DEBUG) for (const s of services) console.log(s.name, s.log);
    expect(lost.map((w) => [w.kind, w.marker])).toEqual([]);
    expect(total.present).toBe(total.acknowledged);
    expect(unclear.map((w) => [w.kind, w.result instanceof Error ? w.result.message : w.result])).toEqual([]);
    expect(answeredBeforeKill).toBeGreaterThan(0); // the kill did land in the middle
    expect(answeredBeforeKill).toBeLessThan(writes.length);
    expect(probe?.errors).toBeUndefined();
    for (const r of after) expect(r.errors).toBeUndefined();
    expect(unaudited).toEqual([]);
    expect(verify).toMatchObject({ ok: true });
    expect(hub.crashes()).toEqual([]);
    expect(services.map((s) => s.running && s.pid)).toEqual(pids);
  }, 120_000);
});
