import { PROCURATORATE_CODE } from '../lib/agencies';
import { addWorkingDays } from '../lib/calendar';
import type { Machine, StatusChange } from '../lib/workflow';
import type { DataRequestStatus, ResourceType } from '../subgraphs/liaison/__generated__/resolvers-types';
import { maxValidUntil } from '../subgraphs/liaison/deadlines';
import { grantIdFor, type DataRequestDoc, type JointMeetingDoc, type SharingGrantDoc } from '../subgraphs/liaison/models';
import { JOINT_OFFICE_CODE } from '../subgraphs/liaison/policies';
import { DATA_REQUEST_MACHINE, dataRequests } from '../subgraphs/liaison/workflow';
import { addDays, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

// The liaison seed's data requests and grants (seed/liaison.ts stores them), and the walk that gives every
// seeded workflow record a history its machine allows.

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
export function walk<St extends string, D>(machine: Machine<St, D>, doc: D, path: readonly St[], times: readonly Date[], notes: readonly (string | null)[]): StatusChange[] {
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

/** Data requests along every path of the machine (granted ones with their grants, some revoked or expired). */
export function seedRequests(world: SeedWorld, meetings: JointMeetingDoc[]): { requests: DataRequestDoc[]; grants: SharingGrantDoc[] } {
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
    doc.history = walk(DATA_REQUEST_MACHINE, doc, path, times.slice(0, path.length), notes);
    requests.push(dataRequests.prepare(doc));

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
