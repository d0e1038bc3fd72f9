/**
 * The school's data as the screens see it: the current school year loaded once per data change, with the
 * imports log, the years held and the actions recorded; every figure computed once (views/school.ts).
 */
import type { Pupil, PupilYear } from '../domain/register';
import type { NamedPeriodTotals } from '../domain/summary';
import type { ImportLogEntry, Intervention } from '../store/types';
import { buildSchool, defaultAsOf, type School } from '../views/school';
import * as backend from './backend';

export type LoadStatus = 'loading' | 'empty' | 'ready' | 'error';

/** What loading needs from the store (tests pass their own). */
export type SchoolSources = Pick<
  typeof backend,
  'listYears' | 'listImports' | 'listInterventions' | 'loadPupils' | 'loadYear' | 'loadTotals'
>;

const storeSources: SchoolSources = {
  listYears: backend.listYears,
  listImports: backend.listImports,
  listInterventions: backend.listInterventions,
  loadPupils: backend.loadPupils,
  loadYear: backend.loadYear,
  loadTotals: backend.loadTotals,
};

export class SchoolData {
  status: LoadStatus = $state('loading');
  error: string | null = $state(null);
  /** Large, replaced wholesale on load: raw state, so Svelte does not proxy 1,500 rows. */
  school: School | null = $state.raw(null);
  priorYears: PupilYear[] = $state.raw([]);
  interventions: Intervention[] = $state.raw([]);
  imports: ImportLogEntry[] = $state.raw([]);
  years: number[] = $state.raw([]);
  /** The date asked for in the URL (the router's asOf); null = the last register date. */
  asOfWanted: string | null = null;
  /** The school is shown as of an earlier date than its last register. */
  pastView = $state(false);
  private loaded: {
    pupils: Pupil[];
    years: PupilYear[];
    prior: PupilYear[];
    totals: NamedPeriodTotals[];
  } | null = null;

  constructor(private readonly sources: SchoolSources = storeSources) {}

  /**
   * Read the latest school year (and the one before, for the model) from the store. Returns the school, or null
   * when there is none or the read failed (status says which).
   */
  async load(): Promise<School | null> {
    this.status = 'loading';
    try {
      const s = this.sources;
      const [years, imports, interventions] = await Promise.all([
        s.listYears(),
        s.listImports(),
        s.listInterventions(),
      ]);
      this.years = years;
      this.imports = imports;
      this.interventions = interventions;
      if (!years.length) {
        this.school = null;
        this.status = 'empty';
        return null;
      }
      const current = years[years.length - 1];
      // Pupils with only period totals this year (a summary, a CTF without marks) are shown from those.
      const [pupils, pys, prior, totals] = await Promise.all([
        s.loadPupils(),
        s.loadYear(current),
        years.includes(current - 1) ? s.loadYear(current - 1) : Promise.resolve([] as PupilYear[]),
        s.loadTotals(current),
      ]);
      return this.setSchool(pupils, pys, prior, totals);
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
      return null;
    }
  }

  /** Build every figure once; pure and synchronous, so tests and benchmarks can call it too. */
  setSchool(
    pupils: Pupil[],
    years: PupilYear[],
    prior: PupilYear[] = [],
    totals: NamedPeriodTotals[] = [],
  ): School | null {
    this.loaded = { pupils, years, prior, totals };
    const school = buildSchool(pupils, years, this.asOfWanted ?? undefined, totals);
    // Totals are shown as of their last period's end only: never a past view.
    this.pastView = !!school && !school.totalsOnly && school.asOf !== defaultAsOf(school.calendar);
    this.school = school;
    this.priorYears = prior;
    this.status = school ? 'ready' : 'empty';
    return school;
  }

  /**
   * Show the school as it stood on another register date (null = the last one), from the data already loaded.
   * Returns the rebuilt school, or null when nothing changed (same date, or no school loaded).
   */
  setAsOf(asOf: string | null): School | null {
    if (asOf === this.asOfWanted) return null;
    this.asOfWanted = asOf;
    const l = this.loaded;
    return l && this.status === 'ready' ? this.setSchool(l.pupils, l.years, l.prior, l.totals) : null;
  }

  /** Every pupil on roll is a demo pupil: removing them loses nothing real, so it needs no confirmation. */
  get onlyDemo(): boolean {
    return !!this.school?.anyDemo && this.school.rows.every((r) => r.demo);
  }
}
