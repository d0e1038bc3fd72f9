/**
 * Wide layout: one row per pupil, marks under date headers — a run per week (`//\\LN//II`, header = week start)
 * or per day (2 marks), or a comma-separated list when two-character codes (C1, J1, Y1–Y7) are possible.
 * How runs are split is documented in marks.ts (splitMarks).
 */
import { CODE_BY_ID, codeFor, NO_MARK } from '../domain/codes';
import { epochDay, isoFromEpochDay, schoolYearOf, slotOf, weekdayOf, yearSlots } from '../domain/register';
import { legacyAfterWithdrawal, plausibleDate } from './builder';
import { headerDate } from './columns';
import { rowPupil, rowYearAttributes, skip, type ReadContext } from './context';
import type { PupilEntry } from './builder';
import { isLegacy, isNoMark, readMark, splitMarks } from './mark-symbols';

interface MarkColumn {
  index: number;
  header: string;
  /** ISO date of each weekday the column covers, in order. */
  days: string[];
  /** Per session the column covers (2 per day): its school year and slot, worked out once per file. */
  startYears: Int32Array;
  slots: Int32Array;
  /** Every session in one school year, in consecutive slots: plain cells are written as one run. */
  run: boolean;
  /** Where quickCell writes this column's ids (never kept past the cell). */
  scratch: Uint8Array;
}

/** Mark id per character code for a current national code written as one exact character; 0 = not one. */
const ONE_CHAR = new Uint8Array(128);
/** 1 for the characters that mean "no mark" as a whole token (isNoMark), space aside: a blank cell is not plain. */
const NO_MARK_CHAR = new Uint8Array(128);
for (let c = 33; c < 127; c++) {
  const ch = String.fromCharCode(c);
  if (isNoMark(ch)) NO_MARK_CHAR[c] = 1;
  else {
    const code = codeFor(ch);
    if (code && !code.legacy) ONE_CHAR[c] = code.id;
  }
}

/**
 * plainCell for the two commonest shapes, read character by character with no string made or hashed:
 * one code per session separated by commas (`/,\,L,\,…`, 2 × slots − 1 characters) or a run of one character
 * per session (`//\\LN//II`). Writes into `out` and returns it; null when the cell needs plainCell (any other
 * shape, a space, a two-character, lower-case, legacy or unknown code) — plainCell then decides as before.
 */
export function quickCell(raw: string, out: Uint8Array): Uint8Array | null {
  const step = cellStep(raw.length, out.length);
  if (step === 0) return null;
  for (let k = 0; k < out.length; k++) {
    const i = k * step;
    if (step === 2 && k > 0 && raw.charCodeAt(i - 1) !== 44) return null;
    const id = plainId(raw.charCodeAt(i));
    if (id < 0) return null;
    out[k] = id;
  }
  return out;
}

/** Characters between a cell's codes: 2 for comma-separated (2 × slots − 1 long), 1 for a run, 0 for neither. */
function cellStep(len: number, slots: number): number {
  return len === slots * 2 - 1 ? 2 : len === slots ? 1 : 0;
}

/** A one-character code's mark id (0 for a character meaning "no mark", NO_MARK_CHAR), or -1 when not plain. */
function plainId(c: number): number {
  if (c >= 128) return -1;
  const id = ONE_CHAR[c];
  return id === 0 && NO_MARK_CHAR[c] === 0 ? -1 : id;
}

/** The weekdays from `start` (itself included if a weekday), `count` of them. */
function weekdaysFrom(start: string, count: number): string[] {
  const out: string[] = [];
  for (let d = epochDay(start); out.length < count; d++) if (weekdayOf(d) < 5) out.push(isoFromEpochDay(d));
  return out;
}

