import { useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/i18n/i18n';
import type { TourStep } from './script';
import './stage.css';

/** Which language the captions are in: one, or both (a delegation from abroad with their hosts). */
export type CaptionLang = Lang | 'both';

export function captionLangFromSearch(search: string): CaptionLang {
  const lang = new URLSearchParams(search).get('lang');
  return lang === 'en' || lang === 'both' ? lang : 'vi';
}

/**
 * The tour's words on the stage: the scene's title and caption, the figure it speaks of (read live by
 * src/app), and where the tour is. Text only: captions are the city's file, rendered as text, never HTML.
 */
export function TourOverlay({
  step,
  index,
  total,
  lang,
  figure,
  paused,
}: {
  step: TourStep;
  index: number;
  total: number;
  lang: CaptionLang;
  /** the figure's label and value, formatted; value null when the stream has not brought it yet */
  figure: { label: string; value: string | null };
  paused: boolean;
}) {
  const { t } = useTranslation();
  const langs: Lang[] = lang === 'both' ? ['vi', 'en'] : [lang];
  return (
    <div className="tour-overlay" data-testid="tour-overlay">
      <section className="tour-caption" data-testid="tour-caption" data-lang={lang} aria-live="polite">
        {langs.map((l) => (
          <div key={l} className={`tour-caption-${l}`} lang={l}>
            <h2 className="tour-title">{step.title[l]}</h2>
            <p className="tour-text">{step.caption[l]}</p>
          </div>
        ))}
      </section>
      <section className="tour-figure" data-testid="tour-figure" data-has-value={figure.value !== null}>
        <span className="tour-figure-value num">{figure.value ?? t('stage.noValue')}</span>
        <span className="tour-figure-label">{figure.label}</span>
      </section>
      <nav className="tour-progress" data-testid="tour-step" data-step={index} aria-label={t('stage.tour')}>
        <span className="tour-count num">{t('stage.step', { n: index + 1, total })}</span>
        <span className="tour-dots" aria-hidden="true">
          {Array.from({ length: total }, (_, i) => (
            <span key={i} className={i === index ? 'tour-dot on' : 'tour-dot'} />
          ))}
        </span>
        {paused && (
          <span className="tour-paused" data-testid="tour-paused">
            ⏸ {t('stage.paused')}
          </span>
        )}
      </nav>
    </div>
  );
}

/** What is wrong with the city's stage file or the scene asked for, said on the screen it concerns. */
export function StageProblem({ text }: { text: string }) {
  return (
    <div className="stage-problem" role="alert" data-testid="stage-problem">
      {text}
    </div>
  );
}
