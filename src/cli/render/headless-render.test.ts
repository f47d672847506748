import { describe, expect, it } from 'vitest';
import { propagationSpan } from './headless-render';

describe('propagationSpan', () => {
  it('reaches back (or ahead) to every object’s first prompt, so a chunk tracks as the whole clip does', () => {
    expect(propagationSpan({ start: 10, end: 15 }, [0])).toEqual({ start: 0, end: 15 });
    expect(propagationSpan({ start: 10, end: 15 }, [12])).toEqual({ start: 10, end: 15 });
    expect(propagationSpan({ start: 10, end: 15 }, [3, 40])).toEqual({ start: 3, end: 40 });
  });
});
