/** This year beside last year and beside the national weekly figures, worked out once per data or date change. */
import { figuresOf, lastYearAt, weeklyAttendance } from '../views/weekly';
import { app } from './app.svelte';

export class TimeState {
  /** Last year's school on the same date, when the store holds last year's registers up to it. */
  lastYear = $derived(
    app.school ? lastYearAt([...app.school.pupils.values()], app.priorYears, app.school.asOf) : null,
  );
  thisYearFigures = $derived(app.school ? figuresOf(app.school) : null);
  lastYearFigures = $derived(this.lastYear ? figuresOf(this.lastYear) : null);
  weekly = $derived(app.school ? weeklyAttendance(app.school, app.phase) : []);
}

export const time = new TimeState();
