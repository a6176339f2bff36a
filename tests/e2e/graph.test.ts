import { AGENCIES } from '../../lib/agencies';
import { seedDemo } from '../../seed';
import { SharingGrantModel } from '../../subgraphs/liaison/models';
import { verifyChain } from '../../subgraphs/liaison/audit/chain';
import { countCommands, useDatabase } from '../helpers/db';
import { startHub, type Hub } from '../helpers/hub';
import { validIdNumber } from '../helpers/fixtures';

// The whole hub over real HTTP: gateway → five subgraphs → the test database, seeded by the generator.
useDatabase();

let hub: Hub;
const JCY = { agency: '411221-JCY' };
const SCJ = { agency: '411221-SCJ' };

beforeAll(async () => {
  await seedDemo({ scale: 0.5, today: new Date('2026-06-30') });
  // The procuratorate's legal supervision of enforcement (行政执法监督): a grant from every enforcement
  // agency, as an approved data request would produce, without personal data.
  await SharingGrantModel.deleteMany({});
  await SharingGrantModel.insertMany(
    AGENCIES.filter((a) => a.type === 'ENFORCEMENT').map((a) => ({
      _id: `g-supervision-${a.code}`, granteeCode: '411221-JCY', providerCode: a.code, resourceTypes: ['ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER'],
      scopeIds: [], purpose: '行政执法监督', legalBasis: '人民检察院组织法第二十条', allowsPersonalData: false,
      validFrom: new Date('2020-01-01'), validUntil: new Date('2099-01-01'), revokedAt: null,
    })),
  );
  hub = await startHub();
});
afterAll(() => hub.stop());

