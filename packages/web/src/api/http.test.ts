import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, call, download, upload } from './http';

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

  it('downloads a file with the name the server suggested, else the fallback', async () => {
    const fetchMock = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response('xlsx', { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''ho-so%20th%C3%A1ng.xlsx" } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const file = await download('get', '/api/dossier-imports/{id}/errors', { params: { id: 'j 1' }, query: { format: 'xlsx' } }, 'loi.xlsx');
    expect(file.fileName).toBe('ho-so tháng.xlsx');
    expect(await file.blob.text()).toBe('xlsx');
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/dossier-imports/j%201/errors?format=xlsx');
    fetchMock.mockImplementationOnce(async () => new Response('x', { status: 200 }));
    expect((await download('get', '/api/audit/export', { query: {} }, 'audit.xlsx')).fileName).toBe('audit.xlsx');
  });

  it('uploads one file as multipart (no JSON content type) and returns the parsed answer', async () => {
    const fetchMock = answering(202, { id: 'job-1' });
    const job = await upload('/api/dossier-imports', { query: { unitId: 'u1' } }, new File(['a,b'], 'ho-so.csv'));
    expect(job.id).toBe('job-1');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/dossier-imports?unitId=u1');
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
  });
});
