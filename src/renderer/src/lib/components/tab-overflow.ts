/**
 * The tabs the strip shows, in their order: as many as fit at `minWidth` each beside the "N more"
 * button, the front tab always among them (in the last place when it would otherwise be left out).
 */
export function tabsThatFit<T extends { key: string }>(
  all: readonly T[],
  active: T | null,
  width: number,
  minWidth: number,
  moreWidth: number,
): T[] {
  if (all.length * minWidth <= width) return [...all];
  const capacity = Math.max(1, Math.floor((width - moreWidth) / minWidth));
  const shown = all.slice(0, capacity);
  if (active && !shown.some((tab) => tab.key === active.key)) shown[shown.length - 1] = active;
  return shown;
}
