import { createContext, useContext } from 'react';
import type { Action } from '@cchc/domain';
import type { Me } from '../api/types';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user. Only valid below <RequireAuth>, which provides it. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() used outside <RequireAuth>');
  return me;
}

/**
 * True when the server says the user holds `action` on at least one unit.
 * It only decides what to show; the server checks every request again.
 */
export function hasPermission(me: Me, action: Action): boolean {
  return me.permissions.includes(action);
}
