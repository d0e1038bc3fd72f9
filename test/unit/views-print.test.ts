import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inPages, printHeading, printParts, PRINT_PUPILS } from '../../src/views/print';

describe('printed lists', () => {
  it('prints a short list whole, and a long one in parts the officer chooses', () => {
    expect(printParts(0)).toEqual([{ from: 0, to: 0, label: 'all 0 pupils' }]);
    expect(printParts(PRINT_PUPILS)).toEqual([{ from: 0, to: PRINT_PUPILS, label: 'all 1,000 pupils' }]);
    const parts = printParts(20_000);
    expect(parts).toHaveLength(20);
    expect(parts[0].label).toBe('pupils 1–1,000 of 20,000');
    expect(parts[19]).toEqual({ from: 19_000, to: 20_000, label: 'pupils 19,001–20,000 of 20,000' });
  });

  it('parts cover every row once, in order, none bigger than one print', () => {
    fc.assert(
      fc.property(fc.nat(50_000), fc.integer({ min: 1, max: 3000 }), (total, per) => {
        const parts = printParts(total, per);
        let next = 0;
        for (const p of parts) {
          expect(p.from).toBe(next);
          expect(p.to - p.from).toBeLessThanOrEqual(per);
          next = p.to;
        }
        expect(next).toBe(total);
      }),
    );
  });

  it('pages hold every row once, in order, no page longer than asked', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (rows, size) => {
        const pages = inPages(rows, size);
        expect(pages.flat()).toEqual(rows);
        expect(pages.every((p) => p.length > 0 && p.length <= size)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
      }),
    );
  });

  it('heads every printed list with the school, list, filter, part, dates and the demo label', () => {
    const facts = {
      school: 'Inkwell Primary',
      title: 'Watch list',
      filter: 'Year 9, trending toward PA',
      asOf: '2024-11-08',
      printed: '2026-12-03',
      demo: true,
      part: 'pupils 1–1,000 of 20,000',
    };
    expect(printHeading(facts)).toBe(
      'Inkwell Primary · Watch list · Year 9, trending toward PA · pupils 1–1,000 of 20,000 · registers as of ' +
        'Fri 8 Nov 2024 · printed Thu 3 Dec 2026 · Demo data: simulated pupils, not real',
    );
    const real = printHeading({ ...facts, demo: false, part: '' });
    expect(real).not.toContain('Demo');
    expect(real).not.toContain('pupils 1–');
    expect(real).toContain('Inkwell Primary · Watch list · Year 9, trending toward PA · registers as of');
  });
});
