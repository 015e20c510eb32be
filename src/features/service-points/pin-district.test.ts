import { describe, expect, it } from 'vitest';
import { readDistricts } from '../geography/reference.js';
import { checkPinDistrict, districtAt } from './pin-district.js';

const all = readDistricts();
const byName = (nameEn: string, provinceCode: string) => all.find((d) => d.name_en === nameEn && d.province_code === provinceCode)!;

describe('district check of a pin', () => {
  it('finds every district’s interior point inside its own polygon', async () => {
    const misses: string[] = [];
    for (const district of all) {
      const check = await checkPinDistrict(district.lat, district.lon, district.code);
      if (!check.inside) misses.push(district.code);
    }
    expect(misses).toEqual([]);
  });

  it('says which district a pin outside the declared one lies in', async () => {
    const maeRim = byName('Mae Rim', '50');
    const mueang = byName('Mueang Chiang Mai', '50');
    expect(await checkPinDistrict(maeRim.lat, maeRim.lon, mueang.code)).toEqual({ inside: false, actual: maeRim.code });
    expect(await districtAt(mueang.lat, mueang.lon)).toBe(mueang.code);
  });

  it('has nothing to say about a district it has no polygon for, and finds no district at sea', async () => {
    expect(await checkPinDistrict(13.7563, 100.5018, '9999')).toEqual({ inside: null });
    // The Gulf of Thailand, inside the country's box but far from land.
    expect(await districtAt(10.5, 101.5)).toBeNull();
    expect(await checkPinDistrict(10.5, 101.5, byName('Phra Nakhon', '10').code)).toEqual({ inside: false, actual: null });
  });
});
