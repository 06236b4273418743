/**
 * The embedded sample municipality: every file of sample-data/ emitted as one of the app's own
 * assets (hashed URLs under the app's origin), imported through the normal pipeline on first start.
 */
const files = import.meta.glob('../../sample-data/*.csv', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** Sample files as (name, URL) pairs. */
export const SAMPLE_FILES: ReadonlyArray<{ name: string; url: string }> = Object.entries(files)
  .map(([path, url]) => ({ name: path.split('/').pop()!, url }))
  .sort((a, b) => a.name.localeCompare(b.name));
