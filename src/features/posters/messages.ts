import { defineMessages } from '../../i18n/index.js';

/**
 * The poster itself prints both catalogues (Thai first, English below it, whatever the officer's
 * language); the toolbar around it on screen speaks the officer's language.
 */
export const posterMessages = defineMessages(
  {
    // On the poster and sticker
    brandTagline: 'ข้อมูลจุดบริการภาครัฐ',
    scan: 'สแกนเพื่อประเมินความพึงพอใจ',
    quick: 'ใช้เวลาไม่ถึง 30 วินาที',
    codeLabel: 'รหัสจุดบริการ',
    orOpen: (url: string) => `หรือเปิด ${url}`,
    complain: (url: string) => `ร้องเรียนได้ที่ ${url} หรือสายด่วน 1111`,
    qrLabel: (url: string) => `คิวอาร์โค้ดสำหรับประเมินความพึงพอใจ ไปยัง ${url}`,
    // Around it, on screen
    posterTitle: (name: string) => `โปสเตอร์คิวอาร์โค้ด: ${name}`,
    stickerTitle: (name: string) => `สติกเกอร์คิวอาร์โค้ด: ${name}`,
    documentTitle: 'โปสเตอร์คิวอาร์โค้ดของจุดบริการ',
    documentSummary: (shown: string, total: string) => `จุดบริการ ${shown} จากทั้งหมด ${total} แห่ง`,
    documentEmpty: 'ไม่มีจุดบริการที่เปิดให้บริการในขอบเขตของคุณ',
    howToPrint:
      'วิธีพิมพ์: ใช้คำสั่งพิมพ์ของเบราว์เซอร์ (Ctrl+P หรือ ⌘+P) เลือกขนาดกระดาษให้ตรงกับโปสเตอร์ ปรับขนาด 100% (ไม่ย่อ) หรือเลือก “บันทึกเป็น PDF”',
    downloads: 'ดาวน์โหลด',
    pdfPoster: 'PDF ขนาด A4',
    pngPoster: 'ภาพ PNG ขนาด A4',
    pdfSticker: 'PDF สติกเกอร์ A6',
    pngSticker: 'ภาพ PNG สติกเกอร์ A6',
    otherPoster: 'ดูแบบโปสเตอร์ A4',
    otherSticker: 'ดูแบบสติกเกอร์ A6',
    pdfDocument: (shown: string) => `PDF ทั้งชุด (${shown} หน้า)`,
    documentPages: 'หน้าของชุดเอกสาร',
    previous: 'ชุดก่อนหน้า',
    next: 'ชุดถัดไป',
    back: 'กลับหน้าเจ้าหน้าที่',
    preview: 'ตัวอย่างก่อนพิมพ์',
    switchLabel: 'English',
    // When no PDF can be made
    noChromiumTitle: 'สร้างไฟล์ PDF หรือ PNG ไม่ได้บนเซิร์ฟเวอร์นี้',
    noChromiumBody:
      'เซิร์ฟเวอร์นี้ไม่มีโปรแกรม Chromium สำหรับสร้างไฟล์ คุณยังพิมพ์ได้: เปิดหน้าพิมพ์ แล้วใช้คำสั่งพิมพ์ของเบราว์เซอร์ หรือเลือก “บันทึกเป็น PDF”',
    openPrintPage: 'เปิดหน้าพิมพ์',
  },
  {
    brandTagline: 'Government service points',
    scan: 'Scan to rate our service',
    quick: 'It takes less than 30 seconds',
    codeLabel: 'Service point code',
    orOpen: (url: string) => `or open ${url}`,
    complain: (url: string) => `Complaints: ${url} or hotline 1111`,
    qrLabel: (url: string) => `QR code to rate this service: ${url}`,
    posterTitle: (name: string) => `QR poster: ${name}`,
    stickerTitle: (name: string) => `QR sticker: ${name}`,
    documentTitle: 'QR posters of service points',
    documentSummary: (shown: string, total: string) => `Service points ${shown} of ${total}`,
    documentEmpty: 'There are no open service points in your scope',
    howToPrint:
      'To print: use your browser’s Print command (Ctrl+P or ⌘+P), choose the paper size of the poster, scale 100% (do not shrink), or choose “Save as PDF”',
    downloads: 'Download',
    pdfPoster: 'A4 PDF',
    pngPoster: 'A4 PNG image',
    pdfSticker: 'A6 sticker PDF',
    pngSticker: 'A6 sticker PNG image',
    otherPoster: 'See the A4 poster',
    otherSticker: 'See the A6 sticker',
    pdfDocument: (shown: string) => `PDF of the whole set (${shown} pages)`,
    documentPages: 'Pages of the set',
    previous: 'Previous set',
    next: 'Next set',
    back: 'Back to the office',
    preview: 'Print preview',
    switchLabel: 'ภาษาไทย',
    noChromiumTitle: 'PDF and PNG files cannot be made on this server',
    noChromiumBody:
      'This server has no Chromium to make the file. You can still print: open the print page and use your browser’s Print command, or choose “Save as PDF”',
    openPrintPage: 'Open the print page',
  },
);