export function createWideReader(ctx: ReadContext): (f: string[], line: number) => void {
  const per = ctx.mapping.daysPerColumn ?? 5;
  const columns: MarkColumn[] = [];
  for (const header of ctx.mapping.markColumns ?? []) {
    const index = ctx.headers.indexOf(header);
    const iso = headerDate(header);
    if (index < 0 || !iso) continue;
    if (!plausibleDate(iso)) {
      ctx.log.add(
        0,
        header,
        'date-out-of-range',
        'error',
        `Column "${header}" is dated outside any plausible school year; its marks were not read.`,
      );
      continue;
    }
    const days = weekdaysFrom(iso, per);
    const startYears = new Int32Array(days.length * 2);
    const slots = new Int32Array(days.length * 2);
    days.forEach((day, k) => {
      const y = schoolYearOf(day);
      const base = slotOf(yearSlots(y), day, 0);
      startYears[k * 2] = startYears[k * 2 + 1] = y;
      slots[k * 2] = base;
      slots[k * 2 + 1] = base + 1;
    });
    let run = slots[0] >= 0;
    for (let k = 1; k < slots.length; k++)
      if (startYears[k] !== startYears[0] || slots[k] !== slots[0] + k) run = false;
    columns.push({ index, header, days, startYears, slots, run, scratch: new Uint8Array(slots.length) });
  }

  // Week cells repeat ("/,\\,/,\\,…" most weeks): read each distinct one once.
  const plain = new Map<string, Uint8Array | null>();
  let lastRaw = '';
  let lastSlots = 0;
  let lastIds: Uint8Array | null | undefined;

  return (f, line) => {
    const entry = rowPupil(ctx, f, line);
    if (!entry) return;
    let read = 0;
    const runs = !ctx.preview;
    for (let ci = 0; ci < columns.length; ci++) {
      const c = columns[ci];
      const raw = f[c.index] ?? '';
      // Most cells are one code per session: read in place, no hashing of the fresh string (was ~half the parse).
      const quick = ctx.lanes ? quickCell(raw, c.scratch) : null;
      if (quick) {
        const set =
          c.run && runs ? ctx.builder.setRun(entry, c.startYears[0], c.slots[0], quick, c.days) : -1;
        read += set >= 0 ? set : setPlain(ctx, entry, c, quick, line, read);
        continue;
      }
      const slots = c.days.length * 2;
      // Most weeks repeat the cell before (full attendance): a string compare is far cheaper than hashing the
      // freshly tokenized string for the map (the lookup was a third of a cold wide import).
      let ids = raw === lastRaw && slots === lastSlots ? lastIds : plain.get(raw);
      if (ids === undefined) {
        ids = plainCell(raw, slots);
        if (plain.size < 20_000 && raw.length <= 256) plain.set(raw, ids);
      }
      lastRaw = raw;
      lastSlots = slots;
      lastIds = ids;
      if (ids) {
        const set =
          c.run && !ctx.preview ? ctx.builder.setRun(entry, c.startYears[0], c.slots[0], ids, c.days) : -1;
        read += set >= 0 ? set : setPlain(ctx, entry, c, ids, line, read);
        continue;
      }
      if (raw.trim() === '') continue;
      const tokens = splitMarks(raw, slots);
      if (tokens.length !== slots) {
        ctx.log.add(
          line,
          c.header,
          tokens.length > slots ? 'too-many-marks' : 'too-few-marks',
          'warning',
          `"${raw}" has ${tokens.length} marks where ${slots} sessions were expected; ${tokens.length > slots ? 'the extra marks were not read' : 'read from the first session on'}. Check the export's week layout.`,
        );
      }
      const n = Math.min(tokens.length, slots);
      for (let k = 0; k < n; k++) {
        const t = tokens[k];
        if (isNoMark(t)) continue;
        const m = readMark(t);
        const iso = c.days[k >> 1];
        if ('unknown' in m) {
          ctx.log.add(
            line,
            c.header,
            'unknown-code',
            'error',
            `"${m.unknown}" (${iso} ${k & 1 ? 'PM' : 'AM'}) is not a national attendance code; that session was not imported. Correct it in the MIS.`,
          );
          continue;
        }
        if (m.via === 'subcode')
          ctx.log.add(
            line,
            c.header,
            'subcode',
            'notice',
            `Vendor subcode "${t}" read as "${CODE_BY_ID[m.id]?.code}".`,
          );
        if (isLegacy(m.id)) {
          if (legacyAfterWithdrawal(m.id, iso))
            ctx.log.add(
              line,
              c.header,
              'legacy-after-withdrawal',
              'warning',
              `Code "${t}" was withdrawn on ${CODE_BY_ID[m.id]?.withdrawn} but is used on ${iso}; imported with its old meaning.`,
            );
          else
            ctx.log.add(
              line,
              c.header,
              'legacy-code',
              'notice',
              `Historic code "${t}" read with its old meaning: ${CODE_BY_ID[m.id]?.meaning}.`,
            );
        }
        const r = ctx.builder.setSlot(entry, c.startYears[k], c.slots[k], m.id, iso);
        if (r === 'conflict')
          ctx.log.add(
            line,
            c.header,
            'duplicate-different',
            'error',
            `${entry.pupil.id} already has a different mark for ${iso} ${k & 1 ? 'PM' : 'AM'}; the first was kept. Check the MIS.`,
          );
        else if (r === 'ok' && m.id !== NO_MARK) {
          read++;
          if (read <= 4)
            ctx.preview?.({
              line,
              pupil: entry.pupil.id,
              date: iso,
              session: k & 1 ? 'PM' : 'AM',
              mark: CODE_BY_ID[m.id]?.code,
              meaning: CODE_BY_ID[m.id]?.meaning,
            });
        }
      }
    }
    if (columns.length > 0) rowYearAttributes(ctx, f, entry, columns[0].days[0]);
    if (read === 0)
      return skip(ctx, line, '', 'no-marks', `No marks could be read for ${entry.pupil.id} on this row.`);
    ctx.counts.imported++;
  };
}

