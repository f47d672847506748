import { describe, expect, it } from 'vitest';
import { nextObjectName } from './naming';

describe('nextObjectName', () => {
  it('numbers from one and fills gaps', () => {
    expect(nextObjectName([])).toBe('Object 1');
    expect(nextObjectName(['Object 1', 'Object 2'])).toBe('Object 3');
    expect(nextObjectName(['Object 2', 'Hair'])).toBe('Object 1');
  });
});
