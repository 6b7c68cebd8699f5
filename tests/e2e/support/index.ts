export { launchApp, INVOKE_BINDING, type LaunchOptions, type LaunchedApp, type IpcLogEntry } from './launch-app';
export { screenshot } from './screenshot';
export type { PageGlobals, PageDocument, PageElement } from './page-globals';
export { PRELOAD_FILE, RENDERER_DIR, SCREENSHOT_DIR } from './paths';
export { launchPerSuite, type SuiteApp } from './launch-per-suite';
export { createSandboxProfile, fillProfileWithWrongSecret } from './profiles';
export {
  sidebarTree,
  sidebarProfile,
  sidebarOrgs,
  sidebarOrg,
  sidebarOrgItems,
  expandProfile,
  focusedKey,
} from './sidebar';
