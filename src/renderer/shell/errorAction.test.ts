import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/errors';
import { errorAction } from './errorAction';

describe('errorAction', () => {
  it('offers to relink a project whose media is missing', () => {
    const error = new StudioError('media-missing', 'Cannot restore: the media /a.mov is missing', { mediaPath: '/a.mov', projectPath: '/p.json' });
    expect(errorAction(error)).toEqual({ kind: 'relink', projectPath: '/p.json', mediaPath: '/a.mov', message: error.message });
  });

  it('only shows a missing clip that belongs to no project', () => {
    expect(errorAction(new StudioError('media-missing', 'Cannot open /a.mov: no such file or folder', { mediaPath: '/a.mov' }))).toBeNull();
  });

  it.each(['model-missing', 'model-invalid'] as const)('opens the Models panel for %s', (code) => {
    expect(errorAction(new StudioError(code, 'SAM 2.1 tiny cannot run', { kind: 'missing' }))).toEqual({ kind: 'open-models' });
  });

  it('only shows everything else', () => {
    expect(errorAction(new StudioError('bad-request', 'getFrame: index must be a whole number from 0 (found -1).'))).toBeNull();
    expect(errorAction(new StudioError('internal', 'boom'))).toBeNull();
    expect(errorAction(new Error('plain'))).toBeNull();
    expect(errorAction('text')).toBeNull();
  });
});
