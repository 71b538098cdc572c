import express from 'express';
import request from 'supertest';
import { SerializedJson, sendSerializedJson, serializedOnce } from './SerializedJson';

describe('sendSerializedJson', () => {
  const big = { routes: Array.from({ length: 500 }, (_, index) => ({ name: `route-${index}`, hostnames: [`r${index}.demo.lab`] })) };
  const answer = new SerializedJson(big);
  const app = express().get('/big', (req, res) => sendSerializedJson(req, res, answer));

  it('sends the pre-compressed body to clients that accept gzip, and the same gzip buffer each time', async () => {
    const response = await request(app).get('/big').set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual(big);
    expect(await answer.gzip()).toBe(await answer.gzip());
    expect((await answer.gzip()).length).toBeLessThan(answer.body.length / 4);
  });

  it('sends plain JSON to clients that do not accept gzip', async () => {
    const response = await request(app).get('/big').set('Accept-Encoding', 'identity');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(answer.body.length);
    expect(response.body).toEqual(big);
  });

  it('answers 304 without a body when the client sends the current ETag, and the whole answer after a change', async () => {
    const first = await request(app).get('/big').set('Accept-Encoding', 'gzip');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9_-]{27}"$/);
    const again = await request(app).get('/big').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    const changed = new SerializedJson({ ...big, extra: true });
    expect(changed.etag).not.toBe(etag);
    const other = express().get('/big', (req, res) => sendSerializedJson(req, res, changed));
    const fresh = await request(other).get('/big').set('If-None-Match', etag);
    expect(fresh.status).toBe(200);
    expect(fresh.body.extra).toBe(true);
  });
});

describe('serializedOnce', () => {
  it('serializes an answer object once and a different object anew', () => {
    const path = { paths: [{ hostname: 'jellyfin.demo.lab' }] };
    expect(serializedOnce(path)).toBe(serializedOnce(path));
    expect(serializedOnce({ ...path })).not.toBe(serializedOnce(path));
    expect(JSON.parse(serializedOnce(path).body.toString())).toEqual(path);
  });
});
