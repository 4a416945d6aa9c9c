import { describe, expect, it } from 'vitest';
import { isSearchShortcut, searchHits } from './header-search-hits';

const key = (k: string, over: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: unknown }> = {}) =>
  ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: { tagName: 'BODY' } as unknown as EventTarget,
    ...over,
  }) as Parameters<typeof isSearchShortcut>[0];

describe('header search shortcut (issue #13 item 11)', () => {
  it('opens on "/" outside text fields and on Ctrl+K or ⌘K anywhere', () => {
    expect(isSearchShortcut(key('/'))).toBe(true);
    expect(isSearchShortcut(key('/', { target: { tagName: 'BUTTON' } }))).toBe(true);
    expect(isSearchShortcut(key('/', { target: { tagName: 'INPUT', type: 'checkbox' } }))).toBe(true);
    expect(isSearchShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key('K', { metaKey: true, target: { tagName: 'INPUT', type: 'text' } }))).toBe(true);
  });

  it('leaves "/" to text fields, and other keys alone', () => {
    expect(isSearchShortcut(key('/', { target: { tagName: 'INPUT', type: 'text' } }))).toBe(false);
    expect(isSearchShortcut(key('/', { target: { tagName: 'INPUT' } }))).toBe(false);
    expect(isSearchShortcut(key('/', { target: { tagName: 'TEXTAREA' } }))).toBe(false);
    expect(isSearchShortcut(key('/', { target: { tagName: 'DIV', isContentEditable: true } }))).toBe(false);
    expect(isSearchShortcut(key('/', { ctrlKey: true }))).toBe(false);
    expect(isSearchShortcut(key('k'))).toBe(false);
    expect(isSearchShortcut(key('k', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});

describe('searchHits', () => {
  it('lists dossiers first, then procedures, each linking to its detail page', () => {
    const hits = searchHits(
      [{ id: 'd1', code: '000.00.12.H49-260302-0001', applicantName: 'Trần Thị Mai', procedureName: 'Cấp giấy phép', status: 'received' }],
      [{ id: 'p1', code: '1.001', name: 'Cấp giấy phép tiến hành công việc bức xạ', sector: { code: 'ATBXHN', name: 'An toàn bức xạ' } }],
    );
    expect(hits).toEqual([
      expect.objectContaining({ kind: 'dossier', path: '/dossiers/d1', title: '000.00.12.H49-260302-0001', subtitle: 'Trần Thị Mai', status: 'received' }),
      expect.objectContaining({
        kind: 'procedure',
        path: '/procedures/p1',
        title: 'Cấp giấy phép tiến hành công việc bức xạ',
        detail: '1.001 · An toàn bức xạ',
      }),
    ]);
  });
});
