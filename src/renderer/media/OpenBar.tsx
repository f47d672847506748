import { useState } from 'react';
import type { StudioApi } from '../../shared/api';
import { FileBrowser } from './FileBrowser';

interface OpenBarProps {
  api: StudioApi;
  opening: boolean;
  onOpen: (path: string) => void;
  onError: (error: unknown) => void;
}

/** The folder part of a path typed so far, where browsing starts. */
const folderOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '');

export function OpenBar({ api, opening, onOpen, onError }: OpenBarProps) {
  const [path, setPath] = useState('');
  const [browsing, setBrowsing] = useState(false);

  const open = (p: string) => {
    setBrowsing(false);
    onOpen(p);
  };

  return (
    <form
      className="open-bar"
      onSubmit={(e) => {
        e.preventDefault();
        // Hands the keyboard back to the editor's shortcuts.
        (document.activeElement as HTMLElement | null)?.blur();
        open(path);
      }}
    >
      <input
        data-testid="open-path"
        type="text"
        spellCheck={false}
        placeholder="/path/to/clip.mov, an image, or the first frame of a sequence"
        aria-label="Media path"
        value={path}
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="button" data-testid="browse-button" aria-expanded={browsing} onClick={() => setBrowsing((b) => !b)} title="Browse the host's folders">
        Browse…
      </button>
      <button type="submit" className="primary" data-testid="open-button" disabled={opening}>
        {opening ? 'Opening…' : 'Open'}
      </button>
      {browsing && (
        <FileBrowser
          api={api}
          startPath={folderOf(path.trim())}
          onError={onError}
          onPick={(picked) => {
            setPath(picked);
            open(picked);
          }}
        />
      )}
    </form>
  );
}
