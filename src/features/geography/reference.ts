/** The shipped copy of the official geography and holidays (reference-data/, see its SOURCES.md). */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../paths.js';

export interface ProvinceRecord { code: string; name_th: string; name_en: string; region_id: number | null; lat: number; lon: number }
export interface DistrictRecord { code: string; province_code: string; name_th: string; name_en: string; kind: 'amphoe' | 'khet'; postal_code: string | null; lat: number; lon: number }
export interface SubdistrictRecord extends Omit<DistrictRecord, 'kind'> { district_code: string; kind: 'tambon' | 'khwaeng' }
export interface HolidayRecord { date: string; name_th: string; name_en: string; kind: string; government_day_off: boolean }

const read = <T>(path: string): T => JSON.parse(readFileSync(fromRoot('reference-data', path), 'utf8')) as T;

export const readProvinces = () => read<ProvinceRecord[]>('geography/provinces.json');
export const readDistricts = () => read<DistrictRecord[]>('geography/districts.json');
export const readSubdistricts = () => read<SubdistrictRecord[]>('geography/subdistricts.json');
export const readHolidays = () => read<HolidayRecord[]>('holidays/th-public-holidays.json');
