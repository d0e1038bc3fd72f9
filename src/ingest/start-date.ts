/**
 * Start-date layout: a whole period's marks in one cell from a start date — the CTF 24 style
 * (`StartDate`, optional `EndDate`, `AttendanceMarks` = `/,\,L,\,I,I,…`), comma-separated so two-character
 * codes fit, or a plain run (`//\\LN`) when every code is one character (../shared/domain/exports.md).
 * One entry per weekday session from the start date: weekends are skipped, and bank holidays and closures
 * are written as entries (`#`), so they take their session like any other mark.
 * A row may also carry totals (a CTF's SessionsPossible…): checked against the marks, or kept as totals
 * when the row has no marks.
 */
import { CATEGORY_OF, CAT, CODE_BY_ID } from '../domain/codes';
import { epochDay, schoolYearOf, slotOf, weekdayOf, yearSlots } from '../domain/register';
import { legacyAfterWithdrawal, plausibleDate } from './builder';
import type { PupilEntry } from './builder';
import { cell, rowGroups, rowPupil, rowYearAttributes, skip, type ReadContext } from './context';
import { isLegacy, isNoMark, readMark } from './mark-symbols';
import { parseCount, parseDate } from './values';
import type { NamedPeriodTotals as PupilPeriodTotals } from '../domain/summary';

export function createStartDateReader(ctx: ReadContext): (f: string[], line: number) => void {
  const { col } = ctx;
  const h = ctx.mapping.columns;
  const num = (f: string[], i: number): number | undefined => (i < 0 ? undefined : parseCount(cell(f, i)));

  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    const rawStart = cell(f, col.startDate);
    const start = parseDate(rawStart);
    if (!('iso' in start) || !plausibleDate(start.iso))
      return skip(
        ctx,
        line,
        h.startDate ?? '',
        'unreadable-date',
        rawStart === ''
          ? 'This row has no start date, so its marks cannot be placed.'
          : `"${rawStart}" is not a start date this importer can read (use dd/mm/yyyy).`,
      );
    const rawEnd = cell(f, col.endDate);
    const endRead = rawEnd ? parseDate(rawEnd) : undefined;
    const end = endRead && 'iso' in endRead ? endRead.iso : undefined;
    const raw = cell(f, col.marksRun);
    const given = readTotals(f);
    if (raw === '') {
      if (!given)
        return skip(ctx, line, h.marksRun ?? '', 'no-marks', 'This row has no marks and no totals.');
      return keepTotals(ctx, entry.pupil.id, start.iso, end, given, line, rowGroups(ctx, f));
    }
    const commas = raw.includes(',');
    let count = commas ? 1 : raw.length;
    if (commas) for (let i = raw.indexOf(','); i >= 0; i = raw.indexOf(',', i + 1)) count++;
    const firstDay = epochDay(start.iso);
    if (weekdayOf(firstDay) >= 5)
      ctx.log.add(
        line,
        h.startDate ?? '',
        'weekend-start',
        'warning',
        `${start.iso} is a weekend; the marks were read from the Monday after.`,
      );
    if (end) {
      const expected = weekdaySessions(start.iso, end);
      if (expected !== count)
        ctx.log.add(
          line,
          h.marksRun ?? '',
          count > expected ? 'too-many-marks' : 'too-few-marks',
          'warning',
          `${count} marks where ${start.iso} to ${end} has ${expected} weekday sessions; read from the start date on${count > expected ? ', the extra marks were not read' : ''}. Check the export.`,
        );
    }
    const limit = end ? Math.min(count, weekdaySessions(start.iso, end)) : count;
    // Walk the weekdays: the slots of one school year are consecutive, so only a new year needs a lookup.
    let day = firstDay;
    while (weekdayOf(day) >= 5) day++;
    let year = schoolYearOf(isoOf(day));
    let ys = yearSlots(year);
    let slot = slotOf(ys, isoOf(day), 0);
    const done = ctx.preview || limit !== count ? null : quickRow(ctx, entry, raw, count, year, slot);
    if (done) {
      rowYearAttributes(ctx, f, entry, start.iso);
      if (given) checkTotals(ctx, entry.pupil.id, given, done, line);
      ctx.counts.imported++;
      return;
    }
    const tokens = commas ? raw.split(',').map((t) => t.trim()) : [...raw];
    let read = 0;
    let valid = 0;
    const tally = new Int32Array(7);
    for (let k = 0; k < limit; k++) {
      if (slot >= ys.slotCount) {
        year++;
        ys = yearSlots(year);
        slot = 0;
      }
      const session = k & 1;
      const iso = ys.days[slot >> 1];
      const t = tokens[k];
      const s = slot++;
      if (isNoMark(t)) continue;
      const m = readMark(t);
      if ('unknown' in m) {
        ctx.log.add(
          line,
          h.marksRun ?? '',
          'unknown-code',
          'error',
          `"${m.unknown}" (${iso} ${session ? 'PM' : 'AM'}) is not a national attendance code; that session was not imported. Correct it in the MIS.`,
        );
        continue;
      }
      valid++;
      if (isLegacy(m.id))
        ctx.log.add(
          line,
          h.marksRun ?? '',
          legacyAfterWithdrawal(m.id, iso) ? 'legacy-after-withdrawal' : 'legacy-code',
          legacyAfterWithdrawal(m.id, iso) ? 'warning' : 'notice',
          `Historic code "${t}" read with its old meaning: ${CODE_BY_ID[m.id]?.meaning}.`,
        );
      if (!plausibleDate(iso)) continue;
      const r = ctx.builder.setSlot(entry, year, s, m.id, iso);
      if (r === 'conflict') {
        ctx.log.add(
          line,
          h.marksRun ?? '',
          'duplicate-different',
          'error',
          `${entry.pupil.id} already has a different mark for ${iso} ${session ? 'PM' : 'AM'}; the first was kept. Check the MIS.`,
        );
        continue;
      }
      tally[CATEGORY_OF[m.id]]++;
      if (r === 'ok') read++;
      if (read <= 4 && r === 'ok')
        ctx.preview?.({
          line,
          pupil: entry.pupil.id,
          date: iso,
          session: session ? 'PM' : 'AM',
          mark: CODE_BY_ID[m.id]?.code,
          meaning: CODE_BY_ID[m.id]?.meaning,
        });
    }
    rowYearAttributes(ctx, f, entry, start.iso);
    if (given) checkTotals(ctx, entry.pupil.id, given, tally, line);
    if (valid === 0)
      return skip(ctx, line, h.marksRun ?? '', 'no-marks', `No marks could be read for ${entry.pupil.id}.`);
    ctx.counts.imported++;
  };

  function readTotals(f: string[]): Totals | undefined {
    const possible = num(f, col.possible);
    if (possible === undefined) return undefined;
    return {
      possible,
      attended: num(f, col.attended) ?? num(f, col.present),
      authorised: num(f, col.authorised),
      unauthorised: num(f, col.unauthorised),
    };
  }
}

