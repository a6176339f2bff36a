import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../../lib/mongo';

/** Yearly number sequences (渑信访〔2025〕N号): one atomic $inc per number, no transaction needed. */
export interface CounterDoc {
  _id: string;
  seq: number;
}

const schema = new Schema<CounterDoc>({ _id: { type: String }, seq: { type: Number, default: 0 } }, { versionKey: false });

export const CounterModel = subgraphDatabase('petitions').model<CounterDoc>('Counter', schema);

/** The next number of the sequence `key` (1, 2, ...). */
export async function nextSeq(key: string): Promise<number> {
  const doc = await CounterModel.findOneAndUpdate({ _id: key }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
  return doc!.seq;
}
