/** The watch list: rows joined with risk and the latest action; filtering, sorting and CSV export. */
import type { Intervention } from '../store/types';
import { kindLabel } from '../domain/actions';
import { toCsv } from './csv';
import { RISK_BANDS, BAND_LABEL, FLAGGED, TRENDING, type Driver, type RiskBand, type RiskView } from './risk';
import { compareYearGroups, type PupilRow } from './school';

export interface WatchRow {
  row: PupilRow;
  risk: RiskView;
  newlyAtRisk: boolean;
  latestAction?: Intervention;
}

export interface WatchFilter {
  search: string;
  yearGroup: string;
  regGroup: string;
  fsm: '' | 'yes' | 'no';
  sen: '' | 'none' | 'support' | 'ehcp' | 'any';
  /** One band; 'flagged' = high, PA or SA; 'trending' = rising or high (not yet PA). */
  band: '' | RiskBand | 'flagged' | 'trending';
  newlyOnly: boolean;
}
export const NO_FILTER: WatchFilter = {
  search: '',
  yearGroup: '',
  regGroup: '',
  fsm: '',
  sen: '',
  band: '',
  newlyOnly: false,
};

export type SortKey = 'risk' | 'name' | 'yearGroup' | 'attendance' | 'canMiss' | 'action';
export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** The PA runway in a cell's words; a totals-only pupil has none (totals do not say which sessions are left). */
export function runwayWords(row: PupilRow): string {
  const m = row.metrics;
  if (m.sa) return 'Already SA';
  if (row.totals) return m.pa ? 'Already PA' : 'No runway: period totals only';
  if (m.pa) return m.runway.paUnavoidable ? 'PA for the year' : 'Already PA';
  return `Can miss ${m.runway.canMiss}`;
}

export function joinWatch(
  rows: readonly PupilRow[],
  risk: ReadonlyMap<string, RiskView>,
  fallback: (row: PupilRow) => RiskView,
  newly: ReadonlySet<string>,
  interventions: readonly Intervention[],
): WatchRow[] {
  const latest = new Map<string, Intervention>();
  for (const i of interventions) {
    const prev = latest.get(i.pupilId);
    if (!prev || i.date > prev.date || (i.date === prev.date && i.id > prev.id)) latest.set(i.pupilId, i);
  }
  return rows.map((row) => ({
    row,
    risk: risk.get(row.id) ?? fallback(row),
    newlyAtRisk: newly.has(row.id),
    latestAction: latest.get(row.id),
  }));
}

