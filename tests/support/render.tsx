import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import type { ReactElement, ReactNode } from 'react';
import { Provider } from 'react-redux';
import { makeStore, type AppStore, type RootState } from '../../src/app/store';
import { initI18n, type Lang } from '../../src/shared/i18n/i18n';

export interface ProvidersOptions extends Omit<RenderOptions, 'wrapper' | 'queries'> {
  /** state for a new store (ignored when `store` is given) */
  preloadedState?: Partial<RootState>;
  /** a store the test made, e.g. with a city loaded (tests/support/city.ts) */
  store?: AppStore;
  /** the page's language: Vietnamese unless the test says otherwise */
  lang?: Lang;
}

/** Sets the page's language: the first time as src/main.tsx does, then as a `?lang=` switch would. */
function setLanguage(lang: Lang): void {
  if (!i18next.isInitialized) {
    initI18n(lang);
    return;
  }
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/**
 * Renders `ui` as the app does: inside the real store (src/app/store.ts) and the real translations.
 * Returns Testing Library's queries, the store (to dispatch what the stream would) and a user-event
 * `user` to type and click with.
 */
export function renderWithProviders(ui: ReactElement, options: ProvidersOptions = {}) {
  const { preloadedState, store = makeStore(preloadedState), lang = 'vi', ...renderOptions } = options;
  setLanguage(lang);
  const user = userEvent.setup();
  function Providers({ children }: { children: ReactNode }) {
    return <Provider store={store}>{children}</Provider>;
  }
  return { store, user, ...render(ui, { wrapper: Providers, ...renderOptions }) };
}
