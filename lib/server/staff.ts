import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { provinces, staff } from '@/db/schema';
import { DomainError, forbidden } from '@/lib/domain/errors';
import { createStaffInput, type CreateStaffInput } from '@/lib/validation/staff';
import { audit, type Writer } from './audit';
import { hashPassword } from './passwords';

function mayManageStaff(writer: Writer): boolean {
  return writer.kind === 'system' || (writer.kind === 'staff' && writer.role === 'admin');
}

/** Creates a staff account. Admins only, or the command line (for a deployment's first admin). */
export async function createStaff(writer: Writer, raw: CreateStaffInput) {
  if (!mayManageStaff(writer)) throw forbidden();
  const input = createStaffInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(async (tx) => {
    if (input.provinceCode) {
      const [p] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, input.provinceCode));
      if (!p) throw new DomainError('unknown_province');
    }
    const [existing] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.username, input.username));
    if (existing) throw new DomainError('username_taken', 'conflict');
    const [row] = await tx
      .insert(staff)
      .values({
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash,
        role: input.role,
        provinceCode: input.provinceCode,
      })
      .returning({ id: staff.id, username: staff.username, role: staff.role, provinceCode: staff.provinceCode });
    await audit(tx, writer, { action: 'staff.create', entityType: 'staff', entityId: row!.id, after: row });
    return row!;
  });
}

export async function listStaff(writer: Writer) {
  if (!mayManageStaff(writer)) throw forbidden();
  return getReader()
    .select({
      id: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      provinceCode: staff.provinceCode,
      active: staff.active,
    })
    .from(staff)
    .orderBy(asc(staff.role), asc(staff.username));
}
