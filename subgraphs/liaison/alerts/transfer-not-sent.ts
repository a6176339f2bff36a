import { defineRule, eachNode, overdueText, PAGE_INFO } from './rule';

interface Node {
  id: string;
  overdue: boolean;
  dueAt: string | null;
  suspectedCharge: string;
  agency: { code: string };
  enforcementCase: { id: string; caseNumber: string } | null;
}

/**
 * 有案不移: a transfer the agency head approved and the agency has not sent to the police within the send period
 * (transferSend, 24 hours by default: 国务院令第310号 第五条). Always CRITICAL.
 */
export default defineRule<Node>({
  rule: 'TRANSFER_NOT_SENT',
  title: '有案不移',
  describe: () => '负责人已批准移送, 超过移送期限(批准后24小时)仍未移送公安机关的案件, 由移送单位处理; 均为严重。',
  query: `query($first: Int, $after: String) {
    criminalTransfers(filter: { status: APPROVED, overdue: true }, first: $first, after: $after) {
      nodes { id overdue dueAt suspectedCharge agency { code } enforcementCase { id caseNumber } } ${PAGE_INFO}
    }
  }`,
  findings: eachNode((n, _s, now) =>
    n.overdue && n.dueAt
      ? {
          subject: n.id,
          agencyCode: n.agency.code,
          severity: 'CRITICAL',
          message: `${n.enforcementCase?.caseNumber ?? '案件'}(涉嫌${n.suspectedCharge})已批准移送, 移送公安机关${overdueText(n.dueAt, now)}`,
          records: [{ typename: 'CriminalTransfer', id: n.id }, ...(n.enforcementCase ? [{ typename: 'EnforcementCase' as const, id: n.enforcementCase.id }] : [])],
        }
      : null,
  ),
});
