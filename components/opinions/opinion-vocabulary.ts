import 'server-only';
import { getTranslations } from 'next-intl/server';
import { loadStatsVocabulary } from '@/components/stats/stats-vocabulary';
import type { OpinionLabels } from './opinion-export';

/** The opinions view's words in the reader's language, for the page and its exports alike. */
export async function loadOpinionVocabulary() {
  const [{ labels, provinces, clubs }, t] = await Promise.all([loadStatsVocabulary(), getTranslations('opinions')]);
  const opinionLabels: OpinionLabels = {
    column: (key) => t(`columns.${key}`),
    source: (source) => t(`sources.${source}`),
    province: labels.province,
    club: labels.club,
    topic: (topic) => (topic === 'event' ? t('eventTopic') : labels.complaintTopic(topic)),
    sheet: t('sheet'),
  };
  return { labels: opinionLabels, provinces, clubs };
}
