import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { PetitionChannel, PetitionRelatedCaseKind, PetitionStatus } from '../__generated__/resolvers-types';
import { petitionDeadlines } from '../deadlines';

export interface RelatedCaseRefDoc {
  kind: PetitionRelatedCaseKind;
  id: string;
}

export interface PetitionDoc {
  _id: string;
  number: string;
  channel: PetitionChannel;
  petitionerId?: string | null;
  subject: string;
  summary: string;
  handlingAgencyCode: string;
  status: PetitionStatus;
  receivedAt: Date;
  acceptanceDueAt: Date;
  acceptedAt?: Date | null;
  handlingDueAt?: Date | null;
  answeredAt?: Date | null;
  extensionDays?: number | null;
  extensionReason?: string | null;
  procuratorateHandled: boolean;
  proceduralReplyDueAt?: Date | null;
  resultDueAt?: Date | null;
  /** Deadline of the current open stage; null once decided/answered (drives `overdue`). */
  nextDueAt?: Date | null;
  acceptedInTime: boolean;
  answeredInTime: boolean;
  hearingHeld: boolean;
  relatedCaseRefs: RelatedCaseRefDoc[];
  repeatOfId?: string | null;
  version: number;
}

export const PETITION_CHANNELS: PetitionChannel[] = ['LETTER', 'VISIT', 'ONLINE', 'HOTLINE_12345', 'HOTLINE_12309'];
const STATUSES: PetitionStatus[] = ['RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED', 'HANDLING', 'ANSWERED', 'REVIEW', 'RE_REVIEW', 'FINAL'];

const schema = new Schema<PetitionDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true },
    channel: { type: String, required: true, enum: PETITION_CHANNELS },
    petitionerId: { type: String, default: null },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    summary: { type: String, required: true, maxlength: 5000 },
    handlingAgencyCode: { type: String, required: true },
    status: { type: String, required: true, enum: STATUSES, default: 'RECEIVED' },
    receivedAt: { type: Date, required: true },
    acceptanceDueAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    handlingDueAt: { type: Date, default: null },
    answeredAt: { type: Date, default: null },
    extensionDays: { type: Number, default: null, min: 1, max: 30 },
    extensionReason: { type: String, default: null, maxlength: 500 },
    procuratorateHandled: { type: Boolean, default: false },
    proceduralReplyDueAt: { type: Date, default: null },
    resultDueAt: { type: Date, default: null },
    nextDueAt: { type: Date, default: null },
    acceptedInTime: { type: Boolean, default: false },
    answeredInTime: { type: Boolean, default: false },
    hearingHeld: { type: Boolean, default: false },
    relatedCaseRefs: {
      type: [new Schema({ kind: { type: String, enum: ['PROCURATORATE', 'ENFORCEMENT'], required: true }, id: { type: String, required: true } }, { _id: false })],
      default: [],
    },
    repeatOfId: { type: String, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// Deadlines are derived, so seeds that use create/insertMany get them too; updates recompute them explicitly.
schema.pre('validate', function () {
  if (this.receivedAt) Object.assign(this, petitionDeadlines(this));
});

schema.index({ number: 1 }, { unique: true });
schema.index({ receivedAt: -1, _id: -1 });
schema.index({ status: 1, receivedAt: -1, _id: -1 });
schema.index({ channel: 1, receivedAt: -1, _id: -1 });
schema.index({ handlingAgencyCode: 1, receivedAt: -1, _id: -1 });
schema.index({ petitionerId: 1, receivedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, receivedAt: -1, _id: -1 });
schema.index({ petitionerId: 1, subject: 1, receivedAt: 1 });
schema.index({ repeatOfId: 1 });

export const PetitionModel = subgraphDatabase('petitions').model<PetitionDoc>('Petition', schema);
