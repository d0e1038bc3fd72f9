/**
 * Printed lists: what heads every printed page, and how a long list is split into prints. A print of 20,000 pupils
 * (500 pages) blocked the page for 15 s while it was drawn and laid out; one print holds PRINT_PUPILS at most and
 * the officer chooses which part of the list to print.
 */
import { longDate } from './letters';

/** Pupils in one print: about 25 pages of the watch list. */
export const PRINT_PUPILS = 1000;
/**
 * Rows on one printed page, each page its own small table under its own heading: a page is laid out on its own
 * (one 1,000-row table was laid out whole each time rows were added), and the heading is on every page.
 */
export const PRINT_ROWS_PER_PAGE = 30;
/** Printed pages drawn per frame while a print is prepared, so no frame's work comes near 100 ms. */
export const PRINT_PAGES_PER_FRAME = 3;

export interface PrintPart {
  /** First row (from 0) and one past the last. */
  from: number;
  to: number;
  label: string;
}

const n = (x: number) => x.toLocaleString('en-GB');

/** The parts a list of `total` rows prints in, in order; one part (the whole list) when it fits one print. */
export function printParts(total: number, per = PRINT_PUPILS): PrintPart[] {
  if (total <= per) return [{ from: 0, to: total, label: `all ${n(total)} pupils` }];
  const parts: PrintPart[] = [];
  for (let from = 0; from < total; from += per) {
    const to = Math.min(total, from + per);
    parts.push({ from, to, label: `pupils ${n(from + 1)}–${n(to)} of ${n(total)}` });
  }
  return parts;
}

/** `rows` in pages of `size` (the last one shorter); no pages for no rows. */
export function inPages<T>(rows: readonly T[], size = PRINT_ROWS_PER_PAGE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < rows.length; i += size) pages.push(rows.slice(i, i + size));
  return pages;
}

export interface PrintHeadingFacts {
  school: string;
  title: string;
  /** The filter in words ("Year 9, trending toward PA" or "all pupils"). */
  filter: string;
  asOf: string;
  printed: string;
  demo: boolean;
  /** Which part of a long list this print holds, when it is not the whole list. */
  part?: string;
}

/** The heading of every printed list: whose, which list and filter, the register date, when printed, demo or not. */
export function printHeading(h: PrintHeadingFacts): string {
  return [
    h.school,
    h.title,
    h.filter,
    ...(h.part ? [h.part] : []),
    `registers as of ${h.asOf ? longDate(h.asOf) : 'no date'}`,
    `printed ${longDate(h.printed)}`,
    ...(h.demo ? ['Demo data: simulated pupils, not real'] : []),
  ].join(' · ');
}
