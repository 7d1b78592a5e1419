import 'server-only';
import { forbidden, notFound } from 'next/navigation';
import { DomainError } from '@/lib/domain/errors';

/**
 * For pages: a use-case's refusal becomes the matching page (403 or 404) instead of an error
 * page; anything else is rethrown.
 */
export async function orPageError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.category === 'not_found') notFound();
      if (error.category === 'forbidden') forbidden();
    }
    throw error;
  }
}
