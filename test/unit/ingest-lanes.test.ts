/**
 * The import's fast paths (long plain rows read from the bytes, wide cells of one code per session) must read
 * exactly what the general path reads (`lanes: false`): the same registers, counts, issues (kind, row, column,
 * message) and preview rows. A fixed table of the cases each shortcut must hand back to the general path; the
 * random files are in ingest-fuzz.test.ts and ingest-widequick.test.ts (seeded).
 */
import { describe, expect, it } from 'vitest';
import { readBothWays } from './lanes-compare';

const LONG = 'UPN,Surname,Forename,Date,Session,Mark';
const A = 'L938412324001,Adams,Zoë';
const B = 'A938412324002,Brown,Siân';
/** A pupil's block of rows: the lane reads the repeats of the row above in place. */
const block = (who: string, rows: string[]) => rows.map((r) => `${who},${r}`);
const week = (d: string[], mark = '/') => d.flatMap((x) => [`${x},AM,${mark}`, `${x},PM,${mark}`]);
const DAYS = ['02/09/2024', '03/09/2024', '04/09/2024', '05/09/2024', '06/09/2024'];

const longCases: [string, string[]][] = [
  ['plain blocks, two pupils', [...block(A, week(DAYS)), ...block(B, week(DAYS, '\\'))]],
  [
    'a formula in a repeated row (name cell)',
    [...block(A, week(DAYS.slice(0, 2))), `L938412324001,=Adams,Zoë,04/09/2024,AM,/`],
  ],
  [
    'a formula in a repeated row (+ and @)',
    [
      ...block(A, week(DAYS.slice(0, 2))),
      `L938412324001,+44,Zoë,04/09/2024,AM,/`,
      `L938412324001,Adams,@x,04/09/2024,PM,/`,
    ],
  ],
  ['a formula as the mark', [...block(A, week(DAYS.slice(0, 2))), `${A},04/09/2024,AM,=1`]],
  ['the same session twice, different marks', [...block(A, week(DAYS.slice(0, 2))), `${A},03/09/2024,PM,N`]],
  ['the same session twice, the same mark', [...block(A, week(DAYS.slice(0, 2))), `${A},03/09/2024,PM,/`]],
  [
    'unknown, lower-case, legacy and two-character codes',
    block(A, [
      '02/09/2024,AM,Q9',
      '02/09/2024,PM,n',
      '03/09/2024,AM,H',
      '03/09/2024,PM,C1',
      '04/09/2024,AM,Y4',
      '04/09/2024,PM,I01',
    ]),
  ],
  [
    'a weekend, an impossible and an ISO date',
    block(A, ['02/09/2024,AM,/', '07/09/2024,AM,/', '31/02/2025,AM,/', '2024-09-04,PM,/', '05/09/2024,PM,/']),
  ],
  [
    'sessions written otherwise',
    block(A, [
      '02/09/2024,AM,/',
      '02/09/2024,am,/',
      '03/09/2024,MORNING,/',
      '03/09/2024,XM,/',
      '04/09/2024,PM,/',
    ]),
  ],
  [
    'a blank mark and a blank line',
    [...block(A, ['02/09/2024,AM,/', '02/09/2024,PM,']), '', ...block(A, ['03/09/2024,AM,/'])],
  ],
  [
    'the id written differently mid-block',
    [
      ...block(A, ['02/09/2024,AM,/']),
      ' L938412324001,Adams,Zoë,02/09/2024,PM,/',
      ...block(A, ['03/09/2024,AM,/']),
    ],
  ],
  [
    'a name changing mid-block',
    [
      ...block(A, ['02/09/2024,AM,/', '02/09/2024,PM,/']),
      ...block('L938412324001,Adams,Zoe', ['03/09/2024,AM,/']),
    ],
  ],
  [
    'a quote part-way through hands the rest over',
    [
      ...block(A, week(DAYS.slice(0, 2))),
      '"L938412324001","Adams","Zoë","04/09/2024","AM","/"',
      ...block(A, ['04/09/2024,PM,/']),
    ],
  ],
  [
    'a stray quote inside a value',
    [
      ...block(A, ['02/09/2024,AM,/']),
      'L938412324001,Ad"ams,Zoë,02/09/2024,PM,/',
      ...block(A, ['03/09/2024,AM,/']),
    ],
  ],
  [
    'a short and a long line',
    [...block(A, ['02/09/2024,AM,/']), 'L938412324001,Adams,Zoë,02/09/2024,PM', `${A},03/09/2024,AM,/,extra`],
  ],
  ['a totals line', [...block(A, week(DAYS.slice(0, 2))), 'Total,,,,,4']],
  [
    'the previous school year, then this one',
    block(A, ['02/07/2024,AM,/', '02/07/2024,PM,/', '02/09/2024,AM,/', '02/09/2024,PM,/']),
  ],
  ['an id that is not a UPN', block('1043,,', week(DAYS.slice(0, 2)))],
];

