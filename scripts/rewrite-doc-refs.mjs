#!/usr/bin/env node
// Rewrites every reference to the retired outside notes (DOMAIN.md, STYLE.md, PRODUCT.md, with or
// without a `§` section, also as `../shared/DOMAIN.md` or `/work/shared/DOMAIN.md`) into the repository
// page that now covers it, using docs/domain/references.json. Why: docs/conventions.md#comments.
//
//   node scripts/rewrite-doc-refs.mjs            rewrite the files in place, print a summary
//   node scripts/rewrite-doc-refs.mjs --dry-run  print what would change, write nothing
//
// Forms handled: "DOMAIN.md §3.8" → "docs/domain/dossiers.md#supplement-pause-and-timeliness";
// "(DOMAIN.md §3.3, §3.9)" → both mapped; "DOMAIN.md §3.3 step 2" keeps "step 2"; a bare "§3.7" after a
// DOMAIN.md or STYLE.md reference in the same file is read as that file's section (never after "RFC n"
// or another `.md`); Markdown link targets become paths relative to the citing file; a few phrases that
// would read badly are rewritten whole (PHRASES). Then run scripts/check-doc-refs.mjs for what remains.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docRefFiles, isFrozen } from './doc-refs-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dryRun = process.argv.includes('--dry-run');
/** @type {Record<string, string>} "DOMAIN.md §3.8" → "docs/domain/dossiers.md#…" */
const MAP = JSON.parse(readFileSync(join(root, 'docs/domain/references.json'), 'utf8'));

/** Phrases rewritten whole; `source` sets the file's context for bare § numbers that follow. */
const PHRASES = [
  { pattern: /DOMAIN\.md §"Who uses it" \(PRODUCT\.md\)/, source: 'DOMAIN', text: () => MAP['PRODUCT.md'] },
  { pattern: /that DOMAIN\.md marks as settings/, source: 'DOMAIN', text: () => 'marked as settings in docs/domain/README.md#confidence-marks' },
  { pattern: /DOMAIN\.md: effective dates/, source: 'DOMAIN', text: () => 'docs/domain/README.md#effective-dates' },
  { pattern: /the DOMAIN\.md example/, source: 'DOMAIN', text: () => 'the example of docs/domain/dossiers.md#dossier-code' },
  { pattern: /the §6 report/, source: null, text: () => `the report of ${MAP['DOMAIN.md §6']}` },
];
/** A named reference: optional outside prefix, the file, an optional section number. */
const NAMED = /(?:(?:\.\.\/)+shared\/|\/work\/shared\/)?(DOMAIN|STYLE|PRODUCT)\.md(?:\s*§\s?(\d+(?:\.\d+)?))?/;
/** A bare section number, read in the context of the last named reference of the file. */
const BARE = /§\s?(\d+(?:\.\d+)?)/;
const TOKEN = new RegExp([...PHRASES.map((p) => p.pattern.source), NAMED.source, BARE.source].map((s) => `(?:${s})`).join('|'), 'g');
/** Text just before a bare § that says it belongs to another document (RFC 9110 §10.2.3, architecture.md §2). */
const OTHER_DOCUMENT_BEFORE = /(?:RFC\s*\d+|\.md)\s*$/;

const unmapped = new Set();

/** The repository page for `source` (DOMAIN | STYLE | PRODUCT) and `section` ("3.8" or undefined), falling back to the parent section, then the file. */
function targetOf(source, section) {
  const file = `${source}.md`;
  if (section !== undefined) {
    if (MAP[`${file} §${section}`]) return MAP[`${file} §${section}`];
    unmapped.add(`${file} §${section}`);
    const parent = section.split('.')[0];
    if (MAP[`${file} §${parent}`]) return MAP[`${file} §${parent}`];
  }
  return MAP[file];
}

/** In a Markdown link target `](…)` the path must be relative to the citing file. */
function isLinkTarget(text, index) {
  return text.slice(Math.max(0, index - 2), index) === '](';
}

function linkTo(file, target) {
  const [path, anchor] = target.split('#');
  const rel = posix.relative(posix.dirname(file), path) || posix.basename(path);
  return anchor ? `${rel}#${anchor}` : rel;
}

/** The rewritten text of one file and the number of references rewritten in it. */
function rewrite(file, text) {
  let context = null;
  let count = 0;
  const out = text.replace(TOKEN, (match, ...rest) => {
    const index = rest.at(-2);
    const phrase = PHRASES.find((p) => new RegExp(`^(?:${p.pattern.source})$`).test(match));
    if (phrase) {
      context = phrase.source ?? context;
      count += 1;
      return phrase.text();
    }
    const named = new RegExp(`^${NAMED.source}$`).exec(match);
    if (named) {
      const [, source, section] = named;
      if (source !== 'PRODUCT') context = source;
      count += 1;
      const target = targetOf(source, section);
      return isLinkTarget(text, index) ? linkTo(file, target) : target;
    }
    const bare = new RegExp(`^${BARE.source}$`).exec(match);
    if (bare && context && !OTHER_DOCUMENT_BEFORE.test(text.slice(Math.max(0, index - 40), index))) {
      count += 1;
      return targetOf(context, bare[1]);
    }
    return match;
  });
  return { text: out, count };
}

function main() {
  let total = 0;
  let changedFiles = 0;
  for (const file of docRefFiles(root)) {
    if (isFrozen(file)) continue;
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    if (!/(DOMAIN|STYLE|PRODUCT)\.md|§/.test(before)) continue;
    const { text, count } = rewrite(file, before);
    if (count === 0 || text === before) continue;
    total += count;
    changedFiles += 1;
    if (dryRun) {
      const a = before.split('\n');
      const b = text.split('\n');
      a.forEach((line, i) => {
        if (line !== b[i]) console.log(`${file}:${i + 1}\n  - ${line.trim()}\n  + ${b[i].trim()}`);
      });
    } else {
      writeFileSync(path, text);
    }
  }
  for (const ref of unmapped) console.warn(`rewrite-doc-refs: ${ref} has no entry in docs/domain/references.json; its parent section or file was used`);
  console.log(`rewrite-doc-refs: ${total} reference(s) ${dryRun ? 'would be ' : ''}rewritten in ${changedFiles} file(s).`);
}

main();
