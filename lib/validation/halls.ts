import { z } from 'zod';
import { HALL_KINDS } from '@/lib/domain/types';
import { optionalText, plainLine } from './fields';

const requiredText = (max: number, code: string) => plainLine(z.string(code).trim().min(1, code).max(max, 'text_too_long'));

/**
 * A hall or 3G brand store of a province: a new one (HQ names the province) or changes to one
 * (hallId). Inactive halls stay on record but are offered for no new slot or phone.
 */
export const hallInput = z.object({
  hallId: z.coerce.number().int().positive().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{6}$/, 'unknown_province')
    .optional(),
  kind: z.enum(HALL_KINDS, { error: 'invalid_input' }),
  nameZh: requiredText(100, 'hall_name_required'),
  nameEn: optionalText(100),
  city: requiredText(30, 'city_required'),
  address: plainLine(z.string().trim().max(200, 'text_too_long')).default(''),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});

export type HallInput = z.output<typeof hallInput>;
