// The portal's rules that need no browser: act buttons from the server's steps (R-ACT-2), images
// refused before upload (R-DOC-2), drawing geometry, register paging, routing.
import { describe, expect, it } from 'vitest';
import { actButtons } from '../src/portal/acts.js';
import { looksLikeImage, isImageFile } from '../src/portal/files.js';
import { drawnGeometry } from '../src/portal/object-new.js';
import { nextCursor } from '../src/portal/objects.js';
import { anchorOf, tileUrls, DEFAULT_MAP } from '../src/portal/map/config.js';
import { match, parseHash, href } from '../src/app/router.js';
import { mayOpen, navFor, registerScreen } from '../src/app/registry.js';

describe('act workflow buttons (R-ACT-2)', () => {
  const act = (...steps: string[]) => ({ steps });
  it('are the steps the server lists for the caller, with edit beside submit', () => {
    expect(actButtons(act('submit'))).toEqual(['edit', 'submit']);
    expect(actButtons(act('approve', 'return'))).toEqual(['approve', 'return']);
    expect(actButtons(act('return', 'approve'))).toEqual(['approve', 'return']);
    expect(actButtons(act('sign'))).toEqual(['sign']);
    expect(actButtons(act('register'))).toEqual(['register']);
    expect(actButtons(act())).toEqual([]);
  });
  it('show no button for a step the page does not know', () => {
    expect(actButtons(act('archive', 'sign'))).toEqual(['sign']);
  });
});

