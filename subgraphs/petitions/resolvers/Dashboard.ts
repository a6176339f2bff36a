import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countInPeriods, keysOf, perPeriod, rate, statusCounts, tally, total } from '../../../lib/stats';
import type { Context } from '../context';
import type { DashboardResolvers, PetitionStatsResolvers, PetitionStatus } from '../__generated__/resolvers-types';
import { HotlineTicketModel, PetitionModel } from '../models';
import { REVIEW_AGENCY_CODE } from '../policies';

// The petitions section of the joint dashboard (docs/domain.md#dashboards): one aggregate command per query below
// for every period of a request (a trend's Dashboard entities come in one _entities call), whatever their number.

/** 县政府办 owes the review and re-review decisions; the handling agency every other duty. */
const REVIEWING: PetitionStatus[] = ['REVIEW', 'RE_REVIEW'];
const yes = (field: string) => ({ $eq: [`$${field}`, true] });

const queries = {
  /** Petitions received, by handling agency and channel, with the flags counted by receivedAt. */
  received: (ps: readonly Period[]) =>
    countInPeriods(PetitionModel, {
      date: 'receivedAt', by: { agency: '$handlingAgencyCode', channel: '$channel' },
      when: { acceptedInTime: yes('acceptedInTime'), answeredInTime: yes('answeredInTime'), repeat: { $gt: ['$repeatOfId', null] }, hearing: yes('hearingHeld') },
    }, ps),
  /** Petitions answered in the period, and of them those answered in time (信访按期办结率). */
  answered: (ps: readonly Period[]) =>
    countInPeriods(PetitionModel, { date: 'answeredAt', by: { agency: '$handlingAgencyCode' }, when: { inTime: yes('answeredInTime') } }, ps),
  /** Petitions whose current duty fell due in the period, before now, by the agency owing it. */
  petitionsOverdue: (ps: readonly Period[]) =>
    countInPeriods(PetitionModel, {
      date: 'nextDueAt', until: new Date(), by: { agency: { $cond: [{ $in: ['$status', REVIEWING] }, REVIEW_AGENCY_CODE, '$handlingAgencyCode'] } },
    }, ps),
  /** Tickets dispatched in the period, by receiving agency and status, with those answered on time. */
  tickets: (ps: readonly Period[]) =>
    countInPeriods(HotlineTicketModel, { date: 'dispatchedAt', by: { agency: '$dispatchedToCode', status: '$status' }, when: { onTime: yes('onTime') } }, ps),
  /** Tickets whose handling period ended in the period, before now, without feedback, by the receiving agency. */
  hotlineOverdue: (ps: readonly Period[]) =>
    countInPeriods(HotlineTicketModel, { date: 'nextDueAt', until: new Date(), by: { agency: '$dispatchedToCode' } }, ps),
};

type Query = keyof typeof queries;
type Rows<Q extends Query> = Awaited<ReturnType<(typeof queries)[Q]>>[number];
const load = <Q extends Query>(ctx: Context, q: Q, p: Period): Promise<Rows<Q>> =>
  perPeriod(ctx, `petitions.${q}`, queries[q] as (ps: readonly Period[]) => Promise<Rows<Q>[]>).load(p);

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  petitions: (p) => p,
};

/** Petitions counted by receivedAt in the period, tickets by dispatchedAt, unless the SDL says otherwise. */
export const PetitionStats: PetitionStatsResolvers = {
  received: async (p, _, ctx) => total(await load(ctx, 'received', p)),
  acceptedInTime: async (p, _, ctx) => total(await load(ctx, 'received', p), 'acceptedInTime'),
  answeredInTime: async (p, _, ctx) => total(await load(ctx, 'received', p), 'answeredInTime'),
  repeatPetitions: async (p, _, ctx) => total(await load(ctx, 'received', p), 'repeat'),
  hearings: async (p, _, ctx) => total(await load(ctx, 'received', p), 'hearing'),
  byChannel: async (p, _, ctx) => statusCounts(await load(ctx, 'received', p), 'channel'),
  hotlineTicketsByStatus: async (p, _, ctx) => statusCounts(await load(ctx, 'tickets', p), 'status'),
  hotlineOnTime: async (p, _, ctx) => total(await load(ctx, 'tickets', p), 'onTime'),
  answered: async (p, _, ctx) => total(await load(ctx, 'answered', p)),
  onTimeAnswerRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'answered', p);
    return rate(total(rows, 'inTime'), total(rows));
  },
  petitionsOverdue: async (p, _, ctx) => total(await load(ctx, 'petitionsOverdue', p)),
  hotlineOverdue: async (p, _, ctx) => total(await load(ctx, 'hotlineOverdue', p)),
  byAgency: async (p, _, ctx) => {
    const [received, answered, petitionsOverdue, tickets, hotlineOverdue] = await Promise.all([
      load(ctx, 'received', p), load(ctx, 'answered', p), load(ctx, 'petitionsOverdue', p), load(ctx, 'tickets', p), load(ctx, 'hotlineOverdue', p),
    ]);
    const t = {
      received: tally(received, 'agency', ['count']),
      answered: tally(answered, 'agency', ['count', 'inTime']),
      petitionsOverdue: tally(petitionsOverdue, 'agency', ['count']),
      tickets: tally(tickets, 'agency', ['count', 'onTime']),
      hotlineOverdue: tally(hotlineOverdue, 'agency', ['count']),
    };
    return keysOf(...Object.values(t)).map((code) => {
      const a = t.answered.get(code) ?? { count: 0, inTime: 0 };
      const k = t.tickets.get(code) ?? { count: 0, onTime: 0 };
      return {
        agency: { code },
        received: t.received.get(code)?.count ?? 0,
        answered: a.count,
        onTimeAnswerRate: rate(a.inTime, a.count),
        petitionsOverdue: t.petitionsOverdue.get(code)?.count ?? 0,
        hotlineTickets: k.count,
        hotlineOnTime: k.onTime,
        hotlineOverdue: t.hotlineOverdue.get(code)?.count ?? 0,
      };
    });
  },
};
