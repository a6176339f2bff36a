/**
 * Settings of the assistance subgraph (人民检察院国家司法救助工作细则), read once at start.
 * ASSISTANCE_MONTHLY_WAGE: the previous year's provincial average monthly wage in yuan (河南省 上一年度
 * 职工月平均工资); the default is a development figure — set the published one each year.
 */
export const DEFAULT_MONTHLY_WAGE = 6300;

function monthlyWage(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_MONTHLY_WAGE;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`ASSISTANCE_MONTHLY_WAGE must be a positive number of yuan, got "${raw}"`);
  return value;
}

export const MONTHLY_WAGE = monthlyWage(process.env.ASSISTANCE_MONTHLY_WAGE);
/** Months of wages granted without an over-cap approval (细则: 一般不超过三十六个月). */
export const MAX_MONTHS = 36;
