import { useEffect, useRef, useState } from 'react';

/**
 * A colour picker that previews while the editor drags (React's onChange is the input event) and
 * commits once, on the native change event when the picker closes: one undo step per colour.
 */
export function ColorSwatch({ color, onCommit }: { color: string; onCommit: (color: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const latest = useRef(onCommit);
  useEffect(() => {
    latest.current = onCommit;
  });
  useEffect(() => {
    const el = input.current!;
    const onChange = () => {
      setDraft(null);
      latest.current(el.value);
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  return (
    <input
      ref={input}
      type="color"
      className="swatch"
      data-testid="object-color"
      value={draft ?? color}
      title="Object colour"
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setDraft(e.target.value)}
    />
  );
}
