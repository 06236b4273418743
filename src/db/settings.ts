/**
 * Settings every connection gets, in both engines. Extension autoloading is off so DuckDB never
 * reaches for the network; insertion order is kept so staging rowids are file row numbers.
 */
export const ENGINE_SETTINGS_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
  'SET preserve_insertion_order = true',
].join(';\n');
