// The scanner's input. A handheld scanner types a code and Enter, often faster than the server
// answers, so codes are queued and resolved one after another (GET /api/v1/stock/scan) in the
// order they came. Each one beeps: high when it was taken, low when it was not. With
// `keepFocus` the input takes the focus back whenever it would otherwise fall to the page
// (after a button or a blank area was clicked), but never from another field being edited.
import { BarcodeOutlined } from '@ant-design/icons';
import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scanCode, type ScanAnswer } from '../api/purchasing';
import { problemText } from '../pages/finance/common';

/** What a scan did: taken (a line changed) or refused with the reason shown. */
export type ScanOutcome = { ok: true; message?: string } | { ok: false; message: string };

interface Props {
  /** Called with what the code is; the outcome beeps and shows under the input. */
  onScan: (scan: ScanAnswer) => ScanOutcome | Promise<ScanOutcome>;
  keepFocus?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
}

let audio: AudioContext | null = null;

/** A short beep: 1,760 Hz for a scan taken, 220 Hz for one refused. */
export function beep(ok: boolean): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = ok ? 1760 : 220;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + (ok ? 0.08 : 0.3));
  } catch {
    /* no sound on this device */
  }
}

function typingElsewhere(): boolean {
  const active = document.activeElement as HTMLElement | null;
  if (!active || active === document.body) return false;
  return active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName);
}

export function ScanInput({ onScan, keepFocus, autoFocus, placeholder, id, disabled, style }: Props) {
  const { t } = useTranslation();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [last, setLast] = useState<{ code: string; outcome: ScanOutcome } | null>(null);
  const [busy, setBusy] = useState(false);
  const queue = useRef<string[]>([]);
  const running = useRef(false);
  const handler = useRef(onScan);
  handler.current = onScan;

  const drain = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    while (queue.current.length) {
      const code = queue.current.shift()!;
      let outcome: ScanOutcome;
      try {
        outcome = await handler.current(await scanCode(code));
      } catch (e) {
        outcome = { ok: false, message: problemText(e) };
      }
      beep(outcome.ok);
      setLast({ code, outcome });
    }
    running.current = false;
    setBusy(false);
  };

  useEffect(() => {
    if (!keepFocus || disabled) return;
    // Whatever blurs, the focus comes back unless another field took it.
    const onFocusOut = () => setTimeout(() => {
      if (!typingElsewhere() && !document.querySelector('.ant-modal-wrap, .ant-drawer-open, .ant-select-dropdown:not(.ant-select-dropdown-hidden)')) {
        input.current?.focus();
      }
    }, 0);
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, [keepFocus, disabled]);

  return (
    <div style={style}>
      <Input
        ref={input}
        id={id}
        size="large"
        autoFocus={autoFocus}
        disabled={disabled}
        prefix={<BarcodeOutlined />}
        placeholder={placeholder ?? t('supply.scan.placeholder')}
        aria-label={placeholder ?? t('supply.scan.placeholder')}
        value={text}
        autoComplete="off"
        data-testid="scan-input"
        onChange={(e) => setText(e.target.value)}
        onPressEnter={(e) => {
          e.preventDefault();
          const code = text.trim();
          setText('');
          if (!code) return;
          queue.current.push(code);
          void drain();
        }}
      />
      <div aria-live="polite" data-testid="scan-status" className={last && !last.outcome.ok ? 'verp-cell-error' : 'verp-dim-label'}
        style={{ minHeight: 20, marginTop: 4 }}>
        {busy ? t('supply.scan.resolving') : last ? `${last.code}：${last.outcome.message ?? t('supply.scan.taken')}` : t('supply.scan.hint')}
      </div>
    </div>
  );
}
