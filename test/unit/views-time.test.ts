import { describe, expect, it } from 'vitest';
import { staleWarning } from '../../src/views/time';

describe('register age', () => {
  it('warns when the last register is more than a week before today, saying how old it is', () => {
    expect(staleWarning('2024-10-11', '2024-10-18')).toBeNull();
    expect(staleWarning('2024-10-11', '2024-10-23')).toBe(
      'Last register 12 days ago: import the latest export.',
    );
    expect(staleWarning(null, '2024-10-23')).toBeNull();
  });
});
