import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { addWorkingDays, chinaYear } from '../lib/calendar';
import { parsePeriod } from '../lib/period';
import type { Machine, StatusChange } from '../lib/workflow';
import { syncAgencies } from '../subgraphs/liaison/agencies';
import { personFromInput } from '../subgraphs/liaison/people';
import {
  AlertModel, CampaignModel, ConsultationModel, DataRequestModel, EnterpriseModel, grantIdFor, JointMeetingModel, PersonModel,
  PublishedCaseModel, ReportModel, SharingGrantModel, SpecialAssistantModel, VolunteerModel, WorkTaskModel,
  type AlertDoc, type CampaignDoc, type ConsultationDoc, type DataRequestDoc, type JointMeetingDoc, type PublishedCaseDoc, type ReportDoc,
  type SharingGrantDoc, type SpecialAssistantDoc, type TaskProgressDoc, type VolunteerDoc, type WorkTaskDoc,
} from '../subgraphs/liaison/models';
import { liaisonIndicators } from '../subgraphs/liaison/resolvers/Dashboard';
import { dataRequestMachine, dataRequestNextDueAt, JOINT_OFFICE_CODE, maxValidUntil, workTaskMachine } from '../subgraphs/liaison/workflows';
import type { DataRequestStatus, ResourceType, WorkTaskStatus } from '../subgraphs/liaison/__generated__/resolvers-types';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TOWNSHIPS } from './names';
import { addDays, notAfter, seedId, type Random } from './random';
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

type S = DataRequestStatus;
/** Paths through the data-request machine; those ending at a meeting decision are completed below. */
const PATHS: readonly (readonly [readonly S[], number])[] = [
  [['SUBMITTED'], 1],
  [['SUBMITTED', 'COMPLIANCE_CHECK'], 1],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW'], 1.5],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED'], 5],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'DENIED'], 1],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED'], 1.5],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION'], 0.5],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'DENIED', 'COORDINATION', 'GRANTED'], 0.7],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'COORDINATION', 'DENIED'], 0.5],
  [['SUBMITTED', 'WITHDRAWN'], 0.4],
  [['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'WITHDRAWN'], 0.4],
];
const OPEN: readonly S[] = ['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW'];

const NOTES: Partial<Record<S, string>> = {
  COMPLIANCE_CHECK: '联席办受理，开展合规审查',
  PROVIDER_REVIEW: '用途明确、法律依据充分，符合最小必要原则，转提供单位审核',
  WITHDRAWN: '申请单位已通过其他途径取得所需信息，撤回申请',
};

/**
 * A history that obeys `machine`: each move must be a step of it, taken by (the first of) the agencies
 * the step names. Throws on a path the machine does not allow, so the seed cannot drift from the rules.
 */
function walk<St extends string, D>(machine: Machine<St, D>, doc: D, path: readonly St[], times: readonly Date[], notes: readonly (string | null)[]): StatusChange[] {
  const actor = (agency: string) => `seed-${agency}`;
  const creator = (doc as { requesterCode?: string }).requesterCode ?? JOINT_OFFICE_CODE;
  const history: StatusChange[] = [{ at: times[0], actor: actor(creator), agency: creator, from: null, to: path[0], note: notes[0] ?? null }];
  for (let k = 1; k < path.length; k++) {
    const step = machine[path[k - 1]]?.[path[k]];
    if (!step) throw new Error(`seed: ${path[k - 1]} → ${path[k]} is not a step of the machine`);
    if (times[k] < times[k - 1]) throw new Error(`seed: step ${k} of ${path.join(' → ')} goes back in time`);
    const agency = [step.by(doc)].flat().find((a): a is string => typeof a === 'string')!;
    history.push({ at: times[k], actor: actor(agency), agency, from: path[k - 1], to: path[k], note: notes[k] ?? null });
  }
  return history;
}

const hours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000);
const personName = (rng: Random) => rng.pick(SURNAMES) + rng.pick(rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE);

