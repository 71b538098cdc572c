import express from 'express';
import request from 'supertest';
import { SerializedJson, sendSerializedJson } from './SerializedJson';

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
});
