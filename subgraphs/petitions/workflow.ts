import type { Model } from 'mongoose';
import { HOTLINE_CODE, PETITION_BUREAU_CODE, PROCURATORATE_CODE } from '../../lib/agencies';
import { WRITER_ROLES } from '../../lib/authz';
import { withVersionClaim } from '../../lib/claims';
import { conflict, forbidden, translateWriteError } from '../../lib/errors';
import type { Identity, Role } from '../../lib/identity';
import { nextSteps, participants, type Machine, type StatusChange, type Step } from '../../lib/workflow';
import type { HotlineLine, HotlineTicketStatus, PetitionStatus } from './__generated__/resolvers-types';
import type { HotlineTicketDoc, PetitionDoc } from './models';

/** 县政府办: the handling agencies' superior, which decides 复查 and 复核 (信访工作条例 第三十五条、第三十六条). */
export const REVIEW_AGENCY_CODE = '411221-ZFB';

const handler = (p: PetitionDoc) => p.handlingAgencyCode;
const handlerOrBureau = (p: PetitionDoc) => [p.handlingAgencyCode, PETITION_BUREAU_CODE];
/** 复查: 县政府办, or the 信访局 when it did not handle the petition itself. */
export const reviewers = (p: PetitionDoc) => [REVIEW_AGENCY_CODE, p.handlingAgencyCode === PETITION_BUREAU_CODE ? null : PETITION_BUREAU_CODE];
const reviewAgencyOrBureau = () => [REVIEW_AGENCY_CODE, PETITION_BUREAU_CODE];

/**
 * 信访 (信访工作条例): RECEIVED → ACCEPTED | NOT_ACCEPTED → HANDLING → ANSWERED → REVIEW → RE_REVIEW → FINAL,
 * and ANSWERED / REVIEW → FINAL when no (further) review is applied for.
 */
export const PETITION_MACHINE: Machine<PetitionStatus, PetitionDoc> = {
  RECEIVED: { ACCEPTED: { by: handlerOrBureau }, NOT_ACCEPTED: { by: handlerOrBureau } },
  ACCEPTED: { HANDLING: { by: handler } },
  NOT_ACCEPTED: {},
  HANDLING: { ANSWERED: { by: handler } },
  ANSWERED: { REVIEW: { by: handlerOrBureau }, FINAL: { by: handlerOrBureau } },
  REVIEW: { RE_REVIEW: { by: reviewAgencyOrBureau }, FINAL: { by: reviewAgencyOrBureau } },
  RE_REVIEW: { FINAL: { by: () => REVIEW_AGENCY_CODE } },
  FINAL: {},
};

/** Steps that do not change the status: who takes them, in which statuses. */
export const PETITION_ACTS = {
  extend: { in: ['ACCEPTED', 'HANDLING'], by: handler },
  proceduralReply: { in: ['RECEIVED', 'ACCEPTED', 'HANDLING'], by: handler },
  hearing: { in: ['ACCEPTED', 'HANDLING', 'REVIEW', 'RE_REVIEW'], by: (p: PetitionDoc) => (['REVIEW', 'RE_REVIEW'].includes(p.status) ? reviewAgencyOrBureau() : handlerOrBureau(p)) },
  decideReview: { in: ['REVIEW'], by: reviewers },
} satisfies Record<string, Act<PetitionStatus, PetitionDoc>>;

/** 热线中心: the 12345 centre dispatches, revisits and rates 12345 tickets; the procuratorate those of 12309. */
export const HOTLINE_CENTRE: Record<HotlineLine, string> = { L12345: HOTLINE_CODE, L12309: PROCURATORATE_CODE };
const centre = (t: HotlineTicketDoc) => HOTLINE_CENTRE[t.line];
const receiver = (t: HotlineTicketDoc) => t.dispatchedToCode;

/** 12345 / 12309 工单: DISPATCHED → RETURNED (→ DISPATCHED again) | HANDLING → FEEDBACK → REVISIT → RATED. */
export const TICKET_MACHINE: Machine<HotlineTicketStatus, HotlineTicketDoc> = {
  DISPATCHED: { RETURNED: { by: receiver }, HANDLING: { by: receiver } },
  RETURNED: { DISPATCHED: { by: centre } },
  HANDLING: { FEEDBACK: { by: receiver } },
  FEEDBACK: { REVISIT: { by: centre } },
  REVISIT: { RATED: { by: centre } },
  RATED: {},
};

export const TICKET_ACTS = {
  extend: { in: ['HANDLING'], by: receiver },
} satisfies Record<string, Act<HotlineTicketStatus, HotlineTicketDoc>>;

/** A step that keeps the status (extension, hearing, procedural reply, review decision). */
export interface Act<S extends string, D> {
  in: readonly S[];
  by: Step<D>['by'];
  roles?: readonly Role[];
}

export interface ActArgs<S extends string, D> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow model
  model: Model<any>;
  machine: Machine<S, D>;
  act: Act<S, D>;
  /** What the act is called in messages, e.g. "extended". */
  name: string;
  label: string;
  id: string;
  version: number;
  identity: Identity;
  note?: string | null;
  set: (current: D) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

type Versioned<S> = { _id: string; version: number; status: S };

/**
 * Takes a step that keeps the status, with the refusals and the exclusive (lib/claims), versioned write of
 * lib/workflow `transition`: FORBIDDEN for a caller outside the workflow or of the wrong agency/role; CONFLICT when the
 * status does not allow the act or the version is stale. The history entry has from = to = the status.
 */
export async function act<S extends string, D extends Versioned<S>>(args: ActArgs<S, D>): Promise<D> {
  const { model, machine, act: step, name, label, id, version, identity } = args;
  const current = (await model.findById(id).lean()) as D | null;
  if (!current || !participants(machine, current).has(identity.agency)) throw forbidden();
  if (!step.in.includes(current.status)) {
    throw conflict(`this ${label} is ${current.status}: it can be ${name} only when ${step.in.join(' or ')}`, {
      currentStatus: current.status,
      allowed: nextSteps(machine, current.status),
    });
  }
  const agencies = [step.by(current)].flat().filter((a): a is string => typeof a === 'string');
  if (!agencies.includes(identity.agency)) throw forbidden(`only ${agencies.join(' or ')} may do this for this ${label}`);
  const roles = step.roles ?? WRITER_ROLES;
  if (!identity.roles.some((r) => roles.includes(r))) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
  if (current.version !== version) throw stale(label, current);
  const extra = await args.set(current);
  const entry: StatusChange = { at: new Date(), actor: identity.userId, agency: identity.agency, from: current.status, to: current.status, note: args.note ?? null };
  let updated: D | null = null;
  await withVersionClaim(model, id, version, label, async () => {
    try {
      updated = (await model
        .findOneAndUpdate(
          { _id: id, version, status: current.status },
          { $set: extra, $inc: { version: 1 }, $push: { history: entry } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean()) as D | null;
    } catch (e) {
      translateWriteError(e);
    }
  });
  if (!updated) throw stale(label, (await model.findById(id, { version: 1, status: 1 }).lean()) as D);
  return updated;
}

function stale<S extends string>(label: string, current: Versioned<S>) {
  return conflict(`this ${label} was changed by someone else (now ${current.status}, version ${current.version}); reload and try again`, {
    currentStatus: current.status,
    currentVersion: current.version,
  });
}
