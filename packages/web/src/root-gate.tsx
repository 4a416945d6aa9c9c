import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { setUnauthorizedHandler } from './api/http';
import { getSetupStatus, setupKeys } from './api/setup';
import { ErrorAlert } from './components/error-alert';
import { FullPageSpinner } from './components/full-page-spinner';

const PUBLIC_PATHS = ['/login', '/setup'];

/**
 * Sends a fresh installation to /setup and away from it afterwards, and turns any 401 into a
 * trip to /login that remembers where the user was.
 */
export function RootGate() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useQuery({ queryKey: setupKeys.status, queryFn: getSetupStatus, staleTime: Infinity });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (PUBLIC_PATHS.includes(window.location.pathname)) return;
      const from = window.location.pathname + window.location.search;
      // Leave the protected pages first: clearing while they are mounted would refetch /api/me and
      // race this navigation with RequireAuth's own redirect, losing the "session expired" notice.
      void Promise.resolve(navigate('/login', { replace: true, state: { from, expired: true } })).then(() => queryClient.clear());
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient]);

  if (setup.isPending) return <FullPageSpinner />;
  if (setup.isError) {
    return (
      <main style={{ padding: 24 }}>
        <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />
      </main>
    );
  }
  const onSetup = location.pathname === '/setup';
  if (setup.data.needsSetup && !onSetup) return <Navigate to="/setup" replace />;
  if (!setup.data.needsSetup && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}
