/** Access: tokens with roles, panel scoped to its vacancies, browser sign-in, rate limiting. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledVacancies } from '../../src/rules/vacancy.js';
import { authenticate, loadTokens, TokenConfigError } from '../../src/server/tokens.js';
import { buildEssay, pleasantFilename, unityEssayParagraphs } from './essays.js';
import { closeTestPool, type Harness, makeHarness, TOKENS } from './harness.js';

let h: Harness;
const ids: Record<string, string> = {};
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  h = await makeHarness({ tokens: true });
  const a = await buildEssay({ paragraphs: unityEssayParagraphs('auth-a') });
  const b = await buildEssay({ paragraphs: unityEssayParagraphs('auth-b') });
  const up = (bytes: Buffer, name: string, vacancy: string) =>
    request(h.app)
      .post('/api/screenings')
      .set(bearer(TOKENS.uploader))
      .field('vacancy', vacancy)
      .attach('file', bytes, name);
  const ra = await up(a, pleasantFilename(), '250875');
  const rb = await up(b, 'ASG-PASP Key challenges.docx', 'ASG-PASP');
  expect(ra.status).toBe(201);
  expect(ra.body.screening.uploader).toBe('hr-portal');
  ids.a = ra.body.id;
  ids.b = rb.body.id;
});
afterAll(async () => {
  await h.close();
  await closeTestPool();
});

describe('with tokens configured', () => {
  it('needs a token on every route but /healthz', async () => {
    expect((await request(h.app).get('/healthz')).status).toBe(200);
    for (const path of [
      '/api/screenings',
      `/api/screenings/${ids.a}`,
      `/api/screenings/${ids.a}/file`,
      '/api/openapi.json',
    ]) {
      const res = await request(h.app).get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const post = await request(h.app)
      .post('/api/screenings')
      .field('vacancy', '250875')
      .attach('file', Buffer.from('x'), 'a.docx');
    expect(post.status).toBe(401);
    expect((await request(h.app).delete(`/api/screenings/${ids.a}`)).status).toBe(401);
    const wrong = await request(h.app).get('/api/screenings').set(bearer('not-a-real-token-at-all'));
    expect(wrong.status).toBe(401);
    const page = await request(h.app).get('/queue?vacancy=250875');
    expect(page.status).toBe(401);
    expect(page.text).toContain('Access token');
  });

  it('lets an uploader upload but not read', async () => {
    expect((await request(h.app).get('/api/screenings').set(bearer(TOKENS.uploader))).status).toBe(403);
    expect((await request(h.app).get(`/api/screenings/${ids.a}`).set(bearer(TOKENS.uploader))).status).toBe(403);
    expect((await request(h.app).get('/queue').set(bearer(TOKENS.uploader))).status).toBe(403);
  });

  it('lets a panel token read its vacancy only', async () => {
    const own = await request(h.app).get(`/api/screenings/${ids.a}`).set(bearer(TOKENS.panel250875));
    expect(own.status).toBe(200);
    expect((await request(h.app).get(`/api/screenings/${ids.a}/file`).set(bearer(TOKENS.panel250875))).status).toBe(
      200,
    );

    const other = await request(h.app).get(`/api/screenings/${ids.b}`).set(bearer(TOKENS.panel250875));
    expect(other.status).toBe(404);
    expect((await request(h.app).get(`/api/screenings/${ids.b}/file`).set(bearer(TOKENS.panel250875))).status).toBe(
      404,
    );

    const list = await request(h.app).get('/api/screenings').set(bearer(TOKENS.panel250875));
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([ids.a]);
    const forbidden = await request(h.app).get('/api/screenings?vacancy=ASG-PASP').set(bearer(TOKENS.panel250875));
    expect(forbidden.status).toBe(403);

    const queue = await request(h.app).get('/queue?vacancy=ASG-PASP').set(bearer(TOKENS.panel250875));
    expect(queue.status).toBe(403);
    const detail = await request(h.app).get(`/queue/${ids.b}`).set(bearer(TOKENS.panel250875));
    expect(detail.status).toBe(404);
    const index = await request(h.app).get('/queue').set(bearer(TOKENS.panel250875));
    expect(index.text).toContain('250875');
    expect(index.text).not.toContain('ASG-PASP');

    const upload = await request(h.app)
      .post('/api/screenings')
      .set(bearer(TOKENS.panel250875))
      .field('vacancy', '250875')
      .attach('file', Buffer.from('x'), 'a.docx');
    expect(upload.status).toBe(403);
    expect((await request(h.app).delete(`/api/screenings/${ids.a}`).set(bearer(TOKENS.panel250875))).status).toBe(403);
  });

  it('records the panel token as reviewer, with the typed name', async () => {
    const res = await request(h.app)
      .post(`/api/screenings/${ids.a}/review`)
      .set(bearer(TOKENS.panel250875))
      .send({ reviewer: 'Dr Ana Smith', note: 'fine' });
    expect(res.body.screening.review.reviewer).toBe('Dr Ana Smith (panel-a)');
    const other = await request(h.app)
      .post(`/api/screenings/${ids.b}/review`)
      .set(bearer(TOKENS.panel250875))
      .send({ note: 'x' });
    expect(other.status).toBe(404);
  });

  it('lets only an admin delete', async () => {
    const del = await request(h.app).delete(`/api/screenings/${ids.b}`).set(bearer(TOKENS.admin));
    expect(del.status).toBe(204);
  });

  it('signs a browser in with the token form (HttpOnly cookie) and out again', async () => {
    const agent = request.agent(h.app);
    const bad = await agent.post('/login').type('form').send({ token: 'wrong-token-wrong-token', next: '/queue' });
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('not recognised');

    const login = await agent
      .post('/login')
      .type('form')
      .send({ token: TOKENS.panel250875, next: '/queue?vacancy=250875' });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/queue?vacancy=250875');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const queue = await agent.get('/queue?vacancy=250875');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Signed in as');

    const offsite = await agent
      .post('/login')
      .type('form')
      .send({ token: TOKENS.panel250875, next: '//evil.example/' });
    expect(offsite.headers.location).toBe('/queue');

    await agent.post('/logout');
    expect((await agent.get('/queue')).status).toBe(401);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the limit per client', async () => {
    const limited = await makeHarness({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await request(limited.app).get('/api/screenings')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await request(limited.app).get('/api/screenings');
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.headers['ratelimit-policy'] ?? res.headers.ratelimit).toBeTruthy();
      expect((await request(limited.app).get('/healthz')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('token configuration', () => {
  const vacancies = bundledVacancies();

  it('reads the environment form and a YAML file, with digests instead of tokens', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { createHash } = await import('node:crypto');
    const dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    const file = join(dir, 'tokens.yaml');
    const secret = 'a-panel-member-secret-token';
    writeFileSync(
      file,
      `tokens:\n  - name: panel-x\n    role: panel\n    vacancies: [PASP0109]\n    sha256: ${createHash('sha256').update(secret).digest('hex')}\n`,
    );
    const entries = loadTokens({ file, env: 'admin=an-admin-token-long-enough', vacancies });
    expect(authenticate(secret, entries)).toEqual({ name: 'panel-x', role: 'panel', vacancies: ['250875'] });
    expect(authenticate('an-admin-token-long-enough', entries)).toMatchObject({ name: 'admin', role: 'admin' });
    expect(authenticate('nothing', entries)).toBeUndefined();
  });

  it('refuses short tokens, unknown vacancies, panel tokens without vacancies, and unreadable entries', () => {
    expect(() => loadTokens({ env: 'admin=short', vacancies })).toThrow(TokenConfigError);
    expect(() => loadTokens({ env: 'panel:NOPE=a-long-enough-token-here', vacancies })).toThrow(
      /unknown vacancy "NOPE"/,
    );
    expect(() => loadTokens({ env: 'panel=a-long-enough-token-here', vacancies })).toThrow(/needs "vacancies"/);
    expect(() => loadTokens({ env: 'superuser=a-long-enough-token-here', vacancies })).toThrow(
      /role uploader, panel or admin/,
    );
    expect(() =>
      loadTokens({ env: 'admin=a-long-enough-token-here;uploader=a-long-enough-token-here', vacancies }),
    ).toThrow(/twice/);
    expect(() => loadTokens({ file: '/no/such/tokens.yaml', vacancies })).toThrow(/cannot read the tokens file/);
  });
});
