// Chinese names of enum values: the supergraph's own descriptions (scripts/build-web.ts reads them at build
// time), with the few enums whose values carry no Chinese word named here.
import schemaLabels from 'virtual:enum-labels';

const EXTRA: Record<string, Record<string, string>> = {
  AlertSeverity: { INFO: '提示', WARNING: '警示', CRITICAL: '严重' },
  AlertStatus: { OPEN: '待处理', ACKNOWLEDGED: '已签收', RESOLVED: '已解除' },
  ResourceType: {
    PROCURATORATE_CASE: '检察案件', SUGGESTION: '检察建议', REVERSE_REFERRAL: '反向衔接', ENFORCEMENT_CASE: '行政执法案件',
    CRIMINAL_TRANSFER: '涉嫌犯罪移送', PETITION: '信访件', HOTLINE_TICKET: '热线工单', RESCUE_APPLICATION: '司法救助申请',
    SUPPORT_REFERRAL: '多元救助转介', WORK_TASK: '工作任务',
  },
  WorkTaskStatus: { PLANNED: '未开始', IN_PROGRESS: '推进中', DONE: '已完成' },
  DataRequestStatus: {
    DRAFT: '草稿', SUBMITTED: '已提交', COMPLIANCE_CHECK: '合规审查', COORDINATION: '协调中', PROVIDER_REVIEW: '提供方审核',
    GRANTED: '已授权', DENIED: '不予共享', WITHDRAWN: '已撤回', EXPIRED: '已过期',
  },
};

const labels: Record<string, Record<string, string>> = { ...schemaLabels };
for (const [type, values] of Object.entries(EXTRA)) labels[type] = { ...values, ...labels[type] };

/** The Chinese name of `value` of enum `type`, or the value itself when the schema names none. */
export function label(type: string, value: string | null | undefined): string {
  if (value == null) return '—';
  return labels[type]?.[value] ?? value;
}

const ROLES: Record<string, string> = {
  officer: '承办人', supervisor: '审批人', liaison_admin: '联席办管理员', auditor: '审计员', viewer: '查阅人', service: '服务账号',
};

export function roleLabel(role: string): string {
  return ROLES[role] ?? role;
}
