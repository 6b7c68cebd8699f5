import type { AuthKind, ProfileView } from '../../../../shared/ipc/profiles';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The host is what tells profiles apart at a glance; the scheme and path are noise in a sidebar. */
export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

const AUTH_KIND_LABELS: Record<AuthKind, string> = {
  client_credentials: 'Service account',
  bearer: 'Bearer token',
  sandbox: 'Sandbox',
};

export function authKindLabel(kind: AuthKind): string {
  return AUTH_KIND_LABELS[kind];
}

export function countLabel(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Where a profile points: its host, or a plain word for the embedded sandbox, which has no URL of its own. */
export function profileLocation(profile: Pick<ProfileView, 'authKind' | 'baseUrl'>): string {
  return profile.authKind === 'sandbox' ? 'Local sandbox' : hostOf(profile.baseUrl);
}

/** The sidebar's second line: where, then how it signs in (the sandbox needs no "how"). */
export function profileSummary(profile: Pick<ProfileView, 'authKind' | 'baseUrl'>): string {
  const location = profileLocation(profile);
  return profile.authKind === 'sandbox' ? location : `${location} · ${authKindLabel(profile.authKind)}`;
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}
