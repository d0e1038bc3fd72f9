/**
 * What is here beside what would replace it (a backup, or the store without its demo pupils), row by row, for the
 * confirmation shown before any restore or demo removal.
 */
import type { StorePicture } from '../store/picture';

export interface CompareRow {
  label: string;
  here: string;
  other: string;
}

const n = (x: number) => x.toLocaleString('en-GB');
const dates = (p: StorePicture) => (p.from ? `${p.from} to ${p.to}` : 'none');
const years = (p: StorePicture) =>
  p.years.length ? p.years.map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`).join(', ') : 'none';

export function compareRows(here: StorePicture, other: StorePicture): CompareRow[] {
  const row = (label: string, f: (p: StorePicture) => string) => ({ label, here: f(here), other: f(other) });
  return [
    row('School', (p) => p.school),
    row('Dates imported', dates),
    row('School years', years),
    row('Pupils', (p) => n(p.pupils) + (p.demoPupils ? ` (${n(p.demoPupils)} demo)` : '')),
    row('Actions recorded', (p) => n(p.actions)),
    row('Imports', (p) => n(p.imports)),
  ];
}

/** The picture of the store once its demo pupils are gone (their actions go with them; imports stay). */
export function withoutDemo(p: StorePicture): StorePicture {
  const real = p.pupils - p.demoPupils;
  return {
    ...p,
    school: real ? p.school.replace(' (and demo pupils)', '') : 'No pupils',
    pupils: real,
    demoPupils: 0,
  };
}
