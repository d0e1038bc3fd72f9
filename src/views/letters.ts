/**
 * Letters to parents, filled from the pupil's own figures. The school edits the wording (kept in this browser's
 * settings); the figures always come from the register as of the chosen date.
 */
import type { ActionKind } from '../domain/actions';
import { CAT, CATEGORY_OF, CODE_BY_ID } from '../domain/codes';
import { onRollRange } from '../domain/metrics';
import { epochDay, slotEndOfDate, weekdayOf, yearSlots, type PupilYear } from '../domain/register';
import { pct } from './format';
import type { PupilRow } from './school';

export type LetterId = 'concern' | 'stage-1' | 'stage-2' | 'meeting' | 'improvement';
export const LETTER_IDS: readonly LetterId[] = ['concern', 'stage-1', 'stage-2', 'meeting', 'improvement'];

export interface LetterTemplate {
  title: string;
  body: string;
}

/** The action each letter is recorded as, in the same step as printing it. */
export const LETTER_ACTION: Record<LetterId, ActionKind> = {
  concern: 'letter-concern',
  'stage-1': 'letter-1',
  'stage-2': 'letter-2',
  meeting: 'meeting',
  improvement: 'notice-to-improve',
};

const SIGN_OFF = '\n\nYours sincerely,\n\n{owner}\n{school}';
const FIGURES =
  "{forename}'s attendance this school year, from {from} to {to}, is {attendance}: {absent} of {possible} possible sessions missed ({authorised} authorised, {unauthorised} unauthorised).";

export const DEFAULT_TEMPLATES: Record<LetterId, LetterTemplate> = {
  concern: {
    title: 'Attendance: a concern',
    body: `Dear parent or carer of {pupil},\n\nWe are writing because we have noticed that {forename} has missed some school recently. ${FIGURES}\n\nSessions missed: {absence_dates}.\n\nEvery day in school matters. If there is anything making it hard for {forename} to attend, please contact us so that we can help.${SIGN_OFF}`,
  },
  'stage-1': {
    title: 'Attendance: stage 1',
    body: `Dear parent or carer of {pupil},\n\n${FIGURES} Pupils who miss 10% or more of their sessions are persistently absent, and it affects their learning and friendships.\n\nSessions missed: {absence_dates}.\n\nPlease contact {owner} at the school so that we can talk about what would help {forename} attend every day. We will review {forename}'s attendance on {follow_up}.${SIGN_OFF}`,
  },
  'stage-2': {
    title: 'Attendance: stage 2',
    body: `Dear parent or carer of {pupil},\n\nWe wrote to you about {forename}'s attendance and it has not improved enough. ${FIGURES} In the last 10 school weeks {forename} has had {unauthorised_recent} unauthorised absences.\n\nSessions missed: {absence_dates}.\n\nWe now need to meet to agree a plan of support. If attendance does not improve, the school may have to take formal steps, as the Department for Education's guidance sets out. We will review {forename}'s attendance on {follow_up}.${SIGN_OFF}`,
  },
  meeting: {
    title: 'Invitation to an attendance meeting',
    body: `Dear parent or carer of {pupil},\n\nWe would like to invite you to a meeting about {forename}'s attendance on {follow_up}. ${FIGURES}\n\nAt the meeting we will listen to any difficulties {forename} or your family are facing and agree together what support would help. Please contact {owner} if the date does not suit you.${SIGN_OFF}`,
  },
  improvement: {
    title: 'Notice to improve',
    body: `Dear parent or carer of {pupil},\n\nThis letter is a notice to improve {forename}'s attendance. ${FIGURES} In the last 10 school weeks {forename} has had {unauthorised_recent} unauthorised absences.\n\nSessions missed: {absence_dates}.\n\nSupport has been offered to help {forename} attend. {forename}'s attendance will be reviewed on {follow_up}. If it has not improved by then, a penalty notice may be issued or other legal action taken.${SIGN_OFF}`,
  },
};

/** Every placeholder a template may use, with what it becomes. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  school: "the school's name",
  date: 'the date of the letter',
  pupil: "the pupil's full name",
  forename: "the pupil's first name",
  year_group: 'year group',
  reg_group: 'registration group',
  attendance: 'attendance to date, as a percentage',
  possible: 'possible sessions to date',
  absent: 'sessions missed',
  authorised: 'authorised absences',
  unauthorised: 'unauthorised absences',
  unauthorised_recent: 'unauthorised absences in the last 10 school weeks',
  from: 'first date counted',
  to: 'last date counted',
  absence_dates: 'the dates missed and how',
  owner: 'who is responsible',
  follow_up: 'the follow-up date',
};

export type LetterFacts = Record<keyof typeof PLACEHOLDERS, string>;

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mon 16 Sep 2024": unambiguous on paper, whatever the reader's locale. */
export function longDate(iso: string): string {
  return `${DAY[weekdayOf(epochDay(iso))]} ${+iso.slice(8, 10)} ${MONTH[+iso.slice(5, 7) - 1]} ${iso.slice(0, 4)}`;
}
const shortDate = (iso: string) => longDate(iso).slice(0, -5);

