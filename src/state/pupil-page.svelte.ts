/**
 * One pupil's page: every figure it shows, worked out once per change of data, risk or actions (the component
 * only lays them out), and what the page asks the model for when it opens (reasons, half-term risk).
 */
import { untrack } from 'svelte';
import { app } from './app.svelte';
import { actions } from './actions.svelte';
import { ruleRisk, bandThen, BAND_LABEL, type Driver } from '../views/risk';
import { codeBreakdown, cumulativeAttendance, heatWeeks, weekdayPattern } from '../views/pupil';
import { actionEffect, caseOf } from '../views/actions';
import { pct } from '../views/format';
import { heatmapSvg } from '../charts/heatmap';
import { cumulativeSvg } from '../charts/cumulative';

export class PupilPageState {
  constructor(private readonly pupilId: () => string) {}

  get id(): string {
    return this.pupilId();
  }
  school = $derived(app.school!);
  // A leaver's record is final: shown with their figures, never with a risk or a runway.
  row = $derived(this.school.byId.get(this.id) ?? this.school.leaverById.get(this.id));
  py = $derived(this.school.years.get(this.id));
  pupil = $derived(this.school.pupils.get(this.id));
  risk = $derived(this.row && !this.row.left ? (app.risk.get(this.id) ?? ruleRisk(this.row.metrics)) : null);
  weeks = $derived(this.py ? heatWeeks(this.py, this.school.calendar, this.school.asOf) : []);
  cumulative = $derived(this.py ? cumulativeAttendance(this.py, this.school.calendar, this.school.asOf) : []);
  days = $derived(this.py ? weekdayPattern(this.py, this.school.asOf) : []);
  codes = $derived(this.py ? codeBreakdown(this.py, this.school.asOf) : []);
  caseRecord = $derived(caseOf(actions.records, this.id));
  effects = $derived(
    this.py
      ? this.caseRecord.actions.map((a) => actionEffect(this.py!, this.school.calendar, this.school.asOf, a))
      : [],
  );
  absences = $derived(
    this.weeks.flatMap((w) => w.cells).filter((c) => c.kind === 'authorised' || c.kind === 'unauthorised'),
  );
  /** The school-wide scoring explains pupils at some risk; anyone else's reasons are asked for on their page. */
  asked = $derived(app.reasons[this.id]);
  drivers: Driver[] = $derived(
    this.risk?.drivers.length ? this.risk.drivers : Array.isArray(this.asked) ? this.asked : [],
  );
  htRisk = $derived(app.halfTermRisk?.get(this.id) ?? null);

  /** The register heat map, drawn once per change of data (a whole year of sessions). */
  heatSvg = $derived(
    this.row
      ? heatmapSvg(
          this.weeks,
          18,
          `Register heat map for ${this.row.name}: ${this.absences.length} absent sessions, listed below`,
        )
      : '',
  );
  /** Attendance to date week by week, with the year-end forecast at the year's end when there is a risk. */
  cumulativeChart = $derived.by(() => {
    const { row, risk, school } = this;
    if (!row || row.totals || !school.calendar.halfTerms.length) return '';
    return cumulativeSvg(this.cumulative, {
      width: 620,
      height: 240,
      yearStart: school.calendar.halfTerms[0].startDate,
      yearEnd: school.calendar.halfTerms[school.calendar.halfTerms.length - 1].endDate,
      forecast: risk
        ? { low: risk.rangeLow, expected: risk.expectedAttendancePct, high: risk.rangeHigh }
        : undefined,
      title: `Cumulative attendance by week, now ${pct(row.metrics.attendancePct)}${risk ? `; year-end forecast ${pct(risk.rangeLow)} to ${pct(risk.rangeHigh)}` : ''}`,
    });
  });

  /** The model's chance of PA by year end as it stood at the end of half term h (today's for the current one). */
  chanceAt(h: number): string {
    const { risk, school } = this;
    const v =
      h === school.halfTermsSoFar.length - 1
        ? (risk?.pPA ?? undefined)
        : this.htRisk?.[school.halfTermsSoFar[h]?.name ?? ''];
    return v === undefined || Number.isNaN(v) ? '–' : `${Math.round(v * 100)}%`;
  }

  /** Each half term's band as it stood at its end, by the same rule as today's (model when it has scored). */
  bandAt(h: number): string {
    const { row, risk, school } = this;
    if (!row || !risk) return '–';
    if (h === school.halfTermsSoFar.length - 1) return BAND_LABEL[risk.band];
    const p = risk.source !== 'rule' ? this.htRisk?.[school.halfTermsSoFar[h].name] : undefined;
    return BAND_LABEL[bandThen(row.atHalfTermEnd[h], p)];
  }

  /** Ask the model for this pupil's reasons when its school-wide answer had none (run from an effect). */
  askForReasons(): void {
    const risk = this.risk;
    if (risk?.source === 'model' && !risk.drivers.length) untrack(() => void app.explainPupils([this.id]));
  }

  /** Ask for the half-term risk once the model has scored (run from an effect). */
  askForHalfTermRisk(): void {
    if (app.riskSource === 'model') void app.loadHalfTermRisk();
  }
}
