/** User-provided text as the window puts it inside plain strings (toasts, tooltips): between FSI and PDI. */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
