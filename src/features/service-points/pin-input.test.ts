import { describe, expect, it } from 'vitest';
import { checkPosition, formatPosition, readPinInput } from './pin-input.js';
import { pinProblemText } from './pin-messages.js';

const at = (lat: number, lng: number) => ({ lat: expect.closeTo(lat, 5), lng: expect.closeTo(lng, 5) });

describe('reading typed coordinates', () => {
  it.each([
    ['13.7563, 100.5018'],
    ['13.7563,100.5018'],
    ['13.7563 100.5018'],
    ['  13.7563 ,  100.5018  '],
    ['(13.7563, 100.5018)'],
    ['[13.7563, 100.5018]'],
    ['13.7563; 100.5018'],
    ['lat: 13.7563, lng: 100.5018'],
    ['Latitude 13.7563 Longitude 100.5018'],
    ['ละติจูด 13.7563 ลองจิจูด 100.5018'],
    ['พิกัด 13.7563, 100.5018'],
    ['13.7563° N, 100.5018° E'],
    ['13.7563N 100.5018E'],
    ['N13.7563 E100.5018'],
    ['N 13.7563, E 100.5018'],
    ['100.5018E 13.7563N'],
    ['13.7563\u00a0100.5018'],
    ['+13.7563, +100.5018'],
  ])('reads %j as decimal degrees', (text) => {
    expect(readPinInput(text)).toEqual({ ok: true, source: 'decimal', ...at(13.7563, 100.5018) });
  });

  it.each([
    [`13°45'22.7"N 100°30'06.5"E`, 13.756306, 100.501806],
    [`13°45'22.7"N, 100°30'06.5"E`, 13.756306, 100.501806],
    [`13° 45' 22.7" N 100° 30' 6.5" E`, 13.756306, 100.501806],
    [`N 13°45'22.7" E 100°30'06.5"`, 13.756306, 100.501806],
    [`13°45′22.7″N 100°30′06.5″E`, 13.756306, 100.501806],
    [`13º45'22.7"N 100º30'06.5"E`, 13.756306, 100.501806],
    [`13d45m22.7sN 100d30m6.5sE`, 13.756306, 100.501806],
    [`100°30'06.5"E 13°45'22.7"N`, 13.756306, 100.501806],
    [`18°47.2'N 98°59.1'E`, 18.786667, 98.985],
    [`7°53'N 98°23'E`, 7.883333, 98.383333],
  ])('reads %j as degrees, minutes and seconds', (text, lat, lng) => {
    expect(readPinInput(text)).toEqual({ ok: true, source: 'dms', ...at(lat, lng) });
  });

  it('rounds to six decimals (about 10 cm)', () => {
    expect(readPinInput('13.75631234567, 100.50181234567')).toEqual({ ok: true, source: 'decimal', lat: 13.756312, lng: 100.501812 });
  });

  it('writes positions back the way it reads them', () => {
    const text = formatPosition(18.788344, 98.985313);
    expect(text).toBe('18.788344, 98.985313');
    expect(readPinInput(text)).toMatchObject({ ok: true, lat: 18.788344, lng: 98.985313 });
  });
});

describe('reading map links', () => {
  it.each([
    // Google Maps: a place (its own position beats the centre of the view)
    ['https://www.google.com/maps/place/Wat+Phra+Kaew/@13.7515,100.4905,17z/data=!3m1!4b1!4m6!3m5!1s0x30e2993!8m2!3d13.7516435!4d100.4927041!16zL20vMDFxNjk?entry=ttu', 13.751644, 100.492704],
    ['https://www.google.com/maps/@13.7563,100.5018,15z', 13.7563, 100.5018],
    ['https://www.google.co.th/maps/@18.7883,98.9853,16.5z?hl=th', 18.7883, 98.9853],
    ['https://maps.google.com/?q=13.7563,100.5018', 13.7563, 100.5018],
    ['https://www.google.com/maps?q=13.7563,+100.5018&z=17', 13.7563, 100.5018],
    ['https://maps.google.com/maps?q=loc:13.7563,100.5018', 13.7563, 100.5018],
    ['https://www.google.com/maps/search/?api=1&query=13.7563%2C100.5018', 13.7563, 100.5018],
    ['https://www.google.com/maps/dir/?api=1&destination=13.7563,100.5018', 13.7563, 100.5018],
    ['https://www.google.com/maps/search/13.7563,+100.5018?entry=tts', 13.7563, 100.5018],
    ['https://www.google.com/maps/place/13%C2%B045\'22.7%22N+100%C2%B030\'06.5%22E/@13.7563,100.5018,17z/data=!3m1!4b1!4m4!3m3!8m2!3d13.756306!4d100.501806', 13.756306, 100.501806],
    ['www.google.com/maps/@13.7563,100.5018,15z', 13.7563, 100.5018],
    // Longdo Map
    ['https://map.longdo.com/?lat=13.7563&long=100.5018&zoom=15', 13.7563, 100.5018],
    ['https://map.longdo.com/main?lat=18.7883&long=98.9853', 18.7883, 98.9853],
    ['map.longdo.com/?zoom=12&lat=7.8804&long=98.3923', 7.8804, 98.3923],
    // OpenStreetMap: the marker beats the view
    ['https://www.openstreetmap.org/#map=17/13.7563/100.5018', 13.7563, 100.5018],
    ['https://www.openstreetmap.org/?mlat=13.7563&mlon=100.5018#map=12/13.7000/100.4000', 13.7563, 100.5018],
    ['https://www.openstreetmap.org/search?query=bangkok#map=15/13.75630/100.50180&layers=H', 13.7563, 100.5018],
    // Others
    ['geo:13.7563,100.5018?z=17', 13.7563, 100.5018],
    ['https://maps.apple.com/?ll=13.7563,100.5018&q=Office', 13.7563, 100.5018],
  ])('reads %s', (text, lat, lng) => {
    expect(readPinInput(text)).toEqual({ ok: true, source: 'link', ...at(lat, lng) });
  });

  it.each(['https://maps.app.goo.gl/aBcDeFgHiJkLmN123', 'maps.app.goo.gl/aBcDeFgHiJ', 'https://goo.gl/maps/XyZ123', 'https://osm.org/go/4ZXAgJm--'])(
    'says a short link %s cannot be resolved offline',
    (text) => {
      expect(readPinInput(text)).toEqual({ ok: false, problem: 'short_link' });
    },
  );

  it.each([
    'https://www.google.com/maps/place/%E0%B8%97%E0%B8%B5%E0%B9%88%E0%B8%A7%E0%B9%88%E0%B8%B2%E0%B8%81%E0%B8%B2%E0%B8%A3',
    'https://maps.google.com/?q=ที่ว่าการอำเภอเมืองเชียงใหม่',
    'https://map.longdo.com/p/A10000001',
    'https://www.openstreetmap.org/way/123456',
  ])('says %s has no coordinates', (text) => {
    expect(readPinInput(text)).toEqual({ ok: false, problem: 'link_without_coordinates' });
  });

  it('does not read a link of an unknown site', () => {
    expect(readPinInput('https://example.com/office')).toEqual({ ok: false, problem: 'unrecognised' });
  });
});

