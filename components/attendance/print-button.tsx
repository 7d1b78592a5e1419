'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog; the page's print styles leave out everything but the roster. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" className="no-print" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
