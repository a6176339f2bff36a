import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { HotlineLine, HotlineTicketStatus } from '../__generated__/resolvers-types';
import { addWorkingDays, DEADLINES } from '../deadlines';

export interface HotlineTicketDoc {
  _id: string;
  number: string;
  line: HotlineLine;
  callerId?: string | null;
  subject: string;
  dispatchedToCode: string;
  status: HotlineTicketStatus;
  dispatchedAt: Date;
  handlingDueAt: Date;
  feedbackAt?: Date | null;
  /** Feedback given by handlingDueAt (dashboard on-time rate). */
  onTime: boolean;
  rating?: number | null;
  version: number;
}

/** Statuses in which the handling deadline still runs. */
export const OPEN_TICKET_STATUSES: HotlineTicketStatus[] = ['DISPATCHED', 'HANDLING'];
const STATUSES: HotlineTicketStatus[] = ['DISPATCHED', 'RETURNED', 'HANDLING', 'FEEDBACK', 'REVISIT', 'RATED'];

const schema = new Schema<HotlineTicketDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true },
    line: { type: String, required: true, enum: ['L12345', 'L12309'] },
    callerId: { type: String, default: null },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    dispatchedToCode: { type: String, required: true },
    status: { type: String, required: true, enum: STATUSES, default: 'DISPATCHED' },
    dispatchedAt: { type: Date, required: true },
    handlingDueAt: { type: Date, required: true },
    feedbackAt: { type: Date, default: null },
    onTime: { type: Boolean, default: false },
    rating: { type: Number, default: null, min: 1, max: 5 },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.pre('validate', function () {
  if (!this.dispatchedAt) return;
  this.handlingDueAt = addWorkingDays(this.dispatchedAt, DEADLINES.hotlineWorkingDays);
  this.onTime = !!this.feedbackAt && this.feedbackAt <= this.handlingDueAt;
});

schema.index({ number: 1 }, { unique: true });
schema.index({ dispatchedAt: -1, _id: -1 });
schema.index({ status: 1, dispatchedAt: -1, _id: -1 });
schema.index({ line: 1, dispatchedAt: -1, _id: -1 });
schema.index({ dispatchedToCode: 1, dispatchedAt: -1, _id: -1 });
schema.index({ callerId: 1, dispatchedAt: -1, _id: -1 });
schema.index({ handlingDueAt: 1, dispatchedAt: -1, _id: -1 });

export const HotlineTicketModel = subgraphDatabase('petitions').model<HotlineTicketDoc>('HotlineTicket', schema);