const variants: [string, (rows: string[]) => string][] = [
  ['LF', (rows) => [LONG, ...rows].join('\n') + '\n'],
  ['CRLF, no last line end', (rows) => [LONG, ...rows].join('\r\n')],
  ['a title line above the header', (rows) => ['Attendance report,,', LONG, ...rows].join('\n') + '\n'],
];

describe('long files: the plain-row lane reads exactly what the general path reads', () => {
  for (const [name, rows] of longCases)
    for (const [how, write] of variants)
      it(`${name} (${how})`, async () => {
        const text = write(rows);
        for (const chunkBytes of [undefined, 7, 64]) {
          const { fast, general, laneRan, generalLaneRan } = await readBothWays(text, chunkBytes);
          expect([laneRan, generalLaneRan]).toEqual([true, false]);
          expect(fast).toEqual(general);
        }
      });

  it('a formula in a repeated row is reported as on the general path, never read in place', async () => {
    const text =
      [
        LONG,
        ...block(A, week(DAYS.slice(0, 2))),
        'L938412324001,=Adams,Zoë,04/09/2024,AM,/',
        `${A},04/09/2024,PM,/`,
      ].join('\n') + '\n';
    const { fast } = await readBothWays(text);
    expect(fast.issues).toContainEqual([
      'formula-cell',
      6,
      'Surname',
      '"=Adams" looks like a spreadsheet formula. It was read as plain text and is never run.',
    ]);
  });

  it('Windows-1252 and a UTF-8 BOM take the lane too', async () => {
    const text = [LONG, ...block(A, week(DAYS)), ...block(B, week(DAYS, 'N'))].join('\r\n') + '\r\n';
    const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    for (const bytes of [latin1, bom]) {
      const { fast, general, laneRan } = await readBothWays(bytes);
      expect(laneRan).toBe(true);
      expect(fast).toEqual(general);
      expect(fast.counts.imported).toBe(20);
    }
  });
});

const WIDE = 'UPN,Surname,Forename,02/09/2024,09/09/2024';
const wideCases: [string, string[]][] = [
  ['comma lists and runs', [`${A},"/,\\,/,\\,L,\\,/,\\,/,\\",//\\\\LN//II`]],
  [
    'a pupil on two rows, agreeing and not',
    [
      `${A},"/,\\,/,\\,/,\\,/,\\,/,\\",`,
      `${A},"/,\\,/,\\,/,\\,/,\\,/,\\","/,\\,N,\\,/,\\,/,\\,/,\\"`,
      `${A},,"/,\\,L,\\,/,\\,/,\\,/,\\"`,
    ],
  ],
  [
    'lower case, legacy, two-character and unknown codes',
    [
      `${A},"/,\\,/,\\,l,\\,/,\\,/,\\","/,\\,H,\\,/,\\,/,\\,/,Q"`,
      `${B},C1C2J1Y1Y2//\\\\//,"/,\\,/,\\,/,\\,/,\\,/"`,
    ],
  ],
  ['no-mark characters and blanks', [`${A},"#,#,-,-,.,.,_,_,/,\\",  `]],
  ['other separators and padded pairs', [`${A},"/;\\;/;\\;/;\\;/;\\;/;\\","/ \\ / \\ / \\ / \\ / \\ "`]],
  [
    'a formula and a totals line',
    [`${A},=SUM(A1),"/,\\,/,\\,/,\\,/,\\,/,\\"`, 'Total,,,"/,\\,/,\\,/,\\,/,\\,/,\\",'],
  ],
];

describe('wide files: quick cells read exactly what the general cell path reads', () => {
  for (const [name, rows] of wideCases)
    it(name, async () => {
      const text = [WIDE, ...rows].join('\n') + '\n';
      for (const chunkBytes of [undefined, 9]) {
        const { fast, general } = await readBothWays(text, chunkBytes);
        expect(fast.layout).toBe('wide');
        expect(fast).toEqual(general);
      }
    });
});
