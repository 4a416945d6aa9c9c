import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
const stats = new Map<string, { n: number; t: number; rows: number }>();
const origPrepare = (Database as any).prototype.prepare;
(Database as any).prototype.prepare = function (src: string) {
  rawDb = this; const st = origPrepare.call(this, src);
  for (const m of ['all', 'get', 'run', 'iterate']) {
    const f = st[m];
    if (!f) continue;
    st[m] = function (...a: any[]) {
      const t0 = performance.now();
      const r = f.apply(this, a);
      const dt = performance.now() - t0;
      if ((globalThis as any).__on) {
        const s = stats.get(src) ?? { n: 0, t: 0, rows: 0 };
        s.n++; s.t += dt; (s as any).args = a; (s as any).db = this.database; s.rows += Array.isArray(r) ? r.length : 0; stats.set(src, s);
      }
      return r;
    };
  }
  return st;
};
const { buildApp } = await import('../packages/server/src/app');
const { seedDemo } = await import('../packages/server/src/demo/demo');
const { loadConfig } = await import('../packages/server/src/platform/config');
const { openDatabase } = await import('../packages/server/src/platform/db/database');
const { migrateToLatest } = await import('../packages/server/src/platform/db/migrations');
const dataDir = mkdtempSync(join(tmpdir(), 'cchc-stmt-'));
const config = loadConfig({ SESSION_SECRET: 'x' }, { dataDir, databaseUrl: null, webDist: null, logLevel: 'warn' });
const handle = openDatabase(config);
let rawDb: any;

await migrateToLatest(handle.db);
await seedDemo(handle, { password: 'Benchmark-2026' });
const { app } = await buildApp(config, { handle, logger: false });
const user = process.argv[2] ?? 'motcua';
const url = process.argv[3] ?? '/api/dossiers?queue=all&page=1&pageSize=20&sort=dueAt&order=asc';
const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: 'Benchmark-2026' } });
const c = res.cookies.find((x) => x.name === 'cchc_session')!;
const headers = { cookie: `cchc_session=${c.value}` };
for (let i = 0; i < 300; i++) await app.inject({ method: 'GET', url, headers });
(globalThis as any).__on = true;
const N = 2000;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < N; i++) await app.inject({ method: 'GET', url, headers });
const cpu = process.cpuUsage(cpu0);
console.log('per request µs wall', ((performance.now() - t0) * 1000 / N).toFixed(0), 'cpu', ((cpu.user + cpu.system) / N).toFixed(0));
let tot = 0;
for (const [src, s] of [...stats].sort((a, b) => b[1].t - a[1].t)) {
  tot += s.t;
  console.log(`${((s.t * 1000) / N).toFixed(1).padStart(7)} µs/req  n/req ${(s.n / N).toFixed(2)} rows ${(s.rows / s.n).toFixed(0)}  ${src.replace(/\s+/g, ' ').slice(0, 4000)}`);
}
for (const [src, s] of [...stats].sort((a, b) => b[1].t - a[1].t).slice(0, 2)) { const db = (handle as any).sqlite ?? null; console.log('PLAN', src.slice(0,80)); try { const st = origPrepare.call(rawDb, 'explain query plan ' + src); console.log(st.all(...(s as any).args).map((r: any) => r.id + ' ' + r.parent + ' ' + r.detail).join('\n')); } catch (e) { console.log(String(e)); } }
{
  const entries = [...stats].sort((a, b) => b[1].t - a[1].t).slice(0, 2);
  const time = (label: string, src: string, args: any[]) => { const st = origPrepare.call(rawDb, src); for (let i = 0; i < 200; i++) st.all(...args); const t0 = performance.now(); for (let i = 0; i < 3000; i++) st.all(...args); console.log(label.padEnd(20), ((performance.now() - t0) * 1000 / 3000).toFixed(1), 'µs'); };
  const [pageSrc, pageS] = entries.find(([k]) => k.includes('sort_value'))!;
  const [cntSrc, cntS] = entries.find(([k]) => k.includes('dossier_due_counts'))!;
  const pa = (pageS as any).args[0], ca = (cntS as any).args[0];
  time('page', pageSrc, pa);
  const inner = pageSrc.slice(pageSrc.indexOf('(select "d"') + 1, pageSrc.indexOf(') as "p"'));
  time('page inner', inner, pa);
  time('page inner nojson', inner.replace(`json_extract(d.state, '$.policy.almostDueWorkingDays') as "almost_due_working_days", `, ''), pa);
  const noScope = inner.replace(/\(\+"d"\."unit_id" in[^)]*\) or \+"d"\."processing_unit_id" in[^)]*\) or \+"d"\."current_unit_id" in[^)]*\)\)/, '1=1');
  console.log(noScope.slice(0, 600));
  time('inner noscope', noScope, pa.slice(pa.length - 2));
  const unitOnly = inner.replace(/ or \+"d"\."processing_unit_id" in[^)]*\) or \+"d"\."current_unit_id" in[^)]*\)/, '');
  time('inner unit only', unitOnly, [...pa.slice(0, 9), ...pa.slice(pa.length - 2)]);
  time('counts', cntSrc, ca);
  time('counts +scan', cntSrc.replace(/"c"\."(unit_id|processing_unit_id|current_unit_id)" in/g, '+"c"."$1" in'), ca);
  const mineEnd = cntSrc.indexOf(') as "t0"');
  console.log('rows due_counts', origPrepare.call(rawDb, 'select count(*) n from dossier_due_counts').get().n, 'dossiers', origPrepare.call(rawDb, 'select count(*) n from dossiers').get().n);
}
console.log('sql total µs/req', ((tot * 1000) / N).toFixed(0));
process.exit(0);
