import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { COMPLAINT_TOPICS, type ComplaintTopic } from '@/lib/domain/types';
import { complaintTopicName, localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { listProvinces } from '@/lib/server/provinces';
import type { StatsLabels } from './stats-tables';

/** The words of the statistics area in the UI language, for the page and its exports alike. */
export async function loadStatsVocabulary() {
  const locale = await getLocale();
  const [t, tSegments, tChannels, tServices, clubNames, provinceRows] = await Promise.all([
    getTranslations('stats'),
    getTranslations('segments'),
    getTranslations('channels'),
    getTranslations('serviceKinds'),
    clubNamesIn(locale),
    listProvinces(),
  ]);
  const provinces = provinceRows.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) }));
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  const labels: StatsLabels = {
    t: (key, values) => t(key, values),
    club: (code) => clubNames[code] ?? code,
    province: (code) => provinceNames.get(code) ?? code,
    segment: (code) => (tSegments.has(code) ? tSegments(code) : code),
    channel: (code) => (tChannels.has(code) ? tChannels(code) : code),
    service: (kind) => (tServices.has(kind) ? tServices(kind) : kind),
    complaintTopic: (topic) => ((COMPLAINT_TOPICS as readonly string[]).includes(topic) ? complaintTopicName(locale, topic as ComplaintTopic) : topic),
    title: (zh, en) => localized(locale, zh, en),
  };
  return { labels, provinces, clubs: Object.entries(clubNames).map(([code, name]) => ({ code, name })) };
}
