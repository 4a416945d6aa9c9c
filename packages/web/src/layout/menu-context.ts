import type { ParseKeys } from 'i18next';
import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '../api/types';

/** What a page needs to know of a menu entry to link to it (the home page's cards). */
export interface ModuleLink {
  key: string;
  path: string;
  labelKey: ParseKeys;
  descriptionKey: ParseKeys;
  icon: ReactNode;
  visible: (me: Me) => boolean;
  onHome: boolean;
}

/**
 * The menu's entries, provided by the layout. Pages read them here instead of importing `menu-entries.tsx`,
 * which imports every page (lazily): importing it back from a page would close a cycle.
 */
export const MenuEntriesContext = createContext<readonly ModuleLink[]>([]);

export const useMenuEntries = () => useContext(MenuEntriesContext);
