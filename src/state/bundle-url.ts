/**
 * Where this page's copy of the single-file bundle came from: src/bundle.ts records its own
 * `import.meta.url` as it loads, so "Copy embed code" can write a script tag that loads the same
 * file (which works today, before and after the package is on a CDN). Unset in the npm library
 * and the app, which are not loaded from dist/bundle.
 */
let loadedFrom: string | undefined;

export function setBundleUrl(url: string | undefined): void {
  loadedFrom = url;
}

/** The single-file bundle's URL, if this page loaded it. */
export function bundleUrl(): string | undefined {
  return loadedFrom;
}
