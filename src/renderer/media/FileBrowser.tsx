import { useEffect, useState } from 'react';
import type { DirListing, StudioApi } from '../../shared/api';

interface FileBrowserProps {
  api: StudioApi;
  /** Folder to show first; the host's default when empty. */
  startPath: string;
  onPick: (path: string) => void;
  /** The folder shown, whenever it changes (a dialog that picks folders follows it). */
  onFolder?: (path: string) => void;
  onError: (error: unknown) => void;
  /** Which files to list (folders always are); every file the host lists when omitted. */
  accept?: (name: string) => boolean;
}

/** Folders and media on the machine that runs the host, which is where the footage is. */
export function FileBrowser({ api, startPath, onPick, onFolder, onError, accept }: FileBrowserProps) {
  const [listing, setListing] = useState<DirListing | null>(null);
  const [path, setPath] = useState(startPath);

  useEffect(() => {
    let live = true;
    api.listDirectory(path || undefined).then(
      (l) => live && setListing(l),
      (error: unknown) => {
        onError(error);
        // An unreadable start (a file path, a missing folder) falls back to the host's default.
        if (live && path) setPath('');
      },
    );
    return () => {
      live = false;
    };
  }, [api, path, onError]);

  const shownFolder = listing?.path;
  useEffect(() => {
    if (shownFolder !== undefined) onFolder?.(shownFolder);
    // Only a new folder is news; a new callback identity is not.
  }, [shownFolder]);

  if (!listing)
    return (
      <div className="file-browser" data-testid="file-browser">
        Listing…
      </div>
    );
  const entries = listing.entries
    .filter((e) => e.isDirectory || !accept || accept(e.name))
    .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
  return (
    <div className="file-browser" data-testid="file-browser">
      <div className="browser-path mono" title={listing.path}>
        {listing.path}
      </div>
      <ul>
        {listing.parent !== null && (
          <li>
            <button type="button" className="entry folder" onClick={() => setPath(listing.parent!)}>
              ↰ ..
            </button>
          </li>
        )}
        {entries.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={`entry ${entry.isDirectory ? 'folder' : 'media'}`}
              data-testid="browser-entry"
              title={entry.path}
              onClick={() => (entry.isDirectory ? setPath(entry.path) : onPick(entry.path))}
            >
              {entry.isDirectory ? '▸ ' : ''}
              {entry.name}
            </button>
          </li>
        ))}
        {entries.length === 0 && <li className="dim empty">No folders or media here</li>}
      </ul>
    </div>
  );
}
