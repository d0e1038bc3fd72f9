/**
 * What a store or a backup holds, in the words a restore confirmation shows side by side: which school, which
 * dates, how many pupils (and of them demo), actions and imports. Pure: built from records, not from Dexie.
 */
import type { Pupil } from '../domain/register';
import type { ImportLogEntry } from './types';

export interface StorePicture {
  /** "LA 938, school 4123" from the pupils' UPNs, "Demo school", or "No pupils". */
  school: string;
  /** First and last date of the imports still applied ('' when none). */
  from: string;
  to: string;
  /** School years held (start years). */
  years: number[];
  pupils: number;
  demoPupils: number;
  actions: number;
  imports: number;
}

/** A UPN is a letter, the 3-digit local authority, the 4-digit establishment, then year and serial. */
function schoolOf(pupils: readonly Pupil[]): string {
  if (!pupils.length) return 'No pupils';
  const real = pupils.filter((p) => !p.demo);
  if (!real.length) return 'Demo school';
  const counts = new Map<string, number>();
  for (const p of real) {
    const m = /^[A-Z](\d{3})(\d{4})/.exec(p.upn ?? p.id);
    if (m) counts.set(`LA ${m[1]}, school ${m[2]}`, (counts.get(`LA ${m[1]}, school ${m[2]}`) ?? 0) + 1);
  }
  let best = '';
  let bestN = 0;
  for (const [k, n] of counts) if (n > bestN) [best, bestN] = [k, n];
  const label = best || 'A school without UPNs';
  return real.length < pupils.length ? `${label} (and demo pupils)` : label;
}

export function pictureOf(t: {
  pupils: readonly Pupil[];
  years: readonly { startYear: number }[] | readonly number[];
  imports: readonly ImportLogEntry[];
  actions: number;
}): StorePicture {
  const replaced = (e: ImportLogEntry) => e.kind === 'restore' || e.kind === 'demo-removal';
  const files = t.imports.filter((e) => !e.undone && !replaced(e) && e.dateRange[0]);
  const from = files.reduce((a, e) => (!a || e.dateRange[0] < a ? e.dateRange[0] : a), '');
  const to = files.reduce((a, e) => (e.dateRange[1] > a ? e.dateRange[1] : a), '');
  const years = [...new Set(t.years.map((y) => (typeof y === 'number' ? y : y.startYear)))].sort();
  return {
    school: schoolOf(t.pupils),
    from,
    to,
    years,
    pupils: t.pupils.length,
    demoPupils: t.pupils.filter((p) => p.demo).length,
    actions: t.actions,
    imports: t.imports.filter((e) => !replaced(e)).length,
  };
}

/** True when the store holds anything a replacement would lose. */
export function holdsData(p: StorePicture): boolean {
  return p.pupils > 0 || p.actions > 0 || p.imports > 0;
}
