import { describe, expect, it } from 'vitest';
import { breadcrumbTrail } from './breadcrumb-trail';

const entries = [
  { path: '/', labelKey: 'home' },
  { path: '/dossiers', labelKey: 'queue' },
  { path: '/dossiers/receive', labelKey: 'receive' },
  { path: '/dossiers/:id', labelKey: 'detail' },
  { path: '/plans', labelKey: 'plans' },
  { path: '/plans/tasks', labelKey: 'tasks' },
  { path: '/plans/tasks/new', labelKey: 'new' },
  { path: '/plans/tasks/:id', labelKey: 'task' },
];
const keys = (path: string) => breadcrumbTrail(entries, path).map((e) => e.labelKey);

describe('breadcrumbTrail', () => {
  it('gives a detail page the list pages above it, shortest first', () => {
    expect(keys('/dossiers/4f1c')).toEqual(['queue']);
    expect(keys('/dossiers/4f1c/')).toEqual(['queue']);
    expect(keys('/plans/tasks/7')).toEqual(['plans', 'tasks']);
    expect(keys('/plans/tasks/7/edit')).toEqual(['plans', 'tasks']);
  });

  it('gives menu pages, the home page and pages outside the menu no trail', () => {
    expect(keys('/')).toEqual([]);
    expect(keys('/dossiers')).toEqual([]);
    expect(keys('/dossiers/receive')).toEqual([]);
    expect(keys('/plans/tasks/new')).toEqual([]);
    expect(keys('/account/tokens')).toEqual([]);
    // A path that only starts with the same letters is not below the entry.
    expect(keys('/dossiersx/1')).toEqual([]);
  });
});
