import { COMPLAINT_TOPIC_NAMES } from '@/lib/domain/complaint-rules';
import type { ComplaintTopic } from '@/lib/domain/types';
import type { Locale } from './locale';

/** Picks the English text in the English UI when there is one; Chinese otherwise. */
export function localized(locale: string, zh: string, en: string | null | undefined): string {
  return (locale as Locale) === 'en' && en ? en : zh;
}

/** An event's venue in both languages and its city (written in Chinese). */
export interface EventPlace {
  venue: string;
  venueEn: string | null;
  city: string | null;
}

/**
 * Where an event takes place. The English venue is written with its city, so it stands alone; the
 * Chinese venue gets its city in front, unless its name already says the city.
 */
export function localizedPlace(locale: string, place: EventPlace): string {
  const zh = place.city && !place.venue.includes(place.city) ? `${place.city} · ${place.venue}` : place.venue;
  return localized(locale, zh, place.venueEn);
}

/** A complaint topic's name in the UI's language. */
export function complaintTopicName(locale: string, topic: ComplaintTopic): string {
  return localized(locale, COMPLAINT_TOPIC_NAMES[topic].zh, COMPLAINT_TOPIC_NAMES[topic].en);
}
