import { useTranslations } from 'next-intl';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { IScannerControls } from '@zxing/browser';
import { buttonClass } from '@/components/ui/button';

type CameraProblem = 'denied' | 'missing' | 'failed' | 'unavailable';

function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'failed';
}

/**
 * Reads a ticket's QR code with the device camera, one code per start. The scanning library is
 * loaded only when the camera starts, so the door page stays light where nobody scans.
 */
export function CameraScanner({ onCode, closedNote }: { onCode: (code: string) => void; /** While the doors are shut: the id of the note saying when they open. */ closedNote: string | null }) {
  const t = useTranslations('checkin.camera');
  const video = useRef<HTMLVideoElement>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const read = useEffectEvent((code: string) => {
    setScanning(false);
    onCode(code);
  });
  const fail = useEffectEvent((reason: CameraProblem) => {
    setProblem(reason);
    setScanning(false);
  });

  useEffect(() => {
    if (!scanning || !video.current) return;
    let cancelled = false;
    let controls: IScannerControls | null = null;
    const element = video.current;
    const start = async () => {
      // Camera access needs a secure context (HTTPS); without it the browser offers no camera at all.
      if (!navigator.mediaDevices?.getUserMedia) {
        fail('unavailable');
        return;
      }
      try {
        const { BrowserQRCodeReader } = await import('@zxing/browser');
        const started = await new BrowserQRCodeReader().decodeFromVideoDevice(undefined, element, (result, _error, current) => {
          if (!result || cancelled) return;
          current.stop();
          read(result.getText());
        });
        if (cancelled) started.stop();
        else controls = started;
      } catch (error) {
        if (!cancelled) fail(cameraProblemOf(error));
      }
    };
    void start();
    return () => {
      cancelled = true;
      controls?.stop();
    };
  }, [scanning]);

  return (
    <div className="space-y-2">
      {scanning ? (
        <>
          <video ref={video} muted playsInline aria-label={t('preview')} className="aspect-square w-full max-w-sm rounded-lg bg-black object-cover" />
          <p className="text-sm text-gray-600">{t('hint')}</p>
          <button type="button" onClick={() => setScanning(false)} className={buttonClass('secondary', 'min-h-12 w-full text-base')}>
            {t('stop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          disabled={closedNote !== null}
          aria-describedby={closedNote ?? undefined}
          onClick={() => {
            setProblem(null);
            setScanning(true);
          }}
          className={buttonClass('secondary', 'min-h-12 w-full text-base')}
        >
          {t('start')}
        </button>
      )}
      {problem ? (
        <p role="alert" data-testid="camera-problem" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t(problem)}
        </p>
      ) : null}
    </div>
  );
}
