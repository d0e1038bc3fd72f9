/**
 * A tiny hand-made school for the view tests: four pupils, 2 Sep – 11 Oct 2024 (30 school days,
 * 60 sessions each). Figures are worked out by hand in the tests from these marks.
 */
import { fillMarks } from '../../src/domain/mark-by-date';
import { emptyMarks, type Pupil, type PupilYear } from '../../src/domain/register';

export const FROM = '2024-09-02';
export const TO = '2024-10-11';

function year(
  pupilId: string,
  yearGroup: string,
  regGroup: string,
  paint: (m: Uint8Array) => void,
): PupilYear {
  const marks = emptyMarks(2024);
  fillMarks(marks, 2024, FROM, TO, '/');
  paint(marks);
  return { pupilId, startYear: 2024, yearGroup, regGroup, marks };
}

export const PUPILS: Pupil[] = [
  { id: 'A', forename: 'Ada', surname: 'Present', fsm: false, sen: 'none' },
  // 3 days of illness in the last week, Mon 7 – Wed 9 Oct: 6 of 60 sessions = exactly 10%, PA.
  { id: 'B', forename: 'Ben', surname: 'Ill', fsm: true, sen: 'support' },
  // 2 days unauthorised (O) in September: 4 of 60 = 6.7%, "rising".
  { id: 'C', forename: 'Cal', surname: 'Truant', fsm: false, sen: 'none' },
  // Absent (O) for the first three weeks, 15 days: 30 of 60 = 50%, severe absence.
  { id: 'D', forename: 'Dee', surname: 'Away', fsm: true, sen: 'ehcp' },
];

export const YEARS: PupilYear[] = [
  year('A', '7', '7A', () => {}),
  year('B', '7', '7A', (m) => fillMarks(m, 2024, '2024-10-07', '2024-10-09', 'I')),
  year('C', '8', '8B', (m) => fillMarks(m, 2024, '2024-09-16', '2024-09-17', 'O')),
  year('D', '8', '8B', (m) => fillMarks(m, 2024, '2024-09-02', '2024-09-20', 'O')),
];

/**
 * Last year (2023/24) for the same-point-last-year comparisons: Ada and Ben in Year 7 (7A), present from Mon 4 Sep
 * to Fri 13 Oct 2023, Ben absent (O) all week from Mon 2 Oct. Cal and Dee have no registers last year.
 */
export const PRIOR_YEARS: PupilYear[] = ['A', 'B'].map((pupilId) => {
  const marks = emptyMarks(2023);
  fillMarks(marks, 2023, '2023-09-04', '2023-10-13', '/');
  if (pupilId === 'B') fillMarks(marks, 2023, '2023-10-02', '2023-10-06', 'O');
  return { pupilId, startYear: 2023, yearGroup: '7', regGroup: '7A', marks };
});
