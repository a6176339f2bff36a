import type { EnforcementField } from './settings';
import { defineRule, eachNode, PAGE_INFO } from './rule';

interface Node {
  id: string;
  caseNumber: string;
  field: EnforcementField;
  agency: { code: string };
  penalty: { type: string; amount: number | null } | null;
  transfer: { id: string; status: string } | null;
}

const FIELD_NAMES: Record<EnforcementField, string> = {
  FOOD_DRUG: '食品药品', ECOLOGY: '生态环境', NATURAL_RESOURCES: '自然资源', MARKET: '市场监管', WORK_SAFETY: '安全生产', LABOR: '劳动保障',
  CULTURE_TOURISM: '文物文旅', AGRICULTURE: '农业', FINANCE: '金融', TAX: '税务', OTHER: '其他',
};

const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

/**
 * 以罚代刑风险: a decided (or closed) enforcement case whose penalty amount is at or above its field's criminal
 * threshold (ALERT_RULES.penaltyThresholds), with no criminal transfer, or only one its head refused. Fields
 * without a threshold are not read.
 */
export default defineRule<Node>({
  rule: 'PENALTY_INSTEAD_OF_PROSECUTION',
  title: '以罚代刑风险',
  describe: (s) =>
    `罚没金额达到所属领域移送参考数额, 却未移送(或移送未获批准)的已决定行政执法案件, 由办案单位处理。参考数额: ${
      Object.entries(s.penaltyThresholds).map(([f, n]) => `${FIELD_NAMES[f as EnforcementField]}${yuan(n!)}`).join('、') || '未设置'
    }。`,
  query: `query($field: EnforcementField, $status: EnforcementCaseStatus, $first: Int, $after: String) {
    enforcementCases(filter: { field: $field, status: $status }, first: $first, after: $after) {
      nodes { id caseNumber field agency { code } penalty { type amount } transfer { id status } } ${PAGE_INFO}
    }
  }`,
  variables: (s) => Object.keys(s.penaltyThresholds).flatMap((field) => ['DECIDED', 'CLOSED'].map((status) => ({ field, status }))),
  findings: eachNode((n, s) => {
    const threshold = s.penaltyThresholds[n.field];
    const amount = n.penalty?.amount;
    if (threshold == null || amount == null || amount < threshold) return null;
    if (n.transfer && n.transfer.status !== 'REFUSED') return null;
    return {
      subject: n.id,
      agencyCode: n.agency.code,
      severity: 'WARNING',
      message: `${n.caseNumber}罚没${yuan(amount)}, 达到${FIELD_NAMES[n.field]}领域移送参考数额${yuan(threshold)}, ${n.transfer ? '移送未获批准' : '未移送公安机关'}`,
      records: [{ typename: 'EnforcementCase', id: n.id }, ...(n.transfer ? [{ typename: 'CriminalTransfer' as const, id: n.transfer.id }] : [])],
    };
  }),
});
