import { z } from 'zod';

/**
 * Character rules for text a person types and others read. Every check here is one pass over
 * the string (no pattern that can backtrack), so a 20 MB payload is refused as cheaply as a
 * short one.
 */

/** Bidirectional controls: they reorder what follows, so "‮gnp.exe" shows as "exe.png". */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** C0, DEL and C1. */
const CONTROL = /\p{Cc}/u;
/** With the `u` flag a surrogate only matches when it is unpaired. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * What renders as nothing at the ends of a name: whitespace, default-ignorables (zero-width
 * space and joiners, word joiner, BOM, soft hyphen, Hangul fillers…), other format characters,
 * and the braille blank, which fonts draw empty.
 */
const BLANK = /^[\s\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]$/u;
/** A character that draws something by itself (combining marks need a base to sit on). */
const VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{M}\p{Z}\u2800]/u;

export const hasBidiControl = (text: string): boolean => BIDI_CONTROL.test(text);

/** The bidi controls in `text` as `U+202E`, each once, for a warning that can name them. */
export function bidiControlsIn(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (BIDI_CONTROL.test(char)) found.add(`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}
export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);
/** `String.prototype.isWellFormed`, which the ES2023 typings this project builds with lack. */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
export const hasVisibleCharacter = (text: string): boolean => VISIBLE.test(text);

/** Removes blank characters (see `BLANK`) from both ends, a code point at a time. */
export function trimInvisible(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end) {
    const char = String.fromCodePoint(text.codePointAt(start)!);
    if (!BLANK.test(char)) break;
    start += char.length;
  }
  while (end > start) {
    const low = text.charCodeAt(end - 1);
    const pair = end - 2 >= start && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(end - 2));
    const from = pair ? end - 2 : end - 1;
    if (!BLANK.test(text.slice(from, end))) break;
    end = from;
  }
  return text.slice(start, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export interface DisplayNameRules {
  /** Shown when nothing is left after trimming, or nothing was typed. */
  required: string;
  max: number;
  tooLong: string;
}

/**
 * A name shown in lists, tabs and headings: trimmed of whitespace and invisible characters,
 * at least one visible character, no control characters, no broken UTF-16, and no bidi
 * controls anywhere (checked before trimming, so one at an end is refused, not dropped).
 */
export function displayName({ required, max, tooLong }: DisplayNameRules) {
  return z
    .string()
    .refine((value) => !hasBidiControl(value), {
      message: 'The name cannot contain text-direction control characters (they change how it reads)',
      abort: true,
    })
    .transform(trimInvisible)
    .pipe(
      z
        .string()
        .min(1, { message: required, abort: true })
        .max(max, { message: tooLong, abort: true })
        .superRefine((value, ctx) => {
          const problem = !isWellFormed(value)
            ? 'The name contains a broken character (an unpaired surrogate); type it again'
            : hasControlCharacter(value)
              ? 'The name cannot contain control characters such as tabs or line breaks'
              : !hasVisibleCharacter(value)
                ? 'The name needs at least one visible character'
                : undefined;
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    );
}
