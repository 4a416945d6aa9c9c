import { useQuery } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation } from 'react-router';
import { getMe, meKeys } from '../api/auth';
import { ApiError } from '../api/http';
import { ErrorAlert } from '../components/error-alert';
import { FullPageSpinner } from '../components/full-page-spinner';
import { MeContext } from './me-context';

export const CHANGE_PASSWORD_PATH = '/account/password';

/** Loads the session; sends anonymous visitors to /login and flagged users to the password change. */
export function RequireAuth() {
  const location = useLocation();
  const me = useQuery({ queryKey: meKeys.me, queryFn: getMe, retry: false, staleTime: 5 * 60_000 });

  if (me.isPending) return <FullPageSpinner />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return (
      <main style={{ padding: 24 }}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (me.data.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return (
    <MeContext.Provider value={me.data}>
      <Outlet />
    </MeContext.Provider>
  );
}
