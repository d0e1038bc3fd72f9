/**
 * Which model scores the school, and why, in words. The one rule that picks the model (`pickModel`) is here:
 * the watch list, the pupil page, Today and the overview all show scores from the model it names.
 */
import type { ImportLogEntry } from '../store/types';
import type { ModelChoice } from '../model/types';
import type { SavedRecalibration } from '../model/recalibrate';
import type { ReliabilityBin } from '../model/metrics';
import type { BacktestReport } from '../model/backtest';

export const MODEL_NAME: Record<ModelChoice, string> = {
  shipped: 'the shipped model',
  recalibrated: 'the shipped model recalibrated on your school',
  school: "the model trained on your school's history",
};

export const schoolYearLabel = (y: number): string => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
const pc = (v: number, digits = 0) => `${(100 * v).toFixed(digits)}%`;

/**
 * The model scores come from. An explicit choice stands while that model exists; with none made (or the chosen
 * one gone), the recalibrated model when it measured better on the previous year, else the shipped one.
 */
export function pickModel(
  chosen: ModelChoice | null,
  recal: SavedRecalibration | null,
  hasSchoolModel: boolean,
): ModelChoice {
  if (chosen === 'shipped') return 'shipped';
  if (chosen === 'school' && hasSchoolModel) return 'school';
  if (chosen === 'recalibrated' && recal?.result) return 'recalibrated';
  return recal?.result?.better ? 'recalibrated' : 'shipped';
}

/** The imports a recalibration on `year` was made from (that year and the one before, not undone). */
export function recalibrationDataKey(imports: readonly ImportLogEntry[], year: number): string {
  return imports
    .filter((e) => !e.undone && e.years.some((y) => y === year || y === year - 1))
    .map((e) => e.id)
    .sort((a, b) => a - b)
    .join(',');
}

/** A recalibration needs (re)making: the store holds `year` and none was made from its imports as they are. */
export function needsRecalibration(
  recal: SavedRecalibration | null,
  imports: readonly ImportLogEntry[],
  year: number,
): boolean {
  const held = imports.some((e) => !e.undone && e.years.includes(year));
  if (!held) return false;
  return !recal || recal.year !== year || recal.dataKey !== recalibrationDataKey(imports, year);
}

/** What the school-trained model measured on the quarter of pupils held out of its training. */
export interface SchoolModelEvidence {
  heldOutPupils: number;
  /** Mean AUC over the half terms, the school's model and the shipped one on the same pupils. */
  aucSchool: number;
  aucShipped: number;
}

export function schoolEvidence(report: unknown): SchoolModelEvidence | null {
  const r = report as
    { heldOutPupils?: number; school?: BacktestReport; shipped?: BacktestReport } | undefined;
  if (!r?.school || !r.shipped || !r.heldOutPupils) return null;
  const mean = (b: BacktestReport) => {
    const xs = b.checkpoints.map((c) => c.model.auc).filter(Number.isFinite);
    return xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : NaN;
  };
  return { heldOutPupils: r.heldOutPupils, aucSchool: mean(r.school), aucShipped: mean(r.shipped) };
}

/** A school model must rank held-out pupils this much better (mean AUC) to be worth its one year of data. */
export const SCHOOL_MODEL_MARGIN = 0.02;

export interface Recommendation {
  model: ModelChoice;
  why: string;
}

/** Which model to use and why, from what each measured on the school's own previous year. */
export function recommendModel(
  recal: SavedRecalibration | null,
  school: SchoolModelEvidence | null,
): Recommendation {
  const r = recal?.result;
  const year = recal ? schoolYearLabel(recal.year) : '';
  const calWords = r
    ? `its chances matched what happened in ${year} more closely (calibration error ${pc(r.after.ece, 1)} against ${pc(r.before.ece, 1)} for the shipped model)`
    : '';
  if (school && school.aucSchool >= school.aucShipped + SCHOOL_MODEL_MARGIN)
    return {
      model: 'school',
      why: `The model trained on your school put the ${school.heldOutPupils} pupils it had not seen in a better order (AUC ${school.aucSchool.toFixed(2)} against ${school.aucShipped.toFixed(2)} for the shipped model), so it finds the pupils who will end PA more reliably.`,
    };
  const schoolWords = school
    ? ` The model trained on your school did not put the pupils it had not seen in a clearly better order (AUC ${school.aucSchool.toFixed(2)} against ${school.aucShipped.toFixed(2)}), so one year of your own data does not beat it.`
    : '';
  if (r?.better)
    return {
      model: 'recalibrated',
      why: `The recalibrated model puts pupils in the same order as the shipped one, and ${calWords}.${schoolWords}`,
    };
  if (r)
    return {
      model: 'shipped',
      why: `Recalibrating on ${year} was not a clear improvement on pupils each refit had not seen (calibration error ${pc(r.before.ece, 1)} before, ${pc(r.after.ece, 1)} after, and no better overall), so the shipped model stays.${schoolWords}`,
    };
  return {
    model: 'shipped',
    why: `${recal?.reason ?? 'With a complete previous year of registers, the app would check the shipped model against it and recalibrate it to your school.'}${schoolWords}`,
  };
}

/** "Of pupils we gave 30–40%, 36% ended PA." */
export function reliabilityWords(b: ReliabilityBin): string {
  return `Of pupils we gave ${pc(b.from)}–${pc(b.to)}, ${pc(b.observed)} ended the year PA.`;
}

/**
 * The bin quoted under the chart: the fullest one between 10% and 90% (most pupils sit in 0–10%, and the ends say
 * little about whether a middling chance can be trusted), else the fullest.
 */
export function headlineBin(bins: readonly ReliabilityBin[]): ReliabilityBin | null {
  const some = bins.filter((b) => b.from >= 0.1 - 1e-9 && b.to <= 0.9 + 1e-9);
  const from = some.length ? some : bins;
  return from.reduce<ReliabilityBin | null>((best, b) => (!best || b.count > best.count ? b : best), null);
}

export interface ReliabilityRow {
  band: string;
  before: ReliabilityBin | null;
  after: ReliabilityBin | null;
}

/** The reliability chart's table alternative: one row per band of predicted chance, before and after. */
export function reliabilityRows(
  before: readonly ReliabilityBin[],
  after: readonly ReliabilityBin[],
): ReliabilityRow[] {
  const keys = [...new Set([...before, ...after].map((b) => Math.round(b.from * 100)))].sort((a, b) => a - b);
  const at = (bins: readonly ReliabilityBin[], k: number) =>
    bins.find((b) => Math.round(b.from * 100) === k) ?? null;
  return keys.map((k) => {
    const b = at(before, k) ?? at(after, k)!;
    return { band: `${pc(b.from)}–${pc(b.to)}`, before: at(before, k), after: at(after, k) };
  });
}

/** Plain English beside each accuracy term the Data screen shows. */
export const MODEL_TERMS = {
  auc: 'AUC: the chance that a pupil who ended the year PA was scored above one who did not (0.5 is guessing, 1 is perfect).',
  precision: 'Precision: of the pupils flagged, the share who really ended the year PA.',
  recall: 'Recall: of the pupils who ended the year PA, the share that were flagged.',
  calibration:
    'Calibration error: how far the chances given were from what happened, on average (0% means that of pupils given 30%, exactly 30% ended PA).',
  lead: 'Lead time: how many school weeks before the 10% rule the model flagged a pupil.',
} as const;