/**
 * A cell whose every token is blank or a current national code written exactly, one per session: its mark ids
 * (0 = no mark, nothing written). null when any token needs the general path (a notice, an issue, a count mismatch).
 * Every column holds `slots` sessions, so one cache serves all columns of the same width (weeks, or days).
 */
function plainCell(raw: string, slots: number): Uint8Array | null {
  if (raw.trim() === '') return null;
  const tokens = splitMarks(raw, slots);
  if (tokens.length !== slots) return null;
  const ids = new Uint8Array(slots);
  for (let k = 0; k < slots; k++) {
    const t = tokens[k];
    if (isNoMark(t)) continue;
    const m = readMark(t);
    if ('unknown' in m || m.via || isLegacy(m.id)) return null;
    ids[k] = m.id;
  }
  return ids;
}

/** Write a plain cell's marks, as the general loop would; returns how many marks were read. */
function setPlain(
  ctx: ReadContext,
  entry: PupilEntry,
  c: MarkColumn,
  ids: Uint8Array,
  line: number,
  before: number,
): number {
  let read = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (id === NO_MARK) continue;
    const iso = c.days[k >> 1];
    const r = ctx.builder.setSlot(entry, c.startYears[k], c.slots[k], id, iso);
    if (r === 'conflict')
      ctx.log.add(
        line,
        c.header,
        'duplicate-different',
        'error',
        `${entry.pupil.id} already has a different mark for ${iso} ${k & 1 ? 'PM' : 'AM'}; the first was kept. Check the MIS.`,
      );
    else if (r === 'ok') {
      read++;
      if (before + read <= 4)
        ctx.preview?.({
          line,
          pupil: entry.pupil.id,
          date: iso,
          session: k & 1 ? 'PM' : 'AM',
          mark: CODE_BY_ID[id]?.code,
          meaning: CODE_BY_ID[id]?.meaning,
        });
    }
  }
  return read;
}
