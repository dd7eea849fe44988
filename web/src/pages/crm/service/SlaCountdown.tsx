// A live SLA countdown: the time left to a deadline (or overdue by), ticking each second from
// the server's due time and clock, amber within the reminder window, red once breached.
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, slaClock, stateColour } from '../../../lib/crm/serviceSla';

/** The server's time now, from the skew measured when the board was loaded; ticks every second. */
export function useServerNow(skew: number): number {
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    setNow(Date.now() + skew);
    const timer = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(timer);
  }, [skew]);
  return now;
}

export function SlaCountdown({ label, dueAt, met, remindBeforeMinutes, now }: {
  label: string;
  dueAt: string | null;
  met: boolean;
  remindBeforeMinutes: number;
  now: number;
}) {
  const { t } = useTranslation();
  const clock = slaClock(dueAt, met, remindBeforeMinutes, now);
  if (!clock) return null;
  return (
    <Tooltip title={`${t(`crm.service.sla.${clock.state}`)} · ${dueAt ?? ''}`}>
      <Tag color={stateColour(clock.state)} data-sla={clock.state}>
        {label} {formatCountdown(clock.remainingSeconds)}
      </Tag>
    </Tooltip>
  );
}
