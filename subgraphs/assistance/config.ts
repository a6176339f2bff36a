import { config } from '../../lib/config';

/**
 * Settings of the assistance subgraph (人民检察院国家司法救助工作细则), read once at start.
 * The monthly wage is the previous year's provincial average (ASSISTANCE_MONTHLY_WAGE, validated in lib/config.ts);
 * set the published figure each year.
 */
export const MONTHLY_WAGE = config().ASSISTANCE_MONTHLY_WAGE;
/** Months of wages granted without an over-cap approval (细则: 一般不超过三十六个月). */
export const MAX_MONTHS = 36;
