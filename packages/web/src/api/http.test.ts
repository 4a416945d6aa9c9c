import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call } from './http';

function answering(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('typed API call', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fills the path parameters (encoded), adds the query and sends the method', async () => {
    const fetchMock = answering(204, undefined);
    await call('delete', '/api/units/{id}', { params: { id: 'a/b' }, query: { version: 3 } });
    expect(fetchMock).toHaveBeenCalledWith('/api/units/a%2Fb?version=3', expect.objectContaining({ method: 'DELETE', body: undefined }));
  });

  it('sends the body as JSON and returns the parsed answer', async () => {
    const fetchMock = answering(200, { id: 'u1' });
    const unit = await call('patch', '/api/units/{id}', { params: { id: 'u1' }, body: { version: 1, name: 'Phòng Một' } });
    expect(unit.id).toBe('u1');
    const init = fetchMock.mock.calls[0]![1];
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ version: 1, name: 'Phòng Một' });
  });

  it('turns a problem document into an ApiError with its code', async () => {
    answering(409, { type: 'x', title: 'Conflict', status: 409, code: 'conflict.stale_version' });
    await expect(call('patch', '/api/units/{id}', { params: { id: 'u1' }, body: { version: 1 } })).rejects.toEqual(
      expect.objectContaining({ status: 409, code: 'conflict.stale_version' }),
    );
    await expect(call('get', '/api/units')).rejects.toBeInstanceOf(ApiError);
  });
});
