import { foldVietnamese } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { ServerActor } from '../platform/auth/actor';
import { hashPassword } from '../platform/auth/password';
import type { DemoContext } from './demo-context';

// The demo organisation: a province with its Department of Science and Technology (the seed
// document's agency), its divisions and affiliated centre, the provincial service centre and the
// Department of Home Affairs, whose appraisal council scores the PAR index.
const UNITS = [
  { key: 'province', parent: null, kind: 'province', name: 'Ủy ban nhân dân tỉnh Quảng Ngãi', code: '000.00.00.H55' },
  { key: 'sokhcn', parent: 'province', kind: 'department', name: 'Sở Khoa học và Công nghệ', code: '000.00.12.H55' },
  { key: 'vanphong', parent: 'sokhcn', kind: 'division', name: 'Văn phòng Sở', code: null },
  { key: 'thanhtra', parent: 'sokhcn', kind: 'division', name: 'Thanh tra Sở', code: null },
  { key: 'khtc', parent: 'sokhcn', kind: 'division', name: 'Phòng Kế hoạch - Tài chính', code: null },
  { key: 'qlkh', parent: 'sokhcn', kind: 'division', name: 'Phòng Quản lý khoa học', code: null },
  { key: 'qlcn', parent: 'sokhcn', kind: 'division', name: 'Phòng Quản lý công nghệ và Thông tin', code: null },
  { key: 'tdc', parent: 'sokhcn', kind: 'division', name: 'Chi cục Tiêu chuẩn Đo lường Chất lượng', code: null },
  { key: 'ttud', parent: 'sokhcn', kind: 'affiliate', name: 'Trung tâm Ứng dụng và Dịch vụ khoa học và công nghệ', code: null },
  { key: 'ttpvhcc', parent: 'province', kind: 'service_center', name: 'Trung tâm Phục vụ hành chính công tỉnh', code: '000.00.30.H55' },
  { key: 'sonv', parent: 'province', kind: 'department', name: 'Sở Nội vụ', code: '000.00.05.H55' },
] as const;

export const DEMO_USERS = [
  { username: 'admin', fullName: 'Quản trị hệ thống', unit: 'province', grants: [['system_admin', 'province']] },
  { username: 'lanhdao', fullName: 'Nguyễn Văn Minh', unit: 'sokhcn', grants: [['leader', 'sokhcn']] },
  {
    username: 'vanphong',
    fullName: 'Trần Thị Hương',
    unit: 'vanphong',
    grants: [
      ['par_secretary', 'sokhcn'],
      ['agency_admin', 'sokhcn'],
    ],
  },
  { username: 'truongphong', fullName: 'Lê Quốc Dũng', unit: 'qlkh', grants: [['unit_head', 'qlkh']] },
  { username: 'chuyenvien', fullName: 'Phạm Thị Lan', unit: 'qlkh', grants: [['specialist', 'qlkh']] },
  {
    username: 'motcua',
    fullName: 'Võ Thanh Tùng',
    unit: 'ttpvhcc',
    grants: [
      ['one_stop_officer', 'sokhcn'],
      ['one_stop_officer', 'ttpvhcc'],
    ],
  },
  { username: 'thamdinh', fullName: 'Đặng Văn Hải', unit: 'sonv', grants: [['appraiser', 'province']] },
] as const;

export async function seedPlatform(ctx: DemoContext): Promise<void> {
  const { trx, now, audit, password, hashing } = ctx;
  for (const u of UNITS) {
    const id = randomUUID();
    ctx.units.set(u.key, id);
    const row = {
      id,
      parentId: u.parent ? ctx.units.get(u.parent)! : null,
      kind: u.kind,
      name: u.name,
      nameFolded: foldVietnamese(u.name),
      code: u.code,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('units').values(row).execute();
    await audit.record(trx, null, { action: 'create', entity: 'unit', entityId: id, unitId: id, after: row });
  }
  const passwordHash = await hashPassword(password, hashing);
  for (const u of DEMO_USERS) {
    const id = randomUUID();
    ctx.users.set(u.username, id);
    await trx
      .insertInto('users')
      .values({
        id,
        username: u.username,
        fullName: u.fullName,
        fullNameFolded: foldVietnamese(u.fullName),
        email: `${u.username}@demo.cchc.local`,
        unitId: ctx.units.get(u.unit)!,
        passwordHash,
        isActive: 1,
        mustChangePassword: 0,
        failedAttempts: 0,
        lockedUntil: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    for (const [role, unit] of u.grants) {
      await trx
        .insertInto('roleAssignments')
        .values({ id: randomUUID(), userId: id, role, unitId: ctx.units.get(unit)! })
        .execute();
    }
    await audit.record(trx, null as ServerActor | null, {
      action: 'create',
      entity: 'user',
      entityId: id,
      unitId: ctx.units.get(u.unit)!,
      after: { username: u.username, fullName: u.fullName, grants: u.grants },
    });
  }
}
