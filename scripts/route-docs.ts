// The route → documentation index (docs/routes.md): every route of the server's OpenAPI document, grouped by
// area, with the docs/ pages that hold its rules. Written by `npm run gen:api` next to the API types and
// checked by `npm run lint` (gen-api.ts --check), so a new route without a page here fails lint, and the
// links are checked like every Markdown link (check-doc-refs.mjs).

interface Area {
  title: string;
  /** Path prefixes of the area's routes; the first area with a matching prefix takes a route. */
  prefixes: string[];
  /** Pages (root-relative, with an optional #anchor): the rules first, then how the code does it. */
  docs: string[];
}

export const AREAS: Area[] = [
  { title: 'Health and first-run setup', prefixes: ['/api/health', '/api/setup'], docs: ['docs/deployment.md', 'docs/architecture.md#running-in-production'] },
  {
    title: 'Sign-in, sessions and API tokens',
    prefixes: ['/api/auth', '/api/me'],
    docs: ['docs/architecture.md#authorization', 'docs/architecture.md#security-throttling-lock-outs-and-public-uploads', 'docs/architecture.md#csrf'],
  },
  { title: 'Users and roles', prefixes: ['/api/users'], docs: ['docs/architecture.md#authorization', 'docs/conventions.md#authorization'] },
  { title: 'Units', prefixes: ['/api/units'], docs: ['docs/architecture.md#unit-tree'] },
  { title: 'Audit log', prefixes: ['/api/audit'], docs: ['docs/architecture.md#audit-log'] },
  { title: 'Files', prefixes: ['/api/files'], docs: ['docs/architecture.md#files'] },
  {
    title: 'Notifications',
    prefixes: ['/api/notifications', '/api/account/notification-preferences'],
    docs: ['docs/architecture.md#notifications-and-reminders'],
  },
  { title: 'Working-day calendar', prefixes: ['/api/calendar'], docs: ['docs/domain/calendar.md'] },
  {
    title: 'Procedure catalogue',
    prefixes: ['/api/procedures', '/api/public/procedures', '/api/public/sectors'],
    docs: ['docs/domain/procedures.md', 'docs/domain/procedures.md#import-export-and-the-public-catalogue'],
  },
  { title: 'Dossier statistics', prefixes: ['/api/dossiers/statistics'], docs: ['docs/domain/statistics.md'] },
  { title: 'One-stop dossiers', prefixes: ['/api/dossiers'], docs: ['docs/domain/dossiers.md', 'docs/architecture.md#dossiers'] },
  {
    title: 'Citizens: lookup, online filing, rating',
    prefixes: ['/api/public/dossiers', '/api/public/uploads'],
    docs: [
      'docs/domain/dossiers.md#return-lookup-and-rating',
      'docs/domain/dossiers.md#channels',
      'docs/architecture.md#security-throttling-lock-outs-and-public-uploads',
    ],
  },
  {
    title: 'Dossier imports and live sync',
    prefixes: ['/api/dossier-imports', '/api/dossier-sync'],
    docs: ['docs/dossier-imports.md', 'docs/domain/dossiers.md#imported-dossiers'],
  },
  { title: 'QĐ 766 indicators', prefixes: ['/api/indicators/766'], docs: ['docs/domain/qd766.md'] },
  { title: 'PAR metrics', prefixes: ['/api/par/metrics'], docs: ['docs/architecture.md#par-metrics'] },
  { title: 'PAR index', prefixes: ['/api/par'], docs: ['docs/domain/par-index.md', 'docs/architecture.md#par-index'] },
  {
    title: 'Reform plans and tasks',
    prefixes: ['/api/plans', '/api/plan-settings', '/api/tasks'],
    docs: ['docs/plans.md', 'docs/domain/plans-and-reports.md'],
  },
  { title: 'Periodic reports', prefixes: ['/api/reports'], docs: ['docs/reports.md', 'docs/domain/plans-and-reports.md#reporting-periods'] },
  { title: "The leader's overview", prefixes: ['/api/overview'], docs: ['docs/overview.md'] },
  { title: 'Satisfaction surveys', prefixes: ['/api/surveys', '/api/public/surveys'], docs: ['docs/surveys.md', 'docs/domain/surveys.md'] },
];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface OpenApiDoc {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], { summary?: string }>>>;
}

/** The area of a route: the first whose prefix is the path or a parent of it. */
export function areaOf(path: string): Area | undefined {
  return AREAS.find((a) => a.prefixes.some((p) => path === p || path.startsWith(`${p}/`)));
}

/** docs/routes.md for the document; throws naming every route that no area takes. */
export function routeIndex(doc: OpenApiDoc): string {
  const byArea = new Map<Area, string[]>(AREAS.map((a) => [a, []]));
  const orphans: string[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path]![method];
      if (!op) continue;
      const area = areaOf(path);
      const summary = (op.summary ?? '').replace(/\|/g, '\\|');
      if (area) byArea.get(area)!.push(`| ${method.toUpperCase()} | \`${path}\` | ${summary} |`);
      else orphans.push(`${method.toUpperCase()} ${path}`);
    }
  }
  if (orphans.length) throw new Error(`No docs/ page for these routes: add their area to AREAS in scripts/route-docs.ts\n  ${orphans.join('\n  ')}`);
  const link = (d: string) => `[${d}](${d.replace(/^docs\//, '')})`;
  const sections = AREAS.filter((a) => byArea.get(a)!.length > 0).map((a) =>
    [
      `## ${a.title}`,
      '',
      `Rules and design: ${a.docs.map(link).join(', ')}.`,
      '',
      '| Method | Route | What it does |',
      '| --- | --- | --- |',
      ...byArea.get(a)!,
    ].join('\n'),
  );
  return [
    '# Routes and where their rules are',
    '',
    "<!-- Generated by `npm run gen:api` from the server's routes (scripts/route-docs.ts). Do not edit. -->",
    '',
    'Every route of the HTTP API, grouped by area, with the pages that hold its rules (the domain page first,',
    'then how the code does it). `npm run lint` fails when a route is added without an area here, or when this',
    'file is out of date. The full request and answer schemas are in `packages/web/src/api/schema.d.ts`, and at',
    '`/docs` on a server started with the API docs setting on (README, Configuration).',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
}
