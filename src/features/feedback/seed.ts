import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

const GOOD = [
  'เจ้าหน้าที่ให้บริการดี พูดจาสุภาพ อธิบายขั้นตอนชัดเจน',
  'ทำบัตรประชาชนเสร็จภายใน 15 นาที รวดเร็วมากครับ',
  'ไม่ต้องถ่ายเอกสารสำเนาบัตรเลย สะดวกมาก',
  'มีที่นั่งรอและน้ำดื่มบริการ สถานที่สะอาด',
  'ขั้นตอนตรงตามคู่มือที่ติดไว้หน้าห้อง ได้เอกสารครบในวันเดียว',
  'เจ้าหน้าที่ช่วยกรอกแบบฟอร์มให้ผู้สูงอายุ ขอบคุณมากค่ะ',
  'บริการช่วงพักเที่ยงด้วย ไม่ต้องลางานมา',
  'Friendly staff and the queue moved quickly.',
];
const MIXED = [
  'บริการดีแต่คิวค่อนข้างยาวช่วงเช้า',
  'ที่จอดรถน้อย ควรเพิ่มป้ายบอกทาง',
  'เจ้าหน้าที่ดี แต่ระบบคอมพิวเตอร์ล่มต้องรอนาน',
  'อยากให้มีช่องทางจองคิวออนไลน์',
];
const BAD = [
  'รอนานเกือบสองชั่วโมง เจ้าหน้าที่มีน้อย',
  'ยังขอสำเนาทะเบียนบ้านอยู่ ทั้งที่บอกว่าไม่ต้องใช้แล้ว',
  'ไม่มีป้ายบอกว่าต้องไปช่องไหน ต้องเดินถามหลายรอบ',
  'โทรไปสอบถามก่อนมาแต่ไม่มีคนรับสาย',
];
const REPLIES = [
  'ขอบคุณสำหรับคำแนะนำ หน่วยงานได้เพิ่มเจ้าหน้าที่ช่วงเช้าแล้ว',
  'ขออภัยในความไม่สะดวก ขณะนี้ติดตั้งเครื่องอ่านบัตรแล้ว ไม่ต้องใช้สำเนาอีก',
  'ขอบคุณค่ะ ได้ติดป้ายบอกทางเพิ่มเติมที่หน้าอาคารแล้ว',
];

const textArray = (items: string[]) => sql`(array[${sql.join(items.map((t) => sql`${t}`), sql`, `)}]::text[])`;

/**
 * Demo ratings over the last six months for a quarter of the points: each point has its own
 * level of service, so reports have real differences to show; a fifth of ratings carry a comment.
 */
export async function insertDemoRatings(db: Db): Promise<void> {
  await db.execute(sql`
    insert into ratings (point_id, created_at, day, channel, overall, ease, timeliness, courtesy, fairness, facilities,
                         outcome, trust, copy_demanded, followed_manual, comment, comment_status, reply, reply_at,
                         counted, proof_of_work)
    select point_id, at, (at at time zone 'Asia/Bangkok')::date, channel, overall,
      case when r % 10 < 7 then greatest(1, least(5, overall + (r / 10 % 3) - 1)) end,
      case when r % 10 < 7 then greatest(1, least(5, overall + (r / 30 % 3) - 1)) end,
      case when r % 10 < 7 then greatest(1, least(5, overall + (r / 90 % 2))) end,
      case when r % 10 < 6 then overall end,
      case when r % 10 < 6 then greatest(1, least(5, overall + (r / 270 % 3) - 1)) end,
      case when r % 10 < 8 then case when overall >= 3 then 5 else 2 end end,
      case when r % 10 < 5 then overall end,
      case when r % 7 < 5 then case when overall <= 2 and r % 3 = 0 then 'yes' else 'no' end end,
      case when r % 7 < 4 then case when overall <= 2 then 'no' else 'yes' end end,
      comment, case when comment is null then 'none' else 'published' end,
      case when comment is not null and overall <= 3 and r % 2 = 0 then ${textArray(REPLIES)}[1 + r % ${REPLIES.length}] end,
      case when comment is not null and overall <= 3 and r % 2 = 0 then at + interval '2 days' end,
      true, true
    from (
      select point_id, at, r, channel, overall,
        case when r % 5 = 0 then
          case when overall >= 4 then ${textArray(GOOD)}[1 + r / 5 % ${GOOD.length}]
               when overall = 3 then ${textArray(MIXED)}[1 + r / 5 % ${MIXED.length}]
               else ${textArray(BAD)}[1 + r / 5 % ${BAD.length}] end
        end as comment
      from (
        select p.id as point_id, r,
          now() - (abs(hashtext(p.code || g.i::text)) % 259200) * interval '1 minute' as at,
          (array['qr','qr','qr','web','kiosk'])[1 + r % 5] as channel,
          greatest(1, least(5, round(quality + ((r % 100) - 50) / 38.0)))::smallint as overall
        from service_points p
        cross join lateral (select 3.1 + (abs(hashtext(p.code || 'quality')) % 180) / 100.0 as quality) q
        cross join lateral generate_series(1, 3 + abs(hashtext(p.code || 'volume')) % 40) g(i)
        cross join lateral (select abs(hashtext(p.code || g.i::text || 'r')) % 1000 as r) rr
        where abs(hashtext(p.code || 'rated')) % 100 < 25
      ) base
    ) rated`);
}
