import { shortDateLabel } from '../format/time-text.ts';
import type { RevenueInterval } from '../view-types.ts';

/** A bucket in words, for tables and tooltips: "2025-01-06", "week of 2025-01-06", "2025-01". */
export const bucketName = (start: Date, interval: RevenueInterval): string => {
  const day = start.toISOString().slice(0, 10);
  if (interval === 'day') return day;
  return interval === 'week' ? `week of ${day}` : day.slice(0, 7);
};

/** The x-axis label under a bar: "6 Jan" for days and weeks, "Jan 2025" for months. */
export const axisLabel = (start: Date, interval: RevenueInterval): string => shortDateLabel(start, interval === 'month' ? 'month' : 'day');
