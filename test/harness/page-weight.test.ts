import { describe, expect, it } from 'vitest';
import { describeWeight, summarise, tileMatcher, type Transfer } from './page-weight.js';

const transfer = (url: string, bodyBytes: number, resourceType = 'other', headerBytes = 100): Transfer => ({
  url,
  status: 200,
  resourceType,
  bodyBytes,
  headerBytes,
});

describe('tileMatcher', () => {
  it('matches the tile host of a template without subdomains, and nothing else', () => {
    const isTile = tileMatcher('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(isTile('https://tile.openstreetmap.org/12/3205/1910.png')).toBe(true);
    expect(isTile('https://a.tile.openstreetmap.org/12/3205/1910.png')).toBe(false);
    expect(isTile('http://tile.openstreetmap.org/12/3205/1910.png')).toBe(false);
    expect(isTile('https://openstreetmap.org/')).toBe(false);
    expect(isTile('http://127.0.0.1:3000/assets/css/site.css')).toBe(false);
    expect(isTile('not a url')).toBe(false);
  });

  it('matches any subdomain for {s}, but not the bare domain or a look-alike', () => {
    const isTile = tileMatcher('https://{s}.tile.example.org:8443/{z}/{x}/{y}.png?key={apikey}');
    expect(isTile('https://a.tile.example.org:8443/1/2/3.png')).toBe(true);
    expect(isTile('https://c.tile.example.org:8443/1/2/3.png?key=x')).toBe(true);
    expect(isTile('https://tile.example.org:8443/1/2/3.png')).toBe(false);
    expect(isTile('https://a.tile.example.org/1/2/3.png')).toBe(false);
    expect(isTile('https://a.eviltile.example.org:8443/1/2/3.png')).toBe(false);
  });
});

describe('summarise', () => {
  const origin = 'http://127.0.0.1:3000/p/ABC234';
  const isTile = tileMatcher('https://tile.openstreetmap.org/{z}/{x}/{y}.png');

  it('adds up the bodies of the page, leaving tiles and inline data out', () => {
    const weight = summarise(
      [
        transfer('http://127.0.0.1:3000/p/ABC234', 9000, 'document', 900),
        transfer('http://127.0.0.1:3000/assets/css/site.css?v=1', 3000, 'stylesheet'),
        transfer('http://127.0.0.1:3000/assets/js/main.js?v=1', 1000, 'script'),
        transfer('http://127.0.0.1:3000/assets/js/chunks/map.js', 2000, 'script'),
        transfer('https://tile.openstreetmap.org/12/1/1.png', 40_000, 'image'),
        transfer('https://tile.openstreetmap.org/12/1/2.png', 40_000, 'image'),
        transfer('data:image/svg+xml;base64,AAAA', 500, 'image'),
      ],
      { origin, isTile },
    );
    expect(weight.bodyBytes).toBe(15_000);
    expect(weight.headerBytes).toBe(900 + 3 * 100);
    expect(weight.requests).toBe(4);
    expect(weight.tileRequests).toBe(2);
    expect(weight.bodyBytesByType).toEqual({ document: 9000, stylesheet: 3000, script: 3000 });
    expect(weight.foreignHosts).toEqual([]);
    expect(weight.transfers.map((t) => t.bodyBytes)).toEqual([9000, 3000, 2000, 1000]);
  });

  it('counts requests to other hosts and names them', () => {
    const weight = summarise(
      [transfer('http://127.0.0.1:3000/', 5000, 'document'), transfer('https://fonts.example.com/x.woff2', 20_000, 'font'), transfer('https://cdn.example.net/a.js', 1, 'script')],
      { origin, isTile },
    );
    expect(weight.bodyBytes).toBe(25_001);
    expect(weight.foreignHosts).toEqual(['cdn.example.net', 'fonts.example.com']);
  });

  it('treats another port on the same machine as another site', () => {
    const weight = summarise([transfer('http://127.0.0.1:4000/x.js', 10, 'script')], { origin, isTile });
    expect(weight.foreignHosts).toEqual(['127.0.0.1:4000']);
  });

  it('weighs an empty record as nothing', () => {
    const weight = summarise([], { origin, isTile });
    expect(weight).toMatchObject({ bodyBytes: 0, headerBytes: 0, requests: 0, tileRequests: 0, foreignHosts: [] });
  });

  it('describes the weight largest first, in kilobytes', () => {
    const weight = summarise([transfer('http://127.0.0.1:3000/a.css', 2048, 'stylesheet'), transfer('http://127.0.0.1:3000/', 10_240, 'document')], { origin, isTile });
    const lines = describeWeight(weight).split('\n');
    expect(lines[0]).toBe('12.0 KB in 2 requests (0 tile requests left out):');
    expect(lines[1]).toContain('10.0 KB');
    expect(lines[1]).toContain('document');
    expect(lines[2]).toContain('2.0 KB');
  });
});
