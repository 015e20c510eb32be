import { defineMessages } from '../../i18n/index.js';

/**
 * Citizen pages of ratings. The dimension statements follow US OMB Circular A-11 §280 and the
 * Philippine ARTA Client Satisfaction Measurement (agreement 1–5, positively worded, so that 5 is
 * always best), with facilities from the Thai OPDC surveys; see docs/decisions/0010.
 */
export const ratingMessages = defineMessages(
  {
    title: (name: string) => `ประเมินความพึงพอใจ: ${name}`,
    heading: 'ประเมินความพึงพอใจ',
    intro: 'ใช้เวลาไม่ถึงนาที ไม่ต้องเข้าสู่ระบบ เราไม่เก็บชื่อหรือที่อยู่ IP ของคุณ',
    kioskIntro: 'ขอบคุณที่มาใช้บริการ ช่วยบอกเราว่าบริการวันนี้เป็นอย่างไร',

    overall: 'โดยรวม คุณพอใจบริการครั้งนี้แค่ไหน',
    overall1: 'ไม่พอใจมาก',
    overall2: 'ไม่พอใจ',
    overall3: 'เฉย ๆ',
    overall4: 'พอใจ',
    overall5: 'พอใจมาก',

    more: 'ตอบเพิ่มเติม (ไม่บังคับ)',
    moreHint: 'ด้านต่าง ๆ ของบริการ บริการที่มาติดต่อ คู่มือสำหรับประชาชน และความคิดเห็น',
    dimensions: 'คุณเห็นด้วยกับข้อความต่อไปนี้แค่ไหน',
    ease: 'ขั้นตอนการรับบริการง่าย ไม่ยุ่งยาก',
    timeliness: 'ใช้เวลารอและรับบริการเหมาะสม',
    courtesy: 'เจ้าหน้าที่สุภาพ และเต็มใจช่วยเหลือ',
    fairness: 'ได้รับการปฏิบัติอย่างเป็นธรรมและโปร่งใส',
    facilities: 'สถานที่และสิ่งอำนวยความสะดวกเหมาะสม (ที่นั่งรอ ป้าย ห้องน้ำ ทางลาด)',
    outcome: 'ได้รับสิ่งที่มาติดต่อ หรือได้รับคำอธิบายที่ชัดเจนเมื่อทำให้ไม่ได้',
    trust: 'การมารับบริการครั้งนี้ทำให้เชื่อมั่นหน่วยงานนี้มากขึ้น',
    agreeNone: '— ไม่ตอบ —',
    agree1: '1 ไม่เห็นด้วยอย่างยิ่ง',
    agree2: '2 ไม่เห็นด้วย',
    agree3: '3 เฉย ๆ',
    agree4: '4 เห็นด้วย',
    agree5: '5 เห็นด้วยอย่างยิ่ง',

    service: 'บริการที่มาติดต่อ',
    serviceNone: '— ไม่ระบุ —',
    manualQuestions: 'คู่มือสำหรับประชาชน',
    followedManual: 'เจ้าหน้าที่ทำตามขั้นตอน ระยะเวลา และเอกสารที่คู่มือสำหรับประชาชนของหน่วยงานประกาศไว้หรือไม่',
    copyDemanded: 'คุณถูกขอสำเนาเอกสารที่รัฐออกให้ เช่น สำเนาบัตรประชาชนหรือสำเนาทะเบียนบ้าน หรือไม่',
    yes: 'ใช่',
    no: 'ไม่ใช่',
    unsure: 'ไม่แน่ใจ',
    comment: 'ความคิดเห็น',
    commentHint: (max: string) =>
      `ไม่เกิน ${max} ตัวอักษร ความคิดเห็นจะแสดงบนหน้าจุดบริการ อย่าใส่เลขบัตรประชาชน เบอร์โทร หรืออีเมล (ถ้ามี ระบบจะรอให้เจ้าหน้าที่ตรวจก่อนแสดง) หากต้องการให้หน่วยงานดำเนินการ ให้ร้องเรียนแทน`,
    submit: 'ส่งแบบประเมิน',

    // Problems (both languages are kept by the scopes)
    chooseOverall: 'กรุณาเลือกระดับความพึงพอใจโดยรวม 1 ถึง 5',
    scoreInvalid: 'คำตอบต้องเป็นระดับ 1 ถึง 5 หรือไม่ตอบ',
    answerInvalid: 'คำตอบต้องเป็น ใช่ ไม่ใช่ หรือ ไม่แน่ใจ',
    serviceNotOffered: 'จุดบริการนี้ไม่มีบริการที่เลือก กรุณาเลือกจากรายการ',
    commentTooLong: (max: string) => `ความคิดเห็นยาวเกิน ${max} ตัวอักษร กรุณาตัดให้สั้นลง`,
    proofFailed: 'การตรวจสอบอัตโนมัติไม่ผ่าน หรือถูกใช้ไปแล้ว กรุณาโหลดหน้าใหม่แล้วส่งอีกครั้ง',
    formTampered: 'แบบฟอร์มไม่ตรงกับที่ระบบส่งให้ กรุณาโหลดหน้าใหม่',

    closedTitle: 'จุดบริการนี้ปิดให้บริการแล้ว',
    closedText: 'จุดบริการนี้ปิดให้บริการแล้ว จึงรับการประเมินไม่ได้ หากต้องการร้องเรียนหน่วยงาน ใช้หน้าร้องเรียนออนไลน์',
    complainOnline: 'ร้องเรียนออนไลน์',

    thanksTitle: 'ขอบคุณสำหรับการประเมิน',
    thanksText: 'คำตอบของคุณช่วยให้หน่วยงานปรับปรุงบริการ และแสดงในคะแนนของจุดบริการนี้',
    thanksReplaced: 'วันนี้คุณเคยประเมินจุดบริการนี้จากอุปกรณ์นี้แล้ว คำตอบนี้ใช้แทนคำตอบเดิม',
    thanksHeld: 'ความคิดเห็นของคุณจะแสดงหลังเจ้าหน้าที่ตรวจ เพราะอาจมีข้อมูลส่วนบุคคลหรือถ้อยคำไม่สุภาพ',
    complainQuestion: 'มีเรื่องที่ต้องการร้องเรียนหรือไม่',
    complainText: 'หากมีปัญหาที่ต้องการให้หน่วยงานแก้ไขและแจ้งผล ร้องเรียนได้ พร้อมหมายเลขติดตามเรื่อง',
    complainLink: 'ร้องเรียนจุดบริการนี้',
    backToPoint: 'กลับไปหน้าจุดบริการ',

    kioskThanks: 'ขอบคุณสำหรับการประเมิน ผู้รับบริการท่านถัดไปเริ่มประเมินได้เลย',
    kioskIdle: 'ไม่มีการใช้งานสักพัก แบบประเมินจะล้างคำตอบใน 20 วินาที แตะหน้าจอเพื่อทำต่อ',
  },
  {
    title: (name: string) => `Rate your visit: ${name}`,
    heading: 'Rate your visit',
    intro: 'It takes less than a minute. No sign-in; we do not keep your name or IP address.',
    kioskIntro: 'Thank you for your visit. Tell us how the service was today.',

    // Short words: five of them share a 360 px wide phone screen.
    overall: 'Overall, how satisfied are you with the service today?',
    overall1: 'Very unhappy',
    overall2: 'Unhappy',
    overall3: 'Neutral',
    overall4: 'Happy',
    overall5: 'Very happy',

    more: 'Tell us more (optional)',
    moreHint: 'Parts of the service, the service you came for, the Citizen’s Manual, and a comment',
    dimensions: 'How much do you agree with these statements?',
    ease: 'It was easy to do what I came to do',
    timeliness: 'Waiting and service took a reasonable time',
    courtesy: 'Staff were courteous and helpful',
    fairness: 'I was treated fairly and openly',
    facilities: 'The place and facilities were adequate (seats, signs, toilets, ramps)',
    outcome: 'I got what I came for, or was told clearly why not',
    trust: 'This visit increased my trust in this office',
    agreeNone: '— No answer —',
    agree1: '1 Strongly disagree',
    agree2: '2 Disagree',
    agree3: '3 Neutral',
    agree4: '4 Agree',
    agree5: '5 Strongly agree',

    service: 'The service you came for',
    serviceNone: '— Not given —',
    manualQuestions: 'Citizen’s Manual',
    followedManual: 'Did the office follow the steps, time and documents its Citizen’s Manual publishes?',
    copyDemanded: 'Were you asked for a photocopy of a document the state issued, such as your ID card or house registration?',
    yes: 'Yes',
    no: 'No',
    unsure: 'Not sure',
    comment: 'Comment',
    commentHint: (max: string) =>
      `Up to ${max} characters. Comments are shown on the service point’s page. Do not include ID card numbers, phone numbers or e-mail addresses (if you do, an officer checks the comment before it is shown). To have the office act on a problem, make a complaint instead.`,
    submit: 'Send',

    chooseOverall: 'Please choose how satisfied you are overall, from 1 to 5',
    scoreInvalid: 'The answer must be a level from 1 to 5, or no answer',
    answerInvalid: 'The answer must be yes, no or not sure',
    serviceNotOffered: 'This service point does not offer the chosen service. Please choose from the list',
    commentTooLong: (max: string) => `The comment is longer than ${max} characters. Please shorten it`,
    proofFailed: 'The automatic check failed or was already used. Reload the page and send again',
    formTampered: 'The form is not the one we sent. Please reload the page',

    closedTitle: 'This service point has closed',
    closedText: 'This service point has closed, so it can no longer be rated. To complain about the office, use the online complaint page.',
    complainOnline: 'Complain online',

    thanksTitle: 'Thank you for rating',
    thanksText: 'Your answers help the office improve, and count in this service point’s score.',
    thanksReplaced: 'You already rated this service point from this device today; this rating replaces the earlier one.',
    thanksHeld: 'Your comment will be shown after an officer checks it, because it may contain personal data or strong language.',
    complainQuestion: 'Anything to complain about?',
    complainText: 'If there is a problem you want the office to fix and report back on, make a complaint and follow it with a tracking number.',
    complainLink: 'Complain about this service point',
    backToPoint: 'Back to the service point',

    kioskThanks: 'Thank you for rating. The next visitor can start now.',
    kioskIdle: 'No one has touched the form for a while: it will clear in 20 seconds. Touch the screen to continue.',
  },
);

export type RatingMessages = typeof ratingMessages.th;
