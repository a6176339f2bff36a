import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { syncAgencies } from '../subgraphs/liaison/agencies';
import { personFromInput } from '../subgraphs/liaison/people';
import {
  AlertModel, DataRequestModel, EnterpriseModel, PersonModel, SharingGrantModel, WorkTaskModel,
  type AlertDoc, type DataRequestDoc, type SharingGrantDoc, type WorkTaskDoc,
} from '../subgraphs/liaison/models';
import type { DataRequestStatus, ResourceType, WorkTaskStatus } from '../subgraphs/liaison/__generated__/resolvers-types';
import { addDays, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

/** Agencies, people (validated and encrypted exactly as registerPerson does) and enterprises. */
export async function seedLiaison(world: SeedWorld): Promise<void> {
  await syncAgencies();
  const people = world.people.map((p) => ({ ...personFromInput({ name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address }), sealed: p.sealed }));
  await PersonModel.insertMany(people);
  await EnterpriseModel.insertMany(world.enterprises.map((e) => ({ _id: e.creditCode, name: e.name, legalRepresentativeId: e.legalRepresentativeId, address: e.address, industry: e.industry })));
  world.counts.agencies = AGENCIES.length;
  world.counts.persons = people.length;
  world.counts.enterprises = world.enterprises.length;
}

const TASKS = [
  '建立行政执法与刑事司法衔接信息共享平台', '开展检察建议落实情况"回头看"', '召开府检联动联席会议',
  '联合开展食品药品安全专项行动', '健全行政争议实质性化解机制', '开展同堂培训', '联合发布典型案例',
  '推进涉企"挂案"清理', '完善司法救助与社会救助衔接', '建立重复信访联合化解机制',
];

const REQUEST_SPECS: { provider: string; types: ResourceType[]; purpose: string; basis: string }[] = [
  { provider: '411221-SCJ', types: ['ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER'], purpose: '行政执法与刑事司法衔接监督', basis: '《行政执法机关移送涉嫌犯罪案件的规定》第十四条' },
  { provider: '411221-HBJ', types: ['ENFORCEMENT_CASE'], purpose: '生态环境公益诉讼线索核查', basis: '《中华人民共和国行政诉讼法》第二十五条第四款' },
  { provider: '411221-XFJ', types: ['PETITION'], purpose: '重复信访联合化解', basis: '《信访工作条例》第三十条' },
  { provider: '411221-RX12345', types: ['HOTLINE_TICKET'], purpose: '12345热线数据共享，发现公益诉讼线索', basis: '渑池县府检联动工作机制意见第三条' },
  { provider: PROCURATORATE_CODE, types: ['SUGGESTION'], purpose: '法治政府建设考核', basis: '渑池县府检联动工作机制意见第四条' },
];

/** Data requests in every status (granted ones with their grants), work tasks and alerts. */
export async function seedLiaisonWorkflows(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const requests: DataRequestDoc[] = [];
  const grants: SharingGrantDoc[] = [];
  const statuses: DataRequestStatus[] = ['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED', 'GRANTED', 'GRANTED', 'DENIED', 'COORDINATION', 'WITHDRAWN'];
  for (let i = 0; i < scaled(world, 40); i++) {
    const spec = rng.pick(REQUEST_SPECS);
    const requester = spec.provider === PROCURATORATE_CODE ? '411221-ZFB' : PROCURATORATE_CODE;
    const submittedAt = rng.date(world.start, addDays(today, -1));
    const status = rng.pick(statuses);
    const decided = ['GRANTED', 'DENIED', 'COORDINATION'].includes(status);
    const decidedAt = decided ? notAfter(addDays(submittedAt, rng.int(2, 9)), today) : null;
    const id = seedId(submittedAt, 900_000 + i);
    const wantsPersonalData = rng.chance(0.3);
    requests.push({
      _id: id, requesterCode: requester, providerCode: spec.provider, resourceTypes: spec.types, scopeIds: [],
      scopeFilter: '本年度全部案件', purpose: spec.purpose, legalBasis: spec.basis, wantsPersonalData,
      periodFrom: world.start, periodTo: today, status, submittedAt, decidedAt,
      decisionReason: status === 'DENIED' ? '申请范围超出履职需要，不符合最小必要原则' : status === 'GRANTED' ? '同意共享' : null,
    });
    if (status === 'GRANTED' && decidedAt) {
      const expired = rng.chance(0.15);
      grants.push({
        _id: seedId(decidedAt, 950_000 + i), requestId: id, granteeCode: requester, providerCode: spec.provider,
        resourceTypes: spec.types, scopeIds: [], scopeFilter: '本年度全部案件', purpose: spec.purpose, legalBasis: spec.basis,
        allowsPersonalData: wantsPersonalData, validFrom: decidedAt,
        validUntil: expired ? addDays(decidedAt, 30) : addDays(decidedAt, 365),
        revokedAt: !expired && rng.chance(0.1) ? notAfter(addDays(decidedAt, 20), today) : null,
      });
    }
  }

  const tasks: WorkTaskDoc[] = [];
  for (const year of [today.getUTCFullYear() - 1, today.getUTCFullYear()]) {
    TASKS.forEach((title, k) => {
      const dueAt = new Date(Date.UTC(year, 2 + k, 28));
      const past = dueAt < today;
      const status: WorkTaskStatus = past ? (rng.chance(0.8) ? 'DONE' : 'IN_PROGRESS') : rng.pick(['PLANNED', 'IN_PROGRESS'] as const);
      const lead = k % 3 === 0 ? PROCURATORATE_CODE : rng.pick(AGENCIES).code;
      tasks.push({
        _id: seedId(new Date(Date.UTC(year, 0, 15)), 980_000 + year * 100 + k), year, title, leadAgencyCode: lead,
        responsibleAgencyCodes: [...new Set([lead, rng.pick(AGENCIES).code, rng.pick(AGENCIES).code])], dueAt, status, version: 0,
      });
    });
  }

  const alerts: AlertDoc[] = world.filedTransfers.slice(0, scaled(world, 8)).map((t, i) => ({
    _id: seedId(t.filedAt, 990_000 + i), rule: 'TRANSFER_OVERDUE', severity: 'WARNING',
    message: '移送案件公安机关立案后超过3日未移交涉案物品', agencyCode: t.agencyCode,
    resourceType: 'CRIMINAL_TRANSFER', resourceId: t.id, raisedAt: addDays(t.filedAt, 4), resolvedAt: rng.chance(0.5) ? addDays(t.filedAt, 8) : null,
  }));

  await DataRequestModel.insertMany(requests);
  await SharingGrantModel.insertMany(grants);
  await WorkTaskModel.insertMany(tasks);
  await AlertModel.insertMany(alerts);
  Object.assign(world.counts, { dataRequests: requests.length, sharingGrants: grants.length, workTasks: tasks.length, alerts: alerts.length });
}
