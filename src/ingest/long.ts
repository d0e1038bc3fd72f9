/**
 * Long layout: one row per pupil per session (date, session, mark; sometimes true/false flag columns).
 * The mark is the truth when present; flags alone map to a generic code, reported so the user knows.
 */
import { CODE_BY_ID, markId, NO_MARK } from '../domain/codes';
import { schoolYearOf, slotOf, yearSlots } from '../domain/register';
import { legacyAfterWithdrawal, plausibleDate } from './builder';
import { cell, rowPupil, rowYearAttributes, skip, type ReadContext } from './context';
import type { PupilEntry } from './builder';
import { isLegacy, readMark } from './mark-symbols';
import { parseDate, parseFlag, parseSession, type DateRead } from './values';

const PRESENT_AM = markId('/');
const PRESENT_PM = markId('\\');
/** Flags cannot say which authorised or unauthorised reason: C (other authorised) and O (other unauthorised). */
const GENERIC_AUTHORISED = markId('C');
const GENERIC_UNAUTHORISED = markId('O');
/** Not a possible session, reason unknown: Y7 "any other unavoidable cause". */
const GENERIC_NOT_POSSIBLE = markId('Y7');

export function createLongReader(ctx: ReadContext): (f: string[], line: number) => void {
  const { col, mapping } = ctx;
  const h = mapping.columns;
  // Dates repeat on every pupil's rows: read each once, with its school year and first slot.
  const dates = new Map<string, DateInfo>();
  const hasFlags = col.flagPresent >= 0 || col.flagAuthorised >= 0 || col.flagUnauthorised >= 0;
  /** AM and PM marks in two columns: one row per pupil per day. */
  const pair = col.session < 0 && col.mark < 0 && (col.markAm >= 0 || col.markPm >= 0);
  let pairFail = '';
  const weekend = (line: number, rawDate: string) =>
    skip(
      ctx,
      line,
      h.date ?? '',
      'weekend-session',
      `${rawDate} is a weekend; registers have no weekend sessions. Check the date.`,
    );

  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    const rawDate = cell(f, col.date);
    let d = dates.get(rawDate);
    if (!d) {
      d = dateInfo(rawDate);
      if (dates.size < 5000) dates.set(rawDate, d);
    }
    if ('bad' in d) {
      const msg =
        d.bad === 'impossible'
          ? `"${rawDate}" is not a real date. Correct it in the MIS and export again.`
          : rawDate === ''
            ? 'This row has no date.'
            : `"${rawDate}" is not a date this importer can read (use dd/mm/yyyy).`;
      return skip(
        ctx,
        line,
        h.date ?? '',
        d.bad === 'impossible' ? 'impossible-date' : 'unreadable-date',
        msg,
      );
    }
    const iso = d.iso;
    if (!d.plausible)
      return skip(
        ctx,
        line,
        h.date ?? '',
        'date-out-of-range',
        `${rawDate} is outside any plausible school year (before 2000 or more than a year ahead). Check the date.`,
      );
    if (pair) {
      // One row per pupil per day: the AM and PM marks each go through the per-session read below.
      const am = session1(f, line, entry, d, 0, col.markAm, h.markAm ?? '', true);
      const pm = session1(f, line, entry, d, 1, col.markPm, h.markPm ?? '', true);
      if (am === 'weekend' || pm === 'weekend') return weekend(line, rawDate);
      if (am === 'failed' && pm === 'failed') {
        // Both sessions were reported; the row counts once, under the AM mark's problem.
        ctx.counts.skipped++;
        ctx.counts.skippedBy[pairFail] = (ctx.counts.skippedBy[pairFail] ?? 0) + 1;
        return;
      }
      rowYearAttributes(ctx, f, entry, iso, d.startYear);
      ctx.counts.imported++;
      return;
    }
    const rawSession = cell(f, col.session);
    const session =
      col.session >= 0
        ? parseSession(rawSession)
        : d.minutes !== undefined
          ? d.minutes < 720
            ? 0
            : 1
          : undefined;
    if (session === undefined)
      return skip(
        ctx,
        line,
        h.session ?? '',
        'unreadable-session',
        `"${rawSession}" is not a session: expected AM/PM, MORNING/AFTERNOON or a time such as 09:00.`,
      );
    const r = session1(f, line, entry, d, session, col.mark, h.mark ?? '', false);
    if (r === 'weekend') return weekend(line, rawDate);
    if (r === 'failed') return;
    rowYearAttributes(ctx, f, entry, iso, d.startYear);
    const minutes = cell(f, col.minutesLate);
    if (minutes && !/^\d+$/.test(minutes))
      ctx.log.add(
        line,
        h.minutesLate ?? '',
        'unreadable-minutes',
        'notice',
        `"${minutes}" is not a number of minutes; ignored.`,
      );
    ctx.counts.imported++;
  };

  /**
   * One session's mark: 'ok', 'failed' (reported) or 'weekend' (the caller reports the row).
   * In a row of two sessions (AM and PM columns) a bad mark is reported without skipping the other session.
   */
  function session1(
    f: string[],
    line: number,
    entry: PupilEntry,
    d: DateInfo & { iso: string },
    session: 0 | 1,
    markCol: number,
    markHeader: string,
    inPair: boolean,
  ): 'ok' | 'failed' | 'weekend' {
    const iso = d.iso;
    const fail = (column: string, code: string, message: string): 'failed' => {
      if (inPair) {
        if (session === 0) pairFail = code;
        ctx.log.add(line, column, code, 'error', message);
        ctx.preview?.({
          line,
          pupil: entry.pupil.id,
          date: iso,
          session: session ? 'PM' : 'AM',
          problem: message,
        });
      } else skip(ctx, line, column, code, message);
      return 'failed';
    };
    let id = NO_MARK;
    const rawMark = cell(f, markCol);
    const m = readMark(rawMark);
    if ('unknown' in m)
      return fail(
        markHeader,
        'unknown-code',
        `"${m.unknown}" is not a national attendance code. Correct the mark in the MIS, or cancel and check the export.`,
      );
    id = m.id;
    if (m.via === 'subcode')
      ctx.log.add(
        line,
        markHeader,
        'subcode',
        'notice',
        `Vendor subcode "${rawMark}" was read as its national code "${CODE_BY_ID[id]?.code}".`,
      );
    if (id === NO_MARK && hasFlags) {
      id = fromFlags(f, col.flagPresent, col.flagAuthorised, col.flagUnauthorised, col.flagPossible, session);
      if (id !== NO_MARK)
        ctx.log.add(
          line,
          h.flagPresent ?? h.flagAuthorised ?? '',
          'flags-only',
          'notice',
          `No mark, so the true/false columns were used: recorded as "${CODE_BY_ID[id]?.code}" (${CODE_BY_ID[id]?.meaning}). Reasons for absence are unknown for these sessions.`,
        );
    }
    if (id !== NO_MARK && isLegacy(id)) {
      if (legacyAfterWithdrawal(id, iso))
        ctx.log.add(
          line,
          markHeader,
          'legacy-after-withdrawal',
          'warning',
          `Code "${CODE_BY_ID[id]?.code}" was withdrawn on ${CODE_BY_ID[id]?.withdrawn} but is used on ${iso}. It was imported with its old meaning; correct it in the MIS.`,
        );
      else
        ctx.log.add(
          line,
          markHeader,
          'legacy-code',
          'notice',
          `Historic code "${CODE_BY_ID[id]?.code}" read with its old meaning: ${CODE_BY_ID[id]?.meaning}.`,
        );
    }
    if (d.slot < 0) return 'weekend';
    const r = ctx.builder.setSlot(entry, d.startYear, d.slot + session, id, iso);
    if (r === 'conflict') {
      const kept = CODE_BY_ID[ctx.builder.existingMark(entry, iso, session)]?.code ?? 'no mark';
      return fail(
        markHeader,
        'duplicate-different',
        `${entry.pupil.id} has two different marks for ${iso} ${session ? 'PM' : 'AM'}: "${kept}" (kept, from an earlier row) and "${rawMark}". Check which is right in the MIS.`,
      );
    }
    if (r === 'same')
      ctx.log.add(
        line,
        '',
        'duplicate-same',
        'notice',
        'The same session appears twice with the same mark; read once.',
      );
    ctx.preview?.({
      line,
      pupil: entry.pupil.id,
      date: iso,
      session: session ? 'PM' : 'AM',
      mark: CODE_BY_ID[id]?.code ?? '',
      meaning: CODE_BY_ID[id]?.meaning ?? 'No mark',
    });
    return 'ok';
  }
}

export type DateInfo = DateRead & { startYear: number; slot: number; plausible: boolean };

export function dateInfo(raw: string): DateInfo {
  const d = parseDate(raw);
  if ('bad' in d) return { ...d, startYear: 0, slot: -1, plausible: false };
  const startYear = schoolYearOf(d.iso);
  return { ...d, startYear, slot: slotOf(yearSlots(startYear), d.iso, 0), plausible: plausibleDate(d.iso) };
}

function fromFlags(
  f: string[],
  pres: number,
  auth: number,
  unauth: number,
  poss: number,
  session: 0 | 1,
): number {
  const flag = (i: number) => (i < 0 ? undefined : parseFlag(f[i] ?? ''));
  if (flag(pres)) return session ? PRESENT_PM : PRESENT_AM;
  if (flag(auth)) return GENERIC_AUTHORISED;
  if (flag(unauth)) return GENERIC_UNAUTHORISED;
  if (flag(poss) === false) return GENERIC_NOT_POSSIBLE;
  return NO_MARK;
}