/** 联席会议: the annual meeting each January and a mid-year one, up to today. */
function seedMeetings(world: SeedWorld): JointMeetingDoc[] {
  const { rng, today, start } = world;
  const meetings: JointMeetingDoc[] = [];
  for (let year = start.getUTCFullYear(); year <= today.getUTCFullYear(); year++) {
    const annual = new Date(Date.UTC(year, 0, 20, 2));
    const midYear = new Date(Date.UTC(year, 6, 10, 2));
    if (annual <= today && annual >= start) {
      meetings.push({
        _id: seedId(annual, 970_000 + year * 10), title: `${year}年度府检联动联席会议`, date: annual, year: chinaYear(annual),
        attendeeCodes: [...new Set([JOINT_OFFICE_CODE, '411221-ZFB', '411221-SFJ', '411221-GAJ', ...AGENCIES.filter(() => rng.chance(0.4)).map((a) => a.code)])],
        minutes: `会议通报了${year - 1}年度府检联动工作开展情况，研究确定${year}年度工作要点，形成重点工作任务清单，明确牵头单位、责任单位和完成时限。`,
        decisions: TASKS.map((t) => `${t}（${year}年度工作要点）`),
      });
    }
    if (midYear <= today && midYear >= start) {
      meetings.push({
        _id: seedId(midYear, 970_000 + year * 10 + 1), title: `${year}年府检联动专题会商会议`, date: midYear, year: chinaYear(midYear),
        attendeeCodes: [JOINT_OFFICE_CODE, '411221-ZFB', '411221-SCJ', '411221-HBJ', '411221-XFJ'],
        minutes: '会议就部门间数据共享争议、重点案件办理情况进行集中会商研判，协调解决分歧。',
        decisions: ['对提请协调的共享申请逐件作出决定', '建立共享争议月度会商机制'],
      });
    }
  }
  return meetings;
}

