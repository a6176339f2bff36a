import { defineRule, overdueSeverity, overdueText, PAGE_INFO } from './rule';

interface Node {
  id: string;
  status: string;
  agency: { code: string };
  policeAgency: { code: string };
  enforcementCase: { id: string; caseNumber: string } | null;
  deadlines: { rule: string; dueAt: string; overdue: boolean }[];
}

/** The duties of a transfer (enforcement/deadlines.ts), the step each is, and who owes it: A the agency, P the police. */
const DUTIES: Record<string, { step: string; owes: 'A' | 'P' }> = {
  transferApproval: { step: '审批移送', owes: 'A' },
  policeReview: { step: '立案审查', owes: 'P' },
  reconsiderationDecision: { step: '复议决定', owes: 'P' },
  policeExplanation: { step: '说明不立案理由', owes: 'P' },
  fileAfterOrder: { step: '通知立案后立案', owes: 'P' },
  exhibitHandover: { step: '移交涉案物品', owes: 'A' },
};

/**
 * 移送超期: a duty of a criminal transfer past its due date (国务院令第310号 periods), one alert per duty, owned by
 * the agency owing it. An approved transfer not sent is 有案不移 (transfer-not-sent.ts), not this rule.
 */
export default defineRule<Node>({
  rule: 'TRANSFER_OVERDUE',
  title: '移送超期',
  describe: (s) => `涉嫌犯罪案件移送中超过期限的环节(审批、立案审查、复议、说明不立案理由、立案、移交涉案物品), 由负有该环节的单位处理; 逾期${s.criticalAfterDays}日起为严重。已批准未移送的见"有案不移"。`,
  query: `query($first: Int, $after: String) {
    criminalTransfers(filter: { overdue: true }, first: $first, after: $after) {
      nodes { id status agency { code } policeAgency { code } enforcementCase { id caseNumber } deadlines { rule dueAt overdue } } ${PAGE_INFO}
    }
  }`,
  findings: (nodes, s, now) =>
    nodes.flatMap((n) =>
      n.status === 'APPROVED'
        ? []
        : n.deadlines.flatMap((d) => {
            const duty = DUTIES[d.rule];
            if (!d.overdue || !duty) return [];
            const which = n.enforcementCase ? `${n.enforcementCase.caseNumber}的移送` : '涉嫌犯罪案件移送';
            return {
              subject: `${n.id}:${d.rule}`,
              agencyCode: duty.owes === 'A' ? n.agency.code : n.policeAgency.code,
              severity: overdueSeverity(d.dueAt, s, now),
              message: `${which}: ${duty.step}${overdueText(d.dueAt, now)}`,
              records: [{ typename: 'CriminalTransfer' as const, id: n.id }, ...(n.enforcementCase ? [{ typename: 'EnforcementCase' as const, id: n.enforcementCase.id }] : [])],
            };
          }),
    ),
});

