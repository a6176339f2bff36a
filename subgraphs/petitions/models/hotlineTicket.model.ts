import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { HotlineLine, HotlineTicketStatus } from '../__generated__/resolvers-types';

/** An earlier dispatch the agency returned as misrouted (退单). */
export interface HotlineReturnDoc {
  agencyCode: string;
  dispatchedAt: Date;
  returnedAt: Date;
  reason: string;
}

export interface HotlineTicketDoc {
  _id: string;
  number: string;
  line: HotlineLine;
  callerId?: string | null;
  subject: string;
  dispatchedToCode: string;
  /**
   * The hotline centre of the line, owner of the ticket (policies.ts). Derived from `line` with every write
   * (workflow.ts), backfilled at start; optional here only for documents built before they are stored.
   */
  centreCode?: string;
  status: HotlineTicketStatus;
  dispatchedAt: Date;
  returns: HotlineReturnDoc[];
  acceptedAt?: Date | null;
  extensionDays?: number | null;
  extensionReason?: string | null;
  extendedAt?: Date | null;
  feedbackAt?: Date | null;
  feedback?: string | null;
  revisitedAt?: Date | null;
  revisitNote?: string | null;
  rating?: number | null;
  ratedAt?: Date | null;
  // Derived with every write (workflow.ts `derive`), so optional only for records not yet stored.
  /** The handling deadline while it runs; null otherwise (drives the overdue filter). */
  nextDueAt?: Date | null;
  /** Feedback given by the handling deadline (dashboard on-time rate). */
  onTime?: boolean;
  history: StatusChange[];
  version: number;
}

export const TICKET_STATUSES: HotlineTicketStatus[] = ['DISPATCHED', 'RETURNED', 'HANDLING', 'FEEDBACK', 'REVISIT', 'RATED'];

const returnSchema = new Schema<HotlineReturnDoc>(
  {
    agencyCode: { type: String, required: true },
    dispatchedAt: { type: Date, required: true },
    returnedAt: { type: Date, required: true },
    reason: { type: String, required: true, maxlength: 2000 },
  },
  { _id: false },
);

const schema = new Schema<HotlineTicketDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true },
    line: { type: String, required: true, enum: ['L12345', 'L12309'] },
    callerId: { type: String, default: null },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    dispatchedToCode: { type: String, required: true },
    centreCode: { type: String, required: true },
    status: { type: String, required: true, enum: TICKET_STATUSES, default: 'DISPATCHED' },
    dispatchedAt: { type: Date, required: true },
    returns: { type: [returnSchema], default: [] },
    acceptedAt: { type: Date, default: null },
    extensionDays: { type: Number, default: null, min: 1, max: 10 },
    extensionReason: { type: String, default: null, maxlength: 500 },
    extendedAt: { type: Date, default: null },
    feedbackAt: { type: Date, default: null },
    feedback: { type: String, default: null, maxlength: 5000 },
    revisitedAt: { type: Date, default: null },
    revisitNote: { type: String, default: null, maxlength: 2000 },
    rating: { type: Number, default: null, min: 1, max: 5 },
    ratedAt: { type: Date, default: null },
    nextDueAt: { type: Date, default: null },
    onTime: { type: Boolean, default: false },
    history: { type: [statusChangeSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ number: 1 }, { unique: true });
schema.index({ dispatchedAt: -1, _id: -1 });
schema.index({ status: 1, dispatchedAt: -1, _id: -1 });
schema.index({ line: 1, dispatchedAt: -1, _id: -1 });
schema.index({ dispatchedToCode: 1, dispatchedAt: -1, _id: -1 });
schema.index({ centreCode: 1, dispatchedAt: -1, _id: -1 });
schema.index({ callerId: 1, dispatchedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, dispatchedAt: -1, _id: -1 });

export const HotlineTicketModel = subgraphDatabase('petitions').model<HotlineTicketDoc>('HotlineTicket', schema);
