const MAX_LABEL_LENGTH = 63;

/** The DNS label a name reduces to, before collisions are resolved. */
export function labelBase(name: string): string {
  const ascii = name
    .normalize('NFKD')
    // Combining marks left by NFKD, so "Café" becomes "cafe" rather than "caf".
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const base = ascii
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LABEL_LENGTH)
    .replace(/-+$/, '');
  return base === '' ? 'org' : base;
}

/**
 * Derives a unique DNS label (a-z, 0-9, '-', at most 63 chars) from a name. On a
 * collision a numeric suffix is appended, shortening the base so the total still fits.
 */
export function deriveLabel(name: string, isTaken: (label: string) => boolean): string {
  const base = labelBase(name);
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const head = base.slice(0, MAX_LABEL_LENGTH - suffix.length).replace(/-+$/, '');
    const candidate = `${head}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
