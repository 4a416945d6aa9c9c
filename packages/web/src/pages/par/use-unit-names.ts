import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listUnits, unitKeys } from '../../api/units';

/** Unit id → name for the units the user can see; a unit outside that scope has no name here. */
export function useUnitNames(): (unitId: string | null | undefined) => string | null {
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
  const names = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  return (unitId) => (unitId ? (names.get(unitId) ?? null) : null);
}
