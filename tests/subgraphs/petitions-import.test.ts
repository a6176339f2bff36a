import { petitions } from '../../subgraphs/petitions/server';
import { CounterModel, HotlineTicketModel, PetitionModel } from '../../subgraphs/petitions/models';
import { useDatabase } from '../helpers/db';
import { personIdOf, validIdNumber } from '../helpers/fixtures';
import { execute, identity } from '../helpers/subgraph';

useDatabase();
beforeEach(async () => {
  await PetitionModel.deleteMany({});
  await HotlineTicketModel.deleteMany({});
  await CounterModel.deleteMany({});
});

const XFJ = '411221-XFJ';
const RSJ = '411221-RSJ';
const CENTRE = '411221-RX12345';
const bureau = identity(XFJ);
const rsj = identity(RSJ);
const centre = identity(CENTRE);
const person = (n: number) => personIdOf(validIdNumber(n));

const REPORT = 'dryRun created updated unchanged rejected rows { index key outcome id problems { field message } }';
const IMPORT_PETITIONS = `mutation($rows: [PetitionRow!]!, $dryRun: Boolean) { importPetitions(rows: $rows, dryRun: $dryRun) { ${REPORT} } }`;
const IMPORT_TICKETS = `mutation($rows: [HotlineTicketRow!]!, $dryRun: Boolean) { importHotlineTickets(rows: $rows, dryRun: $dryRun) { ${REPORT} } }`;

type Report = {
  dryRun: boolean; created: number; updated: number; unchanged: number; rejected: number;
  rows: { index: number; key: string | null; outcome: string; id: string | null; problems: { field: string; message: string }[] }[];
};

const petition = (n: number, patch: Record<string, unknown> = {}) => ({
  number: `渑信访〔2025〕${n}号`, channel: 'VISIT', petitionerId: person(n), subject: `信访事项${n}`, summary: `主要诉求${n}`,
  handlingAgencyCode: RSJ, receivedAt: '2025-03-05', ...patch,
});
const ticket = (n: number, patch: Record<string, unknown> = {}) => ({
  number: `12345-2025-${String(n).padStart(6, '0')}`, line: 'L12345', callerId: person(n), subject: `来电反映${n}`,
  dispatchedToCode: RSJ, dispatchedAt: '2025-03-05', ...patch,
});

