// The front page: what Netra is, and the services this server offers (only those whose API
// routes it has).
import { t } from '../i18n.mjs';
import { el } from '../app.mjs';

export async function render(main, ctx) {
  const { PAGES, pageAvailable } = await import('../app.mjs');
  const items = PAGES.filter((p) => p.nav !== false && pageAvailable(p) && (!p.login || ctx.state.me)
    && !(p.hideWhenIn && ctx.state.me));
  main.append(el('h1', {}, t('home.title')), el('p', {}, t('home.lead')),
    el('p', {}, t('home.law')),
    el('h2', {}, t('home.services')),
    items.length ? el('ul', { id: 'services' }, ...items.map((p) => el('li', {},
      el('a', { href: `#${p.path}` }, t(p.title)), ': ', t(`home.about.${p.mod}`))))
      : el('p', { class: 'alert warn' }, t('home.none')));
}
