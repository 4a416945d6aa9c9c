import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

// Every error code the server and the domain can answer has words in vi.json and en.json
// (docs/conventions.md#errors): the codes are collected from the sources, every directory below
// packages/server/src and packages/domain/src, so a new module is covered without being listed here.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SOURCES = ['packages/server/src', 'packages/domain/src'];

/** Error classes whose first argument is a code shown to users (CLI errors are operator messages). */
const isErrorClass = (name: string) => (/Error$/.test(name) && name !== 'Error' && name !== 'CliError') || name === 'RuleViolation';
const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.(test|fixtures)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The string literals an expression can evaluate to: `'a'`, `x ? 'a' : 'b'`. */
function literals(node: ts.Expression | undefined): string[] | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  if (ts.isConditionalExpression(node)) {
    const a = literals(node.whenTrue);
    const b = literals(node.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

const calleeName = (e: ts.Expression) => (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : null);

type FunctionLike = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function functionName(fn: FunctionLike): string | null {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return null;
}

interface Scan {
  /** code → where it is thrown (first place). */
  codes: Map<string, string>;
  /** Places whose code is computed at run time and was not traced to literals. */
  untraced: string[];
}

/**
 * Two passes over every source file. The first takes the literal first argument of `new XxxError(…)` and
 * `new RuleViolation(…)`, and notes the functions that pass one of their parameters as that argument
 * (`refusedFile(code)`, `throttle.consume(…, code)`, the error handler's `problem(status, code)`); the second
 * takes the literals passed to those functions in that position.
 */
function scan(): Scan {
  const files = SOURCES.flatMap((d) => sourceFiles(join(root, d))).map((path) => ({
    path,
    source: ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
  }));
  const codes = new Map<string, string>();
  const wrappers = new Map<string, number>([['problem', 1]]);
  const dynamic: { where: string; fn: FunctionLike | undefined; name: string }[] = [];
  const where = (sf: ts.SourceFile, node: ts.Node) => `${relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const add = (code: string, place: string) => {
    if (CODE.test(code) && !codes.has(code)) codes.set(code, place);
  };

  for (const { source } of files) {
    const visit = (node: ts.Node, fn: FunctionLike | undefined) => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) fn = node;
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && isErrorClass(node.expression.text)) {
        const arg = node.arguments?.[0];
        const found = literals(arg);
        if (found) found.forEach((c) => add(c, where(source, node)));
        else if (arg) {
          const param = fn && ts.isIdentifier(arg) ? fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === arg.text) : -1;
          const name = fn ? functionName(fn) : null;
          if (param >= 0 && name) wrappers.set(name, param);
          else dynamic.push({ where: where(source, node), fn, name: arg.getText(source) });
        }
      }
      ts.forEachChild(node, (child) => visit(child, fn));
    };
    visit(source, undefined);
  }

  for (const { source } of files) {
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node.expression);
        const index = name === null ? undefined : wrappers.get(name);
        if (index !== undefined) literals(node.arguments[index])?.forEach((c) => add(c, where(source, node)));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, untraced: dynamic.map((d) => `${d.where} (${d.name})`) };
}

function lookup(bundle: unknown, key: string): string | null {
  let node: unknown = bundle;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : null;
}

/**
 * What the app shows: `errors.<code>`, else `errors.<last segment>` (packages/web/src/errors.ts); the survey
 * pages look in their own `surveys.errors.<rest>` first (pages/surveys/survey-format.ts). Null when only the
 * generic text would remain.
 */
const words = (bundle: unknown, code: string) =>
  lookup(bundle, `errors.${code}`) ??
  lookup(bundle, `errors.${code.split('.').pop()}`) ??
  (code.startsWith('survey.') ? lookup(bundle, `surveys.errors.${code.slice('survey.'.length)}`) : null);

describe('every error code has words', () => {
  const { codes, untraced } = scan();

  it('finds the codes thrown across the server and the domain', () => {
    // A floor, so a scanner broken by a refactor cannot pass by finding nothing.
    expect(codes.size).toBeGreaterThan(150);
    expect(codes.has('dossier.not_found')).toBe(true);
    expect(codes.has('validation.failed')).toBe(true);
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ])('each thrown code has a message in %s.json', (_, bundle) => {
    const missing = [...codes].filter(([code]) => words(bundle, code) === null).map(([code, place]) => `${code} (${place})`);
    expect(missing, 'add these under "errors" in packages/web/src/i18n/vi.json and en.json').toEqual([]);
  });

  it('every place that throws a computed code is traced to its literals, or listed in UNTRACED', () => {
    expect(untraced.map((u) => u.replace(/:\d+ /, ' '))).toEqual(UNTRACED);
  });
});

/**
 * Computed codes, by file (the first line of each). Each carries codes that are literals elsewhere: a helper
 * returning one of a few literals (calendar `kindMismatch`, auth's token-expiry check), the first of a list of
 * field problems, or a domain error's code re-thrown as a server error. A new line here needs the same check
 * by hand: that every code it can carry has words.
 */
const UNTRACED: string[] = [
  'packages/server/src/modules/auth/auth.service.ts (problem)',
  'packages/server/src/modules/calendar/calendar.service.ts (mismatch)',
  'packages/server/src/modules/calendar/calendar.service.ts (mismatch)',
  'packages/server/src/modules/dossier-imports/dossier-import.service.ts (code)',
  'packages/server/src/modules/dossiers/dossier-desk.ts (fields[0]!.code)',
  'packages/server/src/modules/par/metric-registry.ts (first.code)',
  'packages/server/src/modules/par/par-projection.service.ts (e.code)',
  'packages/domain/src/dossier/desk-records.ts (first.code)',
  // A programming guard (RangeError), never shown to a user: the routes validate figures first.
  'packages/domain/src/qd766/indicator-scoring.ts (`indicator figures must be whole and ≥ 0: ${JSON.stringify(f)}`)',
];
