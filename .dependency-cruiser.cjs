/** Package boundaries from docs/conventions.md#packages-and-dependency-rules, enforced in `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing but itself (and zod for rule schemas): no node:*, no framework, no database.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { pathNot: ['^packages/domain/src', 'node_modules/zod/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-talks-http-only',
      comment: 'The web app uses the domain for values and formatting, never server code.',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: { path: '^packages/server' },
    },
    {
      name: 'server-not-into-web',
      severity: 'error',
      from: { path: '^packages/server/src' },
      to: { path: '^packages/web' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle anywhere in the packages (docs/conventions.md#small-files-and-imports).',
      severity: 'error',
      from: { path: '^packages/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-modules',
      severity: 'error',
      from: { path: '^packages/server/src/modules/([^/]+)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.ts$', 'node_modules', '^packages/[^/]+/dist', '^packages/web/dist-public'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
