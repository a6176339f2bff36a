import { AuditEventModel } from '../../subgraphs/liaison/models';
import { procuratorate } from '../../subgraphs/procuratorate/server';
import { useDatabase } from '../helpers/db';
import { execute, identity } from '../helpers/subgraph';

useDatabase();

// Every mutation is audited under the record type it writes (its GraphQL return type, as reads are) with the
// ids of the records it names and writes, inline literals included; a workflow step adds its domain event.
const JCY = '411221-JCY';

const writes = (requestId: string) =>
  AuditEventModel.find({ requestId, action: 'WRITE' }, { _id: 0, resourceType: 1, resourceIds: 1, outcome: 1, purpose: 1 }).sort({ seq: 1 }).lean();

describe('write audit', () => {
  let caseId: string;

  it('records a create under its record type, intent before and result with the new id', async () => {
    const who = identity(JCY, ['officer'], 'audit-clerk');
    const r = await execute(procuratorate, who, `mutation { createProcuratorateCase(input: { caseNumber: "渑检公益〔2026〕901号", type: PUBLIC_INTEREST,
      title: "生态环境保护公益诉讼案", acceptedAt: "2026-01-05" }) { id } }`);
    expect(r.errors).toBeUndefined();
    caseId = r.data!.createProcuratorateCase.id;
    expect(await writes(who.requestId)).toEqual([
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [], outcome: 'ALLOWED', purpose: 'attempt' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'new → CLUE' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'result' },
    ]);
  });

  it('takes the ids of a step written as literals in the query, and records the move as from → to', async () => {
    const who = identity(JCY, ['officer'], 'audit-clerk');
    const r = await execute(procuratorate, who, `mutation { filePublicInterestCase(id: "${caseId}", version: 0, filedAt: "2026-01-06") { id status } }`);
    expect(r.errors).toBeUndefined();
    expect(await writes(who.requestId)).toEqual([
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'attempt' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'CLUE → FILED' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'result' },
    ]);
  });

  it('records a refused step as DENIED under the same type and id, with no domain event', async () => {
    const who = identity(JCY, ['officer'], 'audit-clerk');
    const stale = await execute(procuratorate, who, `mutation { filePublicInterestCase(id: "${caseId}", version: 0) { id } }`);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await writes(who.requestId)).toEqual([
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'ALLOWED', purpose: 'attempt' },
      { resourceType: 'PROCURATORATE_CASE', resourceIds: [caseId], outcome: 'DENIED', purpose: 'result' },
    ]);
  });
});

describe('the answer of a step', () => {
  it('goes through the record’s read rule: a counterpart’s step is audited as a cross-agency read of what it gets back', async () => {
    const owner = identity(JCY, ['officer'], 'audit-clerk');
    const chief = identity(JCY, ['supervisor'], 'audit-chief');
    const c = await execute(procuratorate, owner, `mutation { createProcuratorateCase(input: { caseNumber: "渑检刑诉受〔2026〕902号", type: CRIMINAL_PROSECUTION,
      title: "盗窃案", acceptedAt: "2026-01-05" }) { id } }`);
    const s = await execute(procuratorate, owner, `mutation { issueSuggestion(input: { procuratorateCaseId: "${c.data!.createProcuratorateCase.id}", number: "渑检建〔2026〕902号",
      kind: OTHER, targetAgencyCode: "411221-SCJ", content: "建议", issuedAt: "2026-01-06" }) { id } }`);
    const id = s.data!.issueSuggestion.id as string;
    await execute(procuratorate, chief, `mutation { approveSuggestion(id: "${id}", version: 0, approvedAt: "2026-01-07") { id } }`);
    await execute(procuratorate, owner, `mutation { serveSuggestion(id: "${id}", version: 1, servedAt: "2026-01-08") { id } }`);

    const target = identity('411221-SCJ', ['officer'], 'scj-clerk');
    const r = await execute(procuratorate, target, `mutation { replyToSuggestion(id: "${id}", version: 2, reply: "已整改", repliedAt: "2026-01-09") { status } }`);
    expect(r.data?.replyToSuggestion).toEqual({ status: 'REPLIED' });
    const reads = await AuditEventModel.find({ requestId: target.requestId, action: 'READ' }, { _id: 0, resourceType: 1, resourceIds: 1, outcome: 1 }).lean();
    expect(reads).toEqual([{ resourceType: 'SUGGESTION', resourceIds: [id], outcome: 'ALLOWED' }]);
    // The owner's own step reads nothing across agencies.
    expect(await AuditEventModel.countDocuments({ requestId: owner.requestId, action: 'READ' })).toBe(0);
  });
});
