/**
 * The reference data sources and licences of `reference-data/SOURCES.md`, in Thai and English for
 * the open-data page. `sources.test.ts` checks that every file listed there is listed here.
 */
import { defineMessages } from '../../i18n/index.js';

export const sourceMessages = defineMessages(
  {
    geographyContent: '77 จังหวัด 928 อำเภอ/เขต (อำเภอ 878 และเขต 50) และ 7,436 ตำบล/แขวง พร้อมรหัสของกรมการปกครอง ชื่อไทยและอังกฤษ รหัสไปรษณีย์ และจุดที่อยู่ภายในเขตพื้นที่',
    geographyOrigin:
      'รหัสและชื่อภาษาไทย: thailand-geography-json (commit c76e019, 27 มิ.ย. 2568); ชื่อภาษาอังกฤษ (RTGS) และพิกัด: ชุดข้อมูลขอบเขตการปกครอง OCHA/HDX COD-AB Thailand (กรมแผนที่ทหาร ฉบับ 22 ม.ค. 2565) ผ่าน prasertcbs/thailand_gis (commit 1682c1d)',
    geographyLicence: 'MIT © 2023-present Joe Takara; ขอบเขตการปกครอง CC BY-IGO 3.0 — อ้างอิงที่มา “Royal Thai Survey Department; OCHA ROAP/HDX”',
    polygonsContent: 'รูปแปลงขอบเขตอำเภอ/เขต 928 แห่ง (ใช้เตือนเมื่อหมุดอยู่นอกอำเภอของจุดบริการ)',
    polygonsOrigin: 'OCHA/HDX COD-AB Thailand ผ่าน prasertcbs/thailand_gis แปลงด้วย mapshaper (ความละเอียด 1e-5 องศา)',
    polygonsLicence: 'CC BY-IGO 3.0 — อ้างอิงที่มา “Royal Thai Survey Department; OCHA ROAP/HDX”',
    laoContent:
      'องค์กรปกครองส่วนท้องถิ่น 7,849 แห่งของกรมส่งเสริมการปกครองท้องถิ่น (อบจ. เทศบาลนคร/เมือง/ตำบล อบต. และเมืองพัทยา) พร้อมจังหวัด อำเภอ และพิกัดสำนักงานที่ตรวจสอบแล้ว',
    laoOrigin:
      'ชุดข้อมูลเปิด dlads_05_01 “ชื่อและที่ตั้งองค์กรปกครองส่วนท้องถิ่น” ของกรมส่งเสริมการปกครองท้องถิ่น (opendata.dla.go.th) รวบรวมใน flukelaster/SIAHRA (commit 75073a5); พิกัดตรวจกับขอบเขตอำเภอแล้ว',
    laoLicence: 'SIAHRA: MIT © 2026 Thammasat P.; กรมส่งเสริมการปกครองท้องถิ่นระบุ “Open Data Common”',
    holidaysContent: 'วันหยุดราชการและวันหยุดนักขัตฤกษ์ พ.ศ. 2568–2570 (ปี 2570 เป็นการคาดการณ์)',
    holidaysOrigin: 'songkiet/bot-holiday (ประกาศของธนาคารแห่งประเทศไทย) และ vacanza/holidays (python-holidays 0.102)',
    holidaysLicence: 'วันที่ตามประกาศทางราชการเป็นข้อเท็จจริง; python-holidays สัญญาอนุญาต MIT',
    manualsContent: 'คู่มือสำหรับประชาชน 57 เรื่อง (ขั้นตอน ระยะเวลา ค่าธรรมเนียม เอกสาร กฎหมายที่เกี่ยวข้อง ช่องทางร้องเรียน) ภาษาไทยและอังกฤษ',
    manualsOrigin: 'เรียบเรียงเพื่อการสาธิตจากคู่มือจริงบางส่วน 12 เรื่อง (dopa.go.th และเว็บไซต์ อปท.) และตารางค่าธรรมเนียมที่เผยแพร่ (กรมการปกครอง, gcc.go.th)',
    manualsLicence: 'ข้อเท็จจริงจากเอกสารทางราชการ; ทุกเรื่องมีเครื่องหมาย authored-demo — ไม่ใช่ข้อความทางการ โปรดตรวจกับคู่มือที่ติดประกาศ ณ หน่วยงาน',
    bangkokNote: 'กรุงเทพมหานครไม่อยู่ในรายชื่อของกรมส่งเสริมการปกครองท้องถิ่นตามกฎหมาย ระบบจึงเพิ่มกรุงเทพมหานครและสำนักงานเขต 50 แห่ง รวมเป็นองค์กรปกครองส่วนท้องถิ่น 7,850 แห่งตามจำนวนทางการ',
    demoNote: 'ข้อมูลตัวอย่างที่สร้างขึ้นจากแหล่งข้อมูลเหล่านี้ ได้แก่ เบอร์โทรศัพท์ เวลาทำการ ภาพประกอบ (ภาพวาด มีป้ายระบุ) สถานะ Zero Copy และผลการประเมิน เป็นข้อมูลสมมติ',
  },
  {
    geographyContent:
      '77 provinces, 928 districts (878 amphoe and 50 khet) and 7,436 subdistricts with DOPA codes, Thai and English names, postal codes and a point inside each area',
    geographyOrigin:
      'Codes and Thai names: thailand-geography-json (commit c76e019, 27 June 2025); English names (RTGS) and points: OCHA/HDX COD-AB Thailand boundaries (Royal Thai Survey Department, valid 22 January 2022) via prasertcbs/thailand_gis (commit 1682c1d)',
    geographyLicence: 'MIT © 2023-present Joe Takara; boundaries CC BY-IGO 3.0 — attribution “Royal Thai Survey Department; OCHA ROAP/HDX”',
    polygonsContent: '928 district polygons (used to warn when a pin falls outside its district)',
    polygonsOrigin: 'OCHA/HDX COD-AB Thailand via prasertcbs/thailand_gis, converted with mapshaper (1e-5°)',
    polygonsLicence: 'CC BY-IGO 3.0 — attribution “Royal Thai Survey Department; OCHA ROAP/HDX”',
    laoContent:
      'The 7,849 local administrative organisations of the Department of Local Administration (PAO, city/town/subdistrict municipalities, TAOs, Pattaya) with province, district and checked office coordinates',
    laoOrigin:
      'DLA open dataset dlads_05_01 “Names and locations of local administrative organisations” (opendata.dla.go.th), as compiled in flukelaster/SIAHRA (commit 75073a5); coordinates tested against the district polygons',
    laoLicence: 'SIAHRA: MIT © 2026 Thammasat P.; the DLA states “Open Data Common”',
    holidaysContent: 'Thai public holidays 2025–2027 with the government day-off flag (2027 projected)',
    holidaysOrigin: 'songkiet/bot-holiday (Bank of Thailand announcements) and vacanza/holidays (python-holidays 0.102)',
    holidaysLicence: 'Dates of official announcements are facts; python-holidays is MIT',
    manualsContent: '57 Citizen’s Manuals (steps, durations, fees, documents, legal basis, complaint channels) in Thai and English',
    manualsOrigin: 'Authored for the demo from 12 partial real manuals (dopa.go.th, local government web sites) and public fee tables (DOPA, gcc.go.th)',
    manualsLicence: 'Facts from official publications; every record is marked authored-demo — not an official text: check the manual posted at the office',
    bangkokNote:
      'Bangkok (the BMA) is not in the DLA list by law; CitizenInfo adds it and its 50 district offices, making the official total of 7,850 local governments.',
    demoNote:
      'The demo data built on these sources — service-point phones, hours, photos (drawn illustrations, labelled as such), Zero Copy declarations and ratings — is generated and fictitious.',
  },
);

