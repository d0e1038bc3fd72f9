/**
 * Builds the demo school off the main thread and saves it like an import, so it appears in the imports
 * log (undoable) and every pupil carries demo: true (labelled everywhere, removable in one click).
 */
import { serve } from './serve';
import type { CallContext } from '../shared/protocol';
import { commitImport } from '../../store/registers';
import { demoSchool } from '../../sim/demo';

export interface DemoArgs {
  /** ISO date the demo register runs to; today by default. */
  today?: string;
}
export interface DemoResult {
  pupils: number;
  importId: number;
}

async function loadDemo(args: DemoArgs, ctx: CallContext): Promise<DemoResult> {
  const today = args.today ?? new Date().toISOString().slice(0, 10);
  ctx.progress({ stage: 'Creating the demo school', done: 0, total: 3 });
  const school = demoSchool({ today });
  if (ctx.signal.aborted) throw new DOMException('Cancelled', 'AbortError');
  ctx.progress({ stage: 'Saving the demo registers', done: 1, total: 3 });
  const first = `${Math.min(...school.years.map((y) => y.startYear))}-09-01`;
  const entry = await commitImport(
    { pupils: school.pupils.map((p) => ({ ...p, demo: true })), years: school.years, totals: [] },
    {
      fileName: 'Demo school (simulated, not real pupils)',
      layout: 'long',
      dateRange: [first, school.throughDate ?? today],
      rowCounts: { read: school.years.length, imported: school.years.length, skipped: 0 },
      warnings: [],
    },
  );
  ctx.progress({ stage: 'Done', done: 3, total: 3 });
  return { pupils: school.pupils.length, importId: entry.id };
}

serve({ loadDemo });

export type DemoHandlers = { loadDemo: typeof loadDemo };
