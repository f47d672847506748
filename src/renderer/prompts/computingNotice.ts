/** What the viewer says while a prompt's mask is computed; `needsFeatures` null while the host has not said. */
export function computingNotice(needsFeatures: boolean | null, frame: number): string {
  return needsFeatures ? `Computing image features for frame ${frame}… (the first prompt on a frame runs the image encoder: seconds with SAM 2.1 on a CPU)` : 'Computing the mask…';
}
