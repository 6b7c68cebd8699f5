import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrganizationName } from '../../src/shared/api/organizations';
import { OrgCreateInput, OrgRenameInput } from '../../src/shared/ipc/organizations';
import { ProfileName } from '../../src/shared/ipc/profiles';
import { bidiControlsIn, trimInvisible } from '../../src/shared/text';

const PROFILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const BIDI = [
  '\u061C',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  '\u3164',
  '\u2800',
  '\u{E0020}',
];

function messageOf(result: { error?: { issues: Array<{ message: string }> } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('display names (organizations and profiles)', () => {
  it('trims whitespace and invisible characters at both ends, keeping those inside', () => {
    expect(OrganizationName.parse(' \u200B\uFEFF Acme\u200DLabs \u2060\u00AD ')).toBe('Acme\u200DLabs');
    expect(ProfileName.parse('\u{E0020}Ops\u2800')).toBe('Ops');
    // A joiner inside an emoji sequence is part of it.
    expect(OrganizationName.parse(' 👩‍🚀 Crew ')).toBe('👩‍🚀 Crew');
    expect(OrgRenameInput.parse({ profileId: PROFILE_ID, orgId: 'acme', name: '\u200B New \u200B' }).name).toBe('New');
  });

  it('requires a visible character', () => {
    for (const blank of ['', '   ', ' \u200B ', INVISIBLE.join(''), '\u3000\u00A0']) {
      expect(messageOf(OrganizationName.safeParse(blank)), JSON.stringify(blank)).toBe('Name is required');
      expect(messageOf(ProfileName.safeParse(blank)), JSON.stringify(blank)).toBe('Give the profile a name');
    }
    // Nothing to trim at the ends, still nothing to see: a lone combining mark between blanks.
    expect(messageOf(OrganizationName.safeParse('\u0301'))).toBe('The name needs at least one visible character');
    expect(messageOf(OrganizationName.safeParse('\u0301\u200B\u0302'))).toBe(
      'The name needs at least one visible character',
    );
  });

  it('refuses bidi controls anywhere, at the ends included', () => {
    for (const control of BIDI) {
      for (const name of [`${control}gnp.exe`, `Acme ${control}Labs`, `Acme${control}`]) {
        expect(messageOf(OrganizationName.safeParse(name)), escape(name)).toBe(
          'The name cannot contain text-direction control characters (they change how it reads)',
        );
        expect(ProfileName.safeParse(name).success, escape(name)).toBe(false);
      }
    }
    const create = OrgCreateInput.safeParse({ profileId: PROFILE_ID, name: '\u202Egnp.exe' });
    expect(create.error?.issues[0]?.path).toEqual(['name']);
  });

  it('refuses control characters and broken characters inside a name', () => {
    for (const name of ['Ac\u0000me', 'Ac\nme', 'Ac\tme', 'Ac\u007Fme', 'Ac\u0090me'])
      expect(messageOf(OrganizationName.safeParse(name)), escape(name)).toBe(
        'The name cannot contain control characters such as tabs or line breaks',
      );
    for (const name of ['Acme\uD800', '\uDC00Acme', 'A\uDBFFcme'])
      expect(messageOf(ProfileName.safeParse(name)), escape(name)).toBe(
        'The name contains a broken character (an unpaired surrogate); type it again',
      );
  });

  it('keeps the length limits, counted after trimming', () => {
    expect(OrganizationName.parse(`  ${'x'.repeat(255)}\u200B`)).toHaveLength(255);
    expect(messageOf(OrganizationName.safeParse('x'.repeat(256)))).toBe('Name must be at most 255 characters');
    expect(messageOf(ProfileName.safeParse('x'.repeat(81)))).toBe('Keep the name under 80 characters');
  });

  it('refuses a 20 MB name cheaply, however it is made', () => {
    const started = performance.now();
    expect(OrganizationName.parse(' '.repeat(20e6) + 'x' + '\u200B'.repeat(20e6))).toBe('x');
    for (const huge of ['x' + '\u200B'.repeat(20e6) + 'x', 'x'.repeat(20e6), '\u202E'.repeat(20e6)])
      expect(OrganizationName.safeParse(huge).success).toBe(false);
    // One pass each; a backtracking trim would take minutes here. Generous for a loaded CI box.
    expect(performance.now() - started).toBeLessThan(10_000);
    // The bound above is the test; vitest's default 5 s would fail it first on a busy machine.
  }, 30_000);

  it('accepts only names with something visible and nothing invisible at the ends (property)', () => {
    const pieces = fc.oneof(
      fc.constantFrom(...BIDI, ...INVISIBLE, ' ', '\t', '\u0301', '\uD800', '\uDC00', 'a', 'Z', '7', 'é', '漢', '😀'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
        (raw) => {
          const result = OrganizationName.safeParse(raw);
          if (!result.success) return;
          const name = result.data;
          expect(name).toBe(trimInvisible(name));
          expect(name.trim()).toBe(name);
          expect(BIDI.some((control) => raw.includes(control))).toBe(false);
          expect(/[\p{L}\p{N}\p{P}\p{S}]/u.test(name)).toBe(true);
          expect(new TextDecoder().decode(new TextEncoder().encode(name))).toBe(name);
        },
      ),
      { seed: 5, numRuns: 3000 },
    );
  });
});

function escape(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('bidiControlsIn', () => {
  it('names each direction control once, and nothing in a plain name', () => {
    expect(bidiControlsIn('Invoice \u202Egnp.exe \u202E\u2066x\u2069')).toEqual(['U+202E', 'U+2066', 'U+2069']);
    expect(bidiControlsIn('Acme Robotics — شركة')).toEqual([]);
  });
});
