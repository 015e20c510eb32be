import { readFileSync } from 'node:fs';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../paths.js';
import { decodeQr } from '../../../test/support/qr.js';
import { NAME_FIT, nameStep, QrCode, visualLength } from './views.js';

describe('poster name fitting', () => {
  it('counts Thai vowels above and below and tone marks as taking no width', () => {
    expect(visualLength('น้ำ')).toBe(2);
    expect(visualLength('ผู้ใหญ่บ้าน')).toBe(7);
    expect(visualLength('Pong Yaeng')).toBe(10);
    // Decomposed input is measured like its NFC form.
    expect(visualLength('น\u0E49\u0E33')).toBe(visualLength('น้ำ'));
  });

  it('gives short names the largest step and never a larger step to a longer name', () => {
    for (const size of ['poster', 'sticker'] as const) {
      expect(nameStep('น้ำ', size)).toBe(1);
      let previous = 1;
      for (let length = 1; length <= 400; length += 7) {
        const step = nameStep('ก'.repeat(length), size);
        expect(step).toBeGreaterThanOrEqual(previous);
        previous = step;
      }
      expect(previous).toBe(NAME_FIT[size].sizesPt.length);
    }
  });

  it('keeps the stylesheet’s .fit-N sizes in step with NAME_FIT', () => {
    const css = readFileSync(fromRoot('src/http/public/css/poster.css'), 'utf8');
    for (const [size, fit] of Object.entries(NAME_FIT)) {
      fit.sizesPt.forEach((pt, index) => {
        expect(css).toContain(`.sheet-${size} .fit-${index + 1} { font-size: ${pt}pt; }`);
      });
    }
  });
});

describe('QR code', () => {
  it('draws an SVG that decodes to the given URL', async () => {
    const url = 'https://citizeninfo.example.go.th/p/K7Q2MX/rate';
    const svg = renderToString(h(QrCode, { text: url, label: 'QR', className: 'qr' }));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(await decodeQr(Buffer.from(svg), { density: 300, width: 600 })).toBe(url);
  });
});
