import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.js';

const parse = (text: string | Buffer) => parseFormBody(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));

describe('strict form bodies', () => {
  it('reads fields as browsers send them: + is a space, escapes are UTF-8', () => {
    const body = new URLSearchParams({ overall: '5', comment: 'บริการดี มาก & รวดเร็ว = 100%', empty: '' }).toString();
    expect(parse(body)).toEqual({ fields: { overall: '5', comment: 'บริการดี มาก & รวดเร็ว = 100%', empty: '' }, malformed: [] });
  });

  it('turns a repeated field into an array', () => {
    expect(parse('overall=5&overall=4&x').fields).toEqual({ overall: ['5', '4'], x: '' });
  });

  it('reports values that are not UTF-8 or have broken escapes, and keeps the others', () => {
    expect(parse('overall=5&comment=%E0%B8')).toEqual({ fields: { overall: '5' }, malformed: ['comment'] });
    expect(parse('comment=%FF%FEabc&overall=4')).toEqual({ fields: { overall: '4' }, malformed: ['comment'] });
    expect(parse('comment=50%&overall=4').malformed).toEqual(['comment']);
    expect(parse(Buffer.concat([Buffer.from('comment=ab'), Buffer.from([0xff]), Buffer.from('&overall=3')]))).toEqual({ fields: { overall: '3' }, malformed: ['comment'] });
    expect(parse('%C3=1').malformed).toEqual(['']);
  });

  it('gives prototype names no special meaning', () => {
    const { fields } = parse('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields.__proto__).toBe('x');
  });
});
