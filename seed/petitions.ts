import { AGENCIES, HOTLINE_CODE, PETITION_BUREAU_CODE, PROCURATORATE_CODE } from '../lib/agencies';
import { HotlineTicketModel, PetitionModel } from '../subgraphs/petitions/models';
import type { HotlineTicketStatus, PetitionChannel, PetitionStatus } from '../subgraphs/petitions/__generated__/resolvers-types';
import { addDays, notAfter, seedId } from './random';
import { scaled, type SeedWorld } from './world';

const SUBJECTS = ['拖欠农民工工资', '征地补偿纠纷', '环境污染投诉', '食品安全投诉', '不服行政处罚', '邻里宅基地纠纷', '要求落实低保待遇', '不服不起诉决定', '民事判决执行难', '物业服务纠纷', '噪声扰民', '违法建设举报'];
const CHANNELS: readonly (readonly [PetitionChannel, number])[] = [['LETTER', 2], ['VISIT', 3], ['ONLINE', 3], ['HOTLINE_12345', 1], ['HOTLINE_12309', 1]];
const FLOW: PetitionStatus[] = ['RECEIVED', 'ACCEPTED', 'HANDLING', 'ANSWERED', 'REVIEW', 'RE_REVIEW', 'FINAL'];
const TICKET_FLOW: HotlineTicketStatus[] = ['DISPATCHED', 'HANDLING', 'FEEDBACK', 'REVISIT', 'RATED'];

/** About 1,500 petitions and 2,500 hotline tickets a county-year; some petitioners are parties of cases. */
export async function seedPetitions(world: SeedWorld): Promise<void> {
  const { rng, today } = world;
  const enforcementAgencies = AGENCIES.filter((a) => a.type === 'ENFORCEMENT').map((a) => a.code);
  const caseParties = world.procuratorateCases.flatMap((c) => [...c.victimIds, ...c.suspectIds].map((p) => ({ person: p, caseId: c.id })));
  const petitions: Record<string, unknown>[] = [];
  const openBySubject = new Map<string, string>();
  const perYear = new Map<number, number>();

  for (let i = 0; i < scaled(world, 1500); i++) {
    const receivedAt = rng.date(world.start, addDays(today, -1));
    const year = receivedAt.getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const channel = rng.weighted(CHANNELS);
    const procuratorateHandled = channel === 'HOTLINE_12309' || rng.chance(0.1);
    const fromCase = caseParties.length > 0 && rng.chance(0.15) ? rng.pick(caseParties) : null;
    const petitionerId = fromCase?.person ?? (rng.chance(0.95) ? rng.pick(world.people.filter((p) => !p.sealed)).id : null);
    const subject = fromCase ? '不服不起诉决定' : rng.pick(SUBJECTS);
    const age = (today.getTime() - receivedAt.getTime()) / 86_400_000;
    // Older petitions are further along; a few are not accepted, a few stay late (overdue).
    const notAccepted = rng.chance(0.08);
    const depth = notAccepted ? 0 : Math.min(FLOW.length - 1, Math.floor(rng.next() * Math.min(7, 1 + age / 20)));
    const acceptedAt = !notAccepted && depth >= 1 ? addDays(receivedAt, rng.chance(0.9) ? rng.int(1, 14) : rng.int(16, 25)) : null;
    const answeredAt = acceptedAt && depth >= 3 ? notAfter(addDays(acceptedAt, rng.chance(0.9) ? rng.int(10, 59) : rng.int(61, 80)), today) : null;
    const key = `${petitionerId}|${subject}`;
    const repeatOfId = petitionerId ? openBySubject.get(key) ?? null : null;
    const id = seedId(receivedAt, 2_000_000 + i);
    const status: PetitionStatus = notAccepted ? 'NOT_ACCEPTED' : FLOW[depth];
    if (petitionerId && !repeatOfId && !['FINAL', 'NOT_ACCEPTED'].includes(status)) openBySubject.set(key, id);
    if (petitionerId && !['FINAL', 'NOT_ACCEPTED', 'ANSWERED'].includes(status)) world.openPetitioners.add(petitionerId);
    const extended = acceptedAt && rng.chance(0.05);
    petitions.push({
      _id: id,
      number: `${procuratorateHandled ? '渑检信访' : '渑信访'}〔${year}〕${n}号`,
      channel, petitionerId, subject,
      summary: `${subject}，请求有关部门依法处理。`,
      handlingAgencyCode: procuratorateHandled ? PROCURATORATE_CODE : rng.chance(0.5) ? PETITION_BUREAU_CODE : rng.pick(enforcementAgencies),
      status, receivedAt, acceptedAt, answeredAt: status === 'HANDLING' || status === 'ACCEPTED' ? null : answeredAt,
      extensionDays: extended ? 30 : null, extensionReason: extended ? '案情复杂，需多部门会商' : null,
      procuratorateHandled, hearingHeld: rng.chance(0.04),
      relatedCaseRefs: fromCase ? [{ kind: 'PROCURATORATE', id: fromCase.caseId }] : rng.chance(0.05) && world.enforcementCases.length
        ? [{ kind: 'ENFORCEMENT', id: rng.pick(world.enforcementCases).id }] : [],
      repeatOfId, version: 0,
    });
  }

  const tickets: Record<string, unknown>[] = [];
  for (let i = 0; i < scaled(world, 2500); i++) {
    const dispatchedAt = rng.date(world.start, addDays(today, -1));
    const line = rng.chance(0.9) ? 'L12345' : 'L12309';
    const returned = rng.chance(0.04);
    const depth = returned ? 0 : Math.min(TICKET_FLOW.length - 1, rng.int(0, 5));
    const feedbackAt = !returned && depth >= 2 ? notAfter(addDays(dispatchedAt, rng.chance(0.85) ? rng.int(1, 6) : rng.int(8, 15)), today) : null;
    tickets.push({
      _id: seedId(dispatchedAt, 3_000_000 + i),
      number: `${line === 'L12345' ? '12345' : '12309'}-${dispatchedAt.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
      line, callerId: rng.chance(0.9) ? rng.pick(world.people.filter((p) => !p.sealed)).id : null,
      subject: rng.pick(SUBJECTS),
      dispatchedToCode: line === 'L12309' ? PROCURATORATE_CODE : rng.pick([...enforcementAgencies, HOTLINE_CODE]),
      status: returned ? 'RETURNED' : TICKET_FLOW[depth], dispatchedAt, feedbackAt,
      rating: depth === 4 ? rng.weighted([[5, 6], [4, 3], [3, 1], [2, 1], [1, 1]] as const) : null, version: 0,
    });
  }

  await PetitionModel.insertMany(petitions);
  await HotlineTicketModel.insertMany(tickets);
  world.counts.petitions = petitions.length;
  world.counts.hotlineTickets = tickets.length;
}