async function importPetitions(rows: unknown[], dryRun = false, who = bureau): Promise<Report> {
  const r = await execute(petitions, who, IMPORT_PETITIONS, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importPetitions;
}
async function importTickets(rows: unknown[], dryRun = false, who = centre): Promise<Report> {
  const r = await execute(petitions, who, IMPORT_TICKETS, { rows, dryRun });
  expect(r.errors).toBeUndefined();
  return r.data!.importHotlineTickets;
}
const byNumber = (number: string) => PetitionModel.findOne({ number }).lean();

describe('importPetitions', () => {
  it('registers new rows under the ledger’s numbers, then the same file again changes nothing (idempotent by 信访件编号)', async () => {
    const rows = [petition(1), petition(2, { petitionerId: null, channel: 'LETTER' }), petition(3, { procuratorateHandled: true })];
    const first = await importPetitions(rows);
    expect(first).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.rows.map((r) => r.key)).toEqual(rows.map((r) => r.number));
    const stored = await PetitionModel.find().sort({ number: 1 }).lean();
    expect(stored.map((p) => [p.number, p.status, p.handlingAgencyCode, p.petitionerId])).toEqual([
      ['渑信访〔2025〕1号', 'RECEIVED', RSJ, person(1)], ['渑信访〔2025〕2号', 'RECEIVED', RSJ, null], ['渑信访〔2025〕3号', 'RECEIVED', RSJ, person(3)],
    ]);
    // As createPetition stores it: its creation history, its clocks and its counterparts.
    expect(stored[0].history).toEqual([expect.objectContaining({ from: null, to: 'RECEIVED', agency: XFJ, note: 'imported' })]);
    expect(stored[0].nextDueAt).toBeInstanceOf(Date);
    expect(stored[0].counterpartCodes).toContain(XFJ);
    expect(stored[2].procuratorateHandled).toBe(true);

    const again = await importPetitions(rows);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect((await PetitionModel.find().lean()).map((p) => p.version)).toEqual([0, 0, 0]);
  });

  it('links a repeat as createPetition does: to a stored open petition, or to an earlier row of the same file', async () => {
    await importPetitions([petition(1)]);
    const original = await byNumber(petition(1).number);
    const report = await importPetitions([
      petition(2, { petitionerId: person(1), subject: '信访事项1', receivedAt: '2025-03-20' }),
      petition(3, { petitionerId: person(9), subject: '新事项', receivedAt: '2025-03-06' }),
      petition(4, { petitionerId: person(9), subject: '新事项', receivedAt: '2025-03-21' }),
    ]);
    expect(report.created).toBe(3);
    expect((await byNumber(petition(2).number))?.repeatOfId).toBe(original!._id);
    expect((await byNumber(petition(3).number))?.repeatOfId).toBeNull();
    expect((await byNumber(petition(4).number))?.repeatOfId).toBe(report.rows[1].id);
  });

  it.each([
    ['an unknown handling agency', { handlingAgencyCode: '411221-XXX' }, 'handlingAgencyCode'],
    ['a future receiving date', { receivedAt: '2999-01-01' }, 'receivedAt'],
    ['an empty subject', { subject: '  ' }, 'subject'],
    ['a subject over 200 characters', { subject: '事'.repeat(201) }, 'subject'],
    ['an empty summary', { summary: '' }, 'summary'],
    ['a petitioner that is not a Person id', { petitionerId: '李某' }, 'petitionerId'],
    ['an empty number', { number: ' ' }, 'number'],
    ['another agency as handler (FORBIDDEN, reported on the key)', { handlingAgencyCode: '411221-WLJ' }, 'number'],
  ])('a row with %s is refused with its field; the good rows still go in', async (_, patch, field) => {
    const report = await importPetitions([petition(1), petition(9, patch), petition(3)], false, rsj);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ index: 1, outcome: 'REJECTED', id: null, problems: [{ field }] });
    expect(report.rows[1].problems[0].message.length).toBeGreaterThan(5);
    expect(await PetitionModel.countDocuments({ number: petition(9).number })).toBe(0);
    expect(await PetitionModel.countDocuments()).toBe(2);
  });

  it('a number twice in one file: the first is imported, the second reported as DUPLICATE', async () => {
    const report = await importPetitions([petition(1), petition(1, { summary: '另一行' })]);
    expect(report.rows.map((r) => r.outcome)).toEqual(['CREATED', 'DUPLICATE']);
    expect(report.rows[1].problems[0]).toMatchObject({ field: 'number' });
    expect(report.rows[1].problems[0].message).toContain('row 1');
    expect(await PetitionModel.countDocuments()).toBe(1);
  });

  it.each([
    ['channel', { channel: 'LETTER' }, 'VISIT'],
    ['petitionerId', { petitionerId: person(7) }, 'another person'],
    ['subject', { subject: '另一事项' }, '信访事项1'],
    ['summary', { summary: '诉求已更正' }, '主要诉求1'],
    ['receivedAt', { receivedAt: '2025-03-06' }, '2025-03-05'],
    ['handlingAgencyCode', { handlingAgencyCode: '411221-WLJ' }, RSJ],
    ['procuratorateHandled', { procuratorateHandled: true }, 'false'],
  ])('a known number whose %s differs is refused, naming the field; the petition stays as it is', async (field, patch, shown) => {
    await importPetitions([petition(1)]);
    const before = await byNumber(petition(1).number);
    const report = await importPetitions([petition(1, patch)]);
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field }] });
    expect(report.rows[0].problems[0].message).toContain(shown);
    expect(report.rows[0].problems[0].message).not.toContain(person(1));
    expect(await byNumber(petition(1).number)).toEqual(before);
  });

  it("a number of a petition the caller may not write is refused on the key, not overwritten", async () => {
    await importPetitions([petition(1)]);
    const report = await importPetitions([petition(1, { handlingAgencyCode: '411221-WLJ' })], false, identity('411221-WLJ'));
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', id: null, problems: [{ field: 'number' }] });
    expect((await byNumber(petition(1).number))).toMatchObject({ handlingAgencyCode: RSJ, version: 0 });
  });

  it('dryRun answers what would happen and writes nothing', async () => {
    await importPetitions([petition(1)]);
    const report = await importPetitions([petition(1), petition(2), petition(3, { receivedAt: '2999-01-01' })], true);
    expect(report).toMatchObject({ dryRun: true, created: 1, unchanged: 1, rejected: 1 });
    expect(await PetitionModel.countDocuments()).toBe(1);
  });

  it("the hub's own numbering skips a number an import took", async () => {
    await importPetitions([petition(1), petition(2)]);
    const created = await execute(petitions, bureau, `mutation($input: PetitionInput!) { createPetition(input: $input) { number } }`, {
      input: { channel: 'VISIT', subject: '新事项', summary: '诉求', handlingAgencyCode: RSJ, receivedAt: '2025-04-01' },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPetition.number).toBe('渑信访〔2025〕3号');
  });
});