/** Data requests along every path of the machine (granted ones with their grants, some revoked or expired). */
function seedRequests(world: SeedWorld, meetings: JointMeetingDoc[]): { requests: DataRequestDoc[]; grants: SharingGrantDoc[] } {
  const { rng, today } = world;
  const requests: DataRequestDoc[] = [];
  const grants: SharingGrantDoc[] = [];
  const lastMeeting = meetings.at(-1)?.date ?? world.start;
  let running = 0;
  const total = Math.max(PATHS.length, scaled(world, 40));
  for (let i = 0; i < total; i++) {
    let path = [...(i < PATHS.length ? PATHS[i][0] : rng.weighted(PATHS))];
    const spec = REQUEST_SPECS[i % REQUEST_SPECS.length];
    const requester = spec.provider === PROCURATORATE_CODE ? '411221-ZFB' : PROCURATORATE_CODE;
    const decidedAtMeeting = path.length > 1 && path.at(-2) === 'COORDINATION';
    const open = OPEN.includes(path.at(-1)!);
    // Open requests are recent (some past their clock, some not); settled ones leave room for every step.
    const latestStart = decidedAtMeeting ? addDays(lastMeeting, -40) : addDays(today, -45);
    const submittedAt = open ? hours(addDays(today, -rng.int(1, 12)), rng.int(0, 9)) : rng.date(world.start, latestStart < world.start ? world.start : latestStart);
    const catalogued = !rng.chance(0.25);
    const times: Date[] = [submittedAt];
    const notes: (string | null)[] = [null];
    let meetingId: string | null = null;
    for (let k = 1; k < path.length; k++) {
      const prev = times[k - 1];
      const to = path[k];
      let at: Date;
      if (to === 'COMPLIANCE_CHECK') at = hours(prev, rng.int(1, 20));
      else if (to === 'PROVIDER_REVIEW') at = hours(addWorkingDays(submittedAt, rng.int(1, 3)), rng.int(-4, 2));
      else if (path[k - 1] === 'COORDINATION') {
        const meeting = meetings.find((m) => m.date > prev);
        if (!meeting) { path = path.slice(0, k); break; }
        meetingId = meeting._id;
        at = hours(meeting.date, rng.int(24, 72));
      } else if (to === 'COORDINATION') at = addDays(prev, rng.int(1, 10));
      else at = hours(addWorkingDays(prev, rng.int(1, catalogued ? 6 : 11)), rng.int(0, 5));
      times.push(at < prev ? hours(prev, 1) : at);
      notes.push(NOTES[to] ?? null);
    }
    const status = path.at(-1)!;
    // Open ones keep their last step in the past.
    for (let k = 1; k < times.length; k++) if (times[k] > today) times[k] = notAfter(hours(times[k - 1], 1), today);
    const id = seedId(submittedAt, 900_000 + i);
    const periodTo = rng.chance(0.5) ? addDays(today, rng.int(30, 240)) : addDays(submittedAt, -rng.int(1, 60));
    const wantsPersonalData = rng.chance(0.3);
    const at = (s: S) => { const k = path.lastIndexOf(s); return k > 0 ? times[k] : null; };
    const decisionIndex = Math.max(path.lastIndexOf('GRANTED'), path.lastIndexOf('DENIED'));
    const escalationIndex = path.indexOf('COORDINATION');
    const decidedByCode = decisionIndex > 0 ? (path[decisionIndex - 1] === 'PROVIDER_REVIEW' ? spec.provider : JOINT_OFFICE_CODE) : null;
    const decisionReason = status === 'DENIED'
      ? (path[decisionIndex - 1] === 'COMPLIANCE_CHECK' ? '申请范围超出履职需要，不符合最小必要原则' : '所涉数据含未公开执法信息，暂不具备共享条件')
      : status === 'GRANTED' ? '同意共享' : null;
    if (decisionIndex > 0) notes[decisionIndex] = decisionReason;
    if (escalationIndex > 0) notes[escalationIndex] = '双方未能达成共识，提请联席会议协调';
    const doc: DataRequestDoc = {
      _id: id, requesterCode: requester, providerCode: spec.provider, resourceTypes: spec.types, scopeIds: [],
      scopeFilter: '本年度全部案件', purpose: spec.purpose, legalBasis: spec.basis, wantsPersonalData, catalogued,
      periodFrom: addDays(submittedAt, -365), periodTo, status, submittedAt,
      complianceStartedAt: at('COMPLIANCE_CHECK'), providerReviewStartedAt: at('PROVIDER_REVIEW'),
      decidedAt: decisionIndex > 0 ? times[decisionIndex] : null, decidedByCode, decisionReason,
      escalatedAt: escalationIndex > 0 ? times[escalationIndex] : null, escalatedByCode: escalationIndex > 0 ? requester : null,
      escalationReason: escalationIndex > 0 ? '双方未能达成共识，提请联席会议协调' : null,
      meetingId, withdrawnAt: at('WITHDRAWN'), version: path.length - 1, history: [],
    };
    doc.history = walk(dataRequestMachine, doc, path, times.slice(0, path.length), notes);
    doc.nextDueAt = dataRequestNextDueAt(doc);
    requests.push(doc);

    if (status === 'GRANTED') {
      const validFrom = doc.decidedAt!;
      const max = maxValidUntil(doc, validFrom);
      const narrowed = rng.chance(0.25) ? addDays(validFrom, 30) : max;
      const validUntil = narrowed < max ? narrowed : max;
      // Every fourth grant still running today was revoked (misuse found), the rest run or expired.
      const revoke = validUntil > today && running++ % 4 === 1 ? notAfter(addDays(validFrom, rng.int(5, 40)), today) : null;
      grants.push({
        _id: grantIdFor(id), requestId: id, granteeCode: requester, providerCode: spec.provider, resourceTypes: spec.types, scopeIds: [],
        scopeFilter: doc.scopeFilter, purpose: spec.purpose, legalBasis: spec.basis,
        allowsPersonalData: wantsPersonalData && rng.chance(0.7), validFrom, validUntil,
        revokedAt: revoke, revokedByCode: revoke ? spec.provider : null, revokeReason: revoke ? '申请单位超出授权用途使用数据，撤销授权' : null,
      });
    }
  }
  return { requests, grants };
}

