/** What the pin picker says, on the server and in the browser alike. */
import { defineMessages } from '../../i18n/index.js';
import type { PinProblem } from './pin-input.js';

export const pinMessages = defineMessages(
  {
    empty: 'กรุณาใส่พิกัดหรือวางลิงก์แผนที่',
    short_link:
      'ลิงก์แบบย่อ (เช่น maps.app.goo.gl) อ่านพิกัดไม่ได้โดยไม่ถามเซิร์ฟเวอร์ของผู้ให้บริการแผนที่ กรุณาเปิดลิงก์ในเบราว์เซอร์แล้วคัดลอกลิงก์เต็มจากแถบที่อยู่ หรือคัดลอกตัวเลขพิกัดมาแทน',
    link_without_coordinates: 'ลิงก์นี้ไม่มีพิกัดอยู่ในตัว (มีเพียงชื่อสถานที่) กรุณาปักหมุดในแผนที่แล้วคัดลอกลิงก์ที่มีตัวเลขพิกัด หรือพิมพ์พิกัดแทน',
    unrecognised: 'อ่านพิกัดไม่ได้ ตัวอย่างที่ใช้ได้: 13.7563, 100.5018 หรือ 13°45\'22.7"N 100°30\'06.5"E หรือลิงก์ Google Maps, Longdo Map, OpenStreetMap',
    out_of_range: 'พิกัดเกินขอบเขตของโลก (ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 และลองจิจูดระหว่าง -180 ถึง 180)',
    zero: 'พิกัด 0, 0 อยู่กลางทะเลนอกชายฝั่งแอฟริกา มักเกิดจาก GPS ยังจับสัญญาณไม่ได้ กรุณาใส่พิกัดจริง',
    swapped: (lat: string, lng: string) => `ดูเหมือนสลับละติจูดกับลองจิจูด — ละติจูดของประเทศไทยอยู่ราว 5–21 และลองจิจูดราว 97–106 หมายถึง ${lat}, ${lng} ใช่หรือไม่`,
    outside_thailand: 'พิกัดนี้อยู่นอกประเทศไทย จุดบริการต้องอยู่ในประเทศไทย',
    readAs: (position: string) => `อ่านได้เป็น ${position}`,
    accuracy: (metres: string) => `ความแม่นยำของ GPS ประมาณ ±${metres} เมตร`,
    accuracyPoor: (metres: string) =>
      `ความแม่นยำของ GPS ประมาณ ±${metres} เมตร ซึ่งหยาบกว่า 50 เมตร ลองออกไปที่โล่ง รอสักครู่แล้วกดอีกครั้ง หรือลากหมุดไปยังประตูทางเข้าเอง`,
    locating: 'กำลังหาตำแหน่งปัจจุบัน…',
    useMyLocation: 'ใช้ตำแหน่งปัจจุบันของฉัน',
    geolocationDenied: 'เบราว์เซอร์ไม่อนุญาตให้ใช้ตำแหน่ง กรุณาอนุญาตในการตั้งค่า หรือพิมพ์พิกัดแทน',
    geolocationFailed: 'หาตำแหน่งไม่สำเร็จ กรุณาลองอีกครั้ง หรือพิมพ์พิกัดแทน',
    geolocationUnavailable: 'เบราว์เซอร์นี้หาตำแหน่งไม่ได้ กรุณาพิมพ์พิกัดแทน',
    mapLabel: 'แผนที่สำหรับปักหมุด ลากหมุดหรือแตะบนแผนที่เพื่อย้ายตำแหน่ง',
    markerLabel: 'หมุดของจุดบริการ',
    outsideDistrict: (declared: string, actual: string) => `หมุดอยู่นอกเขต${declared}ที่ระบุไว้${actual ? ` (อยู่ในเขต${actual})` : ''} กรุณาตรวจสอบว่าปักถูกที่หรือแก้อำเภอในข้อมูลจุดบริการ`,
  },
  {
    empty: 'Please enter coordinates or paste a map link',
    short_link:
      'A short link (such as maps.app.goo.gl) cannot be read without asking the map service’s server. Open it in a browser and copy the full link from the address bar, or copy the coordinates instead',
    link_without_coordinates: 'This link has no coordinates in it (only a place name). Drop a pin on the map and copy a link with numbers, or type the coordinates instead',
    unrecognised: 'These coordinates could not be read. Examples that work: 13.7563, 100.5018 or 13°45\'22.7"N 100°30\'06.5"E or a Google Maps, Longdo Map or OpenStreetMap link',
    out_of_range: 'These coordinates are not on Earth (latitude must be from -90 to 90 and longitude from -180 to 180)',
    zero: 'Position 0, 0 is in the sea off Africa; a GPS that has no fix yet often gives it. Please enter the real position',
    swapped: (lat: string, lng: string) => `Latitude and longitude seem to be swapped — in Thailand latitude is about 5–21 and longitude about 97–106. Did you mean ${lat}, ${lng}?`,
    outside_thailand: 'This position is outside Thailand; a service point must be in Thailand',
    readAs: (position: string) => `Read as ${position}`,
    accuracy: (metres: string) => `GPS accuracy about ±${metres} m`,
    accuracyPoor: (metres: string) =>
      `GPS accuracy about ±${metres} m, coarser than 50 m. Step outside, wait a moment and try again, or drag the pin to the entrance yourself`,
    locating: 'Finding your position…',
    useMyLocation: 'Use my current location',
    geolocationDenied: 'The browser does not allow location. Allow it in the settings, or type the coordinates instead',
    geolocationFailed: 'Your position could not be found. Try again, or type the coordinates instead',
    geolocationUnavailable: 'This browser cannot find your position. Please type the coordinates instead',
    mapLabel: 'Map for placing the pin. Drag the pin or tap the map to move it',
    markerLabel: 'Service point pin',
    outsideDistrict: (declared: string, actual: string) =>
      `The pin is outside the declared district ${declared}${actual ? ` (it lies in ${actual})` : ''}. Check the pin, or correct the district in the point’s details`,
  },
);

/** The message for a problem, in one language. */
export function pinProblemText(problem: PinProblem, locale: 'th' | 'en', suggestion?: { lat: number; lng: number }): string {
  const m = pinMessages.for(locale);
  if (problem === 'swapped') return m.swapped(suggestion ? suggestion.lat.toFixed(6) : '?', suggestion ? suggestion.lng.toFixed(6) : '?');
  return m[problem];
}
