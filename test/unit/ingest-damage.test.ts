/**
 * Damage one row of a valid register export — a stray quote, a stray delimiter, the row's delimiters changed, or
 * the file cut off inside it — and the import either stores exactly what the undamaged file stores, or names that
 * row in a problem; an error there means that row alone is lost (the rest is stored exactly as without it).
 * Never a different result without a word. A line given up for a quote left open is re-read as plain values when
 * no other quote follows and it splits into the header's columns (src/ingest/csv.ts, BrokenHandler).
 * The fast long lane (UTF-8) and the general path (the same text as UTF-16) must agree on every damaged file.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeUtf16le } from '../../src/sim/encoding';
import { simulateSchool } from '../../src/sim/simulate';
import { longRows } from '../../src/sim/writers';
import type { ParsedImport } from '../../src/ingest';
import { expectCountsAddUp, importBytes } from './ingest-helpers';

const school = simulateSchool({
  seed: 7,
  phase: 'primary',
  pupils: 8,
  years: 1,
  lastStartYear: 2024,
  throughDate: '2024-09-13',
});

function exportText(quoteAll: boolean): string {
  return [...longRows(school, 2024, { quoteAll, lineEnding: '\r\n' })].join('');
}

/** What the store would receive: each pupil's details, and every year's marks. */
function stored(p: ParsedImport, details = true): string {
  const out: string[] = [];
  for (const [id, e] of [...p.builder.pupils].sort(([a], [b]) => a.localeCompare(b))) {
    const who = details ? JSON.stringify(e.pupil) : id;
    for (const [y, { year }] of [...e.years].sort(([a], [b]) => a - b))
      out.push(`${who} ${y} ${details ? `${year.yearGroup}/${year.regGroup} ` : ''}${year.marks.join('')}`);
    if (e.years.size === 0) out.push(`${who} no years`);
  }
  return out.join('\n');
}

const results = new Map<string, Promise<ParsedImport>>();
async function read(text: string, utf16 = false): Promise<ParsedImport> {
  const bytes = utf16 ? encodeUtf16le('\uFEFF' + text) : new TextEncoder().encode(text);
  return (await importBytes(bytes, 'export.csv')).parsed;
}
function cached(text: string): Promise<ParsedImport> {
  let r = results.get(text);
  if (!r) results.set(text, (r = read(text)));
  return r;
}

type Damage = 'quote' | 'delimiter' | 'other delimiter' | 'cut';

function damage(text: string, kind: Damage, row: number, at: number): { damaged: string; without: string } {
  const lines = text.split('\r\n');
  const line = lines[row];
  // A cut is inside the row: a file cut exactly at a line end looks like a whole, shorter file.
  const pos = kind === 'cut' ? 1 + Math.floor(at * (line.length - 1)) : Math.floor(at * (line.length + 1));
  const before = lines.slice(0, row);
  const after = lines.slice(row + 1);
  const join = (ls: string[]) => ls.join('\r\n');
  if (kind === 'cut') {
    // The file ends inside the row: what is lost is that row and every row after it.
    return { damaged: join([...before, line.slice(0, pos)]), without: join(before) + '\r\n' };
  }
  const changed =
    kind === 'quote'
      ? line.slice(0, pos) + '"' + line.slice(pos)
      : kind === 'delimiter'
        ? line.slice(0, pos) + ',' + line.slice(pos)
        : line.replaceAll(',', ';');
  return { damaged: join([...before, changed, ...after]), without: join([...before, ...after]) };
}

async function checkDamage(text: string, kind: Damage, rowAt: number, at: number): Promise<void> {
  const rows = text.split('\r\n').length - 1;
  const row = 1 + Math.floor(rowAt * (rows - 1)); // a data row (0 is the header)
  const { damaged, without } = damage(text, kind, row, at);
  const line = row + 1;
  const [clean, lost, got, general] = await Promise.all([
    cached(text),
    cached(without),
    read(damaged),
    read(damaged, true),
  ]);
  expectCountsAddUp(got.summary);
  // The fast lane and the general path read the damaged file alike.
  expect(stored(general)).toBe(stored(got));
  expect(general.summary.counts).toEqual(got.summary.counts);
  expect(general.summary.issues.map((i) => [i.row, i.code])).toEqual(
    got.summary.issues.map((i) => [i.row, i.code]),
  );
  const named = got.summary.issues.filter((i) => i.row === line && i.severity !== 'notice');
  if (stored(got) === stored(clean)) return;
  expect(named.length, `line ${line} changed the result without a problem naming it`).toBeGreaterThan(0);
  // An error on the row: that row alone is lost (with a cut, every row after it too).
  if (named.some((i) => i.severity === 'error')) expect(stored(got)).toBe(stored(lost));
}

describe('a damaged row is stored exactly or named', () => {
  const plain = exportText(false);
  const quoted = exportText(true);

  it('the undamaged exports read cleanly, through the fast lane and the general path alike', async () => {
    for (const text of [plain, quoted]) {
      const p = await cached(text);
      expect(p.summary.errors).toBe(0);
      expect(p.summary.counts.skipped).toBe(0);
      expect(stored(await read(text, true))).toBe(stored(p));
    }
  });

  it.each(['quote', 'delimiter', 'other delimiter', 'cut'] as const)(
    '%s in a row of an unquoted export',
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (r, a) => checkDamage(plain, kind, r, a),
        ),
        { numRuns: 60 },
      );
    },
  );

  it.each(['quote', 'cut'] as const)('%s in a row of an export that quotes every value', async (kind) => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (r, a) => checkDamage(quoted, kind, r, a),
      ),
      { numRuns: 60 },
    );
  });

  it('a quote opened in one name and closed rows later: each line re-read as it is written, each named', async () => {
    const lines = plain.split('\r\n');
    lines[3] = lines[3].replace(/,([A-Za-z])/, ',"$1');
    lines[40] = lines[40].replace(/,([A-Za-z])/, ',$1"');
    const p = await read(lines.join('\r\n'));
    expect(p.summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(p.summary.counts.imported).toBe((await cached(plain)).summary.counts.imported);
    expect(p.summary.issues.filter((i) => i.code === 'stray-quote').map((i) => i.row)).toEqual([4, 41]);
    // Every mark is stored exactly; only the two names hold the stray quote, and are named.
    expect(stored(p, false)).toBe(stored(await cached(plain), false));
  });

  it('a stray quote in a name of an unquoted export: every mark stored exactly, the row named, fast lane and general path alike', async () => {
    const lines = plain.split('\r\n');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: lines.length - 2 }),
        fc.constantFrom(2, 3), // Surname, Forename
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (row, column, at) => {
          const values = lines[row].split(',');
          const v = values[column];
          const pos = Math.floor(at * (v.length + 1));
          values[column] = v.slice(0, pos) + '"' + v.slice(pos);
          const damaged = [...lines.slice(0, row), values.join(','), ...lines.slice(row + 1)].join('\r\n');
          const [clean, got, general] = await Promise.all([
            cached(plain),
            read(damaged),
            read(damaged, true),
          ]);
          expect(stored(got, false)).toBe(stored(clean, false));
          expect(stored(general)).toBe(stored(got));
          expect(got.summary.counts).toEqual(clean.summary.counts);
          expect(got.summary.issues.map((i) => [i.row, i.code, i.severity])).toEqual([
            [row + 1, 'stray-quote', 'warning'],
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