/** The annual task lists, from each year's annual meeting, walked through their machine with progress reports. */
function seedTasks(world: SeedWorld, meetings: JointMeetingDoc[]): WorkTaskDoc[] {
  const { rng, today } = world;
  const tasks: WorkTaskDoc[] = [];
  for (const year of [today.getUTCFullYear() - 1, today.getUTCFullYear()]) {
    const meeting = meetings.find((m) => m.year === year && m.title.includes('年度'));
    const createdAt = meeting?.date ?? new Date(Date.UTC(year, 0, 15, 2));
    if (createdAt > today) continue;
    TASKS.forEach((title, k) => {
      const dueAt = new Date(Date.UTC(year, 2 + k, 28));
      const past = dueAt < today;
      const lead = k % 3 === 0 ? PROCURATORATE_CODE : rng.pick(AGENCIES).code;
      const responsible = [...new Set([lead, rng.pick(AGENCIES).code, rng.pick(AGENCIES).code])];
      let target: WorkTaskStatus = past ? (rng.chance(0.8) ? 'DONE' : 'IN_PROGRESS') : rng.pick(['PLANNED', 'IN_PROGRESS'] as const);
      const startedAt = notAfter(addDays(createdAt, rng.int(5, 40)), today);
      const completedAt = notAfter(addDays(dueAt, -rng.int(0, 20)), today);
      if (target === 'DONE' && completedAt <= startedAt) target = 'IN_PROGRESS';
      const path: WorkTaskStatus[] = target === 'PLANNED' ? ['PLANNED'] : target === 'IN_PROGRESS' ? ['PLANNED', 'IN_PROGRESS'] : ['PLANNED', 'IN_PROGRESS', 'DONE'];
      const times = [createdAt, startedAt, completedAt].slice(0, path.length);
      const progress: TaskProgressDoc[] = [];
      if (target !== 'PLANNED') {
        const until = target === 'DONE' ? completedAt : today;
        for (let n = rng.int(1, 3); n > 0; n--) {
          const agency = rng.pick(responsible);
          progress.push({ at: rng.date(startedAt, until), agencyCode: agency, actor: `seed-${agency}`, text: `${title}：已完成阶段性工作，正按计划推进。` });
        }
        progress.sort((a, b) => a.at.getTime() - b.at.getTime());
      }
      const doc: WorkTaskDoc = {
        _id: seedId(createdAt, 980_000 + year * 100 + k), year, title, leadAgencyCode: lead, responsibleAgencyCodes: responsible, dueAt,
        status: target, meetingId: meeting?._id ?? null, startedAt: target === 'PLANNED' ? null : startedAt,
        completedAt: target === 'DONE' ? completedAt : null, progress, version: path.length - 1, history: [],
      };
      doc.history = walk(workTaskMachine, doc, path, times, [meeting ? `${meeting.title}议定事项` : null, null, '任务已完成，报联席办备案']);
      tasks.push(doc);
    });
  }
  return tasks;
}

/** 案件会商, 案例联合发布, 专项行动, 特邀检察官助理 and 益心为公 volunteers. */
function seedJointOffice(world: SeedWorld) {
  const { rng, today, start } = world;
  const caseIds = world.procuratorateCases.map((c) => c.id);
  const some = <T>(items: readonly T[], n: number) => [...new Set(Array.from({ length: Math.min(n, items.length) }, () => rng.pick(items)))];
  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT').map((a) => a.code);

  const consultations: ConsultationDoc[] = ['涉企"挂案"清理个案会商', '食品安全领域以罚代刑风险会商', '重复信访案件联合化解会商', '生态环境损害赔偿磋商', '行政非诉执行监督会商', '未成年人保护联合会商']
    .slice(0, Math.max(3, scaled(world, 6)))
    .map((subject, k) => {
      const date = rng.date(start, today);
      return { _id: seedId(date, 960_000 + k), subject, agencyCodes: [JOINT_OFFICE_CODE, ...some(enforcementAgencies, 2)], date, conclusion: '与会单位就案件定性、证据标准达成一致，明确由牵头单位限期办结并反馈联席办。' };
    });

  const publishedCases: PublishedCaseDoc[] = ['某食品公司销售不符合安全标准食品案', '某建材公司非法占用农用地行政公益诉讼案', '王某某申请司法救助案', '某矿业公司安全生产行刑衔接案']
    .map((title, k) => {
      const publishedAt = rng.date(start, today);
      return { _id: seedId(publishedAt, 961_000 + k), title, summary: `${title}：检察机关与行政机关协同履职，推动问题整改，取得良好效果。`, agencyCodes: [JOINT_OFFICE_CODE, rng.pick(enforcementAgencies)], publishedAt };
    });

  const from = addDays(today, -200);
  const campaigns: CampaignDoc[] = [{
    _id: seedId(from, 962_000), name: '食品药品安全领域行刑衔接专项行动', agencyCodes: [JOINT_OFFICE_CODE, '411221-SCJ', '411221-GAJ', '411221-WJW'],
    from, to: addDays(today, 60),
    cases: [
      ...world.filedTransfers.slice(0, 3).map((t) => ({ kind: 'CRIMINAL_TRANSFER' as const, id: t.id })),
      ...world.enforcementCases.slice(0, 3).map((c) => ({ kind: 'ENFORCEMENT_CASE' as const, id: c.id })),
      ...caseIds.slice(0, 2).map((id) => ({ kind: 'PROCURATORATE_CASE' as const, id })),
    ],
  }];

  const assistants: SpecialAssistantDoc[] = [['411221-SCJ', '食品药品监管'], ['411221-HBJ', '生态环境监测'], ['411221-ZRJ', '土地执法'], ['411221-SWJ', '税务稽查']]
    .map(([agencyCode, expertise], k) => {
      const appointedAt = rng.date(start, addDays(today, -30));
      return { _id: seedId(appointedAt, 963_000 + k), name: personName(rng), agencyCode, expertise, appointedAt, casesHelped: some(caseIds, rng.int(0, 4)) };
    });

  const volunteers: VolunteerDoc[] = Array.from({ length: Math.max(4, scaled(world, 12)) }, (_, k) => {
    const joinedAt = rng.date(start, today);
    return { _id: seedId(joinedAt, 964_000 + k), name: personName(rng), township: rng.pick(TOWNSHIPS), joinedAt, casesHelped: some(caseIds, rng.int(0, 2)) };
  });
  return { consultations, publishedCases, campaigns, assistants, volunteers };
}