describe('the federated graph through the gateway', () => {
  it('follows EnforcementCase → transfer → ProcuratorateCase → sourceTransfer across three subgraphs', async () => {
    const r = await hub.query(JCY, `{ enforcementCases(first: 100, filter: { status: TRANSFERRED }) {
      nodes { id caseNumber agency { name } transfer { id status procuratorateCase { caseNumber sourceTransfer { id } } } } } }`);
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.enforcementCases.nodes as { agency: { name: string }; transfer: { id: string; status: string; procuratorateCase: { sourceTransfer: { id: string } } | null } }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.transfer && n.agency.name.startsWith('渑池县') || n.agency.name.includes('渑池'))).toBe(true);
    const linked = nodes.filter((n) => n.transfer.procuratorateCase);
    expect(linked.length).toBeGreaterThan(0);
    for (const n of linked) expect(n.transfer.procuratorateCase!.sourceTransfer.id).toBe(n.transfer.id);
  });

  it('resolves Person across the procuratorate, enforcement, petitions and assistance subgraphs', async () => {
    const r = await hub.query(JCY, `{ rescueApplications(first: 5) { nodes { applicant { id name idNumberMasked
        procuratorateCases { totalCount nodes { id } } enforcementCases { totalCount } petitions { totalCount } rescueApplications { totalCount } }
      procuratorateCase { id victims { id } } } } }`);
    expect(r.errors).toBeUndefined();
    const apps = r.data!.rescueApplications.nodes as { applicant: Record<string, any>; procuratorateCase: { id: string; victims: { id: string }[] } }[];
    expect(apps.length).toBeGreaterThan(0);
    for (const a of apps) {
      expect(a.applicant.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(a.procuratorateCase.victims.map((v) => v.id)).toContain(a.applicant.id);
      expect(a.applicant.procuratorateCases.nodes.map((c: { id: string }) => c.id)).toContain(a.procuratorateCase.id);
      expect(a.applicant.rescueApplications.totalCount).toBeGreaterThanOrEqual(1);
      expect(typeof a.applicant.enforcementCases.totalCount).toBe('number');
      expect(typeof a.applicant.petitions.totalCount).toBe('number');
    }
  });

  it('serves Suggestion.targetAgency, Petition.relatedCases and ReverseReferral.enforcementCase', async () => {
    const r = await hub.query(JCY, `{
      suggestions(first: 5) { nodes { number targetAgency { code name } procuratorateCase { caseNumber } } }
      petitions(first: 100) { nodes { relatedCases { __typename ... on ProcuratorateCase { caseNumber } ... on EnforcementCase { caseNumber } } } }
      reverseReferrals(first: 20) { nodes { status competentAgency { name } procuratorateCase { decision } enforcementCase { caseNumber } } } }`);
    expect(r.errors).toBeUndefined();
    for (const s of r.data!.suggestions.nodes) expect(s.targetAgency.name).toMatch(/渑池|税务/);
    const related = (r.data!.petitions.nodes as { relatedCases: ({ __typename: string; caseNumber: string } | null)[] }[])
      .flatMap((p) => p.relatedCases)
      .filter((c): c is { __typename: string; caseNumber: string } => c !== null);
    expect(related.length).toBeGreaterThan(0);
    for (const c of related) expect(c.caseNumber).toMatch(/〔\d{4}〕\d+号/);
    for (const rr of r.data!.reverseReferrals.nodes) expect(rr.procuratorateCase.decision).toBe('NON_PROSECUTION');
  });

  it('builds the joint dashboard from all five subgraphs', async () => {
    const r = await hub.query(SCJ, `{ dashboard(period: "2025") { period from to
      procuratorate { casesAccepted suggestionsIssued } enforcement { casesFiled transfersSent casesByField { status count } }
      petitions { received } assistance { applications } liaison { workTasksDone dataRequestsByStatus { status count } } } }`);
    expect(r.errors).toBeUndefined();
    const d = r.data!.dashboard;
    expect(d.from).toBe('2024-12-31T16:00:00.000Z'); // 00:00 China time
    expect(d.procuratorate.casesAccepted).toBeGreaterThan(0);
    expect(d.enforcement.casesFiled).toBe(d.enforcement.casesByField.reduce((s: number, x: { count: number }) => s + x.count, 0));
    expect(d.petitions.received).toBeGreaterThan(0);
    expect(d.liaison.workTasksDone).toBeGreaterThan(0);
    const bad = await hub.query(SCJ, '{ dashboard(period: "last year") { period } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });

  it('pages with cursors without overlap and with a stable totalCount', async () => {
    const q = `query($after: String) { enforcementCases(first: 7, after: $after, filter: { field: MARKET }) { totalCount pageInfo { hasNextPage endCursor } nodes { id filedAt } } }`;
    const p1 = await hub.query(JCY, q);
    const p2 = await hub.query(JCY, q, { after: p1.data!.enforcementCases.pageInfo.endCursor });
    const ids1 = p1.data!.enforcementCases.nodes.map((n: { id: string }) => n.id);
    const ids2 = p2.data!.enforcementCases.nodes.map((n: { id: string }) => n.id);
    expect(ids1).toHaveLength(7);
    expect(ids2.filter((id: string) => ids1.includes(id))).toEqual([]);
    expect(p2.data!.enforcementCases.totalCount).toBe(p1.data!.enforcementCases.totalCount);
    expect(p1.data!.enforcementCases.nodes[6].filedAt >= p2.data!.enforcementCases.nodes[0].filedAt).toBe(true);
    const bad = await hub.query(JCY, q, { after: 'not-a-cursor' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('batches every reference: the same number of MongoDB commands for 10 and for 100 cases', async () => {
    // Transferred cases: each has a transfer; some a person, some an enterprise, some a procuratorate case.
    const q = `query($n: Int) { enforcementCases(first: $n, filter: { status: TRANSFERRED }) { nodes { caseNumber
      person { name } enterprise { name } agency { name } transfer { status procuratorateCase { caseNumber } } } } }`;
    const ten = await countCommands(() => hub.query(JCY, q, { n: 10 }));
    const hundred = await countCommands(() => hub.query(JCY, q, { n: 100 }));
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.data!.enforcementCases.nodes).toHaveLength(100);
    console.log(`MongoDB commands: 10 cases → ${ten.commands.length} (${ten.commands.join(', ')}); 100 cases → ${hundred.commands.length}`);
    expect(hundred.commands.length).toBe(ten.commands.length);
    // 6 data reads, the grant look-up in the joint office, and 2 audit batches of cross-agency reads
    // (anchor, insert, anchor each): a constant, whatever the page size.
    expect(ten.commands.length).toBeLessThanOrEqual(14);
  });

  it('writes through the gateway, refusing bad input with the field and writing nothing', async () => {
    const bad = await hub.query(SCJ, `mutation { registerPerson(input: { name: "张三", idNumber: "411221198503120010" }) { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(JSON.stringify(bad)).not.toContain('411221198503120010');

    const idNumber = validIdNumber(321, '19900101');
    const person = await hub.query(SCJ, `mutation($n: String!) { registerPerson(input: { name: "张三", idNumber: $n, phone: "13812345678" }) { id idNumberMasked phoneMasked } }`, { n: idNumber });
    expect(person.data!.registerPerson).toMatchObject({ idNumberMasked: '411***********' + idNumber.slice(-4), phoneMasked: '138****5678' });
    const personId = person.data!.registerPerson.id;
    const created = await hub.query(SCJ, `mutation($p: ID!) { createEnforcementCase(input: { caseNumber: "渑市监罚〔2026〕9999号", field: MARKET, personId: $p, facts: "无照经营", filedAt: "2026-06-01" }) { id } }`, { p: personId });
    expect(created.errors).toBeUndefined();
    const back = await hub.query(JCY, `query($id: ID!) { person(id: $id) { name enforcementCases { nodes { caseNumber agency { code } } } } }`, { id: personId });
    expect(back.data!.person).toEqual({ name: '张三', enforcementCases: { nodes: [{ caseNumber: '渑市监罚〔2026〕9999号', agency: { code: '411221-SCJ' } }] } });

    // Every write is on the audit chain — the refused one too — and the chain verifies.
    const audit = await hub.query({ agency: '411221-JCY', roles: ['auditor'] }, `{ auditEvents(filter: { actorAgency: "411221-SCJ" }, first: 50) { nodes { action resourceType outcome purpose } } }`);
    const events = audit.data!.auditEvents.nodes as { action: string; resourceType: string; outcome: string; purpose: string }[];
    expect(events).toEqual(expect.arrayContaining([
      { action: 'WRITE', resourceType: 'ENFORCEMENT_CASE', outcome: 'ALLOWED', purpose: 'result' },
      { action: 'WRITE', resourceType: 'PERSON', outcome: 'DENIED', purpose: 'result' },
    ]));
    expect(await verifyChain()).toMatchObject({ ok: true });
  });

  it('passes the request id through and answers with it', async () => {
    const res = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-12345' }, body: '{"query":"{ me { userId } }"}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-abc-12345');
  });

  it('keeps a petition whose related case the caller may not see, with null and FORBIDDEN in its place', async () => {
    // 生态环境分局 holds no grant: petitions it handles may link to other agencies' enforcement cases.
    const r = await hub.query({ agency: '411221-XFJ' }, `{ petitions(first: 100) { nodes { number relatedCases { __typename ... on EnforcementCase { caseNumber } } } } }`);
    const nodes = r.data!.petitions.nodes as { relatedCases: unknown[] }[];
    expect(nodes.length).toBeGreaterThan(0);
    const hidden = nodes.flatMap((p) => p.relatedCases).filter((c) => c === null);
    expect(hidden.length).toBeGreaterThan(0);
    expect(r.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('answers SUBGRAPH_UNAVAILABLE for a stopped subgraph and still serves the others', async () => {
    await hub.stopSubgraph('assistance');
    const r = await hub.query(JCY, '{ rescueApplications(first: 1) { totalCount } }');
    expect(r.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    const others = await hub.query(JCY, '{ enforcementCases(first: 1) { totalCount } }');
    expect(others.data?.enforcementCases.totalCount).toBeGreaterThan(0);
    expect(JSON.stringify(r.errors)).not.toMatch(/127\.0\.0\.1|http:/);
  });
});