describe('images are refused before upload (R-DOC-2)', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  const ascii = (s: string) => new TextEncoder().encode(s);
  it('by their first bytes, whatever the name', async () => {
    expect(looksLikeImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(looksLikeImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).toBe(true);
    expect(looksLikeImage(ascii('GIF89a'))).toBe(true);
    expect(looksLikeImage(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
    expect(looksLikeImage(bytes(0, 0, 0, 0x18, ...ascii('ftypheic')))).toBe(true);
    expect(looksLikeImage(ascii('II*\0'))).toBe(true);
    expect(looksLikeImage(ascii('%PDF-1.7\n'))).toBe(false);
    expect(looksLikeImage(ascii('PK\x03\x04'))).toBe(false);
    const disguised = new File([bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)], 'act.pdf', { type: 'application/pdf' });
    expect(await isImageFile(disguised)).toBe(true);
    const pdf = new File([ascii('%PDF-1.7\n%%EOF')], 'act.pdf', { type: 'application/pdf' });
    expect(await isImageFile(pdf)).toBe(false);
    expect(await isImageFile(new File([ascii('x')], 'photo.HEIC', { type: '' }))).toBe(true);
  });
});

describe('map helpers (R-GEO-1)', () => {
  it('close a drawn polygon and take the last click as the point', () => {
    expect(drawnGeometry('point', [])).toBeNull();
    expect(drawnGeometry('point', [[71, 51], [71.5, 51.2]])).toEqual({ type: 'Point', coordinates: [71.5, 51.2] });
    expect(drawnGeometry('polygon', [[71, 51], [72, 51]])).toBeNull();
    expect(drawnGeometry('polygon', [[71, 51], [72, 51], [72, 52]])).toEqual({
      type: 'Polygon',
      coordinates: [[[71, 51], [72, 51], [72, 52], [71, 51]]],
    });
  });
  it('anchor a polygon at the centre of its box', () => {
    expect(anchorOf({ type: 'Polygon', coordinates: [[[70, 50], [72, 50], [72, 52], [70, 50]]] })).toEqual([71, 51]);
    expect(anchorOf({ type: 'Point', coordinates: [71.4, 51.1] })).toEqual([71.4, 51.1]);
    expect(anchorOf(null)).toBeNull();
  });
  it('use OpenStreetMap by default and expand {s}', () => {
    expect(tileUrls(DEFAULT_MAP)).toEqual(['https://tile.openstreetmap.org/{z}/{x}/{y}.png']);
    expect(tileUrls({ ...DEFAULT_MAP, tile_url: 'https://{s}.t.kz/{z}/{x}/{y}.png', subdomains: ['a', 'b'] })).toEqual([
      'https://a.t.kz/{z}/{x}/{y}.png',
      'https://b.t.kz/{z}/{x}/{y}.png',
    ]);
  });
  it('page the register by the next link', () => {
    expect(nextCursor({ type: 'FeatureCollection', features: [], links: [{ rel: 'next', href: '/api/v1/objects?after=42&limit=50&type=field' }] })).toBe('42');
    expect(nextCursor({ type: 'FeatureCollection', features: [], links: [] })).toBeUndefined();
  });
});

describe('router and registry', () => {
  it('match patterns and parse hashes', () => {
    expect(match('/objects/:id', '/objects/0190-ab')).toEqual({ id: '0190-ab' });
    expect(match('/objects/:id', '/objects')).toBeNull();
    expect(match('/objects/new', '/objects/new')).toEqual({});
    const loc = parseHash('#/objects?type=field&crop=wheat');
    expect(loc.path).toBe('/objects');
    expect(loc.query.get('crop')).toBe('wheat');
    expect(parseHash('').path).toBe('/');
    expect(href('/map', { type: 'field', crop: '' })).toBe('#/map?type=field');
  });
  it('show each role only its menu', () => {
    const none = async () => ({ default: () => null });
    registerScreen({ path: '/t-admin', title: 'x', roles: ['administrator'], nav: 1, load: none });
    registerScreen({ path: '/t-all', title: 'y', nav: 2, load: none });
    registerScreen({ path: '/t-hidden', title: 'z', load: none });
    expect(navFor('administrator').map((s) => s.path)).toEqual(['/t-admin', '/t-all']);
    expect(navFor('inspector').map((s) => s.path)).toEqual(['/t-all']);
    expect(mayOpen({ path: '/p', title: 'p', public: true, load: none }, null)).toBe(true);
    expect(() => registerScreen({ path: '/t-all', title: 'y', load: none })).toThrow();
  });
});

describe('times on screen', () => {
  it('are Almaty time as dd.mm.yyyy hh:mm', async () => {
    const { fmtTime } = await import('../src/app/i18n-app.js');
    expect(fmtTime('2026-06-10T05:30:00Z')).toBe('10.06.2026 10:30');
    expect(fmtTime('2026-12-31T19:05:00Z')).toBe('01.01.2027 00:05');
    expect(fmtTime(null)).toBe('');
  });
});

describe('map tiles (R-GEO-1, issue 16)', () => {
  it('asks each layer for the filters that apply to it, and opens the object a feature is of', async () => {
    const { tileQuery, tileUrl, mapFiltersFrom, shown, opens } = await import('../src/portal/map/tiles.js');
    const f = mapFiltersFrom(new URLSearchParams('type=field&status=archived&organism=ACLRGL&from=2026-06-01&category=quarantine&zone_status=established&hide=zones&crop=x'));
    expect(tileQuery('objects', f)).toBe('?type=field&status=archived&organism=ACLRGL&from=2026-06-01');
    expect(tileQuery('findings', f)).toBe('?category=quarantine&organism=ACLRGL&from=2026-06-01');
    expect(tileQuery('zones', f)).toBe('?status=established&organism=ACLRGL&from=2026-06-01');
    expect(tileUrl('http://h', 'objects', {})).toBe('http://h/api/v1/tiles/objects/{z}/{x}/{y}.mvt');
    expect([shown(f, 'zones'), shown(f, 'objects')]).toEqual([false, true]);
    expect(opens('objects', { id: 'o1' })).toBe('/objects/o1');
    expect(opens('findings', { id: 's1', object: 'o2' })).toBe('/objects/o2');
    expect(opens('findings', { id: 's1' })).toBe('/surveys/s1');
    expect(opens('zones', { id: 'z1' })).toBeNull();
  });

  it('counts what is in view once: cells, and objects drawn in two tiles', async () => {
    const { summarise } = await import('../src/portal/map/tiles.js');
    const s = summarise([
      { properties: { count: 40 } },
      { properties: { count: 2 } },
      { properties: { id: 'b', name: 'Бидай' } },
      { properties: { id: 'a', name: 'Арпа' } },
      { properties: { id: 'b', name: 'Бидай' } },
    ]);
    expect(s.count).toBe(44);
    expect(s.listed.map((l) => l.name)).toEqual(['Арпа', 'Бидай']);
  });
});

describe('notification links (R-NOTIF-1, R-PD-1, issue 15)', async () => {
  const { targetHref } = await import('../src/portal/notifications.js');
  it('lead administrators from a filed privacy request to the privacy screen, and the person to their data', () => {
    expect(targetHref('rectification', 'r1', 'rectification-filed')).toBe('#/admin/privacy');
    expect(targetHref('withdrawal', 'w1', 'withdrawal-filed')).toBe('#/admin/privacy');
    expect(targetHref('rectification', 'r1', 'rectification-resolved')).toBe('#/me');
    expect(targetHref('withdrawal', 'w1', 'withdrawal-resolved')).toBe('#/me');
    expect(targetHref('act', 'a1', 'act-approved')).toBe('#/acts/a1');
    expect(targetHref('nothing', 'x', 'x')).toBeUndefined();
  });
});
