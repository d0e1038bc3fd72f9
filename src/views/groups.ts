/** Groups of pupils side by side, each with the gap to the national figure and the share flagged at risk. */
import { poolMetrics, type GroupMetrics } from '../domain/metrics';
import {
  CENSUS_2022_23,
  EHCP_APPROX,
  NATIONAL_BY_FSM_SEN,
  PA_BY_YEAR_GROUP_2022_23,
  type Phase,
} from '../domain/national';
import { nationalFor } from './overview';
import { FLAGGED, type RiskView } from './risk';
import { compareYearGroups, type PupilRow } from './school';

export interface GroupLine {
  kind: 'Year group' | 'Registration group' | 'FSM' | 'SEN';
  name: string;
  figures: GroupMetrics;
  /** National PA % for a comparable group, when one is published, and which year and period it covers. */
  nationalPa: number | null;
  nationalSource: string;
  /** School PA rate minus national, percentage points. */
  paGap: number | null;
  /** Share of the group flagged high risk or already PA/SA, %. */
  flagRate: number | null;
}

function line(
  kind: GroupLine['kind'],
  name: string,
  rows: readonly PupilRow[],
  risk: ReadonlyMap<string, RiskView>,
  nationalPa: number | null,
  nationalSource: string,
): GroupLine {
  const figures = poolMetrics(rows.map((r) => r.metrics));
  let flagged = 0;
  for (const r of rows) if (FLAGGED.has(risk.get(r.id)?.band ?? 'low')) flagged++;
  return {
    kind,
    name,
    figures,
    nationalPa,
    nationalSource: nationalPa === null ? '' : nationalSource,
    paGap: nationalPa !== null && figures.paRate !== null ? figures.paRate - nationalPa : null,
    flagRate: rows.length ? (100 * flagged) / rows.length : null,
  };
}

function by<K extends string>(rows: readonly PupilRow[], key: (r: PupilRow) => K | null): Map<K, PupilRow[]> {
  const m = new Map<K, PupilRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Every group line. Registration groups compare with the phase's year-to-date PA at the same week of the year
 * as `asOf`; year groups, FSM and SEN only have whole-year census figures (2022/23), and each line says so.
 */
export function groupLines(
  rows: readonly PupilRow[],
  risk: ReadonlyMap<string, RiskView>,
  phase: Phase,
  asOf: string,
): GroupLine[] {
  const lines: GroupLine[] = [];
  const fsmSen = (group: string) =>
    NATIONAL_BY_FSM_SEN.find(
      (f) => f.phase === (phase === 'special' ? 'secondary' : phase) && f.group === group,
    )?.pa ?? null;
  const ytd = nationalFor(phase, asOf);
  const census = `${CENSUS_2022_23.name}, ${CENSUS_2022_23.year}, whole year`;

  const years = by(rows, (r) => r.yearGroup || null);
  for (const yg of [...years.keys()].sort(compareYearGroups))
    lines.push(
      line('Year group', `Year ${yg}`, years.get(yg)!, risk, PA_BY_YEAR_GROUP_2022_23.pa[yg] ?? null, census),
    );
  const regs = by(rows, (r) => r.regGroup || null);
  for (const rg of [...regs.keys()].sort())
    lines.push(line('Registration group', rg, regs.get(rg)!, risk, ytd.pa, ytd.paSource));
  const fsm = by(rows, (r) => (r.fsm === null ? null : r.fsm ? 'FSM' : 'non-FSM'));
  for (const g of ['FSM', 'non-FSM'] as const)
    if (fsm.has(g)) lines.push(line('FSM', g, fsm.get(g)!, risk, fsmSen(g), census));
  const sen = by(rows, (r) => r.sen);
  const senNames = { support: 'SEN support', ehcp: 'EHC plan', none: 'No SEN' } as const;
  for (const g of ['support', 'ehcp', 'none'] as const) {
    if (!sen.has(g)) continue;
    const national = g === 'ehcp' ? EHCP_APPROX.pa : g === 'none' ? fsmSen('no SEN') : fsmSen('any SEN');
    const source = g === 'ehcp' ? `${census} (approximate)` : census;
    lines.push(line('SEN', senNames[g], sen.get(g)!, risk, national, source));
  }
  return lines;
}
