import 'server-only';
import { forbidden } from 'next/navigation';
import { coversClub, isHq, type SessionActor } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listProvinces } from '@/lib/server/provinces';
import { serviceProvinceOf } from '@/lib/validation/service-ops';

export interface ServiceScope {
  hq: boolean;
  /** null: HQ has not chosen a province yet. */
  province: string | null;
  provinceName: string;
  provinces: { code: string; name: string }[];
}

/**
 * The province a services page works on: the operator's own, or the one HQ picked in the URL. The
 * services are the handset club's: for an operator of other clubs every page of the area is 403.
 */
export async function loadServiceScope(actor: SessionActor, chosen: string | undefined, locale: string): Promise<ServiceScope> {
  if (!coversClub(actor, 'handset')) forbidden();
  return loadProvinceScope(actor, chosen, locale);
}

/** The province an operators' page of every club works on (the complaints queue), chosen as for the services. */
export async function loadProvinceScope(actor: SessionActor, chosen: string | undefined, locale: string): Promise<ServiceScope> {
  const all = await listProvinces();
  const province = serviceProvinceOf(actor.provinceCode, chosen, all.map((p) => p.code));
  const provinces = all.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) }));
  return { hq: isHq(actor), province, provinceName: provinces.find((p) => p.code === province)?.name ?? '', provinces };
}

/** A link inside the services area that keeps HQ's province. */
export function servicesHref(scope: Pick<ServiceScope, 'hq' | 'province'>, path: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  if (scope.hq && scope.province) q.set('province', scope.province);
  for (const [key, value] of Object.entries(params)) if (value) q.set(key, value);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