/** Text as a search compares it: no accents, one kind of apostrophe, lower case ("Renée O’Puddle" → "renee o'puddle"). */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc\u2032`´]/g, "'")
    .toLowerCase()
    .replace(/[øłđæœß]/g, (c) => UNACCENTED[c]);
}
/** Letters that carry no separate accent mark to strip, as an English keyboard types them ("Søren" → "soren"). */
const UNACCENTED: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd', æ: 'ae', œ: 'oe', ß: 'ss' };

/**
 * Whether a pupil matches a search: every word of it (split at spaces and commas, so "Inkwell, Harry" works as
 * well as "harry inkwell") is in the name, or the whole search is in the id.
 */
export function matchesSearch(row: Pick<PupilRow, 'name' | 'id'>, search: string): boolean {
  const q = searchKey(search.trim());
  if (!q) return true;
  if (searchKey(row.id).includes(q)) return true;
  const name = searchKey(row.name);
  return q.split(/[\s,]+/).every((word) => !word || name.includes(word));
}

export function filterWatch(rows: readonly WatchRow[], f: WatchFilter): WatchRow[] {
  return rows.filter(({ row, risk, newlyAtRisk }) => {
    if (!matchesSearch(row, f.search)) return false;
    if (f.yearGroup && row.yearGroup !== f.yearGroup) return false;
    if (f.regGroup && row.regGroup !== f.regGroup) return false;
    if (f.fsm && row.fsm !== (f.fsm === 'yes')) return false;
    if (
      f.sen === 'any' ? row.sen !== 'support' && row.sen !== 'ehcp' : f.sen && (row.sen ?? 'none') !== f.sen
    )
      return false;
    if (
      f.band === 'flagged'
        ? !FLAGGED.has(risk.band)
        : f.band === 'trending'
          ? !TRENDING.has(risk.band)
          : f.band && risk.band !== f.band
    )
      return false;
    if (f.newlyOnly && !newlyAtRisk) return false;
    return true;
  });
}

/** Risk order: band first, then probability (or absence when a rule made the estimate). */
function riskScore(w: WatchRow): number {
  return RISK_BANDS.indexOf(w.risk.band) * 10 + (w.risk.pPA ?? (w.row.metrics.absencePct ?? 0) / 100);
}

const canMissOf = (w: WatchRow) => (w.row.totals ? Number.MAX_SAFE_INTEGER : w.row.metrics.runway.canMiss);

export function sortWatch(rows: readonly WatchRow[], s: Sort): WatchRow[] {
  const key: Record<SortKey, (a: WatchRow, b: WatchRow) => number> = {
    risk: (a, b) => riskScore(a) - riskScore(b),
    name: (a, b) => a.row.name.localeCompare(b.row.name),
    yearGroup: (a, b) =>
      compareYearGroups(a.row.yearGroup, b.row.yearGroup) || a.row.regGroup.localeCompare(b.row.regGroup),
    attendance: (a, b) => (a.row.metrics.attendancePct ?? 0) - (b.row.metrics.attendancePct ?? 0),
    // Totals-only pupils have no runway: they sort after every pupil with one.
    canMiss: (a, b) => canMissOf(a) - canMissOf(b),
    action: (a, b) => (a.latestAction?.date ?? '').localeCompare(b.latestAction?.date ?? ''),
  };
  const cmp = key[s.key];
  const sign = s.descending ? -1 : 1;
  // Ties fall back to id so the order is stable and the same on every render.
  return [...rows].sort((a, b) => sign * cmp(a, b) || a.row.id.localeCompare(b.row.id));
}

/** Distinct values for the filter selects, in school order. */
export function filterOptions(rows: readonly WatchRow[]): { yearGroups: string[]; regGroups: string[] } {
  const yg = new Set<string>();
  const rg = new Set<string>();
  for (const { row } of rows) {
    if (row.yearGroup) yg.add(row.yearGroup);
    if (row.regGroup) rg.add(row.regGroup);
  }
  return { yearGroups: [...yg].sort(compareYearGroups), regGroups: [...rg].sort() };
}

/** Reasons asked for after the school-wide scoring (which explains pupils from the rising band up), by pupil id. */
export type LaterReasons = Readonly<Record<string, readonly Driver[] | 'working'>>;

export function topDriver(w: WatchRow, later?: LaterReasons): string {
  const more = later?.[w.row.id];
  return w.risk.drivers[0]?.text ?? (Array.isArray(more) ? more[0]?.text : undefined) ?? '';
}

/** Pupils whose reasons the model has not worked out yet: the CSV asks for them before it is written. */
export function unexplained(rows: readonly WatchRow[], later?: LaterReasons): string[] {
  return rows
    .filter((w) => w.risk.source === 'model' && !w.risk.drivers.length && !Array.isArray(later?.[w.row.id]))
    .map((w) => w.row.id);
}

export function watchCsv(rows: readonly WatchRow[], later?: LaterReasons): string {
  return toCsv(
    [
      'Pupil',
      'Id',
      'Year',
      'Reg group',
      'Risk',
      'Chance of PA in July %',
      'Attendance %',
      'Possible sessions',
      'Can miss',
      'Top driver',
      'Latest action',
    ],
    rows.map((w) => [
      w.row.name,
      w.row.id,
      w.row.yearGroup,
      w.row.regGroup,
      BAND_LABEL[w.risk.band],
      w.risk.pPA === null ? '' : Math.round(w.risk.pPA * 100),
      w.row.metrics.attendancePct === null ? '' : Number(w.row.metrics.attendancePct.toFixed(1)),
      w.row.metrics.tally.possible,
      w.row.metrics.pa || w.row.totals ? '' : w.row.metrics.runway.canMiss,
      topDriver(w, later),
      w.latestAction ? `${w.latestAction.date} ${kindLabel(w.latestAction.kind)}` : '',
    ]),
  );
}

/** The filter in words, printed at the top of the list. */
export function describeWatchFilter(f: WatchFilter): string {
  const parts: string[] = [];
  if (f.search.trim()) parts.push(`search “${f.search.trim()}”`);
  if (f.yearGroup) parts.push(`Year ${f.yearGroup}`);
  if (f.regGroup) parts.push(`group ${f.regGroup}`);
  if (f.fsm) parts.push(f.fsm === 'yes' ? 'FSM' : 'not FSM');
  if (f.sen) parts.push({ any: 'any SEN', support: 'SEN support', ehcp: 'EHC plan', none: 'no SEN' }[f.sen]);
  if (f.band)
    parts.push(
      f.band === 'trending'
        ? 'trending toward PA'
        : f.band === 'flagged'
          ? 'high, PA or SA'
          : `risk: ${BAND_LABEL[f.band]}`,
    );
  if (f.newlyOnly) parts.push('newly at risk');
  return parts.length ? parts.join(', ') : 'every pupil';
}

/** The watch-list filter for one row of the Groups screen (a group's name as groupLines writes it). */
export function groupFilter(
  kind: 'Year group' | 'Registration group' | 'FSM' | 'SEN',
  name: string,
): WatchFilter {
  const f = { ...NO_FILTER };
  if (kind === 'Year group') f.yearGroup = name.replace(/^Year /, '');
  else if (kind === 'Registration group') f.regGroup = name;
  else if (kind === 'FSM') f.fsm = name === 'FSM' ? 'yes' : 'no';
  else f.sen = name === 'EHC plan' ? 'ehcp' : name === 'SEN support' ? 'support' : 'none';
  return f;
}
