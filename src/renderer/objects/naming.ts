/** "Object N" with the first N no object uses, so names stay unique after removals. */
export function nextObjectName(existing: readonly string[]): string {
  const taken = new Set(existing);
  let n = 1;
  while (taken.has(`Object ${n}`)) n++;
  return `Object ${n}`;
}
