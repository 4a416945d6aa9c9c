import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { CHANGE_PASSWORD_PATH, RequireAuth } from './auth/require-auth';
import { FullPageSpinner } from './components/full-page-spinner';
import { AppLayout } from './layout/app-layout';
import { MENU_ENTRIES } from './layout/menu-entries';
import { RequireEntry } from './layout/require-entry';
import { NotFoundPage } from './pages/not-found-page';
import { RootGate } from './root-gate';

const SetupPage = lazy(() => import('./pages/setup/setup-page').then((m) => ({ default: m.SetupPage })));
const LoginPage = lazy(() => import('./pages/login/login-page').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./pages/account/change-password-page').then((m) => ({ default: m.ChangePasswordPage })));
const TokensPage = lazy(() => import('./pages/account/tokens-page').then((m) => ({ default: m.TokensPage })));
const PrintReceiptPage = lazy(() => import('./pages/dossiers/print-receipt-page').then((m) => ({ default: m.PrintReceiptPage })));
const NotificationsPage = lazy(() => import('./pages/notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })));

// Module pages come from the menu registry; pages outside the menu are listed here.
const modulePages: RouteObject[] = MENU_ENTRIES.map((entry) => ({
  path: entry.path,
  element: <RequireEntry entry={entry} />,
}));

export const routes: RouteObject[] = [
  {
    element: <RootGate />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      { path: '/login', element: <LoginPage /> },
      {
        element: <RequireAuth />,
        children: [
          // A sheet to print, outside the app's frame (issue #13 item 5); the server checks who may read it.
          {
            path: '/dossiers/:id/print-receipt',
            element: (
              <Suspense fallback={<FullPageSpinner />}>
                <PrintReceiptPage />
              </Suspense>
            ),
          },
          {
            element: <AppLayout />,
            children: [
              ...modulePages,
              { path: CHANGE_PASSWORD_PATH, element: <ChangePasswordPage /> },
              { path: '/account/tokens', element: <TokensPage /> },
              { path: '/notifications', element: <NotificationsPage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
