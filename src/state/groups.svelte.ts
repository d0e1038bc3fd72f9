/**
 * The Groups screen's figures: each group beside the national figure and the same group at the same point last
 * year, each kind's chart, the fairness lines and the backtest by group; worked out once per change of data, risk
 * or as-of date, not per visit (the component only lays them out).
 */
import { groupBarsSvg } from '../charts/group-bars';
import { compareGroups, groupBars, type GroupCompare } from '../views/group-compare';
import type { GroupLine } from '../views/groups';
import { app } from './app.svelte';
import { data } from './data.svelte';
import { time } from './time.svelte';

export const GROUP_KINDS = ['Year group', 'FSM', 'SEN', 'Registration group'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const KIND_TITLE: Record<GroupKind, string> = {
  'Year group': 'Year groups',
  FSM: 'Free school meals',
  SEN: 'Special educational needs',
  'Registration group': 'Registration groups',
};

export class GroupsState {
  rows: GroupCompare[] = $derived(compareGroups(app.groupLines, time.lastYear, app.phase));
  /** The date last year the groups are compared with, or null when the store does not hold last year to it. */
  lastYearAsOf: string | null = $derived(time.lastYear?.asOf ?? null);
  byKind = $derived(
    Object.fromEntries(GROUP_KINDS.map((k) => [k, this.rows.filter((r) => r.line.kind === k)])) as Record<
      GroupKind,
      GroupCompare[]
    >,
  );
  /** One chart per kind, drawn from the same figures as its table. */
  charts = $derived(
    Object.fromEntries(
      GROUP_KINDS.map((k) => [
        k,
        groupBarsSvg(groupBars(this.byKind[k]), {
          width: 460,
          title: `Persistent absence so far, ${KIND_TITLE[k].toLowerCase()}: each group beside the national figure${this.lastYearAsOf ? ' and the same point last year' : ''}`,
        }),
      ]),
    ) as Record<GroupKind, string>,
  );
  fairness: GroupLine[] = $derived(
    app.groupLines.filter((l) => l.kind === 'FSM' || l.kind === 'SEN' || l.kind === 'Year group'),
  );
  // Per-group backtest accuracy from the last backtest (Data & settings), at the end of Autumn 2: early
  // enough that the flag still matters, late enough to be judged fairly.
  backtestCheckpoint = $derived(
    data.report ? (data.report.checkpoints[1] ?? data.report.checkpoints[0] ?? null) : null,
  );
  backtestGroups = $derived(this.backtestCheckpoint?.groups ?? []);
}

export const groups = new GroupsState();
