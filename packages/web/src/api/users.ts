import { call } from './http';
import type { CreateUserInput, Page, UpdateUserInput, User, UserQuery } from './types';

export const userKeys = {
  all: ['users'] as const,
  list: (query: UserQuery) => ['users', 'list', query] as const,
};

export const listUsers = (query: UserQuery): Promise<Page<User>> => call('get', '/api/users', { query });

export const createUser = (input: CreateUserInput): Promise<User> => call('post', '/api/users', { body: input });

export const updateUser = (id: string, input: UpdateUserInput): Promise<User> => call('patch', '/api/users/{id}', { params: { id }, body: input });

export const resetUserPassword = (id: string, newPassword: string): Promise<void> =>
  call('post', '/api/users/{id}/reset-password', { params: { id }, body: { newPassword } });

/** Forgets the failed logins on the user's username from every address (POST /api/users/:id/unlock). */
export const unlockUser = (id: string): Promise<void> => call('post', '/api/users/{id}/unlock', { params: { id } });
