import type { CSSProperties } from 'react';

/**
 * Status of a risk direction / school / indicator in «500+» monitoring. Colour-blind safe
 * (Okabe–Ito blue / vermillion / grey) and never colour alone: an icon and a word always go with it.
 */
const STYLES: Record<'yes' | 'no' | 'none', { icon: string; text: string; style: CSSProperties }> = {
  yes: { icon: '✔', text: 'позитивная', style: { background: '#d6eaf8', borderColor: '#0072b2', color: '#003d5c' } },
  no: { icon: '✖', text: 'нет', style: { background: '#fbe0cc', borderColor: '#d55e00', color: '#6b2f00' } },
  none: { icon: '○', text: 'нет данных', style: { background: '#f0f0f0', borderColor: '#9a9a9a', color: '#555' } },
};

const BASE: CSSProperties = { display: 'inline-block', border: '1px solid', borderRadius: 4, padding: '1px 6px', whiteSpace: 'nowrap', fontSize: '0.9rem' };

export function statusKey(positive: boolean | null | undefined): 'yes' | 'no' | 'none' {
  return positive === true ? 'yes' : positive === false ? 'no' : 'none';
}

/** A status badge: icon + word (+ optional detail such as «2 из 3»), coloured by status. */
export function StatusBadge({ positive, detail, labels }: { positive: boolean | null | undefined; detail?: string; labels?: Partial<Record<'yes' | 'no' | 'none', string>> }) {
  const key = statusKey(positive);
  const s = STYLES[key];
  return (
    <span style={{ ...BASE, ...s.style }} data-status={key}>
      <span aria-hidden="true">{s.icon} </span>
      {labels?.[key] ?? s.text}
      {detail ? <span style={{ opacity: 0.85 }}> · {detail}</span> : null}
    </span>
  );
}

/** Legend for the status colours. */
export function StatusLegend() {
  return (
    <p className="muted" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
      Обозначения: <StatusBadge positive={true} labels={{ yes: 'позитивная динамика' }} /> <StatusBadge positive={false} labels={{ no: 'динамика не позитивная' }} />
      <StatusBadge positive={null} /> · стрелка — изменение от 1 к 2 этапу: ↑ улучшение, → без изменений, ↓ ухудшение
    </p>
  );
}
