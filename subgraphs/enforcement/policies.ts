import type { Policy } from '../../lib/access';
import type { CriminalTransferDoc, EnforcementCaseDoc } from './models';

/**
 * 行政执法案件: owned by the handling agency. Its workflow counterparts are the police agency and the
 * procuratorate copied once the case's criminal transfer is SENT; the send step copies the transfer's counterparts to
 * the case's stored `counterpartCodes` (the case itself does not name them). Not sealed: enforcement cases hold no juvenile records.
 */
export const enforcementCasePolicy: Policy<EnforcementCaseDoc> = {
  resourceType: 'ENFORCEMENT_CASE',
  owner: (c) => c.agencyCode,
  counterparts: (c) => c.counterpartCodes ?? [],
  sealed: undefined,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'] },
};

/**
 * 涉嫌犯罪案件移送: owned by the transferring agency. The receiving police agency and the procuratorate copy see it
 * from SENT on (国务院令第310号: sent to 公安, copied to the 检察院); before that only the owner. The transfer workflow
 * derives them into the stored `counterpartCodes` (workflow.ts), so the MongoDB filter and the function express the same rule.
 */
export const transferPolicy: Policy<CriminalTransferDoc> = {
  resourceType: 'CRIMINAL_TRANSFER',
  owner: (t) => t.agencyCode,
  counterparts: (t) => t.counterpartCodes ?? [],
  sealed: undefined,
  fields: { owner: 'agencyCode', counterparts: ['counterpartCodes'] },
};

/** The counterparts a transfer gains when it is sent: the police and the procuratorate copied. */
export function sentCounterparts(t: Pick<CriminalTransferDoc, 'policeAgencyCode' | 'procuratorateCopyCode'>): string[] {
  return [t.policeAgencyCode, t.procuratorateCopyCode].filter((c): c is string => !!c);
}
