import { useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../shared/api';
import { computingNotice } from './computingNotice';

/**
 * The notice while a prompt is computed, or null. Asked once when the work starts, about the frame prompted
 * then: the features are cached only once the encoder is done, so the answer holds for the whole wait.
 */
export function useComputingNotice(api: StudioApi, mediaId: string | null, frame: number, busy: boolean): string | null {
  const [asked, setAsked] = useState<{ frame: number; needsFeatures: boolean | null } | null>(null);
  const frameNow = useRef(frame);
  frameNow.current = frame;
  useEffect(() => {
    if (!busy || !mediaId) return setAsked(null);
    const prompted = frameNow.current;
    let current = true;
    setAsked({ frame: prompted, needsFeatures: null });
    api.needsImageFeatures(mediaId, prompted).then(
      (needsFeatures) => current && setAsked({ frame: prompted, needsFeatures }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, mediaId, busy]);
  return busy ? computingNotice(asked?.needsFeatures ?? null, asked?.frame ?? frame) : null;
}
