import { describe, expect, it } from 'vitest';
import { buildSchool } from '../../src/views/school';
import {
  absenceDates,
  DEFAULT_TEMPLATES,
  fillTemplate,
  LETTER_IDS,
  letterFacts,
  longDate,
  NOT_FROM_TOTALS,
  readTemplates,
  unknownPlaceholders,
} from '../../src/views/letters';
import { PUPILS, YEARS } from './views-fixture';

const school = buildSchool(PUPILS, YEARS)!; // 2 Sep – 11 Oct 2024
const ctx = {
  school: 'Hill School',
  date: '2024-10-11',
  asOf: '2024-10-11',
  owner: 'Ms Shah',
  followUp: '2024-10-25',
};

describe('letters', () => {
  it("fills a stage 1 letter from the pupil's own figures and dates", () => {
    // Cal: unauthorised (O) all day Mon 16 and Tue 17 Sep: 4 of 60 sessions.
    const c = school.byId.get('C')!;
    const facts = letterFacts(c, school.years.get('C')!, 'Cal', ctx);
    expect(facts).toMatchObject({
      pupil: 'Cal Truant',
      attendance: '93.3%',
      possible: '60',
      absent: '4',
      authorised: '0',
      unauthorised: '4',
      from: 'Mon 2 Sep 2024',
      to: 'Fri 11 Oct 2024',
      absence_dates: 'Mon 16 Sep (all day, O); Tue 17 Sep (all day, O)',
      follow_up: 'Fri 25 Oct 2024',
    });
    const text = fillTemplate(DEFAULT_TEMPLATES['stage-1'].body, facts);
    expect(text).toContain(
      "Cal's attendance this school year, from Mon 2 Sep 2024 to Fri 11 Oct 2024, is 93.3%",
    );
    expect(text).toContain('4 of 60 possible sessions missed (0 authorised, 4 unauthorised)');
    expect(text).toContain('Hill School');
    expect(text).not.toMatch(/\{[a-z_]+\}/); // every placeholder in the default wording is known
  });
  it('every default template uses only known placeholders; unknown ones are named and left as written', () => {
    for (const id of LETTER_IDS) expect(unknownPlaceholders(DEFAULT_TEMPLATES[id].body)).toEqual([]);
    expect(unknownPlaceholders('Dear {parent}, {pupil} {parent}')).toEqual(['parent']);
    const facts = letterFacts(school.byId.get('A')!, school.years.get('A')!, 'Ada', ctx);
    expect(fillTemplate('Dear {parent} of {pupil}', facts)).toBe('Dear {parent} of Ada Present');
  });
  it('fills a letter for a pupil with period totals only, saying what totals cannot give', () => {
    const totals = buildSchool(PUPILS, [], undefined, [
      {
        pupilId: 'T',
        startYear: 2024,
        periodLabel: 'Autumn 2024',
        from: '2024-09-02',
        to: '2024-12-20',
        possible: 140,
        present: 120,
        aea: 0,
        authorised: 12,
        unauthorised: 8,
      },
    ])!;
    const facts = letterFacts(totals.byId.get('T')!, undefined, 'Tom', { ...ctx, asOf: totals.asOf });
    expect(facts).toMatchObject({
      attendance: '85.7%',
      possible: '140',
      absent: '20',
      unauthorised: '8',
      from: 'Mon 2 Sep 2024',
      to: 'Fri 20 Dec 2024',
      absence_dates: NOT_FROM_TOTALS,
      unauthorised_recent: NOT_FROM_TOTALS,
    });
  });

  it('lists half days and how they were missed, up to the as-of date', () => {
    // Ben: illness (I) Mon 7 – Wed 9 Oct.
    const b = school.years.get('B')!;
    expect(absenceDates(b, '2024-10-11')).toBe(
      'Mon 7 Oct (all day, I); Tue 8 Oct (all day, I); Wed 9 Oct (all day, I)',
    );
    expect(absenceDates(b, '2024-10-07')).toBe('Mon 7 Oct (all day, I)');
    expect(absenceDates(b, '2024-10-04')).toBe('none');
    expect(absenceDates(school.years.get('D')!, '2024-10-11', 2)).toMatch(/; and 13 more days$/);
    expect(longDate('2024-09-01')).toBe('Sun 1 Sep 2024');
  });
  it("keeps the school's own wording and falls back to the default for anything unreadable", () => {
    const t = readTemplates({
      concern: { title: 'Ours', body: 'Hello {pupil}' },
      'stage-1': { title: 1 },
      x: 2,
    });
    expect(t.concern).toEqual({ title: 'Ours', body: 'Hello {pupil}' });
    expect(t['stage-1']).toEqual(DEFAULT_TEMPLATES['stage-1']);
    expect(readTemplates(null)).toEqual(DEFAULT_TEMPLATES);
  });
});
