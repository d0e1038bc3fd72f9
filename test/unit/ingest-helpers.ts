/** Shared by the ingest tests: read a fixture through the real pipeline, show marks as symbols. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { symbolOf } from '../../src/domain/codes';
import {
  bytesSource,
  inspectSource,
  parseSource,
  type ParsedImport,
  type ParseSummary,
  type InspectResult,
} from '../../src/ingest';

export const FIXTURES = new URL('../fixtures/', import.meta.url);

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}

export async function importBytes(
  bytes: Uint8Array,
  name = 'test.csv',
): Promise<{ inspect: InspectResult; parsed: ParsedImport }> {
  const src = bytesSource(bytes, name);
  const inspect = await inspectSource(src);
  const parsed = await parseSource(src, inspect.proposal.mapping, { period: inspect.period });
  return { inspect, parsed };
}

export const importText = (text: string, name?: string) => importBytes(new TextEncoder().encode(text), name);

/** A pupil-year's marks as symbols up to the last non-empty slot, '.' for no mark. */
export function symbols(parsed: ParsedImport, pupilId: string, startYear = 2024): string[] {
  const marks = parsed.builder.pupils.get(pupilId)?.years.get(startYear)?.year.marks;
  if (!marks) return [];
  let last = marks.length - 1;
  while (last >= 0 && marks[last] === 0) last--;
  return [...marks.slice(0, last + 1)].map((m) => symbolOf(m) || '.');
}

export function kinds(parsed: ParsedImport): Record<string, number> {
  return Object.fromEntries(parsed.summary.issueKinds.map((k) => [k.code, k.count]));
}

/**
 * Every line of the file is accounted for once: lines above the data, rows imported, rows skipped (each kind
 * counted) and rows with no data (blank, totals); every skipped kind has at least one issue to show.
 */
export function expectCountsAddUp(s: ParseSummary): void {
  const c = s.counts;
  expect(c.above + c.read, 'lines = above + read').toBe(c.lines);
  expect(c.imported + c.skipped + c.notData, 'read = imported + skipped + notData').toBe(c.read);
  expect(
    Object.values(c.skippedBy).reduce((a, b) => a + b, 0),
    'skipped by kind',
  ).toBe(c.skipped);
  for (const [code, n] of Object.entries(c.skippedBy)) {
    expect(s.issueKinds.find((k) => k.code === code)?.count ?? 0, code).toBeGreaterThanOrEqual(n);
    expect(
      s.issues.some((i) => i.code === code && i.row > 0),
      code,
    ).toBe(true);
  }
}
