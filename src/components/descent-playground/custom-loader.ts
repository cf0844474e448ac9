/**
 * The playground's way to custom.ts (typed-in surface support): a dynamic import started on
 * first need and shared by every playground on the page. Only the type is imported statically.
 */
export type CustomModule = typeof import('./custom');

let loaded: CustomModule | undefined;
let loading: Promise<CustomModule> | undefined;

/** The module if it has been loaded, else undefined (then call customModule()). */
export function loadedCustom(): CustomModule | undefined {
  return loaded;
}

/** Loads the module once; a failed load (offline) may be retried by calling again. */
export function customModule(): Promise<CustomModule> {
  loading ??= import('./custom').then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
