import { Schema, type Model } from 'mongoose';
import { conflict, isDuplicateKey } from './errors';

interface WriteClaimDoc {
  _id: string;
  at: Date;
}

const claimSchema = new Schema<WriteClaimDoc>({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any versioned model
function claimsOf(model: Model<any>): Model<WriteClaimDoc> {
  return (model.db.models.WriteClaim as Model<WriteClaimDoc> | undefined) ?? model.db.model<WriteClaimDoc>('WriteClaim', claimSchema);
}

/**
 * Runs a versioned write exclusively. A conditional `findOneAndUpdate({ _id, version })` is atomic on
 * MongoDB but not on FerretDB's SQLite backend, where two writers holding the same version can both
 * match. An insert on a unique `_id` is atomic on both, so a writer first claims
 * `<collection>:<id>:<version>`; only the claimant writes; the loser gets CONFLICT. The claim is released
 * afterwards: on success the version has moved on, on failure it is free to take again.
 */
export async function withVersionClaim<T>(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any versioned model
  id: string,
  version: number,
  label: string,
  write: () => Promise<T>,
): Promise<T> {
  const claims = claimsOf(model);
  const key = `${model.collection.collectionName}:${id}:${version}`;
  try {
    await claims.create({ _id: key, at: new Date() });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const current = (await model.findById(id, { version: 1, status: 1 }).lean()) as { version?: number; status?: string } | null;
    throw conflict(`this ${label} is being changed by someone else; reload and try again`, {
      currentStatus: current?.status,
      currentVersion: current?.version,
    });
  }
  try {
    return await write();
  } finally {
    await claims.deleteOne({ _id: key });
  }
}
