import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * A realistic mix of Zero Copy declarations for the copies that manuals ask for: about a third of
 * the offices have declared so far; an office treats the same document the same way in every
 * service (the roll depends on the point and the document name); most verify from the source,
 * some make the copy themselves, some still demand it with a plan to stop.
 */
export async function insertDemoZeroCopy(db: Db): Promise<void> {
  await db.execute(sql`
    insert into zero_copy_statuses (point_id, document_id, status, method, reason, plan_date, updated_at)
    select point_id, document_id,
      case when roll < 45 then 'verified_at_source' when roll < 63 then 'copy_by_office' else 'copy_required' end,
      case when roll < 30 then 'smart_card' when roll < 45 then 'data_link' end,
      case when roll >= 63 then (array[
        'ยังไม่มีเครื่องอ่านบัตรสมาร์ทการ์ดที่จุดบริการ',
        'ระบบเชื่อมโยงข้อมูลกับหน่วยงานผู้ออกเอกสารยังไม่พร้อม',
        'ระเบียบของหน่วยงานยังกำหนดให้แนบสำเนา'])[1 + roll % 3] end,
      case when roll >= 63 then date '2027-01-31' + (roll % 6) * 30 end,
      now() - (roll % 200) * interval '1 day'
    from (
      select pm.point_id, d.id as document_id, abs(hashtext(p.code || d.name_th)) % 100 as roll,
             abs(hashtext(p.code || 'zero-copy')) % 100 as declared
      from point_manuals pm
      join service_points p on p.id = pm.point_id
      join manual_documents d on d.manual_id = pm.manual_id and d.government_issued and d.copies > 0
    ) docs
    where declared < 35
    on conflict do nothing`);
}
