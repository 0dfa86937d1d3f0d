/* 结算单上服务器算好的信息：费用分类、本年累计、大写金额（屏幕与打印一致） */
import { $, clear, el, show } from './lib/dom.js';
import { moneyNode, moneyText } from './lib/format.js';

/** 费用分类：按项目编码归类的金额及其甲、乙、丙类（mappings/fee-categories.yaml） */
export function renderCategories(facts) {
  const rows = facts && Array.isArray(facts.categories) ? facts.categories : [];
  show($('bill-categories-wrap'), rows.length > 0);
  const cells = (r) => ['amount', 'class_a', 'class_b', 'class_c'].map((k) => el('td', { class: 'num' }, moneyNode(r[k])));
  const row = (r, extra) => el('tr', { dataset: { category: r.code }, 'data-testid': 'category-row', ...extra },
    el('th', { scope: 'row', text: r.name }), ...cells(r));
  const body = clear($('bill-categories').tBodies[0]);
  for (const r of rows) body.append(row(r));
  const foot = clear($('bill-categories').tFoot);
  if (facts && facts.categories_total) foot.append(row(facts.categories_total, { class: 'is-total' }));
}

/** 本年累计：本次结算后（含本次、不含以后的结算）该人本年度各基金的累计与剩余额度 */
export function renderYear(facts) {
  const y = facts && facts.year_to_date;
  show($('bill-year-wrap'), !!(y && y.rows && y.rows.length));
  if (!y) return;
  $('bill-year-note').textContent = `${y.year} 年度第 ${y.settlement} 次结算（含本次）`;
  const money = (v) => (v === null || v === undefined ? '—' : moneyNode(v));
  const body = clear($('bill-year').tBodies[0]);
  for (const r of y.rows) {
    body.append(el('tr', { dataset: { pool: r.pool }, 'data-testid': 'year-row' }, el('th', { scope: 'row', text: r.fund }),
      el('td', { class: 'num' }, money(r.base)), el('td', { class: 'num' }, money(r.paid)),
      el('td', { class: 'num' }, money(r.cap)), el('td', { class: 'num' }, money(r.cap_left))));
  }
}

/** 大写金额：应补缴 / 应退还 / 个人现金（服务器按结算单算好，屏幕与打印一致） */
const WORDS_LABEL = { due: '应补缴', refund: '应退还', cash: '个人现金支付' };

export function renderWords(facts) {
  const on = !!(facts && facts.amount_words);
  show($('amount-words-line'), on);
  $('amount-words-label').textContent = on ? `${WORDS_LABEL[facts.amount_kind] || '金额'}（${moneyText(facts.amount)}）：` : '';
  $('amount-words').textContent = on ? facts.amount_words : '';
}
