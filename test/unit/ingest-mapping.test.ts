import { describe, expect, it } from 'vitest';
import { applyMapping, headerSignature, proposeMapping, previewRows } from '../../src/ingest';

const P1 = 'L938412324001';

describe('mapping proposals from several vendors’ headers', () => {
  it.each([
    [
      'SIMS-style long',
      [
        'UPN',
        'Legal Surname',
        'Legal Forename',
        'Reg Group',
        'NC Year',
        'Date',
        'Session',
        'Mark',
        'Minutes Late',
      ],
      [[P1, 'Adams', 'Zoë', '7A', '7', '02/09/2024', 'AM', '/', '']],
      'long',
      {
        upn: 'UPN',
        surname: 'Legal Surname',
        forename: 'Legal Forename',
        regGroup: 'Reg Group',
        yearGroup: 'NC Year',
        date: 'Date',
        session: 'Session',
        mark: 'Mark',
        minutesLate: 'Minutes Late',
      },
    ],
    [
      'Arbor-style long with MIS id and flags',
      [
        'MIS ID',
        'Last name',
        'First name',
        'Year Group',
        'Tutor Group',
        'Attendance Date',
        'AM/PM',
        'Attendance Code',
        'Present',
        'Authorised Absence',
        'Unauthorised Absence',
        'Possible',
      ],
      [['1043', 'Adams', 'Zoë', 'Year 7', '7A', '2024-09-02', 'AM', '/', 'true', 'false', 'false', 'true']],
      'long',
      {
        misId: 'MIS ID',
        surname: 'Last name',
        forename: 'First name',
        yearGroup: 'Year Group',
        regGroup: 'Tutor Group',
        date: 'Attendance Date',
        session: 'AM/PM',
        mark: 'Attendance Code',
        flagPresent: 'Present',
        flagAuthorised: 'Authorised Absence',
        flagUnauthorised: 'Unauthorised Absence',
        flagPossible: 'Possible',
      },
    ],
    [
      'summary with counts named like flags',
      [
        'Adno',
        'Pupil Name',
        'Gender',
        'FSM Eligible',
        'SEN Status',
        'Possible',
        'Present',
        'Approved Educational Activity',
        'Authorised',
        'Unauthorised',
        'Attendance %',
      ],
      [['1043', 'Adams, Zoë', 'F', 'Y', 'K', '140', '120', '4', '10', '6', '88.6%']],
      'summary',
      {
        misId: 'Adno',
        name: 'Pupil Name',
        sex: 'Gender',
        fsm: 'FSM Eligible',
        sen: 'SEN Status',
        possible: 'Possible',
        present: 'Present',
        aea: 'Approved Educational Activity',
        authorised: 'Authorised',
        unauthorised: 'Unauthorised',
        percent: 'Attendance %',
      },
    ],
  ])('%s', (_name, headers, sample, layout, columns) => {
    const p = proposeMapping(headers, sample);
    expect(p.mapping.layout).toBe(layout);
    expect(p.mapping.columns).toEqual(columns);
    expect(p.needsMapping).toBe(false);
    expect(p.unused).toEqual([]);
  });

  it('recognises columns by their cells when the headers are unfamiliar', () => {
    const p = proposeMapping(
      ['Ref', 'When', 'Part', 'Sym'],
      [
        [P1, '02/09/2024', 'MORNING', '/'],
        [P1, '02/09/2024', 'AFTERNOON', 'N'],
      ],
    );
    expect(p.mapping.columns).toEqual({ upn: 'Ref', date: 'When', session: 'Part', mark: 'Sym' });
    expect(p.mapping.layout).toBe('long');
  });

  it('asks the user when it cannot tell', () => {
    const p = proposeMapping(['Col A', 'Col B'], [['hello', 'world']]);
    expect(p.needsMapping).toBe(true);
    expect(p.reasons.join(' ')).toMatch(/pupil identifier/);
    expect(p.unused).toEqual(['Col A', 'Col B']);
  });

  it('wide: date headers become mark columns, weekly or daily by their spacing', () => {
    const weekly = proposeMapping(['UPN', 'w/c 02/09/2024', 'w/c 09/09/2024'], [[P1, '/\\/\\/\\/\\/\\', '']]);
    expect(weekly.mapping).toMatchObject({
      layout: 'wide',
      markColumns: ['w/c 02/09/2024', 'w/c 09/09/2024'],
      daysPerColumn: 5,
    });
    const daily = proposeMapping(['UPN', '02/09/2024', '03/09/2024'], [[P1, '/\\', 'NN']]);
    expect(daily.mapping.daysPerColumn).toBe(1);
  });

  it('the header signature ignores which dates a wide file covers', () => {
    expect(headerSignature(['UPN', 'Name', '02/09/2024', '09/09/2024'])).toBe(
      headerSignature(['upn', 'NAME', '06/01/2025']),
    );
    expect(headerSignature(['UPN', 'Mark'])).not.toBe(headerSignature(['UPN', 'Code']));
  });

  it('applyMapping checks a user mapping against the file', () => {
    const headers = ['Pupil', 'Day', 'AMPM', 'Sym'];
    const bad = applyMapping(headers, { layout: 'long', columns: { misId: 'Pupil', date: 'Missing' } });
    expect(bad.needsMapping).toBe(true);
    expect(bad.reasons).toEqual([
      'Column "Missing" (for date) is not in this file.',
      'No mark column was recognised.',
    ]);
    const good = applyMapping(headers, {
      layout: 'long',
      columns: { misId: 'Pupil', date: 'Day', session: 'AMPM', mark: 'Sym' },
    });
    expect(good.needsMapping).toBe(false);
  });

  it('previewRows shows the first rows as they will be read, problems included', () => {
    const headers = ['Pupil', 'Day', 'AMPM', 'Sym'];
    const mapping = {
      layout: 'long' as const,
      columns: { misId: 'Pupil', date: 'Day', session: 'AMPM', mark: 'Sym' },
    };
    const rows = [
      { fields: ['1043', '02/09/2024', 'AM', '/'], line: 2 },
      { fields: ['1043', '02/09/2024', 'PM', 'Q9'], line: 3 },
      { fields: ['1043', '03/09/2024', 'PM', 'I'], line: 4 },
    ];
    const preview = previewRows(headers, rows, mapping, 10);
    expect(preview).toEqual([
      { line: 2, pupil: '1043', date: '2024-09-02', session: 'AM', mark: '/', meaning: 'Present (AM)' },
      { line: 3, pupil: '', problem: expect.stringContaining('"Q9" is not a national attendance code') },
      { line: 4, pupil: '1043', date: '2024-09-03', session: 'PM', mark: 'I', meaning: 'Illness' },
    ]);
  });
});
