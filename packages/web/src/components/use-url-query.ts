import { useSearchParams } from 'react-router';

// A list page keeps its filters, page and sort in the address, so a filtered list can be bookmarked and
// shared (docs/architecture.md#lists-in-the-address). React Router commits a new address in a transition:
// until React renders it, the page and the handlers of its last render still hold the old query, and an
// input that arrives in between (a second filter chosen at once, on a busy machine) would write the old
// values back over the first change. So changes are applied to the address as it is at that moment.

/** The address bar's search parameters now, which a render may not have caught up with. */
export function currentSearchParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** The entries of `query` that have a value (not undefined, null or ''), as search parameters. */
export function toSearchParams(query: object): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') out.set(k, String(v));
  return out;
}

/** Sets the given parameters (deleting those given undefined or '') on `params`, keeping the others. */
export function patchedSearchParams(params: URLSearchParams, patch: Readonly<Record<string, string | number | undefined>>): URLSearchParams {
  const out = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch))
    if (v === undefined || v === '') out.delete(k);
    else out.set(k, String(v));
  return out;
}

/**
 * A page's query kept in the address. `read` turns search parameters into the query with its defaults;
 * `update(patch)` merges `patch` into the query read from the address now and replaces the address with
 * `write` of the result.
 */
export function useUrlQuery<Q extends object>(read: (params: URLSearchParams) => Q, write: (query: Q) => URLSearchParams = toSearchParams) {
  const [params, setParams] = useSearchParams();
  return {
    query: read(params),
    update: (patch: Partial<Q>) => setParams(write({ ...read(currentSearchParams()), ...patch }), { replace: true }),
  };
}

/** Changes single parameters of the address as it is now, keeping the others (see `patchedSearchParams`). */
export function useSearchParamsPatch() {
  const [params, setParams] = useSearchParams();
  return {
    params,
    patch: (patch: Readonly<Record<string, string | number | undefined>>) => setParams(patchedSearchParams(currentSearchParams(), patch), { replace: true }),
  };
}