/**
 * The sessions missed up to as-of, day by day: "Mon 16 Sep (all day, O)", "Tue 17 Sep AM (I)"; the codes
 * say how (authorised or not) in the school's own marks. At most `max` days, then how many more.
 */
export function absenceDates(py: PupilYear, asOf: string, max = 40): string {
  const year = yearSlots(py.startYear);
  const [from, to] = onRollRange(py, 0, slotEndOfDate(year, asOf));
  const days: string[] = [];
  for (let s = from - (from & 1); s < to; s += 2) {
    const absent = [s, s + 1].filter((x) => {
      const k = CATEGORY_OF[py.marks[x]];
      return x >= from && x < to && (k === CAT.authorised || k === CAT.unauthorised);
    });
    if (!absent.length) continue;
    const codes = [...new Set(absent.map((x) => CODE_BY_ID[py.marks[x]]?.code ?? '?'))].join('/');
    const when = absent.length === 2 ? 'all day' : (absent[0] & 1) === 0 ? 'AM' : 'PM';
    days.push(`${shortDate(year.days[s >> 1])} (${when}, ${codes})`);
  }
  if (!days.length) return 'none';
  return days.length > max
    ? `${days.slice(0, max).join('; ')}; and ${days.length - max} more days`
    : days.join('; ');
}

/** What a letter says where only period totals were imported: they give no dates or recent weeks. */
export const NOT_FROM_TOTALS = 'not known (only period totals were imported, no session marks)';

/** `py`: the pupil's register; absent for a pupil with period totals only (row.totals), whose letter says so. */
export function letterFacts(
  row: PupilRow,
  py: PupilYear | undefined,
  forename: string,
  ctx: { school: string; date: string; asOf: string; owner: string; followUp: string },
): LetterFacts {
  const t = row.metrics.tally;
  let fromDate = row.totals?.[0]?.from ?? ctx.asOf;
  if (py) {
    const year = yearSlots(py.startYear);
    const [from] = onRollRange(py, 0, slotEndOfDate(year, ctx.asOf));
    fromDate = year.days[from >> 1] ?? ctx.asOf;
  }
  return {
    school: ctx.school,
    date: longDate(ctx.date),
    pupil: row.name,
    forename: forename || row.name,
    year_group: row.yearGroup ? `Year ${row.yearGroup}` : '',
    reg_group: row.regGroup,
    attendance: pct(row.metrics.attendancePct),
    possible: String(t.possible),
    absent: String(t.absent),
    authorised: String(t.authorised),
    unauthorised: String(t.unauthorised),
    unauthorised_recent: py ? String(row.metrics.unauthorisedLast10Weeks) : NOT_FROM_TOTALS,
    from: longDate(fromDate),
    to: longDate(ctx.asOf),
    absence_dates: py ? absenceDates(py, ctx.asOf) : NOT_FROM_TOTALS,
    owner: ctx.owner || 'the attendance officer',
    follow_up: ctx.followUp ? longDate(ctx.followUp) : 'a date we will let you know',
  };
}

/** Replaces each {placeholder} with its value; anything else in braces is left as written. */
export function fillTemplate(text: string, facts: LetterFacts): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, key: string) =>
    Object.hasOwn(facts, key) ? facts[key] : whole,
  );
}

/** Placeholders a template names that do not exist: shown to the school while it edits. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))].filter(
    (k) => !Object.hasOwn(PLACEHOLDERS, k),
  );
}

/** The school's saved wording over the defaults; anything unreadable in the setting keeps the default. */
export function readTemplates(stored: unknown): Record<LetterId, LetterTemplate> {
  // Copies: the screen edits these in place, and the defaults must stay as shipped for "Restore the original".
  const out = Object.fromEntries(LETTER_IDS.map((id) => [id, { ...DEFAULT_TEMPLATES[id] }])) as Record<
    LetterId,
    LetterTemplate
  >;
  if (stored && typeof stored === 'object')
    for (const id of LETTER_IDS) {
      const t = (stored as Record<string, unknown>)[id] as Partial<LetterTemplate> | undefined;
      if (t && typeof t.title === 'string' && typeof t.body === 'string' && t.body.trim())
        out[id] = { title: t.title, body: t.body };
    }
  return out;
}