/** Mark ids per one-character code as written (0 = not one); the no-mark characters are allowed separately. */
const ONE = new Uint8Array(128);
const BLANK = new Uint8Array(128);
for (let c = 32; c < 127; c++) {
  const ch = String.fromCharCode(c);
  if (isNoMark(ch)) BLANK[c] = 1;
  else {
    const m = readMark(ch);
    if ('id' in m && !m.via && !isLegacy(m.id)) ONE[c] = m.id;
  }
}
let scratch = new Uint8Array(1024);

/**
 * The usual row, read without a string per mark: every code one current character, comma-separated or a run,
 * written a school year at a time (RegisterBuilder.setRun). Returns the marks' tally by category, or null when
 * the row needs the general read (any other code, a date out of range, a session already holding another mark);
 * then nothing this call wrote differs from what the general read writes.
 */
function quickRow(
  ctx: ReadContext,
  entry: PupilEntry,
  raw: string,
  n: number,
  year: number,
  slot: number,
): Int32Array | null {
  const step = raw.length === n * 2 - 1 ? 2 : raw.length === n ? 1 : 0;
  if (step === 0) return null;
  if (scratch.length < n) scratch = new Uint8Array(n * 2);
  const ids = scratch.subarray(0, n);
  const tally = new Int32Array(7);
  let marks = 0;
  for (let k = 0; k < n; k++) {
    const c = raw.charCodeAt(k * step);
    if (c >= 128 || (step === 2 && k > 0 && raw.charCodeAt(k * 2 - 1) !== 44)) return null;
    const id = ONE[c];
    if (id === 0 && !BLANK[c]) return null;
    ids[k] = id;
    tally[CATEGORY_OF[id]]++;
    marks |= id;
  }
  if (marks === 0) return null; // no mark at all: the general read reports the row
  let ys = yearSlots(year);
  const lastYear = year + Math.floor((slot + n - 1) / ys.slotCount);
  const lastIso = yearSlots(lastYear).days[((slot + n - 1) % ys.slotCount) >> 1] ?? '';
  if (!plausibleDate(ys.days[slot >> 1]) || !plausibleDate(lastIso)) return null;
  for (let k0 = 0, s0 = slot; k0 < n; s0 = 0) {
    const len = Math.min(n - k0, ys.slotCount - s0);
    const days = ys.days.slice(s0 >> 1, (s0 + len + 1) >> 1);
    if (ctx.builder.setRun(entry, year, s0, ids.subarray(k0, k0 + len), days) < 0) return null;
    k0 += len;
    ys = yearSlots(++year);
  }
  return tally;
}

