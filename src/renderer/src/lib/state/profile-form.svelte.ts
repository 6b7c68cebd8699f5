import {
  DEFAULT_BASE_URL,
  ProfileCreateInput,
  unusedColor,
  type Environment,
  ProfileUpdateInput,
  type ProfileTestInput,
  type ProfileView,
} from '../../../../shared/ipc/profiles';
import { fieldIssues, type FieldIssue, type IpcError } from '../../../../shared/ipc/result';
import type { ConnectionTestResult } from '../../../../shared/ipc/profiles';
import { isCancelled } from '../ipc/cancellable';
import { IpcFailure, toIpcError } from '../ipc/ipc-failure';
import { testConnection } from '../services/profiles.service';

export type EditableAuthKind = 'client_credentials' | 'bearer';
export type FormField =
  'name' | 'baseUrl' | 'color' | 'environment' | 'authKind' | 'clientId' | 'clientSecret' | 'token';

const FIELDS: readonly FormField[] = [
  'name',
  'baseUrl',
  'color',
  'environment',
  'authKind',
  'clientId',
  'clientSecret',
  'token',
];

export type TestOutcome = { ok: true; result: ConnectionTestResult } | { ok: false; error: IpcError };

/** What pressing Save leads to: fields to fix, a failed test to acknowledge first, or the save itself. */
export type SaveStep = 'invalid' | 'confirm' | 'save';

/**
 * The values and errors of one profile form, add or edit. One instance per open dialog, so
 * closing it drops whatever was typed, secrets included; an error never does.
 */
export class ProfileForm {
  readonly original: ProfileView | null;

  name = $state('');
  baseUrl = $state(DEFAULT_BASE_URL);
  color = $state('');
  /** `''` is "none". */
  environment = $state<Environment | ''>('');
  authKind = $state<EditableAuthKind>('client_credentials');
  clientId = $state('');
  clientSecret = $state('');
  token = $state('');

  #errors = $state<Partial<Record<FormField, string>>>({});
  /** An error that belongs to no field, e.g. the keychain refusing to store the secret. */
  formError = $state<IpcError | null>(null);
  /** The last test's outcome and the connection settings it was run with. */
  #test = $state<{ settings: string; outcome: TestOutcome } | null>(null);
  #testing = $state(false);
  #confirming = $state(false);

  // Getters rather than $derived: `original` is set in the constructor, after field initializers run.
  get isEdit(): boolean {
    return this.original !== null;
  }

  get isSandbox(): boolean {
    return this.original?.authKind === 'sandbox';
  }

  /** Switching how an existing profile signs in needs the new kind's secret, which the keychain doesn't have. */
  get switchesAuthKind(): boolean {
    return this.original !== null && this.original.authKind !== 'sandbox' && this.original.authKind !== this.authKind;
  }

  /** Main sends a stored secret only to the origin it was saved for; a new one needs it typed again. */
  get movesServer(): boolean {
    if (this.original === null || this.isSandbox) return false;
    const next = URL.parse(this.baseUrl.trim());
    return next !== null && next.origin !== URL.parse(this.original.baseUrl)?.origin;
  }

  get keepsStoredSecret(): boolean {
    return (
      this.original !== null && !this.switchesAuthKind && !this.movesServer && this.original.secretStored !== false
    );
  }

  /** `usedColors`: the other profiles' colours, so a new profile's tabs are told apart from theirs. */
  constructor(original: ProfileView | null = null, usedColors: readonly string[] = []) {
    this.original = original;
    this.color = unusedColor(usedColors);
    if (original) {
      this.name = original.name;
      this.baseUrl = original.baseUrl;
      this.color = original.color;
      this.environment = original.environment ?? '';
      this.clientId = original.clientId ?? '';
      if (original.authKind !== 'sandbox') this.authKind = original.authKind;
    }
  }

  get testing(): boolean {
    return this.#testing;
  }

  /** The last test's outcome, as long as the form still holds the settings it tested. */
  get testOutcome(): TestOutcome | null {
    return this.#test !== null && this.#test.settings === this.#connectionSettings() ? this.#test.outcome : null;
  }

  /** Why the settings about to be saved failed their test, if they did. */
  get testFailure(): IpcError | null {
    const outcome = this.testOutcome;
    return outcome !== null && !outcome.ok ? outcome.error : null;
  }

  /** Save was pressed over a failed test and waits for "Save anyway" or "Keep editing". */
  get confirmingSave(): boolean {
    return this.#confirming && this.testFailure !== null;
  }

