#!/usr/bin/env node
// Refuses documentation references a reader of this repository alone cannot follow
// (docs/conventions.md#comments): the retired outside notes DOMAIN.md, STYLE.md and PRODUCT.md, paths
// outside the repository (`/work/…`, `../…` climbing above the root), a `docs/…md` file that does not
// exist, and an `#anchor` that is not a heading of the file it names. In Markdown files, relative links
// `[text](path#anchor)` are checked the same way. Prints `file:line: problem` and exits 1 on any problem.
// Run by `npm run lint`; `node scripts/rewrite-doc-refs.mjs` rewrites the old references.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docRefFiles, isFrozen } from './doc-refs-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const RETIRED = /\b(DOMAIN|STYLE|PRODUCT)\.md\b/g;
/** An absolute path into the machine's shared work area, not part of any checkout. */
const WORK_PATH = /(?<![\w.:/-])\/work\//g;
/** A relative path that climbs: checked against the root once resolved from the citing file's folder. */
const CLIMBING_PATH = /(?<![\w./-])(?:\.\.\/)+[\w@.-][\w@./-]*/g;
/** A repository-root citation of a documentation page, with an optional anchor. */
const DOCS_CITATION = /(?<![\w./-])(?:\.\/)?(docs\/[\w./-]*?\.md)(#[\w-]+)?/g;
/** A Markdown link target (Markdown files only). */
const MD_LINK = /\]\(([^)\s]+)\)/g;

/**
 * The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_` removed (letters with
 * diacritics are kept), spaces to `-`. Inline code, emphasis and link syntax are removed first.
 * @example slugOf('Supplement pause and timeliness') // 'supplement-pause-and-timeliness'
 * @example slugOf('Lunar calendar at UTC+7') // 'lunar-calendar-at-utc7'
 */
function slugOf(heading) {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map();
/** Every anchor of a Markdown file's ATX headings outside fenced code, with GitHub's -1, -2 for repeats. */
function anchorsOf(file) {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set();
  const seen = new Map();
  let fence = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      if (fence === null) fence = f[1];
      else if (f[1] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = slugOf(h[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

function isInside(path) {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Problem with a citation of `target` (absolute path) and `anchor` (without '#', or null), or null. */
function targetProblem(target, anchor, shown) {
  if (!isInside(target)) return `${shown} is outside the repository`;
  if (!existsSync(target)) return `${shown} does not exist`;
  if (anchor === null || anchor === '') return null;
  if (statSync(target).isDirectory() || !target.endsWith('.md')) return null;
  return anchorsOf(target).has(anchor.toLowerCase()) ? null : `${shown}: no heading with the anchor #${anchor}`;
}

/** 1-based line number of `offset` in a text whose line starts are `starts` (ascending). */
function lineAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The problems of one file as `[line, message]`. Each pattern runs over the whole text, and only when
 * the text contains its marker, so most files cost one read and a few `includes`.
 */
function problemsOf(file, text) {
  const here = join(root, dirname(file));
  const found = [];
  const add = (index, message) => found.push([index, message]);
  if (text.includes('.md') && !isFrozen(file)) {
    for (const m of text.matchAll(RETIRED))
      add(m.index, `${m[0]} is not in this repository: cite docs/ instead (docs/domain/references.json maps its sections)`);
  }
  if (text.includes('/work/')) {
    for (const m of text.matchAll(WORK_PATH)) add(m.index, `${text.slice(m.index, m.index + 40).split(/[\s)'"`]/)[0]} is a path outside the repository`);
  }
  if (text.includes('../')) {
    for (const m of text.matchAll(CLIMBING_PATH)) if (!isInside(resolve(here, m[0]))) add(m.index, `${m[0]} points outside the repository`);
  }
  if (text.includes('docs/')) {
    for (const m of text.matchAll(DOCS_CITATION)) {
      const problem = targetProblem(join(root, m[1]), m[2] ? m[2].slice(1) : null, m[0]);
      if (problem) add(m.index, problem);
    }
  }
  if (file.endsWith('.md') && text.includes('](')) {
    for (const m of text.matchAll(MD_LINK)) {
      const link = m[1].replace(/^<|>$/g, '');
      if (/^[a-z][a-z+.-]*:/i.test(link)) continue; // https:, mailto: …
      const [path, anchor = null] = link.split('#');
      if (path !== '' && !/[./]/.test(path)) continue; // a word, not a path
      const target = path === '' ? join(root, file) : resolve(here, decodeURIComponent(path));
      const problem = targetProblem(target, anchor, link);
      if (problem) add(m.index, problem);
    }
  }
  if (found.length === 0) return [];
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return found.map(([index, message]) => [lineAt(starts, index), message]);
}

function main() {
  const started = performance.now();
  const files = docRefFiles(root);
  const failures = [];
  for (const file of files) {
    const seen = new Set();
    for (const [line, message] of problemsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const text = `${file}:${line}: ${message}`;
      if (!seen.has(text)) failures.push(text);
      seen.add(text);
    }
  }
  // The map the rewrite uses must point at real pages and headings too (docs/domain/README.md#contents).
  const mapFile = 'docs/domain/references.json';
  if (existsSync(join(root, mapFile))) {
    for (const [from, to] of Object.entries(JSON.parse(readFileSync(join(root, mapFile), 'utf8')))) {
      const [path, anchor = null] = to.split('#');
      const problem = targetProblem(join(root, path), anchor, to);
      if (problem) failures.push(`${mapFile}: "${from}" → ${problem}`);
    }
  }
  const ms = Math.round(performance.now() - started);
  if (failures.length > 0) {
    for (const f of failures) console.error(f);
    console.error(`check-doc-refs: ${failures.length} bad documentation reference(s) in ${files.length} files (${ms} ms).`);
    if (failures.some((f) => f.includes('is not in this repository'))) {
      console.error('Old DOMAIN.md/STYLE.md references: run `node scripts/rewrite-doc-refs.mjs`, then fix what remains by hand.');
    }
    process.exit(1);
  }
  console.log(`check-doc-refs: ${files.length} files, every documentation reference resolves (${ms} ms).`);
}

main();
