import { ClubBanner } from '@/components/clubs/club-mark';
import type { ClubCode } from '@/lib/domain/types';

/**
 * A club's or event's cover in a box of fixed proportions (5:2), so that nothing moves when the
 * picture arrives; without a cover, the club's colour and symbol fill the same box.
 */
export function CoverPicture({ src, alt, club, className = '', eager = false }: { src: string | null; alt: string; club: ClubCode; className?: string; eager?: boolean }) {
  return (
    <div className={`aspect-[5/2] w-full overflow-hidden bg-gray-100 ${className}`}>
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element -- served cached for good by /images/<hash>; next/image's optimiser would need sharp and a second copy
        <img src={src} alt={alt} width={1000} height={400} loading={eager ? 'eager' : 'lazy'} decoding="async" className="h-full w-full object-cover" data-testid="cover-image" />
      ) : (
        <ClubBanner club={club} />
      )}
    </div>
  );
}
