import { describe, expect, it } from 'vitest';
import { compareRows, withoutDemo } from '../../src/views/replace';
import type { StorePicture } from '../../src/store/picture';

const here: StorePicture = {
  school: 'LA 938, school 4123 (and demo pupils)',
  from: '2024-09-02',
  to: '2025-03-14',
  years: [2023, 2024],
  pupils: 1520,
  demoPupils: 20,
  actions: 12,
  imports: 3,
};
const backup: StorePicture = {
  ...here,
  school: 'Demo school',
  from: '',
  to: '',
  years: [],
  pupils: 0,
  demoPupils: 0,
  actions: 0,
  imports: 0,
};

describe('restore confirmation rows', () => {
  it('puts what is here beside the backup, in words', () => {
    expect(compareRows(here, backup)).toEqual([
      { label: 'School', here: 'LA 938, school 4123 (and demo pupils)', other: 'Demo school' },
      { label: 'Dates imported', here: '2024-09-02 to 2025-03-14', other: 'none' },
      { label: 'School years', here: '2023/24, 2024/25', other: 'none' },
      { label: 'Pupils', here: '1,520 (20 demo)', other: '0' },
      { label: 'Actions recorded', here: '12', other: '0' },
      { label: 'Imports', here: '3', other: '0' },
    ]);
  });

  it('the store without its demo pupils', () => {
    expect(withoutDemo(here)).toMatchObject({ school: 'LA 938, school 4123', pupils: 1500, demoPupils: 0 });
  });
});
