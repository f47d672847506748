import { describe, expect, it } from 'vitest';
import { unclearFailure } from './judge';

describe('unclearFailure', () => {
  it('accepts messages in words', () => {
    expect(unclearFailure(new Error('Frame 99 is out of range: the clip has frames 0 to 47.'))).toBeNull();
    expect(unclearFailure(new RangeError('Export range 5-2 is not within frames 0 to 9 of /a.mp4'))).toBeNull();
  });

  it('refuses programming errors and leaked internals', () => {
    expect(unclearFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))).toMatch(/^TypeError/);
    expect(unclearFailure(new RangeError('Invalid array length'))).toMatch(/leaked/);
    expect(unclearFailure(new Error('Maximum call stack size exceeded'))).toMatch(/leaked/);
    expect(unclearFailure(new Error('Cannot open x: undefined is not an object'))).toMatch(/leaked/);
    expect(unclearFailure('a string')).toMatch(/non-Error/);
    expect(unclearFailure(new Error('bad'))).toMatch(/too short/);
  });
});
