/** Time questions the screens ask of the registers: how old the last register is. */
import { epochDay } from '../domain/register';

/** Registers older than this (calendar days) get a warning: the officer is looking at last week's picture. */
export const STALE_DAYS = 7;

/** The warning to show when the last register is more than STALE_DAYS before today, or null. */
export function staleWarning(lastRegister: string | null, todayIso: string): string | null {
  if (!lastRegister) return null;
  const days = epochDay(todayIso) - epochDay(lastRegister);
  return days > STALE_DAYS ? `Last register ${days} days ago: import the latest export.` : null;
}
