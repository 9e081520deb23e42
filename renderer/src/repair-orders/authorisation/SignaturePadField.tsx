import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

/**
 * A box the customer signs in (mouse, pen or finger: signature_pad follows pointer events and draws smooth strokes).
 * Reports the drawing as a PNG data URL after every stroke, and null when cleared.
 */
export function SignaturePadField(props: { onChange: (png: string | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChange = useRef(props.onChange);
  useEffect(() => {
    onChange.current = props.onChange;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Drawn at the screen's pixel density so the strokes are sharp; at most 2x keeps the PNG small.
    const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 2);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { penColor: '#1a2b4c', minWidth: 0.8, maxWidth: 2.4 });
    padRef.current = pad;
    const ended = () => onChange.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    return () => {
      pad.removeEventListener('endStroke', ended);
      pad.off();
      padRef.current = null;
    };
  }, []);

  return (
    <div className="field field-wide" data-field="signaturePng">
      <span className="field-label" id="signature-label">
        {t('authorisation.signatureLabel')}
      </span>
      <div className="signature-box">
        <canvas
          ref={canvasRef}
          className="signature-canvas"
          role="img"
          aria-labelledby="signature-label"
          data-testid="signature-pad"
        />
        <button
          type="button"
          onClick={() => {
            padRef.current?.clear();
            onChange.current(null);
          }}
        >
          {t('authorisation.clearSignature')}
        </button>
      </div>
      <span className="muted small">{t('authorisation.signatureHint')}</span>
      {props.error ? (
        <span className="field-error" role="alert">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}
