import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** An agency's staff in a training session. */
export interface TrainingParticipantsDoc {
  agencyCode: string;
  count: number;
}

/** 同堂培训 A joint training session of procurators and administrative staff (§五(二)). */
export interface TrainingSessionDoc {
  _id: string;
  topic: string;
  organiserCode: string;
  participants: TrainingParticipantsDoc[];
  /** The organiser and every participating agency (the `agencyCode` list filter). */
  agencyCodes: string[];
  date: Date;
  place?: string | null;
  notes?: string | null;
}

const participants = new Schema<TrainingParticipantsDoc>(
  { agencyCode: { type: String, required: true }, count: { type: Number, required: true, min: 1, max: 10_000 } },
  { _id: false },
);

const schema = new Schema<TrainingSessionDoc>(
  {
    _id: { type: String, default: newId },
    topic: { type: String, required: true, trim: true, maxlength: 500 },
    organiserCode: { type: String, required: true },
    participants: { type: [participants], default: [] },
    agencyCodes: { type: [String], default: [] },
    date: { type: Date, required: true },
    place: { type: String, default: null, maxlength: 200 },
    notes: { type: String, default: null, maxlength: 5000 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ date: -1, _id: -1 });
schema.index({ agencyCodes: 1, date: -1, _id: -1 });

export const TrainingSessionModel = subgraphDatabase('liaison').model<TrainingSessionDoc>('TrainingSession', schema);