  /**
   * Tests the settings as typed. A cancelled test leaves no outcome; returns false when the
   * form did not validate, so nothing was sent.
   */
  async runTest(signal?: AbortSignal): Promise<boolean> {
    this.#test = null;
    this.#confirming = false;
    if (!this.validate()) return false;
    const settings = this.#connectionSettings();
    this.#testing = true;
    try {
      this.#test = { settings, outcome: { ok: true, result: await testConnection(this.testInput(), signal) } };
    } catch (error) {
      if (isCancelled(error)) return true;
      if (error instanceof IpcFailure) this.showFieldIssues(error.fields);
      this.#test = { settings, outcome: { ok: false, error: toIpcError(error) } };
    } finally {
      this.#testing = false;
    }
    return true;
  }

  /** Save asks once more when the settings just failed their test: a profile that cannot connect is rarely meant. */
  requestSave(): SaveStep {
    if (!this.validate()) {
      this.#confirming = false;
      return 'invalid';
    }
    if (this.testFailure !== null && !this.#confirming) {
      this.#confirming = true;
      return 'confirm';
    }
    this.#confirming = false;
    return 'save';
  }

  keepEditing(): void {
    this.#confirming = false;
  }

  /** What decides whether a connection works; the name, the colour and the environment do not. */
  #connectionSettings(): string {
    const {
      name: _name,
      color: _color,
      environment: _environment,
      ...settings
    } = this.original ? this.updateInput() : this.createInput();
    return JSON.stringify(settings);
  }

  errorFor(field: FormField): string | undefined {
    return this.#errors[field];
  }

  clearError(field: FormField): void {
    if (this.#errors[field] === undefined) return;
    const { [field]: _cleared, ...rest } = this.#errors;
    this.#errors = rest;
  }

  /** Client-side check with the schemas main applies; returns whether the form may be sent. */
  validate(): boolean {
    this.formError = null;
    const issues = this.original ? this.#validateUpdate() : this.#validateCreate();
    this.#errors = {};
    this.showFieldIssues(issues);
    return issues.length === 0;
  }

  /**
   * Puts server-side issues next to their fields. Test inputs nest the form under `draft` or
   * `changes`, so only the last segment names the field. Returns the issues that fit no field.
   */
  showFieldIssues(issues: readonly FieldIssue[]): FieldIssue[] {
    const unplaced: FieldIssue[] = [];
    const errors = { ...this.#errors };
    for (const issue of issues) {
      const field = FIELDS.find((candidate) => issue.path.split('.').at(-1) === candidate);
      if (field && (field !== 'baseUrl' || !this.isSandbox)) errors[field] ??= issue.message;
      else unplaced.push(issue);
    }
    this.#errors = errors;
    return unplaced;
  }

  createInput(): ProfileCreateInput {
    const common = {
      name: this.name,
      baseUrl: this.baseUrl,
      color: this.color,
      ...(this.environment === '' ? {} : { environment: this.environment }),
    };
    return this.authKind === 'client_credentials'
      ? { ...common, authKind: 'client_credentials', clientId: this.clientId, clientSecret: this.clientSecret }
      : { ...common, authKind: 'bearer', token: this.token };
  }

  /** Only what an edit may change; an empty secret is left out so main keeps the stored one. */
  updateInput(): ProfileUpdateInput {
    const id = this.original?.id ?? '';
    const input: ProfileUpdateInput = { id, name: this.name, color: this.color };
    // The sandbox's environment is fixed; elsewhere "none" takes a saved one off.
    if (this.isSandbox) return input;
    input.environment = this.environment === '' ? null : this.environment;
    input.baseUrl = this.baseUrl;
    if (this.switchesAuthKind) input.authKind = this.authKind;
    if (this.authKind === 'client_credentials') {
      input.clientId = this.clientId;
      if (this.clientSecret !== '') input.clientSecret = this.clientSecret;
    } else if (this.token !== '') {
      input.token = this.token;
    }
    return input;
  }

  testInput(): ProfileTestInput {
    if (!this.original) return { draft: this.createInput() };
    const { id, ...changes } = this.updateInput();
    return { id, changes };
  }

  #validateCreate(): FieldIssue[] {
    return issuesOf(ProfileCreateInput.safeParse(this.createInput()));
  }

  #validateUpdate(): FieldIssue[] {
    const issues = issuesOf(ProfileUpdateInput.safeParse(this.updateInput()));
    if (this.isSandbox || this.keepsStoredSecret) return issues;
    // Nothing usable is stored for this kind, so the edit must bring a secret like an add would.
    const why = this.movesServer ? `: the stored one is only sent to ${URL.parse(this.original!.baseUrl)?.host}` : '';
    if (this.authKind === 'client_credentials' && this.clientSecret === '') {
      issues.push({ path: 'clientSecret', message: `Enter the client secret${why}` });
    }
    if (this.authKind === 'bearer' && this.token.trim() === '') {
      issues.push({ path: 'token', message: `Paste the bearer token${why}` });
    }
    return issues;
  }
}

function issuesOf(
  result: { success: true } | { success: false; error: Parameters<typeof fieldIssues>[0] },
): FieldIssue[] {
  return result.success ? [] : fieldIssues(result.error);
}
