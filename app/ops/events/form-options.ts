import 'server-only';
import { coversClub, isHq, type Actor } from '@/lib/domain/access';
import { CLUB_CODES, EVENT_KINDS_BY_CLUB, SEGMENTS, type ClubCode } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { listProvinces } from '@/lib/server/provinces';
import type { EventDetailsValues } from '@/components/events/ops-event-fields';

/** The clubs an actor may schedule for, and (HQ only) the provinces to choose from. */
export async function eventFormOptions(actor: Actor, locale: string) {
  const [names, provinces] = await Promise.all([clubNamesIn(locale), isHq(actor) ? listProvinces() : Promise.resolve(undefined)]);
  return {
    clubs: CLUB_CODES.filter((c) => coversClub(actor, c)).map((code) => ({ code, name: names[code] ?? code })),
    provinces: provinces?.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) })),
  };
}

/** A new event's starting values: free, open to every segment. */
export function blankEventDetails(clubCode: ClubCode): EventDetailsValues {
  return {
    clubCode,
    kind: EVENT_KINDS_BY_CLUB[clubCode][0]!,
    titleZh: '',
    titleEn: '',
    descriptionZh: '',
    descriptionEn: '',
    venue: '',
    venueEn: '',
    city: '',
    capacity: '',
    priceType: 'free',
    priceYuan: '',
    pricePoints: '',
    eligibleSegments: SEGMENTS,
  };
}
