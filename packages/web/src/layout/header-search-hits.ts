import type { DossierListItem, DossierStatus, ProcedureSummary } from '../api/types';

/** One line of the header search's results, in the order the arrows walk them. */
export interface SearchHit {
  kind: 'dossier' | 'procedure';
  path: string;
  title: string;
  subtitle: string;
  detail: string;
  status?: DossierStatus;
}

/** Dossiers first (what the desk looks for most), then procedures; each list as the server ordered it. */
export function searchHits(
  dossiers: ReadonlyArray<Pick<DossierListItem, 'id' | 'code' | 'applicantName' | 'procedureName' | 'status'>>,
  procedures: ReadonlyArray<Pick<ProcedureSummary, 'id' | 'code' | 'name' | 'sector'>>,
): SearchHit[] {
  return [
    ...dossiers.map((d): SearchHit => ({
      kind: 'dossier',
      path: `/dossiers/${d.id}`,
      title: d.code,
      subtitle: d.applicantName,
      detail: d.procedureName,
      status: d.status,
    })),
    ...procedures.map((p): SearchHit => ({
      kind: 'procedure',
      path: `/procedures/${p.id}`,
      title: p.name,
      subtitle: p.code,
      detail: `${p.code} · ${p.sector.name}`,
    })),
  ];
}

/** Whether the element takes typed text, where "/" must stay a character. */
function isTextEntry(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; type?: string; isContentEditable?: boolean } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type ?? 'text');
}

/**
 * The header search's shortcuts: Ctrl+K (⌘K on a Mac) anywhere, and "/" when the focus is not in a text field.
 * @example isSearchShortcut({ key: '/', ctrlKey: false, metaKey: false, altKey: false, target: document.body }) // true (document.body: no text field)
 */
export function isSearchShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') return true;
  return e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target);
}
