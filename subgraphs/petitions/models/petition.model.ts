import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { PetitionChannel, PetitionRelatedCaseKind, PetitionStatus } from '../__generated__/resolvers-types';

export interface RelatedCaseRefDoc {
  kind: PetitionRelatedCaseKind;
  id: string;
}

/** 公开听证: a pause of the running clocks; `to` null while the hearing lasts. */
export interface HearingDoc {
  from: Date;
  to?: Date | null;
  note?: string | null;
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
  acceptedAt?: Date | null;
  notAcceptedAt?: Date | null;
  notAcceptedReason?: string | null;
  handlingStartedAt?: Date | null;
  answeredAt?: Date | null;
  answer?: string | null;
  extensionDays?: number | null;
  extensionReason?: string | null;
  extendedAt?: Date | null;
  procuratorateHandled: boolean;
  proceduralRepliedAt?: Date | null;
  hearings: HearingDoc[];
  reviewAppliedAt?: Date | null;
  reviewDecidedAt?: Date | null;
  reviewDecision?: string | null;
  reReviewAppliedAt?: Date | null;
  reReviewDecidedAt?: Date | null;
  reReviewDecision?: string | null;
  closedAt?: Date | null;
  petitionerAccepted?: boolean | null;
  // Derived with every write (workflow.ts `derive`), so optional only for records not yet stored.
  /** Earliest running duty of an agency; null when none runs or a hearing is open (drives the overdue filter). */
  nextDueAt?: Date | null;
  /** Dashboard indicators. */
  acceptedInTime?: boolean;
  answeredInTime?: boolean;
  hearingHeld?: boolean;
  relatedCaseRefs: RelatedCaseRefDoc[];
  repeatOfId?: string | null;
  /** Workflow counterparts who see the petition (policies.ts `petitionCounterparts`, derived): 信访局, 县政府办 after a review. */
  counterpartCodes?: string[];
  history: StatusChange[];
  version: number;
}

export const PETITION_CHANNELS: PetitionChannel[] = ['LETTER', 'VISIT', 'ONLINE', 'HOTLINE_12345', 'HOTLINE_12309'];
export const PETITION_STATUSES: PetitionStatus[] = ['RECEIVED', 'ACCEPTED', 'NOT_ACCEPTED', 'HANDLING', 'ANSWERED', 'REVIEW', 'RE_REVIEW', 'FINAL'];

const hearingSchema = new Schema<HearingDoc>(
  { from: { type: Date, required: true }, to: { type: Date, default: null }, note: { type: String, default: null, maxlength: 2000 } },
  { _id: false },
);

const text = (max: number) => ({ type: String, default: null, maxlength: max });
const date = { type: Date, default: null };

const schema = new Schema<PetitionDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true },
    channel: { type: String, required: true, enum: PETITION_CHANNELS },
    petitionerId: { type: String, default: null },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    summary: { type: String, required: true, maxlength: 5000 },
    handlingAgencyCode: { type: String, required: true },
    status: { type: String, required: true, enum: PETITION_STATUSES, default: 'RECEIVED' },
    receivedAt: { type: Date, required: true },
    acceptedAt: date,
    notAcceptedAt: date,
    notAcceptedReason: text(2000),
    handlingStartedAt: date,
    answeredAt: date,
    answer: text(5000),
    extensionDays: { type: Number, default: null, min: 1, max: 30 },
    extensionReason: text(500),
    extendedAt: date,
    procuratorateHandled: { type: Boolean, default: false },
    proceduralRepliedAt: date,
    hearings: { type: [hearingSchema], default: [] },
    reviewAppliedAt: date,
    reviewDecidedAt: date,
    reviewDecision: text(5000),
    reReviewAppliedAt: date,
    reReviewDecidedAt: date,
    reReviewDecision: text(5000),
    closedAt: date,
    petitionerAccepted: { type: Boolean, default: null },
    nextDueAt: date,
    acceptedInTime: { type: Boolean, default: false },
    answeredInTime: { type: Boolean, default: false },
    hearingHeld: { type: Boolean, default: false },
    relatedCaseRefs: {
      type: [new Schema({ kind: { type: String, enum: ['PROCURATORATE', 'ENFORCEMENT'], required: true }, id: { type: String, required: true } }, { _id: false })],
      default: [],
    },
    repeatOfId: { type: String, default: null },
    counterpartCodes: { type: [String], default: [] },
    history: { type: [statusChangeSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ number: 1 }, { unique: true });
schema.index({ receivedAt: -1, _id: -1 });
schema.index({ status: 1, receivedAt: -1, _id: -1 });
schema.index({ channel: 1, receivedAt: -1, _id: -1 });
schema.index({ handlingAgencyCode: 1, receivedAt: -1, _id: -1 });
schema.index({ petitionerId: 1, receivedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, receivedAt: -1, _id: -1 });
schema.index({ petitionerId: 1, subject: 1, receivedAt: 1 });
schema.index({ repeatOfId: 1 });
schema.index({ counterpartCodes: 1, receivedAt: -1, _id: -1 });

export const PetitionModel = subgraphDatabase('petitions').model<PetitionDoc>('Petition', schema);
