import type { Compilable, CompiledQuery } from 'kysely';

/** A query's arguments: strings or numbers, lists of them, or absent (undefined, null, ''). */
export type ShapeArgs = Record<string, string | number | readonly string[] | null | undefined>;

interface Template {
  compiled: CompiledQuery;
  /** Per parameter: the constant the builder put there, or where the argument comes from. */
  slots: Array<{ value: unknown } | { name: string; index: number | null }>;
}

const MARK = '\u0000shape:';

/**
 * Queries of the hot paths compiled once per shape and re-run with new arguments. Building and compiling a
 * Kysely query (with the CamelCasePlugin's rename pass) costs more than running a small indexed query; a
 * query whose SQL depends only on its shape (which arguments are present, list lengths, and the `shape`
 * key the caller gives for everything else it branches on) is built once with markers in place of the
 * arguments, and every later call only substitutes the arguments into the recorded parameter slots. The
 * builder runs on the same code path as without the cache, so the SQL is the same.
 *
 * The builder must branch only on `shape` and on which arguments are present (absent ones it receives as
 * they are), never on an argument's value, and pass arguments to Kysely unchanged (not derived: a derived
 * value would carry the marker into the SQL text or a parameter, which `compile` rejects).
 */
export class QueryShapes {
  private readonly templates = new Map<string, Template>();

  constructor(private readonly max = 500) {}

  compile<A extends ShapeArgs>(shape: string, args: A, build: (args: A) => Compilable): CompiledQuery {
    const key = `${shape}|${Object.entries(args)
      .map(([k, v]) => `${k}:${absent(v) ? '-' : Array.isArray(v) ? v.length : '1'}`)
      .join(',')}`;
    let t = this.templates.get(key);
    if (!t) {
      t = template(build, args);
      if (this.templates.size >= this.max) this.templates.clear();
      this.templates.set(key, t);
    }
    const parameters = t.slots.map((s) => {
      if ('value' in s) return s.value;
      const v = args[s.name];
      return s.index === null ? v : (v as readonly unknown[])[s.index];
    });
    return { ...t.compiled, parameters };
  }
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

function template<A extends ShapeArgs>(build: (args: A) => Compilable, args: A): Template {
  const marked = Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, absent(v) ? v : Array.isArray(v) ? v.map((_, i) => `${MARK}${k}:${i}`) : `${MARK}${k}`]),
  ) as unknown as A;
  const compiled = build(marked).compile();
  if (compiled.sql.includes(MARK)) throw new Error('QueryShapes: an argument reached the SQL text');
  const slots = compiled.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(MARK)) {
      if (typeof p === 'string' && p.includes(MARK)) throw new Error('QueryShapes: an argument was derived before reaching a parameter');
      return { value: p };
    }
    const [name, index] = p.slice(MARK.length).split(':') as [string, string | undefined];
    return { name, index: index === undefined ? null : Number(index) };
  });
  return { compiled, slots };
}
