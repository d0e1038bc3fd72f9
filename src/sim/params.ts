/**
 * Phase parameters for the simulator. Rates are tuned so that `npm run sim:report` matches the
 * 2022/23 DfE census (the reference year: PA, SA, bands, FSM) with shapes (terms, weekdays, code mix)
 * from the 2024/25 daily collection. See ../shared/domain/attendance.md.
 */
export type Phase = 'primary' | 'secondary' | 'special';

export interface LogitComponent {
  /** Mean and spread of a pupil's logit absence propensity (holidays excluded). */
  mu: number;
  sd: number;
}

export interface PhaseParams {
  /** Year groups on roll, youngest first ('R' = Reception). */
  yearGroups: string[];
  formSize: number;
  fsmShare: number;
  senSupportShare: number;
  ehcpShare: number;
  /** Two-component mixture: most pupils in `low`, a heavy tail in `high` (a single Beta cannot fit the bands). */
  highWeight: number;
  low: LogitComponent;
  high: LogitComponent;
  /** Logit shifts on propensity and on the chance of being in the high component. */
  fsmShift: number;
  senShift: number;
  ehcpShift: number;
  fsmHighShift: number;
  yearShift: Record<string, number>;
  /** Spell-start weight of 'other unauthorised' (O), relative; secondary O is far above primary. */
  otherUnauthorised: number;
  /** Mean blocks of term-time holiday (G) per pupil-year. */
  holidayBlocks: number;
  /** Share of pupils joining / leaving during a year. */
  joinRate: number;
  leaveRate: number;
}

const PRIMARY_YEARS = ['R', '1', '2', '3', '4', '5', '6'];

export const PHASES: Record<Phase, PhaseParams> = {
  primary: {
    yearGroups: PRIMARY_YEARS,
    formSize: 30,
    fsmShare: 0.25,
    senSupportShare: 0.13,
    ehcpShare: 0.03,
    highWeight: 0.12,
    low: { mu: -3.5, sd: 0.45 },
    high: { mu: -2.6, sd: 1.2 },
    fsmShift: 0.45,
    senShift: 0.3,
    ehcpShift: 0.45,
    fsmHighShift: 0.9,
    yearShift: { R: 0, '1': 0.12, '2': 0.02, '3': -0.03, '4': -0.03, '5': -0.01, '6': -0.01 },
    otherUnauthorised: 0.7,
    holidayBlocks: 0.3,
    joinRate: 0.04,
    leaveRate: 0.04,
  },
  secondary: {
    yearGroups: ['7', '8', '9', '10', '11'],
    formSize: 28,
    fsmShare: 0.24,
    senSupportShare: 0.13,
    ehcpShare: 0.025,
    highWeight: 0.14,
    low: { mu: -3.33, sd: 0.52 },
    high: { mu: -1.6, sd: 1.3 },
    fsmShift: 0.55,
    senShift: 0.35,
    ehcpShift: 0.5,
    fsmHighShift: 0.7,
    yearShift: { '7': -0.3, '8': -0.05, '9': 0.08, '10': 0.12, '11': 0.15 },
    otherUnauthorised: 1.3,
    holidayBlocks: 0.16,
    joinRate: 0.03,
    leaveRate: 0.03,
  },
  special: {
    yearGroups: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'],
    formSize: 10,
    fsmShare: 0.46,
    senSupportShare: 0.03,
    ehcpShare: 0.96,
    highWeight: 0.26,
    low: { mu: -3.3, sd: 0.65 },
    high: { mu: -1.7, sd: 1.35 },
    fsmShift: 0.3,
    senShift: 0,
    ehcpShift: 0,
    fsmHighShift: 0.5,
    yearShift: {
      '1': -0.1,
      '2': -0.1,
      '3': -0.1,
      '4': -0.05,
      '5': -0.05,
      '6': 0,
      '7': 0,
      '8': 0.05,
      '9': 0.1,
      '10': 0.15,
      '11': 0.15,
    },
    otherUnauthorised: 1.0,
    holidayBlocks: 0.12,
    joinRate: 0.03,
    leaveRate: 0.03,
  },
};

/** Year-to-year correlation of a pupil's propensity, and the chance of switching mixture component. */
export const PERSISTENCE = { rho: 0.75, switchChance: 0.12 };

/** Share of pupil-years whose attendance drifts from a random point (most down, some recovering). */
export const DRIFT = { share: 0.08, lateShare: 0.22, recoverShare: 0.25, rampSessions: 20 };
