// The domain's single public entry: an explicit list of what other packages may use.
export * from './values';
export * from './text';
export * from './access/roles';
export * from './access/permissions';
export * from './access/agency-code';