interface Totals {
  possible: number;
  attended?: number;
  authorised?: number;
  unauthorised?: number;
}

const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** Weekday sessions from `from` to `to`, both included. */
function weekdaySessions(from: string, to: string): number {
  let n = 0;
  for (let d = epochDay(from), e = epochDay(to); d <= e; d++) if (weekdayOf(d) < 5) n += 2;
  return n;
}

/** Totals and marks that disagree are a reported problem: the marks are kept, the difference named. */
function checkTotals(ctx: ReadContext, pupil: string, t: Totals, tally: Int32Array, line: number): void {
  const present = tally[CAT.present];
  const aea = tally[CAT.aea];
  const auth = tally[CAT.authorised];
  const unauth = tally[CAT.unauthorised];
  const marks = { possible: present + aea + auth + unauth, authorised: auth, unauthorised: unauth };
  const diffs: string[] = [];
  if (t.possible !== marks.possible) diffs.push(`possible ${t.possible} (marks: ${marks.possible})`);
  // Systems differ on whether approved educational activity counts as attended: either is accepted.
  if (t.attended !== undefined && t.attended !== present + aea && t.attended !== present)
    diffs.push(`attended ${t.attended} (marks: ${present + aea})`);
  if (t.authorised !== undefined && t.authorised !== auth)
    diffs.push(`authorised ${t.authorised} (marks: ${auth})`);
  if (t.unauthorised !== undefined && t.unauthorised !== unauth)
    diffs.push(`unauthorised ${t.unauthorised} (marks: ${unauth})`);
  if (diffs.length)
    ctx.log.add(
      line,
      ctx.mapping.columns.possible ?? '',
      'totals-disagree',
      'warning',
      `${pupil}: the file's session totals disagree with its marks — ${diffs.join(', ')}. The marks were used; check the totals in the MIS.`,
    );
}

/** A row with totals and no marks: kept as the pupil's totals for the period (start date to end date). */
function keepTotals(
  ctx: ReadContext,
  pupilId: string,
  from: string,
  end: string | undefined,
  t: Totals,
  line: number,
  groups: { yearGroup?: string; regGroup?: string },
): void {
  const startYear = schoolYearOf(from);
  const to = end ?? `${startYear + 1}-08-31`;
  const authorised = t.authorised ?? 0;
  const unauthorised = t.unauthorised ?? 0;
  const present = t.attended ?? t.possible - authorised - unauthorised;
  const totals: PupilPeriodTotals = {
    pupilId,
    startYear,
    periodLabel: `${from} to ${to}`,
    from,
    to,
    possible: t.possible,
    present,
    aea: 0,
    authorised,
    unauthorised,
    ...groups,
  };
  if (present + authorised + unauthorised !== t.possible)
    ctx.log.add(
      line,
      ctx.mapping.columns.possible ?? '',
      'totals-dont-add-up',
      'warning',
      `${pupilId}: attended ${present} + authorised ${authorised} + unauthorised ${unauthorised} ≠ possible ${t.possible}. Imported as given.`,
    );
  ctx.builder.totals.push(totals);
  ctx.builder.noteRange(from, to);
  ctx.counts.imported++;
  ctx.preview?.({
    line,
    pupil: pupilId,
    totals: `${from} to ${to}: possible ${t.possible}, attended ${present}, authorised ${authorised}, unauthorised ${unauthorised}`,
  });
}
