import type { Identity } from '../../lib/identity';
import { buildContext } from '../../lib/subgraph';
import { backfillAccessFields } from '../../subgraphs/petitions/backfill';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from '../../subgraphs/petitions/models';
import { hotlineTicketPolicy, petitionPolicy } from '../../subgraphs/petitions/policies';
import { petitions } from '../../subgraphs/petitions/server';
import { petitions as petitionWorkflow } from '../../subgraphs/petitions/workflow';
import { useDatabase } from '../helpers/db';
import { execute, identity, LOCAL_TRUST } from '../helpers/subgraph';

useDatabase();

// The stored access fields of petitions and tickets (policies.ts), how they are kept, and that each policy's
// functions and MongoDB filter express the same rule. The paths through the graph: tests/e2e/access-petitions.
const XFJ = identity('411221-XFJ');
const RSJ = identity('411221-RSJ');
const ZFB = identity('411221-ZFB');
const HBJ = identity('411221-HBJ');
const RX = identity('411221-RX12345');
const JCY = identity('411221-JCY');
const SCJ = identity('411221-SCJ');
const cst = (date: string) => `${date}T09:00:00+08:00`;

async function mutation(who: Identity, text: string, variables: Record<string, unknown> = {}) {
  const r = await execute(petitions, who, text, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

const stored = (id: string) => PetitionModel.findById(id).lean<PetitionDoc>();
const storedTicket = (id: string) => HotlineTicketModel.findById(id).lean<HotlineTicketDoc>();

let seq = 0;
async function newPetition(who: Identity, handlingAgencyCode = '411221-RSJ') {
  const input = { channel: 'LETTER', subject: `访 ${++seq}`, summary: 's', handlingAgencyCode, receivedAt: cst('2025-03-03') };
  return (await mutation(who, `mutation($input: PetitionInput!) { createPetition(input: $input) { id version } }`, { input })).createPetition as { id: string; version: number };
}

describe('petition counterparts (counterpartCodes)', () => {
  it('holds the 信访局 from creation, whoever registers the petition', async () => {
    const byHandler = await newPetition(RSJ);
    const byBureau = await newPetition(XFJ);
    expect((await stored(byHandler.id))!.counterpartCodes).toEqual(['411221-XFJ']);
    expect((await stored(byBureau.id))!.counterpartCodes).toEqual(['411221-XFJ']);
  });

  it('holds the 信访局 on bulk loads too (insertMany, as the seed does)', async () => {
    const [doc] = await PetitionModel.insertMany([petitionWorkflow.prepare({ number: 'BULK-1', channel: 'VISIT', subject: 'x', summary: 'y', handlingAgencyCode: '411221-SLJ', status: 'RECEIVED', receivedAt: new Date('2025-01-02'), reviewAppliedAt: new Date('2025-03-01') }) as Partial<PetitionDoc>]);
    expect((await stored(doc._id))!.counterpartCodes).toEqual(['411221-XFJ', '411221-ZFB']);
  });

  it('gains 县政府办 when a review is applied for, and not before', async () => {
    const p = await newPetition(XFJ);
    const step = async (name: string, who: Identity, args: string, version: number) =>
      (await mutation(who, `mutation { ${name}(id: "${p.id}", version: ${version}, ${args}) { version } }`))[name].version as number;
    let v = await step('acceptPetition', XFJ, `acceptedAt: "${cst('2025-03-04')}"`, p.version);
    v = await step('startPetitionHandling', RSJ, `startedAt: "${cst('2025-03-05')}"`, v);
    v = await step('answerPetition', RSJ, `answer: "a", answeredAt: "${cst('2025-03-20')}"`, v);
    expect((await stored(p.id))!.counterpartCodes).toEqual(['411221-XFJ']);
    v = await step('applyPetitionReview', XFJ, `appliedAt: "${cst('2025-03-25')}"`, v);
    expect((await stored(p.id))!.counterpartCodes).toEqual(['411221-XFJ', '411221-ZFB']);
    await step('decidePetitionReview', ZFB, `decision: "维持", decidedAt: "${cst('2025-04-01')}"`, v);
    expect((await stored(p.id))!.counterpartCodes).toEqual(['411221-XFJ', '411221-ZFB']);
  });
});

describe('ticket owner (centreCode)', () => {
  it('is the hotline centre of the line', async () => {
    const TICKET = `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) { id hotlineCentre { code } } }`;
    const a = (await mutation(RX, TICKET, { input: { line: 'L12345', subject: 's', dispatchedToCode: '411221-SCJ', dispatchedAt: cst('2025-03-03') } })).createHotlineTicket;
    const b = (await mutation(JCY, TICKET, { input: { line: 'L12309', subject: 's', dispatchedToCode: '411221-JCY', dispatchedAt: cst('2025-03-03') } })).createHotlineTicket;
    expect((await storedTicket(a.id))!.centreCode).toBe('411221-RX12345');
    expect((await storedTicket(b.id))!.centreCode).toBe('411221-JCY');
    expect([a.hotlineCentre, b.hotlineCentre]).toEqual([{ code: '411221-RX12345' }, { code: '411221-JCY' }]);
  });
});

describe('backfillAccessFields', () => {
  it('completes records stored without the access fields, once', async () => {
    // Raw inserts skip the schema's hooks, as a load of records written before the rules applied would.
    const base = { channel: 'VISIT', subject: 'x', summary: 'y', handlingAgencyCode: '411221-SLJ', receivedAt: new Date('2025-01-02'), status: 'RECEIVED', version: 0 };
    await PetitionModel.collection.insertMany([
      { _id: 'raw-p1', number: 'RAW-1', ...base },
      { _id: 'raw-p2', number: 'RAW-2', ...base, status: 'REVIEW', reviewAppliedAt: new Date('2025-03-01') },
      { _id: 'raw-p3', number: 'RAW-3', ...base, counterpartCodes: ['411221-XFJ', '411221-ZFB'], reviewAppliedAt: new Date('2025-03-01') },
    ] as never[]);
    const ticket = { subject: 's', dispatchedToCode: '411221-SCJ', dispatchedAt: new Date('2025-03-03'), status: 'DISPATCHED', returns: [], version: 0 };
    await HotlineTicketModel.collection.insertMany([
      { _id: 'raw-t1', number: 'RAW-T1', line: 'L12345', ...ticket },
      { _id: 'raw-t2', number: 'RAW-T2', line: 'L12309', ...ticket },
    ] as never[]);

    await backfillAccessFields();
    await backfillAccessFields(); // idempotent
    expect((await stored('raw-p1'))!.counterpartCodes).toEqual(['411221-XFJ']);
    expect((await stored('raw-p2'))!.counterpartCodes).toEqual(['411221-XFJ', '411221-ZFB']);
    expect((await stored('raw-p3'))!.counterpartCodes).toEqual(['411221-XFJ', '411221-ZFB']);
    expect((await storedTicket('raw-t1'))!.centreCode).toBe('411221-RX12345');
    expect((await storedTicket('raw-t2'))!.centreCode).toBe('411221-JCY');
  });
});

describe('each policy’s functions and filter agree', () => {
  const callers = [XFJ, RSJ, ZFB, HBJ, RX, JCY, SCJ, identity('411221-SLJ'), identity('411221-ZJJ')];

  it.each(callers.map((c) => [c.agency, c] as const))('for %s (no grants)', async (_, who) => {
    const { access } = buildContext(petitions, who, { ...LOCAL_TRUST, grantSource: async () => [] });
    const allPetitions = await PetitionModel.find().lean<PetitionDoc[]>();
    const allTickets = await HotlineTicketModel.find().lean<HotlineTicketDoc[]>();
    expect(allPetitions.length).toBeGreaterThan(3);
    expect(allTickets.length).toBeGreaterThan(1);
    const decided = async <D extends { _id: string }>(policy: typeof petitionPolicy | typeof hotlineTicketPolicy, docs: D[]) =>
      (await Promise.all(docs.map(async (d) => ((await access.decide(policy as never, d)) ? d._id : null)))).filter(Boolean).sort();
    const filtered = async (model: typeof PetitionModel | typeof HotlineTicketModel, policy: typeof petitionPolicy | typeof hotlineTicketPolicy) =>
      ((await (model as typeof PetitionModel).find(await access.filter(policy as never), { _id: 1 }).lean()) as { _id: string }[]).map((d) => d._id).sort();
    expect(await filtered(PetitionModel, petitionPolicy)).toEqual(await decided(petitionPolicy, allPetitions));
    expect(await filtered(HotlineTicketModel, hotlineTicketPolicy)).toEqual(await decided(hotlineTicketPolicy, allTickets));
  });

  it('gives the expected answers for the records above', async () => {
    const seen = async (who: Identity) => {
      const { access } = buildContext(petitions, who, { ...LOCAL_TRUST, grantSource: async () => [] });
      return {
        petitions: await PetitionModel.countDocuments(await access.filter(petitionPolicy)),
        tickets: await HotlineTicketModel.countDocuments(await access.filter(hotlineTicketPolicy)),
      };
    };
    const total = { petitions: await PetitionModel.countDocuments(), tickets: await HotlineTicketModel.countDocuments() };
    expect((await seen(XFJ)).petitions).toBe(total.petitions); // counterpart of every petition
    expect((await seen(HBJ))).toEqual({ petitions: 0, tickets: 0 });
    // 县政府办: the petitions with a review applied for (the walked one, BULK-1, raw-p2, raw-p3).
    expect((await seen(ZFB)).petitions).toBe(4);
    // The centres own the tickets of their line; SCJ receives three of the four.
    expect((await seen(RX)).tickets).toBe(2);
    expect((await seen(JCY)).tickets).toBe(2);
    expect((await seen(SCJ)).tickets).toBe(3);
  });
});
