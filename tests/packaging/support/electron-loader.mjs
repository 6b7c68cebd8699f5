/**
 * Module hooks for start-packaged.ts: `electron`, imported by the packaged main, is the fake
 * (tests/main/shell/fake-electron.ts); every other specifier resolves as Node would, so the
 * packaged files and their node_modules are what runs.
 */
let fakeElectronUrl;

export function initialize(data) {
  fakeElectronUrl = data.fakeElectronUrl;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: fakeElectronUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
