import { AGENCIES, PROCURATORATE_CODE } from '../lib/agencies';
import { chinaYear } from '../lib/calendar';
import type { WorkTaskStatus } from '../subgraphs/liaison/__generated__/resolvers-types';
import type {
  CampaignDoc, ConsultationDoc, JointMeetingDoc, PublishedCaseDoc, SpecialAssistantDoc, TaskProgressDoc, TrainingSessionDoc, VolunteerDoc,
  WorkTaskDoc,
} from '../subgraphs/liaison/models';
import { JOINT_OFFICE_CODE } from '../subgraphs/liaison/policies';
import { WORK_TASK_MACHINE, workTasks } from '../subgraphs/liaison/workflow';
import { walk } from './liaison-requests';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES, TOWNSHIPS } from './names';
import { addDays, notAfter, seedId, type Random } from './random';
import { scaled, type SeedWorld } from './world';

// The joint office's meetings, their annual task lists, and its other records (seed/liaison.ts stores them).

const TASKS = [
  '建立行政执法与刑事司法衔接信息共享平台', '开展检察建议落实情况"回头看"', '召开府检联动联席会议',
  '联合开展食品药品安全专项行动', '健全行政争议实质性化解机制', '开展同堂培训', '联合发布典型案例',
  '推进涉企"挂案"清理', '完善司法救助与社会救助衔接', '建立重复信访联合化解机制',
];

const personName = (rng: Random) => rng.pick(SURNAMES) + rng.pick(rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE);

/** 联席会议: the annual meeting each January and a mid-year one, up to today. */
export function seedMeetings(world: SeedWorld): JointMeetingDoc[] {
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

/** The annual task lists, from each year's annual meeting, walked through their machine with progress reports. */
export function seedTasks(world: SeedWorld, meetings: JointMeetingDoc[]): WorkTaskDoc[] {
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
      doc.history = walk(WORK_TASK_MACHINE, doc, path, times, [meeting ? `${meeting.title}议定事项` : null, null, '任务已完成，报联席办备案']);
      tasks.push(workTasks.prepare(doc));
    });
  }
  return tasks;
}

const TRAINING_TOPICS = [
  '行刑衔接案件移送程序与证据标准', '食品药品领域涉嫌犯罪案件移送实务', '生态环境损害案件证据收集与固定', '行政执法中的检察监督与检察建议办理',
  '行刑反向衔接与检察意见办理', '安全生产领域危险作业罪的认定',
];

/** 同堂培训 (§五(二)): about two sessions a year, the procuratorate's staff with one to four agencies' law-enforcement staff. */
export function seedTraining(world: SeedWorld): TrainingSessionDoc[] {
  const { rng, today, start } = world;
  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT' || a.type === 'PUBLIC_SECURITY').map((a) => a.code);
  return Array.from({ length: Math.max(3, scaled(world, 4)) }, (_, k) => {
    const date = rng.date(start, today);
    const others = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(enforcementAgencies)))];
    const participants = [{ agencyCode: PROCURATORATE_CODE, count: rng.int(5, 20) }, ...others.map((agencyCode) => ({ agencyCode, count: rng.int(8, 40) }))];
    const organiserCode = rng.chance(0.6) ? PROCURATORATE_CODE : others[0];
    return {
      _id: seedId(date, 966_000 + k), topic: TRAINING_TOPICS[k % TRAINING_TOPICS.length], organiserCode, participants,
      agencyCodes: [...new Set([organiserCode, ...participants.map((p) => p.agencyCode)])], date,
      place: rng.chance(0.7) ? '县人民检察院多功能厅' : null, notes: rng.chance(0.5) ? '统一执法司法理念，明确案件移送程序、证据标准、责任主体' : null,
    };
  });
}

/** 案件会商, 案例联合发布, 专项行动, 特邀检察官助理 and 益心为公 volunteers. */
export function seedJointOffice(world: SeedWorld) {
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
