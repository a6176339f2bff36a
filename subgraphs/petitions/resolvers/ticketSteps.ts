import { chinaDate } from '../../../lib/calendar';
import { badInput } from '../../../lib/errors';
import { check } from '../../../lib/validate';
import { noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { MAX_EXTENSION_DAYS, ticketClocks } from '../deadlines';
import { hotlineTickets } from '../workflow';

const dateOf = hotlineTickets.stepDate;

type TicketSteps = Pick<MutationResolvers,
  | 'returnHotlineTicket' | 'redispatchHotlineTicket' | 'acceptHotlineTicket' | 'extendHotlineTicket' | 'giveHotlineFeedback'
  | 'revisitHotlineTicket' | 'rateHotlineTicket'>;

// Inputs that need no record are checked before the step (a blank reason is BAD_USER_INPUT in any status).
export const ticketSteps: TicketSteps = {
  returnHotlineTicket: (_, { id, version, reason, returnedAt }, ctx) => {
    const why = required('reason', reason);
    return hotlineTickets.move(ctx, 'RETURNED', {
      id, version, note: why,
      set: (t) => {
        const at = dateOf('returnedAt', returnedAt, t);
        const due = ticketClocks(t, at).return.dueAt;
        if (at > due) throw badInput('returnedAt', `a misrouted ticket must be returned within 2 working days of dispatch (by ${chinaDate(due)}); handle it now`);
        return { returns: [...t.returns, { agencyCode: t.dispatchedToCode, dispatchedAt: t.dispatchedAt, returnedAt: at, reason: why }] };
      },
    });
  },

  redispatchHotlineTicket: (_, { id, version, dispatchedToCode, dispatchedAt, note }, ctx) => {
    const code = check.agencyCode('dispatchedToCode', dispatchedToCode);
    return hotlineTickets.move(ctx, 'DISPATCHED', {
      id, version, note: noteOf(note) ?? `改派 ${code}`,
      set: (t) => {
        if (t.returns.some((r) => r.agencyCode === code)) throw badInput('dispatchedToCode', `${code} returned this ticket as misrouted: dispatch it to another agency`);
        return { dispatchedToCode: code, dispatchedAt: dateOf('dispatchedAt', dispatchedAt, t), acceptedAt: null };
      },
    });
  },

  acceptHotlineTicket: (_, { id, version, acceptedAt, note }, ctx) =>
    hotlineTickets.move(ctx, 'HANDLING', { id, version, note: noteOf(note), set: (t) => ({ acceptedAt: dateOf('acceptedAt', acceptedAt, t) }) }),

  extendHotlineTicket: (_, { id, version, workingDays, reason, extendedAt }, ctx) => {
    const max = MAX_EXTENSION_DAYS.hotlineHandling;
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > max) throw badInput('workingDays', `must be 1 to ${max} working days`);
    const why = required('reason', reason, 500);
    return hotlineTickets.act(ctx, 'extend', {
      id, version, note: `延期 ${workingDays} 个工作日：${why}`,
      set: (t) => {
        if (t.extensionDays) throw hotlineTickets.refuse(t, 'the handling period can be extended only once');
        const at = dateOf('extendedAt', extendedAt, t);
        const due = ticketClocks(t, at).handling.dueAt;
        if (at > due) throw badInput('extendedAt', `the handling period ended on ${chinaDate(due)}: extend it before it ends`);
        return { extensionDays: workingDays, extensionReason: why, extendedAt: at };
      },
    });
  },

  giveHotlineFeedback: (_, { id, version, feedback, feedbackAt }, ctx) => {
    const text = required('feedback', feedback, 5000);
    return hotlineTickets.move(ctx, 'FEEDBACK', { id, version, set: (t) => ({ feedbackAt: dateOf('feedbackAt', feedbackAt, t), feedback: text }) });
  },

  revisitHotlineTicket: (_, { id, version, revisitedAt, note }, ctx) => {
    const text = noteOf(note);
    return hotlineTickets.move(ctx, 'REVISIT', { id, version, note: text, set: (t) => ({ revisitedAt: dateOf('revisitedAt', revisitedAt, t), revisitNote: text }) });
  },

  rateHotlineTicket: (_, { id, version, rating, ratedAt, note }, ctx) => {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badInput('rating', 'must be 1 to 5');
    return hotlineTickets.move(ctx, 'RATED', { id, version, note: noteOf(note) ?? `满意度 ${rating}`, set: (t) => ({ rating, ratedAt: dateOf('ratedAt', ratedAt, t) }) });
  },
};
