/**
 * The columns the mapping step offers for each layout (the importer decides which are required), in the order
 * an officer reads an export: who the pupil is, their groups, then the register itself.
 */
import type { Field, Layout } from '../ingest';

export interface FieldChoice {
  field: Field;
  label: string;
}

const ID: FieldChoice[] = [
  { field: 'upn', label: 'UPN' },
  { field: 'misId', label: 'MIS id' },
  { field: 'surname', label: 'Surname' },
  { field: 'forename', label: 'Forename' },
];
const FULL_NAME: FieldChoice = { field: 'name', label: 'Full name' };
const YEAR_GROUP: FieldChoice = { field: 'yearGroup', label: 'Year group' };
const REG_GROUP: FieldChoice = { field: 'regGroup', label: 'Registration group' };

export const MAPPABLE_FIELDS: Record<Layout, readonly FieldChoice[]> = {
  long: [
    ...ID,
    FULL_NAME,
    YEAR_GROUP,
    REG_GROUP,
    { field: 'fsm', label: 'FSM' },
    { field: 'sen', label: 'SEN' },
    { field: 'date', label: 'Date' },
    { field: 'session', label: 'Session (AM/PM)' },
    { field: 'mark', label: 'Mark' },
    { field: 'markAm', label: 'AM mark (a row per day)' },
    { field: 'markPm', label: 'PM mark (a row per day)' },
  ],
  'start-date': [
    ...ID,
    FULL_NAME,
    YEAR_GROUP,
    REG_GROUP,
    { field: 'startDate', label: 'Start date (first mark)' },
    { field: 'endDate', label: 'End date' },
    { field: 'marksRun', label: 'Marks (one per session)' },
    { field: 'possible', label: 'Possible sessions' },
    { field: 'authorised', label: 'Authorised' },
    { field: 'unauthorised', label: 'Unauthorised' },
  ],
  details: [
    ...ID,
    FULL_NAME,
    YEAR_GROUP,
    REG_GROUP,
    { field: 'sex', label: 'Sex' },
    { field: 'fsm', label: 'FSM' },
    { field: 'sen', label: 'SEN' },
  ],
  wide: [...ID, FULL_NAME, YEAR_GROUP, REG_GROUP],
  summary: [
    ...ID,
    YEAR_GROUP,
    { field: 'possible', label: 'Possible sessions' },
    { field: 'present', label: 'Present' },
    { field: 'aea', label: 'Approved activity' },
    { field: 'authorised', label: 'Authorised' },
    { field: 'unauthorised', label: 'Unauthorised' },
    { field: 'late', label: 'Late' },
  ],
};

/** Columns listed in each mapping select: a 10,000-column file made 20 selects of 10,000 options each (seconds). */
export const LISTED_COLUMNS = 300;

// Each select asks again whenever the step redraws: the 10,000 headers are made unique once per file, not each time.
const uniqueCache = new WeakMap<readonly string[], string[]>();
function uniqueHeaders(headers: readonly string[]): string[] {
  let unique = uniqueCache.get(headers);
  if (!unique) uniqueCache.set(headers, (unique = [...new Set(headers)]));
  return unique;
}

/**
 * The headers a mapping select offers: each name once, the first LISTED_COLUMNS of them, plus the one chosen now
 * when it is further along; `hidden` says how many are not listed.
 */
export function columnChoices(
  headers: readonly string[],
  chosen: string | undefined,
  cap = LISTED_COLUMNS,
): { options: string[]; hidden: number } {
  const unique = uniqueHeaders(headers);
  const options = unique.slice(0, cap);
  if (chosen && unique.indexOf(chosen) >= cap) options.push(chosen);
  return { options, hidden: unique.length - options.length };
}
