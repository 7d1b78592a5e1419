import { z } from 'zod';
import { parseYuan } from '@/lib/domain/money';
import { imeiRefusal, isCalendarDate, normalizeImei } from '@/lib/domain/warranty';
import { id, optionalText, plainLine, plainText } from './fields';

/** An IMEI as typed at the counter (spaces and hyphens allowed), checked by its Luhn digit. */
export const imei = z
  .string('invalid_imei')
  .transform(normalizeImei)
  .superRefine((value, ctx) => {
    const refusal = imeiRefusal(value);
    if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
  });

const calendarDate = (code: string) => z.string(code).trim().refine(isCalendarDate, code);
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An operator registers a handset their province sold: at which hall, to whom (a 3G customer of the province, when the buyer is one). */
export const registerHandsetInput = z
  .object({
    hallId: id,
    imei,
    model: plainLine(z.string('warranty_model_required').trim().min(1, 'warranty_model_required').max(60, 'text_too_long')),
    purchasedOn: calendarDate('invalid_date'),
    /** Left blank: one year from purchase. */
    warrantyEndsOn: z.preprocess(blankAsMissing, calendarDate('invalid_date').optional()),
    mobile: z.preprocess(blankAsMissing, z.string().trim().max(20, 'invalid_mobile').optional()),
  })
  .strict();
export type RegisterHandsetInput = z.output<typeof registerHandsetInput>;

/**
 * A hall serves a repair on a handset. The fee (yuan, as typed) is given only for a paid repair out
 * of warranty; `requestKey` is the form's own, so that a double click serves it once.
 */
export const serveRepairInput = z
  .object({
    handsetId: id,
    hallId: id,
    fault: plainText(z.string('warranty_fault_required').trim().min(1, 'warranty_fault_required').max(500, 'text_too_long')),
    work: plainText(z.string('warranty_work_required').trim().min(1, 'warranty_work_required').max(500, 'text_too_long')),
    parts: optionalText(200),
    feeYuan: z.preprocess(
      blankAsMissing,
      z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (value === undefined) return null;
          const fen = parseYuan(value);
          if (fen === null) {
            ctx.addIssue({ code: 'custom', message: 'invalid_price' });
            return z.NEVER;
          }
          return fen;
        }),
    ),
    requestKey: z.string('invalid_input').trim().min(8, 'invalid_input').max(100, 'invalid_input'),
  })
  .strict();
export type ServeRepairInput = z.output<typeof serveRepairInput>;

/** The warranty page's search: an IMEI to look up, and (HQ) the province whose halls it works for. */
export const warrantySearch = z.object({
  imei: z.string().max(40).optional().catch(undefined),
  province: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
});
