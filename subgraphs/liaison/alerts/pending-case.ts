import { daysPast, defineRule, eachNode, PAGE_INFO } from './rule';

interface Node {
  id: string;
  caseNumber: string;
  acceptedAt: string;
  pendingTooLong: boolean;
  agency: { code: string };
}

/**
 * 涉企挂案: a procuratorate case involving an enterprise still open past the 挂案 threshold (the procuratorate's
 * `pendingTooLong`: DEADLINE_RULES.pendingTooLong, 365 days by default). Sealed cases are never read by a service.
 */
export default defineRule<Node>({
  rule: 'PENDING_CASE_TOO_LONG',
  title: '涉企挂案',
  describe: () => '涉及企业的检察案件受理后超过挂案期限(默认365日)仍未办结, 由办案单位处理。',
  query: `query($first: Int, $after: String) {
    procuratorateCases(filter: { pendingTooLong: true }, first: $first, after: $after) { nodes { id caseNumber acceptedAt pendingTooLong agency { code } } ${PAGE_INFO} }
  }`,
  findings: eachNode((n, _s, now) =>
    n.pendingTooLong
      ? {
          subject: n.id,
          agencyCode: n.agency.code,
          severity: 'WARNING',
          message: `涉企案件${n.caseNumber}受理已${daysPast(n.acceptedAt, now)}日仍未办结(挂案)`,
          records: [{ typename: 'ProcuratorateCase', id: n.id }],
        }
      : null,
  ),
});
