/**
 * Training on the school's own history: last year's registers with their outcomes (and the year
 * before as prior, when held). Accuracy is measured on the quarter of pupils held out of the fit,
 * beside the shipped model on the same pupils, so the user can choose between them on evidence.
 */
import type { Pupil, PupilYear } from '../domain/register';
import { hash01 } from './dataset';
import { trainRiskModel } from './train';
import { backtestWith, type BacktestReport } from './backtest';
import type { RiskModel } from './net';
import type { TrainProgress as Progress } from './types';

export interface SchoolTrainingArgs {
  /** A completed year with outcomes. */
  years: PupilYear[];
  priorYears?: PupilYear[];
  pupils?: Pupil[];
}

export interface SchoolTrainingResult {
  model: RiskModel;
  report: { heldOutPupils: number; school: BacktestReport; shipped?: BacktestReport };
}

const SEED = 1;
const HOLD_OUT = 0.25;

export async function trainOnSchoolHistoryWith(
  args: SchoolTrainingArgs,
  onProgress: (p: Progress) => void = () => {},
  shipped?: RiskModel,
  signal?: AbortSignal,
): Promise<SchoolTrainingResult> {
  const startYear = args.years[0]?.startYear;
  const model = await trainRiskModel([{ years: args.years, priorYears: args.priorYears }], {
    seed: SEED,
    holdOut: HOLD_OUT,
    // 1,500 pupils × 18 as-of points × 10 epochs: a few seconds on WASM, inside the 10 s budget.
    epochs: 10,
    batchSize: 256,
    rows: { everyWeeks: 2, fromWeek: 1, stagger: true },
    name: 'school',
    trainedOn: `this school's registers for ${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    onProgress,
    signal,
  });
  onProgress({ stage: 'Measuring accuracy', done: 0, total: 1 });
  // The same split trainRiskModel used: these pupils were never in the fit.
  const heldOut = args.years.filter((py) => hash01(py.pupilId, SEED) < HOLD_OUT);
  const test = { years: heldOut, priorYears: args.priorYears, pupils: args.pupils };
  const report = {
    heldOutPupils: heldOut.length,
    school: backtestWith(model, test),
    shipped: shipped ? backtestWith(shipped, test) : undefined,
  };
  model.meta.report = report as unknown as Record<string, unknown>;
  onProgress({ stage: 'Measuring accuracy', done: 1, total: 1 });
  return { model, report };
}
