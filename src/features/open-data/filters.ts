/**
 * The area and kind filters of the downloads: the same `province`, `district` and `kind` as the
 * search, read into the search's `PointQuery` fields. Codes that match the pattern but name no
 * province or district are refused with a message, not answered with an empty file.
 */
import { Type, type Static } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../http/errors.js';
import { SEARCHABLE_KINDS } from '../organisations/kinds.js';
import type { PointQuery } from '../search/queries.js';

/** An empty value (as a form sends for "all") means no filter. */
export const PointFilterQuery = Type.Object(
  {
    province: Type.Optional(
      Type.String({ pattern: '^(\\d{2})?$', description: 'DOPA province code (2 digits), e.g. 50 — รหัสจังหวัด 2 หลัก', examples: ['50'] }),
    ),
    district: Type.Optional(
      Type.String({
        pattern: '^(\\d{4})?$',
        description: 'DOPA district code (4 digits), e.g. 5001 — รหัสอำเภอ/เขต 4 หลัก',
        examples: ['5001'],
      }),
    ),
    kind: Type.Optional(
      Type.String({ enum: ['', ...SEARCHABLE_KINDS], description: 'Kind of organisation — ประเภทหน่วยงาน', examples: ['tao'] }),
    ),
  },
  { additionalProperties: false },
);
export type PointFilterQuery = Static<typeof PointFilterQuery>;

export type PointFilter = Pick<PointQuery, 'provinceCode' | 'districtCode' | 'kind'>;

const issue = (field: string, th: string, en: string): FieldIssue => ({ field, th, en });

/** Checks the codes against the reference data and returns the filter (absent keys for "all"). */
export async function resolvePointFilter(db: Db, query: PointFilterQuery): Promise<PointFilter> {
  const provinceCode = query.province || undefined;
  const districtCode = query.district || undefined;
  const kind = query.kind || undefined;
  if (!provinceCode && !districtCode) return { kind };

  const [found] = await rows<{ province: boolean; districtProvince: string | null }>(
    db,
    sql`select exists (select 1 from provinces where code = ${provinceCode ?? ''}) as province,
               (select province_code from districts where code = ${districtCode ?? ''}) as "districtProvince"`,
  );
  const issues: FieldIssue[] = [];
  if (provinceCode && !found?.province) {
    issues.push(issue('province', `ไม่พบจังหวัดรหัส ${provinceCode}`, `No province has the code ${provinceCode}`));
  }
  if (districtCode && !found?.districtProvince) {
    issues.push(issue('district', `ไม่พบอำเภอ/เขตรหัส ${districtCode}`, `No district has the code ${districtCode}`));
  } else if (districtCode && provinceCode && found?.districtProvince !== provinceCode) {
    issues.push(
      issue('district', `อำเภอ/เขตรหัส ${districtCode} ไม่อยู่ในจังหวัดรหัส ${provinceCode}`, `District ${districtCode} is not in province ${provinceCode}`),
    );
  }
  if (issues.length > 0) throw new AppError('invalid_input', issues);
  return { provinceCode, districtCode, kind };
}
