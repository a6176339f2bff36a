import type { ProcuratorateCaseType } from '../../subgraphs/procuratorate/__generated__/resolvers-types';

// What the seeded records say: case types and titles, public-interest fields, the notes of the steps.

export const TYPE_WEIGHTS: readonly (readonly [ProcuratorateCaseType, number])[] = [
  ['CRIMINAL_PROSECUTION', 70], ['PUBLIC_INTEREST', 12], ['ADMINISTRATIVE_SUPERVISION', 10], ['CIVIL_SUPERVISION', 8],
];
export const TYPE_CODE: Record<ProcuratorateCaseType, string> = {
  CRIMINAL_PROSECUTION: '刑诉受', PUBLIC_INTEREST: '公益', ADMINISTRATIVE_SUPERVISION: '行监', CIVIL_SUPERVISION: '民监',
};
export const TITLES: Record<ProcuratorateCaseType, string[]> = {
  CRIMINAL_PROSECUTION: ['涉嫌盗窃案', '涉嫌危险驾驶案', '涉嫌诈骗案', '涉嫌故意伤害案', '涉嫌污染环境案', '涉嫌生产、销售伪劣产品案', '涉嫌非法占用农用地案'],
  PUBLIC_INTEREST: ['食品安全领域公益诉讼案', '生态环境保护公益诉讼案', '国有财产保护公益诉讼案', '文物保护公益诉讼案'],
  ADMINISTRATIVE_SUPERVISION: ['行政非诉执行监督案', '行政处罚决定监督案', '行政裁判结果监督案'],
  CIVIL_SUPERVISION: ['民事生效裁判监督案', '民事执行活动监督案', '虚假诉讼监督案'],
};
/** Public-interest fields and the agency usually consulted and addressed. */
export const PI_FIELDS: readonly (readonly [string, string])[] = [
  ['食品药品安全', '411221-SCJ'], ['生态环境和资源保护', '411221-HBJ'], ['国有财产保护', '411221-ZRJ'],
  ['国有土地使用权出让', '411221-ZRJ'], ['文物和文化遗产保护', '411221-WLJ'],
];

export const NOTES = {
  objection: ['建议事项部分不属于本单位法定职责', '相关问题已由上级主管部门部署整治', '建议所涉事实与本单位掌握情况不符'],
  upheld: '经复核，建议事项属于该单位法定职责，维持原建议',
  amended: '经复核，异议部分成立，删去第二项建议',
  withdrawn: '经复核，异议成立，撤回检察建议',
  reply: ['已召开专题会议研究，部署专项整治', '已对涉事企业立案查处，并建立长效监管机制', '已完成排查，制定整改方案'],
  plan: '成立整改工作专班，三个月内完成全县排查并建立台账',
  progress: '已完成排查，整改完成率80%',
  verified: '回头看：整改措施已落实到位',
  escalated: '逾期未回复，提请县人民政府督促落实',
  discarded: '经审查，所涉问题已由行政机关自行纠正，不再制发检察建议',
  consult: '与行政机关磋商，听取其履职情况说明',
  followUp: '跟进监督，现场查看整改情况',
  terminated: ['行政机关已依法全面履职，国家利益和社会公共利益得到有效保护', '经调查，行政机关不存在违法行使职权或者不作为情形'],
  referralSuspended: '被不起诉人提出申诉，中止审查',
  opinion: '建议依法给予行政处罚，并将处理结果书面回复我院',
  referralTerminated: '被不起诉人已被给予行政处罚，终结审查',
  agencyDecision: ['没收违法所得并处罚款', '责令改正，处警告', '给予政务记过处分'],
  result: '处罚决定已执行完毕，特此回复',
};
