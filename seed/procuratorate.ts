import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../subgraphs/procuratorate/models';
import type {
  ProcuratorateCaseStatus, ProcuratorateCaseType, ReverseReferralStatus, SuggestionKind, SuggestionStatus,
} from '../subgraphs/procuratorate/__generated__/resolvers-types';
import { addDays, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

const TYPE_WEIGHTS: readonly (readonly [ProcuratorateCaseType, number])[] = [
  ['CRIMINAL_PROSECUTION', 70], ['PUBLIC_INTEREST', 12], ['ADMINISTRATIVE_SUPERVISION', 10], ['CIVIL_SUPERVISION', 8],
];
const TYPE_CODE: Record<ProcuratorateCaseType, string> = {
  CRIMINAL_PROSECUTION: '刑诉受', PUBLIC_INTEREST: '公益', ADMINISTRATIVE_SUPERVISION: '行监', CIVIL_SUPERVISION: '民监',
};
const TITLES: Record<ProcuratorateCaseType, string[]> = {
  CRIMINAL_PROSECUTION: ['涉嫌盗窃案', '涉嫌危险驾驶案', '涉嫌诈骗案', '涉嫌故意伤害案', '涉嫌污染环境案', '涉嫌生产、销售伪劣产品案', '涉嫌非法占用农用地案'],
  PUBLIC_INTEREST: ['食品安全领域公益诉讼案', '生态环境保护公益诉讼案', '国有财产保护公益诉讼案', '文物保护公益诉讼案'],
  ADMINISTRATIVE_SUPERVISION: ['行政非诉执行监督案', '行政处罚决定监督案', '行政裁判结果监督案'],
  CIVIL_SUPERVISION: ['民事生效裁判监督案', '民事执行活动监督案', '虚假诉讼监督案'],
};
const PI_FIELDS = ['食品药品安全', '生态环境和资源保护', '国有财产保护', '国有土地使用权出让', '文物和文化遗产保护'];
const PI_FLOW: ProcuratorateCaseStatus[] = ['CLUE', 'FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP', 'TERMINATED'];
const SUGGESTION_FLOW: SuggestionStatus[] = ['DRAFT', 'APPROVED', 'SERVED', 'REPLIED', 'RECTIFYING', 'VERIFIED', 'CLOSED'];
const REFERRAL_FLOW: ReverseReferralStatus[] = ['NON_PROSECUTED', 'REFERRED', 'UNDER_REVIEW', 'OPINION_ISSUED', 'AGENCY_DECIDED', 'RESULT_REPORTED'];

/** About 800 cases, 150 suggestions and the reverse referrals after 不起诉 per county-year. */
export async function seedProcuratorate(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const adults = world.people.filter((p) => !p.sealed);
  const minors = world.people.filter((p) => p.sealed);
  const perTypeYear = new Map<string, number>();
  const transfers = [...world.filedTransfers];
  const cases: Record<string, unknown>[] = [];
  const referrals: Record<string, unknown>[] = [];

  for (let i = 0; i < scaled(world, 800); i++) {
    // Most filed transfers come on to the procuratorate as cases (行刑衔接).
    const transfer = transfers.length && rng.chance(0.25) ? transfers.shift()! : null;
    const type: ProcuratorateCaseType = transfer ? 'CRIMINAL_PROSECUTION' : rng.weighted(TYPE_WEIGHTS);
    const acceptedAt = transfer ? notAfter(addDays(transfer.filedAt, rng.int(20, 60)), addDays(today, -1)) : rng.date(world.start, addDays(today, -1));
    const year = acceptedAt.getUTCFullYear();
    const key = `${type}-${year}`;
    perTypeYear.set(key, (perTypeYear.get(key) ?? 0) + 1);
    const sealed = type === 'CRIMINAL_PROSECUTION' && minors.length > 0 && rng.chance(0.03);
    const suspect = sealed ? rng.pick(minors).id : transfer?.personId ?? rng.pick(adults).id;
    const victimIds = type === 'CRIMINAL_PROSECUTION' && rng.chance(0.6) ? [rng.pick(adults).id] : [];
    const creditCodes = transfer?.creditCode ? [transfer.creditCode] : type !== 'CIVIL_SUPERVISION' && rng.chance(0.12) ? [rng.pick(world.enterprises).creditCode] : [];
    const age = (today.getTime() - acceptedAt.getTime()) / 86_400_000;
    let status: ProcuratorateCaseStatus;
    let decision: string | null = null;
    let nonProsecutionKind: string | null = null;
    let decidedAt: Date | null = null;
    let closedAt: Date | null = null;
    if (type === 'PUBLIC_INTEREST') {
      status = rng.chance(0.05) ? 'LITIGATED' : PI_FLOW[Math.min(PI_FLOW.length - 1, Math.floor(age / 40))];
    } else if (age < 30 || rng.chance(0.08)) {
      status = rng.pick(['ACCEPTED', 'UNDER_REVIEW'] as const); // some company cases linger: 挂案
    } else {
      decidedAt = notAfter(addDays(acceptedAt, rng.int(15, 45)), today);
      if (type === 'CRIMINAL_PROSECUTION') {
        decision = rng.chance(0.8) ? 'PROSECUTE' : 'NON_PROSECUTION';
        if (decision === 'NON_PROSECUTION') nonProsecutionKind = rng.weighted([['DISCRETIONARY', 6], ['STATUTORY', 1], ['EVIDENTIARY', 2], ['CONDITIONAL', 1]] as const);
      } else decision = rng.pick(['TERMINATE_REVIEW', 'OTHER'] as const);
      closedAt = rng.chance(0.7) ? notAfter(addDays(decidedAt, rng.int(5, 30)), today) : null;
      status = closedAt ? 'CLOSED' : 'DECIDED';
    }
    const id = seedId(acceptedAt, 1_000_000 + i);
    cases.push({
      _id: id, caseNumber: `渑检${TYPE_CODE[type]}〔${year}〕${perTypeYear.get(key)}号`, type,
      title: `${rng.pick(TITLES[type])}`, agencyCode: PROCURATORATE_CODE, personIds: type === 'PUBLIC_INTEREST' ? [] : [suspect],
      victimIds, creditCodes, status, acceptedAt, decidedAt, closedAt, decision, nonProsecutionKind,
      publicInterestField: type === 'PUBLIC_INTEREST' ? rng.pick(PI_FIELDS) : null, sealed,
      sourceTransferId: transfer?.id ?? null, version: 0,
    });
    if (!sealed) world.procuratorateCases.push({ id, acceptedAt, suspectIds: type === 'PUBLIC_INTEREST' ? [] : [suspect], victimIds });

    // 行刑反向衔接: after 不起诉, refer to the competent agency for a penalty.
    if (decision === 'NON_PROSECUTION' && decidedAt && !sealed) {
      const depth = Math.min(REFERRAL_FLOW.length - 1, Math.floor((today.getTime() - decidedAt.getTime()) / 86_400_000 / 12));
      const referredAt = depth >= 1 ? addDays(decidedAt, rng.int(1, 3)) : null;
      const opinionIssuedAt = referredAt && depth >= 3 ? notAfter(addDays(referredAt, rng.int(5, 14)), today) : null;
      const resultReportedAt = opinionIssuedAt && depth >= 5 ? notAfter(addDays(opinionIssuedAt, rng.int(20, 60)), today) : null;
      referrals.push({
        _id: seedId(decidedAt, 1_500_000 + i), procuratorateCaseId: id, agencyCode: PROCURATORATE_CODE,
        enforcementCaseId: transfer?.enforcementCaseId ?? null, competentAgencyCode: transfer?.agencyCode ?? '411221-SCJ',
        status: REFERRAL_FLOW[depth], referredAt, opinionIssuedAt, resultReportedAt,
        result: resultReportedAt ? '已作出行政处罚决定：罚款' : null, version: 0,
      });
    }
  }

  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT' || a.type === 'GOVERNMENT').map((a) => a.code);
  const suggestable = cases.filter((c) => c.type !== 'CIVIL_SUPERVISION' && !c.sealed) as { _id: string; type: ProcuratorateCaseType; acceptedAt: Date }[];
  const suggestions: Record<string, unknown>[] = [];
  const perYear = new Map<number, number>();
  for (let i = 0; i < scaled(world, 150) && suggestable.length; i++) {
    const c = rng.pick(suggestable);
    const kind: SuggestionKind = c.type === 'PUBLIC_INTEREST' ? 'PUBLIC_INTEREST_PRE_SUIT' : rng.weighted([['CORRECT_VIOLATION', 5], ['SOCIAL_GOVERNANCE', 4], ['OTHER', 1]] as const);
    const issuedAt = notAfter(addDays(c.acceptedAt, rng.int(10, 60)), addDays(today, -1));
    const year = issuedAt.getUTCFullYear();
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const age = (today.getTime() - issuedAt.getTime()) / 86_400_000;
    const late = rng.chance(0.1); // never replied: overdue once two months pass
    const depth = Math.min(late ? 2 : SUGGESTION_FLOW.length - 1, Math.floor(age / 20));
    const servedAt = depth >= 2 ? addDays(issuedAt, rng.int(1, 5)) : null;
    const repliedAt = servedAt && depth >= 3 ? notAfter(addDays(servedAt, rng.int(20, 58)), today) : null;
    suggestions.push({
      _id: seedId(issuedAt, 1_800_000 + i), number: `渑检${kind === 'PUBLIC_INTEREST_PRE_SUIT' ? '行公建' : '建'}〔${year}〕${perYear.get(year)}号`,
      kind, procuratorateCaseId: c._id, agencyCode: PROCURATORATE_CODE, targetAgencyCode: rng.pick(enforcementAgencies),
      content: kind === 'SOCIAL_GOVERNANCE' ? '建议加强行业监管，堵塞管理漏洞。' : '建议依法履行监管职责，对违法行为予以纠正。',
      status: SUGGESTION_FLOW[depth], issuedAt, servedAt, repliedAt, harmSpreading: kind === 'PUBLIC_INTEREST_PRE_SUIT' && rng.chance(0.2), version: 0,
    });
  }

  await ProcuratorateCaseModel.insertMany(cases);
  await SuggestionModel.insertMany(suggestions);
  await ReverseReferralModel.insertMany(referrals);
  Object.assign(world.counts, { procuratorateCases: cases.length, suggestions: suggestions.length, reverseReferrals: referrals.length });
}