type Key = keyof typeof sourceMessages.th;

export interface ReferenceSource {
  /** paths under reference-data/ */
  files: string[];
  content: Key;
  origin: Key;
  licence: Key;
  links: string[];
}

export const REFERENCE_SOURCES: ReferenceSource[] = [
  {
    files: ['geography/provinces.json', 'geography/districts.json', 'geography/subdistricts.json'],
    content: 'geographyContent',
    origin: 'geographyOrigin',
    licence: 'geographyLicence',
    links: ['https://github.com/thailand-geography-data/thailand-geography-json', 'https://github.com/prasertcbs/thailand_gis'],
  },
  {
    files: ['geography/districts.geojson'],
    content: 'polygonsContent',
    origin: 'polygonsOrigin',
    licence: 'polygonsLicence',
    links: ['https://github.com/prasertcbs/thailand_gis'],
  },
  {
    files: ['organisations/local-administrative-organisations.json'],
    content: 'laoContent',
    origin: 'laoOrigin',
    licence: 'laoLicence',
    links: ['https://opendata.dla.go.th', 'https://github.com/flukelaster/SIAHRA'],
  },
  {
    files: ['holidays/th-public-holidays.json'],
    content: 'holidaysContent',
    origin: 'holidaysOrigin',
    licence: 'holidaysLicence',
    links: ['https://github.com/songkiet/bot-holiday', 'https://github.com/vacanza/holidays'],
  },
  {
    files: ['manuals/catalogue.json'],
    content: 'manualsContent',
    origin: 'manualsOrigin',
    licence: 'manualsLicence',
    links: [],
  },
];
