import { z } from 'zod';
import { STAFF_ROLES } from '@/lib/domain/types';

export const createStaffInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'username: 3-32 letters, digits, dots, dashes or underscores'),
    displayName: z.string().trim().min(1).max(50).optional(),
    password: z.string().min(8, 'password: at least 8 characters').max(200),
    role: z.enum(STAFF_ROLES),
    provinceCode: z
      .string()
      .regex(/^\d{6}$/, 'province: a six-digit GB/T 2260 code')
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'admin' && v.provinceCode) {
      ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'an admin works at HQ and has no province' });
    }
    if (v.role === 'operator' && !v.provinceCode) {
      ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'an operator needs a province' });
    }
  });

export type CreateStaffInput = z.infer<typeof createStaffInput>;
