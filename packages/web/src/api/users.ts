import { request, withQuery } from './http';
import type { CreateUserInput, Page, UpdateUserInput, User, UserQuery } from './types';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserQuery) => ['users', 'list', query] as const,
};

export const listUsers = (query: UserQuery): Promise<Page<User>> =>
  request<Page<User>>(withQuery('/api/users', { ...query }));

export const createUser = (input: CreateUserInput): Promise<User> =>
  request<User>('/api/users', { method: 'POST', body: input });

export const updateUser = (id: string, input: UpdateUserInput): Promise<User> =>
  request<User>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });

export const resetUserPassword = (id: string, newPassword: string): Promise<void> =>
  request<void>(`/api/users/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    body: { newPassword },
  });

/** Forgets the failed logins on the user's username from every address (POST /api/users/:id/unlock). */
export const unlockUser = (id: string): Promise<void> =>
  request<void>(`/api/users/${encodeURIComponent(id)}/unlock`, { method: 'POST' });