describe('refusing wrong positions', () => {
  it('refuses 0,0', () => {
    expect(readPinInput('0, 0')).toEqual({ ok: false, problem: 'zero' });
    expect(readPinInput('0.000000, 0.000000')).toEqual({ ok: false, problem: 'zero' });
    expect(readPinInput('https://www.google.com/maps/@0,0,3z')).toEqual({ ok: false, problem: 'zero' });
  });

  it('detects swapped latitude and longitude and suggests the right order', () => {
    expect(readPinInput('100.5018, 13.7563')).toEqual({ ok: false, problem: 'swapped', suggestion: { lat: 13.7563, lng: 100.5018 } });
    expect(readPinInput('100.5, 13.7')).toMatchObject({ ok: false, problem: 'swapped' });
    expect(readPinInput('https://map.longdo.com/?lat=100.5018&long=13.7563')).toMatchObject({ ok: false, problem: 'swapped' });
    expect(checkPosition(98.98, 18.78, 'decimal')).toMatchObject({ ok: false, problem: 'swapped', suggestion: { lat: 18.78, lng: 98.98 } });
  });

  it('refuses places outside Thailand', () => {
    expect(readPinInput('51.5074, -0.1278')).toEqual({ ok: false, problem: 'outside_thailand' }); // London
    expect(readPinInput('1.3521, 103.8198')).toEqual({ ok: false, problem: 'outside_thailand' }); // Singapore
    expect(readPinInput('-13.7563, 100.5018')).toEqual({ ok: false, problem: 'outside_thailand' });
    expect(readPinInput(`13°45'22.7"S 100°30'06.5"E`)).toEqual({ ok: false, problem: 'outside_thailand' });
    expect(readPinInput('N13.7 -100.5')).toEqual({ ok: false, problem: 'outside_thailand' });
  });

  it('refuses impossible numbers', () => {
    expect(readPinInput('213.7, 400.5')).toEqual({ ok: false, problem: 'out_of_range' });
    expect(readPinInput('95, 100.5')).toEqual({ ok: false, problem: 'out_of_range' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['hello', 'unrecognised'],
    ['13.7563', 'unrecognised'],
    ['13.7563, 100.5018, 5', 'unrecognised'],
    ['13,7563 100,5018', 'unrecognised'],
    ["13°75'00\"N 100°30'00\"E", 'unrecognised'],
    ['13.7N 100.5N', 'unrecognised'],
    ["13.75' OR '1'='1", 'unrecognised'],
    ['<script>alert(1)</script>', 'unrecognised'],
    ['NaN, Infinity', 'unrecognised'],
  ])('does not read %j', (text, problem) => {
    expect(readPinInput(text)).toEqual({ ok: false, problem });
  });

  it('does not read very long text', () => {
    expect(readPinInput('1'.repeat(3000))).toEqual({ ok: false, problem: 'unrecognised' });
    expect(readPinInput(`13.7563, 100.5018 ${' '.repeat(100)}x`.repeat(30))).toEqual({ ok: false, problem: 'unrecognised' });
  });

  it('explains each problem in Thai and English', () => {
    expect(pinProblemText('short_link', 'th')).toContain('ลิงก์แบบย่อ');
    expect(pinProblemText('short_link', 'en')).toContain('short link');
    expect(pinProblemText('swapped', 'en', { lat: 13.7563, lng: 100.5018 })).toContain('13.756300, 100.501800');
    expect(pinProblemText('zero', 'th')).toContain('0, 0');
  });
});