describe('importHotlineTickets', () => {
  it('registers new tickets under the ledger’s numbers, then the same file again changes nothing (idempotent by 工单编号)', async () => {
    const rows = [ticket(1), ticket(2, { callerId: null })];
    const first = await importTickets(rows);
    expect(first).toMatchObject({ created: 2, unchanged: 0, rejected: 0 });
    const stored = await HotlineTicketModel.find().sort({ number: 1 }).lean();
    expect(stored.map((t) => [t.number, t.status, t.centreCode, t.dispatchedToCode])).toEqual([
      ['12345-2025-000001', 'DISPATCHED', CENTRE, RSJ], ['12345-2025-000002', 'DISPATCHED', CENTRE, RSJ],
    ]);
    expect(stored[0].history).toEqual([expect.objectContaining({ to: 'DISPATCHED', agency: CENTRE, note: 'imported' })]);
    expect(stored[0].nextDueAt).toBeInstanceOf(Date);
    const again = await importTickets(rows);
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  it.each([
    ['an unknown agency dispatched to', { dispatchedToCode: '411221-XXX' }, 'dispatchedToCode'],
    ['a future dispatch date', { dispatchedAt: '2999-01-01' }, 'dispatchedAt'],
    ['an empty subject', { subject: '' }, 'subject'],
    ['a caller that is not a Person id', { callerId: 'x' }, 'callerId'],
    ['a 12309 ticket, which only the procuratorate registers (FORBIDDEN, on the key)', { line: 'L12309' }, 'number'],
  ])('a row with %s is refused with its field; the good rows still go in', async (_, patch, field) => {
    const report = await importTickets([ticket(1), ticket(9, patch), ticket(3)]);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.rows[1]).toMatchObject({ outcome: 'REJECTED', problems: [{ field }] });
    expect(await HotlineTicketModel.countDocuments()).toBe(2);
  });

  it('a number twice in one file: DUPLICATE', async () => {
    const report = await importTickets([ticket(1), ticket(1, { subject: '另一行' })]);
    expect(report.rows.map((r) => [r.outcome, r.problems[0]?.field])).toEqual([['CREATED', undefined], ['DUPLICATE', 'number']]);
  });

  it.each([
    ['subject', { subject: '改' }],
    ['callerId', { callerId: person(8) }],
    ['dispatchedToCode', { dispatchedToCode: '411221-WLJ' }],
    ['dispatchedAt', { dispatchedAt: '2025-03-04' }],
  ])('a known number whose %s differs is refused, naming the field', async (field, patch) => {
    await importTickets([ticket(1)]);
    const report = await importTickets([ticket(1, patch)]);
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field }] });
    expect((await HotlineTicketModel.findOne({ number: ticket(1).number }).lean())).toMatchObject({ subject: '来电反映1', version: 0 });
  });

  it('a ticket returned and dispatched elsewhere still matches the ledger row of its first dispatch', async () => {
    const [created] = (await importTickets([ticket(1)])).rows;
    const step = (who: ReturnType<typeof identity>, q: string) => execute(petitions, who, `mutation { ${q} { version dispatchedTo { code } } }`);
    expect((await step(identity(RSJ), `returnHotlineTicket(id: "${created.id}", version: 0, reason: "不属于本单位", returnedAt: "2025-03-06")`)).errors).toBeUndefined();
    expect((await step(centre, `redispatchHotlineTicket(id: "${created.id}", version: 1, dispatchedToCode: "411221-ZJJ", dispatchedAt: "2025-03-06")`)).errors).toBeUndefined();
    expect(await importTickets([ticket(1)])).toMatchObject({ unchanged: 1, rejected: 0 });
    expect(await importTickets([ticket(1, { dispatchedToCode: '411221-ZJJ', dispatchedAt: '2025-03-06' })])).toMatchObject({ unchanged: 1 });
  });

  it("a 12345 ticket's number is refused to the 12309 centre, on the key", async () => {
    await importTickets([ticket(1)]);
    const report = await importTickets([ticket(1, { line: 'L12309' })], false, identity('411221-JCY'));
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', problems: [{ field: 'number' }] });
  });

  it('dryRun writes nothing; the numbering skips imported numbers in its own format', async () => {
    expect(await importTickets([ticket(1)], true)).toMatchObject({ dryRun: true, created: 1 });
    expect(await HotlineTicketModel.countDocuments()).toBe(0);
    await importTickets([ticket(1)]);
    const created = await execute(petitions, centre, `mutation($input: HotlineTicketInput!) { createHotlineTicket(input: $input) { number } }`, {
      input: { line: 'L12345', subject: '新', dispatchedToCode: RSJ, dispatchedAt: '2025-04-01' },
    });
    expect(created.data?.createHotlineTicket.number).toBe('12345-2025-000002');
  });
});