/**
 * The joint office's records: meetings whose decisions became tasks, data requests in every status
 * with grants, alerts, half-yearly reports (indicators frozen from the data above), consultations,
 * published cases, a campaign, special assistants and volunteers. Histories obey the machines.
 */
export async function seedLiaisonWorkflows(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const meetings = seedMeetings(world);
  const { requests, grants } = seedRequests(world, meetings);
  const tasks = seedTasks(world, meetings);
  const alerts: AlertDoc[] = world.filedTransfers.slice(0, scaled(world, 8)).map((t, i) => ({
    _id: seedId(t.filedAt, 990_000 + i), rule: 'TRANSFER_OVERDUE', severity: 'WARNING',
    message: '移送案件公安机关立案后超过3日未移交涉案物品', agencyCode: t.agencyCode,
    resourceType: 'CRIMINAL_TRANSFER', resourceId: t.id, raisedAt: addDays(t.filedAt, 4), resolvedAt: rng.chance(0.5) ? addDays(t.filedAt, 8) : null,
  }));
  const office = seedJointOffice(world);

  await JointMeetingModel.insertMany(meetings);
  await DataRequestModel.insertMany(requests);
  await SharingGrantModel.insertMany(grants);
  await WorkTaskModel.insertMany(tasks);
  await AlertModel.insertMany(alerts);

  // 半年通报 of each half-year that ended since the data set began, built from the records above.
  const reports: ReportDoc[] = [];
  for (let year = world.start.getUTCFullYear(); year <= today.getUTCFullYear(); year++) {
    for (const half of ['H1', 'H2'] as const) {
      const period = parsePeriod(`${year}-${half}`);
      const publishedAt = addDays(period.to, 10);
      if (period.from < world.start || publishedAt > today) continue;
      reports.push({
        _id: seedId(publishedAt, 965_000 + year * 10 + (half === 'H1' ? 1 : 2)), period: period.period, year, title: `${year}年${half === 'H1' ? '上' : '下'}半年府检联动工作情况通报`,
        summary: '通报府检联动工作开展情况、重点任务完成情况及存在的问题，请各责任单位积极整改、及时反馈。',
        publishedAt, publishedByCode: JOINT_OFFICE_CODE, indicators: JSON.stringify(await liaisonIndicators(period, publishedAt)),
      });
    }
  }
  await ReportModel.insertMany(reports);
  await ConsultationModel.insertMany(office.consultations);
  await PublishedCaseModel.insertMany(office.publishedCases);
  await CampaignModel.insertMany(office.campaigns);
  await SpecialAssistantModel.insertMany(office.assistants);
  await VolunteerModel.insertMany(office.volunteers);
  Object.assign(world.counts, {
    dataRequests: requests.length, sharingGrants: grants.length, workTasks: tasks.length, alerts: alerts.length, jointMeetings: meetings.length,
    reports: reports.length, consultations: office.consultations.length, publishedCases: office.publishedCases.length,
    campaigns: office.campaigns.length, specialAssistants: office.assistants.length, volunteers: office.volunteers.length,
  });
}
