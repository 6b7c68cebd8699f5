const FSI = '\u2068';
const PDI = '\u2069';

/**
 * User-provided text inside a plain string (a toast, a tooltip), isolated as `<bdi>` isolates it
 * in markup: a right-to-left override in a name cannot run on into the words after it.
 */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}
