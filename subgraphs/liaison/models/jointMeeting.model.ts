import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 联席会议 A joint meeting (at least yearly, seed §五(一)): attendees, minutes and decisions. */
export interface JointMeetingDoc {
  _id: string;
  title: string;
  date: Date;
  /** China-time year of `date` (the yearly-meeting check and the list filter). */
  year: number;
  attendeeCodes: string[];
  minutes: string;
  decisions: string[];
}

const schema = new Schema<JointMeetingDoc>(
  {
    _id: { type: String, default: newId },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    date: { type: Date, required: true },
    year: { type: Number, required: true, min: 2000, max: 2100 },
    attendeeCodes: { type: [String], default: [] },
    minutes: { type: String, required: true, maxlength: 20000 },
    decisions: { type: [{ type: String, maxlength: 2000 }], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ date: -1, _id: -1 });
schema.index({ year: 1, date: -1, _id: -1 });
schema.index({ attendeeCodes: 1, date: -1, _id: -1 });

export const JointMeetingModel = subgraphDatabase('liaison').model<JointMeetingDoc>('JointMeeting', schema);
