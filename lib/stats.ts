import type { Model } from 'mongoose';

/**
 * Counts documents per value of `field` with one `$group`. Only `$match` and `$group` with `$sum: 1`
 * are used: they behave alike on MongoDB and the embedded mongo-java-server.
 */
export async function countByStatus(
  model: Model<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any model
  field: string,
  filter: object = {},
): Promise<{ status: string; count: number }[]> {
  const rows = (await model.aggregate([{ $match: filter }, { $group: { _id: `$${field}`, count: { $sum: 1 } } }])) as {
    _id: string;
    count: number;
  }[];
  return rows.map((r) => ({ status: String(r._id), count: r.count })).sort((a, b) => a.status.localeCompare(b.status));
}
