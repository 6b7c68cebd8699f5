import type { ExpandValue } from '../../../shared/api/common';

export interface ExpandParams {
  /**
   * Defaults to `['permissions']`: every screen of the app needs to know what the user may
   * do. Pass `[]` to ask for the bare entity.
   */
  expand?: readonly ExpandValue[];
}

export const DEFAULT_EXPAND: readonly ExpandValue[] = ['permissions'];

export function expandQuery(params: ExpandParams | undefined): { 'expand[]': readonly ExpandValue[] } {
  return { 'expand[]': params?.expand ?? DEFAULT_EXPAND };
}
